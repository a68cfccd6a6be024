"""Pictures of the HTML report for docs/html.md: docs/images/html-<edition>-<view>.png.

    .venv/bin/python tools/html_images.py [--keep DIR]

Views: ``cms`` — the fragment pasted into a plain 1000 px article column; ``page`` — the
standalone page on screen; ``print-<n>`` — the page printed by Chromium to A4 PDF, rasterised
by pdftoppm. Screens are 1280 CSS px wide, captured at a reduced scale so each picture stays
small. Needs chromium and pdftoppm. ``--keep DIR`` keeps the HTML and PDF files there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import reportgen  # noqa: E402
from reportgen.formats.html import render_html  # noqa: E402

SAMPLES = {"2019": ROOT / "samples" / "zhangcun-2019.yaml", "2021": ROOT / "samples" / "sample-2021.yaml"}
OUT = ROOT / "docs" / "images"
SCALE = 0.5
PRINT_DPI = 50
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
CMS_PAGE = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>门户网站</title></head>'
            '<body style="margin:0;background:#f4f4f4"><div style="max-width:1000px;margin:0 auto;padding:24px 40px;'
            'background:#fff;font-family:sans-serif;font-size:16px;line-height:1.7">{}</div></body></html>')
HEIGHT_PROBE = ('<script>document.addEventListener("DOMContentLoaded",()=>{const p=document.createElement("pre");'
                'p.id="rg-height";p.textContent=JSON.stringify(document.documentElement.scrollHeight);'
                'document.body.appendChild(p)})</script>')


def chromium(tmp: Path, *args: str) -> str:
    cmd = ["chromium", *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


def screenshot(tmp: Path, html: str, png: Path) -> None:
    """A full-length picture of ``html`` at 1280 CSS px."""
    probe = tmp / "probe.html"
    probe.write_text(html.replace("</body>", HEIGHT_PROBE + "</body>"), encoding="utf-8")
    dom = chromium(tmp, "--window-size=1280,1000", "--dump-dom", probe.as_uri())
    height = json.loads(dom.split('<pre id="rg-height">')[1].split("</pre>")[0])
    page = tmp / "shot.html"
    page.write_text(html, encoding="utf-8")
    chromium(tmp, f"--window-size=1280,{height}", f"--force-device-scale-factor={SCALE}",
             f"--screenshot={png}", page.as_uri())


def main() -> None:
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("html-*.png"):
        old.unlink()
    for edition, sample in SAMPLES.items():
        report = reportgen.load(sample)
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            page = render_html(report, page=True)
            screenshot(tmp, CMS_PAGE.format(render_html(report)), OUT / f"html-{edition}-cms.png")
            screenshot(tmp, page, OUT / f"html-{edition}-page.png")
            source = tmp / "report.html"
            source.write_text(page, encoding="utf-8")
            pdf = tmp / "report.pdf"
            chromium(tmp, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
            subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(PRINT_DPI), str(pdf),
                            str(OUT / f"html-{edition}-print")], check=True)
            if keep:
                keep.mkdir(parents=True, exist_ok=True)
                for f in (source, pdf):
                    (keep / f"{edition}-{f.name}").write_bytes(f.read_bytes())
    for png in sorted(OUT.glob("html-*.png")):
        print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
