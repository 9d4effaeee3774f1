"""Who owns a data home: a lock file that the running window holds until it exits.

Checked before anything else at start-up; it needs only QtCore, so a first launch pays
for the local server (QtNetwork) only once its window is on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_FILE_NAME = "instance.lock"


class InstanceLock:
    """Held by the one window of a data home; left behind by a killed process, it is
    recognised as stale (its process is gone) and taken over."""

    def __init__(self, data_dir: Path):
        self._lock = QLockFile(str(Path(data_dir) / LOCK_FILE_NAME))
        # Held for a whole session: never stale because of its age, only when its owner is gone.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        return self._lock.tryLock(0)

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def holder_pid(self) -> int | None:
        """The process that holds the lock, if it can be read."""
        pid, _hostname, _appname = self._lock.getLockInfo()
        return pid or None
