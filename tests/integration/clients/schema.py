"""The JSON Schema of a report: official labels as titles, the rules in descriptions."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

import reportgen

schema = TypeAdapter(reportgen.AnyReport).json_schema()
text = json.dumps(schema, ensure_ascii=False)
assert "oneOf" in text or "anyOf" in text
for expected in ("机关名称", "报告年度", "表三「（七）总计」行「自然人」列", "规则2", "五、存在的主要问题"):
    assert expected in text, expected
two = reportgen.Report2021.model_json_schema()
assert two["properties"]["agency"]["title"] == "机关名称"
assert "agency" in two["required"]
print("ok")
