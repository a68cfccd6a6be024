"""reportgen template: export a shipped template, check a customised one."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..editions import EDITIONS, get_edition
from ..fileio import atomic_path
from ..formats import Format, registry
from ..formats.base import TemplateMapping
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .paths import refuse_existing, refuse_windows_paths


def _templated() -> list[str]:
    return [f.name for f in registry.formats() if f.shipped_template]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("template", help="导出或检查 Word 模板",
                       description="导出内置的 Word 模板，在 Word 中修改样式后用 --template 使用；"
                       "或检查修改后的模板标签是否齐全。")
    actions = p.add_subparsers(dest="action", metavar="操作")
    export = actions.add_parser("export", help="导出内置模板", description="导出内置的 Word 模板作为修改的起点。")
    export.add_argument("--edition", required=True, choices=sorted(EDITIONS), help="格式版本")
    export.add_argument("-o", "--output", required=True, metavar="文件.docx")
    export.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    export.set_defaults(func=run_export)
    check = actions.add_parser("check", help="检查自定义模板的标签，或格式模板能否按标签填写",
                               description="列出自定义模板缺少的标签和无法识别的标签；"
                               "对不带标签的官方格式模板，列出各个标题、占位段落和表格格子在模板中的位置。")
    check.add_argument("file", metavar="模板.docx")
    check.add_argument("--edition", choices=sorted(EDITIONS),
                       help="格式版本（带标签的模板必填；格式模板可按表格标签自动判断）")
    check.set_defaults(func=run_check)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_INPUT)[1])


def _format_of(path: str) -> Format:
    fmt = registry.for_suffix(path)
    if fmt is None or fmt.shipped_template is None:
        fmt = registry.get(_templated()[0])
    return fmt


def run_export(args: argparse.Namespace) -> int:
    if refuse_windows_paths([args.output]):
        return EXIT_INPUT
    out = Path(args.output)
    if refuse_existing([out], args.force):
        return EXIT_INPUT
    edition = get_edition(args.edition)
    fmt = _format_of(args.output)
    assert fmt.shipped_template is not None
    with atomic_path(out) as tmp:
        shutil.copyfile(fmt.shipped_template(edition.key), tmp)
    print(f"已导出 {edition.key}版模板（{edition.notice}）到 {out}。")
    print("可在 Word 中修改字体、间距、页眉页脚等样式；请勿改动 {{ }} 与 {%p %} 标签内的文字。")
    print(f"改好后检查：reportgen template check {out} --edition {edition.key}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    fmt = _format_of(args.file)
    mapping = fmt.map_template(args.file, args.edition) if fmt.map_template else None
    if mapping is not None:
        return _print_mapping(args.file, mapping)
    if args.edition is None:
        print(f"{args.file}：这是带标签的模板，请用 --edition 指定格式版本（{'、'.join(sorted(EDITIONS))}）。",
              file=sys.stderr)
        return EXIT_INPUT
    assert fmt.check_template is not None
    missing, unknown = fmt.check_template(args.file, args.edition)  # a syntax error is a ReportError: exit 2
    if not missing and not unknown:
        print(f"{args.file}：模板标签齐全，可用于 {args.edition}版报告。")
        return EXIT_OK
    print(f"{args.file}：模板有 {len(missing) + len(unknown)} 处问题。")
    if missing:
        print(f"  缺少的标签（{len(missing)} 个，对应的内容不会出现在报告中）：")
        for tag in missing:
            print(f"    {{{{ {tag} }}}}")
    if unknown:
        print(f"  无法识别的标签（{len(unknown)} 个，生成报告时会出错）：")
        for tag in unknown:
            print(f"    {{{{ {tag} }}}}")
    return EXIT_FINDINGS


def _print_mapping(path: str, mapping: TemplateMapping) -> int:
    edition = get_edition(mapping.edition)
    print(f"{path}：不带标签的格式模板，按 {edition.key}版（{edition.notice}）的标签对应如下：")
    for line in mapping.found:
        print(f"  {line}")
    if mapping.missing:
        print(f"  未找到（{len(mapping.missing)} 处，模板不能使用）：")
        for line in mapping.missing:
            print(f"    {line}")
        return EXIT_FINDINGS
    print(f"全部找到，可用于：reportgen render 数据文件 -o 输出目录 --template {path}")
    return EXIT_OK
