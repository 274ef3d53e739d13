"""Chancay's catchment table: with vs. without, derived from compare()."""

from __future__ import annotations

import json

import pytest

from corredor.cli._app import main
from corredor.errors import UnknownCodeError
from corredor.planner import CATCHMENT_CASES, CatchmentCase, CatchmentRow, catchment, compare


@pytest.fixture(scope="module")
def rows() -> list[CatchmentRow]:
    return catchment()


def test_one_row_per_case_and_fields_are_consistent(rows: list) -> None:  # type: ignore[type-arg]
    assert [r.case for r in rows] == list(CATCHMENT_CASES)
    for r in rows:
        d = r.to_dict()
        assert d["days_saved"] == pytest.approx(d["days_without"] - d["days_with"])
        assert d["usd_saved"] == pytest.approx(d["usd_without"] - d["usd_with"])
        assert d["gateway_without"] != "PECHY"
        # the with-Chancay network only adds options: never slower
        assert r.days_saved >= -1e-9
        if r.days_saved > 1e-9:
            assert r.route_changes


def test_peruvian_blueberries_and_mato_grosso_soy_move_to_chancay(rows: list) -> None:  # type: ignore[type-arg]
    by = {r.case.label: r for r in rows}
    assert by["Peruvian blueberries"].with_.gateway == "PECHY"
    assert by["Peruvian blueberries"].without.gateway == "PECLL"
    assert by["Mato Grosso soy"].with_.gateway == "PECHY"
    # Chilean cherries keep San Antonio
    assert by["Chilean cherries"].with_.gateway == by["Chilean cherries"].without.gateway


def test_rows_match_compare() -> None:
    case = CATCHMENT_CASES[-1]
    (row,) = catchment(cases=[case])
    c = compare(case.origin, "CNSHA", commodity=case.commodity)
    assert row.days_saved == pytest.approx(c.days_saved)


def test_unknown_origin_is_named() -> None:
    with pytest.raises(UnknownCodeError, match="origin"):
        catchment(cases=[CatchmentCase("nowhere", "Atlantis", "soybeans")])


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catchment", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["rows"]) == len(CATCHMENT_CASES)
    assert {"case", "gateway_with", "gateway_without", "days_saved"} <= set(out["rows"][0])
