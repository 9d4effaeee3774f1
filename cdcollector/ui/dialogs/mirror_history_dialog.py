"""Sync history of one mirror: every run with when, status, +n −n moved n and errors/notes."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.services.sync_views import MirrorView
from cdcollector.ui import tokens
from cdcollector.ui.dialogs.table_dialog import row_table, stack
from cdcollector.ui.models.sync_history import SyncHistoryModel

HISTORY_LIMIT = 200


def mirror_of_playlist(sync, playlist_id: int) -> MirrorView | None:
    """The mirror that keeps this local playlist, if any (for a read-only playlist's menu)."""
    return next((m for m in sync.mirrors() if m.playlist_id == playlist_id), None)


class MirrorHistoryDialog(QDialog):
    """Follows `sync_finished` on the bus, so a sync started elsewhere shows up here."""

    def __init__(self, services, mirror_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.sync = services.sync
        self.mirror_id = mirror_id
        self.setWindowTitle("Sync history")
        self.resize(tokens.DEFAULT_WINDOW_SIZE.width() * 2 // 3,
                    tokens.DEFAULT_WINDOW_SIZE.height() // 2)
        self.heading = QLabel()
        self.heading.setFont(tokens.headline_font())
        self.empty_label = QLabel("Not synced yet.")
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.model = SyncHistoryModel(self)
        self.table = row_table(self.model, single=False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        stack(self, self.heading, self.empty_label, self.table, buttons, grow=self.table)
        services.bus.sync_finished.connect(self._on_sync_finished)
        self.refresh()

    def _on_sync_finished(self, source_id: int) -> None:
        if source_id == self.mirror_id:
            self.refresh()

    def refresh(self) -> None:
        try:
            mirror = self.sync.mirror(self.mirror_id)
            runs = self.sync.history(self.mirror_id, limit=HISTORY_LIMIT)
        except CollectorError as exc:  # the mirror was removed meanwhile
            self.heading.setText(str(exc))
            self.model.set_runs([])
            return
        self.setWindowTitle(f"Sync history — {mirror.name}")
        self.heading.setText(mirror.name)
        self.model.set_runs(runs)
        self.empty_label.setVisible(not runs)
