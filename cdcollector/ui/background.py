"""Blocking service calls on a thread pool; answers come back on the UI thread, stale ones not."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cdcollector.domain.errors import CollectorError

log = logging.getLogger(__name__)
MIN_THREADS = 8
URGENT = 1  # priority of what the user waits for (searches, pages); covers use the default 0


class _CallSignals(QObject):
    finished = Signal(int, object, object)  # call number, result, error (a CollectorError)


class _Call(QRunnable):
    def __init__(self, number: int, function: Callable[[], Any], signals: _CallSignals):
        super().__init__()
        self.setAutoDelete(True)
        self._number = number
        self._function = function
        self._signals = signals

    def run(self) -> None:
        try:
            result, error = self._function(), None
        except CollectorError as exc:
            result, error = None, exc
        except Exception as exc:  # a bug must still end the call visibly
            log.exception("Background call failed")
            result, error = None, CollectorError(f"Something went wrong: {exc}")
        try:
            self._signals.finished.emit(self._number, result, error)
        except RuntimeError:  # the receiver was deleted while the call ran
            pass


class BackgroundCalls(QObject):
    """`run(fn, on_done, on_error, channel=…)` calls `fn()` on a pool thread.

    Calls on the same channel supersede each other: only the newest call's answer is
    delivered; older answers are counted in `dropped` and thrown away. `supersede(channel)`
    invalidates what is in flight without starting anything (e.g. on a keystroke before the
    debounce fires).
    """

    delivered = Signal(int)  # call number, after its callback ran
    dropped_answer = Signal(int)  # call number of a stale answer that was thrown away

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool.globalInstance()
            # These calls wait on the network rather than compute, and a long folder import
            # may hold a thread: one thread per core would make searches queue.
            if pool.maxThreadCount() < MIN_THREADS:
                pool.setMaxThreadCount(MIN_THREADS)
        self._pool = pool
        self._numbers = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, tuple[str | None, Callable, Callable | None, _CallSignals]] = {}
        self.dropped = 0

    def run(self, function: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[CollectorError], None] | None = None,
            channel: str | None = None, priority: int = 0) -> int:
        """Queue `function`; a higher `priority` starts before queued lower ones (a search
        before cover images)."""
        number = next(self._numbers)
        if channel is not None:
            self._latest[channel] = number
        signals = _CallSignals()
        signals.finished.connect(self._finished)
        self._pending[number] = (channel, on_done, on_error, signals)
        self._pool.start(_Call(number, function, signals), priority)
        return number

    def supersede(self, channel: str) -> None:
        self._latest[channel] = next(self._numbers)

    def is_busy(self, channel: str) -> bool:
        latest = self._latest.get(channel)
        return latest is not None and latest in self._pending

    def _finished(self, number: int, result: Any, error: CollectorError | None) -> None:
        entry = self._pending.pop(number, None)
        if entry is None:
            return
        channel, on_done, on_error, _signals = entry
        if channel is not None and self._latest.get(channel) != number:
            self.dropped += 1
            self.dropped_answer.emit(number)
            return
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.info("Background call failed: %s", error)
        self.delivered.emit(number)
