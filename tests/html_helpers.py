"""Reading HTML tables back: official label paths, span expansion and the `headers` resolver."""

from __future__ import annotations

from lxml import html as lxml_html

from reportgen.editions.spec import Column, Row, Table


def official_column_path(table: Table, row: Row, column: Column) -> tuple[str, ...]:
    """The labels above a figure, read straight off the description."""
    if table.layout == "blocks":
        parts = (table.block_of(row.key).heading, column.label)
    elif table.layout == "grid":
        parts = (table.header, column.parent, column.label)
    else:
        parts = (row.group, row.label, column.label)
    return tuple(p for p in parts if p)


def official_row_path(table: Table, row: Row) -> tuple[str, ...]:
    if table.layout == "column_groups":
        return ()
    return tuple(p for p in (row.section, row.group, row.label) if p)


def parse(html: str) -> lxml_html.HtmlElement:
    """A fragment or a page, as one element tree."""
    return lxml_html.document_fromstring(f"<html><body>{html}</body></html>" if "<html" not in html else html)


def tables_by_caption(root: lxml_html.HtmlElement) -> dict[str, lxml_html.HtmlElement]:
    return {t.find("caption").text_content(): t for t in root.iter("table")}


def grid(table: lxml_html.HtmlElement) -> list[list[lxml_html.HtmlElement]]:
    """The table's slots (HTML table model): each slot holds the cell covering it."""
    slots: dict[tuple[int, int], lxml_html.HtmlElement] = {}
    rows = table.xpath("./thead/tr|./tbody/tr|./tr")
    for y, tr in enumerate(rows):
        x = 0
        for cell in tr.xpath("./th|./td"):
            while (y, x) in slots:
                x += 1
            for dy in range(int(cell.get("rowspan", 1))):
                for dx in range(int(cell.get("colspan", 1))):
                    assert (y + dy, x + dx) not in slots, "overlapping cells"
                    slots[(y + dy, x + dx)] = cell
            x += int(cell.get("colspan", 1))
    width = 1 + max(x for _, x in slots)
    out = [[slots.get((y, x)) for x in range(width)] for y in range(len(rows))]
    assert all(c is not None for row in out for c in row), "a hole in the table"
    return out


def unique(cells: list[lxml_html.HtmlElement]) -> tuple[str, ...]:
    out: list[lxml_html.HtmlElement] = []
    for c in cells:
        if c.tag == "th" and c not in out:
            out.append(c)
    return tuple(c.text_content() for c in out)


def locate(table: lxml_html.HtmlElement, row_path: tuple[str, ...], column_path: tuple[str, ...]) -> str:
    """The text of the figure whose row labels read ``row_path`` and whose header reads ``column_path``.

    Found by geometry alone (span expansion), independent of ``headers`` and ``scope``: a body row
    is a grid row holding a td; its row labels are the th cells left in it; its header is the run
    of all-th rows just above its run of body rows.
    """
    g = grid(table)
    is_body = [any(c.tag == "td" for c in row) for row in g]
    found = []
    for y, row in enumerate(g):
        if not is_body[y] or unique(row) != row_path:
            continue
        top = y
        while top > 0 and is_body[top - 1]:
            top -= 1
        head = top
        while head > 0 and not is_body[head - 1]:
            head -= 1
        for x, cell in enumerate(row):
            if cell.tag == "td" and unique([g[h][x] for h in range(head, top)]) == column_path:
                found.append(cell)
    cells = list(dict.fromkeys(found))
    assert len(cells) == 1, (row_path, column_path, len(cells))
    return cells[0].text_content()


def resolved_headers(table: lxml_html.HtmlElement, cell: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The header cells assigned to ``cell`` by its ``headers`` attribute (HTML §4.9.12.1, step 3)."""
    by_id: dict[str, lxml_html.HtmlElement] = {}
    for el in table.iter("th", "td"):
        if el.get("id") and el.get("id") not in by_id:  # the first such cell in tree order
            by_id[el.get("id")] = el
    out: list[lxml_html.HtmlElement] = []
    for token in (cell.get("headers") or "").split():
        el = by_id.get(token)
        if el is not None and el.text_content().strip() and el is not cell and el not in out:
            out.append(el)
    return tuple(el.text_content() for el in out)
