"""ReportError: every problem of a data file, each with its place, in Chinese."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .editions import EDITIONS, Edition
from .types import show

MAX_SHOWN = 50
"""Problems listed in a message; the rest are counted."""


@dataclass(frozen=True)
class Problem:
    """One problem: where (a key path or a sheet!cell) and what, in Chinese."""

    path: str
    message: str
    label: str = ""

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = self.path + (f"（{self.label}）" if self.label else "")
        return f"{where}：{self.message}"


class ReportError(ValueError):
    """A data file or form that is not a valid report; lists every problem."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.__str__())

    @classmethod
    def single(cls, source: str | None, path: str, message: str, label: str = "") -> ReportError:
        return cls([Problem(path, message, label)], source)

    def __str__(self) -> str:
        head = f"{self.source}：" if self.source else ""
        if len(self.problems) == 1:
            return head + str(self.problems[0])
        head += f"不是有效的报告数据，共 {len(self.problems)} 处问题："
        lines = [head, *(f"  - {p}" for p in self.problems[:MAX_SHOWN])]
        if len(self.problems) > MAX_SHOWN:
            lines.append(f"  ……另有 {len(self.problems) - MAX_SHOWN} 处问题未列出")
        return "\n".join(lines)


def _table_label(edition: Edition, parts: list[str]) -> str:
    """Official label of a key path inside a table, as far as it goes."""
    table = edition.table(parts[0])
    rest = parts[1:]
    for n in range(len(rest), 0, -1):
        row_key = ".".join(rest[:n])
        try:
            row = table.row(row_key)
        except KeyError:
            continue
        col_key = rest[n] if len(rest) > n else None
        cols = {c.key for c in table.columns_of(row.key)}
        return table.describe(row.key, col_key if col_key in cols else None)
    groups = {r.group for r in table.rows if r.key.split(".")[0] == rest[0]} if rest else set()
    group = next(iter(groups), None) if len(groups) == 1 else None
    return table.name + (f"「{group}」" if group else "")


def label_of(edition: Edition, path: tuple[Any, ...]) -> str:
    """The official label for a key path, e.g. 表三「（七）总计」行「自然人」列; list items counted from 1."""
    label = _label_of(edition, path)
    items = [p for p in path if isinstance(p, int)]
    return f"{label}第{items[-1] + 1}项" if items and label else label


def _label_of(edition: Edition, path: tuple[Any, ...]) -> str:
    parts = [str(p) for p in path]
    if not parts:
        return ""
    if parts[0] in {t.key for t in edition.tables}:
        return _table_label(edition, parts)
    if parts[0] == "fees" and len(parts) > 1:
        col = next((c for c in edition.fees if c.key == parts[1]), None)
        if col:
            return f"{edition.fees_label}「{col.label}」"
    return edition.field_labels.get(".".join(parts[:2])) or edition.field_labels.get(parts[0], "")


def _unknown_key(edition: Edition, path: tuple[Any, ...]) -> str:
    key = str(path[-1])
    for other in EDITIONS.values():
        if other is not edition and key in (other.keys_at(path[:-1]) or []):
            return (f"「{key}」是{other.key}版报表的项目，本报告按{edition.key}版"
                    f"（{edition.notice}）填报，没有此项")
    known = edition.keys_at(path[:-1]) or []
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"，是否想写「{guess[0]}」？" if guess else (f"；此处可用的键：{'、'.join(known)}" if known else "")
    return f"未知的键「{key}」{hint}"


_MESSAGES = {
    "missing": "缺少此项（必填）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "decimal_type": "应为金额数字",
    "decimal_parsing": "应为金额数字",
    "finite_number": "应为有限的数字，不能是 NaN 或无穷大",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "model_type": "应为键值映射",
    "dict_type": "应为键值映射",
    "date_type": "应为日期，如 2025-01-20",
    "date_parsing": "应为日期，如 2025-01-20",
    "date_from_datetime_parsing": "应为日期，如 2025-01-20",
    "date_from_datetime_inexact": "应为日期，不能带时刻，如 2025-01-20",
    "string_too_short": "不能为空",
    "string_unicode": "含有无法编码的字符（孤立的代理项），请检查文字来源",
    "invalid_key": "键应为文字",
    "int_from_float": "应为整数，不能有小数",
    "int_parsing_size": "数字位数过多",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "数字位数过多",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为真/假值",
    "bool_parsing": "应为真/假值",
    "too_long": "项数过多",
    "too_short": "项数过少",
    "string_pattern_mismatch": "格式不对",
    "date_from_datetime_object": "应为日期，如 2025-01-20",
    "date_past": "日期不对",
    "date_future": "日期不对",
    "datetime_type": "应为日期，如 2025-01-20",
    "model_attributes_type": "应为键值映射",
    "tuple_type": "应为列表",
    "set_type": "应为列表",
    "union_tag_invalid": "类型不对",
    "enum": "不是可用的值之一",
    "recursion_loop": "数据中有循环引用",
}

FALLBACK = "值无效"
"""What a validation error of a kind not listed says: never the library's English."""


def _plain(value: Any) -> str:
    """A limit from the validator as a clerk reads it: 999999999999999, not Decimal('999999999999999')."""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    return text[9:-2] if text.startswith("Decimal('") and text.endswith("')") else text


def _message(edition: Edition, err: dict[str, Any]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    shown = "" if isinstance(value, dict | list) else f"，实为「{show(value)}」"
    if kind == "extra_forbidden":
        return _unknown_key(edition, err["loc"])
    if kind == "value_error":
        error = str(ctx.get("error", ""))
        return error if _is_chinese(error) else FALLBACK + shown
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return f"不能为负数，实为 {value}"
        return f"应不小于 {_plain(ctx.get('ge'))}{shown}"
    if kind == "less_than_equal":
        return f"超出上限 {_plain(ctx.get('le'))}{shown}"
    if kind in ("greater_than", "less_than"):
        limit = _plain(ctx.get("gt", ctx.get("lt")))
        return (f"应大于 {limit}" if kind == "greater_than" else f"应小于 {limit}") + shown
    if kind == "too_long":
        return f"项数过多（最多 {ctx.get('max_length')} 项，实为 {ctx.get('actual_length')} 项）"
    if kind == "string_too_long":
        return f"文字过长（最多 {ctx.get('max_length')} 个字符，实为 {len(str(value))} 个）"
    if kind == "literal_error":
        options = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ").replace(", ", "、")
        return f"应为 {options} 之一{shown}"
    if kind in _MESSAGES:
        return _MESSAGES[kind] + ("" if kind in ("missing", "string_too_short") else shown)
    return FALLBACK + shown


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def problems_from_validation(exc: Any, edition: Edition) -> list[Problem]:
    """Translate a pydantic ValidationError into Problems with official labels."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = ".".join(str(p) for p in loc)
        message = _message(edition, {**err, "loc": loc})
        if (path, message) in seen:
            continue
        seen.add((path, message))
        label = label_of(edition, loc[:-1] if err["type"] == "extra_forbidden" else loc)
        problems.append(Problem(path, message, label))
    return problems
