"""Live burn progress: phase, one bar, the latest message, Cancel, and the final result."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.ui import tokens

BAR_STEPS = 1000
PHASES = {
    "preparing": "Preparing the tracks",
    "writing": "Writing",
    "fixating": "Finishing the disc",
    "done": "Done",
}
RESULTS = {"ok": "Finished", "failed": "Failed", "cancelled": "Cancelled"}


class BurnProgressPanel(QWidget):
    """Hidden until a burn starts; `cancel_requested` when the user presses Cancel."""

    cancel_requested = Signal()
    show_files_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.phase = QLabel()
        bold = QFont(self.phase.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.phase.setFont(bold)
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.files_button = QPushButton("Show files")
        self.files_button.clicked.connect(self.show_files_requested)
        self.files_button.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.files_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.phase)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.result: str | None = None
        self.hide()

    def start(self, text: str = "Starting…") -> None:
        self.result = None
        self.phase.setText(text)
        self.phase.setStyleSheet("")
        self.bar.setValue(0)
        self.bar.show()
        self.message.clear()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.files_button.hide()
        self.show()

    def update_progress(self, phase: str, fraction: float, message: str) -> None:
        if self.result is not None:
            return
        self.phase.setText(PHASES.get(phase, phase.capitalize()))
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * BAR_STEPS))
        self.message.setText(message)

    def cancelling(self, text: str) -> None:
        self.cancel_button.setEnabled(False)
        self.message.setText(text)

    def finish(self, result: str, message: str, has_files: bool = False) -> None:
        self.result = result
        c = tokens.colours()
        colour = c.success if result == "ok" else c.error_text
        self.phase.setText(RESULTS.get(result, result))
        self.phase.setStyleSheet(f"color: {colour};")
        if result == "ok":
            self.bar.setValue(BAR_STEPS)
        self.message.setText(message)
        self.cancel_button.hide()
        self.files_button.setVisible(has_files)
        self.show()
