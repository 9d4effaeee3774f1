"""A full or failing disk as one sentence that names the folder, instead of an errno."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from cdcollector.domain.bounds import echo
from cdcollector.domain.errors import DiskError

_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_SQLITE_IOERR, _SQLITE_FULL = 10, 13  # primary result codes (the low byte of extended ones)
# SQLite says "disk I/O error" when it cannot grow its shared-memory file on a full disk.
_NEARLY_FULL_BYTES = 1 << 20


def disk_problem(exc: BaseException, folder: str | os.PathLike[str]) -> str | None:
    """The sentence for a full or failing disk holding `folder`; None for any other error.

    Understands OSError (ENOSPC, EDQUOT, EIO) and SQLite's errors, also wrapped by SQLAlchemy.
    """
    kind = _kind(exc)
    if kind == "io" and _free_bytes(folder) < _NEARLY_FULL_BYTES:
        kind = "full"
    if kind == "full":
        return full_disk(folder)
    if kind == "io":
        return (f"The disk holding {echo(folder)} could not read or write (an input/output "
                "error); check the disk, then try again.")
    return None


def full_disk(folder: str | os.PathLike[str]) -> str:
    return f"The disk holding {echo(folder)} is full; free some space there and try again."


def says_disk_full(text: str) -> bool:
    """A tool's own error text (ffmpeg's, in English) for a full disk."""
    return "No space left on device" in text or "Disk quota exceeded" in text


@contextmanager
def naming_the_disk(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Turn a full or failing disk inside the block into a DiskError naming `folder`."""
    try:
        yield
    except DiskError:
        raise
    except Exception as exc:
        message = disk_problem(exc, folder)
        if message is None:
            raise
        raise DiskError(message) from exc


def _kind(exc: BaseException | None) -> str | None:
    seen = 0
    while exc is not None and seen < 8:  # SQLAlchemy keeps the driver's error in `orig`
        if isinstance(exc, OSError):
            if exc.errno in _FULL_ERRNOS:
                return "full"
            if exc.errno == errno.EIO:
                return "io"
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int):
            if code & 0xFF == _SQLITE_FULL:
                return "full"
            if code & 0xFF == _SQLITE_IOERR:
                return "io"
        exc, seen = getattr(exc, "orig", None) or exc.__cause__, seen + 1
    return None


def _free_bytes(folder: str | os.PathLike[str]) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:  # cannot tell: say what SQLite said
        return _NEARLY_FULL_BYTES
