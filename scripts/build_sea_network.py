"""Build corredor's packaged sea network from searoute's marine network.

Run once (``.venv/bin/python scripts/build_sea_network.py``); it writes
``src/corredor/data/sea_network.npz``. Steps:

1. read ``marnet_searoute.geojson`` from the installed ``searoute`` wheel
   (Apache-2.0; the network derives from Eurostat's SeaRoute / ORNL's global
   shipping lanes), wrap longitudes into [-180, 180) and merge shared vertices;
2. check every edge against the 1 km GLOBE land mask and re-route each one
   that runs over land around the obstacle through added nodes (the two
   canals, narrower than the mask, are exempt and say so);
3. label passage edges by explicit gate lines (an edge is in a passage when
   it crosses the passage's gate), so Magellan and Cape Horn stay separate;
4. contract chains of degree-2 vertices into single edges with geometry;
5. connect every port with its own access leg(s) that stay on water outside
   the harbour, found by line of sight or, failing that, a water path on the
   mask.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _landmask as lm
from _seanet_access import build_access, pack_access
from _seanet_graph import (
    CANAL_BOXES,
    MAX_VERTEX_GAP_KM,
    Graph,
    add_ocean_shortcuts,
    contract,
    label_passages,
    repair_edges,
    verify,
)
from corredor.reference import load_ports

OUT = Path(__file__).resolve().parents[1] / "src" / "corredor" / "data" / "sea_network.npz"


def _read_marnet() -> list[list[tuple[float, float]]]:
    text = files("searoute").joinpath("data/marnet_searoute.geojson").read_text()
    lines: list[list[tuple[float, float]]] = []
    for feat in json.loads(text)["features"]:
        geom = feat["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for part in parts:
            lines.append([(float(x), float(y)) for x, y in part])
    return lines


def main() -> None:
    cache = Path("/tmp/corredor_seanet_graph.pkl")
    if "--reuse-graph" in sys.argv and cache.exists():
        graph, report = pickle.loads(cache.read_bytes())
        return _finish(graph, report)
    graph = Graph.from_lines(_read_marnet())
    print(f"marnet: {graph.n_nodes} nodes, {len(graph.edges)} edges", flush=True)
    graph.drop_small_components(min_nodes=20)
    report = repair_edges(graph)
    print(f"repaired {len(report['repaired'])} edges over land; exempt {report['exempt']}")
    print(f"removed {len(report['removed_inland'])} inland-waterway edges (lakes, rivers)")
    graph.drop_small_components(min_nodes=20)
    graph.subdivide(MAX_VERTEX_GAP_KM)
    for attempt in range(4):
        remaining = verify(graph)
        if not remaining:
            break
        print(f"pass {attempt + 2}: {len(remaining)} edges clip land, repairing again", flush=True)
        again = repair_edges(graph, only={int(r["edge"]) for r in remaining})
        report["repaired"] += again["repaired"]
        report["removed_inland"] += again["removed_inland"]
        graph.subdivide(MAX_VERTEX_GAP_KM)
    else:
        raise SystemExit(f"edges still over land after repair: {remaining}")
    cache.write_bytes(pickle.dumps((graph, report)))
    _finish(graph, report)


def _finish(graph: Graph, report: dict[str, Any]) -> None:
    import searoute

    n_short = add_ocean_shortcuts(graph)
    print(f"added {n_short} open-ocean great-circle shortcuts", flush=True)
    report["ocean_shortcuts"] = n_short
    graph.subdivide(MAX_VERTEX_GAP_KM)
    label_passages(graph)
    ports = load_ports()
    legs, access_report = build_access(graph, ports)

    print(f"dropped {graph.dedupe()} repeated edges", flush=True)
    net = contract(graph)
    print(f"contracted: {len(net['node_lat'])} nodes, {len(net['edge_u'])} edges", flush=True)
    access = pack_access(legs, ports, net.pop("node_old"))
    meta = {
        "built": dt.date.today().isoformat(),
        "input": f"searoute {searoute.__version__ if hasattr(searoute, '__version__') else '1.6.0'}"
        " data/marnet_searoute.geojson",
        "input_licence": "Apache-2.0 (searoute-py); network from Eurostat SeaRoute (EUPL-1.2),"
        " derived from Oak Ridge National Laboratory global shipping lanes",
        "land_mask": "GLOBE 30 arc-second (~1 km) combined mask from global-land-mask 1.0.0 (MIT)",
        "repaired_edges": report["repaired"],
        "exempt_edges": report["exempt"],
        "removed_inland_edges": report["removed_inland"],
        "ocean_shortcuts": report.get("ocean_shortcuts", 0),
        "exempt_boxes": {k: list(v) for k, v in CANAL_BOXES.items()},
        "ports_without_access": access_report["failed"],
        "channel_ports_km": access_report["channels"],
        "access_stats": access_report["stats"],
    }
    np.savez_compressed(OUT, **net, **access, meta=np.array(json.dumps(meta)))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")
    print(json.dumps(meta["access_stats"]))
    _ = lm  # the land mask is loaded once for every step


if __name__ == "__main__":
    main()
