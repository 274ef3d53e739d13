"""A tiny deterministic scenario for event-trace tests."""

from __future__ import annotations

from typing import Any

from corredor.portsim import Scenario

DWELL = {"mean_days": 1.0, "cv": 0.0}


def tiny(
    times: tuple[float, ...] = (0.0, 1.0),
    berths: int = 1,
    cranes: int = 2,
    max_cranes: int = 2,
    call_teu: float = 100.0,
    quay_length_m: float = 1000.0,
    **extra: Any,
) -> Scenario:
    """Vessels of 100 moves at the given times; 25 moves/h per crane; 1 h before, 0.5 h after."""
    data: dict[str, Any] = {
        "name": "tiny",
        "locode": "XXTNY",
        "teu_per_year": 1.0e5,
        "warmup_days": 0.0,
        "quay": {
            "length_m": quay_length_m,
            "berths": berths,
            "clearance_m": 20.0,
            "max_draft_m": 16.0,
            "pre_ops_h": 1.0,
            "post_ops_h": 0.5,
        },
        "cranes": {"count": cranes, "gross_moves_per_hour": 25.0},
        "vessel_classes": [
            {
                "name": "box",
                "share": 1.0,
                "loa_m": 300.0,
                "draft_m": 14.0,
                "max_cranes": max_cranes,
                "call_teu_mean": call_teu,
                "call_teu_cv": 0.0,
            }
        ],
        "arrivals": {"process": "fixed", "times_h": list(times), "classes": ["box"] * len(times)},
        "cargo": {
            "discharge_share": 0.5,
            "transshipment_share": 0.2,
            "reefer_share": 0.1,
            "teu_per_move": 1.0,
        },
        "yard": {
            "ground_slots_teu": 100,
            "stacking_height": 2.0,
            "reefer_plugs": 5,
            "import_dwell": DWELL,
            "export_dwell": DWELL,
            "transshipment_dwell": DWELL,
            "reefer_dwell": DWELL,
        },
    }
    data.update(extra)
    return Scenario.model_validate(data)
