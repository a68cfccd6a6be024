"""Edition 2021: 国办公开办函〔2021〕30号, for the reports on 2021 and later."""

from __future__ import annotations

from . import common as c
from .spec import Block, Column, Edition, Field, Row, Stock

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

ACTIVE_DISCLOSURE = c.active_disclosure_table(
    Block(
        "第二十条第（一）项",
        (
            Column("issued", "本年制发件数"),
            Column("repealed", "本年废止件数"),
            Column("in_force", "现行有效件数"),
        ),
        (Row("regulations", "规章"), Row("normative_documents", "行政规范性文件")),
    ),
    Block("第二十条第（五）项", _DECISIONS, (Row("licensing", "行政许可"),)),
    Block("第二十条第（六）项", _DECISIONS, (Row("penalty", "行政处罚"), Row("coercion", "行政强制"))),
    Block(
        "第二十条第（八）项",
        (Column("amount", "本年收费金额（单位：万元）", kind="money", unit="万元"),),
        (Row("fees", "行政事业性收费"),),
    ),
)

_OTHER = "（六）其他处理"
APPLICATIONS = c.applications_table(
    (
        Row("other_handling.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _OTHER, c.RESULTS),
        Row("other_handling.unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _OTHER, c.RESULTS),
        Row("other_handling.other", "3.其他", _OTHER, c.RESULTS),
    )
)
_SUMS, _BALANCES = c.applications_rules(APPLICATIONS)

TABLES = (ACTIVE_DISCLOSURE, APPLICATIONS, c.REVIEWS)
FEES = Field("fees", "六、信息处理费", "fees", help="可选，金额单位：元；填写后写入第六部分")

EDITION = Edition(
    key="2021",
    notice="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    tables=TABLES,
    sums=(*_SUMS, *c.REVIEWS_SUMS),
    balances=_BALANCES,
    continuity=(
        c.CARRIED_OVER_RULE,
    ),
    sections=c.sections(TABLES, ("other_matters", "fees")),
    fields=(*c.METADATA, *c.NARRATIVE, FEES),
    fees=(
        Column("notices_count", "发出收费通知的件数"),
        Column("notices_amount", "收费通知的总金额", kind="money", unit="元"),
        Column("collected_amount", "实际收取的总金额", kind="money", unit="元"),
    ),
    fees_label="信息处理费",
    fees_sentence=(
        "本年度依据《政府信息公开信息处理费管理办法》，共发出收费通知{notices_count}件，"
        "总金额{notices_amount}元；实际收取信息处理费总金额{collected_amount}元。"
    ),
    preamble_format=c.PREAMBLE,
    preamble_website=c.PREAMBLE_WEBSITE,
    preamble_contact=c.PREAMBLE_CONTACT,
    stocks=(
        Stock(5, "active_disclosure", ("regulations", "normative_documents"), "in_force", "issued", "repealed",
              "本年「现行有效件数」应等于上一年报告的「现行有效件数」加「本年制发件数」减「本年废止件数」"),
    ),
)
