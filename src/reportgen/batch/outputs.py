"""Putting finished files in place: all of a report's files or none, never over an input or a name taken.

``write_product`` writes a product's bytes (``render``); ``place`` moves a worker's staged files
(``batch``). Both refuse a name that is another input of the run or was written earlier in it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import Finding
from ..errors import Problem
from ..fileio import commit, describe_os_error, output_stem, write_all
from ..formats import registry
from .pipeline import Product, Status


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    source: str
    status: Status
    outputs: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    """Other messages: a disk error, a name clash, an internal error."""
    staged: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "rendered"

    @property
    def messages(self) -> tuple[str, ...]:
        """Everything to tell about this file, one line each (errors first)."""
        errors = [f.text for f in self.findings if f.is_error]
        warnings = [f.text for f in self.findings if not f.is_error]
        if self.status == "refused":
            warnings = []
        return (*map(str, self.problems), *self.notes, *errors, *warnings)


def internal_error(source: str, exc: BaseException) -> Outcome:
    """A failure that is reportgen's fault, told as such."""
    return Outcome(source, "failed", notes=(f"内部错误（{type(exc).__name__}），"
                                            "这是 reportgen 的缺陷，请把此行和所用的文件一并反馈",))


def path_key(path: str | os.PathLike[str]) -> str:
    """What two paths share when they name the same file (links followed, case folded where the system does)."""
    return os.path.normcase(os.path.realpath(path))


@dataclass(frozen=True)
class Written:
    """What ``write_product`` did with one report's files."""

    files: tuple[Path, ...] = ()
    replaced: tuple[str, ...] = ()
    """Names of existing files the new ones replaced."""
    skipped: tuple[Path, ...] = ()
    """Files not written because each is the very input they were made from."""
    refusal: str | None = None
    """Why nothing was written (a name is another input of the run, or was written by one)."""


def write_product(product: Product, out_dir: Path, protected: Iterable[str | os.PathLike[str]] = (),
                  claimed: dict[str, str] | None = None) -> Written:
    """Write a rendered product's files into ``out_dir``, all of them or none.

    A file that would replace the input it was made from is skipped (the form
    stays as the clerk filled it). Nothing is written when a file would replace
    another of ``protected`` (the inputs of the run) or a name in ``claimed``
    (name -> the input that wrote it earlier in this run).
    """
    assert product.report is not None
    stem = output_stem(product.report.agency, product.report.year)
    dests = [(out_dir / (stem + registry.get(fmt).suffix), data) for fmt, data in product.files.items()]
    own = path_key(product.source)
    skipped = tuple(d for d, _ in dests if path_key(d) == own)
    dests = [(d, data) for d, data in dests if path_key(d) != own]
    refusal = _refusal([(d, path_key(d)) for d, _ in dests], {path_key(p) for p in protected}, claimed or {})
    if refusal:
        return Written(refusal=refusal)
    replaced = tuple(d.name for d, _ in dests if d.exists())
    write_all(dests)
    if claimed is not None:
        claimed.update({path_key(d): product.source for d, _ in dests})
    return Written(tuple(d for d, _ in dests), replaced, skipped)


def _refusal(dests: Sequence[tuple[Path, str]], protected: set[str], claimed: Mapping[str, str]) -> str | None:
    """Why no file of a report may be written: (path, ``path_key`` of the path) of each."""
    for dest, key in dests:
        if key in protected:
            return f"输出文件「{dest}」是本次的另一个输入文件，未覆盖，本报告的文件均未写入（请换一个输出文件夹）"
        if key in claimed:
            return (f"输出文件「{dest.name}」与 {claimed[key]} 重名，未写入（请检查机关名称和年度）")
    return None


def _key_in(folder: str, name: str) -> str:
    """``path_key(folder / name)`` for a ``folder`` already resolved by it: only a link named ``name`` is followed."""
    path = os.path.join(folder, name)
    return path_key(path) if os.path.islink(path) else os.path.normcase(path)


def place(outcome: Outcome, out: Path, claimed: dict[str, str], protected: set[str], replace: bool,
          folder: str, own: str) -> Outcome:
    """Move a worker's staged files into place, all or none, unless a name is taken or is an input
    (or, without ``replace``, a file of that name is already there).

    ``folder``: ``path_key(out)``; ``own``: ``path_key`` of the input these files were made from.
    """
    if not outcome.ok:
        return outcome
    named = [(Path(staged), out / name, _key_in(folder, name)) for staged, name in outcome.staged]
    there = [dest.name for _, dest, key in named if not replace and key not in claimed and dest.exists()]
    if there:
        for staged, _, _ in named:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)
        return Outcome(outcome.source, "exists", findings=outcome.findings,
                       notes=(f"输出文件「{'、'.join(there)}」已存在，未覆盖（如需覆盖请加 --force）",))
    skipped = [dest for _, dest, key in named if key == own]  # the input itself: left as it is
    moves = [(staged, dest, key) for staged, dest, key in named if key != own]
    left = [staged for staged, _, _ in named]  # staging files to remove (none of those moved into place)
    refusal = _refusal([(dest, key) for _, dest, key in moves], protected, claimed)
    try:
        if refusal:
            return Outcome(outcome.source, "conflict", findings=outcome.findings, notes=(refusal,))
        commit([(staged, dest) for staged, dest, _ in moves])
        left = [staged for staged, _, key in named if key == own]
    except OSError as exc:
        return Outcome(outcome.source, "failed", findings=outcome.findings, notes=(describe_os_error(exc),))
    except Exception as exc:
        return internal_error(outcome.source, exc)
    finally:
        for staged in left:
            with contextlib.suppress(OSError):
                os.unlink(staged)
    for _, dest, _ in moves:  # now a file of that name, even where a link was: its own key
        claimed[os.path.normcase(os.path.join(folder, dest.name))] = outcome.source
    notes = tuple(f"「{dest}」就是输入的文件，未覆盖" for dest in skipped)
    return Outcome(outcome.source, "rendered", tuple(str(dest) for _, dest, _ in moves), outcome.findings,
                   notes=notes)
