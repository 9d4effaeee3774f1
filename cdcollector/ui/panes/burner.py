"""Burner pane (filled in by the burner work); for now its empty state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cdcollector.ui.widgets.empty_state import EmptyState


class BurnerPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.empty = EmptyState(
            "burn", "Choose a playlist to burn",
            "Pick a playlist, or double-click a playlist file, to burn an audio CD or disc image.",
            "Choose a playlist",
        )
        self.empty.activated.connect(lambda: self.navigate_requested.emit("playlists"))
        QVBoxLayout(self).addWidget(self.empty)
