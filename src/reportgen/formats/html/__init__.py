"""HTML: the report as a portal page (writer), and portal pages read back (reader).

    render_html(report, page=False)    a fragment for a CMS, or a standalone printable page
    html_bytes(report, page=False)     the same, as UTF-8 bytes

A page read back (``.html``, ``.htm``, ``.shtml``, ``.mhtml``) goes through the
shared layer of published documents (``formats.published``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base import Format, lazy_exports, published_reader

if TYPE_CHECKING:
    from ...model import Report
    from ...review.records import Audit
    from .writer import html_bytes, render_html

_LAZY = {"html_bytes": "writer", "render_html": "writer"}


__getattr__ = lazy_exports(__name__, _LAZY)


def _extract(data: bytes, source: str) -> Any:
    from .reader import extract

    return extract(data, source)


def _fragment(report: Report) -> bytes:
    from .writer import html_bytes

    return html_bytes(report)


def _page(report: Report) -> bytes:
    from .writer import html_bytes

    return html_bytes(report, page=True)


def _audit(audit: Audit) -> bytes:
    from .audit import audit_page

    return audit_page(audit)


def _own(data: bytes) -> bool:
    """A page or fragment reportgen wrote (its generator tag, or the fragment's first line)."""
    from .writer import GENERATOR, MARKER

    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(MARKER.encode("utf-8")) or f'<meta name="generator" content="{GENERATOR}">'.encode() in head


def _sniff(data: bytes) -> bool:
    from ..published import sniff

    return not data.startswith((b"PK", b"%PDF")) and sniff(data[:4096]) == "html"


FORMAT = Format(name="html", title="网页（HTML 片段，供粘贴到网站）",
                suffixes=(".html", ".htm", ".shtml", ".mhtml", ".mht"), read=published_reader(_extract),
                extract=_extract, write=_fragment, sniff=_sniff, audit=_audit, own=_own)
PAGE = Format(name="html-page", title="网页（独立页面，可打印）", suffixes=("-网页.html",), write=_page)

__all__ = ["FORMAT", "PAGE", "html_bytes", "render_html"]
