"""The public API: ``__all__`` is exactly what is promised, and every name exists."""

from __future__ import annotations

import corredor
from corredor.errors import CorredorError

EXPECTED = {
    "CorredorError", "DataError", "InvalidInputError", "NoRouteError", "Passage", "Port",
    "PortTable", "SeaNetwork", "SeaRoute", "UnknownCodeError", "UnknownPortError",
    "__version__", "distance_matrix", "load_passages", "load_ports", "load_sea_network",
    "sea_route", "list_sources", "PortDelayModel", "SimulationResult", "load_scenario",
    "simulate", "simulate_queue", "wait_time_curve", "plan", "compare", "Itinerary",
    "Comparison", "catchment",
    "run_impact", "ImpactResult", "ResultsStore",
    "create_app",
}  # fmt: skip


def test_all_is_the_promised_surface() -> None:
    assert set(corredor.__all__) == EXPECTED
    for name in corredor.__all__:
        assert hasattr(corredor, name), name


def test_one_exception_family() -> None:
    for name in (
        "DataError",
        "InvalidInputError",
        "NoRouteError",
        "UnknownCodeError",
        "UnknownPortError",
    ):
        assert issubclass(getattr(corredor, name), CorredorError)
    err = corredor.InvalidInputError("speed_kn", "a number in (0, 40]", float("nan"))
    assert "speed_kn" in str(err) and "nan" in str(err)
    assert err.to_dict()["argument"] == "speed_kn"
