"""Folder import off the UI thread: a status-bar progress bar with Cancel, then a summary."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import ImportSummary
from cdcollector.ui import tokens
from cdcollector.ui.dialogs.import_summary import ImportSummaryDialog

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second reach the UI


class _ImportSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)


class _ImportRunnable(QRunnable):
    """Runs `ImportService.import_paths` on a pool thread; reports only through signals."""

    def __init__(self, importer, paths: list[str], token: CancelToken, signals: _ImportSignals):
        super().__init__()
        self.setAutoDelete(True)
        self._importer = importer
        self._paths = paths
        self._token = token
        self._signals = signals
        self._last = 0.0

    def _progress(self, done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if done < total and now - self._last < PROGRESS_INTERVAL_S:
            return
        self._last = now
        self._signals.progress.emit(done, total, path)

    def run(self) -> None:
        try:
            summary = self._importer.import_paths(
                self._paths, progress=self._progress, cancel=self._token
            )
        except CollectorError as exc:
            self._signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must still end the import visibly, not hang the bar
            log.exception("Import failed")
            self._signals.failed.emit(f"Import failed: {exc}")
        else:
            self._signals.finished.emit(summary)


class ImportProgress(QWidget):
    """Lives in the status bar; hidden unless an import runs. One import at a time."""

    finished = Signal(object)  # ImportSummary, after the summary dialog is shown
    failed = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.label = QLabel("Importing…")
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(tokens.SPACING)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.summary_dialog: ImportSummaryDialog | None = None
        self._token: CancelToken | None = None
        self._signals: _ImportSignals | None = None
        self.hide()

    @property
    def running(self) -> bool:
        return self._token is not None

    def start(self, paths: list[str]) -> bool:
        """Begin importing `paths` in the background; False if an import is already running."""
        if self.running:
            self.services.bus.status_message.emit("An import is already running.")
            return False
        self._token = CancelToken()
        self._signals = _ImportSignals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.label.setText("Importing…")
        self.cancel_button.setEnabled(True)
        self.show()
        runnable = _ImportRunnable(self.services.importer, list(paths), self._token, self._signals)
        QThreadPool.globalInstance().start(runnable)
        return True

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling…")

    def _on_progress(self, done: int, total: int, _path: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if not self._token or not self._token.cancelled:
            self.label.setText(f"Importing {done} of {total}")

    def _end(self) -> None:
        self._token = None
        self._signals = None
        self.hide()

    def _on_finished(self, summary: ImportSummary) -> None:
        self._end()
        self.services.bus.status_message.emit(_one_line(summary))
        self.summary_dialog = ImportSummaryDialog(summary, self.window())
        self.summary_dialog.show()
        self.finished.emit(summary)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.services.bus.error.emit(message)
        self.failed.emit(message)


def _one_line(summary: ImportSummary) -> str:
    head = "Import cancelled" if summary.cancelled else "Import finished"
    return (f"{head}: {summary.added} added, {summary.updated} updated, "
            f"{len(summary.skipped)} skipped.")
