"""Table model over the recordings offered for one download in "Needs review"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cdcollector.commands.common import format_duration
from cdcollector.services.download_views import ReviewCandidate

COLUMNS = ("Title", "Channel", "Time", "Match", "Why")
TITLE, CHANNEL, TIME, SCORE, WHY = range(len(COLUMNS))
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
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


class ReviewCandidateModel(QAbstractTableModel):
    def __init__(self, candidates: Sequence[ReviewCandidate], expected_s: float | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._candidates = list(candidates)
        self._expected = expected_s

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._candidates)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._candidates):
            return None
        candidate, column = self._candidates[index.row()], index.column()
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
            return "; ".join(candidate.reasons)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(candidate.reasons) or candidate.url
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TIME, SCORE):
            return int(_RIGHT.value)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def candidate_at(self, row: int) -> ReviewCandidate:
        return self._candidates[row]
