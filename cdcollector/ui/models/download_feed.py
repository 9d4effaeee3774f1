"""Keeps the download table in step with the queue: signals coalesced, reads off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from cdcollector.domain.errors import CollectorError, NotFoundError
from cdcollector.ui.background import URGENT, BackgroundCalls
from cdcollector.ui.models.download_jobs import DownloadJobModel

FLUSH_INTERVAL_MS = 100  # at most ten table updates a second, however many jobs report


class DownloadJobFeed(QObject):
    """Collects `download_job_changed` ids and `downloads_changed` between flushes.

    A flush reads only what changed (the jobs by id, or the whole list after jobs were added
    or removed) on a pool thread and hands it to the model, which updates just those rows.
    One read is in flight at a time, so answers never arrive out of order.
    """

    updated = Signal()  # after a flush reached the model
    failed = Signal(str)  # a read failed (one-line message)

    def __init__(self, service, bus, model: DownloadJobModel, calls: BackgroundCalls,
                 interval_ms: int = FLUSH_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._model = model
        self._calls = calls
        self._pending: set[int] = set()
        self._full = False
        self._busy = False
        self.flushes = 0  # how many updates reached the model (for tests and diagnostics)
        self._timer = QTimer(self, singleShot=True, interval=interval_ms)
        self._timer.timeout.connect(self.flush)
        bus.download_job_changed.connect(self.job_changed)
        bus.downloads_changed.connect(self.refresh)

    @property
    def busy(self) -> bool:
        return self._busy or self._timer.isActive()

    def job_changed(self, job_id: int) -> None:
        self._pending.add(job_id)
        self._schedule()

    def refresh(self) -> None:
        """Re-read the whole list at the next flush (rows are still diffed, not reset)."""
        self._full = True
        self._schedule()

    def _schedule(self) -> None:
        if not self._busy and not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if self._busy or not (self._full or self._pending):
            return
        full, ids = self._full, sorted(self._pending)
        self._full = False
        self._pending.clear()
        self._busy = True
        self._calls.run(lambda: self._read(full, ids), self._apply, self._read_failed,
                        priority=URGENT)

    def _read(self, full: bool, ids: list[int]):
        """Runs on a pool thread."""
        if full:
            return True, self._service.list_jobs(), []
        views, gone = [], []
        for job_id in ids:
            try:
                views.append(self._service.job(job_id))
            except NotFoundError:
                gone.append(job_id)
        return False, views, gone

    def _apply(self, result) -> None:
        full, views, gone = result
        if full:
            self._model.set_jobs(views)
        else:
            self._model.apply(views, gone)
        self._done()
        self.updated.emit()

    def _read_failed(self, error: CollectorError) -> None:
        self._done()
        self.failed.emit(str(error))

    def _done(self) -> None:
        self._busy = False
        self.flushes += 1
        if self._full or self._pending:
            self._schedule()
