"""Build the packaged land basemap from the npm package ``world-atlas``.

One-off conversion, run by a maintainer (not at install or run time)::

    .venv/bin/python scripts/build_basemap.py            # runs `npm pack world-atlas@2.0.2`
    .venv/bin/python scripts/build_basemap.py --package-dir /tmp/x/package   # offline

``world-atlas`` (ISC licence, Mike Bostock) redistributes Natural Earth
(public domain) vector data, version 4.1.0, as quantised TopoJSON. This script
decodes the TopoJSON itself (delta-encoded, quantised arcs; no third-party
TopoJSON package is used), turns the "stitched" polygons that cross the
antimeridian back into planar ones (Russia/Chukotka, Fiji, Wrangel Island are
split at ±180; Antarctica is closed along the South Pole), rounds coordinates
and writes:

* ``src/corredor/data/basemap/land_50m.geojson``  (Natural Earth 1:50m land)
* ``src/corredor/data/basemap/land_110m.geojson`` (Natural Earth 1:110m land)
* ``src/corredor/data/basemap/SOURCE.json``       (provenance)

Splitting uses :func:`corredor.plot.resplit_polygon`, the same code that
re-splits the basemap at the seam of a Pacific-centred map.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corredor.plot import resplit_polygon  # noqa: E402

PACKAGE = "world-atlas"
VERSION = "2.0.2"
NATURAL_EARTH_VERSION = "4.1.0"
SCALES = {"50m": "1:50m (medium scale)", "110m": "1:110m (small scale)"}
Array = NDArray[np.float64]


def npm_pack(version: str, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """Download and unpack ``world-atlas@version`` with ``npm pack``."""
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--json"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    meta = json.loads(out.stdout)[0]
    with tarfile.open(workdir / meta["filename"]) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package", meta


def decode_arcs(topo: dict[str, Any]) -> list[Array]:
    """Absolute lon/lat arcs of a (quantised) TopoJSON topology."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        a = np.array(arc, dtype=np.float64)[:, :2]
        if transform is not None:
            a = np.cumsum(a, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(a)
    return arcs


def decode_ring(arcs: list[Array], indices: list[int]) -> Array:
    """Join arcs into a ring; a negative index ``~i`` means arc ``i`` reversed."""
    parts = []
    for k, i in enumerate(indices):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.vstack(parts)


def topo_polygons(topo: dict[str, Any], name: str = "land") -> list[list[Array]]:
    """All polygons (lists of rings) of one object of the topology."""
    arcs = decode_arcs(topo)
    obj = topo["objects"][name]
    geoms = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    polys = []
    for g in geoms:
        if g["type"] == "Polygon":
            polys.append([decode_ring(arcs, r) for r in g["arcs"]])
        elif g["type"] == "MultiPolygon":
            polys.extend([decode_ring(arcs, r) for r in p] for p in g["arcs"])
    return polys


def unwrap(ring: Array) -> tuple[Array, float]:
    """Open ring in continuous longitude, and its net longitude change (0 or ±360)."""
    r = ring[:-1] if np.array_equal(ring[0], ring[-1]) else ring
    d = np.diff(np.vstack([r, r[:1]])[:, 0])
    jumps = np.flatnonzero(np.abs(d) > 180.0)
    if len(jumps):  # start just after a jump: the ring then begins near ±180
        r = np.roll(r, -int(jumps[0] + 1), axis=0)
        d = np.roll(d, -int(jumps[0] + 1))
    d = d - 360.0 * np.round(d / 360.0)
    x = r[0, 0] + np.concatenate([[0.0], np.cumsum(d[:-1])])
    return np.column_stack([x, r[:, 1]]), float(np.sum(d))


def planar_polygon(rings: list[Array]) -> list[Array] | None:
    """Undo TopoJSON stitching: continuous rings; rings round a pole get a polar cap."""
    out: list[Array] = []
    for k, ring in enumerate(rings):
        r, net = unwrap(ring)
        if abs(net) > 180.0:
            pole = 90.0 if r[:, 1].mean() > 0 else -90.0
            if np.all(np.abs(r[:, 1] - pole) < 0.01):
                continue  # the pole itself as a ring (50m Antarctica): replaced by the cap
            # back to the first point, one turn further, then along the pole
            cap_x = np.linspace(r[0, 0] + net, r[0, 0], 37)  # <= 10° steps
            cap = np.column_stack([cap_x, np.full_like(cap_x, pole)])
            r = np.vstack([r, r[0] + np.array([net, 0.0]), cap])
        elif k > 0:  # holes next to their exterior
            r[:, 0] -= 360.0 * np.round((r[:, 0].mean() - out[0][:, 0].mean()) / 360.0)
        out.append(r)
    return out or None


def clean_ring(ring: Array, decimals: int) -> list[list[float]] | None:
    """Round, drop repeated points, close; ``None`` if degenerate."""
    r = np.round(ring, decimals)
    keep = np.ones(len(r), dtype=bool)
    keep[1:] = np.any(np.diff(r, axis=0) != 0.0, axis=1)
    r = r[keep]
    if np.array_equal(r[0], r[-1]):
        r = r[:-1]
    if len(r) < 3:
        return None
    area = 0.5 * (np.dot(r[:, 0], np.roll(r[:, 1], -1)) - np.dot(r[:, 1], np.roll(r[:, 0], -1)))
    if abs(area) < 10.0 ** (-2 * decimals):
        return None
    r = np.vstack([r, r[:1]]) + 0.0  # + 0.0 turns -0.0 into 0.0
    return [[float(x), float(y)] for x, y in r]


def convert(topo: dict[str, Any], decimals: int) -> list[list[list[list[float]]]]:
    """MultiPolygon coordinates: planar, split at ±180, rounded."""
    multipolygon = []
    for rings in topo_polygons(topo):
        planar = planar_polygon(rings)
        if planar is None:
            continue
        for poly in resplit_polygon(planar, 0.0):
            ext = clean_ring(poly[0], decimals)
            if ext is None:
                continue
            holes = [h for h in (clean_ring(r, decimals) for r in poly[1:]) if h is not None]
            multipolygon.append([ext, *holes])
    return multipolygon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help="world-atlas version")
    parser.add_argument("--package-dir", type=Path, help="an unpacked world-atlas package")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "src/corredor/data/basemap")
    parser.add_argument("--decimals", type=int, default=3, help="coordinate decimals")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        npm: dict[str, Any] = {}
        pkg = args.package_dir
        if pkg is None:
            pkg, npm = npm_pack(args.version, Path(tmp))
        package_json = json.loads((pkg / "package.json").read_text())
        licence_text = (pkg / "LICENSE").read_text().strip()
        files = {}
        for scale, description in SCALES.items():
            src = pkg / f"land-{scale}.json"
            raw = src.read_bytes()
            coords = convert(json.loads(raw), args.decimals)
            feature = {
                "type": "Feature",
                "properties": {"name": "land", "scale": scale},
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
            text = json.dumps(
                {"type": "FeatureCollection", "features": [feature]}, separators=(",", ":")
            )
            dest = args.out_dir / f"land_{scale}.geojson"
            dest.write_text(text + "\n", encoding="utf-8")
            files[dest.name] = {
                "natural_earth_layer": f"ne_{scale}_land",
                "scale": description,
                "source_file": src.name,
                "source_sha256": hashlib.sha256(raw).hexdigest(),
                "sha256": hashlib.sha256(dest.read_bytes()).hexdigest(),
                "bytes": dest.stat().st_size,
                "polygons": len(coords),
                "points": sum(len(r) for p in coords for r in p),
            }
            print(f"{dest}: {len(coords)} polygons, {dest.stat().st_size / 1e6:.2f} MB")
    source = {
        "package": package_json["name"],
        "version": package_json["version"],
        "licence": package_json["license"],
        "licence_text": licence_text,
        "homepage": "https://github.com/topojson/world-atlas",
        "npm_tarball": {k: npm[k] for k in ("filename", "shasum", "integrity") if k in npm},
        "data": {
            "name": "Natural Earth land",
            "version": NATURAL_EARTH_VERSION,
            "licence": "public domain",
            "homepage": "https://www.naturalearthdata.com/",
        },
        "files": files,
        "processing": (
            "TopoJSON arcs decoded by the script itself (no TopoJSON package); stitched "
            "polygons made planar, split at the antimeridian with "
            "corredor.plot.resplit_polygon, Antarctica closed along lat -90; exterior "
            f"rings counter-clockwise, holes clockwise; coordinates rounded to "
            f"{args.decimals} decimals"
        ),
        "script": "scripts/build_basemap.py",
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
    }
    (args.out_dir / "SOURCE.json").write_text(json.dumps(source, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
