"""Defaults shared by the commands, so that ``new`` and ``form`` agree."""

from __future__ import annotations

import datetime

from ..editions import get_edition


def default_year(edition: str | None = None) -> int:
    """The year a report is written about: last year (reports are due by 31 January), or the
    last year ``edition`` covers when it was replaced before then."""
    year = datetime.date.today().year - 1
    if edition:
        spec = get_edition(edition)
        if spec.last_year is not None and year > spec.last_year:
            return spec.last_year
        year = max(year, spec.first_year)
    return year
