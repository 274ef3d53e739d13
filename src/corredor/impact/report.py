"""HTML report of a stored impact run: figures (matplotlib) and a map of flows.

Figures are drawn on :class:`matplotlib.figure.Figure` with the Agg canvas
(no pyplot global state) and embedded as base64 PNGs, so the HTML file
stands alone; the flow map is also written next to it as a PNG.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from corredor.errors import InvalidInputError
from corredor.impact.montecarlo import METRICS

__all__ = ["flow_map", "write_report"]

_REGION_COLUMNS = (
    "origin_region",
    "teu",
    "diverted_teu",
    "days_saved_total",
    "usd_saved_total",
    "co2e_change_t",
)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _gateway_figure(summary: Mapping[str, Any]) -> bytes:
    rows = [g for g in summary["gateways"] if g["teu_scenario"] > 0 or g["teu_baseline"] > 0]
    rows.sort(key=lambda g: -max(g["teu_scenario"], g["teu_baseline"]))
    names = [g["locode"] for g in rows]
    fig = Figure(figsize=(8, 4), dpi=100)
    ax = fig.add_subplot()
    x = range(len(names))
    ax.bar([i - 0.2 for i in x], [g["teu_baseline"] for g in rows], 0.4, label="baseline")
    ax.bar([i + 0.2 for i in x], [g["teu_scenario"] for g in rows], 0.4, label="scenario")
    ax.set_xticks(list(x), names, rotation=45, ha="right")
    ax.set_ylabel("TEU per year")
    ax.set_title(f"Volumes by gateway: {summary['scenario']} vs. {summary['baseline']}")
    ax.legend()
    fig.tight_layout()
    return _png(fig)


def _region_figure(summary: Mapping[str, Any], key: str, label: str, title: str) -> bytes:
    rows = sorted(summary["by_region"], key=lambda r: r[key])
    fig = Figure(figsize=(8, max(3.0, 0.3 * len(rows) + 1)), dpi=100)
    ax = fig.add_subplot()
    vals = [r[key] for r in rows]
    ax.barh(
        [r["origin_region"] for r in rows], vals, color=["C2" if v >= 0 else "C3" for v in vals]
    )
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(label)
    ax.set_title(title)
    fig.tight_layout()
    return _png(fig)


def flow_map(
    flows: Mapping[str, Sequence[Any]], path: str | Path, *, title: str = "Flows by gateway"
) -> Path:
    """Map PNG: a line from each origin to its main gateway, coloured by gateway.

    ``flows`` holds the columns ``origin``, ``gateway_scenario`` and ``teu``
    of a run's ``run_flows`` table.
    """
    from corredor.land import load_land_network
    from corredor.plot import plot_routes
    from corredor.reference import load_ports

    net = load_land_network()
    ports = load_ports()
    teu: dict[tuple[str, str], float] = {}
    for origin, gw, t in zip(flows["origin"], flows["gateway_scenario"], flows["teu"], strict=True):
        teu[(str(origin), str(gw))] = teu.get((str(origin), str(gw)), 0.0) + float(t)
    gateways = sorted({gw for _, gw in teu})
    colour = {g: f"C{i % 10}" for i, g in enumerate(gateways)}
    features: list[dict[str, Any]] = []
    named: set[str] = set()
    for (origin, gw), _t in sorted(teu.items(), key=lambda kv: -kv[1]):
        try:
            node = net.node(origin)
            start = [node.lon, node.lat]
        except Exception:  # a port code as origin
            p = ports[origin.upper()]
            start = [p.lon, p.lat]
        port = ports[gw]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": gw if gw not in named else None, "color": colour[gw]},
                "geometry": {"type": "LineString", "coordinates": [start, [port.lon, port.lat]]},
            }
        )
        named.add(gw)
    for g in gateways:
        port = ports[g]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": g},
                "geometry": {"type": "Point", "coordinates": [port.lon, port.lat]},
            }
        )
    return plot_routes(
        {"type": "FeatureCollection", "features": features}, path, title=title, labels=True
    )


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:,.0f}" if math.isfinite(x) and abs(x) >= 100 else f"{x:,.3g}"
    return html.escape(str(x))


def _table(rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> str:
    head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_fmt(r.get(k))}</td>" for k in keys) + "</tr>" for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def write_report(
    summary: Mapping[str, Any], flows: Mapping[str, Sequence[Any]], out: str | Path
) -> tuple[Path, Path]:
    """Write ``out`` (HTML) and ``<out stem>_map.png``; returns both paths.

    ``summary`` is a stored run (``ResultsStore.show``), ``flows`` its
    ``run_flows`` table.
    """
    path = Path(out)
    if path.suffix.lower() not in (".html", ".htm"):
        raise InvalidInputError("--out", "an .html file", str(out))
    path.parent.mkdir(parents=True, exist_ok=True)
    map_path = flow_map(
        flows,
        path.with_name(f"{path.stem}_map.png"),
        title=f"Main gateway per origin - {summary['scenario']}",
    )
    figures = {
        "Volumes by gateway, with and without": _gateway_figure(summary),
        "Days saved by origin region": _region_figure(
            summary, "days_saved_total", "TEU-days per year", "Days saved by origin region"
        ),
        "US$ saved by origin region": _region_figure(
            summary, "usd_saved_total", "US$ per year", "Logistics cost saved by origin region"
        ),
        "CO2e change by origin region": _region_figure(
            summary, "co2e_change_t", "t CO2e per year", "CO2e change (scenario - baseline)"
        ),
        "Flow map": map_path.read_bytes(),
    }
    headline = [
        {"metric": k, "value": summary[k], **summary.get("intervals", {}).get(k, {})}
        for k in METRICS
    ]
    conv = summary["convergence"]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>corredor impact {html.escape(summary['run_id'])}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
        "text-align:right}img{max-width:100%}</style></head><body>",
        f"<h1>Impact run {html.escape(summary['run_id'])}</h1>",
        f"<p>Scenario <b>{html.escape(summary['scenario'])}</b> vs. "
        f"<b>{html.escape(summary['baseline'])}</b>; {summary['n_flows']} flows, "
        f"{summary['total_teu']:,.0f} TEU/yr; seed {summary['seed']}, {summary['draws']} "
        f"Monte Carlo draws; corredor {html.escape(summary['corredor_version'])}; "
        f"created {html.escape(summary['created_at'])}; inputs hash "
        f"<code>{html.escape(summary['inputs_hash'][:16])}</code>.</p>",
        f"<p>Equilibrium ({html.escape(conv['method'])}, {html.escape(conv['assignment'])}): "
        f"converged = {conv['converged']}, gap {conv['gap_scenario']:.2g} / "
        f"{conv['gap_baseline']:.2g} after {conv['iterations_scenario']} / "
        f"{conv['iterations_baseline']} iterations (tolerance {conv['tolerance']:g}).</p>",
        "<h2>Headline (central value and 5-50-95 % of the Monte Carlo draws)</h2>",
        _table(headline, ["metric", "value", "p05", "p50", "p95"]),
        "<h2>Gateways</h2>",
        _table(
            summary["gateways"],
            [
                "locode",
                "teu_baseline",
                "teu_scenario",
                "wait_h_baseline",
                "wait_h_scenario",
                "utilisation_scenario",
                "wait_model",
            ],
        ),
        "<h2>Origin regions</h2>",
        _table(
            summary["by_region"],
            _REGION_COLUMNS,
        ),
    ]
    for title, png in figures.items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f"<h2>{html.escape(title)}</h2><img alt='{html.escape(title)}' ")
        parts.append(f"src='data:image/png;base64,{data}'>")
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path, map_path
