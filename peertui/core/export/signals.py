"""SIGTERM and SIGHUP during a write unwind like SIGINT, so a temp file is never left behind.

Python turns SIGINT into KeyboardInterrupt, which runs every `finally` and `except` on its way
out; SIGTERM (a `kill`, a service stopping) and SIGHUP (a closed terminal) end the process at
once by default, leaving whatever was half-written. Inside `signals_unwind`, those two raise
`Terminated` instead; once it has unwound, the signal is delivered again with its previous
handler back, so the process still ends the way that signal ends it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_SIGNALS = tuple(
    sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if sig
)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived inside `signals_unwind` (a BaseException, as KeyboardInterrupt
    is, so that nothing catching Exception swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """Make SIGTERM and SIGHUP unwind the block (main thread only: elsewhere, and where a
    handler cannot be set, the block runs as it is and the next write sweeps up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    try:
        for sig in _SIGNALS:
            previous[sig] = signal.signal(sig, _raise)
    except (ValueError, OSError):
        pass
    try:
        yield
    except Terminated as stop:
        _restore(previous)
        os.kill(os.getpid(), stop.signum)  # ends the process, unless a handler of its own runs
        raise OSError(errno.EINTR, "interrupted") from None
    finally:
        _restore(previous)


def _restore(previous: dict[int, object]) -> None:
    for sig, handler in previous.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)  # type: ignore[arg-type]
    previous.clear()
