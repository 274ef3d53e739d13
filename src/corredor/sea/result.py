"""The result of a sea-route query and its JSON / GeoJSON forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from corredor.geo import KM_PER_NM, geojson_line
from corredor.reference import Port, load_passages

if TYPE_CHECKING:
    from corredor.sea.network import Restrictions, SeaNetwork

__all__ = ["SeaRoute"]


@dataclass(frozen=True)
class SeaRoute:
    """A port-to-port sea route.

    ``coordinates`` is a read-only ``(n, 2)`` array of lon/lat from the
    origin quay to the destination quay.

    ``sailing_days`` is distance over speed; ``passage_days`` adds the
    transit and typical waiting time of canals and straits used (from the
    packaged passages table); ``total_days`` is their sum.
    """

    origin: Port
    destination: Port
    distance_km: float
    speed_kn: float
    passages: tuple[str, ...]
    coordinates: np.ndarray = field(repr=False, compare=False)
    passage_days: float
    avoid: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    max_draft_m: float | None = None

    @property
    def distance_nm(self) -> float:
        """Distance in nautical miles (1,852 m)."""
        return self.distance_km / KM_PER_NM

    @property
    def sailing_days(self) -> float:
        """Days at sea at ``speed_kn``."""
        return self.distance_nm / self.speed_kn / 24.0

    @property
    def total_days(self) -> float:
        """Sailing days plus canal/strait transit and waiting."""
        return self.sailing_days + self.passage_days

    def geometry(self) -> dict[str, Any]:
        """GeoJSON geometry, split at the antimeridian (longitudes in [-180, 180])."""
        return geojson_line(self.coordinates)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``corredor route --format json``."""
        table = load_passages()
        return {
            "origin": _port_dict(self.origin),
            "destination": _port_dict(self.destination),
            "distance_nm": round(self.distance_nm, 1),
            "distance_km": round(self.distance_km, 1),
            "passages": list(self.passages),
            "passage_details": [
                {
                    "name": p,
                    "transit_h": table[p].transit_h,
                    "waiting_h": table[p].waiting_h,
                    "source": table[p].source,
                }
                for p in self.passages
                if p in table
            ],
            "speed_kn": self.speed_kn,
            "sailing_days": round(self.sailing_days, 2),
            "passage_days": round(self.passage_days, 2),
            "total_days": round(self.total_days, 2),
            "restrictions": {
                "avoid": list(self.avoid),
                "via": list(self.via),
                "max_draft_m": self.max_draft_m,
            },
            "geometry": self.geometry(),
        }

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature with the route's figures as properties."""
        props = self.to_dict()
        geom = props.pop("geometry")
        props["name"] = f"{self.origin.short_name} → {self.destination.short_name}"
        return {"type": "Feature", "properties": props, "geometry": geom}

    @classmethod
    def build(
        cls,
        net: SeaNetwork,
        origin: Port,
        destination: Port,
        path: Sequence[int],
        edges: Sequence[int],
        total_km: float,
        speed_kn: float,
        rules: Restrictions,
        draft: float | None,
    ) -> SeaRoute:
        """Assemble a route from a node path and its edge ids (engine use)."""
        n = net.n_total
        pieces: list[np.ndarray] = []
        idx: list[np.ndarray] = []
        names: list[str] = []
        for a, e in zip(path[:-1], edges, strict=True):
            if e < 0:  # origin access leg, flat index -1 - e
                port = int(a % n) - net.n_nodes
                pieces.append(net.access_coords(port, -1 - e - int(net.acc_ptr[port])))
                continue
            lo, hi = int(net.edge_ptr[e]), int(net.edge_ptr[e + 1])
            forward = int(net.edge_u[e]) == a % n
            r = np.arange(lo, hi) if forward else np.arange(hi - 1, lo - 1, -1)
            idx.append(r[1:] if idx else r)
            p = int(net.edge_passage[e])
            if p >= 0 and (not names or names[-1] != net.passage_names[p]):
                names.append(net.passage_names[p])
        if idx:
            flat = np.concatenate(idx)
            pieces.append(np.column_stack([net.geom_lon[flat], net.geom_lat[flat]]))
        if path:
            di = net.port_index[destination.locode]
            nodes, _ = net.access(di)
            leg = int(np.flatnonzero(nodes == path[-1] % n)[0])
            pieces.append(net.access_coords(di, leg)[::-1])
        coords = _join(pieces) if pieces else np.array([[origin.lon, origin.lat]])
        table = load_passages()
        hours = sum(table[p].transit_h + table[p].waiting_h for p in names if p in table)
        return cls(
            origin=origin,
            destination=destination,
            distance_km=total_km,
            speed_kn=speed_kn,
            passages=tuple(names),
            coordinates=_frozen(coords),
            passage_days=hours / 24.0,
            avoid=tuple(sorted(rules.avoid)),
            via=rules.via,
            max_draft_m=draft,
        )


def _join(pieces: Sequence[np.ndarray]) -> np.ndarray:
    # Consecutive pieces share their junction vertex: keep it once.
    return np.vstack([pieces[0], *(p[1:] for p in pieces[1:])])


def _frozen(a: np.ndarray) -> np.ndarray:
    out = np.ascontiguousarray(a, dtype=np.float64)
    out.setflags(write=False)
    return out


def _port_dict(p: Port) -> dict[str, Any]:
    return {"locode": p.locode, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}
