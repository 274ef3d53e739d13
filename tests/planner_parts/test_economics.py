"""Emissions, costs, tariffs, landed cost and shelf life (issue 4 components)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corredor.commodities import get_commodity, shelf_life_check
from corredor.costs import (
    CostParameters,
    inland_usd_per_tkm,
    landed_cost,
    port_charges_usd_per_teu,
    sea_freight_usd_per_teu,
    tariff,
)
from corredor.emissions import hub_emissions, ileap_json, leg_emissions
from corredor.errors import DataError, InvalidInputError, UnknownCodeError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "corredor" / "data" / "planner"


def _row(table: str, **match: str) -> dict[str, str]:
    with (DATA / table).open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if all(r[k] == v for k, v in match.items())]
    assert len(rows) == 1, match
    return rows[0]


# --- emissions -------------------------------------------------------------


def test_hand_worked_reefer_teu_sea_plus_truck() -> None:
    sea_f = float(
        _row("emission_factors.csv", factor_id="glec3_container_avg_reefer_lead")["value"]
    )
    road = _row("emission_factors.csv", factor_id="desnz2025_hgv_reefer_artic_33t_wtw")
    t_per_teu = float(_row("commodities.csv", commodity="blueberries")["tonnes_per_teu"])
    expected = sea_f * 1 * 17_000 + float(road["value"]) * t_per_teu * 550
    assert expected == pytest.approx(2363.0 + 453.5025)  # 0.139×17000 + 0.10994×7.5×550
    sea = leg_emissions("sea", 17_000, teu=1, reefer=True)
    truck = leg_emissions("truck", 550, tonnes=t_per_teu, reefer=True)
    assert sea.co2e_kg + truck.co2e_kg == pytest.approx(expected)
    assert sea.basis == "TEU-km" and truck.basis == "t-km"
    assert sea.factor_id == "glec3_container_avg_reefer_lead"
    assert "17000 km" in sea.formula and sea.source and sea.assumption


def test_ttw_below_wtw_and_derivation_stated() -> None:
    for kw in ({"teu": 1, "reefer": True}, {"teu": 2}, {"tonnes": 10.0}):
        wtw = leg_emissions("sea", 10_000, scope="WTW", **kw)
        ttw = leg_emissions("sea", 10_000, scope="TTW", **kw)
        assert 0 < ttw.co2e_kg < wtw.co2e_kg
    derived = leg_emissions("sea", 100, teu=1, scope="TTW")
    assert "derived" in derived.formula and derived.assumption
    assert hub_emissions(2).co2e_kg == pytest.approx(26.0)


def test_allocation_teu_and_tonne_consistency() -> None:
    one = leg_emissions("sea", 12_000, teu=1, reefer=True)
    two = leg_emissions("sea", 12_000, teu=2, reefer=True)
    assert two.co2e_kg == pytest.approx(2 * one.co2e_kg)
    by_t = leg_emissions("sea", 12_000, tonnes=15.0)
    half = leg_emissions("sea", 12_000, tonnes=7.5)
    assert by_t.co2e_kg == pytest.approx(2 * half.co2e_kg)
    shares = one.allocate([5.0, 2.5])
    assert sum(shares) == pytest.approx(one.co2e_kg)
    assert shares[0] == pytest.approx(2 * shares[1])
    # tonne allocation with the DESNZ factor equals factor × t × km
    f = float(_row("emission_factors.csv", factor_id="desnz2025_container_avg_wtw")["value"])
    assert by_t.co2e_kg == pytest.approx(f * 15 * 12_000)


def test_unknown_codes_have_close_matches() -> None:
    with pytest.raises(UnknownCodeError) as exc:
        leg_emissions("shp", 100, tonnes=1)
    assert exc.value.close_matches
    with pytest.raises(UnknownCodeError, match="container"):
        leg_emissions("sea", 100, tonnes=1, vehicle="container 8000")
    with pytest.raises(UnknownCodeError):
        get_commodity("bluebery")
    with pytest.raises(InvalidInputError, match="teu"):
        leg_emissions("sea", 100, tonnes=1, reefer=True)
    with pytest.raises(InvalidInputError, match="tonnes"):
        leg_emissions("road", 100, teu=1)


bad = st.one_of(st.just(math.nan), st.just(math.inf), st.floats(max_value=-1e-9, allow_nan=False))


@given(value=bad)
def test_bad_numbers_rejected(value: float) -> None:
    with pytest.raises(InvalidInputError):
        leg_emissions("sea", value, teu=1)
    with pytest.raises(InvalidInputError):
        leg_emissions("road", 100, tonnes=value)
    with pytest.raises(InvalidInputError):
        hub_emissions(value)
    with pytest.raises(InvalidInputError):
        shelf_life_check("blueberries", value)
    with pytest.raises(InvalidInputError):
        landed_cost("blueberries", "PE", "CN", value, tonnes=1)


@given(
    code=st.text(min_size=1, max_size=12).filter(
        lambda s: (
            s.strip().lower()
            not in {
                "sea",
                "road",
                "rail",
                "air",
                "truck",
                "lorry",
                "ship",
                "ocean",
                "barge",
                "river",
                "hub",
                "port",
                "train",
                "terminal",
                "inland_waterway",
                "inland waterway",
            }
        )
    )
)
def test_unknown_modes_rejected(code: str) -> None:
    with pytest.raises((UnknownCodeError, InvalidInputError)):
        leg_emissions(code, 10, tonnes=1)


@given(d=st.floats(0, 40_000), teu=st.floats(0, 100))
def test_emissions_linear_and_nonnegative(d: float, teu: float) -> None:
    e = leg_emissions("sea", d, teu=teu)
    assert e.co2e_kg >= 0
    assert e.co2e_kg == pytest.approx(e.factor_value * teu * d)


def test_ileap_shape() -> None:
    legs = [
        {
            "mode": "road",
            "origin": "Trujillo",
            "destination": "PECHY",
            "distance_km": 550,
            "tonnes": 7.5,
            "teu": 1,
            "reefer": True,
        },
        {
            "mode": "terminal",
            "origin": "PECHY",
            "destination": "PECHY",
            "distance_km": 0,
            "tonnes": 7.5,
            "teu": 1,
        },
        {
            "mode": "sea",
            "origin": "PECHY",
            "destination": "CNSHA",
            "distance_km": 17_000,
            "tonnes": 7.5,
            "teu": 1,
            "reefer": True,
            "co2e_kg": 2000.0,
        },
    ]
    doc = json.loads(ileap_json(legs, shipment_id="s-1"))  # type: ignore[arg-type]
    sf = doc["shipmentFootprint"]
    assert sf["shipmentId"] == "s-1" and sf["mass"] == "7500"
    tces = sf["tces"]
    assert [t["tceId"] for t in tces] == ["s-1-tce-1", "s-1-tce-2", "s-1-tce-3"]
    assert tces[1]["prevTceIds"] == ["s-1-tce-1"]
    assert "hocId" in tces[1] and "tocId" in tces[0]
    assert tces[2]["co2eWTW"] == "2000"  # a given co2e is kept
    dec = re.compile(r"^-?\d+(\.\d+)?$")
    for t in tces:
        for key in ("mass", "transportActivity", "co2eWTW", "co2eTTW"):
            assert dec.match(t[key]), (key, t[key])
        assert float(t["co2eTTW"]) <= float(t["co2eWTW"])
        assert "dataSource" in t["distance"] and "sfd" in t["distance"]
    modes = {toc["mode"] for toc in doc["tocs"]}
    assert modes == {"Road", "Sea"}
    assert {toc["transportActivityUnit"] for toc in doc["tocs"]} == {"tkm", "TEUkm"}
    assert doc["hocs"][0]["hubType"] == "MaritimeContainerTerminal"
    with pytest.raises(InvalidInputError):
        ileap_json([], shipment_id="x")


# --- costs -----------------------------------------------------------------


def test_tariffs_fta_vs_mfn() -> None:
    pe = tariff("blueberries", "PE", "CN")
    assert pe.rate_pct == 0 and pe.regime == "FTA"
    br = tariff("blueberries", "BR", "CN")
    assert br.rate_pct == 30 and br.regime == "MFN"
    assert tariff("081040", "CL").rate_pct == 0
    assert tariff("bananas", "EC", year=2025).rate_pct == 9
    assert tariff("bananas", "EC", year=2034).rate_pct == 0
    with pytest.raises(UnknownCodeError):
        tariff("blueberries", "PE", "US")


def test_landed_cost_components_sum() -> None:
    for exporter in ("PE", "BR"):
        lc = landed_cost("blueberries", exporter, "CN", 3_000, teu=1)
        parts = (
            lc.fob_usd_per_kg
            + lc.freight_usd_per_kg
            + lc.insurance_usd_per_kg
            + lc.tariff_usd_per_kg
        )
        assert parts == pytest.approx(lc.total_usd_per_kg)
        assert lc.cif_usd_per_kg == pytest.approx(
            lc.fob_usd_per_kg + lc.freight_usd_per_kg + lc.insurance_usd_per_kg
        )
        assert lc.kg == 7_500 and lc.freight_usd_per_kg == pytest.approx(0.4)
        assert lc.total_usd == pytest.approx(lc.total_usd_per_kg * 7_500)
    pe = landed_cost("blueberries", "PE", "CN", 3_000, teu=1)
    br = landed_cost("blueberries", "BR", "CN", 3_000, teu=1)
    assert pe.tariff_usd_per_kg == 0
    assert br.tariff_usd_per_kg == pytest.approx(0.30 * br.cif_usd_per_kg)
    # hand-worked: FOB 6.96 + 0.40 freight + 0.3 % insurance
    assert pe.total_usd_per_kg == pytest.approx((6.96 + 0.4) * 1.003)
    with pytest.raises(DataError):
        landed_cost("copper_concentrate", "PE", "CN", 100, tonnes=25)
    with pytest.raises(InvalidInputError):
        landed_cost("blueberries", "PE", "CN", 100)


def test_freight_and_charges() -> None:
    assert sea_freight_usd_per_teu("PECLL-CN") == 1500
    assert sea_freight_usd_per_teu("PECHY-CNSHA") == pytest.approx(1200)
    assert sea_freight_usd_per_teu("CNSHA-BRSSZ") == pytest.approx((1691 + 5608) / 2)
    assert sea_freight_usd_per_teu("CNSHA-BRSSZ", period="2024-W50") == 5608
    assert inland_usd_per_tkm("road", "BR") == pytest.approx(0.035)
    assert port_charges_usd_per_teu("PECLL", reefer=True, container_ft=20) == 140
    assert port_charges_usd_per_teu("PECHY", reefer=True) == 70  # DEFAULT, per TEU of a 40'
    with pytest.raises(UnknownCodeError):
        sea_freight_usd_per_teu("XX-YY")
    with pytest.raises(UnknownCodeError):
        inland_usd_per_tkm("truck", "ZZ")


def test_overrides_from_toml_and_yaml(tmp_path: Path) -> None:
    toml = tmp_path / "c.toml"
    toml.write_text(
        'level = "low"\ninsurance_pct = 1.0\n[sea_freight_usd_per_teu]\n"PECLL-CN" = 2000\n'
        "[tariff_pct.blueberries]\nPE = 5\n[port_charges_usd_per_teu]\nPECHY = 150\n",
        encoding="utf-8",
    )
    p = CostParameters.from_file(toml)
    assert sea_freight_usd_per_teu("PECLL-CN", params=p) == 2000
    assert sea_freight_usd_per_teu("PECHY-CN", params=p) == pytest.approx(1600)
    assert sea_freight_usd_per_teu("CNSHA-BRSSZ", params=p) == 1691  # low end, not overridden
    assert port_charges_usd_per_teu("PECHY", params=p) == 150
    lc = landed_cost("blueberries", "PE", "CN", 0, tonnes=1, params=p)
    assert lc.insurance_pct == 1.0 and lc.tariff.rate_pct == 5
    yml = tmp_path / "c.yaml"
    yml.write_text("inland_usd_per_tkm:\n  truck:\n    PE: 0.05\n", encoding="utf-8")
    assert inland_usd_per_tkm("truck", "PE", params=CostParameters.from_file(yml)) == 0.05


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("insurance_pct = -1\n", "insurance_pct"),
        ("levle = 'low'\n", "levle"),
        ("[sea_freight_usd_per_teu]\n'PECLL-CN' = 'cheap'\n", "sea_freight_usd_per_teu"),
        ("[air_usd_per_kg]\nCN-BR = -3\n", "air_usd_per_kg"),
    ],
)
def test_override_errors_name_field(tmp_path: Path, text: str, field: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=field):
        CostParameters.from_file(f)


def test_override_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        CostParameters.from_file(tmp_path / "missing.toml")
    broken = tmp_path / "b.toml"
    broken.write_text("level = \n", encoding="utf-8")
    with pytest.raises(DataError):
        CostParameters.from_file(broken)


# --- perishables -----------------------------------------------------------


def test_shelf_life_blueberries() -> None:
    row = _row("commodities.csv", commodity="blueberries")
    normal, ca = float(row["shelf_life_days_normal"]), float(row["shelf_life_days_ca"])
    for days in (23, 35):
        ok, left, basis = shelf_life_check("blueberries", days)
        assert (ok, left) == (normal - days >= 0, normal - days)
        assert "NOT sellable" in basis  # 14 d in normal air: never fresh after 23 d
        ok_ca, left_ca, _ = shelf_life_check("blueberries", days, controlled_atmosphere=True)
        assert (ok_ca, left_ca) == (ca - days >= 0, ca - days)
        assert ok_ca
    assert not shelf_life_check(
        "blueberries", 35, controlled_atmosphere=True, min_remaining_days=10
    ).arrives_sellable


def test_shelf_life_edge_cases() -> None:
    ok, left, basis = shelf_life_check("coffee_green", 60)
    assert ok and math.isinf(left) and "not perishable" in basis
    grapes = shelf_life_check("table_grapes", 30, controlled_atmosphere=True)
    assert "no CA value" in grapes.basis and grapes.remaining_shelf_life_days == 26
    assert get_commodity("0810.40").key == "blueberries"
    assert get_commodity("Fresh blueberries").hs_code == "081040"
