"""List model of all playlists: rename inline, read-only mirrors marked, drop tracks onto one."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import PlaylistInfo
from cdcollector.ui import mime, tokens

log = logging.getLogger(__name__)

INFO_ROLE = Qt.ItemDataRole.UserRole + 1  # the PlaylistInfo of a row
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
_ORIGINS = {"spotify": "Spotify", "youtube": "YouTube", "file": "a playlist file"}


class PlaylistListModel(QAbstractListModel):
    """Re-read on `playlists_changed`: rows are updated in place when the set of playlists is
    the same (so selection and scroll position stay), reset otherwise."""

    tracks_dropped = Signal(int, list)  # playlist id, library track ids
    files_dropped = Signal(list)  # paths of playlist files dragged in from the file manager

    def __init__(self, services, parent: QObject | None = None):
        super().__init__(parent)
        self._playlists = services.playlists
        self._bus = services.bus
        self._rows: list[PlaylistInfo] = []
        self._bus.playlists_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = self._playlists.list()
        except CollectorError as exc:
            log.warning("Playlists unavailable: %s", exc)
            rows = []
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def info_at(self, row: int) -> PlaylistInfo:
        return self._rows[row]

    def row_of(self, playlist_id: int) -> int | None:
        for row, info in enumerate(self._rows):
            if info.id == playlist_id:
                return row
        return None

    # --- model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return info.name
        if role == INFO_ROLE:
            return info
        if role == Qt.ItemDataRole.DecorationRole:
            return tokens.icon("read-only" if info.read_only else "playlist")
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(info)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Inline rename (undoable through the service)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        info = self._rows[index.row()]
        if str(value).strip() == info.name:
            return False
        try:
            self._playlists.rename(info.id, str(value))
        except CollectorError as exc:
            self._bus.error.emit(str(exc))
            return False
        return True  # the service's playlists_changed has already updated the row

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._rows[index.row()].read_only:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # --- dropping tracks onto a playlist --------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [mime.TRACK_IDS, mime.URI_LIST]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        if data is None:
            return False
        if mime.playlist_files_from(data):
            return True  # imported as new playlists, wherever they land
        if not parent.isValid() or row != -1:
            return False  # tracks go onto a playlist, never between two
        return (not self._rows[parent.row()].read_only) and bool(mime.track_ids_from(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        files = mime.playlist_files_from(data)
        if files:
            self.files_dropped.emit(files)
        else:
            self.tracks_dropped.emit(self._rows[parent.row()].id, mime.track_ids_from(data))
        return True


def describe(info: PlaylistInfo) -> str:
    """One line about a playlist: tracks, length, and where a read-only one comes from."""
    count = "1 track" if info.track_count == 1 else f"{info.track_count} tracks"
    text = f"{count}, {format_duration(info.duration_s)}"
    return f"{text} — {read_only_text(info)}" if info.read_only else text


def read_only_text(info: PlaylistInfo) -> str:
    source = _ORIGINS.get(str(info.origin), str(info.origin))
    return f"Read-only mirror of {source}: duplicate it to make changes"
