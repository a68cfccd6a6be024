"""Pictures of what gets published, for docs/word.md and docs/excel.md.

    .venv/bin/python tools/publish_images.py

* docs/images/official-<edition>-blank-<page>.png: a blank 格式模板 without tags
  (built like the tests' ``tests/official_templates.py``: 2021 in the official layout,
  2019 restyled by a superior office);
* docs/images/official-<edition>-filled-<page>.png: the same template filled by
  ``reportgen render --template`` with the sample of that edition;
* docs/images/workbook-2021-<page>.png: the report workbook (Excel output of render).

Each is printed by LibreOffice (with the font aliases of ``reportgen.formats.pdf``) and
rasterised by pdftoppm at a low resolution. Needs soffice and pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from official_templates import build  # noqa: E402
from reportgen import load  # noqa: E402
from reportgen.editions import EDITIONS  # noqa: E402
from reportgen.formats import to_bytes  # noqa: E402
from reportgen.formats.pdf.libreoffice import convert  # noqa: E402

SAMPLES = {"2019": ROOT / "samples" / "zhangcun-2019.yaml", "2021": ROOT / "samples" / "sample-2021.yaml"}
VARIANT = {"2021": "official", "2019": "restyled"}
OUT = ROOT / "docs" / "images"
DPI = 50
MAX_BYTES = 150_000


def _pages(data: bytes, suffix: str, prefix: str, tmp: Path, last: int | None = None) -> None:
    src = tmp / f"{prefix}{suffix}"
    src.write_bytes(data)
    pdf = convert(src, tmp / f"{prefix}.pdf")
    args = ["pdftoppm", "-png", "-gray", "-r", str(DPI)] + (["-l", str(last)] if last else [])
    subprocess.run([*args, str(pdf), str(OUT / prefix)], check=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in [*OUT.glob("official-*.png"), *OUT.glob("workbook-*.png")]:
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        for key, edition in EDITIONS.items():
            template = build(edition, VARIANT[key])
            report = load(SAMPLES[key])
            _pages(template, ".docx", f"official-{key}-blank", Path(tmp), last=2)
            _pages(to_bytes(report, "docx", template=template), ".docx", f"official-{key}-filled", Path(tmp))
        _pages(to_bytes(load(SAMPLES["2021"]), "xlsx"), ".xlsx", "workbook-2021", Path(tmp))
    for png in sorted([*OUT.glob("official-*.png"), *OUT.glob("workbook-*.png")]):
        size = png.stat().st_size
        flag = "  (too big)" if size > MAX_BYTES else ""
        print(f"{png.relative_to(ROOT)}  {size // 1024} KB{flag}")


if __name__ == "__main__":
    main()
