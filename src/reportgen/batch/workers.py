"""A pool of worker processes that survives a killed worker: results in task order, a bounded window in flight.

``multiprocessing.Pool.imap`` waits forever for a task whose worker the system killed (the OOM
killer, ``kill -9``); ``concurrent.futures`` notices the lost process and fails every unfinished
task with BrokenProcessPool. ``ordered`` then starts a fresh pool and runs those tasks again, each
alone: a task that kills its worker while it runs alone is given up (``failed(task, WorkerLost())``)
and the rest go on. After ``MAX_BREAKS`` pools lost in a row, not one finishing a chunk (workers that
die whatever they run), every task left is given up (``PoolGaveUp``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 4
"""Tasks sent to a worker at once."""
WINDOW = 8
"""Chunks in flight per worker: enough to keep every worker busy, few enough to hold nothing else."""
MAX_BREAKS = 4
"""Pools lost in a row, none of them finishing a chunk, before every task left is given up."""


class WorkerLost(Exception):
    """The worker process running this task (alone) ended without a result."""


class PoolGaveUp(Exception):
    """Worker processes died too often: this task was not run."""


def context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (a single-threaded program), else forkserver or spawn (a forked lock stays held)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while the pool forks workers and starts its threads, then arrive here.

    A handler run in the middle of a fork runs inside its hooks, which drop the KeyboardInterrupt
    (the batch went on); the pool's threads, started now, keep the signals blocked, so that they
    always reach the main thread, whose wait they interrupt.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _worker_start() -> None:
    """A worker ends quietly when the parent stops it, and leaves Ctrl-C to the parent, which cleans up."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held by the parent while it started this process


def start(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes, started as ``context()`` says."""
    chosen = context()
    if chosen.get_start_method() == "forkserver":  # started now, not while signals are held (it would keep them so)
        from multiprocessing import forkserver

        forkserver.ensure_running()
    return ProcessPoolExecutor(jobs, mp_context=chosen, initializer=_worker_start)


def stop(pool: ProcessPoolExecutor, finished: bool) -> None:
    """End the pool's processes: let them exit when everything is done, else terminate them at once."""
    if not finished:  # Python 3.11 has no terminate_workers(): a task in flight would run to its end
        for process in list((pool._processes or {}).values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Entry(Generic[T, R]):
    tasks: list[T]
    future: Future[list[R]] | None  # None: to be run alone once every earlier entry is done
    alone: bool = False
    pool: int = 0
    """Which pool (counted from 0) it was submitted to."""


def ordered(fn: Callable[[list[T]], list[R]], tasks: Iterable[T], jobs: int,
            failed: Callable[[T, BaseException], R]) -> Iterator[R]:
    """``fn`` of chunks of ``tasks`` in ``jobs`` processes, one result a task, yielded in task order.

    ``fn`` must pickle by name (a module-level function). A chunk whose ``fn`` raised gives
    ``failed(task, exc)`` for each of its tasks.
    """
    source = iter(tasks)
    pending: deque[_Entry[T, R]] = deque()
    breaks = 0  # pools lost since a chunk last finished
    generation = 0  # pools started before this one
    pool = start(jobs)
    finished = False
    try:
        while True:
            if not any(e.alone for e in pending):  # no retry waiting: keep the window full
                while len(pending) < jobs * WINDOW and (chunk := list(islice(source, CHUNK))):
                    pending.append(_Entry(chunk, _submit(pool, fn, chunk), pool=generation))
            if not pending:
                break
            head = pending[0]
            if head.future is None:
                head.future, head.pool = _submit(pool, fn, head.tasks), generation  # nothing else is in flight
            try:
                results = head.future.result()
            except BrokenProcessPool:
                stop(pool, finished=False)
                breaks += 1
                if head.alone:  # it killed its worker, alone: it is the one
                    pending.popleft()
                    yield failed(head.tasks[0], WorkerLost())
                if breaks > MAX_BREAKS:
                    yield from _give_up(pending, source, failed)
                    break
                _retry_alone(pending)
                pool, generation = start(jobs), generation + 1
                continue
            except Exception as exc:
                results = [failed(task, exc) for task in head.tasks]
            if head.pool == generation:
                breaks = 0
            pending.popleft()
            yield from results
        finished = True
    finally:
        stop(pool, finished)


def _submit(pool: ProcessPoolExecutor, fn: Callable[[list[T]], list[R]], tasks: list[T]) -> Future[list[R]]:
    """``pool.submit``; a pool already broken gives a future that says so, handled in its turn."""
    try:
        with _signals_held():  # a submission may start the pool's processes and threads
            return pool.submit(fn, tasks)
    except BrokenProcessPool as exc:
        lost: Future[list[R]] = Future()
        lost.set_exception(exc)
        return lost


def _retry_alone(pending: deque[_Entry[T, R]]) -> None:
    """After a lost pool: each task it did not finish is to run again, alone, in order."""
    kept = list(pending)
    pending.clear()
    for entry in kept:
        if _finished(entry):
            pending.append(entry)  # finished before the loss: its results stand
        else:
            pending.extend(_Entry([task], None, alone=True) for task in entry.tasks)


def _finished(entry: _Entry[T, R]) -> bool:
    """Whether the entry's chunk came back with its results (before its pool was lost)."""
    future = entry.future
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def _give_up(pending: deque[_Entry[T, R]], source: Iterator[T],
             failed: Callable[[T, BaseException], R]) -> Iterator[R]:
    for entry in pending:
        if entry.future is not None and _finished(entry):
            yield from entry.future.result()
        else:
            yield from (failed(task, PoolGaveUp()) for task in entry.tasks)
    yield from (failed(task, PoolGaveUp()) for task in source)
