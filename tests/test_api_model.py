"""The library as a portal team uses it: immutable reports, pydantic habits, bytes in and out (issue #10)."""

from __future__ import annotations

import io
import json
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest
from pydantic import TypeAdapter, ValidationError

import reportgen
from factories import balanced_data
from reportgen import Report, ReportError


def _report(edition: str = "2021") -> Report:
    return Report.from_data(balanced_data(edition))


def test_assignment_cannot_leave_totals_stale() -> None:
    report = _report()
    with pytest.raises(ValidationError, match="frozen"):
        report.applications.granted.natural_person = 9  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        report.agency = "另一个机关"  # type: ignore[misc]


def test_replace_revalidates_and_derives_again() -> None:
    report = _report()
    before = report.cell("applications", "granted", "total")
    old = report.cell("applications", "granted", "natural_person")
    changed = report.replace({"applications.granted.natural_person": old + 5})
    assert changed.cell("applications", "granted", "total") == before + 5
    assert report.cell("applications", "granted", "total") == before  # the original is unchanged
    assert any(f.rule == 1 for f in changed.check())  # the balance no longer holds, and check() says so
    nested = report.model_copy(update={"applications": {"granted": {"natural_person": old + 5}}})
    assert nested == changed
    assert report.replace(agency="乙镇人民政府").agency == "乙镇人民政府"


def test_bad_replace_names_the_key_path_and_label() -> None:
    with pytest.raises(ReportError) as info:
        _report().replace({"applications.granted.natural_person": -1})
    problem = info.value.problems[0]
    assert problem.path == "applications.granted.natural_person"
    assert "自然人" in problem.label and "不能为负数" in problem.message


def test_text_changed_in_place_is_refused_at_render_time() -> None:
    report = _report()
    report.problems.append("坏字符\x01")  # a list can still be changed in place: checked when rendering
    for fmt in ("docx", "xlsx"):
        with pytest.raises(ReportError) as info:
            reportgen.to_bytes(report, fmt)
        index = len(report.problems)
        assert info.value.problems[0].path == f"problems.{index - 1}"
        assert info.value.problems[0].label == f"五、存在的主要问题第{index}项"
        assert "U+0001" in info.value.problems[0].message


def test_json_dumps_of_data_in_json_mode() -> None:
    report = Report.from_data({**balanced_data("2021"), "date": "2025-01-20"})
    text = json.dumps(report.data(mode="json"), ensure_ascii=False)
    assert '"date": "2025-01-20"' in text
    assert Report.from_data(json.loads(text)) == report


def test_generated_classes_keyword_construction_and_round_trip() -> None:
    from reportgen import Report2019, Report2021

    report = Report2021(agency="甲镇人民政府", year=2024, applications={"granted": {"natural_person": 3}})
    assert report.cell("applications", "granted", "total") == 3
    assert isinstance(_report("2019"), Report2019)
    again = Report2021.model_validate(report.model_dump())
    assert again == report and again.check() == report.check()


def test_annotated_union_picks_the_edition() -> None:
    adapter: TypeAdapter[Report] = TypeAdapter(reportgen.AnyReport)
    assert adapter.validate_python(balanced_data("2019")).spec.key == "2019"
    assert adapter.validate_python(balanced_data("2021")).spec.key == "2021"
    assert adapter.validate_json(json.dumps(_report("2019").data(mode="json"))) == _report("2019")


def test_json_schema_has_official_labels_and_rules() -> None:
    schema = json.dumps(reportgen.Report2021.model_json_schema(), ensure_ascii=False)
    assert "机关名称" in schema
    assert "表三「（七）总计」行「自然人」列" in schema
    assert "规则2" in schema and "可不填" in schema


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_json_schema_names_every_cell_by_its_official_place(edition: str) -> None:
    """Rows share model classes; the labels of each row's cells are kept beside its ``$ref``."""
    from reportgen.editions import EDITIONS

    spec = EDITIONS[edition]
    text = json.dumps(getattr(reportgen, f"Report{edition}").model_json_schema(), ensure_ascii=False)
    missing = [table.describe(row.key, col.key) for table in spec.tables for block in table.blocks
               for row in block.rows for col in block.columns if table.describe(row.key, col.key) not in text]
    assert missing == []


def _total(report: Report) -> int:
    return int(report.cell("applications", "results_total", "total"))


def test_reports_pickle_through_a_process_pool() -> None:
    report = _report()
    clone = pickle.loads(pickle.dumps(report))
    assert clone == report and clone.is_given("applications", "granted", "total") is False
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(_total, report).result() == _total(report)


def test_docx_and_xlsx_bytes_are_deterministic() -> None:
    report = _report()
    assert reportgen.to_docx(report) == reportgen.to_docx(report)
    assert reportgen.to_xlsx(report) == reportgen.to_xlsx(report)
    assert reportgen.XlsxRenderer().render_bytes(report) == reportgen.to_xlsx(report)


def test_nameless_unseekable_stream_is_sniffed() -> None:
    class Upload(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    workbook = reportgen.to_xlsx(_report())
    assert reportgen.load(io.BufferedReader(Upload(workbook))) == reportgen.loads(workbook)
    with pytest.raises(ValueError, match="未知的格式"):
        reportgen.loads(workbook, format="xlsxx")


def test_output_name_never_leaves_the_folder() -> None:
    report = Report.from_data({**balanced_data("2021"), "agency": "../../etc/x"})
    stem = reportgen.output_stem(report.agency, report.year)
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
