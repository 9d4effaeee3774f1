"""Table model of a multi-disc plan: one row per disc with its tracks and length."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cdcollector.burning import redbook

COLUMNS = ("Disc", "Tracks", "Length", "Playlist tracks", "From … to")
DISC, TRACKS, LENGTH, SPAN, TITLES = range(len(COLUMNS))
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class DiscPlanModel(QAbstractTableModel):
    """Rows are the planner's PlannedDisc values, in order."""

    def __init__(self, discs=(), parent: QObject | None = None):
        super().__init__(parent)
        self._discs = list(discs)

    def set_discs(self, discs) -> None:
        self.beginResetModel()
        self._discs = list(discs)
        self.endResetModel()

    def disc_at(self, row: int):
        return self._discs[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._discs)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._discs):
            return None
        disc = self._discs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(disc, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{n}. {t.title}" for n, t in enumerate(disc.tracks, 1))
        return None

    @staticmethod
    def _display(disc, column: int) -> str:
        count = len(disc.tracks)
        if column == DISC:
            return f"Disc {disc.number}"
        if column == TRACKS:
            return str(count)
        if column == LENGTH:
            return redbook.format_duration(disc.used_sectors)
        if column == SPAN:
            return f"{disc.first_index + 1}–{disc.first_index + count}"
        first, last = disc.tracks[0].title, disc.tracks[-1].title
        return first if count == 1 else f"{first} … {last}"
