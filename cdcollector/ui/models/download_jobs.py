"""Table model over the download queue: one row per job, updated row by row as jobs move."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from pathlib import PurePath

from PySide6.QtCore import QObject, Qt

from cdcollector.commands.common import format_duration
from cdcollector.domain.types import DownloadState
from cdcollector.services.download_views import DownloadJobView
from cdcollector.ui import tokens
from cdcollector.ui.models.base_table import ROOT, RowTableModel

COLUMNS = ("Title", "Artist", "State", "Progress", "Speed", "ETA", "Match")
TITLE, ARTIST, STATE, PROGRESS, SPEED, ETA, SCORE = range(len(COLUMNS))
JOB_ROLE = Qt.ItemDataRole.UserRole + 1  # the DownloadJobView of a row
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # 0–1 when a bar belongs in the cell, else None

# State → (words a user reads, icon token)
STATE_LABELS = {
    DownloadState.QUEUED: ("Queued", "download"),
    DownloadState.MATCHING: ("Finding recording", "search"),
    DownloadState.DOWNLOADING: ("Downloading", "downloading"),
    DownloadState.CONVERTING: ("Converting", "downloading"),
    DownloadState.TAGGING: ("Tagging", "downloading"),
    DownloadState.DONE: ("Done", "done"),
    DownloadState.FAILED: ("Failed", "failed"),
    DownloadState.NEEDS_REVIEW: ("Needs review", "needs-review"),
    DownloadState.CANCELLED: ("Cancelled", "remove"),
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_BAR_STATES = {s for s in DownloadState if s.is_active}


def format_speed(bps: float | None) -> str:
    if bps is None or bps <= 0:
        return ""
    for unit, size in (("MB/s", 1_000_000), ("kB/s", 1_000)):
        if bps >= size:
            return f"{bps / size:.1f} {unit}"
    return f"{bps:.0f} B/s"


def progress_text(job: DownloadJobView) -> str:
    """What the progress cell says: a percentage beside the bar, or why there is no bar."""
    if job.state in _BAR_STATES:
        return f"{round(job.progress * 100)} %"
    if job.state == DownloadState.DONE:
        return PurePath(job.target_path).name if job.target_path else ""
    if job.state == DownloadState.FAILED:
        return job.error or "Failed for an unknown reason"
    if job.state == DownloadState.NEEDS_REVIEW:
        return "Which recording? Double-click to choose"
    return ""


class DownloadJobModel(RowTableModel):
    """Rows are DownloadJobViews ordered by job id.

    `set_jobs` brings the table to a full list (inserting, removing and updating only the rows
    that differ); `apply` updates some jobs and drops others. Neither resets the model, so the
    selection and scroll position survive every update.
    """

    columns = COLUMNS
    cell_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids: list[int] = []

    # --- reading ------------------------------------------------------------------------

    def _cell(self, job: DownloadJobView, column: int, role: int):
        if role == JOB_ROLE:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == PROGRESS_ROLE and column == PROGRESS:
            return job.progress if job.state in _BAR_STATES else None
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return tokens.icon(STATE_LABELS[job.state][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SPEED, ETA, SCORE):
            return int(_RIGHT.value)
        return None

    def _display(self, job: DownloadJobView, column: int) -> str:
        if column == TITLE:
            return job.title
        if column == ARTIST:
            return job.artist
        if column == STATE:
            return STATE_LABELS[job.state][0]
        if column == PROGRESS:
            return progress_text(job)
        if column == SPEED:
            return format_speed(job.speed_bps)
        if column == ETA:
            return format_duration(job.eta_s)
        return "" if job.score is None else f"{job.score:.0f}"

    def _tooltip(self, job: DownloadJobView, column: int) -> str | None:
        if column == TITLE and job.album:
            return f"{job.title} — {job.album}"
        if column in (STATE, PROGRESS) and job.state == DownloadState.FAILED:
            return job.error or None
        if column in (STATE, PROGRESS) and job.state == DownloadState.DONE and job.target_path:
            return job.target_path
        if column == SCORE and job.score is not None:
            return "How sure the match is (0–100); below the review threshold you choose."
        return None

    # --- access -------------------------------------------------------------------------

    def job_at(self, row: int) -> DownloadJobView:
        return self._rows[row]

    def jobs(self) -> list[DownloadJobView]:
        return list(self._rows)

    def row_of(self, job_id: int) -> int | None:
        row = bisect_left(self._ids, job_id)
        return row if row < len(self._ids) and self._ids[row] == job_id else None

    # --- updating -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[DownloadJobView]) -> None:
        self.set_jobs(rows)

    def set_jobs(self, jobs: Iterable[DownloadJobView]) -> None:
        """Make the rows equal to `jobs`: remove the missing, update the changed, add the new."""
        wanted = {job.id: job for job in jobs}
        self._remove_ids([i for i in self._ids if i not in wanted])
        self.apply(wanted.values())

    def apply(self, jobs: Iterable[DownloadJobView], removed: Iterable[int] = ()) -> None:
        """Update (or add) these jobs and remove the `removed` ids, touching only those rows."""
        self._remove_ids(removed)
        new: list[DownloadJobView] = []
        for job in jobs:
            row = self.row_of(job.id)
            if row is None:
                new.append(job)
            elif self._rows[row] != job:
                self._rows[row] = job
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self._insert(new)

    def _remove_ids(self, ids: Iterable[int]) -> None:
        rows = sorted((r for r in map(self.row_of, set(ids)) if r is not None), reverse=True)
        while rows:  # contiguous runs, last first, so earlier rows keep their numbers
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(ROOT, first, last)
            del self._rows[first:last + 1]
            del self._ids[first:last + 1]
            self.endRemoveRows()

    def _insert(self, jobs: list[DownloadJobView]) -> None:
        runs: dict[int, list[DownloadJobView]] = {}
        for job in sorted({j.id: j for j in jobs}.values(), key=lambda j: j.id):
            runs.setdefault(bisect_left(self._ids, job.id), []).append(job)
        for position in sorted(runs, reverse=True):
            run = runs[position]
            self.beginInsertRows(ROOT, position, position + len(run) - 1)
            self._rows[position:position] = run
            self._ids[position:position] = [job.id for job in run]
            self.endInsertRows()
