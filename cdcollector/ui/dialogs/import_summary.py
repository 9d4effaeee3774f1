"""The summary after a folder import: counts, and every skipped file with its reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.types import ImportSummary
from cdcollector.ui import tokens
from cdcollector.ui.models.base_table import RowTableModel


class SkippedFilesModel(RowTableModel):
    """Two columns: file name (full path as tooltip) and the reason it was skipped."""

    HEADERS = ("File", "Reason")
    columns = HEADERS

    def __init__(self, skipped: tuple[tuple[str, str], ...], parent=None):
        super().__init__(parent)
        self._rows = list(skipped)

    def _cell(self, item: tuple[str, str], column: int, role: int):
        path, reason = item
        if role == Qt.ItemDataRole.DisplayRole:
            return Path(path).name if column == 0 else reason
        if role == Qt.ItemDataRole.ToolTipRole:
            return path if column == 0 else reason
        return None


class ImportSummaryDialog(QDialog):
    def __init__(self, summary: ImportSummary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import cancelled" if summary.cancelled else "Import finished")
        self.setModal(False)
        self.resize(640, 380 if summary.skipped else 160)
        counts = (
            f"{summary.scanned} files scanned: {summary.added} added, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.moved} moved, {summary.removed} removed, "
            f"{len(summary.skipped)} skipped."
        )
        if summary.cancelled:
            counts = "The import was cancelled; what was read so far is kept. " + counts
        self.counts_label = QLabel(counts)
        self.counts_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(tokens.SPACING)
        layout.addWidget(self.counts_label)
        self.skipped_model = SkippedFilesModel(summary.skipped, self)
        if summary.skipped:
            layout.addWidget(QLabel("These files were skipped:"))
            self.skipped_view = QTableView()
            self.skipped_view.setModel(self.skipped_model)
            self.skipped_view.verticalHeader().hide()
            self.skipped_view.setWordWrap(False)
            header = self.skipped_view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            layout.addWidget(self.skipped_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
