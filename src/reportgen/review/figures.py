"""Text against tables: the figures the narrative states, compared with the cells they describe."""

from __future__ import annotations

from typing import Any

from ..checks import Finding
from ..editions.spec import Table
from .base import Reviewed, note, passages, sentences
from .nextyear import REWRITE_MARK
from .phrases import Phrase, stated_figures


def _rows(table: Table, keys: tuple[str, ...]) -> list[str]:
    """The data rows a phrase's keys stand for (a key also stands for the rows beneath it)."""
    return [r.key for r in table.rows if not r.derived
            and any(r.key == k or r.key.startswith(k + ".") for k in keys)]


def _where(table: Table, keys: tuple[str, ...], column: str) -> str:
    """The cells in words: 表三「（三）不予公开」行「总计」列, or several rows' sum."""
    rows = _rows(table, keys)
    col_label = table.column(rows[0], column).label
    if len(rows) == 1:
        return table.describe(rows[0], column)
    groups = {table.row(r).group for r in rows}
    if len(keys) == 1 and len(groups) == 1 and None not in groups:
        names = f"「{groups.pop()}」各项"
    else:
        names = "、".join(f"「{table.row(r).full_label}」" for r in rows)
    return f"{table.name}{names}「{col_label}」之和"


def table_value(report: Reviewed, phrase: Phrase) -> Any:
    """The sum of the cells a phrase describes; None when the report's edition has none of them."""
    try:
        table = report.spec.table(phrase.table)
    except KeyError:
        return None
    rows = _rows(table, phrase.rows)
    if not rows:
        return None
    try:
        return sum(report.cell(phrase.table, r, phrase.column) for r in rows)
    except AttributeError:
        return None


def _skip_words(report: Reviewed) -> tuple[str, ...]:
    """Labels of the applicant columns and their parent: a clause naming one speaks of part of a total."""
    words: set[str] = set()
    for table in report.spec.tables:
        if table.layout != "grid":
            continue
        for col in table.blocks[0].columns:
            if not col.derived and len(col.label) >= 3:  # not 其他: too common a word to skip on
                words.add(col.label)
                if col.parent:
                    words.add(col.parent)
    return tuple(sorted(words))


def check_text_figures(report: Reviewed) -> list[Finding]:
    """A warning for each figure the narrative states that differs from its table, quoting the sentence."""
    out: list[Finding] = []
    skip = _skip_words(report)
    for passage in passages(report):
        if passage.text.startswith(REWRITE_MARK):  # last year's text, kept to be rewritten: its figures are last year's
            continue
        for sentence in sentences(passage.text):
            for stated in stated_figures(sentence, report.year, skip):
                phrase = stated.phrase
                value = table_value(report, phrase)
                if value is None or value == stated.value:
                    continue
                where = _where(report.spec.table(phrase.table), phrase.rows, phrase.column)
                out.append(note("text", passage.field, passage.label,
                                f"{passage.place}：文字「{sentence}」写{phrase.name}为 {stated.value}，"
                                f"而{where}为 {value}，两者应一致",
                                expected=value, found=stated.value))
    return out
