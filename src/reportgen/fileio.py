"""Reading input bytes safely and writing output atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import ReportError

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Largest data file or form accepted, in bytes."""

Dest = str | os.PathLike[str] | IO[bytes]


_FILE_MODE: int | None = None


def _file_mode() -> int:
    """0o666 less the umask, read on the first write (not at import: reading the umask means setting it)."""
    global _FILE_MODE
    if _FILE_MODE is None:
        mask = _proc_umask()
        if mask is None:
            mask = os.umask(0o022)
            os.umask(mask)
        _FILE_MODE = 0o666 & ~mask
    return _FILE_MODE


def _proc_umask() -> int | None:
    """The umask as Linux reports it, without changing it (None elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def output_stem(agency: str, year: int) -> str:
    """The file name (without suffix) of a rendered report: <机关名称><年度>年政府信息公开工作年度报告."""
    suffix = f"{year}年政府信息公开工作年度报告"
    agency = _UNSAFE_NAME.sub("_", agency).strip(" .")
    while len((agency + suffix).encode("utf-8")) > 200:  # a file name holds 255 bytes; leave room for .docx
        agency = agency[:-1]
    return agency + suffix


Source = str | os.PathLike[str] | IO[bytes]
"""Where a report is read from: a path, or a binary stream (an upload, say)."""


_OS_ERRORS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EROFS: "磁盘只读",
}


def describe_os_error(exc: OSError) -> str:
    """An operating-system error as a clerk reads it: 无法读写文件：<file>：<reason>."""
    where = f"{exc.filename}：" if exc.filename else ""
    return f"无法读写文件：{where}{_OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))}"


def source_name(source: Source) -> str:
    """How messages name an input: its path, or a stream's name."""
    if hasattr(source, "read"):
        return str(getattr(source, "name", "") or "（上传的数据）")
    return str(source)


def read_input(path: Source, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file or stream, refusing a missing, unreadable or oversized one."""
    if not isinstance(path, str | os.PathLike):
        data = path.read(limit + 1)
        if not isinstance(data, bytes):
            raise TypeError("需要以二进制方式打开的数据流（open(..., 'rb') 或 io.BytesIO）")
        if len(data) > limit:
            raise ReportError.single(source_name(path), "", f"数据过大，上限为 {limit // 1048576} MB")
        return data
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ReportError.single(str(p), "", "这是一个文件夹，不是报告文件")
        if size > limit:
            raise ReportError.single(
                str(p), "", f"文件过大（{size / 1048576:.1f} MB），上限为 {limit // 1048576} MB"
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise ReportError.single(str(p), "", "文件不存在") from None
    except PermissionError:
        raise ReportError.single(str(p), "", "没有读取此文件的权限") from None
    except OSError as exc:
        raise ReportError.single(str(p), "", f"无法读取文件：{exc.strerror or exc}") from None


def decode_text(data: bytes, source: str) -> str:
    """Text of a data file: UTF-8 (with or without BOM), else GB18030 as saved by Chinese Windows."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError.single(source, "", "文件编码无法识别，请另存为 UTF-8 编码")


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike[str], overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest``.

    On any failure the temporary file is removed and ``dest`` is untouched.
    """
    target = Path(dest)
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if not overwrite and target.exists():
            raise FileExistsError(str(target))
        os.chmod(tmp_path, _file_mode())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def write_bytes(dest: Dest, data: bytes) -> None:
    """Write ``data`` to ``dest``: a path is replaced atomically, a binary stream written as it is."""
    if isinstance(dest, str | os.PathLike):
        with atomic_path(dest) as tmp:
            tmp.write_bytes(data)
    else:
        dest.write(data)


def write_text(dest: Dest, text: str) -> None:
    write_bytes(dest, text.encode("utf-8"))
