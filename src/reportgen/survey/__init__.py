"""Many reports at once, for the county office and the evaluator: 汇总 and audit.

    compiled = aggregate_files(["提交材料/"], "某某县")   # compiled.report, compiled.breakdown
    result = audit(["提交材料/"], expect=[...])           # result.entries, result.lines, result.missing

Built on ``review`` (the pure analyses) and ``batch.find_inputs`` (the folder walk); the
workbooks are written by ``formats.summary_bytes`` / ``formats.audit_bytes``.
"""

from __future__ import annotations

from .audit import audit, read_expected
from .collect import Loaded, load_all, load_one
from .compile import Compiled, aggregate, aggregate_files, status_text

__all__ = ["Compiled", "Loaded", "aggregate", "aggregate_files", "audit", "load_all", "load_one", "read_expected",
           "status_text"]
