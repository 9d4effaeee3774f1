"""The library's backups as a table: when each was made, its schema and its size."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cdcollector.domain.types import LibraryBackup
from cdcollector.ui.models.base_table import RowTableModel


class BackupTableModel(RowTableModel):
    columns = ("Made", "Schema", "Size")

    def _cell(self, item: LibraryBackup, column: int, role: int):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return item.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == 1:
            return item.schema or "unreadable"
        return f"{item.size / 1_000_000:.1f} MB"
