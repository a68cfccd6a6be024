"""docs/limits.md states every limit with its number, and each number is the program's (issue 15).

Each limit is also exercised: by a case of tests/catalogue.py (named in LIMITS) or a test named here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue import CASES, TEMPLATE_CASES
from reportgen import errors, fileio, types
from reportgen.formats import yaml as yaml_format
from reportgen.formats.docx import engine, sandbox
from reportgen.formats.xlsx import evaluate, package, reader

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

# (words of the row in docs/limits.md, the number the row states, the program's value, where it is exercised)
LIMITS = [
    ("数据文件、填报表、Word 模板、已发布报告的大小", "20 MB", fileio.MAX_INPUT_BYTES // MB,
     "test_trust_catalogue.py::test_oversized_file_is_refused_before_parsing"),
    ("填报表（.xlsx）解压后的大小", "200 MB", package.MAX_UNPACKED // MB, "xlsx_zip_bomb"),
    ("需要用 openpyxl 读取的特殊填报表", "16 MB", reader.MAX_OPENPYXL // MB, "test_openpyxl_fallback_is_capped"),
    ("一个单元格名称所指的区域", "20000 个单元格", reader.MAX_AREA, "xlsx_name_covers_whole_sheet"),
    ("输入格中公式引用的区域", "10000 个单元格", evaluate.MAX_CELLS, "xlsx_sum_of_whole_sheet"),
    ("全部公式合计读取的单元格", "100000 个", evaluate.MAX_VISITS,
     "test_hostile_forms.py::test_formula_work_has_a_total_bound"),
    ("公式引用公式的层数", "20 层", evaluate.MAX_DEPTH, "xlsx_formula_cycle"),
    ("一个公式的长度", "8192 个字符", 8192, "test_a_long_formula_is_refused"),
    ("每段文字的长度", "20000 个字符", types.MAX_TEXT, "text_200k"),
    ("一个列表的段落或分项数", "200 项", types.MAX_ITEMS, "too_many_problems"),
    ("一份报告全部文字合计", "1000000 个字符", types.MAX_TOTAL_TEXT, "too_much_text"),
    ("件数", "999999999999999", types.MAX_COUNT, "count_beyond_excel"),
    ("金额", "最多 6 位小数", types.MONEY_PLACES, "money_tiny_exponent_json"),
    ("数字的位数", "30 位", types.MAX_DIGITS, "count_huge_exponent_json"),
    ("报告年度", "2019 至 2099", 2099, "year_too_late"),
    ("YAML 别名", "100 个", yaml_format.MAX_ALIASES, "yaml_alias_bomb"),
    ("一次列出的问题", "50 条", errors.MAX_SHOWN, "test_at_most_50_problems_are_listed"),
    ("Word 模板解压后的大小", "每部分 50 MB，合计 200 MB", engine.MAX_PART_BYTES // MB, "template_zip_bomb"),
    ("Word 模板中的标签", "20000 个", sandbox.MAX_TAGS, "template_300k_tags"),
    ("Word 模板中循环的嵌套", "4 层", sandbox.MAX_LOOP_DEPTH, "template_loops_too_deep"),
    ("全部循环的次数", "1000000 次", sandbox.MAX_ITERATIONS, "template_loops_without_end"),
    ("一个表达式生成的文字或列表", "1000000 个字符", sandbox.MAX_STRING, "template_huge_repetition"),
    ("一个表达式生成的整数", "4096 位", sandbox.MAX_BITS, "template_huge_power"),
    ("填写后每部分的长度", "50000000 个字符", sandbox.MAX_OUTPUT, "test_template_output_is_capped"),
    ("并行进程数", "本机 CPU 核数", None, "test_hostile_cli.py::test_jobs_are_capped_at_the_core_count"),
]
_ROWS = [line for line in (ROOT / "docs" / "limits.md").read_text(encoding="utf-8").splitlines()
         if line.startswith("| ") and not line.startswith(("| 项目", "|---"))]
_NAMED = {name for name, *_ in CASES} | {name for name, *_ in TEMPLATE_CASES}


def test_every_row_of_the_table_is_checked() -> None:
    assert len(_ROWS) == len(LIMITS)
    for row, (words, _, _, _) in zip(_ROWS, LIMITS, strict=True):
        assert words in row


@pytest.mark.parametrize(("words", "stated", "value", "exercised"), LIMITS, ids=[w for w, *_ in LIMITS])
def test_the_documented_number_is_the_programs(words: str, stated: str, value: int | None, exercised: str) -> None:
    row = next(r for r in _ROWS if words in r)
    assert stated in row
    if value is not None:
        assert str(value) in re.findall(r"\d+", stated)
    test_file, _, test_name = exercised.rpartition("::")
    if test_file:
        assert f"def {test_name}(" in (ROOT / "tests" / test_file).read_text(encoding="utf-8")
    else:
        assert exercised in _NAMED or exercised in globals(), exercised


def test_openpyxl_fallback_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogue import _form_with
    from reportgen import ReportError, loads
    from reportgen.formats.xlsx import fastview

    def unusual(data: bytes) -> object:
        raise fastview.Unsupported("shared formula")

    monkeypatch.setattr(reader, "open_fast", unusual)
    monkeypatch.setattr(reader, "MAX_OPENPYXL", 1000)
    with pytest.raises(ReportError, match="超过 0 MB 的上限"):
        loads(_form_with({}), "xlsx")


def test_a_long_formula_is_refused() -> None:
    with pytest.raises(evaluate.FormulaError, match="公式过长"):
        evaluate.evaluate("=" + "+1" * 4097, None, None)


def test_template_output_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    env = sandbox.environment()
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1000)
    with pytest.raises(sandbox.LimitError, match="模板生成的内容过长"):
        sandbox.render_bounded(env.from_string("{% for p in items %}{{ p }}{% endfor %}"), {"items": ["x" * 100] * 20})


def test_at_most_50_problems_are_listed() -> None:
    problems = [errors.Problem(f"k{i}", "有误") for i in range(errors.MAX_SHOWN + 7)]
    text = str(errors.ReportError(problems, "r.yaml"))
    assert text.count("有误") == errors.MAX_SHOWN
    assert text.endswith("……另有 7 处问题未列出")


def test_every_class_of_run_fault_has_its_test() -> None:
    from catalogue import RUN_CASES

    for name, where in RUN_CASES.items():
        test_file, _, test_name = where.partition("::")
        assert f"def {test_name}(" in (ROOT / "tests" / test_file).read_text(encoding="utf-8"), name
