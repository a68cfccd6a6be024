"""Every label of both editions, against the specification in the shared reference."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reportgen.editions import EDITIONS, get_edition

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "official-format.md"


@pytest.fixture(scope="module")
def reference() -> str:
    if not REFERENCE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the reference is missing: {REFERENCE}")
        pytest.skip("the shared reference is not beside this checkout")
    return REFERENCE.read_text(encoding="utf-8")


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start): text.index(end, text.index(start))]


def _table2_reference(text: str, edition: str) -> dict[str, tuple[str, dict[str, str], dict[str, str]]]:
    """block heading -> (heading, rows {key: label}, columns {key: label}) for one edition."""
    part = _section(text, f"### Edition {edition}", "## Table 3" if edition == "2021" else "### Edition 2021")
    pair = re.compile(r"(?:^|[|,]\s*)([^\s|,]+) \(`(\w+)`")
    blocks = {}
    for line in part.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("第二十条"):
            continue
        rows = {k: v for v, k in pair.findall("|" + cells[1])}
        cols = {k: v for v, k in pair.findall("|" + cells[2])}
        blocks[cells[0]] = (cells[0], rows, cols)
    return blocks


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_table2_labels_match_reference(reference: str, key: str) -> None:
    expected = _table2_reference(reference, key)
    table = get_edition(key).table("active_disclosure")
    assert [b.heading for b in table.blocks] == list(expected)
    for block in table.blocks:
        _, rows, cols = expected[block.heading]
        assert {r.key: r.label for r in block.rows} == rows
        assert {c.key: c.label for c in block.columns} == cols


def _table3_reference(text: str, edition: str) -> tuple[dict[str, str], dict[str, tuple[str | None, str]]]:
    part = _section(text, "## Table 3", "## Table 4")
    columns: dict[str, str] = {}
    rows: dict[str, tuple[str | None, str]] = {}
    for key, label in re.findall(r"^\| `([\w.]+)` \| (.+?) \|$", part, re.M):
        only = re.match(r"(\d{4}) only: (.*)", label)
        if only:
            if only.group(1) != edition:
                continue
            label = only.group(2)
        label = re.sub(r" — .*$", "", label)
        label = re.sub(r" \(under .*\)$", "", label)
        if "." not in key and key in {"natural_person", "commercial", "research", "social_welfare",
                                      "legal_service", "other", "total"}:
            columns[key] = label
            continue
        head, _, own = label.rpartition(" / ")
        rows[key] = (head or None, own)
    return columns, rows


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_table3_labels_match_reference(reference: str, key: str) -> None:
    columns, rows = _table3_reference(reference, key)
    table = get_edition(key).table("applications")
    assert {c.key: c.label for c in table.blocks[0].columns} == columns
    assert [r.key for r in table.rows] == list(rows)
    for row in table.rows:
        head, own = rows[row.key]
        assert row.label == own
        if head is not None:  # the reference names the spanning label on the first row of each span
            assert head in (row.group, row.section)
    assert table.corner in reference
    assert table.header == "申请人情况"
    assert {c.parent for c in table.blocks[0].columns if c.parent} == {"法人或其他组织"}


def test_table4_labels_match_reference(reference: str) -> None:
    part = _section(reference, "## Table 4", "## The arithmetic")
    groups = re.findall(r"^\| `(\w+)` \| (.+?) \| (.+?) \|$", part, re.M)
    outcomes = dict((k, v) for k, v in re.findall(r"`(\w+)` (\S+?)(?:,| \(|$)", groups[0][2]))
    for key in EDITIONS:
        table = get_edition(key).table("reviews")
        assert [(r.key, r.full_label.replace(" ", " / ")) for r in table.rows] == [(k, v) for k, v, _ in groups]
        assert {c.key: c.label for c in table.blocks[0].columns} == outcomes


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_sections_and_notice_match_reference(reference: str, key: str) -> None:
    edition = get_edition(key)
    for heading in (s.heading for s in edition.sections):
        assert f"| {heading} |" in reference
    assert f"| `{key}` | {edition.notice} |" in reference
