"""Table model of one mirror's sync runs: when, status, what changed, errors and notes."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from cdcollector.services.sync_views import SyncRunView
from cdcollector.ui.models.base_table import RowTableModel

HEADERS = ("When", "Status", "Changes", "Errors and notes")
STATUS_TEXT = {
    "ok": "Updated",
    "unchanged": "Unchanged",
    "paused": "Paused",
    "failed": "Failed",
    "refused": "Refused",
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


class SyncHistoryModel(RowTableModel):
    """Newest run first (the order SyncService.history returns)."""

    columns = HEADERS

    def set_runs(self, runs: list[SyncRunView]) -> None:
        self.set_rows(runs)

    def run_at(self, row: int) -> SyncRunView:
        return self._rows[row]

    def _cell(self, run: SyncRunView, column: int, role: int):
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
