"""Build the shipped templates (Word and Excel) of every edition from its description.

    .venv/bin/python tools/build_templates.py  write templates/<edition>/report.{docx,xlsx} + report-workbook.xlsx
    .venv/bin/python tools/build_templates.py --check  fail when a committed template has drifted

The layouts are library code (``reportgen.formats.docx.layout``,
``reportgen.formats.xlsx.layout``); this script only writes their output. The
check compares every part of each package, less the build timestamps.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from reportgen.editions import EDITIONS, Edition
from reportgen.formats.docx.layout import template_bytes as docx_template
from reportgen.formats.xlsx.layout import template_bytes as xlsx_template
from reportgen.formats.xlsx.report_layout import template_bytes as workbook_template

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS: dict[str, Callable[[Edition], bytes]] = {
    "report.docx": docx_template, "report.xlsx": xlsx_template, "report-workbook.xlsx": workbook_template,
}
_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(data: bytes) -> dict[str, bytes]:
    """The package's parts, build timestamps blanked."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: _STAMP.sub(b"", zf.read(name)) for name in sorted(zf.namelist())}


def drifted(committed: bytes, built: bytes) -> list[str]:
    """Names of the parts that differ (or exist in one only)."""
    old, new = parts(committed), parts(built)
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed templates")
    args = parser.parse_args(argv)
    status = 0
    for edition in EDITIONS.values():
        for filename, layout in LAYOUTS.items():
            dest = ROOT / "templates" / edition.key / filename
            data = layout(edition)
            if args.check:
                changed = drifted(dest.read_bytes(), data) if dest.exists() else ["(missing)"]
                if changed:
                    print(f"{dest.relative_to(ROOT)}: out of date ({', '.join(changed)}); "
                          "run tools/build_templates.py", file=sys.stderr)
                    status = 1
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            print(f"wrote {dest.relative_to(ROOT)} ({len(data)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
