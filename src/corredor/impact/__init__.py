"""Regional impact analysis: trade flows assigned with and without Chancay.

>>> from corredor.impact import run_impact
>>> result = run_impact("chancay-phase1", draws=0, save=False)
>>> result.to_dict()["converged"]
True
"""

from __future__ import annotations

from corredor.impact.flows import FlowTable, load_flows, packaged_flows, synthetic_flows
from corredor.impact.run import ImpactResult, run_impact
from corredor.impact.scenario import ImpactScenario, load_impact_scenario, packaged_scenarios

__all__ = [
    "FlowTable",
    "ImpactResult",
    "ImpactScenario",
    "load_flows",
    "load_impact_scenario",
    "packaged_flows",
    "packaged_scenarios",
    "run_impact",
    "synthetic_flows",
]
