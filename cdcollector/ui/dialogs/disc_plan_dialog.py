"""Shows the planner's multi-disc plan for a too-long playlist and lets the user burn disc N."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from cdcollector.burning import redbook
from cdcollector.ui.dialogs.table_dialog import row_table, stack
from cdcollector.ui.models.disc_plan import DiscPlanModel


class DiscPlanDialog(QDialog):
    """Accepted with `chosen_disc` set (1-based) when the user presses "Burn disc N"."""

    def __init__(self, name: str, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Burn on several discs")
        self.plan = plan
        self.chosen_disc: int | None = None
        count = len(plan.discs)
        self.heading = QLabel(
            f"“{name}” does not fit on one disc of "
            f"{redbook.format_duration(plan.capacity_sectors)}. It fits on {count} discs, "
            "in playlist order, with albums kept together where possible. Burn one disc, then "
            "come back for the next.")
        self.heading.setWordWrap(True)
        self.model = DiscPlanModel(plan.discs, self)
        self.view = row_table(self.model)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.burn_button = self.buttons.addButton("Burn disc 1",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._burn)
        self.buttons.rejected.connect(self.reject)
        stack(self, self.heading, self.view, self.buttons, grow=self.view)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        if count:
            self.view.selectRow(0)
        self.resize(640, 320)

    def select_disc(self, number: int) -> None:
        self.view.selectRow(number - 1)

    def selected_disc(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return self.model.disc_at(rows[0].row()).number if rows else 1

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.burn_button.setText(f"Burn disc {self.model.disc_at(current.row()).number}")

    def _burn(self) -> None:
        self.chosen_disc = self.selected_disc()
        self.accept()
