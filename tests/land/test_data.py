"""The packaged land data: sourced, consistent with geography and its sources."""

from __future__ import annotations

import csv
import statistics
from importlib.resources import files
from pathlib import Path

import pytest

from corredor.errors import DataError
from corredor.geo import haversine_km
from corredor.land import load_land_network, read_land_network

BASE = Path(str(files("corredor.data") / "land"))


def _rows(name: str) -> list[dict[str, str]]:
    with (BASE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


EDGES = _rows("edges.csv")
NODES = {r["id"]: r for r in _rows("nodes.csv")}

#: Published values, typed in from the cited pages (not from the CSV).
PUBLISHED = {
    ("lima", "chancay_port"): 80,
    ("inapari", "inambari"): 403,
    ("inambari", "urcos"): 300,
    ("azangaro", "inambari"): 306,
    ("urcos", "san_juan_de_marcona"): 763,
    ("sorriso", "santarem_port"): 1385,
    ("buga", "buenaventura_port"): 118,
    ("cali", "buenaventura_port"): 115,
    ("mendoza", "cristo_redentor"): 198,
    ("buenos_aires", "mendoza"): 1224 - 198,
    ("santiago", "san_antonio_port"): 132.8,
    ("rondonopolis", "santos_port"): 1655,
}


def _gc(a: str, b: str) -> float:
    na, nb = NODES[a], NODES[b]
    return float(
        haversine_km(float(na["lat"]), float(na["lon"]), float(nb["lat"]), float(nb["lon"]))
    )


def test_every_row_is_sourced() -> None:
    for row in [*EDGES, *NODES.values()]:
        assert row["source"].strip(), row
        assert row["assumption"] in ("true", "false"), row


def test_estimates_are_flagged_and_reproducible() -> None:
    for row in EDGES:
        if row["circuity"]:
            assert row["assumption"] == "true", row
            expected = _gc(row["from"], row["to"]) * float(row["circuity"])
            assert float(row["distance_km"]) == pytest.approx(expected, abs=0.06), row


def test_circuity_factors_lie_within_published_ratios() -> None:
    # The factors are medians of published road/great-circle ratios (flat and mountain
    # classes), so they must fall inside the range of those ratios.
    ratios = [
        float(r["distance_km"]) / _gc(r["from"], r["to"])
        for r in EDGES
        if r["mode"] == "truck" and r["assumption"] == "false"
    ]
    factors = {float(r["circuity"]) for r in EDGES if r["circuity"]}
    assert factors == {1.22, 1.56}
    assert min(ratios) <= min(factors) and max(factors) <= max(ratios)
    assert 1.2 <= statistics.median(ratios) <= 1.6


def test_distances_at_least_great_circle() -> None:
    for row in EDGES:
        assert float(row["distance_km"]) >= _gc(row["from"], row["to"]) - 1e-6, row


def test_published_rows_reproduce_source() -> None:
    got = {(r["from"], r["to"]): float(r["distance_km"]) for r in EDGES}
    for pair, km in PUBLISHED.items():
        assert got[pair] == pytest.approx(km), pair
        row = next(r for r in EDGES if (r["from"], r["to"]) == pair)
        assert row["assumption"] == "false"
        assert "http" in row["source"]


def test_port_nodes_match_port_table() -> None:
    ports = {
        r["locode"] for r in csv.DictReader((BASE.parent / "ports.csv").open(encoding="utf-8"))
    }
    locodes = {r["locode"] for r in NODES.values() if r["locode"]}
    assert locodes <= ports
    required = {"PECHY", "PECLL", "PEPAI", "PESVY", "BRSSZ", "BRPNG", "BRITQ", "BRVLC", "BRSTM"}
    required |= {"COBUN", "COCTG", "ARBUE", "CLSAI", "CLVAP", "ECGYE", "ECPSJ", "MXZLO", "MXLZC"}
    assert required <= locodes


def test_iata_on_main_cities() -> None:
    net = load_land_network()
    assert net.resolve("LIM") == "lima"
    assert net.resolve("GRU") == net.resolve("VCP") == "sao_paulo"


def _write(tmp: Path, nodes: str, edges: str) -> tuple[Path, Path]:
    (tmp / "n.csv").write_text(nodes, encoding="utf-8")
    (tmp / "e.csv").write_text(edges, encoding="utf-8")
    return tmp / "n.csv", tmp / "e.csv"


NODES_OK = (
    "id,name,country,kind,lat,lon,locode,iata,aliases,source,assumption\n"
    "a,A,PE,city,-12,-77,,,,s,false\nb,B,PE,port,-11,-77,PEXXX,,,s,false\n"
)
EDGE_HEAD = "from,to,mode,distance_km,speed_kmh,hours,notes,source,assumption\n"


@pytest.mark.parametrize(
    ("edges", "column", "row"),
    [
        (EDGE_HEAD + "a,b,truck,abc,60,,,s,false\n", "distance_km", 2),
        (EDGE_HEAD + "a,b,plane,120,60,,,s,false\n", "mode", 2),
        (EDGE_HEAD + "a,b,truck,120,60,,,s,false\na,zz,truck,1,60,,,s,false\n", "to", 3),
        (EDGE_HEAD + "a,b,truck,120,,,,s,false\n", "speed_kmh", 2),
        (EDGE_HEAD + "a,b,truck,120,60,,,,false\n", "source", 2),
        (EDGE_HEAD + "a,b,truck,120,60,,,s,maybe\n", "assumption", 2),
        (EDGE_HEAD + "a,b,truck,nan,60,,,s,false\n", "distance_km", 2),
    ],
)
def test_malformed_edges_name_file_row_column(
    tmp_path: Path, edges: str, column: str, row: int
) -> None:
    n, e = _write(tmp_path, NODES_OK, edges)
    with pytest.raises(DataError) as info:
        read_land_network(n, e)
    assert "e.csv" in str(info.value) and f"row {row}" in str(info.value)
    assert info.value.argument == column


@pytest.mark.parametrize(
    ("nodes", "column"),
    [
        (NODES_OK.replace("-12,-77", "-95,-77"), "lat"),
        (NODES_OK.replace("a,A,PE", "A B,A,PE"), "id"),
        (NODES_OK.replace("a,A,PE", "a,A,Peru"), "country"),
        (NODES_OK.replace("b,B,PE,port", "a,B,PE,port"), "id"),
    ],
)
def test_malformed_nodes(tmp_path: Path, nodes: str, column: str) -> None:
    n, e = _write(tmp_path, nodes, EDGE_HEAD + "a,b,truck,120,60,,,s,false\n")
    with pytest.raises(DataError) as info:
        read_land_network(n, e)
    assert info.value.argument == column and "n.csv" in str(info.value)


def test_missing_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        read_land_network(tmp_path / "nope.csv", tmp_path / "nope2.csv")
    n, e = _write(tmp_path, NODES_OK, "from,to\na,b\n")
    with pytest.raises(DataError, match="missing column"):
        read_land_network(n, e)
