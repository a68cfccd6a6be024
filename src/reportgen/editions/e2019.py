"""Edition 2019: 国办公开办函〔2019〕60号, for the reports on 2019 and 2020."""

from __future__ import annotations

from . import common as c
from .spec import Block, Carry, Column, Edition, Row

_ITEM_COLUMNS = (
    Column("previous", "上一年项目数量"),
    Column("change", "本年增/减", kind="signed"),
    Column("decisions", "处理决定数量"),
)

ACTIVE_DISCLOSURE = c.active_disclosure_table(
    Block(
        "第二十条第（一）项",
        (
            Column("made", "本年新制作数量"),
            Column("published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
        (Row("regulations", "规章"), Row("normative_documents", "规范性文件")),
    ),
    Block("第二十条第（五）项", _ITEM_COLUMNS,
          (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项"))),
    Block("第二十条第（六）项", _ITEM_COLUMNS,
          (Row("penalty", "行政处罚"), Row("coercion", "行政强制"))),
    Block("第二十条第（八）项", _ITEM_COLUMNS[:2], (Row("fees", "行政事业性收费"),)),
    Block(
        "第二十条第（九）项",
        (
            Column("projects", "采购项目数量"),
            Column("amount", "采购总金额", kind="money", unit_key="amount_unit", default_unit="万元"),
        ),
        (Row("procurement", "政府集中采购"),),
    ),
)

APPLICATIONS = c.applications_table((Row("other_handling", "（六）其他处理", section=c.RESULTS),))
_SUMS, _BALANCES = c.applications_rules(APPLICATIONS)

TABLES = (ACTIVE_DISCLOSURE, APPLICATIONS, c.REVIEWS)

EDITION = Edition(
    key="2019",
    notice="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    tables=TABLES,
    sums=(*_SUMS, *c.REVIEWS_SUMS),
    balances=_BALANCES,
    continuity=(
        c.CARRIED_OVER_RULE,
        Carry(5, "active_disclosure", ("licensing", "other_services", "penalty", "coercion", "fees"),
              "本年「上一年项目数量」应等于上一年报告的「上一年项目数量」加「本年增/减」",
              column="previous", last_columns=("previous", "change")),
    ),
    sections=c.sections(TABLES),
    fields=(*c.METADATA, *c.NARRATIVE),
    preamble_format=c.PREAMBLE,
    preamble_website=c.PREAMBLE_WEBSITE,
    preamble_contact=c.PREAMBLE_CONTACT,
)
