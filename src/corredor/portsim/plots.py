"""Matplotlib figures of simulation results (no pyplot global state)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from corredor.portsim.delay import WaitCurve
from corredor.portsim.results import SimulationResult

__all__ = ["plot_result", "plot_wait_curve"]


def plot_result(result: SimulationResult, path: str | Path) -> Path:
    """Four panels: utilisation with CIs, waiting times, yard stock and daily waits over time."""
    summary = result.summary()
    fig = Figure(figsize=(11, 8), layout="constrained")
    ax = fig.subplots(2, 2)
    names = [
        "berth_utilisation",
        "crane_utilisation",
        "yard_mean_utilisation",
        "yard_peak_utilisation",
    ]
    labels = ["berths", "cranes", "yard (mean)", "yard (peak)"]
    means = [summary[n].mean for n in names]
    errs = [summary[n].half_width if summary[n].n > 1 else 0.0 for n in names]
    ax[0, 0].bar(labels, means, yerr=errs, capsize=4, color="#4477aa")
    ax[0, 0].axhline(1.0, color="grey", lw=0.8, ls="--")
    ax[0, 0].set_ylabel("utilisation (95 % CI)")
    ax[0, 0].set_title("Utilisation")
    ax[0, 1].hist(result.replications["mean_wait_h"], bins=30, alpha=0.7, label="mean wait")
    ax[0, 1].hist(result.replications["p95_wait_h"], bins=30, alpha=0.7, label="p95 wait")
    ax[0, 1].set_xlabel("hours, one value per replication")
    ax[0, 1].set_title("Vessel waiting time for a berth")
    ax[0, 1].legend()
    days = np.arange(result.daily_yard_teu.shape[1])
    with warnings.catch_warnings():  # days without arrivals in every replication
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, mid, hi = np.nanpercentile(result.daily_yard_teu, [5, 50, 95], axis=0)
        wait = np.nanmean(result.daily_wait_h, axis=0)
    ax[1, 0].fill_between(days, lo, hi, alpha=0.3, label="5-95 % of replications")
    ax[1, 0].plot(days, mid, lw=1, label="median")
    ax[1, 0].axhline(
        result.yard_capacity_teu, color="red", lw=0.8, ls="--", label="static capacity"
    )
    ax[1, 0].axvspan(0, result.warmup_days, color="grey", alpha=0.15, label="warm-up")
    ax[1, 0].set_xlabel("day")
    ax[1, 0].set_ylabel("TEU in yard (daily mean)")
    ax[1, 0].set_title("Yard occupancy")
    ax[1, 0].legend(fontsize=8)
    ax[1, 1].plot(days, wait, lw=0.8)
    ax[1, 1].axvspan(0, result.warmup_days, color="grey", alpha=0.15)
    ax[1, 1].set_xlabel("arrival day")
    ax[1, 1].set_ylabel("mean wait, h")
    ax[1, 1].set_title("Waiting time by arrival day (mean of replications)")
    fig.suptitle(
        f"{result.scenario}: {result.teu_per_year / 1e6:.2f} M TEU/yr offered, "
        f"{result.n} replications x {result.years:g} yr"
    )
    out = Path(path)
    fig.savefig(out, dpi=110)
    return out


def plot_wait_curve(curve: WaitCurve, path: str | Path) -> Path:
    """Waiting time against throughput with 95 % CIs, and berth utilisation."""
    c = curve.columns
    x = c["teu_per_year"] / 1e6
    fig = Figure(figsize=(8, 5), layout="constrained")
    ax = fig.subplots()
    for name, label in (("mean_wait_h", "mean wait"), ("p95_wait_h", "p95 wait")):
        ax.plot(x, c[name], marker="o", label=label)
        ax.fill_between(x, c[name + "_ci_low"], c[name + "_ci_high"], alpha=0.25)
    sat = c["saturated"] > 0
    if np.any(sat):
        ax.scatter(x[sat], c["mean_wait_h"][sat], color="red", zorder=3, label="saturated")
    ax.set_xlabel("offered throughput, M TEU/yr")
    ax.set_ylabel("vessel waiting time, h (95 % CI)")
    ax.set_yscale("symlog", linthresh=10.0)
    right = ax.twinx()
    right.plot(x, c["berth_utilisation"], color="grey", ls="--", label="berth utilisation")
    right.set_ylabel("berth utilisation")
    right.set_ylim(0, 1.05)
    lines = ax.get_legend_handles_labels()
    more = right.get_legend_handles_labels()
    ax.legend(lines[0] + more[0], lines[1] + more[1], loc="upper left")
    ax.set_title(
        f"{curve.scenario}: waiting time vs throughput ({curve.replications} replications "
        f"x {curve.years:g} yr, common random numbers)"
    )
    out = Path(path)
    fig.savefig(out, dpi=110)
    return out
