"""Pairing the reports of two years by the body's name, which may change between years.

A body that adds its city to its name (洪泽区人民政府 → 淮安市洪泽区人民政府) is the same
body: names are compared after normalising (spaces, full-width letters, brackets), and a
name that is a place (ending 市, 区, 县 …) followed by the other's whole name pairs with it
when no other name does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_NOISE = re.compile(r"[\s·•（）()\[\]【】「」“”\"']")
MIN_SUFFIX = 6
"""A shorter name pairs by being the end of a longer one only when it has at least this many characters."""
_PLACE_END = ("省", "市", "区", "县", "州", "盟", "旗", "自治区")
"""What the prefix a renamed body added must end with: a place (淮安市), not any characters (李)."""

How = Literal["same", "renamed"]


def normalise(name: str) -> str:
    """A body's name for comparison: NFKC (full-width to half-width), without spaces or brackets."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


def same_body(a: str, b: str) -> How | None:
    """Whether two names are one body: "same" (equal once normalised), "renamed" (one ends with the other)."""
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return "same"
    short, long = sorted((na, nb), key=len)
    if len(short) >= MIN_SUFFIX and long.endswith(short) and long[: -len(short)].endswith(_PLACE_END):
        return "renamed"
    return None


@dataclass(frozen=True)
class Pair:
    """Two reports of one body in consecutive years: indices into the list given to ``pair``."""

    last: int
    this: int
    how: How

    @property
    def how_text(self) -> str:
        return "名称相同" if self.how == "same" else "名称变更（一方名称包含另一方）"


def pair(bodies: Sequence[tuple[str, int]]) -> list[Pair]:
    """Pairs of (agency, year) entries: each report with the one of the year before of the same body.

    An exact name is preferred; a renamed body pairs only when exactly one candidate matches.
    """
    pairs = []
    for i, (name, year) in enumerate(bodies):
        candidates = [(j, same_body(other, name)) for j, (other, y) in enumerate(bodies) if y == year - 1]
        exact = [j for j, how in candidates if how == "same"]
        renamed = [j for j, how in candidates if how == "renamed"]
        if len(exact) == 1:
            pairs.append(Pair(exact[0], i, "same"))
        elif not exact and len(renamed) == 1:
            pairs.append(Pair(renamed[0], i, "renamed"))
    return pairs


def find(name: str, names: Sequence[str]) -> int | None:
    """The index of the one entry of ``names`` that is the body ``name`` (exact preferred), else None."""
    hows = [same_body(name, other) for other in names]
    exact = [i for i, how in enumerate(hows) if how == "same"]
    if exact:
        return exact[0]
    renamed = [i for i, how in enumerate(hows) if how == "renamed"]
    return renamed[0] if len(renamed) == 1 else None
