"""Pictures of the 汇总明细 and 审核结果 workbooks for docs/compile.md: docs/images/compile-*.png.

    .venv/bin/python tools/compile_images.py

Builds a county's folder of submissions (data files, a filled form, a published Word
report, last year's reports of some bodies, one of them renamed), runs the three commands
of docs/compile.md through ``reportgen.cli.main``, prints the two workbooks with LibreOffice
(``reportgen.formats.pdf.libreoffice.convert``) and rasterises their first pages with pdftoppm.
"""

from __future__ import annotations

import copy
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from reportgen import Report, save
from reportgen.cli import main as cli
from reportgen.formats.pdf.libreoffice import convert
from reportgen.testing import balanced_data

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
BODIES = ("张村镇人民政府", "李庄镇人民政府", "县教育局", "县卫生健康委员会", "淮安市洪泽区人民政府")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, int | str | type(None) | datetime.date) else str(value)


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _data(agency: str, year: int, seed: int) -> dict[str, Any]:
    data = copy.deepcopy(balanced_data("2021", seed))
    received = Report.from_data(data).cell("applications", "new_received", "total")
    data.update(agency=agency, year=year, date=datetime.date(year + 1, 1, 20), overview={
        "intro": [f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。"],
        "items": [{"title": "依申请公开", "text": f"全年共收到政府信息公开申请{received}件，均在法定期限内答复。"}]})
    data["problems"] = ["政策解读形式较为单一，图解、视频等形式运用不多。"]
    data["improvements"] = ["丰富政策解读形式，提升解读的可读性。"]
    return data


def build(root: Path) -> tuple[Path, Path, Path]:
    """(提交材料, 上年报告, 名单.txt) of a demonstration county."""
    folder, last = root / "提交材料", root / "上年报告"
    folder.mkdir()
    last.mkdir()
    for n, agency in enumerate(BODIES):
        data = _data(agency, 2024, n + 1)
        if agency == "县卫生健康委员会":  # a narrative figure that disagrees with Table 3
            data["overview"]["items"][0]["text"] = "全年共收到政府信息公开申请9件，均在法定期限内答复。"
        if agency == "县教育局":
            data["problems"] = []
        report = Report.from_data(data)
        if agency == "李庄镇人民政府":
            save(report, folder / "李庄镇-填报表.xlsx")
        elif agency == "县教育局":
            save(report, folder / "县教育局2024年报告.docx")
        else:
            _write(folder / f"{agency}.yaml", data)
    _write(last / "洪泽区人民政府2023.yaml", _data("洪泽区人民政府", 2023, 9))
    names = root / "名单.txt"
    names.write_text("\n".join([*BODIES[:4], "洪泽区人民政府", "王家镇人民政府"]) + "\n", encoding="utf-8")
    return folder, last, names


def _text_box(pdf: Path) -> tuple[float, float, float, float]:
    """The left, top, right and bottom edges of the text on page 1, in points."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    right = max((float(x) for x in re.findall(r'xMax="([\d.]+)"', html)), default=842.0)
    bottom = max((float(y) for y in re.findall(r'yMax="([\d.]+)"', html)), default=595.0)
    left = min((float(x) for x in re.findall(r'xMin="([\d.]+)"', html)), default=0.0)
    top = min((float(y) for y in re.findall(r'yMin="([\d.]+)"', html)), default=0.0)
    return left, top, right, bottom


def picture(xlsx: Path, name: str, work: Path, dpi: int = 96) -> None:
    """Page 1 of the workbook as printed, cropped to its text."""
    pdf = convert(xlsx, work / f"{name}.pdf")
    left, top, right, bottom = _text_box(pdf)
    x, y = int(max(0, left - 30) * dpi / 72), int(max(0, top - 20) * dpi / 72)
    width, height = int((right + 40) * dpi / 72) - x, int((bottom + 20) * dpi / 72) - y
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-x", str(x), "-y", str(y),
                    "-W", str(width), "-H", str(height), str(pdf), str(work / name)], check=True)
    shutil.copy(work / f"{name}.png", OUT / f"{name}.png")
    print(f"wrote docs/images/{name}.png")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.chdir(work)  # the workbooks show the paths as typed: relative ones, as a clerk would type them
        folder, last, names = (p.relative_to(work) for p in build(work))
        broken = Path("审核用")
        shutil.copytree(folder, broken)
        (broken / "王家镇-填报表.xlsx").write_bytes(b"PK\x03\x04 damaged in transit")
        bad = _data("赵集镇人民政府", 2024, 7)
        bad["reviews"]["review"]["total"] = 99
        _write(broken / "赵集镇人民政府.yaml", bad)
        status = cli(["audit", str(broken), "--previous", str(last), "--expect", str(names),
                      "-o", "审核结果.xlsx", "--html", "审核结果.html"])
        print("audit exit status", status)
        status = cli(["aggregate", str(folder), "--agency", "示例县人民政府", "-o", "汇总.yaml"])
        print("aggregate exit status", status)
        status = cli(["render", "汇总.yaml", "-o", "输出"])
        print("render exit status", status)
        picture(work / "汇总明细.xlsx", "compile-breakdown", work, 130)
        picture(work / "审核结果.xlsx", "compile-audit", work, 110)
        if "--keep" in sys.argv:
            shutil.copytree(work, ROOT / "out" / "compile-demo", dirs_exist_ok=True)
        os.chdir(ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
