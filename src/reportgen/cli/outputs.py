"""The output options of ``render`` and ``batch``, generated from the format registry: one vocabulary.

For every output format both commands take ``--<format>`` and ``--no-<format>``:

* naming a format written from the report (``--docx``, ``--xlsx``) writes only the formats named;
* naming a converted format (``--pdf``) adds it, and the format it is converted from;
* ``--no-<format>`` leaves a format out of what would otherwise be written.

So ``render --no-xlsx`` and ``batch --docx`` both mean "Word only", as they did before.
"""

from __future__ import annotations

import argparse

from ..formats import registry


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--<format>`` and ``--no-<format>`` for each output format."""
    defaults = "、".join(f.title for f in registry.outputs() if f.default_output)
    group = parser.add_argument_group("输出格式", f"默认生成{defaults}；写明某几种时只生成所写的几种。")
    for fmt in registry.outputs():
        if fmt.write:
            text = f"生成{fmt.title}（可与其他格式同时写）"
        else:
            source = registry.get(fmt.source_format).title if fmt.source_format else ""
            need = "，需要 LibreOffice" if fmt.missing else ""
            text = f"另外生成{fmt.title}（由{source}转换{need}）"
        group.add_argument(f"--{fmt.name}", action="store_true", help=text)
        # --no-<format> matters for the default formats; for the others it is accepted, not listed.
        group.add_argument(f"--no-{fmt.name}", action="store_true",
                           help=f"不生成{fmt.title}" if fmt.default_output else argparse.SUPPRESS)


def chosen(args: argparse.Namespace) -> tuple[str, ...]:
    """The formats asked for, a converted format's source format included, in registry order."""
    outputs = registry.outputs()
    named = [f.name for f in outputs if f.write and _flag(args, f.name)]
    names = named or [f.name for f in outputs if f.default_output]
    names += [f.name for f in outputs if not f.write and _flag(args, f.name)]
    names = [n for n in names if not _flag(args, f"no-{n}")]
    for name in list(names):
        source = registry.get(name).source_format
        if source and source not in names:
            names.append(source)
    order = [f.name for f in outputs]
    return tuple(sorted(set(names), key=order.index))


def _flag(args: argparse.Namespace, option: str) -> bool:
    """Whether ``--<option>`` was given."""
    return bool(getattr(args, option.replace("-", "_"), False))


def missing_tools(formats: tuple[str, ...]) -> list[str]:
    """Install hints for the chosen formats whose outside program is absent."""
    hints = []
    for name in formats:
        fmt = registry.get(name)
        hint = fmt.missing() if fmt.missing else None
        if hint:
            hints.append(hint)
    return hints


def available(formats: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """(the chosen formats that can be made here, a warning for each left out for want of a program)."""
    keep, warnings = [], []
    for name in formats:
        fmt = registry.get(name)
        hint = fmt.missing() if fmt.missing else None
        if hint:
            warnings.append(f"注意：未生成{fmt.title}。{hint}")
        else:
            keep.append(name)
    return tuple(keep), warnings


def written(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The chosen formats that are written from a report directly (not converted)."""
    return tuple(n for n in formats if registry.get(n).write is not None)
