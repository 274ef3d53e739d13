"""Static route maps over the packaged Natural Earth land basemap.

Everything is drawn with :class:`matplotlib.figure.Figure` and the Agg canvas
directly, so importing or using this module never touches pyplot's global
state. Maps use a plate carrée projection whose central meridian can move:
with ``center_lon`` near the date line a Peru - Shanghai route is drawn in one
piece across the Pacific.
"""

from __future__ import annotations

import functools
import json
import math
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import is_color_like
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter, MultipleLocator
from numpy.typing import NDArray

from corredor._antimeridian import Polygon, resplit_line, resplit_polygon
from corredor.errors import DataError, InvalidInputError

__all__ = ["load_land", "plot_routes", "resplit_line", "resplit_polygon"]

#: figure size in inches and resolution of the saved PNG (1500 x 900 pixels)
FIGSIZE = (10.0, 6.0)
DPI = 150
LAND_COLOR = "#d9d9d9"
COAST_COLOR = "#9a9a9a"
SEA_COLOR = "#e8f1fa"
_SCALES = ("50m", "110m")


@functools.cache
def load_land(scale: str = "50m") -> tuple[Polygon, ...]:
    """Packaged Natural Earth land polygons.

    Parameters
    ----------
    scale : {"50m", "110m"}
        Natural Earth scale: 1:50m (detailed) or 1:110m (coarse, small).

    Returns
    -------
    tuple of tuple of ndarray
        Polygons as closed (n, 2) lon/lat rings, exterior first; read-only.
        No polygon crosses the antimeridian.
    """
    if scale not in _SCALES:
        raise InvalidInputError("scale", " or ".join(repr(s) for s in _SCALES), scale)
    name = f"land_{scale}.geojson"
    try:
        text = resources.files("corredor").joinpath("data", "basemap", name).read_text("utf-8")
        geoms = [f["geometry"] for f in json.loads(text)["features"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read packaged basemap {name}: {exc}") from exc
    polys: list[Polygon] = []
    for g in geoms:
        for poly in g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]:
            rings = tuple(np.array(r, dtype=np.float64) for r in poly)
            for r in rings:
                r.setflags(write=False)
            polys.append(rings)
    return tuple(polys)


def _coords(value: Any, argument: str, depth: int, min_len: int = 1) -> NDArray[np.float64]:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidInputError(argument, "numeric lon/lat coordinates", value) from None
    if arr.ndim != depth or arr.shape[-1] != 2 or (depth == 2 and len(arr) < min_len):
        raise InvalidInputError(argument, "[lon, lat] positions", value)
    pts = arr.reshape(-1, 2)
    if not np.all(np.isfinite(pts)):
        raise InvalidInputError(argument, "finite coordinates (no NaN/inf)", value)
    if np.any(np.abs(pts[:, 0]) > 180.0):
        raise InvalidInputError(argument, "longitudes within [-180, 180]", value)
    if np.any(np.abs(pts[:, 1]) > 90.0):
        raise InvalidInputError(argument, "latitudes within [-90, 90]", value)
    return arr


_Route = tuple[str | None, str | None, list[NDArray[np.float64]]]
_Port = tuple[str | None, NDArray[np.float64]]


def _parse(features: Any) -> tuple[list[_Route], list[_Port]]:
    if not (
        isinstance(features, Mapping)
        and features.get("type") == "FeatureCollection"
        and isinstance(features.get("features"), list)
    ):
        raise InvalidInputError("features", "a GeoJSON FeatureCollection dict", features)
    routes: list[_Route] = []
    ports: list[_Port] = []
    for i, feat in enumerate(features["features"]):
        arg = f"features[{i}]"
        if not isinstance(feat, Mapping) or feat.get("type") != "Feature":
            raise InvalidInputError(arg, "a GeoJSON Feature", feat)
        props = feat.get("properties") or {}
        if not isinstance(props, Mapping):
            raise InvalidInputError(f"{arg}.properties", "an object or null", props)
        geom = feat.get("geometry")
        if geom is None:
            continue
        kind = geom.get("type") if isinstance(geom, Mapping) else None
        name, color = props.get("name"), props.get("color")
        name = None if name is None else str(name)
        if color is not None and not is_color_like(color):
            raise InvalidInputError(f"{arg}.properties.color", "a matplotlib colour", color)
        coords = geom.get("coordinates") if isinstance(geom, Mapping) else None
        if kind == "LineString":
            routes.append((name, color, [_coords(coords, arg, 2, 2)]))
        elif kind == "MultiLineString" and isinstance(coords, list) and coords:
            routes.append((name, color, [_coords(c, arg, 2, 2) for c in coords]))
        elif kind == "Point":
            ports.append((name, _coords(coords, arg, 1)))
        elif kind == "MultiPoint":
            ports.extend((name, p) for p in _coords(coords, arg, 2))
        else:
            raise InvalidInputError(
                f"{arg}.geometry", "Point, MultiPoint, LineString or MultiLineString", geom
            )
    return routes, ports


def _auto_center(lons: NDArray[np.float64]) -> float:
    """Centre of the shortest arc holding all longitudes, if it crosses ±180; else 0."""
    if len(lons) == 0:
        return 0.0
    s = np.unique((lons + 180.0) % 360.0 - 180.0)
    gaps = np.diff(np.concatenate([s, [s[0] + 360.0]]))
    i = int(np.argmax(gaps))
    if i == len(s) - 1:  # the widest gap holds the antimeridian: standard view
        return 0.0
    start, end = s[i + 1], s[i] + 360.0
    return float((0.5 * (start + end) + 180.0) % 360.0 - 180.0)


def _lon_label(x: float, _pos: object = None) -> str:
    lon = (x + 180.0) % 360.0 - 180.0
    if abs(abs(lon) - 180.0) < 1e-9:
        return "180°"
    return f"{abs(lon):g}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"


def _lat_label(y: float, _pos: object = None) -> str:
    return f"{abs(y):g}°{'N' if y > 0 else 'S' if y < 0 else ''}"


def _check_extent(extent: Sequence[float]) -> tuple[float, float, float, float]:
    try:
        a, b, c, d = (float(v) for v in extent)
    except (TypeError, ValueError):
        raise InvalidInputError("extent", "(lon_min, lon_max, lat_min, lat_max)", extent) from None
    if not (abs(a) <= 180 and abs(b) <= 180 and a != b and -90 <= c < d <= 90):
        raise InvalidInputError("extent", "lon in [-180, 180], lat_min < lat_max", extent)
    return a, b, c, d


def _fill_frame(x0: float, x1: float, y0: float, y1: float, lo: float) -> tuple[float, ...]:
    """Grow the box to the axes' shape (about 1.55:1 on screen), inside the window."""
    aspect = 1.0 / math.cos(math.radians(min(abs(y0 + y1) / 2, 60.0)))
    want_h, want_w = (x1 - x0) / (1.55 * aspect), (y1 - y0) * aspect * 1.55
    if want_h > y1 - y0:
        y0, y1 = (y0 + y1 - want_h) / 2, (y0 + y1 + want_h) / 2
    else:
        x0, x1 = (x0 + x1 - want_w) / 2, (x0 + x1 + want_w) / 2
    y0, y1 = (max(y0, -90.0), min(y1, 90.0)) if y1 - y0 < 180 else (-90.0, 90.0)
    return max(x0, lo), min(x1, lo + 360.0), y0, y1


def _land_path(scale: str, center_lon: float) -> tuple[MplPath, list[NDArray[np.float64]]]:
    """Land fill path and coastlines (without the cuts along ±180 and the pole)."""
    verts: list[NDArray[np.float64]] = []
    codes: list[NDArray[np.uint8]] = []
    coast: list[NDArray[np.float64]] = []
    for poly in load_land(scale):
        for part in resplit_polygon(poly, center_lon) if center_lon != 0.0 else [poly]:
            for ring in part:
                code = np.full(len(ring), MplPath.LINETO, dtype=np.uint8)
                code[0], code[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
                verts.append(ring)
                codes.append(code)
        for ring in poly:
            a, b = ring[:-1], ring[1:]
            cut = ((np.abs(a[:, 0]) == 180.0) & (a[:, 0] == b[:, 0])) | (
                (np.abs(a[:, 1]) == 90.0) & (a[:, 1] == b[:, 1])
            )
            for chain in np.split(ring, np.flatnonzero(cut) + 1):
                if len(chain) >= 2:
                    coast.extend(resplit_line(chain, center_lon))
    return MplPath(np.concatenate(verts), np.concatenate(codes)), coast


def plot_routes(
    features: Mapping[str, Any],
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    extent: Sequence[float] | None = None,
    center_lon: float | None = None,
    labels: bool = True,
    scale: str | None = None,
) -> Path:
    """Draw routes and ports over the land basemap and save a PNG.

    Parameters
    ----------
    features : dict
        GeoJSON FeatureCollection. LineString/MultiLineString features are
        routes (properties ``name``, ``color``); Point/MultiPoint features are
        ports (property ``name``). Lines split at ±180 are drawn continuously.
    path : str or os.PathLike
        Output PNG file; parent directories are created.
    title : str, optional
        Map title.
    extent : sequence of 4 floats, optional
        ``(lon_min, lon_max, lat_min, lat_max)``; ``lon_min > lon_max`` means
        the box crosses the antimeridian. Default: fit the features with a margin.
    center_lon : float, optional
        Central meridian. Default: the middle of the features (or of
        ``extent``) if they span the antimeridian, else 0.
    labels : bool
        Write port names next to the markers.
    scale : {"50m", "110m"}, optional
        Basemap scale. Default: 110m for views wider than 120°, else 50m.

    Returns
    -------
    pathlib.Path
        The written PNG (1500 x 900 pixels).
    """
    routes, ports = _parse(features)
    if center_lon is not None and not (
        isinstance(center_lon, int | float) and math.isfinite(center_lon)
    ):
        raise InvalidInputError("center_lon", "a finite longitude in degrees", center_lon)
    box = None if extent is None else _check_extent(extent)
    if center_lon is None and box is not None:
        center_lon = _auto_center(np.array(box[:2])) if box[0] > box[1] else 0.0
    elif center_lon is None:
        pts = [p.reshape(-1, 2) for _, _, parts in routes for p in parts]
        pts += [p.reshape(-1, 2) for _, p in ports]
        center_lon = _auto_center(np.concatenate(pts)[:, 0] if pts else np.empty(0))
    c = float(center_lon)
    lo = c - 180.0
    lines = [(n, col, resplit_line(p, c)) for n, col, parts in routes for p in parts]
    port_xy = [(n, np.array([(p[0] - lo) % 360.0 + lo, p[1]])) for n, p in ports]
    if box is not None:
        width = (box[1] - box[0]) % 360.0 or 360.0
        x0 = lo if width == 360.0 else (box[0] - lo) % 360.0 + lo
        x1, y0, y1 = min(x0 + width, lo + 360.0), box[2], box[3]
    else:
        xys = [q for _, _, ps in lines for q in ps] + [p[None, :] for _, p in port_xy]
        xy = np.concatenate(xys) if xys else np.array([[lo + 180.0, 0.0]])
        (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
        mx, my = (180.0, 90.0) if not xys else (max(5, (x1 - x0) / 10), max(5, (y1 - y0) / 10))
        x0, x1, y0, y1 = _fill_frame(x0 - mx, x1 + mx, y0 - my, y1 + my, lo)

    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(facecolor=SEA_COLOR)
    land, coast = _land_path(scale or ("110m" if x1 - x0 > 120.0 else "50m"), c)
    # an edge in the land colour hides hairlines where split pieces meet
    ax.add_patch(PathPatch(land, facecolor=LAND_COLOR, edgecolor=LAND_COLOR, lw=0.3))
    ax.add_collection(LineCollection(coast, colors=COAST_COLOR, linewidths=0.3))
    seen: dict[str, str] = {}
    for i, (name, color, pieces) in enumerate(lines):
        col = color or (seen.get(name) if name else None) or f"C{i % 10}"
        for k, piece in enumerate(pieces):
            label = name if name and k == 0 and name not in seen else None
            ax.plot(piece[:, 0], piece[:, 1], color=col, lw=1.8, label=label, zorder=3)
        if name:
            seen.setdefault(name, col)
    for name, (x, y) in port_xy:
        ax.plot([x], [y], "o", ms=5, mfc="white", mec="black", mew=1.2, zorder=4)
        if labels and name:
            ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.0 / math.cos(math.radians(min(abs(y0 + y1) / 2, 60.0))), adjustable="box")
    step = next(s for s in (1, 2, 5, 10, 15, 20, 30, 45, 60) if (x1 - x0) / s <= 9)
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(_lon_label))
    ax.yaxis.set_major_formatter(FuncFormatter(_lat_label))
    ax.tick_params(labelsize=8)
    ax.grid(color="white", lw=0.5, alpha=0.8)
    if title:
        ax.set_title(title)
    if seen:
        ax.legend(loc="best", fontsize=8, framealpha=0.9)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=DPI, format="png")
    return out
