"""Checkable list of the user's Spotify playlists (Liked Songs first): ticked = mirrored.

Playlists Spotify will not give the items of (someone else's) are greyed out, with the reason
as their tooltip, unless they are mirrored already (so they can still be unticked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

if TYPE_CHECKING:  # importing the Spotify package would load spotipy into the UI layer
    from cdcollector.catalog.spotify.parse import RemotePlaylist

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
LIKED_KEY = ""  # the key of the Liked Songs row; playlists use their Spotify id


class RemotePlaylistsModel(QAbstractListModel):
    """Ticking asks for a mirror (`mirror_toggled`); the page calls the service and then
    `set_mirrored` with what is really mirrored, so a refused change snaps back."""

    mirror_toggled = Signal(str, bool)  # key (LIKED_KEY or Spotify playlist id), wanted

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._playlists: list[RemotePlaylist] = []
        self._mirrored: set[str] = set()
        self._loaded = False

    @property
    def loaded(self) -> bool:
        return self._loaded

    def set_playlists(self, playlists: list[RemotePlaylist] | None) -> None:
        """None: not connected (the list is empty, without the Liked Songs row)."""
        self.beginResetModel()
        self._playlists = list(playlists or [])
        self._loaded = playlists is not None
        self.endResetModel()

    def set_mirrored(self, keys: set[str]) -> None:
        self._mirrored = set(keys)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1),
                                  [Qt.ItemDataRole.CheckStateRole])

    def key_at(self, row: int) -> str:
        return LIKED_KEY if row == 0 else self._playlists[row - 1].id

    def playlist_for(self, key: str) -> RemotePlaylist | None:
        return next((p for p in self._playlists if p.id == key), None)

    def row_of(self, key: str) -> int | None:
        if not self._loaded:
            return None
        if key == LIKED_KEY:
            return 0
        for row, playlist in enumerate(self._playlists, start=1):
            if playlist.id == key:
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or not self._loaded:
            return 0
        return len(self._playlists) + 1

    def unreadable_reason(self, row: int) -> str | None:
        return None if row == 0 else self._playlists[row - 1].unreadable_reason

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        checkable = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        if self.unreadable_reason(index.row()) and self.key_at(index.row()) not in self._mirrored:
            return checkable
        return checkable | Qt.ItemFlag.ItemIsEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.CheckStateRole:
            wanted = self.key_at(row) in self._mirrored
            return Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if row == 0:
                return "Liked Songs"
            playlist = self._playlists[row - 1]
            noun = "track" if playlist.track_count == 1 else "tracks"
            text = f"{playlist.name} · {playlist.track_count} {noun}"
            if playlist.unreadable_reason:
                text += f" · by {playlist.owner_name or 'someone else'}, cannot be mirrored"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if row == 0:
                return "The songs you liked on Spotify, newest first."
            playlist = self._playlists[row - 1]
            if playlist.unreadable_reason:
                return playlist.unreadable_reason
            return f"By {playlist.owner_name}" if playlist.owner_name else None
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        if wanted and self.unreadable_reason(index.row()):
            return False
        key = self.key_at(index.row())
        if (key in self._mirrored) == wanted:
            return False
        self.mirror_toggled.emit(key, wanted)
        return True
