"""Reading published reports (portal pages, .docx attachments, PDFs) into a Report.

    reading = reportgen.formats.read_published(data, "报告.html")
    report = reading.report()          # Report.from_data on what was read
    report = reportgen.load("报告.html")   # the same, with report.provenance = the reading
    reading.cells[("applications", "results_total", "total")].shown   # the printed text, or 未填写
    reading.unplaced                   # what could not be understood, each with its place

This package is the layer the readers of published documents share: each
format's extractor (``formats/html/reader.py``, ``formats/docx/reader.py``,
``formats/pdf/reader.py``) turns bytes into a format-neutral ``Document``
(``grid.py``); ``read_document`` finds the tables and the sections in it.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from ...model import Report
from .findings import published_findings
from .grid import Cell, Document, Grid, Paragraph
from .reading import CellSource, Reading, read_document

Kind = Literal["html", "docx", "pdf"]


def read_report(doc: Document, source: str, strict: bool = False) -> Report:
    """The Report of an extracted document, remembering where each figure came from (``Report.provenance``)."""
    reading = read_document(doc, source, strict)
    report = reading.report()
    return report.with_provenance(reading, tuple(published_findings(reading, report)))


def sniff(head: bytes) -> Kind | None:
    """The kind of a published document from its first bytes (a zip needs the whole file).

    A .docx is a zip holding word/document.xml (reportgen's own .docx included);
    an .xlsx is a zip too, but without it, so it is not taken for one."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"%PDF"):
        return "pdf"
    if text.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(head)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except zipfile.BadZipFile:
            return "docx" if b"word/" in head else None
    low = text[:1024].lower()
    if low.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta", b"<head", b"<body")) \
            or low.startswith(b"mime-version") or b"<html" in low:
        return "html"
    return None


__all__ = ["Cell", "CellSource", "Document", "Grid", "Paragraph", "Reading", "published_findings", "read_document",
           "read_report", "sniff"]
