"""Playlists pane (its editor arrives with the playlists work); for now its empty state."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QVBoxLayout, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.ui.widgets.empty_state import EmptyState


class PlaylistsPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.empty = EmptyState(
            "playlist", "No playlists yet",
            "Create a playlist, then add songs to it from Discovery or Favourites.",
            "New playlist",
        )
        available = importlib.util.find_spec("cdcollector.services.playlists") is not None
        self.empty.button.setEnabled(available)
        if not available:
            self.empty.button.setToolTip("Playlist editing is not part of this build yet.")
        self.empty.activated.connect(self.new_playlist)
        QVBoxLayout(self).addWidget(self.empty)

    def new_playlist(self) -> None:
        name, ok = QInputDialog.getText(self, "New playlist", "Name:")
        if not ok or not name.strip():
            return
        try:
            self.services.playlists.create(name.strip())
        except CollectorError as exc:
            self.services.bus.error.emit(str(exc))
