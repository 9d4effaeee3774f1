"""Table model of the mirrors: name, source, state (last sync, pause reason) and three options."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal

from cdcollector.services.sync_views import MirrorKind, MirrorView, SyncRunView
from cdcollector.ui.models.base_table import Index, RowTableModel
from cdcollector.ui.models.sync_history import short_time

# (header, MirrorView field) of the checkable option columns, after name, source and state.
OPTIONS = (
    ("Auto-download", "auto_download"),
    ("Keep removed", "keep_removed"),
    ("Enabled", "enabled"),
)
HEADERS = ("Mirror", "From", "State", *(h for h, _ in OPTIONS))
FIRST_OPTION = 3
KIND_TEXT = {
    MirrorKind.SPOTIFY_PLAYLIST: "Spotify",
    MirrorKind.SPOTIFY_LIKED: "Spotify Liked Songs",
    MirrorKind.YOUTUBE_PLAYLIST: "YouTube",
}
OPTION_TIPS = {
    "auto_download": "Download new tracks automatically: each sync queues the tracks it "
                     "added in Downloads.",
    "keep_removed": "Keep tracks deleted on Spotify (or YouTube) in the local copy.",
    "enabled": "Include this mirror when mirrors are synced on the timer or all at once.",
}


@dataclass(frozen=True)
class MirrorRow:
    mirror: MirrorView
    last_run: SyncRunView | None
    syncing: bool = False


def is_paused(mirror: MirrorView, now: datetime | None = None) -> bool:
    until = mirror.paused_until
    if until is None:
        return False
    if until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    return until > (now or datetime.now(UTC))


def state_text(row: MirrorRow) -> str:
    """One line: syncing, paused with the reason, the last result, or never synced."""
    mirror, run = row.mirror, row.last_run
    if row.syncing:
        return "Syncing…"
    if mirror.refused_reason:
        return f"Not synced automatically: {mirror.refused_reason}"
    if is_paused(mirror):
        return f"Paused: {mirror.pause_reason or 'waiting'} Next try after " \
               f"{short_time(mirror.paused_until)}."
    if run is None:
        return "Never synced" if mirror.enabled else "Off"
    prefix = "" if mirror.enabled else "Off · "
    if run.status == "failed":
        return f"{prefix}Failed: {run.error or 'unknown error'}"
    return f"{prefix}Synced {short_time(run.finished_at or run.started_at)} · {run.summary}"


class MirrorsModel(RowTableModel):
    """Ticking an option updates the row at once and emits `option_changed` for the service."""

    option_changed = Signal(int, str, bool)  # mirror id, MirrorView field, new value
    columns = HEADERS

    def set_rows(self, rows: list[MirrorRow]) -> None:
        if [r.mirror.id for r in rows] == [r.mirror.id for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        super().set_rows(rows)

    def mirror_at(self, row: int) -> MirrorView:
        return self._rows[row].mirror

    def row_of(self, mirror_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.mirror.id == mirror_id:
                return row
        return None

    def _header(self, section: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_OPTION:
            return OPTION_TIPS[OPTIONS[section - FIRST_OPTION][1]]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= FIRST_OPTION:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _cell(self, item: MirrorRow, column: int, role: int):
        if column >= FIRST_OPTION:
            field = OPTIONS[column - FIRST_OPTION][1]
            if role == Qt.ItemDataRole.CheckStateRole:
                on = getattr(item.mirror, field)
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return OPTION_TIPS[field]
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return item.mirror.name
            if column == 1:
                return KIND_TEXT[item.mirror.kind]
            if column == 2:
                return state_text(item)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.CheckStateRole
                or index.column() < FIRST_OPTION):
            return False
        field = OPTIONS[index.column() - FIRST_OPTION][1]
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        item = self._rows[index.row()]
        if getattr(item.mirror, field) == on:
            return False
        self._rows[index.row()] = replace(item, mirror=replace(item.mirror, **{field: on}))
        self.dataChanged.emit(self.index(index.row(), 2), index)
        self.option_changed.emit(item.mirror.id, field, on)
        return True
