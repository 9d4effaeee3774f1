"""Table model over the recordings offered for one download in "Needs review"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt

from cdcollector.commands.common import format_duration
from cdcollector.services.download_views import ReviewCandidate
from cdcollector.ui.models.base_table import RowTableModel

COLUMNS = ("Title", "Channel", "Time", "Match", "Why")
TITLE, CHANNEL, TIME, SCORE, WHY = range(len(COLUMNS))
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def duration_versus(actual: float | None, expected: float | None) -> str:
    """"3:47 (+2 s)": the candidate's length and how far it is from the track's."""
    if actual is None:
        return "unknown"
    text = format_duration(actual)
    if expected is None:
        return text
    delta = round(actual - expected)
    if delta == 0:
        return f"{text} (same)"
    sign = "+" if delta > 0 else "−"
    gap = f"{abs(delta)} s" if abs(delta) < 60 else format_duration(abs(delta))
    return f"{text} ({sign}{gap})"


def explanation(candidate: ReviewCandidate, separator: str = "; ") -> str:
    """The parts of a candidate's score with their points ("title 100 (+30); …")."""
    if candidate.breakdown:
        return separator.join(p.text for p in candidate.breakdown)
    return separator.join(candidate.reasons)


class ReviewCandidateModel(RowTableModel):
    columns = COLUMNS
    cell_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def __init__(self, candidates: Sequence[ReviewCandidate], expected_s: float | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._rows = list(candidates)
        self._expected = expected_s

    def _cell(self, candidate: ReviewCandidate, column: int, role: int):
        if role == CANDIDATE_ROLE:
            return candidate
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return candidate.title
            if column == CHANNEL:
                return candidate.channel or ", ".join(candidate.artists)
            if column == TIME:
                return duration_versus(candidate.duration_s, self._expected)
            if column == SCORE:
                return f"{candidate.score:.0f}"
            return explanation(candidate)
        if role == Qt.ItemDataRole.ToolTipRole:
            return explanation(candidate, "\n") or candidate.url
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TIME, SCORE):
            return int(_RIGHT.value)
        return None

    def candidate_at(self, row: int) -> ReviewCandidate:
        return self._rows[row]
