"""The official editions of the report, as data."""

from __future__ import annotations

from . import e2019, e2021
from .spec import Balance, Block, Carry, Column, Edition, Field, Row, Section, Stock, Sum, Table

EDITIONS: dict[str, Edition] = {e.key: e for e in (e2019.EDITION, e2021.EDITION)}


def get_edition(key: str) -> Edition:
    """The edition with this key ("2019" or "2021")."""
    try:
        return EDITIONS[str(key)]
    except KeyError:
        raise KeyError(f"未知的版本「{key}」，可用的版本：{'、'.join(EDITIONS)}") from None


def edition_for_year(year: int) -> Edition:
    """The edition in force for the report on ``year``."""
    for edition in EDITIONS.values():
        if edition.covers(year):
            return edition
    raise KeyError(f"{year}年没有适用的报告版本")


__all__ = [
    "EDITIONS", "Balance", "Block", "Carry", "Column", "Edition", "Field", "Row", "Section", "Stock", "Sum", "Table",
    "edition_for_year", "get_edition",
]
