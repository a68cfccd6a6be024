"""A client of the documented API, checked by mypy --strict against the installed wheel (py.typed)."""

from __future__ import annotations

import io
from pathlib import Path

import reportgen
from reportgen import Finding, Renderer, Report, ReportError, XlsxRenderer
from reportgen.batch import Outcome
from reportgen.formats.docx import shipped_template


def word_and_excel(data: bytes) -> tuple[bytes, bytes, list[Finding]]:
    report: Report = reportgen.loads(data)
    findings: list[Finding] = report.check()
    word: bytes = reportgen.to_docx(report)
    excel: bytes = reportgen.to_xlsx(report)
    return word, excel, findings


def changed(report: Report) -> Report:
    return report.replace({"applications.granted.natural_person": 3}, agency="乙镇人民政府")


def files(report: Report, out: Path) -> None:
    reportgen.render_docx(report, out / "a.docx")
    reportgen.render_xlsx(report, out / "a.xlsx")
    again: Report = reportgen.read_xlsx(out / "a.xlsx")
    buf = io.BytesIO()
    Renderer(shipped_template("2021"), edition="2021").render(again, buf)
    sheet: bytes = XlsxRenderer().render_bytes(again)
    assert sheet


def batch(paths: list[Path], out: Path) -> list[str]:
    outcomes: list[Outcome] = list(reportgen.render_many(paths, out, ["docx"]))
    return [o.status for o in outcomes]


def problems(data: bytes) -> list[str]:
    try:
        reportgen.loads(data, format="yaml")
    except ReportError as exc:
        return [f"{p.path}（{p.label}）：{p.message}" for p in exc.problems]
    return []
