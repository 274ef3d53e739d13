"""Scenario files: sources for every number, validation naming the field."""

from __future__ import annotations

import math
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.portsim import load_scenario, override, packaged_scenarios

NUMERIC_FIELDS = [
    "teu_per_year",
    "warmup_days",
    "quay.length_m",
    "quay.berths",
    "quay.clearance_m",
    "quay.pre_ops_h",
    "cranes.count",
    "cranes.gross_moves_per_hour",
    "vessel_classes.0.loa_m",
    "vessel_classes.0.call_teu_mean",
    "arrivals.on_time_share",
    "cargo.discharge_share",
    "cargo.teu_per_move",
    "yard.ground_slots_teu",
    "yard.import_dwell.mean_days",
    "gate.lanes",
]


def _leaves(node: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        if "value" in node:
            return [(path, node)]
        return [leaf for k, v in node.items() for leaf in _leaves(v, f"{path}.{k}" if path else k)]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, f"{path}[{i}]")]
    return [(path, node)]


def test_packaged_scenarios() -> None:
    assert packaged_scenarios() == ["callao-muelle-sur", "chancay-phase1", "chancay-phase2"]
    p1, p2 = load_scenario("chancay-phase1"), load_scenario("chancay-phase2")
    assert (p1.quay.berths, p1.cranes.count, p1.teu_per_year, p1.quay.max_draft_m) == (
        2,
        6,
        1e6,
        17.8,
    )
    assert p2.quay.berths > p1.quay.berths and p2.cranes.count > p1.cranes.count
    assert load_scenario("callao-muelle-sur").locode == "PECLL"


@pytest.mark.parametrize("name", ["callao-muelle-sur", "chancay-phase1", "chancay-phase2"])
def test_every_packaged_number_has_a_source_or_reasoned_assumption(name: str) -> None:
    text = resources.files("corredor").joinpath(f"data/terminals/{name}.toml").read_text("utf-8")
    for path, leaf in _leaves(tomllib.loads(text)):
        if isinstance(leaf, dict):
            if leaf.get("assumption") is True:
                assert len(leaf.get("reason", "")) > 15, path
            else:
                src = leaf.get("source", "")
                assert any(str(y) in src for y in range(2005, 2027)), f"{path}: source needs a year"
                assert str(leaf.get("url", "")).startswith("http"), f"{path}: cite a web address"
        else:
            assert not isinstance(leaf, int | float) or isinstance(leaf, bool), (
                f"bare number at {path}"
            )
    for text_src in load_scenario(name).sources.values():
        assert "/work" not in text_src and "file:" not in text_src


def test_override_changes_one_field_and_records_it() -> None:
    base = load_scenario("chancay-phase1")
    new = override(base, {"cranes.count": 8, "vessel_classes.1.share": 0.3})
    assert new.cranes.count == 8 and base.cranes.count == 6
    assert new.sources["cranes.count"] == "override"
    with pytest.raises(InvalidInputError, match="override"):
        override(base, {"cranes.nonexistent": 1})


@settings(max_examples=60, deadline=None)
@given(
    field=st.sampled_from(NUMERIC_FIELDS),
    bad=st.sampled_from([math.nan, math.inf, -math.inf, -1.0, -1e9]),
)
def test_non_finite_or_negative_values_are_rejected_naming_the_field(
    field: str, bad: float
) -> None:
    with pytest.raises(InvalidInputError) as err:
        override(load_scenario("chancay-phase1"), {field: bad})
    assert field in str(err.value)


def test_shares_must_sum_to_one() -> None:
    with pytest.raises(InvalidInputError, match="sum to 1"):
        override(load_scenario("chancay-phase1"), {"vessel_classes.0.share": 0.9})


def test_user_file_extends_a_packaged_scenario(tmp_path: Path) -> None:
    path = tmp_path / "more_cranes.toml"
    path.write_text('extends = "chancay-phase1"\nname = "mine"\n[cranes]\ncount = 9\n', "utf-8")
    scen = load_scenario(path)
    assert (scen.name, scen.cranes.count, scen.quay.berths) == ("mine", 9, 2)
    yml = tmp_path / "s.yaml"
    yml.write_text(
        "extends: chancay-phase1\nyard:\n  reefer_plugs: {value: 2000, source: 'me, 2025'}\n"
    )
    assert load_scenario(yml).yard.reefer_plugs == 2000


@pytest.mark.parametrize(
    ("content", "suffix", "error", "field"),
    [
        ("name = [unclosed", ".toml", DataError, None),
        ("- a\n- b\n", ".yaml", DataError, None),
        (
            'extends = "chancay-phase1"\n[cranes]\ncount = "six"\n',
            ".toml",
            InvalidInputError,
            "cranes.count",
        ),
        (
            'extends = "chancay-phase1"\n[cranes]\nspeed = 3\n',
            ".toml",
            InvalidInputError,
            "cranes.speed",
        ),
        (
            'extends = "chancay-phase1"\n[quay]\nberths = { value = 2 }\n',
            ".toml",
            DataError,
            "quay.berths",
        ),
        (
            'extends = "chancay-phase1"\n[yard]\nreefer_plugs = -5\n',
            ".toml",
            InvalidInputError,
            "yard.reefer_plugs",
        ),
        ('extends = "chancay-phase9"\n', ".toml", UnknownCodeError, None),
        ('name = "x"\n', ".toml", InvalidInputError, "locode"),
    ],
)
def test_malformed_scenario_files(
    tmp_path: Path, content: str, suffix: str, error: type[Exception], field: str | None
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, "utf-8")
    with pytest.raises(error) as err:
        load_scenario(path)
    if field:
        assert field in str(err.value)


def test_missing_file_and_unknown_name() -> None:
    with pytest.raises(DataError, match="cannot read"):
        load_scenario("/nonexistent/scenario.toml")
    with pytest.raises(UnknownCodeError, match="chancay-phase1"):
        load_scenario("chancay-phase")
