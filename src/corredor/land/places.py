"""Resolving user place names (id, name, alias, "City, CC", UN/LOCODE, IATA) to node ids."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from corredor.errors import InvalidInputError, UnknownCodeError
from corredor.land._data import NodeRow

__all__ = ["PlaceIndex", "normalise"]


def normalise(text: str) -> str:
    """Case-, accent- and spacing-insensitive key ("São  Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace(",", ", ").split())


class PlaceIndex:
    """Immutable lookup table from every spelling of a place to its node id."""

    def __init__(self, nodes: Sequence[NodeRow]) -> None:
        keys: dict[str, str] = {}
        # Earlier passes win on collisions: an exact id or code beats a name,
        # a name beats an alias, so "Lima" is the city even if a port lists it.
        passes: list[list[tuple[str, str]]] = [
            [(n.id, n.id) for n in nodes],
            [(n.locode, n.id) for n in nodes if n.locode],
            [(code, n.id) for n in nodes for code in n.iata],
            [(n.name, n.id) for n in nodes],
            [(f"{n.name}, {n.country}", n.id) for n in nodes],
            [(alias, n.id) for n in nodes for alias in n.aliases],
        ]
        for entries in passes:
            for key, node_id in entries:
                keys.setdefault(normalise(key), node_id)
        self._keys: Mapping[str, str] = keys
        self._choices: tuple[str, ...] = tuple(keys)

    def resolve(self, place: str, argument: str = "place") -> str:
        """Node id for ``place`` or :class:`UnknownCodeError` with close matches."""
        if not isinstance(place, str) or not place.strip():
            raise InvalidInputError(argument, "a place name, alias, id or code", place)
        key = normalise(place)
        hit = self._keys.get(key)
        if hit is not None:
            return hit
        # "Trujillo, Peru" or "Trujillo PE": retry on the part before the comma.
        head = key.split(",")[0].strip()
        if head != key and head in self._keys:
            return self._keys[head]
        close = process.extract(key, self._choices, scorer=fuzz.WRatio, limit=6, score_cutoff=80)
        ids = list(dict.fromkeys(self._keys[str(c[0])] for c in close))[:3]
        raise UnknownCodeError(argument, place, ids, what="place")
