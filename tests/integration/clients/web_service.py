"""The upload → download service of docs/api.md (「在 Web 服务中使用」), as a portal team writes it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

import reportgen

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    reportgen.warm()  # templates compiled once, before the first request
    yield


app = FastAPI(lifespan=lifespan)


def _word(report: reportgen.Report) -> Response:
    errors = [f for f in report.check() if f.is_error]
    if errors:
        raise HTTPException(422, [{"规则": f.rule, "位置": f.table_label, "问题": f.message} for f in errors])
    name = reportgen.output_stem(report.agency, report.year) + ".docx"
    return Response(reportgen.to_docx(report), media_type=DOCX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@app.post("/reports")
async def upload(file: UploadFile) -> Response:
    """A filled form (.xlsx) or data file (.yaml/.json) in, the Word report out."""
    data = await file.read()
    try:
        report = await run_in_threadpool(reportgen.loads, data, None, file.filename or "上传的文件")
    except reportgen.ReportError as exc:
        raise HTTPException(422, [{"位置": p.path, "标签": p.label, "问题": p.message} for p in exc.problems]) from None
    return await run_in_threadpool(_word, report)


@app.post("/reports/json")
async def from_json(report: reportgen.AnyReport) -> Response:
    """The report as a JSON body (either edition), validated by pydantic."""
    return await run_in_threadpool(_word, report)
