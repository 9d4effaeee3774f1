"""Table model of past burns and images: when, which playlist, how, and how it ended."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cdcollector.ui import tokens

COLUMNS = ("Date", "Playlist", "Tracks", "Written with", "Result", "Where")
DATE, PLAYLIST, TRACKS, BACKEND, RESULT, WHERE = range(len(COLUMNS))
RESULTS = {"ok": "Done", "failed": "Failed", "cancelled": "Cancelled", "running": "Running"}
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class BurnHistoryModel(QAbstractTableModel):
    """Rows are BurnRecord values (services.burn_records), newest first."""

    def __init__(self, records=(), parent: QObject | None = None):
        super().__init__(parent)
        self._records = list(records)

    def set_records(self, records) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record_at(self, row: int):
        return self._records[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record, column = self._records[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{n}. {title}" for n, title in enumerate(record.titles, 1)]
            if record.error:
                lines.insert(0, record.error)
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT:
            c = tokens.colours()
            return QColor(c.success if record.result == "ok" else c.error_text
                          if record.result == "failed" else c.text)
        return None

    @staticmethod
    def _display(record, column: int) -> str:
        if column == DATE:
            return record.started_at.strftime("%Y-%m-%d %H:%M")
        if column == PLAYLIST:
            return record.playlist_name
        if column == TRACKS:
            return str(record.track_count)
        if column == BACKEND:
            return record.backend
        if column == RESULT:
            return RESULTS.get(record.result, record.result)
        return record.output_path or record.device or ""
