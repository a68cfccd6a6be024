"""The catalogue of bad inputs: each file, and the exact problems it must produce.

Each case is (name, file name, content, expected problems as ``str(Problem)``).
Used by tests/test_trust_catalogue.py through the library and the CLI.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

H = "agency: 甲\nyear: 2021\n"


def _b(text: str) -> bytes:
    return text.encode("utf-8")


def _alias_bomb() -> str:
    lines = ["x0: &a0 [1]"]
    for i in range(1, 13):
        lines.append(f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return H + "\n".join(lines) + "\n"


T3 = "表三"
CASES: list[tuple[str, str, bytes, list[str]]] = [
    ("yaml_syntax", "r.yaml", _b("agency: [\nyear: 2021\n"),
     ["YAML 语法错误（第 3 行第 1 列）：方括号 [ ] 没有正确闭合"]),
    ("yaml_tab_indent", "r.yaml", _b("agency: 甲\n\tyear: 2021\n"),
     ["YAML 语法错误（第 2 行第 1 列）：不能用 Tab 键缩进，请改用空格"]),
    ("yaml_bad_indent", "r.yaml", _b("agency: 甲\n year: 2021\n  x: 1\n"),
     ["YAML 语法错误（第 2 行第 6 列）：此处不能出现「键: 值」（可能是缩进不对，或文字中的冒号需要加引号）"]),
    ("json_syntax", "r.json", _b('{"agency": "甲" "year": 2021}'),
     ["JSON 语法错误（第 1 行第 16 列）：缺少逗号"]),
    ("json_trailing_comma", "r.json", _b('{"agency": "甲", "year": 2021,}'),
     ["JSON 语法错误（第 1 行第 30 列）：键名应加双引号（或最后一项后多了逗号）"]),
    ("json_nan", "r.json", _b('{"agency": "甲", "year": 2021, "reviews": {"review": {"upheld": NaN}}}'),
     ["reviews.review.upheld（表四「行政复议」「结果维持」）：应为整数，不能是 NaN 或无穷大"]),
    ("yaml_python_object", "r.yaml", _b("agency: !!python/object/apply:os.system ['id']\nyear: 2021\n"),
     ["YAML 语法错误（第 1 行第 9 列）：不允许的 YAML 标签（数据文件只能包含文字、数字、日期、列表和映射）"]),
    ("yaml_python_name", "r.yaml", _b("agency: !!python/name:os.system\nyear: 2021\n"),
     ["YAML 语法错误（第 1 行第 9 列）：不允许的 YAML 标签（数据文件只能包含文字、数字、日期、列表和映射）"]),
    ("yaml_custom_tag", "r.yaml", _b("agency: !Ref 甲\nyear: 2021\n"),
     ["YAML 语法错误（第 1 行第 9 列）：不允许的 YAML 标签（数据文件只能包含文字、数字、日期、列表和映射）"]),
    ("yaml_duplicate_key", "r.yaml", _b(H + "year: 2022\n"),
     ["YAML 语法错误（第 3 行第 1 列）：键「year」重复出现（第 2 行与第 3 行）"]),
    ("yaml_alias_bomb", "r.yaml", _b(_alias_bomb()),
     ["YAML 语法错误（第 15 行第 18 列）：别名（*）超过 100 个"]),
    ("top_level_list", "r.yaml", _b("- agency\n- year\n"), ["数据文件的顶层应为键值映射，实为列表"]),
    ("top_level_scalar", "r.json", _b('"甲"'), ["数据文件的顶层应为键值映射，实为文字"]),
    ("empty_file", "r.yaml", b"", ["文件是空的，没有报告数据"]),
    ("binary_garbage", "r.yaml", bytes(range(256)) * 4, ["文件编码无法识别，请另存为 UTF-8 编码"]),
    ("agency_list", "r.yaml", _b("agency: [甲, 乙]\nyear: 2021\n"), ["agency（机关名称）：应为文字"]),
    ("count_word", "r.yaml", _b(H + "applications:\n  granted: {natural_person: 三}\n"),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：应为整数，实为文字「三」"]),
    ("count_bool", "r.yaml", _b(H + "applications:\n  granted: {natural_person: true}\n"),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：应为整数，不能是真/假值"]),
    ("count_beyond_2_53", "r.json",
     _b('{"agency": "甲", "year": 2021, "reviews": {"review": {"upheld": 9007199254740993}}}'),
     ["reviews.review.upheld（表四「行政复议」「结果维持」）：超出上限 999999999999999，实为「9007199254740993」"]),
    ("count_beyond_excel", "r.yaml", _b(H + "active_disclosure:\n  licensing: {decisions: 1000000000000000}\n"),
     ["active_disclosure.licensing.decisions（表二「行政许可」行「本年处理决定数量」列）："
      "超出上限 999999999999999，实为「1000000000000000」"]),
    ("count_negative", "r.yaml", _b(H + "applications:\n  carried_forward: {research: -2}\n"),
     [f"applications.carried_forward.research（{T3}「四、结转下年度继续办理」行「科研机构」列）：不能为负数，实为 -2"]),
    ("count_fraction", "r.yaml", _b(H + "applications:\n  withheld:\n    process_info: {other: 1.5}\n"),
     [f"applications.withheld.process_info.other（{T3}「（三）不予公开 6.属于四类过程性信息」行「其他」列）："
      "应为整数，不能有小数，实为 1.5"]),
    ("count_nan", "r.yaml", _b(H + "reviews:\n  litigation_direct: {pending: .nan}\n"),
     ["reviews.litigation_direct.pending（表四「行政诉讼 未经复议直接起诉」「尚未审结」）：应为整数，不能是 NaN 或无穷大"]),
    ("count_inf", "r.yaml", _b(H + "reviews:\n  litigation_after_review: {upheld: -.inf}\n"),
     ["reviews.litigation_after_review.upheld（表四「行政诉讼 复议后起诉」「结果维持」）：应为整数，不能是 NaN 或无穷大"]),
    ("money_negative", "r.yaml", _b(H + "active_disclosure:\n  fees: {amount: -3.5}\n"),
     ["active_disclosure.fees.amount（表二「行政事业性收费」行「本年收费金额（单位：万元）」列）：不能为负数，实为 -3.5"]),
    ("money_nan", "r.yaml", _b("agency: 甲\nyear: 2019\nactive_disclosure:\n  procurement: {amount: .nan}\n"),
     ["active_disclosure.procurement.amount（表二「政府集中采购」行「采购总金额」列）：应为金额数字，不能是 NaN 或无穷大"]),
    ("money_word", "r.yaml", _b(H + "fees: {collected_amount: 一百元}\n"),
     ["fees.collected_amount（信息处理费「实际收取的总金额」）：应为金额数字，实为文字「一百元」"]),
    ("change_fraction", "r.yaml", _b("agency: 甲\nyear: 2020\nactive_disclosure:\n  licensing: {change: -0.5}\n"),
     ["active_disclosure.licensing.change（表二「行政许可」行「本年增/减」列）：应为整数，不能有小数，实为 -0.5"]),
    ("unit_unknown", "r.yaml",
     _b("agency: 甲\nyear: 2020\nactive_disclosure:\n  procurement: {amount: 3, amount_unit: 美元}\n"),
     ["active_disclosure.procurement.amount_unit（表二「政府集中采购」行）：应为 元、万元、亿元 之一，实为「美元」"]),
    ("text_200k", "r.json",
     _b(json.dumps({"agency": "甲", "year": 2021, "problems": ["长" * 200_000]}, ensure_ascii=False)),
     ["problems.0（五、存在的主要问题第1项）：文字过长（最多 20000 个字符，实为 200000 个）"]),
    ("control_char", "r.yaml", _b('agency: "甲\\a乙"\nyear: 2021\n'),
     ["agency（机关名称）：含有无法写入 Word/Excel 文件的字符 U+0007（第 2 个字符）"]),
    ("lone_surrogate", "r.json", _b('{"agency": "甲", "year": 2021, "improvements": ["a\\ud800b"]}'),
     ["improvements.0（五、改进情况第1项）：含有无法编码的字符（孤立的代理项），请检查文字来源，实为「a\\ud800b」"]),
    ("other_edition_procurement", "r.yaml", _b(H + "active_disclosure:\n  procurement: {projects: 1}\n"),
     ["active_disclosure.procurement（表二）：「procurement」是2019版报表的项目，"
      "本报告按2021版（国办公开办函〔2021〕30号）填报，没有此项"]),
    ("other_edition_unpaid_fee", "r.yaml",
     _b("agency: 甲\nyear: 2019\napplications:\n  other_handling:\n    unpaid_fee: {natural_person: 1}\n"),
     [f"applications.other_handling.unpaid_fee（{T3}「（六）其他处理」行）：「unpaid_fee」是2021版报表的项目，"
      "本报告按2019版（国办公开办函〔2019〕60号）填报，没有此项"]),
    ("other_edition_fees", "r.yaml", _b("agency: 甲\nyear: 2020\nfees: {notices_count: 1}\n"),
     ["fees：「fees」是2021版报表的项目，本报告按2019版（国办公开办函〔2019〕60号）填报，没有此项"]),
    ("other_edition_column", "r.yaml", _b(H + "active_disclosure:\n  licensing: {previous: 3}\n"),
     ["active_disclosure.licensing.previous（表二「行政许可」行）：「previous」是2019版报表的项目，"
      "本报告按2021版（国办公开办函〔2021〕30号）填报，没有此项"]),
    ("misspelt_top", "r.yaml", _b(H + "improvement: [x]\n"),
     ["improvement：未知的键「improvement」，是否想写「improvements」？"]),
    ("misspelt_row", "r.yaml", _b(H + "applications:\n  carried_foward: {natural_person: 1}\n"),
     [f"applications.carried_foward（{T3}）：未知的键「carried_foward」，是否想写「carried_forward」？"]),
    ("misspelt_column", "r.yaml", _b(H + "applications:\n  granted: {natual_person: 1}\n"),
     [f"applications.granted.natual_person（{T3}「（一）予以公开」行）：未知的键「natual_person」，是否想写「natural_person」？"]),
    ("missing_agency", "r.yaml", _b("year: 2021\n"), ["agency（机关名称）：缺少此项（必填）"]),
    ("missing_year", "r.yaml", _b("agency: 甲\n"), ["year（报告年度）：缺少此项（必填）"]),
    ("year_too_early", "r.yaml", _b("agency: 甲\nyear: 2018\n"), ["year（报告年度）：应不小于 2019，实为「2018」"]),
    ("year_too_late", "r.yaml", _b("agency: 甲\nyear: 2100\n"), ["year（报告年度）：超出上限 2099，实为「2100」"]),
    ("year_word", "r.yaml", _b("agency: 甲\nyear: 二〇二一年\n"), ["year（报告年度）：应为整数，实为「二〇二一年」"]),
    ("edition_unknown", "r.yaml", _b(H + "edition: '2008'\n"),
     ["edition（版本）：未知的版本「2008」，可用的版本：2019、2021"]),
    ("date_invalid", "r.yaml", _b(H + "date: 2025-13-01\n"),
     ["date（成文日期）：不是有效的日期：2025-13-01（没有这一天）"]),
    ("overview_item_without_title", "r.yaml", _b(H + "overview:\n  items:\n    - text: 正文\n"),
     ["overview.items.0.title（一、总体情况（分项）第1项）：缺少此项（必填）"]),
    ("unsupported_suffix", "r.txt", _b(H), ["不支持的文件类型「.txt」，可用：.yaml、.yml、.json、.docx、.xlsx、.pdf、.html、.htm、.shtml、.mhtml、.mht"]),
]

ODD_BUT_VALID = [
    ("emoji", "✅ 全年办结率 100% 🎉"),
    ("extension_b", "𠀀𠀁𪚥𰻝（扩展区汉字）"),
    ("markup", "<w:t>&amp; \"引号\" 'single' {{ 7*7 }} {% if 1 %}x{% endif %}"),
]


# --- Excel forms ----------------------------------------------------------------
# Generated on first use: a real rendered workbook, then taken apart.


@cache
def _workbook() -> bytes:
    from reportgen.formats.xlsx import render_bytes
    from reportgen.testing import random_report

    return render_bytes(random_report("2021"))


def _repack(part: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, change(data) if name == part else data)
    return out.getvalue()


@cache
def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        with zipfile.ZipFile(io.BytesIO(_workbook())) as src:
            for name in src.namelist():
                dst.writestr(name, src.read(name))
        with dst.open("xl/media/padding.bin", "w") as fh:
            for _ in range(210):
                fh.write(bytes(1 << 20))
    return out.getvalue()


_XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')


def _plain_workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "预算"
    wb.active["A1"] = "收入"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _mistyped_form() -> bytes:
    from openpyxl import load_workbook

    from reportgen.formats.xlsx import form_bytes

    wb = load_workbook(io.BytesIO(form_bytes("2021", "甲", 2022)))
    for name, value in (("rg_applications__withheld__state_secret__natural_person", "二"),
                        ("rg_applications__granted__commercial", -1), ("rg_reviews__review__upheld", 1.5)):
        for sheet, coord in wb.defined_names[name].destinations:
            wb[sheet][coord.replace("$", "")].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_NOT_XLSX = "这不是 Excel 工作簿（.xlsx），或文件已损坏、不完整（例如未下载完）。"
_DTD = "含有文档类型定义或实体声明（DTD/ENTITY），正常的表格文件不会有，可能是恶意构造的文件，已拒绝读取。"
XLSX_CASES: list[tuple[str, str, Callable[[], bytes], list[str]]] = [
    ("xlsx_not_a_zip", "r.xlsx", lambda: b"hello, not a workbook", [_NOT_XLSX]),
    ("xlsx_truncated", "r.xlsx", lambda: _workbook()[: len(_workbook()) // 2], [_NOT_XLSX]),
    ("xlsx_old_xls_or_encrypted", "r.xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     ["这不是 .xlsx 工作簿：文件设置了打开密码，或是旧版 Excel 97-2003（.xls）格式。"
      "请在表格软件中取消密码，并另存为“Excel 工作簿（.xlsx）”后再试。"]),
    ("xlsx_zip_bomb", "r.xlsx", _zip_bomb,
     ["工作簿解压后过大（210 MB），上限为 200 MB；填报表只需几十 KB，请确认文件无误。"]),
    ("xlsx_external_entity", "r.xlsx", lambda: _repack("xl/workbook.xml", lambda d: _XXE + d),
     [f"工作簿中的 xl/workbook.xml {_DTD}"]),
    ("xlsx_billion_laughs", "r.xlsx",
     lambda: _repack("xl/worksheets/sheet3.xml", lambda d: _LAUGHS + d.replace(b"<v>", b"<v>&c;", 1)),
     [f"工作簿中的 xl/worksheets/sheet3.xml {_DTD}"]),
    ("xlsx_not_a_form", "r.xlsx", _plain_workbook,
     ["这不是 reportgen 的填报表：工作簿有 1 个工作表（预算），没有本工具的版本标记和单元格名称。"
      "请用「reportgen form --edition 版本 -o 填报表.xlsx」生成填报表，把数字填进去再读取。"]),
    ("xlsx_mistyped_cells", "r.xlsx", _mistyped_form,
     ["表三!E7（表三「（一）予以公开」行「商业企业」列）：件数不能为负数，实为 -1",
      "表三!D9（表三「（三）不予公开 1.属于国家秘密」行「自然人」列）：应为整数，实为文字「二」",
      "表四!A5（表四「行政复议」「结果维持」）：应为整数，不能有小数，实为 1.5"]),
]
CASES += XLSX_CASES  # type: ignore[arg-type]


def content_of(content: bytes | Callable[[], bytes]) -> bytes:
    return content() if callable(content) else content


# --- Word templates ---------------------------------------------------------------


def _template(text: str) -> bytes:
    from reportgen.formats.docx.writer import shipped_template

    out = io.BytesIO()
    with zipfile.ZipFile(shipped_template("2021")) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = data.replace(b"{{ signer }}", text.encode(), 1)
            dst.writestr(name, data)
    return out.getvalue()


TEMPLATE_CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("template_reaches_for_internals", lambda: _template("{{ ''.__class__.__mro__ }}"),
     "模板试图访问内部属性，已被拒绝：__class__、__mro__"),
    ("template_syntax_error", lambda: _template("{% if %}"),
     "模板标签有语法错误：缺少表达式（遇到「%}」）（出错的段落：「{% if %}{% if date %}」）"),
    ("template_unknown_tag", lambda: _template("{{ budget.total }}"),
     "模板使用了未知的标签：没有「budget」这一项（可用 reportgen template check 列出可用的标签）"),
    ("template_not_a_docx", lambda: b"plain text, not a document", "不是有效的 Word 文档（.docx）"),
]

# Spellings YAML 1.1 would silently turn into other numbers: refused, never misread.
CASES += [
    ("yaml_hex_count", "r.yaml", _b(H + "active_disclosure:\n  licensing: {decisions: 0x10}\n"),
     ["active_disclosure.licensing.decisions（表二「行政许可」行「本年处理决定数量」列）：应为整数，实为文字「0x10」"]),
    ("yaml_sexagesimal_count", "r.yaml", _b(H + "active_disclosure:\n  penalty: {decisions: 1:30}\n"),
     ["active_disclosure.penalty.decisions（表二「行政处罚」行「本年处理决定数量」列）：应为整数，实为文字「1:30」"]),
    ("yaml_full_width_colon", "r.yaml", _b("agency：某某县人民政府\nyear: 2024\n"),
     ["YAML 语法错误，第 1 行：键「agency」后用了全角冒号「：」，请改为半角冒号「:」并在后面加一个空格"]),
    ("yaml_no_space_after_colon", "r.yaml",
     _b(H + "applications:\n  granted:\n    natural_person:5\n    research: 1\n"),
     ["YAML 语法错误，第 5 行：键「natural_person」的冒号「:」后缺少空格"]),
    ("agency_only_spaces", "r.yaml", _b("agency: '   '\nyear: 2021\n"), ["agency（机关名称）：不能为空"]),
]

# --- Issue 15: the hostile review ---------------------------------------------------
# Wrong results (items 4, 12, 13), unclear messages (items 17, 18).
_G = "applications:\n  granted: {natural_person: %s}\n"
HOSTILE_CASES: list[tuple[str, str, bytes, list[str]]] = [
    ("json_duplicate_key", "r.json", _b('{"agency": "甲",\n "year": 2021,\n "year": 2022}'),
     ["JSON 内容错误：同一层中键「year」重复出现（第 2 行与第 3 行），请只保留一个"]),
    ("json_duplicate_nested_key", "r.json",
     _b('{"agency": "甲", "year": 2021, "fees": {"collected_amount": 1, "collected_amount": 2}}'),
     ["JSON 内容错误：同一层中键「collected_amount」重复出现（第 1 行），请只保留一个"]),
    ("yaml_merge_scalar", "r.yaml", _b(H + "<<: 5\n"),
     ["YAML 语法错误（第 3 行第 5 列）：合并键「<<」后应为映射（或映射的列表）"]),
    ("yaml_two_documents", "r.yaml", _b(H + "---\nx: 1\n"),
     ["YAML 语法错误（第 3 行第 1 列）：文件中有多份文档（出现了第二个「---」），一个数据文件只能有一份报告"]),
    ("yaml_nul_character", "r.yaml", _b(H + 'x: "\x00"\n'),
     ["YAML 语法错误（第 3 行）：文件中有不能出现在数据文件里的控制字符 U+0000"]),
    ("yaml_number_key", "r.yaml", _b(H + "1: x\n"), ["1：键应为文字，实为「1」"]),
    ("money_beyond_limit", "r.yaml", _b(H + "fees: {collected_amount: 99999999999999999}\n"),
     ["fees.collected_amount（信息处理费「实际收取的总金额」）：超出上限 999999999999999，实为「99999999999999999」"]),
    ("date_excel_serial", "r.yaml", _b(H + "date: 45678\n"),
     ["date（成文日期）：应为日期，如 2025-01-20；45678 像是电子表格的日期序号（即 2025-01-21），请写成日期，实为「45678」"]),
    ("count_huge_exponent_text", "r.yaml", _b(H + _G % "'1e10000000'"),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：应为整数，实为文字「1e10000000」"]),
    ("count_huge_exponent_json", "r.json",
     _b('{"agency": "甲", "year": 2021, "applications": {"granted": {"natural_person": 1e10000000}}}'),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：数字超出范围，实为 1E+10000000"]),
    ("money_tiny_exponent_json", "r.json", _b('{"agency": "甲", "year": 2021, "fees": {"collected_amount": 1e-300000000}}'),
     ["fees.collected_amount（信息处理费「实际收取的总金额」）：金额最多 6 位小数，实为 1E-300000000"]),
    ("money_tiny_exponent_yaml", "r.yaml", _b(H + "fees: {collected_amount: 1e-300000000}\n"),
     ["fees.collected_amount（信息处理费「实际收取的总金额」）：应为金额数字，实为文字「1e-300000000」"]),
    ("money_comma_misplaced", "r.yaml", _b(H + "fees: {collected_amount: '1,5'}\n"),
     ["fees.collected_amount（信息处理费「实际收取的总金额」）：应为金额数字，实为文字「1,5」"]),
    ("count_comma_misplaced", "r.yaml", _b(H + _G % "'12,5'"),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：应为整数，实为文字「12,5」"]),
    ("count_underscore", "r.yaml", _b(H + _G % "6_0"),
     [f"applications.granted.natural_person（{T3}「（一）予以公开」行「自然人」列）：应为整数，实为文字「6_0」"]),
    ("yaml_full_width_colon_in_valid_text", "r.yaml",
     _b(H + "problems:\n  - |\n    Note：正文里的全角冒号是正常的\nimprovements: [\n"),
     ["YAML 语法错误（第 7 行第 1 列）：此处缺少内容（括号或引号没有闭合？）"]),
]
CASES += HOSTILE_CASES


# Forms (items 3, 4, 13, 18): work bounded before it is done, numbers read exactly.
def _form_with(values: dict[str, object], extra_sheet: dict[str, object] | None = None) -> bytes:
    """A 2021 form with ``values`` in named cells (and an extra sheet of cells)."""
    from openpyxl import load_workbook

    from reportgen.formats.xlsx import form_bytes

    wb = load_workbook(io.BytesIO(form_bytes("2021", "甲", 2022)))
    for name, value in values.items():
        for sheet, coord in wb.defined_names[name].destinations:
            wb[sheet][coord.replace("$", "").split(":")[0]].value = value  # an area: its first cell
    if extra_sheet:
        ws = wb.create_sheet("计算")
        for coord, value in extra_sheet.items():
            ws[coord] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _raw_number(text: bytes) -> bytes:
    """A form whose 表三 cell holds ``text`` as the number Excel stored (not a string)."""
    data = _form_with({"rg_applications__granted__natural_person": 987654})
    return _rewrite(data, lambda part, xml: xml.replace(b"<v>987654</v>", b"<v>" + text + b"</v>"))


def _rewrite(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, change(name, src.read(name)))
    return out.getvalue()


def _whole_sheet_name() -> bytes:
    import re

    def change(part: str, xml: bytes) -> bytes:
        if part != "xl/workbook.xml":
            return xml
        whole = "'基本信息'!$A$1:$XFD$1048576".encode()
        return re.sub(rb'(<definedName name="rg_agency"[^>]*>)[^<]*', lambda m: m.group(1) + whole, xml)

    return _rewrite(_form_with({}), change)


def _strict() -> bytes:
    return _rewrite(_form_with({}), lambda part, xml: xml.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main", 1) if part == "xl/workbook.xml" else xml)


_G3 = f"{T3}「（一）予以公开」行「自然人」列"
_AGENCY = "rg_applications__granted__natural_person"
HOSTILE_FORMS: list[tuple[str, str, Callable[[], bytes], list[str]]] = [
    ("xlsx_sum_of_whole_sheet", "r.xlsx", lambda: _form_with({_AGENCY: "=SUM(A1:XFD1048576)"}),
     [f"表三!D7（{_G3}）：单元格中是公式「=SUM(A1:XFD1048576)」，引用的区域过大（17179869184 个单元格，"
      "上限为 10000 个）；请直接填写数字"]),
    ("xlsx_name_covers_whole_sheet", "r.xlsx", _whole_sheet_name,
     ["rg_agency（机关名称）：此项的单元格名称指向的区域过大（「'基本信息'!$A$1:$XFD$1048576」，上限为 20000 个单元格）；"
      "请换用新的填报表", "agency（机关名称）：缺少此项（必填）"]),
    ("xlsx_formula_cycle", "r.xlsx", lambda: _form_with({_AGENCY: "=计算!A1"}, {"A1": "=A2", "A2": "=A1"}),
     [f"表三!D7（{_G3}）：单元格中是公式「=计算!A1」，公式循环引用（计算!A1）；请直接填写数字"]),
    ("xlsx_count_comma_misplaced", "r.xlsx", lambda: _form_with({_AGENCY: "12,5"}),
     [f"表三!D7（{_G3}）：应为整数，实为文字「12,5」"]),
    ("xlsx_count_comma_decimal", "r.xlsx", lambda: _form_with({_AGENCY: "1,0"}),
     [f"表三!D7（{_G3}）：应为整数，实为文字「1,0」"]),
    ("xlsx_count_underscore_number", "r.xlsx", lambda: _raw_number(b"6_0"),
     [f"表三!D7（{_G3}）：应为整数，实为文字「6_0」"]),
    ("xlsx_count_huge_exponent", "r.xlsx", lambda: _raw_number(b"1e10000000"),
     [f"表三!D7（{_G3}）：数字超出范围，实为 1E+10000000"]),
    ("xlsx_count_huge_exponent_text", "r.xlsx", lambda: _form_with({_AGENCY: "1e10000000"}),
     [f"表三!D7（{_G3}）：应为整数，实为文字「1e10000000」"]),
    ("xlsx_strict_open_xml", "r.xlsx", _strict,
     ["这是“严格 Open XML 电子表格”格式的工作簿，本工具不能读取。请在表格软件中“另存为”，保存类型选“Excel 工作簿（.xlsx）”后再试。"]),
]
CASES += HOSTILE_FORMS  # type: ignore[arg-type]


# Custom Word templates (items 6, 10, 15): work, output and content bounded.
def _template_with(change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The shipped 2021 template with its parts changed (``None`` drops a part)."""
    from reportgen.formats.docx.writer import shipped_template

    out = io.BytesIO()
    with zipfile.ZipFile(shipped_template("2021")) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def _template_bomb() -> bytes:
    out = io.BytesIO(_template_with(lambda name, data: data))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst, dst.open("word/media/padding.bin", "w") as fh:
        for _ in range(60):
            fh.write(bytes(1 << 20))
    return out.getvalue()


def _utf16_document() -> bytes:
    return _template_with(lambda name, data: data.decode().encode("utf-16") if name == "word/document.xml" else data)


def _docm() -> bytes:
    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
        return data

    out = io.BytesIO(_template_with(change))
    with zipfile.ZipFile(out, "a") as dst:
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return out.getvalue()


_LIMIT = "模板超出限制，已停止填写："
_LOOP3 = ("{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}"
          "{% endfor %}{% endfor %}{% endfor %}")
_LOOP5 = "".join(f"{{% for v{i} in problems %}}" for i in range(5)) + "{% endfor %}" * 5
TEMPLATE_CASES += [
    ("template_huge_repetition", lambda: _template("{{ 'a' * 10**9 }}"),
     _LIMIT + "重复生成的文字或列表过长（超过 1000000 个）"),
    ("template_huge_power", lambda: _template("{{ 9**(9**9) }}"), _LIMIT + "乘方的结果过大（超过 4096 位二进制数）"),
    ("template_loops_without_end", lambda: _template(_LOOP3), _LIMIT + "模板中的循环次数过多（合计超过 1000000 次）"),
    ("template_loops_too_deep", lambda: _template(_LOOP5), "模板中的循环嵌套过深（超过 4 层）"),
    ("template_recursive_macro", lambda: _template("{% macro m(s) %}{{ m(s ~ s) }}{% endmacro %}{{ m('a') }}"),
     "模板中的宏「m」调用了自身（递归），已被拒绝"),
    ("template_include", lambda: _template("{% include 'other.xml' %}"),
     "模板不能使用「include」标签（模板只能是一个文件，不能引用其他模板）"),
    ("template_extends", lambda: _template("{% import 'lib' as lib %}"),
     "模板不能使用「import」标签（模板只能是一个文件，不能引用其他模板）"),
    ("template_safe_filter", lambda: _template("{{ agency|safe }}"),
     "模板不能使用过滤器「safe」（会改变文字的转义，或使文字成倍增长）"),
    ("template_widening_method", lambda: _template("{{ '{:>999999999}'.format(1) }}"),
     "模板试图访问内部属性，已被拒绝：不能使用「format」"),
    ("template_300k_tags", lambda: _template("{{ agency }}" * 25_000), "模板中的标签过多（25248 个，上限为 20000 个）"),
    ("template_zip_bomb", _template_bomb,
     "模板解压后过大（上限为每部分 50 MB、合计 200 MB），可能是恶意构造的文件，已拒绝读取"),
    ("template_utf16_document", _utf16_document,
     "模板的 word/document.xml 不是 UTF-8 编码（Word 保存的文档总是 UTF-8）；请在 Word 中打开模板并另存为 .docx 后再用"),
    ("template_macro_enabled", _docm, "模板中含有宏（.docm 内容），不能用作模板；请在 Word 中另存为“Word 文档（.docx）”后再用"),
]

# Sizes (item 5): items, paragraphs and the whole text bounded.
HOSTILE_CASES_SIZES: list[tuple[str, str, bytes, list[str]]] = [
    ("too_many_problems", "r.json", _b(json.dumps({"agency": "甲", "year": 2021, "problems": ["问题"] * 201},
                                                  ensure_ascii=False)),
     ["problems（五、存在的主要问题）：项数过多（最多 200 项，实为 201 项）"]),
    ("too_many_overview_items", "r.json",
     _b(json.dumps({"agency": "甲", "year": 2021, "overview": {"items": [{"title": "标题"}] * 201}},
                   ensure_ascii=False)),
     ["overview.items（一、总体情况（分项））：项数过多（最多 200 项，实为 201 项）"]),
    ("too_much_text", "r.json",
     _b(json.dumps({"agency": "甲", "year": 2021, "problems": ["长" * 19_000] * 60}, ensure_ascii=False)),
     ["报告的文字过多（全部段落合计超过 1000000 个字符）；真实的年度报告约两万字，请检查数据是否重复或有误"]),
]
CASES += HOSTILE_CASES_SIZES


# --- Runs (items 1, 2, 7, 8, 11, 14, 16): hostile folders and conditions -----------------
def _fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def _dev_zero(folder: Path) -> Path:
    path = folder / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


SPECIAL_INPUTS: list[tuple[str, Callable[[Path], Path]]] = [("fifo", _fifo), ("link_to_dev_zero", _dev_zero)]
"""Inputs that are not regular files: skipped in a folder, refused when named (never read forever)."""

RUN_CASES = {
    "input_overwritten_by_batch": "test_hostile_outputs.py::test_batch_into_its_own_folder_never_replaces_a_form_named_like_the_report",
    "own_outputs_read_back": "test_hostile_outputs.py::test_a_second_batch_does_not_read_the_first_runs_reports",
    "later_input_overwritten_by_render": "test_hostile_outputs.py::test_render_never_writes_over_a_later_input",
    "same_name_in_one_render": "test_hostile_outputs.py::test_render_of_two_inputs_with_one_name_keeps_the_first",
    "half_written_render": "test_hostile_outputs.py::test_a_render_whose_second_file_fails_changes_nothing",
    "disk_full_on_second_file": "test_hostile_outputs.py::test_disk_full_on_the_second_file_changes_nothing",
    "output_name_is_a_folder": "test_hostile_outputs.py::test_a_batch_goes_on_when_an_output_name_is_a_folder",
    "special_files": "test_hostile_outputs.py::test_special_files_are_skipped_in_folders_and_refused_when_named",
    "staging_left_by_interrupt": "test_hostile_outputs.py::test_an_interruption_before_the_workers_start_leaves_no_staging_folder",
    "sigterm": "test_hostile_cli.py::test_sigterm_leaves_no_staging_folder",
    "ctrl_c_at_start": "test_hostile_cli.py::test_ctrl_c_during_start_up_prints_no_traceback",
    "closed_pipe": "test_hostile_cli.py::test_exit_status_survives_a_closed_pipe",
    "undecodable_name": "test_hostile_cli.py::test_an_undecodable_file_name_does_not_stop_the_batch",
    "empty_folder": "test_hostile_cli.py::test_check_of_an_empty_folder_says_so",
    "jobs_beyond_cores": "test_hostile_cli.py::test_jobs_are_capped_at_the_core_count",
    "unreadable_first_file_with_template": "test_hostile_cli.py::test_a_custom_template_does_not_stop_at_an_unreadable_first_file",
    "control_character_in_form_agency": "test_hostile_cli.py::test_form_refuses_an_agency_xml_cannot_hold",
    "items_beyond_ninety_nine": "test_hostile_numbering.py::test_the_largest_report_numbers_every_item",
    "exponential_formulas": "test_hostile_forms.py::test_each_formula_cell_is_evaluated_once",
    "quadratic_patterns": "test_hostile_forms.py::test_empty_elements_do_not_swallow_their_neighbours",
    "broken_workbook_parts": "test_hostile_forms.py::test_broken_parts_are_refused_in_chinese",
    "english_in_messages": "test_hostile_messages.py::test_every_catalogue_message_is_chinese",
}
"""Classes of fault that need a folder or a condition rather than one file, and the test that reproduces each."""
