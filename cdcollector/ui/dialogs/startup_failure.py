"""The dialog shown when a start cannot open the library: what happened, the log, ways out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from cdcollector.services.backups import BackupService


class StartupFailureBox(QMessageBox):
    """Quit ends the app; the other two buttons keep the dialog open."""

    def __init__(self, message: str, log_path: Path, folder: Path, backups: BackupService,
                 on_quit: Callable[[], None], parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("CD-Collector cannot start")
        self.setText(message)
        self.setInformativeText(f"{note}The details are in the log:\n{log_path}")
        self.backups = backups
        self.folder = folder
        self.restore_dialog = None
        self.restore_button = self._action("Restore a backup…", self._open_restore)
        self.folder_button = self._action("Open data folder", self._open_folder)
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)
        self.setEscapeButton(self.quit_button)
        self.finished.connect(lambda _result: on_quit())

    def _action(self, label: str, slot: Callable[[], None]):
        button = self.addButton(label, QMessageBox.ButtonRole.ActionRole)
        # QMessageBox closes on any button; these two must leave it open.
        button.clicked.disconnect()
        button.clicked.connect(slot)
        return button

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def _open_restore(self) -> None:
        from cdcollector.ui.dialogs.restore_dialog import show_restore

        self.restore_dialog = show_restore(self, self.restore_dialog, self.backups)
