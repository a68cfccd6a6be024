"""The substitution plan of a Word template gives Jinja's bytes exactly, and the shipped path needs no Jinja.

Every comparison is against the sandboxed Jinja path of the same template (``compiled.JinjaParts``),
which the plan replaces for the shipped templates: random reports of both editions (empty lists,
long texts, text needing XML escaping, line breaks, draft mode, every narrative field), contexts
the plan must leave to Jinja (it then gives Jinja's result or error), and small custom templates
inside and outside the subset.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from markupsafe import Markup

from reportgen import Report
from reportgen.editions import get_edition
from reportgen.errors import ReportError
from reportgen.formats.display import context
from reportgen.formats.docx.compiled import JinjaParts
from reportgen.formats.docx.engine import Renderer
from reportgen.formats.docx.limits import MAX_ITERATIONS, MAX_OUTPUT
from reportgen.formats.docx.plan import SIZE_LIMIT, compile_plan
from reportgen.formats.docx.writer import shipped_renderer, shipped_template
from reportgen.testing import balanced_data

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ("2019", "2021")
SNIPPETS = ["普通的一段文字。", "A & B", "<w:p>注入</w:p>", 'say "hi"', "it's", "&amp; 已转义", "{{ title }}",
            "{% if x %}", "{#", "]]>", "😀𠀀", "全角　空格", "制表\t符", "http://www.example.gov.cn/" + "a" * 30,
            "一、带编号", "（三）编号", "1. 数字编号"]


def _text(rng: random.Random, long: bool = True) -> str:
    parts = [rng.choice(SNIPPETS) for _ in range(rng.randint(1, 4))]
    if long and rng.random() < 0.1:
        parts.append("长" * rng.randint(2000, 20000 - 200))
    return rng.choice(["", " ", "\n"]).join(parts)[:20000]


def _line(rng: random.Random) -> str:
    return rng.choice(["某某局", "A&B<C>\"D'E", "上\n下", "左\r\n右", "　某单位　", "x" * 200])


def _texts(rng: random.Random) -> list[str]:
    return [_text(rng) for _ in range(rng.choice([0, 0, 1, 2, 5]))]


def random_data(edition: str, seed: int) -> dict[str, Any]:
    """A report's data with every narrative field drawn at random (and in some, figures that do not add up)."""
    rng = random.Random(seed)
    draft = rng.random() < 0.3
    data = balanced_data(edition, seed, derived=draft)
    if draft:
        data["applications"]["new_received"]["total"] += 1  # a derived cell that disagrees: a draft
    data["overview"] = {"intro": _texts(rng),
                        "items": [{"title": _line(rng), "text": _texts(rng)} for _ in range(rng.choice([0, 1, 3]))]}
    for key in ("problems", "improvements", "other_matters"):
        data[key] = _texts(rng)
    for key in ("title", "website", "contact", "signed_by"):
        if rng.random() < 0.5:
            data[key] = _line(rng)
    if rng.random() < 0.5:
        data["preamble"] = _text(rng)
    if rng.random() < 0.5:
        data["date"] = "2025-01-20"
    if get_edition(edition).fees and rng.random() < 0.3:
        data.pop("fees", None)
    elif get_edition(edition).fees and rng.random() < 0.3:
        data["fees"] = {"notices_count": 0, "notices_amount": Decimal("0"), "collected_amount": Decimal("12.345")}
    return data


def jinja_only(renderer: Renderer) -> Renderer:
    """The same template with every part rendered by Jinja."""
    data = shipped_template(renderer.edition).read_bytes() if renderer.edition else b""
    other = Renderer(data, edition=renderer.edition)
    other.plans = dict.fromkeys(other.plans)
    return other


@pytest.fixture(scope="module")
def jinja_renderers() -> dict[str, Renderer]:
    return {e: jinja_only(shipped_renderer(e)) for e in EDITIONS}


def test_every_part_of_the_shipped_templates_has_a_plan() -> None:
    for edition in EDITIONS:
        plans = shipped_renderer(edition).plans
        assert {"word/document.xml", "docProps/core.xml", "word/header1.xml", "word/header2.xml"} <= set(plans)
        assert all(plan is not None for plan in plans.values()), plans


@pytest.mark.parametrize("edition", EDITIONS)
def test_random_reports_are_byte_identical_to_jinja(edition: str, jinja_renderers: dict[str, Renderer]) -> None:
    renderer, jinja = shipped_renderer(edition), jinja_renderers[edition]
    drafts = 0
    for seed in range(150):
        report = Report.from_data(random_data(edition, seed))
        ctx = context(report)
        drafts += bool(ctx["draft"])
        for name, plan in renderer.plans.items():
            assert plan is not None
            text = plan.render(ctx)
            assert text is not None, (seed, name)  # the plan rendered it, not Jinja
            assert text == jinja.render_parts(ctx)[name], (seed, name)
        assert renderer.render_context(ctx) == jinja.render_context(ctx), seed
    assert 10 < drafts < 140


def test_the_generator_reaches_every_narrative_field_and_the_escapes() -> None:
    seen: set[str] = set()
    xml = b""
    for seed in range(150):
        data = random_data("2021", seed)
        seen.update(f.key for f in get_edition("2021").fields if data.get(f.key))
        if seed < 40:
            xml += shipped_renderer("2021").render_parts(context(Report.from_data(data)))["word/document.xml"]
    assert {f.key for f in get_edition("2021").fields if not f.single} <= seen
    for escaped in (b"&amp;", b"&lt;w:p&gt;", b"&#34;", b"&#39;", b"{{ title }}", b'w:val="RaggedBody"'):
        assert escaped in xml


def test_control_characters_are_refused_before_the_plan() -> None:
    data = balanced_data("2021", 1)
    with pytest.raises(ReportError):
        Report.from_data({**data, "problems": ["坏\x01字符"]})


def test_the_plan_is_exact_on_any_text_even_what_reports_refuse(jinja_renderers: dict[str, Renderer]) -> None:
    ctx = context(Report.from_data(balanced_data("2021", 2)))
    for odd in ("\x01\x0b\x0c", "\r\r\n", "a\n", "x\n\n", "\ufffe", " \t ", "\x00", "&\x00<"):
        ctx = {**ctx, "problems": [odd, odd + "&"], "signer": odd, "title": odd}
        parts = shipped_renderer("2021").render_parts(ctx)
        assert parts == jinja_renderers["2021"].render_parts(ctx)


@pytest.mark.parametrize("change", [
    lambda c: c.pop("signer"),  # a missing name: Jinja's error
    lambda c: c.update(signer=None),  # not str: Jinja prints "None"
    lambda c: c.update(signer=7),
    lambda c: c.update(signer=Markup("<b>粗</b>")),  # Markup: Jinja does not escape it
    lambda c: c.update(problems="一段"),  # a str, not a list: Jinja loops over its characters
    lambda c: c.update(problems={"甲": 1}),
    lambda c: c.update(overview={"intro": [], "items": []}),  # a dict: overview.items is dict.items in Jinja
    lambda c: c["applications"].pop("new_received"),
    lambda c: c.update(draft_note=Decimal(1)),
    lambda c: c.update(title_lines=[1, 2]),
    lambda c: c.update(signer="\ud800"),  # a lone surrogate: not UTF-8, Jinja's error
])
def test_what_the_plan_does_not_print_is_left_to_jinja(change: Any, jinja_renderers: dict[str, Renderer]) -> None:
    ctx = context(Report.from_data(balanced_data("2021", 3)))
    ctx["applications"] = dict(ctx["applications"])
    change(ctx)
    plans = shipped_renderer("2021").plans
    assert any(plan is not None and plan.render(ctx) is None for plan in plans.values())
    try:
        expected: bytes | str = jinja_renderers["2021"].render_context(ctx)
    except ReportError as exc:
        expected = str(exc)
    try:
        got: bytes | str = shipped_renderer("2021").render_context(ctx)
    except ReportError as exc:
        got = str(exc)
    assert got == expected


def test_the_shipped_path_imports_no_jinja_docxtpl_or_python_docx(tmp_path: Path) -> None:
    code = f"""
import sys
from reportgen import to_docx
from reportgen.cli import main
from reportgen.testing import random_report
for edition in ("2019", "2021"):
    to_docx(random_report(edition, seed=4))
main(["render", {str(ROOT / "samples" / "sample-2021.yaml")!r}, "-o", {str(tmp_path)!r}, "--force"])
print(",".join(m for m in ("jinja2", "docxtpl", "docx") if m in sys.modules) or "none")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "none"
    assert list(tmp_path.glob("*.docx"))


# -- custom templates ------------------------------------------------------------------------------

CONTEXT: dict[str, Any] = {
    "a": "A&<>\"'", "b": "", "xs": ["x1", "x2&"], "ys": ["y1"], "empty": [], "t": True, "f": False, "n": None,
    "d": {"k": "dk", "items": "not dict.items", "inner": {"z": "dz"}}, "ns": SimpleNamespace(items=["i1", "i2"]),
    "rows": [{"cells": ["c1", "c2"]}, {"cells": []}], "z": "nul\x00&<",
}

SUBSET = [
    "<w:t>{{ a }}</w:t>", "{{a}}|{{  d.k  }}|{{ d.inner.z }}", "x\r\ny\rz{{ a }}\r.",
    "{% for x in xs %}[{{ x }}]{% endfor %}", "{% for x in empty %}never{% endfor %}after",
    "{% for a in xs %}{% for a in ys %}{{ a }}{% endfor %}{{ a }}{% endfor %}{{ a }}",
    "{% for r in rows %}{% for c in r.cells %}{{ c }}{% endfor %};{% endfor %}",
    "{% for i in ns.items %}{{ i }}{% endfor %}",
    "{% if t %}1{% elif f %}2{% else %}3{% endif %}", "{% if f %}1{% elif t %}2{% else %}3{% endif %}",
    "{% if f %}1{% elif n %}2{% else %}3{% endif %}", "{% if f %}1{% endif %}",
    "{% if not f and t or f %}yes{% endif %}", "{% if not not b %}no{% else %}ok{% endif %}",
    "{% if f and missing %}{{ missing }}{% endif %}",  # never evaluated, as in Jinja
    "{% if empty or xs %}{{ xs }}{% endif %}",  # a list printed: left to Jinja
    "{% if d.items %}{{ d.items }}{% endif %}",  # dict.items in Jinja: left to Jinja
    "{{ z }}|{{ a }}|{{ z }}", "{{ d.k }}{{ d.inner.z }}{{ ns.items }}", "{{ d.k }}{{ d.items }}",
    "{{ missing }}", "{{ d.nothing }}", "{{ n }}", "{% for x in a %}{{ x }}{% endfor %}",
    "\n<w:p>{{ a }}</w:p>\n<w:p x='1'>{% if t %}\n<w:p>{% endif %}.", "newlines kept\n\n.",
]

OUTSIDE = [
    "{{ a|e }}", "{{ a() }}", "{{ 'a' }}", "{{ xs[0] }}", "{{ d['k'] }}", "{{- a }}", "{{ a -}}",
    "{%- if t %}{% endif %}",
    "{# c #}", "{{ loop }}", "{% for x in xs %}{{ loop.index }}{% endfor %}", "{{ _a }}", "{{ d._k }}",
    "{{ d.update }}", "{{ a.format }}", "{% for x in xs %}{% else %}{% endfor %}", "{% if t %}", "{% endif %}",
    "{% for x, y in xs %}{% endfor %}", "{% set x = 1 %}", "{% raw %}{% endraw %}", "{{ true }}", "{{ none }}",
    "{% if a == b %}{% endif %}", "{% if (t) %}{% endif %}", "{{ a.0 }}", "{% for x in xs if x %}{% endfor %}",
    "{%p if t %}", "{{ a . b }}", "{% if t %}{% else %}{% else %}{% endif %}", "{% if t %}{% endfor %}",
    "{% if t %}{% else %}{% elif f %}{% endif %}", "{{ a + b }}", "{{ rg_loop }}", "{{ self }}",
    "{% for x in xs recursive %}{% endfor %}", "{% if t and %}{% endif %}", "{% if or t %}{% endif %}",
    "".join(f"{{% for v{i} in xs %}}" for i in range(5)) + "{% endfor %}" * 5,
    "a\n{% if t %}<w:p>{% endif %}", "a line break at the end\n", "{{ a }}<w:pPr/>", "{% if t %}\n<{% endif %}w:p",
]


@pytest.mark.parametrize("xml", SUBSET)
def test_a_template_in_the_subset_gives_jinjas_text(xml: str) -> None:
    plan = compile_plan(xml)
    assert plan is not None
    jinja = JinjaParts({"p": xml}, "模板")
    try:
        expected: bytes | str = jinja.render("p", CONTEXT)
    except ReportError as exc:
        expected = str(exc)
    text = plan.render(CONTEXT)
    assert text is None or text == expected
    if isinstance(expected, str) or any(f"{{{{ {v} }}}}" in xml for v in ("xs", "d.items", "n", "ns.items")):
        assert text is None  # an error, or a value the plan does not print: Jinja's to give


@pytest.mark.parametrize("xml", OUTSIDE)
def test_a_template_beyond_the_subset_has_no_plan(xml: str) -> None:
    assert compile_plan(xml) is None


def _custom(document: str) -> bytes:
    """The shipped 2021 template with its body replaced by ``document``."""
    out = io.BytesIO()
    with zipfile.ZipFile(shipped_template("2021")) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, document if name == "word/document.xml" else src.read(name))
    return out.getvalue()


def test_a_custom_template_in_the_subset_uses_the_plan_and_no_jinja_until_needed() -> None:
    document = "<w:document>{% for p in problems %}<w:p>{{ p }}</w:p>{% endfor %}</w:document>"
    renderer = Renderer(_custom(document), edition="2021")
    assert all(plan is not None for plan in renderer.plans.values())
    assert renderer._jinja is None
    ctx = context(Report.from_data(balanced_data("2021", 5)))
    assert renderer.render_context(ctx) == jinja_only_custom(document).render_context(ctx)
    assert renderer._jinja is None
    assert "problems" in renderer.tags()["paths"]  # listing tags compiles with Jinja


def jinja_only_custom(document: str) -> Renderer:
    other = Renderer(_custom(document), edition="2021")
    other.plans = dict.fromkeys(other.plans)
    return other


OTHER_PARTS = {"title": "题", "signer": "签", "draft": ""}
"""What the shipped template's other parts (core properties, headers) print."""


def test_the_loop_limit_holds_for_a_plan() -> None:
    xml = "{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}"
    renderer = Renderer(_custom(xml), edition="2021")
    assert all(plan is not None for plan in renderer.plans.values())
    side = int(MAX_ITERATIONS ** 0.5) + 1
    with pytest.raises(ReportError, match="循环次数过多"):
        renderer.render_parts({**OTHER_PARTS, "xs": ["."] * side})


@pytest.mark.parametrize("copies, fails", [(SIZE_LIMIT // 1_000_000 + 2, False), (MAX_OUTPUT // 1_000_000 + 1, True)])
def test_the_output_limit_holds_for_a_plan(copies: int, fails: bool) -> None:
    renderer = Renderer(_custom("{% for x in xs %}{{ big }}{% endfor %}"), edition="2021")
    ctx = {**OTHER_PARTS, "xs": [0] * copies, "big": "x" * 1_000_000}
    assert renderer.plans["word/document.xml"] is not None
    assert renderer.plans["word/document.xml"].render(ctx) is None  # past half the limit: Jinja decides
    if fails:
        with pytest.raises(ReportError, match="模板生成的内容过长"):
            renderer.render_parts(ctx)
    else:
        assert len(renderer.render_parts(ctx)["word/document.xml"]) == copies * 1_000_000


def test_small_parts_deflated_once_give_the_same_zip() -> None:
    from reportgen.formats.zipparts import build_zip, pack

    renderer = shipped_renderer("2019")
    for seed in range(6):
        ctx = context(Report.from_data(random_data("2019", seed % 3)))  # each context twice: the second from the cache
        parts = renderer.render_parts(ctx)
        expected = build_zip({name: packed or pack(parts[name]) for name, packed in renderer.packed.items()})
        assert renderer.render_context(ctx) == expected


def test_jinja_is_compiled_once_when_threads_need_it_together() -> None:
    from concurrent.futures import ThreadPoolExecutor

    renderer = Renderer(_custom("<w:document>{{ n }}</w:document>"), edition="2021")  # n not str: Jinja prints it
    assert renderer._jinja is None
    with ThreadPoolExecutor(8) as pool:
        parts = list(pool.map(lambda i: renderer.render_parts({**OTHER_PARTS, "n": i}), range(64)))
    assert [p["word/document.xml"] for p in parts] == [f"<w:document>{i}</w:document>".encode() for i in range(64)]
    compiled = renderer._jinja
    assert compiled is not None and renderer._compiled() is compiled
