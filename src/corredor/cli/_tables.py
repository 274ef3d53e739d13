"""Rich tables shared by plan, compare, catchment and demo."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.table import Table

from corredor.planner import CatchmentRow, Comparison, Itinerary

__all__ = ["catchment_table", "comparison_tables", "itinerary_table"]


def itinerary_table(its: Sequence[Itinerary], title: str) -> Table:
    """One row per itinerary: gateway, route, days, cost, CO2e, shelf life."""
    t = Table(title=title)
    for col in ("#", "gateway", "route", "days", "port-port", "cost US$", "CO2e kg", "sellable"):
        t.add_column(col, justify="left" if col in ("gateway", "route") else "right")
    for i, it in enumerate(its, 1):
        moving = [leg for leg in it.legs if leg.mode in ("sea", "air")]
        stops = [moving[0].origin] if moving else []
        for leg in moving:
            stops += [*leg.stops, leg.destination] if leg.mode == "air" else [leg.destination]
        route = " → ".join(stops) or "—"
        left = it.remaining_shelf_life_days
        life = "yes (not perishable)" if math.isinf(left) else f"yes ({left:.0f} d left)"
        t.add_row(
            str(i),
            it.gateway,
            route,
            f"{it.total_days:.1f}",
            f"{it.port_to_port_days:.1f}",
            f"{it.cost_usd:,.0f}",
            f"{it.co2e_kg:,.0f}",
            life if it.arrives_sellable else "NO",
        )
    return t


def comparison_tables(c: Comparison) -> tuple[Table, Table, str]:
    """Both itineraries, the days by component, and a one-line summary."""
    its = itinerary_table([c.with_, c.without], "with / without " + ", ".join(c.without_ports))
    t = Table(title="where the days go")
    for col in ("component", "with", "without", "difference"):
        t.add_column(col, justify="left" if col == "component" else "right")
    for comp, a, b, d in c.rows:
        t.add_row(comp, f"{a:.1f}", f"{b:.1f}", f"{d:+.1f}")
    summary = (
        f"door to destination: {c.days_saved:.1f} days saved; "
        f"port to port: {c.port_to_port_days_saved:.1f} days saved"
    )
    return its, t, summary


def catchment_table(rows: Sequence[CatchmentRow], destination: str) -> Table:
    """Best gateway per export case with and without the removed ports."""
    removed = ", ".join(rows[0].without_ports) if rows else ""
    t = Table(title=f"catchment → {destination}: with / without {removed}")
    for col in ("case", "gateway with", "days", "gateway without", "days", "saved d", "Δ US$"):
        t.add_column(col, justify="left" if col.startswith(("case", "gateway")) else "right")
    for r in rows:
        t.add_row(
            r.case.label,
            r.with_.gateway,
            f"{r.with_.total_days:.1f}",
            r.without.gateway,
            f"{r.without.total_days:.1f}",
            f"{r.days_saved:.1f}",
            f"{r.usd_saved:+,.0f}",
        )
    return t
