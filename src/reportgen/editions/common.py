"""Parts that both official editions share, written once."""

from __future__ import annotations

from .spec import Balance, Block, Carry, Column, Field, Row, Section, Sum, Table

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

METADATA = (
    Field("edition", "版本", "edition", help="{key}版：{notice}（不可修改）"),
    Field("agency", "机关名称", "line", required=True, help="必填，如：张村镇人民政府"),
    Field("year", "报告年度", "year", required=True, help="必填，报告所统计的年度，如 {example_year}"),
    Field("title", "标题", "line", help="可留空：默认为「机关名称+年度+年政府信息公开工作年度报告」"),
    Field("preamble", "导语", "text", help="可留空：默认使用固定导语（法律依据、报告内容、统计期限）"),
    Field("website", "报告下载网址", "line",
          help="可留空：填写后写入导语“本报告电子版可在……下载。”，如：示例县人民政府门户网站“政府信息公开”专栏"
               "（http://www.example.gov.cn/xxgk/）"),
    Field("contact", "联系方式", "line",
          help="可留空：填写后写入导语“如对本报告有疑问，请与……联系。”，如：示例县人民政府办公室（电话：0000-1234567）"),
    Field("signed_by", "落款机关", "line", help="可留空：默认为机关名称"),
    Field("date", "成文日期", "date", help="报告落款日期，如 2025-01-20"),
)
"""The report's metadata, in the order of the form's 基本信息 sheet and of the starter file."""

NARRATIVE = (
    Field("overview", SECTIONS[0], "overview", capacity=16,
          help="引言：每行一段；分项：依次编号为（一）（二）……，小标题如：主动公开、依申请公开、政府信息管理、"
               "政府信息公开平台建设、监督保障"),
    Field("problems", "五、存在的主要问题", "items", heading="（一）主要问题。", capacity=6,
          help="每项一段，依次印为“一是……二是……”"),
    Field("improvements", "五、改进情况", "items", heading="（二）改进措施。", capacity=6,
          help="每项一段，依次印为“一是……二是……”"),
    Field("other_matters", SECTIONS[5], "paragraphs", help="每段一项；全部留空则印为“{empty}”"),
)
NO_CONTENT = "无。"
"""What an empty narrative section says."""


def sections(tables: tuple[Table, ...], closing: tuple[str, ...] = ("other_matters",)) -> tuple[Section, ...]:
    """The six sections: 一 the overview, 二–四 the tables, 五 problems and improvements, 六 ``closing``."""
    return (
        Section(SECTIONS[0], ("overview",)),
        *(Section(t.heading, (t.key,)) for t in tables),
        Section(SECTIONS[4], ("problems", "improvements"), empty=NO_CONTENT),
        Section(SECTIONS[5], closing, empty=NO_CONTENT),
    )


PREAMBLE = (
    "本报告由{agency}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
    "的通知》（{notice}）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开"
    "申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等"
    "六部分内容。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
)
PREAMBLE_WEBSITE = "本报告电子版可在{website}下载。"
PREAMBLE_CONTACT = "如对本报告有疑问，请与{contact}联系。"

# --- Table 2 -----------------------------------------------------------------


def active_disclosure_table(*blocks: Block) -> Table:
    """Table 2: the edition gives the blocks (article item, columns, rows)."""
    return Table(key="active_disclosure", name="表二", heading=SECTIONS[1], layout="blocks",
                 item_header="信息内容", blocks=blocks)


# --- Table 3 -----------------------------------------------------------------

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业", parent="法人或其他组织"),
    Column("research", "科研机构", parent="法人或其他组织"),
    Column("social_welfare", "社会公益组织", parent="法人或其他组织"),
    Column("legal_service", "法律服务机构", parent="法人或其他组织"),
    Column("other", "其他", parent="法人或其他组织"),
    Column("total", "总计", derived=True),
)

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"

RESULT_ROWS_HEAD = (
    Row("granted", "（一）予以公开", section=RESULTS),
    Row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", section=RESULTS),
    Row("withheld.state_secret", "1.属于国家秘密", WITHHELD, RESULTS),
    Row("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", WITHHELD, RESULTS),
    Row("withheld.security_stability", "3.危及“三安全一稳定”", WITHHELD, RESULTS),
    Row("withheld.third_party_rights", "4.保护第三方合法权益", WITHHELD, RESULTS),
    Row("withheld.internal_affairs", "5.属于三类内部事务信息", WITHHELD, RESULTS),
    Row("withheld.process_info", "6.属于四类过程性信息", WITHHELD, RESULTS),
    Row("withheld.enforcement_files", "7.属于行政执法案卷", WITHHELD, RESULTS),
    Row("withheld.admin_query", "8.属于行政查询事项", WITHHELD, RESULTS),
    Row("unavailable.not_held", "1.本机关不掌握相关政府信息", UNAVAILABLE, RESULTS),
    Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", UNAVAILABLE, RESULTS),
    Row("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", UNAVAILABLE, RESULTS),
    Row("not_processed.petition", "1.信访举报投诉类申请", NOT_PROCESSED, RESULTS),
    Row("not_processed.duplicate", "2.重复申请", NOT_PROCESSED, RESULTS),
    Row("not_processed.publication", "3.要求提供公开出版物", NOT_PROCESSED, RESULTS),
    Row("not_processed.excessive", "4.无正当理由大量反复申请", NOT_PROCESSED, RESULTS),
    Row("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", NOT_PROCESSED, RESULTS),
)

NEW_RECEIVED = Row("new_received", "一、本年新收政府信息公开申请数量")
CARRIED_OVER = Row("carried_over", "二、上年结转政府信息公开申请数量")
RESULTS_TOTAL = Row("results_total", "（七）总计", section=RESULTS, derived=True)
CARRIED_FORWARD = Row("carried_forward", "四、结转下年度继续办理")

APPLICATIONS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def applications_table(other_handling: tuple[Row, ...]) -> Table:
    rows = (NEW_RECEIVED, CARRIED_OVER, *RESULT_ROWS_HEAD, *other_handling, RESULTS_TOTAL, CARRIED_FORWARD)
    return Table(
        key="applications",
        name="表三",
        heading=SECTIONS[2],
        blocks=(Block(None, APPLICANT_COLUMNS, rows),),
        layout="grid",
        corner=APPLICATIONS_CORNER,
        header="申请人情况",
    )


def applications_rules(table: Table) -> tuple[tuple[Sum, ...], tuple[Balance, ...]]:
    """Rules 1-3 of Table 3, derived from its rows and columns."""
    results = tuple(r.key for r in table.rows if r.section == RESULTS and not r.derived)
    data_cols = tuple(c.key for c in APPLICANT_COLUMNS if not c.derived)
    sums = (
        Sum(2, table.key, RESULTS_TOTAL.key, results, "rows",
            "（七）总计应等于（一）至（六）各项之和"),
        Sum(3, table.key, "total", data_cols, "columns",
            "总计应等于自然人与法人或其他组织五类之和"),
    )
    balances = (
        Balance(1, table.key, (NEW_RECEIVED.key, CARRIED_OVER.key),
                (RESULTS_TOTAL.key, CARRIED_FORWARD.key),
                "第一项加第二项之和应等于第三项（七）总计加第四项之和"),
    )
    return sums, balances


CARRIED_OVER_RULE = Carry(5, "applications", (CARRIED_OVER.key,),
                          "本年「二、上年结转」应等于上一年报告的「四、结转下年度继续办理」",
                          last_row=CARRIED_FORWARD.key)


# --- Table 4 -----------------------------------------------------------------

OUTCOME_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", derived=True),
)

REVIEWS = Table(
    key="reviews",
    name="表四",
    heading=SECTIONS[3],
    blocks=(
        Block(
            None,
            OUTCOME_COLUMNS,
            (
                Row("review", "行政复议"),
                Row("litigation_direct", "未经复议直接起诉", group="行政诉讼"),
                Row("litigation_after_review", "复议后起诉", group="行政诉讼"),
            ),
        ),
    ),
    layout="column_groups",
)

REVIEWS_SUMS = (
    Sum(4, "reviews", "total", ("upheld", "corrected", "other", "pending"), "columns",
        "总计应等于结果维持、结果纠正、其他结果、尚未审结之和"),
)
