"""The reportgen command: a thin layer over the library.

Each sub-command lives in its own module with ``register(subparsers)``, which
sets ``func`` on its parser; ``func(args)`` returns the exit status. No
traceback reaches the user: errors are printed in Chinese.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from . import _argparse_zh

COMMANDS = ("check", "new", "render", "form", "import_", "template", "batch", "aggregate", "audit")
"""Sub-command modules, in the order ``--help`` lists them."""

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a command, only that command's module is imported (a fast start)."""
    _argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="政府信息公开工作年度报告生成工具：检查数据、生成 Word/Excel 报告和填报表。",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in _commands(argv):
        importlib.import_module(f"{__name__}.{name}").register(sub)
    for command in sub.choices.values():
        command.set_defaults(parser_=command)  # an unknown option is reported with this command's usage
    return parser


def _commands(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The sub-command modules to load: the one ``argv`` names, else all (for --help and a misspelt command)."""
    first = next((a for a in argv or () if not a.startswith("-")), None)
    named = tuple(m for m in COMMANDS if m.rstrip("_") == first)
    return named or COMMANDS


def _unknown(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> None:
    """Exit with the sub-command's usage, naming the nearest option to each unknown one."""
    import difflib

    command: argparse.ArgumentParser = getattr(args, "parser_", parser)
    known = [o for a in command._actions for o in a.option_strings]
    hints = []
    for arg in extra:
        near = difflib.get_close_matches(arg, known, n=1, cutoff=0.5) if arg.startswith("-") else []
        hints.append(f"{arg}（是否想用 {near[0]}？）" if near else arg)
    command.error("无法识别的参数：" + "、".join(hints) + f"；可用 {command.prog} --help 查看全部选项")


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (importlib.metadata costs 50 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"reportgen {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reportgen")
    except PackageNotFoundError:
        return "dev"


def main(argv: Sequence[str] | None = None) -> int:
    from ._streams import guarded

    with guarded():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    try:
        parser = build_parser(argv)
        args, extra = parser.parse_known_args(argv)
        if extra:
            _unknown(parser, args, extra)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_INPUT
        return int(args.func(args))
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        from ..fileio import describe_os_error

        print(describe_os_error(exc), file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:
        from ..errors import ReportError

        if isinstance(exc, ReportError):
            print(exc, file=sys.stderr)
            return EXIT_INPUT
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        print("这是 reportgen 的缺陷，请把上面这行和所用的文件一并反馈。"
              "设置环境变量 REPORTGEN_DEBUG=1 可看到详细信息。", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    # The command has no pydantic plugins: skip their entry-point scan at start (about 40 ms of CPU).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        status = main()
    except KeyboardInterrupt:  # during start-up, before the command's own handling
        print("已中断。", file=sys.stderr)
        status = 130
    sys.exit(status)
