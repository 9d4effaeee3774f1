"""Lists what was burned or imaged before, and burns one of those discs again."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from cdcollector.ui.dialogs.table_dialog import row_table, stack
from cdcollector.ui.models.burn_history import PLAYLIST, BurnHistoryModel


class BurnHistoryDialog(QDialog):
    """Accepted with `chosen_id` (a burn_job id) when the user presses "Burn again"."""

    def __init__(self, records, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Burned discs")
        self.chosen_id: int | None = None
        self.note = QLabel("Burn again writes the same tracks with the same options, even if "
                           "the playlist has changed since.")
        self.note.setWordWrap(True)
        self.model = BurnHistoryModel(records, self)
        self.view = row_table(self.model, stretch=PLAYLIST)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again_button = self.buttons.addButton("Burn again",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.again_button.setEnabled(bool(records))
        self.buttons.accepted.connect(self._again)
        self.buttons.rejected.connect(self.reject)
        stack(self, self.note, self.view, self.buttons, grow=self.view)
        if records:
            self.view.selectRow(0)
        self.resize(760, 360)

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _again(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen_id = self.model.record_at(rows[0].row()).id
        self.accept()
