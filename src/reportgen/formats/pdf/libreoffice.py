"""PDF through LibreOffice: ``soffice --headless --convert-to pdf``.

Each conversion runs with its own temporary LibreOffice profile (so parallel
runs do not clash) and a fontconfig file that maps the official faces the
document names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) to faces a Linux
machine has: Noto Serif/Sans CJK SC and, where installed, AR PL UKai CN. Without
it LibreOffice would set everything in a sans face with Japanese glyph forms.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ...errors import Problem, ReportError
from ...fileio import atomic_path

INSTALL_HINT = "未找到 LibreOffice（soffice）。请先安装：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"
TIMEOUT_SECONDS = 120
CHUNK = 200
"""Files converted per LibreOffice run by ``convert_many``."""

SERIF, SANS, KAI = "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"
ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": (SERIF,), "仿宋": (SERIF,), "FangSong": (SERIF,), "FangSong_GB2312": (SERIF,),
    "方正小标宋简体": (SERIF,), "方正小标宋_GBK": (SERIF,), "小标宋": (SERIF,),
    "宋体": (SERIF,), "SimSun": (SERIF,),
    "黑体": (SANS,), "SimHei": (SANS,),
    "楷体_GB2312": (KAI, SERIF), "楷体": (KAI, SERIF), "KaiTi": (KAI, SERIF), "KaiTi_GB2312": (KAI, SERIF),
}

HEAVY = ("方正小标宋简体", "方正小标宋_GBK", "小标宋")


def fonts_conf() -> str:
    """A fontconfig file: the system configuration, then the official faces as aliases."""
    aliases = "".join(
        f"  <alias binding=\"same\"><family>{name}</family><prefer>"
        + "".join(f"<family>{f}</family>" for f in faces)
        + "</prefer></alias>\n"
        for name, faces in ALIASES.items()
    )
    # 小标宋 is a heavy Song face: ask for the bold cut of the serif.
    heavy = "".join(
        f'  <match target="pattern"><test name="family"><string>{name}</string></test>'
        '<edit name="weight" mode="assign"><const>bold</const></edit></match>\n'
        for name in HEAVY
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"{heavy}{aliases}</fontconfig>\n"
    )


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


class PdfError(ReportError):
    """LibreOffice is missing, failed or timed out."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__([Problem("", message)], source)


_seed: Path | None = None
_seed_lock = threading.Lock()


def _seed_profile(used: Path) -> None:
    """Keep the profile of the first successful run as the seed of later ones (for this process).

    LibreOffice spends about a quarter of a second of CPU setting up a new profile; a copy of
    a used one (half a megabyte) starts at once. Each run still has its own copy: a profile
    is locked by the process using it, so parallel runs cannot share one.
    """
    global _seed
    with _seed_lock:
        if _seed is not None or not used.is_dir():
            return
        keep = Path(tempfile.mkdtemp(prefix="reportgen-lo-seed-"))
        try:
            shutil.copytree(used, keep / "profile", symlinks=True, ignore=shutil.ignore_patterns(".lock"))
        except OSError:
            shutil.rmtree(keep, ignore_errors=True)
            return
        atexit.register(shutil.rmtree, keep, True)
        _seed = keep / "profile"


def _new_profile(work: Path) -> Path:
    """The profile folder of one run: a copy of the seed when there is one."""
    profile = work / "profile"
    seed = _seed
    if seed is not None:
        try:
            shutil.copytree(seed, profile, symlinks=True)
        except OSError:
            shutil.rmtree(profile, ignore_errors=True)  # LibreOffice makes a new one
    return profile


def _run(docx: Sequence[Path], timeout: float) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    """Convert files in one LibreOffice run; returns the temporary directory and its output folder."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(INSTALL_HINT)
    tmp = tempfile.TemporaryDirectory(prefix="reportgen-pdf-")
    work = Path(tmp.name)
    (work / "fonts.conf").write_text(fonts_conf(), encoding="utf-8")
    profile = _new_profile(work)
    out_dir = work / "out"
    env = {**os.environ, "FONTCONFIG_FILE": str(work / "fonts.conf"), "HOME": str(work)}
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(out_dir), *(str(p) for p in docx)]
    try:
        result = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        tmp.cleanup()
        raise PdfError(f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）") from None
    missing = [p for p in docx if not (out_dir / (p.stem + ".pdf")).exists()]
    if result.returncode != 0 or missing:
        tmp.cleanup()
        detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:]
        names = "、".join(p.name for p in missing[:5])
        raise PdfError(f"LibreOffice 未能转换 PDF{('（' + names + '）') if names else ''}：{detail or '无输出'}")
    if _seed is None:
        _seed_profile(profile)
    return tmp, out_dir


def convert(docx: str | os.PathLike[str], dest: str | os.PathLike[str], timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert a .docx to PDF at ``dest`` (atomically); PdfError when LibreOffice fails or is missing."""
    src = Path(docx).resolve()
    tmp, out_dir = _run([src], timeout)
    with tmp:
        target = Path(dest)
        with atomic_path(target) as tmp_path:
            shutil.copyfile(out_dir / (src.stem + ".pdf"), tmp_path)
    return target


def convert_many(docx: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
                 chunk: int = CHUNK, timeout: float = TIMEOUT_SECONDS, jobs: int = 1) -> list[Path]:
    """Convert many .docx files into ``out_dir`` (each <stem>.pdf, atomically), ``chunk`` per LibreOffice run.

    ``jobs``: LibreOffice processes run at once, each with its own profile, each converting
    its share of the files (LibreOffice converts on one core per process).
    """
    sources = [Path(p).resolve() for p in docx]
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):
        raise PdfError("有同名的 Word 文件，无法一次转换到同一文件夹")
    jobs = max(1, min(jobs, len(sources)))
    size = min(chunk, -(-len(sources) // jobs)) if sources else chunk
    parts = [sources[i:i + size] for i in range(0, len(sources), size)]
    if jobs == 1:
        return [target for part in parts for target in _convert_part(part, Path(out_dir), timeout)]
    with ThreadPoolExecutor(jobs) as pool:  # threads only wait: the work is in the soffice processes
        done = list(pool.map(lambda part: _convert_part(part, Path(out_dir), timeout), parts))
    return [target for targets in done for target in targets]


def _convert_part(part: list[Path], out_dir: Path, timeout: float) -> list[Path]:
    """One LibreOffice run over ``part``; each PDF moved into ``out_dir`` atomically."""
    written: list[Path] = []
    tmp, produced = _run(part, timeout * max(1, len(part) // 10))
    with tmp:
        for src in part:
            target = out_dir / (src.stem + ".pdf")
            with atomic_path(target) as tmp_path:
                shutil.copyfile(produced / (src.stem + ".pdf"), tmp_path)
            written.append(target)
    return written
