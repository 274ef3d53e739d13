"""Loading the packaged land network or a user's pair of CSV files."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from corredor.land._data import edge_columns, node_columns, parse_edges, parse_nodes, read_csv
from corredor.land.network import LandNetwork

__all__ = ["load_land_network", "read_land_network"]


def read_land_network(
    nodes_csv: Path | str, edges_csv: Path | str, name: str = "user"
) -> LandNetwork:
    """Build a :class:`LandNetwork` from a nodes CSV and an edges CSV (same columns as packaged).

    Raises
    ------
    DataError
        A file is missing or a cell is malformed (file, row and column named).
    """
    nodes = parse_nodes(read_csv(nodes_csv, node_columns()), Path(str(nodes_csv)).name)
    edges = parse_edges(
        read_csv(edges_csv, edge_columns()), Path(str(edges_csv)).name, {n.id for n in nodes}
    )
    return LandNetwork(nodes, edges, name=name)


@cache
def load_land_network() -> LandNetwork:
    """The packaged corridor network (``corredor/data/land``), built once per process."""
    base = files("corredor.data") / "land"
    return read_land_network(str(base / "nodes.csv"), str(base / "edges.csv"), name="packaged")
