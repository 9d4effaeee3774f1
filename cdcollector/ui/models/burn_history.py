"""Table model of past burns and images: when, which playlist, how, and how it ended."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from cdcollector.ui import tokens
from cdcollector.ui.models.base_table import RowTableModel

COLUMNS = ("Date", "Playlist", "Tracks", "Written with", "Result", "Where")
DATE, PLAYLIST, TRACKS, BACKEND, RESULT, WHERE = range(len(COLUMNS))
RESULTS = {"ok": "Done", "failed": "Failed", "cancelled": "Cancelled", "running": "Running",
           "interrupted": "Interrupted"}


class BurnHistoryModel(RowTableModel):
    """Rows are BurnRecord values (services.burn_records), newest first."""

    columns = COLUMNS

    def __init__(self, records=(), parent: QObject | None = None):
        super().__init__(parent)
        self._rows = list(records)

    def set_records(self, records) -> None:
        self.set_rows(records)

    def record_at(self, row: int):
        return self.row_at(row)

    def _cell(self, record, column: int, role: int):
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
