"""A report pickled through a spawn process pool (as multiprocessing, Celery or Dask would)."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import reportgen
from reportgen.testing import balanced_data


def word(report: reportgen.Report) -> bytes:
    return reportgen.to_docx(report)


if __name__ == "__main__":
    reports = [reportgen.Report.from_data(balanced_data(e, seed=3)) for e in ("2019", "2021")]
    assert [pickle.loads(pickle.dumps(r)) for r in reports] == reports
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert list(pool.map(word, reports)) == [word(r) for r in reports]
    print("ok")
