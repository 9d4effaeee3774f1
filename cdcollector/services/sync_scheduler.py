"""Runs due mirrors on a timer while the app is open, off the UI thread, one pass at a time."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer

from cdcollector.services.sync import SyncService

log = logging.getLogger(__name__)


class SyncScheduler(QObject):
    """Every `settings.sync_interval_min` minutes (0 = off) syncs the mirrors that are due."""

    def __init__(self, sync: SyncService, parent: QObject | None = None):
        super().__init__(parent)
        self.sync = sync
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_now)
        self._busy = threading.Lock()
        self._worker: threading.Thread | None = None
        self.apply_interval()

    def apply_interval(self) -> None:
        minutes = self.sync.ctx.settings.sync_interval_min
        if minutes <= 0:
            self._timer.stop()
        else:
            self._timer.start(minutes * 60_000)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def run_now(self) -> bool:
        """Start a pass in a worker thread; False when one is already running."""
        if not self._busy.acquire(blocking=False):
            return False
        self._worker = threading.Thread(target=self._pass, name="mirror-sync", daemon=True)
        self._worker.start()
        return True

    def _pass(self) -> None:
        try:
            for run in self.sync.sync_all(only_due=True):
                log.info("Mirror %s synced: %s", run.source_id, run.summary)
        except Exception:  # a broken pass must not kill the timer
            log.exception("Mirror sync pass failed")
        finally:
            self._busy.release()

    def shutdown(self, wait_s: float = 10.0) -> None:
        """Stop the timer and let a running pass finish (bounded) before the DB is closed.

        A pass still running after `wait_s` is abandoned; its transaction is atomic, so an
        interrupted sync leaves the previous playlist intact.
        """
        self._timer.stop()
        if self._worker is not None:
            self._worker.join(wait_s)
