"""YAML texts for tests/test_yaml_fast.py: real data files, the tests' own inputs, odd cases, mutations."""

from __future__ import annotations

import ast
import random
import re
from collections.abc import Callable
from pathlib import Path

from catalogue import CASES, content_of
from reportgen.fileio import decode_text

ROOT = Path(__file__).resolve().parents[1]

ODD = [
    # numbers, dates, words: the fast pass reads these itself
    "a: 0x10\nb: 010\nc: 1:30\nd: 2_0\ne: 0b11\nf: 1_000.5\ng: .inf\nh: -.INF\ni: .NaN\nj: 1e3\nk: 1.0e+3\n",
    "a: +5\nb: -0\nc: 007\nd: 1234567890123456789012345678901234567890\ne: 1:30.5\nf: 1.\ng: .5\nh: 0o17\n",
    "a: 2024-02-30\nb: 2024-01-20 10:00:00+08:00\nc: 2024-1-2\nd: 2024-01-20t10:00:00.5Z\ne: 2024-01-20\n",
    "a: yes\nb: Off\nc: ~\nd: null\ne: ''\nf:\ng: \"\"\nh: 'yes'\ni: \"0x10\"\nj: NULL\nk: y\n",
    "agency: 甲：乙\nyear: 2021\n",
    "? a\n: 1\n",
    "--- \na: 1\n...\n",
    "a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
    "a: {x: 1, y: [1, 2, ], }\nb: [{c: d}, [e, f]]\n",
    "a: 1\r\nb: [2, 3]\r\n",
    "x: " + "a*" * 150 + "\n",
    "\ufeffagency: 甲\nyear: 2021\n",
    "just a scalar\n",
    "- a\n- b\n",
    "",
    "   \n",
    "# only a comment\n",
    "k" * 2000 + ": 1\n",
    "a: " + "长" * 5000 + "\n",
    "[" * 39 + "]" * 39,
    # the careful reader's to decide
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: ! 1\n",
    "<<: {a: 1}\nb: 2\n",
    "a: 1\na: 2\n",
    "\"a\": 1\na: 2\n",
    "1: a\n01: b\n",
    "true: 1\n",
    "~: 1\n",
    ": 1\n",
    "? [a]\n: 1\n",
    "? [a]\n: b\n",
    "? {a: 1}\n: b\nc: d\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: =\n",
    "=: 1\n",
    "[" * 60 + "]" * 60,
    "a:\n\tb: 1\n",
    "a: \"x\ay\"\n",
    "a: b\ud800\n",
    "a: [1, 2\n",
    "agency：甲\nyear: 2021\n",
    "agency:甲\nyear: 2021\n",
    "x: " + " ".join(f"*a{i}" for i in range(150)) + "\n",
    "a: 1\nb: \ufeff2\n",
]


def data_files() -> dict[str, str]:
    """The samples, a starter of each edition as ``reportgen new`` writes it, and random reports."""
    from reportgen import to_bytes
    from reportgen.cli.new import starter
    from reportgen.formats import yaml as yaml_format
    from reportgen.testing import random_report

    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.yaml"))}
    for edition, year in (("2019", 2020), ("2021", 2025)):
        files[f"starter-{edition}"] = yaml_format.dumps(starter(edition, "测试机关", year))
        for seed in range(3):
            files[f"random-{edition}-{seed}"] = to_bytes(random_report(edition, seed=seed), "yaml").decode()
    return files


def inputs_of_tests() -> list[str]:
    """The YAML of the bad-input catalogue, and every text constant in the tests (most are inputs)."""
    texts = []
    for _, filename, content, _ in CASES:
        if filename.endswith((".yaml", ".yml")):
            try:
                texts.append(decode_text(content_of(content), filename))
            except Exception:  # undecodable bytes never reach the parser
                continue
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    return list(dict.fromkeys(texts))


# -- mutations -----------------------------------------------------------------

_CHARS = [*":：- \t#'\"[]{},&*!|>?%@`\n\ufeff\\0x1", "\u3000", "\r"]
_NUMBERS = ["010", "0x1F", "1:30", "2_0", "1_000.5", ".inf", "-.nan", "1e3", "0b101", "+7", "-0", "007", "1.",
            "2024-02-30", "2024-01-20 10:00:00+08:00", "yes", "~", "off", "=", "<<", "'1'", "1" * 40]
_NUMBER = re.compile(r"(?<=: )\d+(?:\.\d+)?")


def _line_edit(change: Callable[[random.Random, str], str]) -> Callable[[random.Random, str], str]:
    def edit(rng: random.Random, text: str) -> str:
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        lines[i] = change(rng, lines[i])
        return "\n".join(lines)

    return edit


def _swap_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _duplicate_line(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    return "\n".join([*lines[: i + 1], lines[i], *lines[i + 1:]])


def _number(rng: random.Random, text: str) -> str:
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return text
    spot = rng.choice(spots)
    return text[: spot.start()] + rng.choice(_NUMBERS) + text[spot.end():]


def _at(rng: random.Random, text: str, piece: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + piece + text[i:]


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    lambda rng, t: (lambda i: t[:i] + t[i + rng.randint(1, 3):])(rng.randrange(max(len(t), 1))),
    lambda rng, t: _at(rng, t, rng.choice(_CHARS)),
    _swap_lines,
    _duplicate_line,
    _line_edit(lambda rng, line: " " * rng.randint(1, 3) + line),
    _line_edit(lambda rng, line: line[rng.randint(1, 2):] if line.startswith(" ") else line),
    _line_edit(lambda rng, line: line.replace(": ", " ：", 1) if rng.random() < 0.5 else line.replace(": ", "：", 1)),
    _line_edit(lambda rng, line: line.replace(": ", ":", 1)),
    _line_edit(lambda rng, line: line.replace("  ", "\t", 1)),
    _line_edit(lambda rng, line: line.replace(": ", ": &a ", 1)),
    _line_edit(lambda rng, line: line.replace(": ", ": !!str ", 1)),
    _line_edit(lambda rng, line: line.split(":")[0] + ": *a" if ":" in line else line),
    _line_edit(lambda rng, line: line[: len(line) - len(line.lstrip())] + "<<: {x: 1}"),
    _line_edit(lambda rng, line: line + "x" * rng.randint(1000, 5000)),
    _number,
    _number,
    lambda rng, t: "\ufeff" + t,
    lambda rng, t: t + "\n---\na: 1\n",
]


def mutants(texts: list[str], count: int, seed: int = 16) -> list[str]:
    """``count`` texts, each a random text with one to three random mutations, the same every run."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            text = rng.choice(MUTATIONS)(rng, text)
        out.append(text)
    return out
