"""List model of the library's playlists for a chooser: name, track count and length."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cdcollector.commands.common import format_duration
from cdcollector.domain.bounds import INT32_MAX, bounded_int
from cdcollector.domain.types import PlaylistInfo

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


def describe(info: PlaylistInfo) -> str:
    count = f"{info.track_count} track{'s' if info.track_count != 1 else ''}"
    return f"{info.name} — {count}, {format_duration(info.duration_s)}"


class PlaylistChoiceModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._infos: list[PlaylistInfo] = []

    def set_playlists(self, infos: list[PlaylistInfo]) -> None:
        """Playlists whose id Qt cannot carry (a damaged library) are not offered."""
        self.beginResetModel()
        self._infos = [info for info in infos if bounded_int(info.id, 0, INT32_MAX) is not None]
        self.endResetModel()

    def row_of(self, playlist_id: int | None) -> int:
        return next((row for row, info in enumerate(self._infos) if info.id == playlist_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._infos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._infos):
            return None
        info = self._infos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(info)
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.description or None
        if role == ID_ROLE:
            return info.id
        return None
