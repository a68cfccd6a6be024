"""Property tests: the checker against an independent re-implementation of the rules."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen import Report

# The rules as the reference states them, transcribed here independently of the edition descriptions.
SIX = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"]
SEVEN = [*SIX, "total"]
COMMON_RESULTS = [
    "granted", "partially_granted",
    *(f"withheld.{k}" for k in ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
                                "internal_affairs", "process_info", "enforcement_files", "admin_query"]),
    *(f"unavailable.{k}" for k in ["not_held", "needs_creation", "unclear_after_correction"]),
    *(f"not_processed.{k}" for k in ["petition", "duplicate", "publication", "excessive", "confirmation"]),
]
RESULTS = {
    "2019": [*COMMON_RESULTS, "other_handling"],
    "2021": [*COMMON_RESULTS, *(f"other_handling.{k}" for k in ["no_correction", "unpaid_fee", "other"])],
}
GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]

PROFILE = settings(max_examples=60, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _nest(rows: dict[str, dict[str, int]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, cells in rows.items():
        node = out
        *groups, leaf = key.split(".")
        for g in groups:
            node = node.setdefault(g, {})
        node[leaf] = cells
    return out


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    edition = draw(st.sampled_from(["2019", "2021"]))
    small = st.integers(0, 6)
    maybe = st.one_of(st.none(), st.none(), small)  # a derived cell: omitted, or given (right or wrong)
    rows = ["new_received", "carried_over", *RESULTS[edition], "carried_forward"]
    apps: dict[str, dict[str, int]] = {}
    for row in rows:
        apps[row] = {c: draw(small) for c in SIX}
        total = draw(maybe)
        if total is not None:
            apps[row]["total"] = total
    if draw(st.booleans()):  # balance rule 1 in every column; the derived cells may still be wrong
        for c in SIX:
            results = sum(apps[r][c] for r in RESULTS[edition])
            apps["carried_over"][c] = min(apps["carried_over"][c], results + apps["carried_forward"][c])
            apps["new_received"][c] = results + apps["carried_forward"][c] - apps["carried_over"][c]
    rt = {c: v for c in SEVEN if (v := draw(maybe)) is not None}
    if rt:
        apps["results_total"] = rt
    reviews = {}
    for g in GROUPS:
        reviews[g] = {o: draw(small) for o in OUTCOMES}
        total = draw(maybe)
        if total is not None:
            reviews[g]["total"] = total
    return edition, apps, reviews


def expected_findings(edition: str, apps: dict[str, dict[str, int]],
                      reviews: dict[str, dict[str, int]]) -> set[tuple[int, str | None, str]]:
    def row_total(row: str) -> int:
        return apps[row].get("total", sum(apps[row][c] for c in SIX))

    def value(row: str, col: str) -> int:
        if row == "results_total":
            given = apps.get("results_total", {})
            if col in given:
                return given[col]
            return sum(row_total(r) if col == "total" else apps[r][col] for r in RESULTS[edition])
        return row_total(row) if col == "total" else apps[row][col]

    found: set[tuple[int, str | None, str]] = set()
    for col in SEVEN:
        if value("new_received", col) + value("carried_over", col) != \
                value("results_total", col) + value("carried_forward", col):
            found.add((1, None, col))
        if col in apps.get("results_total", {}) and \
                value("results_total", col) != sum(value(r, col) for r in RESULTS[edition]):
            found.add((2, "results_total", col))
    for row in [*apps]:
        if "total" in apps[row] and apps[row]["total"] != sum(value(row, c) for c in SIX):
            found.add((3, row, "total"))
    for g in GROUPS:
        if "total" in reviews[g] and reviews[g]["total"] != sum(reviews[g][o] for o in OUTCOMES):
            found.add((4, g, "total"))
    return found


@PROFILE
@given(tables())
def test_checker_agrees_with_independent_rules(case: tuple[str, dict, dict]) -> None:
    edition, apps, reviews = case
    report = Report.from_data({"edition": edition, "agency": "甲", "year": 2021 if edition == "2021" else 2019,
                               "applications": _nest(apps), "reviews": reviews})
    got = {(f.rule, f.row, f.column) for f in report.check()}
    assert got == expected_findings(edition, apps, reviews)
    event("clean" if not got else "findings")
