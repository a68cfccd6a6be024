"""A progress display for commands that read many files: a bar on a terminal, lines otherwise."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(total: int, title: str) -> Iterator[Callable[[str, bool], None]]:
    """A callback ``(file, ok)`` to call after each file; a file that could not be read is named."""
    if sys.stdout.isatty() and importlib.util.find_spec("rich") is not None:  # rich: the optional "cli" extra
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn()) as bar:
            task = bar.add_task(title, total=total)

            def advance(source: str, ok: bool) -> None:
                if not ok:
                    bar.console.print(f"无法读取：{source}")
                bar.advance(task)

            yield advance
        return
    step = max(1, total // 20)
    done = 0

    def report(source: str, ok: bool) -> None:
        nonlocal done
        done += 1
        if not ok:
            print(f"无法读取：{source}", flush=True)
        if done % step == 0 or done == total:
            print(f"{title}：{done}/{total}", flush=True)

    yield report
