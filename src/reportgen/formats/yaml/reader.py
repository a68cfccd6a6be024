"""Reading a YAML data file the careful way: libyaml with custom constructors, pure Python for the messages.

Exact decimals, no octal or sexagesimal numbers, no duplicate keys, few aliases; a bad file is
parsed again by the pure-Python parser for its line, column and problem, which are put in Chinese.
``fast.py`` gives the same data in one pass for the usual file and falls back here for anything else.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ...errors import ReportError

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


class FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser, about eight times faster; aliases are counted beforehand."""


ALIASES = re.compile(r"(?:^|[\s\[,{:-])\*[^\s,\[\]{}]+")


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


for _loader in (_Loader, FastLoader):
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
        yaml.load("\n".join(lines), Loader=FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark is not None and mark.line + 1 > upto
    except (yaml.YAMLError, RecursionError):
        return False
    return True


def parse_careful(text: str, source: str) -> Any:
    """The data of a YAML file; ReportError with line and column for a bad one."""
    # Text that may hold many aliases goes through the pure-Python loader, which counts them exactly.
    if len(ALIASES.findall(text)) <= MAX_ALIASES:
        try:
            return yaml.load(text, Loader=FastLoader)
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
