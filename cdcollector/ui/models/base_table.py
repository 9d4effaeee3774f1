"""Shared base of the flat table models: rows kept in a list, headers from a tuple of titles."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ROOT = QModelIndex()  # the invalid parent index of a flat table
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """One row per item of `_rows`, one column per title in `columns`.

    Subclasses answer `_cell(item, column, role)` for valid cells; `_header(section, role)`
    adds header roles beyond the title; `cell_flags`, when set, replaces Qt's default flags of
    a valid cell. Models that update rows in place override `set_rows` and keep `_rows` in step.
    """

    columns: tuple[str, ...] = ()
    cell_flags: Qt.ItemFlag | None = None

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: Iterable) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_reset()
        self.endResetModel()

    def _rows_reset(self) -> None:
        """Per-row state kept beside `_rows` is rebuilt here, inside the reset."""

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return self._header(section, role)

    def _header(self, section: int, role: int):
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.cell_flags is None or not index.isValid():
            return super().flags(index)
        return self.cell_flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._cell(self._rows[index.row()], index.column(), role)

    def _cell(self, item, column: int, role: int):
        raise NotImplementedError
