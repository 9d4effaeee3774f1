"""Table model of one mirror's sync runs: when, status, what changed, errors and notes."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cdcollector.services.sync_views import SyncRunView

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("When", "Status", "Changes", "Errors and notes")
STATUS_TEXT = {
    "ok": "Updated",
    "unchanged": "Unchanged",
    "paused": "Paused",
    "failed": "Failed",
    "running": "Running…",
}


def local_time(moment: datetime | None) -> str:
    """A stored UTC time as the user's local "YYYY-MM-DD HH:MM" ("" when unknown)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def short_time(moment: datetime | None) -> str:
    """"HH:MM" for today, the full local date and time otherwise."""
    text = local_time(moment)
    return text[-5:] if text[:10] == datetime.now().astimezone().strftime("%Y-%m-%d") else text


def changes_text(run: SyncRunView) -> str:
    return f"+{run.added} −{run.removed} moved {run.moved}" if run.status == "ok" else ""


def notes_text(run: SyncRunView) -> str:
    parts = [run.error or "", run.notes or ""]
    return "\n".join(p for p in parts if p)


class SyncHistoryModel(QAbstractTableModel):
    """Newest run first (the order SyncService.history returns)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._runs: list[SyncRunView] = []

    def set_runs(self, runs: list[SyncRunView]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    def run_at(self, row: int) -> SyncRunView:
        return self._runs[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._runs):
            return None
        run = self._runs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return local_time(run.started_at)
            if column == 1:
                return STATUS_TEXT.get(run.status, run.status)
            if column == 2:
                return changes_text(run)
            if column == 3:
                notes = notes_text(run)
                lines = notes.splitlines()
                more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
                return (lines[0] + more) if lines else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return notes_text(run) or None
        return None
