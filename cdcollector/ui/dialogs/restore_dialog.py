"""Restore a backup of the library: pick one, restore it off the UI thread, then restart."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.services.backups import BackupService
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.dialogs.table_dialog import row_table, stack
from cdcollector.ui.models.backups import BackupTableModel


class RestoreBackupDialog(QDialog):
    """Lists the backups (newest first); restoring keeps the current library aside."""

    restored = Signal(str)  # the backup's path

    def __init__(self, backups: BackupService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.backups = backups
        self.calls = BackgroundCalls(self)
        self.model = BackupTableModel(self)
        self.view = row_table(self.model, stretch=0)
        self.status = QLabel("Looking for backups…")
        self.status.setWordWrap(True)
        intro = QLabel("CD-Collector copies the library before each upgrade. Restoring one "
                       "replaces the library; the current one is kept beside it, and the "
                       "restored one is used after a restart.")
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        self.view.selectionModel().selectionChanged.connect(self._update_button)
        stack(self, intro, self.view, self.status, self.buttons, grow=self.view)
        self.resize(520, 320)
        self.calls.run(self.backups.list, self._show_list, self._show_error)

    def _selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    def _show_list(self, backups) -> None:
        self.model.set_rows(backups)
        if backups:
            self.view.selectRow(0)
            self.status.setText(f"{len(backups)} backup(s) in {self.backups.paths.data_dir}.")
        else:
            self.status.setText("There are no backups yet: one is made before each upgrade.")

    def _show_error(self, error: CollectorError) -> None:
        self.status.setText(str(error))
        self._update_button()

    def _restore(self) -> None:
        backup = self._selected()
        if backup is None:
            return
        self.restore_button.setEnabled(False)
        self.status.setText("Restoring…")
        self.calls.run(lambda: self.backups.restore(backup.path),
                       lambda aside: self._done(backup.path, aside), self._show_error)

    def _done(self, backup_path: str, aside: str | None) -> None:
        kept = f" The previous library is kept at {aside}." if aside else ""
        self.status.setText(f"Restored. Quit and start CD-Collector again to use it.{kept}")
        self.restored.emit(backup_path)


def show_restore(parent: QWidget, dialog: RestoreBackupDialog | None,
                 backups: BackupService) -> RestoreBackupDialog:
    """Show the parent's restore dialog, made on first use."""
    if dialog is None:
        dialog = RestoreBackupDialog(backups, parent)
    dialog.show()
    dialog.raise_()
    return dialog
