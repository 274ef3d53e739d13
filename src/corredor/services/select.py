"""Which services sail: the current network, or the counterfactual without some ports.

The packaged table holds current services and a few historical versions
(rows with ``valid_to`` and ``superseded_by``), such as COSCO's WSA3 as it
called Callao before switching to Chancay in December 2024. The
counterfactual "without port P" is then the network with every service that
calls P replaced by its documented earlier version when one exists (the loop
that used to call Callao calls Callao again), and left as it is otherwise (the
planner skips the legs through P). Services created for P (the direct
Chancay - Shanghai product) have no earlier version and so offer nothing
from P.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from corredor.services.load import load_services
from corredor.services.model import Service

__all__ = ["services_in_force"]


def services_in_force(
    exclude_ports: Iterable[str] = (),
    *,
    services: Mapping[str, Service] | None = None,
) -> Mapping[str, Service]:
    """Services that sail in the current network, or with ``exclude_ports`` removed.

    Parameters
    ----------
    exclude_ports : iterable of str
        UN/LOCODEs (upper case) taken out of the network.
    services : mapping, optional
        Services by id; the packaged ones by default.

    Returns
    -------
    mapping of str to Service
        Current services (no ``valid_to``), where each one that calls an
        excluded port is replaced by the historical version that it superseded,
        if that version calls none of the excluded ports.
    """
    table = load_services() if services is None else services
    excluded = frozenset(exclude_ports)
    earlier: dict[str, Service] = {}
    for s in table.values():
        if s.historical and s.superseded_by and not any(s.calls_at(p) for p in excluded):
            earlier.setdefault(s.superseded_by, s)
    out: dict[str, Service] = {}
    for sid, s in table.items():
        if s.historical:
            continue
        if sid in earlier and any(s.calls_at(p) for p in excluded):
            old = earlier[sid]
            out[old.service_id] = old
        else:
            out[sid] = s
    return MappingProxyType(out)
