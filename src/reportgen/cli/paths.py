"""Paths as a clerk types them: a Windows path given on Linux or macOS is explained, never used literally."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

_WINDOWS = re.compile(r"^[A-Za-z]:[\\/]|^\\\\|\\")
"""A drive letter (C:\\), a network share (\\\\server) or a backslash between folders."""


def windows_hint(path: str) -> str | None:
    """Why a Windows-style path cannot work here (on Linux or macOS), or None."""
    if os.name == "nt" or not _WINDOWS.search(path) or Path(path).exists():
        return None
    return (f"「{path}」是 Windows 的路径写法（盘符、反斜杠 \\），而 reportgen 现在运行在 Linux/macOS 上："
            "这里没有 C:、D: 盘，反斜杠也不分隔文件夹。请改用本机的路径，例如 ~/桌面/数据.yaml 或 "
            "/home/用户名/报告/2024（文件夹之间用 /）；在 Windows 上运行 reportgen 时才用 C:\\… 这样的写法。")


def refuse_windows_paths(paths: Iterable[str | None]) -> bool:
    """Print the hint for every Windows-style path given; True when there was one (the command stops)."""
    hints = [h for p in paths if p and (h := windows_hint(p))]
    for hint in hints:
        print(hint, file=sys.stderr)
    return bool(hints)


def refuse_existing(paths: Iterable[Path], force: bool) -> bool:
    """Name the first output file already there (unless ``force``); True when there was one (the command stops)."""
    for path in paths:
        if path.exists() and not force:
            print(f"{path}：文件已存在，未改动。如需覆盖请加 --force。", file=sys.stderr)
            return True
    return False
