"""Table model of the disc about to be burned: number, title, performer, length, gap before."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from cdcollector.burning import redbook
from cdcollector.services.burner import has_file
from cdcollector.ui import tokens
from cdcollector.ui.models.base_table import RowTableModel

COLUMNS = ("#", "Title", "Performer", "Length", "Gap before")
NUMBER, TITLE, PERFORMER, LENGTH, GAP = range(len(COLUMNS))
UNKNOWN_LENGTH = "unknown"


@dataclass(frozen=True)
class BurnRow:
    """One track as it will sit on the disc (from the plan's layout)."""

    number: int
    title: str
    performer: str
    audio_sectors: int
    pregap_sectors: int
    end_sector: int
    missing_file: bool
    length_known: bool = True  # False: no believable duration yet (the file tells, once read)


def rows_from_plan(plan) -> list[BurnRow]:
    """BurnPlan (services.burner) → rows; a track without a file on disk is marked."""
    rows = []
    for entry in plan.layout.entries:
        track = entry.track
        rows.append(BurnRow(entry.number, track.title, track.performer,
                            entry.audio_sectors, entry.pregap, entry.end,
                            not has_file(track.path),
                            track.sectors is not None or track.duration_s is not None))
    return rows


def format_gap(row: BurnRow) -> str:
    seconds = row.pregap_sectors / redbook.SECTORS_PER_SECOND
    text = "none" if not row.pregap_sectors else f"{seconds:.1f} s".replace(".0 s", " s")
    return f"{text} (lead-in)" if row.number == 1 else text


class BurnTrackModel(RowTableModel):
    """Rows are replaced as a whole when the plan changes (tracks added, removed, gaps)."""

    columns = COLUMNS

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._capacity = redbook.media_sectors(80)

    def set_rows(self, rows: list[BurnRow], capacity_sectors: int) -> None:
        self._capacity = capacity_sectors
        super().set_rows(rows)

    def clear(self) -> None:
        self.set_rows([], self._capacity)

    def _cell(self, row: BurnRow, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, LENGTH, GAP):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and row.missing_file:
            return tokens.icon("missing-file")
        if role == Qt.ItemDataRole.ForegroundRole and self._over(row):
            return QColor(tokens.colours().error_text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    def _display(self, row: BurnRow, column: int) -> str:
        if column == NUMBER:
            return str(row.number)
        if column == TITLE:
            return row.title or "Untitled"
        if column == PERFORMER:
            return row.performer
        if column == LENGTH:
            return (redbook.format_duration(row.audio_sectors) if row.length_known
                    else UNKNOWN_LENGTH)
        return format_gap(row)

    def _over(self, row: BurnRow) -> bool:
        return row.end_sector > self._capacity or row.number > redbook.MAX_TRACKS

    def _tooltip(self, row: BurnRow) -> str | None:
        notes = []
        if row.missing_file:
            notes.append("No audio file on this computer: download it before burning.")
        if self._over(row):
            notes.append("Does not fit on this disc.")
        if row.audio_sectors < redbook.MIN_TRACK_SECTORS:
            notes.append("Shorter than 4 seconds: padded with silence on the disc.")
        return "\n".join(notes) or None
