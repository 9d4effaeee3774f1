"""After a playlist file import: what could not be found here, with "Send to downloads"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QWidget

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import TrackRef
from cdcollector.services.playlist_types import PlaylistImportResult
from cdcollector.ui import tokens
from cdcollector.ui.dialogs.table_dialog import stack
from cdcollector.ui.models.base_table import RowTableModel


class UnresolvedTracksModel(RowTableModel):
    HEADERS = ("Title", "Artist", "Album", "Time")
    columns = HEADERS

    def __init__(self, refs: list[TrackRef], parent=None):
        super().__init__(parent)
        self._rows = list(refs)

    def _cell(self, ref: TrackRef, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (ref.title, ref.artist_display, ref.album or "",
                    format_duration(ref.duration_s))[column]
        return None


class ImportResultDialog(QDialog):
    """Lists the unresolved tracks; `send_button` queues them when downloads are available."""

    def __init__(self, result: PlaylistImportResult, downloads, bus,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.downloads = downloads
        self.bus = bus
        self.setWindowTitle(f"Imported “{result.playlist.name}”")
        count = len(result.unresolved)
        found = result.playlist.track_count
        summary = QLabel(
            f"{found} {'track' if found == 1 else 'tracks'} found in your library. "
            f"{count} could not be found here"
            + (": send them to downloads to fetch them." if downloads else ".")
        )
        summary.setWordWrap(True)
        self.model = UnresolvedTracksModel(result.unresolved, self)
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.send_button = buttons.addButton("Send to downloads",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setIcon(tokens.icon("download"))
        self.send_button.setVisible(downloads is not None)
        self.send_button.clicked.connect(self.send_to_downloads)
        stack(self, summary, table, buttons, grow=table)

    def send_to_downloads(self) -> list[int]:
        """Queue the unresolved tracks; once downloaded they join the imported playlist."""
        if self.downloads is None:
            return []
        try:
            jobs = self.downloads.enqueue(self.result.unresolved,
                                          playlist_id=self.result.playlist.id)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return []
        self.bus.status_message.emit(f"Queued {len(jobs)} downloads.")
        self.send_button.setEnabled(False)
        return jobs
