"""Favourites pane (filled in by the favourites work); for now its empty state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cdcollector.ui.widgets.empty_state import EmptyState


class FavouritesPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.empty = EmptyState(
            "favourite-off", "No favourites yet",
            "Star songs, albums and artists to keep them here.",
            "Find music",
        )
        self.empty.activated.connect(lambda: self.navigate_requested.emit("discovery"))
        QVBoxLayout(self).addWidget(self.empty)
