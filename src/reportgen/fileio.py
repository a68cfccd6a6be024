"""Reading input bytes safely and writing output atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
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
    errno.EEXIST: "文件已存在",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件过大",
    errno.EIO: "磁盘读写出错",
    errno.ELOOP: "符号链接层数过多（可能指向自身）",
    errno.EMFILE: "同时打开的文件过多",
    errno.EPIPE: "输出已被关闭",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EPERM: "没有权限",
    errno.EINVAL: "文件名或参数无效",
}


def describe_os_error(exc: OSError) -> str:
    """An operating-system error as a clerk reads it: 无法读写文件：<file>：<reason>.

    Never the operating system's English: an error number missing from the
    table is given by its number.
    """
    where = f"{exc.filename}：" if exc.filename else ""
    return f"无法读写文件：{where}{os_reason(exc)}"


def os_reason(exc: OSError) -> str:
    """The reason of an operating-system error, in Chinese."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    return f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误"


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
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReportError.single(str(p), "", "这是一个文件夹，不是报告文件")
        if not stat.S_ISREG(info.st_mode):  # a FIFO, a device (/dev/zero), a socket: would block or never end
            raise ReportError.single(str(p), "", "这不是普通文件（可能是管道、设备或套接字），不能作为报告文件读取")
        if info.st_size > limit:
            raise ReportError.single(str(p), "", _too_big(info.st_size, limit))
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between stat and open
                raise ReportError.single(str(p), "", "这不是普通文件（可能是管道、设备或套接字），不能作为报告文件读取")
            data = fh.read(limit + 1)  # the cap holds while reading, even if the file grows
        if len(data) > limit:
            raise ReportError.single(str(p), "", f"文件过大，上限为 {limit // 1048576} MB")
        return data
    except FileNotFoundError:
        raise ReportError.single(str(p), "", "文件不存在") from None
    except PermissionError:
        raise ReportError.single(str(p), "", "没有读取此文件的权限") from None
    except OSError as exc:
        raise ReportError.single(str(p), "", f"无法读取文件：{os_reason(exc)}") from None


def _too_big(size: int, limit: int) -> str:
    return f"文件过大（{size / 1048576:.1f} MB），上限为 {limit // 1048576} MB"


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is (or links to) a regular file: what a folder walk may read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


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

    On any failure the temporary file is removed and ``dest`` is untouched; an
    error names ``dest``, never the temporary file.
    """
    target = Path(dest)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, "File exists", str(target))
    tmp_path = _temporary(target)
    try:
        with _naming(target):
            yield tmp_path
            if not overwrite and target.exists():
                raise FileExistsError(errno.EEXIST, "File exists", str(target))
            if target.is_dir():
                raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
            os.chmod(tmp_path, _file_mode())  # mkstemp makes 0600; a report is an ordinary file
            os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _temporary(target: Path) -> Path:
    with _naming(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp)


@contextlib.contextmanager
def _naming(target: Path) -> Iterator[None]:
    """OS errors inside name ``target`` (the user's file), not a temporary or staging file."""
    try:
        yield
    except OSError as exc:
        if exc.filename == str(target) or exc.errno is None:
            raise
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None


def write_all(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write several files as one: all of them, or (on any failure) none, and no file changed.

    Each is first written in full to a temporary file beside it; only then are
    they moved into place (see ``commit``). An error names the user's file.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for dest, data in files:
            target = Path(dest)
            tmp = _temporary(target)
            staged.append((tmp, target))
            with _naming(target):
                tmp.write_bytes(data)
                os.chmod(tmp, _file_mode())
        commit(staged)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def _keep(target: Path) -> Path:
    """A second name for ``target`` (a hard link where the disk allows), to restore it from."""
    backup = _temporary(target)
    try:
        backup.unlink()
        os.link(target, backup)  # the target stays in place until the new file replaces it
    except OSError:
        os.replace(target, backup)
    return backup


def commit(moves: Sequence[tuple[Path, Path]]) -> None:
    """Move finished files (each in its target's folder) into place: all, or none and no target changed.

    A target that is a folder, or a failure while moving, undoes the moves
    already made and restores the files they replaced.
    """
    for _, target in moves:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    backups: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for source, target in moves:
            with _naming(target):
                if target.is_file():
                    backups.append((_keep(target), target))
                os.replace(source, target)
            placed.append(target)
    except BaseException:
        for target in placed:
            with contextlib.suppress(OSError):
                target.unlink()
        for backup, target in backups:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        raise
    for backup, _ in backups:
        with contextlib.suppress(OSError):
            backup.unlink()


def write_bytes(dest: Dest, data: bytes) -> None:
    """Write ``data`` to ``dest``: a path is replaced atomically, a binary stream written as it is."""
    if isinstance(dest, str | os.PathLike):
        with atomic_path(dest) as tmp:
            tmp.write_bytes(data)
    else:
        dest.write(data)


def write_text(dest: Dest, text: str) -> None:
    write_bytes(dest, text.encode("utf-8"))
