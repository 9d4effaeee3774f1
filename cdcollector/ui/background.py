"""Blocking service calls on a thread pool; answers come back on the UI thread, stale ones not."""

from __future__ import annotations

import functools
import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from cdcollector.domain.errors import CollectorError

log = logging.getLogger(__name__)
MIN_THREADS = 8
URGENT = 1  # priority of what the user waits for (searches, pages); covers use the default 0


class _Relay(QObject):
    """Carries answers from pool threads to the UI thread.

    One relay lives as long as the process, so a pool thread never emits on, or deletes, a
    QObject that the UI thread may be destroying (a per-call signals object died on the pool
    thread when the pool dropped its runnable: a cross-thread delete that crashed a test run).
    """

    finished = Signal(int, int, object, object)  # owner key, call number, result, error

    def __init__(self):
        super().__init__()
        self.owners: weakref.WeakValueDictionary[int, BackgroundCalls] = (
            weakref.WeakValueDictionary())
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, key: int, number: int, result: Any, error: CollectorError | None) -> None:
        owner = self.owners.get(key)
        if owner is not None and shiboken6.isValid(owner):
            owner._finished(number, result, error)


_relay: _Relay | None = None
_owner_keys = itertools.count(1)


def _the_relay() -> _Relay:
    """Created on first use, which is on the UI thread (BackgroundCalls is made there)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _call(relay: _Relay, key: int, number: int, function: Callable[[], Any]) -> None:
    """What a pool thread runs: the function, then its answer handed to the relay."""
    try:
        result, error = function(), None
    except CollectorError as exc:
        result, error = None, exc
    except Exception as exc:  # a bug must still end the call visibly
        log.exception("Background call failed")
        result, error = None, CollectorError(f"Something went wrong: {exc}")
    relay.finished.emit(key, number, result, error)


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
        self._pending: dict[int, tuple[str | None, Callable, Callable | None]] = {}
        self.dropped = 0
        self._relay = _the_relay()
        self._key = next(_owner_keys)
        self._relay.owners[self._key] = self

    def run(self, function: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[CollectorError], None] | None = None,
            channel: str | None = None, priority: int = 0) -> int:
        """Queue `function`; a higher `priority` starts before queued lower ones (a search
        before cover images)."""
        number = next(self._numbers)
        if channel is not None:
            self._latest[channel] = number
        self._pending[number] = (channel, on_done, on_error)
        self._pool.start(functools.partial(_call, self._relay, self._key, number, function),
                         priority)
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
        channel, on_done, on_error = entry
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
