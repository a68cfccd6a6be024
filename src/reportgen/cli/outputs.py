"""The output options of ``render`` and ``batch``, generated from the format registry."""

from __future__ import annotations

import argparse

from ..formats import registry


def add_options(parser: argparse.ArgumentParser, exclusive: bool) -> None:
    """``--<format>`` for each output format; with ``exclusive``, naming some writes only those.

    Without ``exclusive`` (render): a default output is turned off by ``--no-<format>``,
    any other is added by ``--<format>``.
    """
    for fmt in registry.outputs():
        if exclusive:
            source = registry.get(fmt.source_format).title if fmt.source_format else ""
            extra = "（可多选；都不选时生成默认的几种）" if fmt.write else f"（由{source}转换）"
            parser.add_argument(f"--{fmt.name}", action="store_true", help=f"生成{fmt.title}{extra}")
        elif fmt.default_output:
            parser.add_argument(f"--no-{fmt.name}", action="store_true", help=f"不输出{fmt.title}")
        else:
            parser.add_argument(f"--{fmt.name}", action="store_true", help=f"另输出{fmt.title}（需要 LibreOffice）"
                                if fmt.missing else f"另输出{fmt.title}")


def chosen(args: argparse.Namespace, exclusive: bool) -> tuple[str, ...]:
    """The formats asked for, a converted format's source format included, in registry order."""
    outputs = registry.outputs()
    if exclusive:
        names = [f.name for f in outputs if _flag(args, f.name)]
        if not any(registry.get(n).write for n in names):
            names += [f.name for f in outputs if f.default_output]
    else:
        names = [f.name for f in outputs if (f.default_output and not _flag(args, f"no-{f.name}"))
                 or (not f.default_output and _flag(args, f.name))]
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


def written(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The chosen formats that are written from a report directly (not converted)."""
    return tuple(n for n in formats if registry.get(n).write is not None)
