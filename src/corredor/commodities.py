"""Commodities and shelf life; see :mod:`corredor.economics.commodities`."""

from __future__ import annotations

from corredor.economics.commodities import (
    Commodity,
    ShelfLifeCheck,
    get_commodity,
    load_commodities,
    shelf_life_check,
)

__all__ = ["Commodity", "ShelfLifeCheck", "get_commodity", "load_commodities", "shelf_life_check"]
