"""reportgen render: data file or filled form -> Word report (+ Excel, + PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import ReportError
from ..fileio import output_stem
from ..formats import load
from ..model import Report
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .check import locations, print_findings, summary


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("render", help="生成 Word 报告（及 Excel 报表、PDF）",
                       description="由数据文件（.yaml/.json）或填好的填报表（.xlsx）生成官方格式的 Word 报告，"
                       "同时输出 Excel 报表。数据未通过检查（有错误）时不生成，除非加 --force。")
    p.add_argument("files", nargs="+", metavar="文件", help="数据文件或填报表")
    p.add_argument("-o", "--output", required=True, metavar="目录", help="输出目录（不存在时自动创建）")
    p.add_argument("--force", action="store_true", help="数据检查有错误时仍然生成")
    p.add_argument("--pdf", action="store_true", help="另用 LibreOffice 转换出 PDF")
    p.add_argument("--no-xlsx", action="store_true", help="不输出 Excel 报表")
    p.add_argument("--template", metavar="模板.docx", help="使用自定义的 Word 模板（见 reportgen template）")
    p.set_defaults(func=run)


def _xlsx_writer():  # type: ignore[no-untyped-def]
    try:
        from ..formats.xlsx import render_xlsx
    except ImportError:
        return None
    return render_xlsx


def render_one(report: Report, out_dir: Path, args: argparse.Namespace, source: str = "") -> list[Path]:
    """Write the outputs of one report; returns the files written (never over the input file)."""
    from ..formats.docx import render_docx

    stem = output_stem(report.agency, report.year)
    written: list[Path] = []
    docx = out_dir / f"{stem}.docx"
    render_docx(report, docx, template=args.template)
    written.append(docx)
    if not args.no_xlsx:
        render_xlsx = _xlsx_writer()
        if render_xlsx is None:
            print("  提示：本版本尚不支持 Excel 报表输出，已跳过。")
        else:
            xlsx = out_dir / f"{stem}.xlsx"
            if source and xlsx.resolve() == Path(source).resolve():
                print(f"  提示：{xlsx} 就是输入的填报表，未覆盖；如需另存 Excel 报表，请换一个输出目录。")
            else:
                render_xlsx(report, xlsx)
                written.append(xlsx)
    return written


def convert_pdfs(docx: list[Path], out_dir: Path) -> int:
    """All the Word reports to PDF in one LibreOffice run."""
    from ..pdf import PdfError, convert_many

    unique = list(dict.fromkeys(docx))
    try:
        pdfs = convert_many(unique, out_dir)
    except PdfError as exc:
        print(f"PDF 转换失败：{exc}")
        return EXIT_INPUT
    for pdf in pdfs:
        print(f"  → {pdf}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.pdf:
        from ..pdf import INSTALL_HINT, find_soffice

        if find_soffice() is None:
            print(INSTALL_HINT)
            return EXIT_INPUT
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir}：不是文件夹")
        return EXIT_INPUT
    if args.template:
        from ..formats.docx import renderer_for

        try:
            # Compile the custom template once for every file (and fail early on a bad one).
            first = load(args.files[0])
            args.template = renderer_for(first.spec, args.template)
        except ReportError as exc:
            print(exc)
            return EXIT_INPUT
    status = EXIT_OK
    to_pdf: list[Path] = []
    for path in args.files:
        try:
            report = load(path)
        except ReportError as exc:
            print(exc)
            status = max(status, EXIT_INPUT)
            continue
        findings = report.check()
        errors = [f for f in findings if f.is_error]
        if errors and not args.force:
            print(f"{path}：数据检查未通过（{summary(findings)}），未生成报告。改正后重试，或加 --force 强制生成。")
            print_findings(findings, where=locations(path, report))
            status = max(status, EXIT_FINDINGS)
            continue
        stem = output_stem(report.agency, report.year)
        existing = {p for p in (out_dir / f"{stem}.docx", out_dir / f"{stem}.xlsx") if p.exists()}
        try:
            written = render_one(report, out_dir, args, source=path)
        except ReportError as exc:
            print(exc)
            status = max(status, EXIT_INPUT)
            continue
        note = f"（检查：{summary(findings)}）" if findings else ""
        replaced = [w.name for w in written if w in existing]
        if replaced:
            note += f"（已替换原有的同名文件：{'、'.join(replaced)}）"
        print(f"{path} → " + "、".join(str(w) for w in written) + note)
        to_pdf += [w for w in written if w.suffix == ".docx"]
    if args.pdf and to_pdf:
        status = max(status, convert_pdfs(to_pdf, out_dir))
    return status
