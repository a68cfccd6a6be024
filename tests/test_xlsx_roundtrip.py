"""Round trips through the workbook: read_xlsx(render_xlsx(r)) == r, and a form filled with openpyxl."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from factories import balanced_data
from reportgen import Report, ReportError, load, render_xlsx
from reportgen.editions import EDITIONS, Edition
from reportgen.formats.xlsx.names import cell_name, field_name, table_cells
from reportgen.formats.xlsx.reader import read_xlsx
from reportgen.formats.xlsx.writer import form_bytes, render_bytes, report_values, template_path
from reportgen.types import MAX_COUNT, MONEY_PLACES, MONEY_UNITS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


# -- helpers shared with the other test_xlsx modules ---------------------------------


def cell_of(wb: Any, name: str) -> Any:
    """The (first) cell a defined name points to."""
    sheet, ref = next(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "").split(":")[0]]


def area_of(wb: Any, name: str) -> list[tuple[Any, ...]]:
    sheet, ref = next(wb.defined_names[name].destinations)
    return list(wb[sheet][ref.replace("$", "")])


def fill(wb: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        cell_of(wb, name).value = value


def save(wb: Any, path: Path) -> Path:
    wb.save(path)
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- strategies built from the edition description --------------------------------------

_CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t\r 张村镇政府公开（）“”《》、。")


def _text(max_size: int) -> st.SearchStrategy[str]:
    # Blank text is what an empty cell means: the workbook cannot carry it.
    return st.text(_CHARS, min_size=1, max_size=max_size).filter(lambda s: s.strip() != "")


LINE = _text(40)
PARA = _text(120)
MONEY = st.one_of(*(st.decimals(min_value=0, max_value=Decimal(MAX_COUNT), places=p, allow_nan=False,
                                allow_infinity=False) for p in range(MONEY_PLACES + 1)))
SIMPLE_MONEY = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)


def _number(col_kind: str) -> st.SearchStrategy[Any]:
    if col_kind == "money":
        return st.one_of(SIMPLE_MONEY, MONEY)
    if col_kind == "signed":
        return st.integers(-MAX_COUNT, MAX_COUNT)  # never summed
    # totals of up to 30 figures must stay within the cap a spreadsheet holds exactly
    return st.one_of(st.integers(0, 500), st.integers(0, MAX_COUNT // 32))


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _put(data: dict[str, Any], path: list[str], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


@st.composite
def reports(draw: st.DrawFn, edition: Edition, small: bool = False) -> Report:
    """Random valid reports; ``small``: lists that fit the blank form's text areas."""
    last = edition.last_year or 2099
    data: dict[str, Any] = {
        "edition": edition.key,
        "agency": draw(LINE),
        # a year the edition covers: another year is refused as the other edition's form
        "year": draw(st.integers(edition.first_year, last)),
    }
    for key in ("title", "website", "contact", "signed_by"):
        if (value := draw(_optional(LINE))) is not None:
            data[key] = value
    if (value := draw(_optional(PARA))) is not None:
        data["preamble"] = value
    if (value := draw(_optional(st.dates(datetime.date(2019, 1, 1), datetime.date(2100, 12, 31))))) is not None:
        data["date"] = value
    for table, row, col in table_cells(edition):
        path = [table.key, *row.key.split("."), col.key]
        # a derived cell: given (even inconsistent) or omitted, so computed
        value = draw(_optional(_number("count" if row.derived or col.derived else col.kind)))
        if value is not None:
            _put(data, path, value)
        if col.unit_key:
            _put(data, [*path[:-1], col.unit_key], draw(st.sampled_from(MONEY_UNITS)))
    if edition.fees and draw(st.booleans()):
        data["fees"] = {c.key: draw(_number(c.kind)) for c in edition.fees}
    items = st.fixed_dictionaries({"title": LINE, "text": st.lists(PARA, max_size=3)})
    data["overview"] = {"intro": draw(st.lists(PARA, max_size=3)),
                        "items": draw(st.lists(items, max_size=4 if small else 6))}
    for key in ("problems", "improvements", "other_matters"):
        data[key] = draw(st.lists(PARA, max_size=3 if small else 8))  # beyond the form's rows: the area grows
    return Report.from_data(data)


def _roundtrip(report: Report, tmp: Path) -> Report:
    path = tmp / f"r{report.spec.key}.xlsx"
    render_xlsx(report, path)
    return read_xlsx(path)


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_property_roundtrip(key: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp(f"prop{key}")

    @settings(max_examples=30, derandomize=True, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(reports(EDITIONS[key]))
    def check(report: Report) -> None:
        back = _roundtrip(report, tmp)
        assert back == report
        assert read_xlsx(tmp / f"r{key}.xlsx", engine="openpyxl") == report
        # totals come back as given values, so the checker compares them: a consistent report stays so
        if not report.check():
            assert not back.check()

    check()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_roundtrip(sample: Path, tmp_path: Path) -> None:
    report = load(sample)
    assert _roundtrip(report, tmp_path) == report
    assert load(tmp_path / f"r{report.spec.key}.xlsx") == report  # through the dispatcher


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_long_lists_grow_the_areas(key: str, tmp_path: Path) -> None:
    data = balanced_data(key)
    data["overview"] = {"intro": [f"引言{i}" for i in range(9)],
                        "items": [{"title": f"分项{i}", "text": [f"段{i}.{j}" for j in range(3)]} for i in range(12)]}
    data["problems"] = [f"问题{i}" for i in range(30)]
    data["other_matters"] = ["其他事项。"]
    report = Report.from_data(data)
    path = tmp_path / "long.xlsx"
    render_xlsx(report, path)
    assert read_xlsx(path) == report
    wb = load_workbook(path)
    # everything below a grown area moved down with its name and its merged cells
    assert [c[0].value for c in area_of(wb, field_name("problems"))] == data["problems"]
    assert area_of(wb, field_name("other_matters"))[0][0].value == "其他事项。"
    heading = next(c for c in wb["报告正文"]["A"] if c.value == "六、其他需要报告的事项")
    assert any(str(m).startswith(f"A{heading.row}:") for m in wb["报告正文"].merged_cells.ranges)


def _openpyxl_render(report: Report) -> Any:
    """The plain path: the template loaded by openpyxl, named cells set, derived formulas replaced."""
    wb = load_workbook(template_path(report.spec.key))
    values, lists = report_values(report)
    for name, value in values.items():
        if name == field_name("date") and value is not None:
            value = datetime.datetime.combine(report.date, datetime.time())
        cell_of(wb, name).value = value
        cell_of(wb, name).fill = PatternFill()
    for name, rows in lists.items():
        for cells, row in zip(area_of(wb, name), [*rows, *([[]] * 99)], strict=False):
            for cell, value in zip(cells, [*row, None, None], strict=False):
                cell.value = value
                cell.fill = PatternFill()
    return wb


def _look(c: Any) -> tuple[Any, ...]:
    return (c.coordinate, c.fill.fill_type, c.fill.fgColor.rgb, c.font.name, c.font.b, c.border.left.style,
            c.number_format, c.alignment.horizontal, c.alignment.wrap_text, c.protection.locked)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_fast_path_matches_openpyxl(sample: Path) -> None:
    report = load(sample)
    # the form template filled both ways (render's default output is the report workbook)
    fast = load_workbook(io.BytesIO(render_bytes(report, template_path(report.spec.key))))
    buf = io.BytesIO()
    _openpyxl_render(report).save(buf)
    slow = load_workbook(io.BytesIO(buf.getvalue()))
    for ws in slow.worksheets:
        other = fast[ws.title]
        assert [[c.value for c in r] for r in ws.iter_rows()] == [[c.value for c in r] for r in other.iter_rows()]
        assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, other.merged_cells.ranges))
        assert [_look(c) for r in ws.iter_rows() for c in r] == [_look(c) for r in other.iter_rows() for c in r]


def _typed(value: Any, how: int) -> Any:
    """A figure as a clerk might type it: number, text with spaces, full-width digits, float."""
    if isinstance(value, Decimal):
        return [float(value), str(value), f" {value} ", value][how % 4]
    if not value:
        return [None, "", 0, "  "][how % 4]
    full_width = str(value).translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    return [value, str(value), f" {value} ", full_width, float(value)][how % 5]


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_filled_form_reads_as_the_report(key: str, tmp_path: Path) -> None:
    data = balanced_data(key)
    expected = Report.from_data(data)
    wb = load_workbook(io.BytesIO(form_bytes(key)))
    spec = EDITIONS[key]
    values: dict[str, Any] = {field_name("agency"): data["agency"], field_name("year"): str(data["year"])}
    for i, (table, row, col) in enumerate(table_cells(spec)):
        if row.derived or col.derived:
            continue  # left as the form's formulas: recomputed on reading
        values[cell_name(table.key, row.key, col.key)] = _typed(expected.cell(table.key, row.key, col.key), i)
    for c in spec.fees:
        values[field_name(f"fees.{c.key}")] = data["fees"][c.key]
    fill(wb, values)
    area = area_of(wb, field_name("overview.items"))
    area[0][0].value, area[0][1].value = "主动公开", "正文。"
    area_of(wb, field_name("overview.intro"))[0][0].value = "引言段落。"
    problems = area_of(wb, field_name("problems"))
    problems[0][0].value, problems[2][0].value = "问题一。", "问题二。"  # an empty row between: skipped
    area_of(wb, field_name("improvements"))[0][0].value = "改进一。"
    got = read_xlsx(save(wb, tmp_path / "filled.xlsx"))
    assert got == expected
    assert got.check() == []


def test_formulas_in_input_cells_are_evaluated(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "测试镇人民政府", 2024)))
    at = cell_of(wb, cell_name("applications", "granted", "natural_person")).coordinate
    fill(wb, {
        cell_name("applications", "granted", "natural_person"): "=SUM(1,2)",
        cell_name("applications", "granted", "commercial"): f"=2+3-1+{at}",
        cell_name("reviews", "review", "upheld"): f"=表三!{at}+SUM('表三'!${at[0]}${at[1:]}:{at})",
    })
    report = read_xlsx(save(wb, tmp_path / "f.xlsx"))
    assert report.cell("applications", "granted", "natural_person") == 3
    assert report.cell("applications", "granted", "commercial") == 7
    assert report.cell("applications", "granted", "total") == 10
    assert report.cell("reviews", "review", "upheld") == 6


def test_given_total_is_kept_and_checked(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "测试镇人民政府", 2024)))
    fill(wb, {cell_name("reviews", "review", "upheld"): 2, cell_name("reviews", "review", "total"): 5})
    report = read_xlsx(save(wb, tmp_path / "f.xlsx"))
    assert report.is_given("reviews", "review", "total")
    assert [f.rule for f in report.check()] == [4]


def test_restyled_template(tmp_path: Path) -> None:
    """A template restyled in a spreadsheet program (here openpyxl) still renders every figure."""
    from openpyxl.styles import Font

    report = load(ROOT / "samples" / "sample-2021.yaml")
    wb = load_workbook(template_path("2021"))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                c.font = Font(name="Arial", size=12, color="1F4E79")
    custom = save(wb, tmp_path / "mine.xlsx")
    out = tmp_path / "r.xlsx"
    render_xlsx(report, out, template=custom)
    assert read_xlsx(out) == report
    assert cell_of(load_workbook(out), field_name("agency")).font.name == "Arial"
    with pytest.raises(ReportError, match="模板是2021版的工作簿，报告为2019版"):
        render_xlsx(load(ROOT / "samples" / "zhangcun-2019.yaml"), tmp_path / "x.xlsx", template=custom)


def _within_form(report: Report, wb: Any) -> bool:
    """Whether the report's lists fit the form's areas (openpyxl cannot insert rows as a spreadsheet does)."""
    _, lists = report_values(report)
    return all(len(rows) <= len(area_of(wb, name)) for name, rows in lists.items())


def _clerk_value(value: Any, how: int) -> Any:
    if isinstance(value, Decimal) and Decimal(repr(float(value))) != value:
        return [str(value), f" {value} "][how % 2]  # beyond a double's digits: typed as text
    return _typed(value, how)


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_property_form_filled_with_openpyxl(key: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp(f"form{key}")
    blank = form_bytes(key)

    @settings(max_examples=25, derandomize=True, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(reports(EDITIONS[key], small=True), st.integers(0, 19))
    def check(report: Report, how: int) -> None:
        wb = load_workbook(io.BytesIO(blank))
        assert _within_form(report, wb)
        values, lists = report_values(report)
        for i, (table, row, col) in enumerate(table_cells(report.spec)):
            name = cell_name(table.key, row.key, col.key)
            if (row.derived or col.derived) and not report.is_given(table.key, row.key, col.key):
                continue  # the form's formula stays: recomputed on reading
            value = report.cell(table.key, row.key, col.key)
            # a given total of 0 must be typed as 0: a blank total is an omitted one
            values[name] = value if (row.derived or col.derived) and not value else _clerk_value(value, i + how)
        values[field_name("date")] = report.date  # a real date cell, as a spreadsheet keeps it
        for name, value in values.items():
            cell = cell_of(wb, name)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, not a formula
        for name, rows in lists.items():
            for cells, row in zip(area_of(wb, name), rows, strict=False):
                for cell, value in zip(cells, row, strict=False):
                    cell.value = value
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
        path = save(wb, tmp / "filled.xlsx")
        assert read_xlsx(path) == report
        assert read_xlsx(path, engine="openpyxl") == report

    check()


def test_own_workbooks_are_read_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.formats.xlsx import reader as xlsx_read

    def refuse(*args: Any) -> None:
        raise AssertionError("fell back to openpyxl")

    monkeypatch.setattr(xlsx_read, "_open", refuse)
    for sample in SAMPLES:
        report = load(sample)
        assert _roundtrip(report, tmp_path) == report
