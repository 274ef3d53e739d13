"""Trade flows: the packaged sample (sources, headline totals) and user files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corredor.errors import CorredorError, DataError, InvalidInputError
from corredor.impact import load_flows, packaged_flows, synthetic_flows
from corredor.reference import list_sources, read_table

#: ECLAC: China - Latin America trade ~US$500 bn (2022); seeds: China - Peru US$37.7 bn (2023)
CHINA_LAC_USD = 500e9
CHINA_PERU_USD = 37.7e9


def test_every_row_is_sourced_and_marked() -> None:
    for table in ("impact/flows.csv", "impact/gateways.csv"):
        rows = read_table(table)
        assert rows, table
        for row in rows:
            assert row["source"].strip(), (table, row)
            assert row["assumption"] in ("true", "false"), (table, row)
    names = {s.table for s in list_sources()}
    assert {"impact/flows.csv", "impact/gateways.csv"} <= names


def test_scaled_rows_say_so() -> None:
    for row in read_table("impact/flows.csv"):
        if "scaled" in row["notes"] or "ASSUMPTION" in row["source"]:
            assert row["assumption"] == "true", row["flow_id"]


def test_sample_is_consistent_with_headline_totals() -> None:
    rows = read_table("impact/flows.csv")
    total = math.fsum(float(r["value_usd"]) for r in rows)
    peru = math.fsum(float(r["value_usd"]) for r in rows if r["origin_country"] == "PE")
    assert 0 < total <= CHINA_LAC_USD
    assert 0 < peru <= CHINA_PERU_USD
    # TEU and tonnes agree with the commodities' tonnes per TEU
    from corredor.commodities import get_commodity

    for r in rows:
        assert r["hs_code"] == get_commodity(r["commodity"]).hs_code
        tpt = get_commodity(r["commodity"]).tonnes_per_teu
        assert float(r["teu"]) == pytest.approx(float(r["tonnes"]) / tpt, rel=1e-3, abs=0.1)


def test_packaged_table_loads() -> None:
    flows = packaged_flows()
    assert len(flows) == len(read_table("impact/flows.csv"))
    assert np.all(flows.teu > 0)
    assert flows.total_teu == pytest.approx(float(np.sum(flows.teu)))
    assert load_flows().digest() == flows.digest()


def test_csv_and_parquet_round_trip(tmp_path: Path) -> None:
    flows = packaged_flows().take(slice(0, 5))
    cols = flows.columns()
    pq.write_table(pa.table(cols), tmp_path / "f.parquet")
    csv_path = tmp_path / "f.csv"
    keys = list(cols)
    lines = [",".join(keys)] + [
        ",".join(f'"{cols[k][i]}"' for k in keys) for i in range(len(flows))
    ]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in (tmp_path / "f.parquet", csv_path):
        loaded = load_flows(path)
        assert loaded.digest() == flows.digest(), path


@pytest.mark.parametrize(
    ("text", "argument"),
    [
        ("origin,destination,commodity,teu\nLima,CNSHA,soybeans,nan\n", "flows.teu"),
        ("origin,destination,commodity,teu\nLima,CNSHA,soybeans,-3\n", "flows.teu"),
        ("origin,destination,commodity,teu\nLima,CNSHA,soybeans,0\n", "flows.teu"),
        ("origin,destination,commodity,teu\nLima,CNSHA,soybeans,abc\n", "flows.teu"),
        ("origin,destination,commodity,teu\n,CNSHA,soybeans,3\n", "flows.origin"),
        (
            "origin,destination,commodity,teu,value_usd\nLima,CNSHA,soybeans,3,inf\n",
            "flows.value_usd",
        ),
    ],
)
def test_bad_values_name_the_column(tmp_path: Path, text: str, argument: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        load_flows(path)
    assert info.value.argument == argument
    assert "row 1" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "origin,destination,teu\nLima,CNSHA,3\n",  # no commodity column
        "origin,destination,commodity,teu\n",  # no rows
        "origin,destination,commodity,teu\nLima,CNSHA,soybeans,3,extra\n",
    ],
)
def test_malformed_files_are_data_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError):
        load_flows(path)


def test_missing_file_and_wrong_extension(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_flows(tmp_path / "nope.csv")
    other = tmp_path / "flows.xlsx"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CorredorError):
        load_flows(other)


def test_synthetic_flows_are_reproducible() -> None:
    a = synthetic_flows(1000, seed=3)
    b = synthetic_flows(1000, seed=3)
    c = synthetic_flows(1000, seed=4)
    assert a.digest() == b.digest() != c.digest()
    assert len(a) == 1000 and np.all(a.teu > 0)
    with pytest.raises(InvalidInputError):
        synthetic_flows(0)
