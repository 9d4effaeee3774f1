"""Follows one burn from start to result: off-thread start, progress, honest cancel, files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from cdcollector.domain.errors import CollectorError
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.widgets.burn_progress import BurnProgressPanel

NOTHING_WRITTEN = "Nothing has been written yet: cancelling now leaves the disc untouched."


class BurnRunner(QObject):
    """`state` is idle | starting | running; `state_changed` whenever it moves.

    `start_failed(error)` when the service refused to start (the burn never began).
    """

    state_changed = Signal(str)
    start_failed = Signal(object)

    def __init__(self, burner, bus, progress: BurnProgressPanel,
                 confirm: Callable[[str, str], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._burner = burner
        self._progress = progress
        self._confirm = confirm
        self._calls = BackgroundCalls(self)
        self.state = "idle"
        self.job = None
        self.files: tuple[Path, ...] = ()
        self._cancel_pending = False
        progress.cancel_requested.connect(self.cancel)
        progress.show_files_requested.connect(self.show_files)
        bus.burn_progress.connect(self._progress_update)
        bus.burn_finished.connect(self._finished)

    @property
    def idle(self) -> bool:
        return self.state == "idle"

    def launch(self, start: Callable[[], object], text: str) -> None:
        """`start()` runs on a pool thread: the service lists drives and probes the disc."""
        if not self.idle:
            return
        self.job, self._cancel_pending, self.files = None, False, ()
        self._progress.start(text)
        self._set_state("starting")
        self._calls.run(start, self._started, self._start_failed)

    def cancel(self) -> None:
        if self.idle:
            return
        warning = self.job.cancel_warning() if self.job is not None else NOTHING_WRITTEN
        if not self._confirm("Cancel the burn?", warning):
            return
        self._progress.cancelling("Cancelling…")
        if self.job is None:
            self._cancel_pending = True  # cancelled as soon as the job exists
        else:
            self._burner.cancel()

    def show_files(self) -> None:
        if self.files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.files[0]).parent)))

    # --- answers --------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _started(self, job) -> None:
        self.job = job
        if self.state == "starting":
            self._set_state("running")
        if self._cancel_pending:
            self._burner.cancel()

    def _start_failed(self, error: CollectorError) -> None:
        self._progress.hide()
        self._set_state("idle")
        self.start_failed.emit(error)

    def _progress_update(self, phase: str, fraction: float, message: str) -> None:
        if not self.idle:
            self._progress.update_progress(phase, fraction, message)

    def _finished(self, _job_id: int, result: str, message: str) -> None:
        if self.idle:
            return
        job = self.job or self._burner.job  # the start answer may still be on its way
        outcome = job.outcome if job is not None else None
        self.files = tuple(outcome.burn.output_files) if outcome and outcome.burn else ()
        self._progress.finish(result, message, has_files=bool(self.files))
        self._set_state("idle")
