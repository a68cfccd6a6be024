"""Drives the web service through FastAPI's TestClient: a good form, a bad form, a JSON body."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_service import app

import reportgen
from reportgen.formats.xlsx.names import cell_name
from reportgen.testing import balanced_data

assert "site-packages" in Path(reportgen.__file__).parts, reportgen.__file__  # the installed wheel, not the tree

report = reportgen.Report.from_data(balanced_data("2021"))
form = reportgen.to_xlsx(report)

with TestClient(app) as client:
    good = client.post("/reports", files={"file": ("填报表.xlsx", form)})
    assert good.status_code == 200, good.text
    assert "attachment" in good.headers["content-disposition"]
    back = reportgen.loads(good.content)
    assert back.agency == report.agency and back.cell("applications", "results_total", "total") == \
        report.cell("applications", "results_total", "total")

    wb = load_workbook(io.BytesIO(form))
    sheet, coord = next(wb.defined_names[cell_name("applications", "withheld.state_secret", "natural_person")]
                        .destinations)
    wb[sheet][coord.replace("$", "")] = "十二"
    buf = io.BytesIO()
    wb.save(buf)
    bad = client.post("/reports", files={"file": ("填报表.xlsx", buf.getvalue())})
    assert bad.status_code == 422, bad.text
    (problem,) = bad.json()["detail"]
    assert problem["位置"] == f"{sheet}!{coord.replace('$', '')}", problem
    assert problem["标签"] == "表三「（三）不予公开 1.属于国家秘密」行「自然人」列", problem
    assert "十二" in problem["问题"]

    body = client.post("/reports/json", json=reportgen.Report.from_data(balanced_data("2019")).data(mode="json"))
    assert body.status_code == 200, body.text
    assert reportgen.loads(body.content).spec.key == "2019"
    refused = client.post("/reports/json", json={**report.data(mode="json"), "year": "not a year"})
    assert refused.status_code == 422

print("ok", file=sys.stderr)
