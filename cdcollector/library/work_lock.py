"""A lock file a process holds while a job runs, so a later start can tell a live job from a
dead one: the operating system lets go of it when the process ends, however it ends."""

from __future__ import annotations

import os
from pathlib import Path


class WorkLock:
    """An exclusive lock on one file; `acquire` never waits."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":  # Windows removes no open file
            os.close(fd)
            self.path.unlink(missing_ok=True)
        else:  # gone before it is unlocked, so nobody takes a lock on a file being removed
            self.path.unlink(missing_ok=True)
            os.close(fd)


def held_elsewhere(path: Path) -> bool:
    """True while another holder (another process, or another job here) has the lock at
    `path`. A lock file whose holder is gone is removed."""
    if not path.exists():
        return False
    probe = WorkLock(path)
    try:
        if not probe.acquire():
            return True
    except OSError:  # vanished meanwhile (released), or unreadable: nobody to wait for
        return False
    probe.release()
    return False


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
