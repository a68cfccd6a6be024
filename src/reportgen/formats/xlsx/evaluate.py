"""A tiny evaluator for the formulas a clerk types into an input cell.

Only sums: numbers, cell references (A1, $A$1, 表三!D5, '表 三'!D5), ranges
inside SUM(...), unary and binary + and -, and parentheses. Cached values are
never used: referenced formulas are evaluated in turn.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)"
    r"|(?P<ref>(?:(?:'(?:[^']|'')+'|[^\s!'()+\-,:=]+)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)"
    r"|(?P<sum>SUM\s*\()|(?P<op>[-+(),]))",
    re.I,
)
_FORM_TOTAL = re.compile(r"SUMPRODUCT\(IFERROR\(--TRIM\(ASC\(([^()]+)\)\),0\)\)", re.I)
"""The form's own total of one range (``layout.sum_formula``): a SUM that also counts numbers stored as text,
as this evaluator's SUM already does."""
MAX_DEPTH = 20
"""Formulas referring to formulas, this many deep at most."""
MAX_CELLS = 10_000
"""Cells a range in a formula may cover (checked before the range is built)."""
MAX_VISITS = 100_000
"""Cell values read while evaluating all the formulas of one workbook (each formula cell once)."""


class Memo:
    """What the formulas of one workbook have cost so far: each formula cell evaluated once."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], Decimal | None] = {}
        """(sheet, cell) -> its value; None while it is being evaluated (a cycle if met again)."""
        self.visits = 0

    def visit(self, count: int = 1) -> None:
        self.visits += count
        if self.visits > MAX_VISITS:
            raise FormulaError(f"公式引用的单元格过多（全部公式合计超过 {MAX_VISITS} 个）")


class FormulaError(Exception):
    """A formula outside the supported forms."""


def _tokens(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError("本工具只能计算由数字、单元格、加减号和 SUM 组成的公式")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip()))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], ws: Any, wb: Any, depth: int, memo: Memo) -> None:
        self.memo = memo
        self.tokens = tokens
        self.i = 0
        self.ws = ws
        self.wb = wb
        self.depth = depth

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise FormulaError("公式不完整")
        self.i += 1
        return tok

    def expr(self) -> Decimal:
        value = self.term()
        while (tok := self.peek()) in (("op", "+"), ("op", "-")):
            assert tok is not None
            self.take()
            value = value + self.term() if tok[1] == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        kind, text = self.take()
        if (kind, text) == ("op", "-"):
            return -self.term()
        if (kind, text) == ("op", "+"):
            return self.term()
        if kind == "num":
            return Decimal(text)
        if (kind, text) == ("op", "("):
            value = self.expr()
            self.expect(")")
            return value
        if kind == "ref":
            cells = self.cells(text)
            if len(cells) != 1:
                raise FormulaError("区域只能用在 SUM 中")
            return cells[0]
        if kind == "sum":
            total = Decimal(0)
            while True:
                tok = self.peek()
                if tok and tok[0] == "ref":
                    self.take()
                    total += sum(self.cells(tok[1]), Decimal(0))
                else:
                    total += self.expr()
                sep = self.take()
                if sep == ("op", ")"):
                    return total
                if sep != ("op", ","):
                    raise FormulaError("SUM 的参数有误")
        raise FormulaError(f"无法计算「{text}」")

    def expect(self, op: str) -> None:
        if self.take() != ("op", op):
            raise FormulaError("括号不配对")

    def cells(self, ref: str) -> list[Decimal]:
        ws = self.ws
        if "!" in ref:
            sheet, ref = ref.rsplit("!", 1)
            sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
            if sheet not in self.wb.sheetnames:
                raise FormulaError(f"引用的工作表「{sheet}」不存在")
            ws = self.wb[sheet]
        ref = ref.replace("$", "").upper()
        size = area(ref)
        if size > MAX_CELLS:  # before the range is built: A1:XFD1048576 is 17 billion cells
            raise FormulaError(f"引用的区域过大（{size} 个单元格，上限为 {MAX_CELLS} 个）")
        self.memo.visit(size)
        found = ws[ref]
        rows = found if isinstance(found, tuple) else ((found,),)
        flat = [c for row in rows for c in (row if isinstance(row, tuple) else (row,))]
        return [self.value(c) for c in flat]

    def value(self, cell: Any) -> Decimal:
        value = cell.value
        if value is None:
            return Decimal(0)
        if cell.data_type == "f":
            key = (cell.parent.title, cell.coordinate)
            if key in self.memo.values:
                known = self.memo.values[key]
                if known is None:
                    raise FormulaError(f"公式循环引用（{key[0]}!{key[1]}）")
                return known
            self.memo.values[key] = None
            text = value if isinstance(value, str) else getattr(value, "text", "")
            result = evaluate(text or "", cell.parent, self.wb, self.depth + 1, self.memo)
            self.memo.values[key] = result
            return result
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            raise FormulaError(f"引用的单元格 {cell.coordinate} 不是数字")
        try:
            return Decimal(repr(value) if isinstance(value, float) else str(value).strip() or "0")
        except InvalidOperation:
            raise FormulaError(f"引用的单元格 {cell.coordinate} 不是数字") from None


def area(ref: str) -> int:
    """Cells a reference (A1 or A1:C3, no sheet, no $) covers, computed without building it."""
    corners = [_corner(part) for part in ref.split(":")]
    (c0, r0), (c1, r1) = corners[0], corners[-1]
    return (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)


def _corner(coord: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]{1,3})(\d+)", coord)
    if m is None:
        raise FormulaError(f"无法识别的单元格「{coord}」")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col, int(m.group(2))


def evaluate(formula: str, ws: Any, wb: Any, depth: int = 0, memo: Memo | None = None) -> Decimal:
    """The value of a sum formula such as ``=SUM(D5:D8)+2``, evaluated on the workbook.

    ``memo``: shared by all the formulas of one workbook, so that each formula
    cell is evaluated once and the total work is bounded (``MAX_VISITS``).
    """
    if depth > MAX_DEPTH:
        raise FormulaError("公式引用层数过多（可能循环引用）")
    if len(formula) > 8192:
        raise FormulaError("公式过长")
    parser = _Parser(_tokens(_FORM_TOTAL.sub(r"SUM(\1)", formula.lstrip("="))), ws, wb, depth, memo or Memo())
    value = parser.expr()
    if parser.peek() is not None:
        raise FormulaError("本工具只能计算由数字、单元格、加减号和 SUM 组成的公式")
    return value
