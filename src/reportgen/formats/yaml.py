"""YAML data files: the reader, and a writer that comments every key with its official label."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..editions.spec import Column, Edition, Field, Table
from ..errors import ReportError
from ..fileio import Dest, write_text
from ..model import Report
from .base import Format
from .text import text_reader, text_writer

MAX_ALIASES = 100
"""A data file needs few YAML aliases; many are the mark of an expansion bomb."""


class _Loader(yaml.SafeLoader):
    """SafeLoader (no Python objects) with exact decimals, no duplicate keys, few aliases."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(None, None, f"别名（*）超过 {MAX_ALIASES} 个", event.start_mark)
        return super().compose_node(parent, index)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser, about eight times faster; aliases are counted beforehand."""


_ALIAS = re.compile(r"(?:^|[\s\[,{:-])\*[^\s,\[\]{}]+")


def _integer(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """Decimal digits only: YAML 1.1 would read 010 as 8, 1:30 as 90 and 0x10 as 16."""
    text = str(loader.construct_scalar(node))
    digits = text.lstrip("+-")
    if not digits.isdecimal():
        return text  # 0x10, 1:30, 2_0 …: refused by the model, with its key path, as not a whole number
    if len(digits) > 30:
        return Decimal(text)  # far beyond any count: refused by the model with its key path
    return int(text, 10)


_SPECIAL = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(_SPECIAL.get(text.lower(), text))  # NaN and infinities: refused by the model
    except InvalidOperation:
        return Decimal("NaN")


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)  # not a real date: refused by the model with its key path


def _mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "键不能是列表或映射", key_node.start_mark)
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"键「{key}」重复出现（第 {seen[key]} 行与第 {line} 行）", key_node.start_mark
            )
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:float", _decimal)
    _loader.add_constructor("tag:yaml.org,2002:int", _integer)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现「键: 值」（可能是缩进不对，或文字中的冒号需要加引号）",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
    "could not find expected ':'": "缺少冒号「:」",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合）",
    "did not find expected key": "缩进不一致，找不到应有的键",
    "did not find expected '-' indicator": "列表项的缩进不一致",
    "did not find expected node content": "缺少内容（可能多了逗号或括号）",
    "expected the node content": "此处缺少内容（括号或引号没有闭合？）",
    "found undefined alias": "引用了未定义的别名（*）",
    "expected ',' or ']'": "方括号 [ ] 没有正确闭合",
    "expected ',' or '}'": "花括号 { } 没有正确闭合",
    "found unknown escape character": "双引号文字中有无法识别的转义符「\\」",
    "special characters are not allowed": "文件中有不可见的特殊字符",
    "could not determine a constructor": "不允许的 YAML 标签（数据文件只能包含文字、数字、日期、列表和映射）",
    "for merging": "合并键「<<」后应为映射（或映射的列表）",
    "found another document": "文件中有多份文档（出现了第二个「---」），一个数据文件只能有一份报告",
    "found duplicate anchor": "锚点（&）重复定义",
    "found unhashable key": "键不能是列表或映射",
    "while scanning a quoted scalar": "引号没有闭合",
    "while scanning a block scalar": "多行文字（| 或 >）的写法有误",
    "found a tab character": "不能用 Tab 键缩进，请改用空格",
    "block sequence entries are not allowed": "此处不能开始列表（「- 」的缩进不对）",
    "while parsing a flow": "括号没有正确闭合",
    "while scanning an anchor": "锚点（&）的名字有误",
    "while scanning an alias": "别名（*）的名字有误",
    "while scanning a directive": "「%」开头的指令有误",
    "found incompatible YAML document": "不支持的 YAML 版本",
    "while scanning a simple key": "缺少冒号「:」",
}
_UNREADABLE = "格式有误，无法解析"


def _problem(text: str) -> str:
    for english, chinese in _PROBLEMS.items():
        if english in text:
            return chinese
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else _UNREADABLE


_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s*)?([A-Za-z_][\w.]*)\s*：")
_NO_SPACE = re.compile(r"^\s*(?:-\s*)?([A-Za-z_]\w*):(?=[^\s/])")


def _typo(text: str, upto: int) -> str | None:
    """The two slips a clerk makes most, which the parser reports lines later: ： and a missing space.

    A line is blamed only if correcting it moves the error past where the parser
    stopped: a full-width colon inside a valid multi-line text is no slip.
    """
    lines = text.splitlines()
    checked = 0
    for number in range(min(upto + 1, len(lines)), 0, -1):
        line = lines[number - 1]
        if match := _FULL_WIDTH_COLON.match(line):
            fixed = line[: match.end() - 1] + ": " + line[match.end():]
            hint = f"第 {number} 行：键「{match.group(1)}」后用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格"
        elif match := _NO_SPACE.match(line):
            fixed = line[: match.end()] + " " + line[match.end():]
            hint = f"第 {number} 行：键「{match.group(1)}」的冒号「:」后缺少空格"
        else:
            continue
        if _helps([*lines[: number - 1], fixed, *lines[number:]], upto):
            return hint
        checked += 1
        if checked >= 5:
            break
    return None


def _helps(lines: list[str], upto: int) -> bool:
    """Whether the corrected text parses, or fails only after line ``upto``."""
    try:
        yaml.load("\n".join(lines), Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line + 1 > upto
    except (yaml.YAMLError, RecursionError):
        return False
    return True


def parse(text: str, source: str) -> Any:
    """The data of a YAML file; ReportError with line and column for a bad one."""
    # Text that may hold many aliases goes through the pure-Python loader, which counts them exactly.
    if len(_ALIAS.findall(text)) <= MAX_ALIASES:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except (yaml.YAMLError, RecursionError):
            pass  # parsed again below, for the pure-Python parser's messages, which _PROBLEMS translates
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        typo = _typo(text, mark.line + 1 if mark else len(text))
        if typo:
            raise ReportError.single(source, "", f"YAML 语法错误，{typo}") from None
        where = f"（第 {mark.line + 1} 行第 {mark.column + 1} 列）" if mark else ""
        problem = _problem(exc.problem or exc.context or "无法解析")
        raise ReportError.single(source, "", f"YAML 语法错误{where}：{problem}") from None
    except yaml.reader.ReaderError as exc:
        where = f"（第 {text.count(chr(10), 0, exc.position) + 1} 行）" if isinstance(exc.position, int) else ""
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "不可见字符"
        raise ReportError.single(source, "", f"YAML 语法错误{where}：文件中有不能出现在数据文件里的控制字符 {char}") \
            from None
    except yaml.YAMLError:
        raise ReportError.single(source, "", f"YAML 语法错误：{_UNREADABLE}") from None
    except RecursionError:
        raise ReportError.single(source, "", "YAML 嵌套层数过多") from None


# -- writing -------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    text = yaml.safe_dump(value, allow_unicode=True, width=2**31 - 1, default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + f"# {text}")

    def key(self, key: str, value: Any = None, note: str = "", indent: int = 0, block: bool = False) -> None:
        text = " " * indent + f"{key}:"
        if not block:
            shown = _scalar(value)
            text += f" {shown}" if shown else ""
        if note:
            text = f"{text:<40} # {note}" if len(text) < 40 else f"{text}  # {note}"
        self.lines.append(text)

    def items(self, values: list[str], indent: int) -> None:
        for v in values:
            self.lines.append(" " * indent + f"- {_scalar(v)}")


def _write_row(w: _Writer, report: Report, table: Table, row_key: str, leaf: str,
               columns: tuple[Column, ...], indent: int) -> None:
    row = table.row(row_key)
    w.key(leaf, note=row.label, indent=indent, block=True)
    for col in columns:
        derived = row.derived or col.derived
        given = report.is_given(table.key, row_key, col.key)
        value = report.cell(table.key, row_key, col.key) if (given or not derived) else None
        note = col.label + ("（合计，可留空，自动计算）" if derived else "")
        if col.unit and col.unit not in col.label:
            note += f"，单位：{col.unit}"
        w.key(col.key, value, note + _origin(report, (table.key, row_key, col.key)), indent + 2)
        if col.unit_key:
            w.key(col.unit_key, report.cell(table.key, row_key, col.unit_key),
                  f"{col.label}的单位：元、万元或亿元", indent + 2)


def _origin(report: Report, cell: tuple[str, str, str]) -> str:
    """For a report read from a published document: what the document printed, when it was not a plain figure."""
    provenance = report.provenance
    source = provenance.cells.get(cell) if provenance is not None else None
    if source is None or not getattr(source, "found", True):
        return ""
    if source.blank:
        return f"；原文{source.shown}"
    if not source.note:
        return ""
    return f"；{source.note}" if f"「{source.text}」" in source.note else f"；原文「{source.text}」：{source.note}"


def _write_provenance(w: _Writer, report: Report) -> None:
    """The head of a data file imported from a published document: where from, and what was not understood."""
    provenance = report.provenance
    if provenance is None:
        return
    w.comment(f"由已发布的报告导入：{provenance.source}。原文留空的格子注明“原文未填写”，带说明文字的格子注明原文。")
    for problem in provenance.unplaced:
        w.comment(f"未能读入：{problem}")
    for text in [*provenance.warnings, *provenance.notes]:
        w.comment(f"注意：{text}")


def _write_table(w: _Writer, report: Report, table: Table) -> None:
    w.lines.append("")
    w.comment(f"{table.heading}（{table.name}）")
    w.key(table.key, block=True)
    open_groups: list[str] = []
    for block in table.blocks:
        if block.heading:
            w.comment(block.heading, 2)
        for row in block.rows:
            *groups, leaf = row.key.split(".")
            common = 0
            while common < min(len(groups), len(open_groups)) and groups[common] == open_groups[common]:
                common += 1
            for depth in range(common, len(groups)):
                w.key(groups[depth], note=row.group or "", indent=2 + 2 * depth, block=True)
            open_groups = groups
            _write_row(w, report, table, row.key, leaf, block.columns, 2 + 2 * len(groups))


def _write_overview(w: _Writer, value: Any, key: str) -> None:
    w.key(key, block=True)
    if value.intro:
        w.key("intro", block=True, indent=2)
        w.items(value.intro, 4)
    else:
        w.lines.append("  intro: []")
    if not value.items:
        w.lines.append("  items: []")
    else:
        w.key("items", block=True, indent=2)
        for item in value.items:
            w.lines.append(f"    - title: {_scalar(item.title)}")
            w.lines.append("      text:")
            w.items(item.text, 8)


def _write_fees(w: _Writer, value: Any, key: str, spec: Edition) -> None:
    if value is None:
        w.lines.append(f"{key}:")
        return
    w.key(key, block=True)
    for col in spec.fees:
        w.key(col.key, getattr(value, col.key), col.label + (f"，单位：{col.unit}" if col.unit else ""), 2)


def _write_field(w: _Writer, report: Report, field: Field) -> None:
    """One narrative field, after a comment with its label and how to fill it in."""
    spec = report.spec
    value = getattr(report, field.key)
    w.lines.append("")
    w.comment(f"{field.label}：{spec.help_of(field)}")
    if field.kind == "overview":
        w.comment("intro 为引言段落；items 为分项，每项有 title（小标题）和 text（段落）")
        _write_overview(w, value, field.key)
    elif field.kind == "fees":
        _write_fees(w, value, field.key, spec)
    elif value:
        w.key(field.key, block=True)
        w.items(value, 2)
    else:
        w.lines.append(f"{field.key}: []")


def dumps(report: Report) -> str:
    """The report as a YAML data file, every key present and commented with its label."""
    spec = report.spec
    w = _Writer()
    w.comment(f"{report.title_text} — 数据文件")
    w.comment(f"格式：{spec.key}版（{spec.notice}）。数字留空或省略按 0 计；合计项可留空，自动计算。")
    w.comment("检查：reportgen check 本文件；生成 Word：reportgen render 本文件 -o 输出文件夹")
    _write_provenance(w, report)
    for field in spec.fields:
        if field.single:
            value = getattr(report, field.key)
            value = value.isoformat() if isinstance(value, datetime.date) else value
            w.key(field.key, value, f"{field.label}（{spec.help_of(field)}）")
    for field in spec.fields:
        if not field.single and field.kind != "fees":
            _write_field(w, report, field)
    for table in spec.tables:
        _write_table(w, report, table)
    for field in spec.fields:
        if field.kind == "fees":
            _write_field(w, report, field)
    return "\n".join(w.lines) + "\n"


def write(report: Report, dest: Dest) -> None:
    write_text(dest, dumps(report))


FORMAT = Format(
    name="yaml", title="YAML 数据文件", suffixes=(".yaml", ".yml"),
    read=text_reader(parse), write=text_writer(dumps), data_file=True,
)
