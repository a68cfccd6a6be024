"""Pictures of the rendered samples for docs/word.md: docs/images/word-<edition>-<page>.png.

    .venv/bin/python tools/docs_images.py

Renders each sample to .docx, converts it with LibreOffice (reportgen.formats.pdf) and
rasterises every page with poppler's pdftoppm at a low resolution, so that each
picture stays well under 150 KB. Needs soffice and pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import reportgen  # noqa: E402
from reportgen.formats.pdf.libreoffice import convert  # noqa: E402

SAMPLES = {"2019": ROOT / "samples" / "zhangcun-2019.yaml", "2021": ROOT / "samples" / "sample-2021.yaml"}
OUT = ROOT / "docs" / "images"
DPI = 60
MAX_BYTES = 150_000


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("word-*.png"):
        old.unlink()
    for edition, sample in SAMPLES.items():
        with tempfile.TemporaryDirectory() as tmp:
            docx = Path(tmp) / "report.docx"
            reportgen.render_docx(reportgen.load(sample), docx)
            pdf = convert(docx, Path(tmp) / "report.pdf")
            prefix = OUT / f"word-{edition}"
            subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    for png in sorted(OUT.glob("word-*.png")):
        size = png.stat().st_size
        flag = "  (too big)" if size > MAX_BYTES else ""
        print(f"{png.relative_to(ROOT)}  {size // 1024} KB{flag}")


if __name__ == "__main__":
    main()
