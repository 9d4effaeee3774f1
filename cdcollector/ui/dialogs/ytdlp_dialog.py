"""Help → Update yt-dlp…: which yt-dlp runs, install the newest one, or roll back."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui.background import BackgroundCalls


class _ProgressRelay(QObject):
    """Emitted on the updater's thread, delivered on the UI thread (a queued connection)."""

    changed = Signal(str, float)


class YtdlpUpdateDialog(QDialog):
    """Kept by the main window: closing it lets a running update finish and report back."""

    def __init__(self, service, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Update yt-dlp")
        self.service = service
        self.calls = BackgroundCalls(self)
        self.status_label = QLabel("Reading which yt-dlp is in use…")
        self.status_label.setWordWrap(True)
        note = QLabel("An update is downloaded from the Python Package Index and used from the "
                      "next start of CD-Collector; downloads running now are not affected.")
        note.setWordWrap(True)
        self.progress = QProgressBar(minimum=0, maximum=100)
        self.progress.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.update_button = QPushButton("Update now")
        self.update_button.clicked.connect(self.start_update)
        self.rollback_button = QPushButton("Roll back")
        self.rollback_button.setEnabled(False)
        self.rollback_button.clicked.connect(self.start_rollback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.update_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.rollback_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.status_label, note, self.progress, self.result_label, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)
        self._relay = _ProgressRelay(self)
        self._relay.changed.connect(self._show_progress)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self.calls.is_busy("change")

    def refresh(self) -> None:
        self.calls.run(self.service.summary, self._show_summary, self._show_result,
                       channel="status")

    def _show_summary(self, summary) -> None:
        self.status_label.setText("\n".join(summary.lines))
        self.rollback_button.setEnabled(summary.can_roll_back and not self.busy)

    def start_update(self) -> None:
        emit = self._relay.changed.emit
        self._start(lambda: self.service.update(emit), "Asking the package index…")

    def start_rollback(self) -> None:
        self._start(self.service.rollback, "Rolling back…")

    def _start(self, work, text: str) -> None:
        if self.busy:
            return
        self.update_button.setEnabled(False)
        self.rollback_button.setEnabled(False)
        self.result_label.hide()
        self._show_progress(text, 0.0)
        self.calls.run(work, self._finished, self._finished, channel="change")

    def _show_progress(self, text: str, fraction: float) -> None:
        self.progress.setFormat(f"{text} %p%")
        self.progress.setValue(round(fraction * 100))
        self.progress.show()

    def _finished(self, outcome: str | CollectorError) -> None:
        self.progress.hide()
        self.update_button.setEnabled(True)
        self._show_result(outcome)
        self.refresh()

    def _show_result(self, outcome: str | CollectorError) -> None:
        self.result_label.setText(str(outcome))
        self.result_label.show()
