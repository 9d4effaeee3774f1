"""Downloads pane (filled in by the download engine work); for now its empty state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cdcollector.ui.widgets.empty_state import EmptyState


class DownloadsPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.empty = EmptyState(
            "download", "Nothing downloading",
            "Find music in Discovery and press Download; it is fetched, converted and tagged here.",
            "Go to Discovery",
        )
        self.empty.activated.connect(lambda: self.navigate_requested.emit("discovery"))
        QVBoxLayout(self).addWidget(self.empty)
