"""Impact scenarios: packaged files, sources per parameter, overrides, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from corredor.errors import DataError, InvalidInputError, UnknownCodeError
from corredor.impact import ImpactScenario, load_impact_scenario, packaged_scenarios

REQUIRED = {
    "baseline",
    "chancay-phase1",
    "chancay-phase2",
    "panama-drought",
    "freight-shock",
    "carbon-price",
}


def test_packaged_scenarios_exist_and_load() -> None:
    assert set(packaged_scenarios()) >= REQUIRED
    for name in packaged_scenarios():
        s = load_impact_scenario(name)
        assert s.name == name
        assert s.description


def test_every_parameter_has_a_source_or_reason() -> None:
    for name in packaged_scenarios():
        s = load_impact_scenario(name)
        assert s.notes, name
        for key, note in s.notes.items():
            text = note.removeprefix("ASSUMPTION:").strip()
            assert text and note != "user-supplied", (name, key)


def test_scenarios_override_defaults() -> None:
    base = load_impact_scenario("baseline")
    p1 = load_impact_scenario("chancay-phase1")
    p2 = load_impact_scenario("chancay-phase2")
    assert not base.chancay and p1.chancay and p2.chancay
    assert (p1.chancay_terminal, p2.chancay_terminal) == ("chancay-phase1", "chancay-phase2")
    assert load_impact_scenario("freight-shock").freight_multiplier == 2.0
    assert load_impact_scenario("carbon-price").carbon_usd_per_t == 100.0
    drought = load_impact_scenario("panama-drought")
    assert drought.passage_penalties["panama"].days > 0
    assert p1.digest() != p2.digest()
    assert not p1.without_chancay().chancay


def test_unknown_scenario_suggests_close_matches() -> None:
    with pytest.raises(UnknownCodeError) as info:
        load_impact_scenario("chancay-phse1")
    assert "chancay-phase1" in info.value.close_matches
    assert info.value.argument == "scenario"


def test_file_with_extends(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "mine"\nextends = "chancay-phase2"\n'
        'carbon_usd_per_t = { value = 50, source = "my ministry" }\ndraws = 3\n',
        encoding="utf-8",
    )
    s = load_impact_scenario(path)
    assert s.name == "mine" and s.chancay_terminal == "chancay-phase2"
    assert s.carbon_usd_per_t == 50.0 and s.draws == 3
    assert s.notes["draws"] == "user-supplied"
    assert s.notes["carbon_usd_per_t"].startswith("my ministry")


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("freight_multiplier = -1\n", InvalidInputError),
        ("assignment = 'random'\n", InvalidInputError),
        ("chancay_terminal = 'chancay-phase9'\n", UnknownCodeError),
        ("carbon_price = 10\n", UnknownCodeError),
        ("tolerance = 0\n", InvalidInputError),
        ("draws = 2.5\n", InvalidInputError),
        ("dwell_range = [2.0, 1.0]\n", InvalidInputError),
        ("this is not toml\n", DataError),
        ("extends = 'mine-loop.toml'\n", DataError),
    ],
)
def test_bad_scenario_files(tmp_path: Path, body: str, error: type[Exception]) -> None:
    path = tmp_path / "mine-loop.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(error):
        load_impact_scenario(path)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidInputError):
        load_impact_scenario("")
    with pytest.raises(DataError):
        load_impact_scenario("no/such/file.toml")
    with pytest.raises(InvalidInputError):
        ImpactScenario(name="x", assignment="logit", logit_scale_usd_per_teu=0.0)
