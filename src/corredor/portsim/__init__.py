"""Container-terminal simulation: berths, quay cranes, yard, gate.

The public surface:

- :func:`simulate` - replicated discrete-event simulation of a terminal
  scenario, with confidence intervals (:class:`SimulationResult`);
- :func:`load_scenario`, :func:`override`, :func:`packaged_scenarios` -
  sourced scenarios (Chancay phase 1 and 2, Callao South Terminal) from
  TOML/YAML files;
- :func:`wait_time_curve`, :class:`WaitCurve`, :class:`PortDelayModel` -
  waiting time against throughput, and the interpolating model the planner
  uses as a port's delay;
- :func:`simulate_queue` - the plain M/M/c or M/D/c berth queue used for
  validation, with :func:`erlang_c_wait`, :func:`mdc_wait` and
  :func:`cosmetatos_wait`;
- :func:`run_replication`, :func:`run_terminal` - one replication or the
  bare quay engine, with an event trace;
- :func:`plot_result`, :func:`plot_wait_curve` - matplotlib figures.

Times are in hours, rates per hour, throughput in TEU per year.
"""

from __future__ import annotations

from typing import Any

from corredor.portsim.delay import (
    CURVE_METRICS,
    PortDelayModel,
    WaitCurve,
    packaged_curves,
    wait_time_curve,
)
from corredor.portsim.experiment import simulate
from corredor.portsim.queue import QueueResult, simulate_queue
from corredor.portsim.replication import METRICS, Replication, run_replication
from corredor.portsim.results import SimulationResult
from corredor.portsim.scenario import Scenario, load_scenario, override, packaged_scenarios
from corredor.portsim.stats import Estimate, estimate, mser5
from corredor.portsim.terminal import TerminalRun, TraceEvent, run_terminal
from corredor.portsim.theory import cosmetatos_wait, erlang_c_wait, mdc_wait

__all__ = [
    "CURVE_METRICS",
    "METRICS",
    "Estimate",
    "PortDelayModel",
    "QueueResult",
    "Replication",
    "Scenario",
    "SimulationResult",
    "TerminalRun",
    "TraceEvent",
    "WaitCurve",
    "cosmetatos_wait",
    "erlang_c_wait",
    "estimate",
    "load_scenario",
    "mdc_wait",
    "mser5",
    "override",
    "packaged_curves",
    "packaged_scenarios",
    "plot_result",
    "plot_wait_curve",
    "run_replication",
    "run_terminal",
    "simulate",
    "simulate_queue",
    "wait_time_curve",
]


def __getattr__(name: str) -> Any:
    # matplotlib is imported only when a figure is asked for (CLI start-up time)
    if name in ("plot_result", "plot_wait_curve"):
        from corredor.portsim import plots

        return getattr(plots, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
