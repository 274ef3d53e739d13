"""Packaged reference data: coverage, sources, lookups."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from corredor import UnknownPortError
from corredor.reference import get_passage, load_passages, load_ports

CORRIDOR_PORTS = [
    "PECHY", "PECLL", "PEPAI", "ECGYE", "COBUN", "COCTG", "MXZLO", "MXLZC", "PABLB",
    "CLSAI", "CLVAP", "BRSSZ", "BRPNG", "ARBUE", "CNSHA", "CNNGB", "CNSZX", "CNTAO",
    "CNTSN", "CNXMN", "HKHKG", "TWKHH", "KRPUS", "JPYOK", "SGSIN", "USLAX", "USLGB",
]  # fmt: skip
REQUIRED_PASSAGES = [
    "panama", "suez", "magellan", "cape_horn", "good_hope", "malacca", "gibraltar",
    "bab_el_mandeb",
]  # fmt: skip


def _csv_files() -> list[str]:
    root = files("corredor").joinpath("data")
    out = []
    for entry in root.iterdir():
        if entry.name.endswith(".csv"):
            out.append(entry.name)
        elif entry.is_dir():
            out += [f"{entry.name}/{e.name}" for e in entry.iterdir() if e.name.endswith(".csv")]
    return sorted(out)


@pytest.mark.parametrize("name", _csv_files())
def test_every_packaged_row_has_a_source(name: str) -> None:
    text = files("corredor").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows, name
    assert "source" in rows[0], f"{name} has no source column"
    missing = [i for i, r in enumerate(rows) if not (r["source"] or "").strip()]
    assert not missing, f"{name}: rows without source: {missing[:10]}"
    if "assumption" in rows[0]:
        assert {r["assumption"].strip().lower() for r in rows} <= {"true", "false"}


def test_port_table_size_and_corridor_overrides() -> None:
    ports = load_ports()
    assert len(ports) >= 3000
    for code in CORRIDOR_PORTS:
        p = ports[code]
        assert p.curated, code
        assert p.source and -90 <= p.lat <= 90 and -180 <= p.lon <= 180
    chancay = ports["PECHY"]
    assert chancay.max_draft_m == pytest.approx(17.8)
    assert (chancay.lat, chancay.lon) != (ports["PECLL"].lat, ports["PECLL"].lon)


def test_search_and_get() -> None:
    ports = load_ports()
    assert ports.search("chancay")[0].locode == "PECHY"
    assert ports.search("PECLL")[0].locode == "PECLL"
    assert ports.search("shangai")[0].locode == "CNSHA"  # typo tolerated
    assert ports.get_port("pe chy").locode == "PECHY"
    with pytest.raises(UnknownPortError) as exc:
        ports.get_port("XXXXX")
    assert "XXXXX" in str(exc.value)


def test_passages_table() -> None:
    table = load_passages()
    for name in REQUIRED_PASSAGES:
        assert name in table and table[name].source
    assert table["panama"].max_draft_m == pytest.approx(15.2)
    assert get_passage("Cape Horn").name == "cape_horn"
