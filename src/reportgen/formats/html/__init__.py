"""The report as HTML (``render_html``): a CMS fragment or a standalone printable page."""

from __future__ import annotations

from .writer import html_bytes, render_html

__all__ = ["html_bytes", "render_html"]
