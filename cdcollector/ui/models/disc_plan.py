"""Table model of a multi-disc plan: one row per disc with its tracks and length."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from cdcollector.burning import redbook
from cdcollector.ui.models.base_table import RowTableModel

COLUMNS = ("Disc", "Tracks", "Length", "Playlist tracks", "From … to")
DISC, TRACKS, LENGTH, SPAN, TITLES = range(len(COLUMNS))


class DiscPlanModel(RowTableModel):
    """Rows are the planner's PlannedDisc values, in order."""

    columns = COLUMNS

    def __init__(self, discs=(), parent: QObject | None = None):
        super().__init__(parent)
        self._rows = list(discs)

    def set_discs(self, discs) -> None:
        self.set_rows(discs)

    def disc_at(self, row: int):
        return self.row_at(row)

    def _cell(self, disc, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(disc, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{n}. {t.title}" for n, t in enumerate(disc.tracks, 1))
        return None

    @staticmethod
    def _display(disc, column: int) -> str:
        count = len(disc.tracks)
        if column == DISC:
            return f"Disc {disc.number}"
        if column == TRACKS:
            return str(count)
        if column == LENGTH:
            return redbook.format_duration(disc.used_sectors)
        if column == SPAN:
            return f"{disc.first_index + 1}–{disc.first_index + count}"
        first, last = disc.tracks[0].title, disc.tracks[-1].title
        return first if count == 1 else f"{first} … {last}"
