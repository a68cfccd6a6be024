"""Label normalisation and matching of printed labels against official ones.

Generic: ``LabelMatcher`` maps printed text to keys, given (key, official
label, alternative labels) candidates taken from an edition description, so a
reader of published reports and a mapper of tag-less Word templates share it.
Matching goes from strict to tolerant and never guesses between two equals:
1. equal after normalisation (NFKC, brackets, spaces, punctuation removed);
2. equal once leading enumerators (（一）, 1., 一、) are dropped on both sides;
3. equal after synonyms are applied (规范性文件 ↔ 行政规范性文件);
4. a printed label that is a clear prefix of exactly one official label;
5. similar (difflib ratio >= threshold): a missing or garbled character.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_DROP = re.compile(r"[\s\u00a0\u3000\u200b\ufeff()\[\]{}〔〕【】〈〉《》<>“”‘’\"'、,，.。．:：;；·・/／\-－—_]+")
_ENUM = re.compile(r"^(?:[（(〔]?[一二三四五六七八九十]+[）)〕]|[一二三四五六七八九十]+[、.．]|"
                   r"[（(]?\d{1,2}[）)]|\d{1,2}[.．、](?!\d))")

SYNONYMS: tuple[tuple[str, str], ...] = (
    ("行政规范性文件", "规范性文件"),
    ("存在的主要问题及改进情况", "存在的主要问题及整改措施"),
    ("存在的主要问题及改进情况", "存在的主要问题及整改情况"),
    ("存在的主要问题及改进情况", "存在的主要问题及改进措施"),
)
"""(official, variant) pairs seen in published reports."""

THRESHOLD = 0.8
TIE = 0.02


def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets), then spaces, brackets and punctuation removed."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def strip_enumerator(text: str) -> str:
    """（一）予以公开 -> 予以公开; 1.属于国家秘密 -> 属于国家秘密; 一、总体情况 -> 总体情况."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _ENUM.sub("", text, count=1).strip()


def bare(text: str) -> str:
    return normalize(strip_enumerator(text))


_CJK = re.compile("[\u3400-\u9fff]")


@dataclass(frozen=True)
class Match:
    key: str | None
    score: float
    how: str
    """exact, enumerator, synonym, prefix, fuzzy, ambiguous or none."""
    rivals: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.key is not None


class LabelMatcher:
    """Maps printed labels to keys. Candidates: (key, label, *alternatives)."""

    def __init__(self, candidates: Iterable[tuple[str, ...]], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.forms: list[tuple[str, str, str]] = []  # (key, normalized, bare)
        for key, *labels in candidates:
            for label in labels:
                for variant in _with_synonyms(label):
                    self.forms.append((key, normalize(variant), bare(variant)))
        # One SequenceMatcher per form, its label analysed once (set_seq2), each text compared to it.
        self._fuzzy = [(key, _matcher(fnorm), len(fnorm), _matcher(fbare), len(fbare))
                       for key, fnorm, fbare in self.forms]
        self._seen: dict[str, Match] = {}

    def match(self, text: str) -> Match:
        """The key of the label ``text`` is (cached: a document repeats its texts)."""
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._match(text)
        return found

    def _match(self, text: str) -> Match:
        norm, stripped = normalize(text), bare(text)
        if not norm or not _CJK.search(norm):
            return Match(None, 0.0, "none")  # every official label has Chinese in it: a figure is none
        for how, column, wanted in (("exact", 1, norm), ("enumerator", 2, stripped)):
            keys = _unique(f[0] for f in self.forms if f[column] == wanted)
            if len(keys) == 1:
                return Match(keys[0], 1.0, how)
            if len(keys) > 1:
                return Match(None, 1.0, "ambiguous", tuple(keys))
        if len(stripped) >= 4:
            keys = _unique(f[0] for f in self.forms if f[2].startswith(stripped))
            if len(keys) == 1:
                return Match(keys[0], 0.9, "prefix")
        scores: dict[str, float] = {}
        floor = self.threshold - TIE
        for key, on_norm, norm_len, on_bare, bare_len in self._fuzzy:
            if not _near(norm_len, len(norm), floor) and not _near(bare_len, len(stripped), floor):
                continue
            s = max(_ratio(on_norm, norm, floor), _ratio(on_bare, stripped, floor))
            scores[key] = max(scores.get(key, 0.0), s)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < self.threshold:
            return Match(None, ranked[0][1] if ranked else 0.0, "none")
        ties = tuple(k for k, s in ranked if ranked[0][1] - s <= TIE)
        if len(ties) > 1:
            return Match(None, ranked[0][1], "ambiguous", ties)
        return Match(ranked[0][0], ranked[0][1], "fuzzy")


def _near(a: int, b: int, floor: float) -> bool:
    """Whether texts of these lengths can be ``floor`` alike at all (the bound of real_quick_ratio)."""
    return a + b > 0 and 2 * min(a, b) / (a + b) >= floor


def _matcher(label: str) -> difflib.SequenceMatcher[str]:
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(label)
    return matcher


def _ratio(matcher: difflib.SequenceMatcher[str], text: str, floor: float) -> float:
    """The similarity of ``text`` to the matcher's label; 0 when it cannot reach ``floor`` (cheap bounds first)."""
    if not text:
        return 0.0
    matcher.set_seq1(text)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _with_synonyms(label: str) -> list[str]:
    out = [label]
    for official, variant in SYNONYMS:
        if official in label:
            out.append(label.replace(official, variant))
    return out


def same(a: str, b: str) -> bool:
    """Whether two printed labels are the same label after normalisation."""
    return normalize(a) == normalize(b) or (bool(bare(a)) and bare(a) == bare(b))
