"""The HTML report in a real browser (headless Chromium): the tables fit 1280 px, every label shows.

Skipped when chromium is missing, unless CI=true: there it fails (.ci/run installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from reportgen.editions import EDITIONS
from reportgen.formats.html import render_html
from reportgen.testing import random_report

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,2000"]

# Runs in a test copy of the page: measures the layout and writes it into the DOM as JSON.
PROBE = """<script>
(() => {
  const w = innerWidth, cells = [...document.querySelectorAll("th, td")];
  const out = {width: w, scrollWidth: document.documentElement.scrollWidth,
               tables: document.querySelectorAll("table").length, hidden: [], clipped: [], outside: []};
  for (const c of cells) {
    const r = c.getBoundingClientRect(), s = getComputedStyle(c);
    const shown = r.width >= 1 && r.height >= 1 && s.visibility === "visible" && s.display !== "none";
    if (!shown) out.hidden.push(c.textContent);
    if (r.left < 0 || r.right > w) out.outside.push(c.textContent);
    if (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1) out.clipped.push(c.textContent);
  }
  out.labels = [...document.querySelectorAll("th")].map(c => c.innerText.replace(/\\s+/g, ""));
  const pre = document.createElement("pre");
  pre.id = "rg-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""

PLAIN_PAGE = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>CMS</title></head>'
              '<body style="margin:0 auto;max-width:1000px">{}</body></html>')


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs chromium (Debian package chromium)")
        pytest.skip("chromium is not installed")
    return path


def run(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def measure(chromium: str, tmp: Path, html: str) -> dict:
    copy = tmp / "probe.html"
    copy.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = run(chromium, tmp, "--virtual-time-budget=3000", "--dump-dom", copy.as_uri()).stdout
    probe = lxml_html.document_fromstring(dom).get_element_by_id("rg-probe")
    return json.loads(probe.text_content())


def official_labels(edition: str) -> set[str]:
    out = set()
    for table in EDITIONS[edition].tables:
        for block in table.blocks:
            out |= {x for x in (table.corner, table.header, table.item_header, block.heading) if x}
            out |= {c.label for c in block.columns} | {c.parent for c in block.columns if c.parent}
            out |= {r.label for r in block.rows} | {x for r in block.rows for x in (r.group, r.section) if x}
    return out


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("page", [True, False], ids=["page", "fragment"])
def test_tables_fit_1280px_and_every_label_shows(chromium: str, tmp_path: Path, edition: str, page: bool) -> None:
    html = render_html(random_report(edition), page=page)
    found = measure(chromium, tmp_path, html if page else PLAIN_PAGE.format(html))
    assert found["width"] == 1280
    assert found["tables"] == 3
    assert found["scrollWidth"] <= found["width"], "horizontal overflow"
    assert found["hidden"] == [] and found["outside"] == [] and found["clipped"] == []
    assert official_labels(edition) <= set(found["labels"])


def test_print_is_a4_with_every_table(chromium: str, tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs poppler-utils")
        pytest.skip("poppler-utils is not installed")
    page = tmp_path / "report.html"
    page.write_text(render_html(random_report("2021"), page=True), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    run(chromium, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())
    for label in ("第二十条第（八）项", "申请人情况", "四、结转下年度继续办理", "复议后起诉", "测试镇人民政府"):
        assert label in squeezed
