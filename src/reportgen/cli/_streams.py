"""Standard output that never ends the command: a closed pipe, an unencodable file name, a SIGTERM.

``reportgen check DIR | head -1`` closes stdout early: the command still runs to
its end and returns its true exit status (output after the pipe closed is
dropped). A file name that cannot be encoded is printed with escapes instead
of stopping the command. SIGTERM ends the command as Ctrl-C does, so that
temporary and staging files are removed on the way out.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any, TextIO


class _Tolerant:
    """A text stream whose writes survive the reader going away."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.closed_pipe = False

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._closed()
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._closed()

    def _closed(self) -> None:
        self.closed_pipe = True
        with contextlib.suppress(OSError, ValueError):  # later flushes (at exit) go nowhere, silently
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_interrupted = False


def _terminate(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C and SIGTERM: a KeyboardInterrupt, and a flag that stays when a library swallows the exception
    (pydantic-core turns one raised while it builds a model into its own SchemaError)."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def interrupted() -> bool:
    """Whether Ctrl-C or SIGTERM came while this command ran (long loops look between items)."""
    return _interrupted


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """While a command runs: tolerant stdout and stderr, SIGTERM as an interruption; restored after."""
    saved = {name: getattr(sys, name) for name in ("stdout", "stderr")}
    for name, stream in saved.items():
        if stream is None or isinstance(stream, _Tolerant):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors="backslashreplace")
        setattr(sys, name, _Tolerant(stream))
    global _interrupted
    _interrupted = False
    previous: dict[int, Any] = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when Ctrl-C is ignored
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, _terminate)
        previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for name, stream in saved.items():
            setattr(sys, name, stream)
