"""Static maps: input checks, Pacific-centred drawing and seam re-splitting."""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from matplotlib.image import imread
from numpy.typing import NDArray

from corredor.errors import InvalidInputError
from corredor.plot import DPI, FIGSIZE, load_land, plot_routes, resplit_line, resplit_polygon

CHANCAY = [-77.27, -11.58]
SHANGHAI = [121.8, 31.2]


def _feature(kind: str, coords: Any, **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": kind, "coordinates": coords},
    }


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _chancay_shanghai(**props: Any) -> dict[str, Any]:
    """A trans-Pacific route as GeoJSON delivers it: split at the antimeridian."""
    return _feature(
        "MultiLineString",
        [
            [CHANCAY, [-90.0, -8.0], [-140.0, 10.0], [-170.0, 25.0], [-180.0, 30.0]],
            [[180.0, 30.0], [160.0, 32.0], [140.0, 33.0], SHANGHAI],
        ],
        **props,
    )


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def _red_column_runs(path: Path) -> int:
    """Number of separate horizontal runs of columns holding pure-red pixels."""
    img = imread(path)[..., :3]
    red = (img[..., 0] > 0.9) & (img[..., 1] < 0.2) & (img[..., 2] < 0.2)
    cols = np.flatnonzero(red.any(axis=0))
    assert len(cols) > 0
    return 1 + int(np.count_nonzero(np.diff(cols) > 3))


def test_peru_shanghai_png(tmp_path: Path) -> None:
    ports = [
        _feature("Point", CHANCAY, name="Chancay"),
        _feature("Point", SHANGHAI, name="Shanghai"),
    ]
    fc = _collection(_chancay_shanghai(color="#ff0000"), *ports)
    out = plot_routes(fc, tmp_path / "sub" / "pacific.png", title="Chancay - Shanghai")
    assert out == tmp_path / "sub" / "pacific.png"
    assert _png_size(out) == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))
    # auto Pacific view: the route is one continuous stroke across the map
    assert _red_column_runs(out) == 1
    # Greenwich-centred view of the same route: two pieces at the map edges
    split = plot_routes(fc, tmp_path / "atlantic.png", center_lon=0.0)
    assert _red_column_runs(split) == 2


def test_named_routes_legend_and_options(tmp_path: Path) -> None:
    fc = _collection(
        _chancay_shanghai(name="Chancay - Shanghai"),
        _feature("LineString", [CHANCAY, [-79.9, 9.3]], name="Chancay - Panama"),
        _feature("LineString", [[-79.9, 9.3], [-75.0, 20.0]], name="Chancay - Panama"),
        _feature("MultiPoint", [CHANCAY, SHANGHAI], name=None),
        {"type": "Feature", "properties": None, "geometry": None},
    )
    out = plot_routes(
        fc, tmp_path / "m.png", extent=(100, -60, -40, 50), labels=False, scale="110m"
    )
    assert _png_size(out) == (1500, 900)
    out = plot_routes(_collection(), tmp_path / "empty.png", center_lon=150)
    assert out.stat().st_size > 10_000


def _bad_inputs() -> list[tuple[Any, dict[str, Any], str]]:
    line = _chancay_shanghai()
    return [
        ([1, 2], {}, "features"),
        ({"type": "Feature", "features": []}, {}, "features"),
        (_collection(_feature("LineString", [[0.0, math.nan], [1, 1]])), {}, "features[0]"),
        (_collection(_feature("LineString", [[0, 95], [1, 1]])), {}, "features[0]"),
        (_collection(_feature("Point", [200, 0])), {}, "features[0]"),
        (_collection(_feature("Point", ["a", 0])), {}, "features[0]"),
        (_collection(_feature("LineString", [[0, 0]])), {}, "features[0]"),
        (
            _collection(_feature("Polygon", [[[0, 0], [1, 0], [0, 1], [0, 0]]])),
            {},
            "features[0].geometry",
        ),
        (_collection(_chancay_shanghai(color="not-a-colour")), {}, "features[0].properties.color"),
        (_collection(line), {"scale": "10m"}, "scale"),
        (_collection(line), {"extent": (0, 10, 20, 10)}, "extent"),
        (_collection(line), {"extent": (0, 10, 20)}, "extent"),
        (_collection(line), {"center_lon": math.inf}, "center_lon"),
    ]


@pytest.mark.parametrize(("features", "kwargs", "argument"), _bad_inputs())
def test_bad_input_raises(
    tmp_path: Path, features: Any, kwargs: dict[str, Any], argument: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        plot_routes(features, tmp_path / "x.png", **kwargs)
    assert info.value.argument == argument
    assert not (tmp_path / "x.png").exists()


def test_resplit_line_bad_input() -> None:
    with pytest.raises(InvalidInputError):
        resplit_line([[0.0, math.nan], [1.0, 1.0]], 0.0)
    with pytest.raises(InvalidInputError):
        resplit_line([1.0, 2.0, 3.0], 0.0)


def test_load_land_unknown_scale() -> None:
    with pytest.raises(InvalidInputError, match="scale"):
        load_land("1m")


# --- re-splitting at the seam ----------------------------------------------------------

lons = st.floats(-180.0, 180.0, allow_nan=False)
lats = st.floats(-90.0, 90.0, allow_nan=False)
points = st.lists(st.tuples(lons, lats), min_size=2, max_size=40)


def _short_way_length(xy: NDArray[np.float64]) -> float:
    d = np.diff(xy, axis=0)
    d[:, 0] -= 360.0 * np.round(d[:, 0] / 360.0)
    return float(np.hypot(d[:, 0], d[:, 1]).sum())


def _length(xy: NDArray[np.float64]) -> float:
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


@settings(max_examples=300, deadline=None)
@given(points, lons)
@example([(0.0, 0.0), (179.99999999999997, 90.0)], 0.0)  # window index rounds up
def test_resplit_line_properties(pts: list[tuple[float, float]], center: float) -> None:
    xy = np.array(pts)
    pieces = resplit_line(xy, center)
    lo = center - 180.0
    assert pieces
    for piece in pieces:
        assert len(piece) >= 2
        assert np.all(piece[:, 0] >= lo - 1e-9)
        assert np.all(piece[:, 0] <= lo + 360.0 + 1e-9)
        assert np.all(np.abs(np.diff(piece[:, 0])) <= 180.0 + 1e-9)
        assert np.all((piece[:, 1] >= -90.0) & (piece[:, 1] <= 90.0))
    total = sum(_length(p) for p in pieces)
    assert total == pytest.approx(_short_way_length(xy), rel=1e-9, abs=1e-6)


def test_resplit_line_joins_antimeridian_parts() -> None:
    west = resplit_line([CHANCAY, [-180.0, 30.0]], -160.0)
    east = resplit_line([[180.0, 30.0], SHANGHAI], -160.0)
    assert len(west) == len(east) == 1
    assert np.array_equal(west[0][-1], east[0][0])  # the two parts meet
    assert resplit_line([[170.0, 0.0], [-170.0, 0.0]], 0.0)[0][-1].tolist() == [180.0, 0.0]


def _ring_area(ring: NDArray[np.float64]) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


@st.composite
def star_polygons(draw: st.DrawFn) -> list[NDArray[np.float64]]:
    """A star-shaped (hence simple) polygon, possibly with a hole round its centre."""
    cx = draw(st.floats(-300.0, 300.0))
    cy = draw(st.floats(-40.0, 40.0))
    rx = draw(st.floats(1.0, 170.0))
    n = draw(st.integers(3, 30))
    jitter = np.array(draw(st.lists(st.floats(0.0, 0.9), min_size=n, max_size=n)))
    angles = (np.arange(n) + jitter) * (2 * math.pi / n)  # increasing, gaps < 4π/n
    radii = np.array(draw(st.lists(st.floats(0.3, 1.0), min_size=n, max_size=n)))
    ext = np.column_stack([cx + rx * radii * np.cos(angles), cy + 45 * radii * np.sin(angles)])
    closed = np.vstack([ext, ext[:1]])  # densify: no edge longer than 90° (the contract)
    steps = np.maximum(1, np.ceil(np.abs(np.diff(closed[:, 0])) / 90.0)).astype(int)
    edges = zip(closed[:-1], closed[1:], steps, strict=True)
    ext = np.vstack([a + np.outer(np.arange(k) / k, b - a) for a, b, k in edges])
    rings = [ext]
    if n >= 8 and draw(st.booleans()):  # gaps < π/2: the exterior keeps 0.28 off the centre
        t = np.linspace(0, 2 * math.pi, 12, endpoint=False)[::-1]
        rings.append(np.column_stack([cx + 0.2 * rx * np.cos(t), cy + 9 * np.sin(t)]))
    return rings


@settings(max_examples=200, deadline=None)
@given(star_polygons(), lons)
def test_resplit_polygon_properties(rings: list[NDArray[np.float64]], center: float) -> None:
    expected = abs(_ring_area(np.vstack([rings[0], rings[0][:1]])))
    if len(rings) > 1:
        expected -= abs(_ring_area(np.vstack([rings[1], rings[1][:1]])))
    lo = center - 180.0
    total = 0.0
    for poly in resplit_polygon(rings, center):
        for k, ring in enumerate(poly):
            assert np.array_equal(ring[0], ring[-1])
            assert np.all(ring[:, 0] >= lo - 1e-9)
            assert np.all(ring[:, 0] <= lo + 360.0 + 1e-9)
            assert np.all(np.abs(np.diff(ring[:, 0])) <= 180.0)
            area = _ring_area(ring)
            assert (area > 0) == (k == 0)
            total += area
    assert total == pytest.approx(expected, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("center", [-158.0, 0.0, 37.5, 180.0])
def test_resplit_land_keeps_area(center: float) -> None:
    land = load_land("110m")
    before = sum(_ring_area(r) for p in land for r in p)
    pieces = [q for p in land for q in resplit_polygon(p, center)]
    assert sum(_ring_area(r) for p in pieces for r in p) == pytest.approx(before, rel=1e-9)
    xs = np.concatenate([r[:, 0] for p in pieces for r in p])
    assert xs.min() >= center - 180.0
    assert xs.max() <= center + 180.0
