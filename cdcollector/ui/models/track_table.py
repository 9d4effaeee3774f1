"""Table model over local library search results, loaded a page at a time as the view scrolls."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import TrackRow
from cdcollector.ui import mime, tokens
from cdcollector.ui.models.base_table import ROOT, RowTableModel

log = logging.getLogger(__name__)

COLUMNS = ("Title", "Artist", "Album", "Time", "Format")
TITLE, ARTIST, ALBUM, DURATION, FORMAT = range(len(COLUMNS))
TRACK_ROLE = Qt.ItemDataRole.UserRole + 1  # the TrackRow of a row


class TrackTableModel(RowTableModel):
    """Rows come from `LibraryService.search(text, limit, offset)`; a new query resets them.

    The first page is loaded at once (and on every reset); the view asks for more through
    canFetchMore/fetchMore as the user scrolls. `bus.library_changed` re-runs the query.
    """

    columns = COLUMNS
    cell_flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                  | Qt.ItemFlag.ItemIsDragEnabled)

    def __init__(self, library, bus=None, page_size: int = tokens.PAGE_SIZE,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._library = library
        self._bus = bus
        self._page_size = page_size
        self._query = ""
        self._exhausted = True
        if bus is not None:
            bus.library_changed.connect(self.refresh)
        self.refresh()

    # --- queries ------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self._query = text
        self.refresh()

    def refresh(self) -> None:
        self.set_rows(self._load(0))

    def _rows_reset(self) -> None:
        self._exhausted = len(self._rows) < self._page_size

    def _load(self, offset: int) -> list[TrackRow]:
        try:
            return self._library.search(self._query, limit=self._page_size, offset=offset)
        except CollectorError as exc:
            log.warning("Library search failed: %s", exc)
            if self._bus is not None:
                self._bus.error.emit(str(exc))
            return []

    def track_at(self, row: int) -> TrackRow:
        return self._rows[row]

    # --- lazy loading -------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._load(len(self._rows))
        self._exhausted = len(page) < self._page_size
        if not page:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- model API ----------------------------------------------------------------------

    def _header(self, section: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and section == DURATION:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _cell(self, track: TrackRow, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(track, column)
        if role == TRACK_ROLE:
            return track
        if role == Qt.ItemDataRole.ToolTipRole:
            if track.file_missing:
                return f"File missing: {track.path}"
            return track.path or "Not on disk"
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and track.file_missing:
            return tokens.icon("missing-file")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DURATION:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    # --- dragging tracks to a playlist --------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [mime.TRACK_IDS]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes) -> QMimeData | None:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return mime.track_ids_mime(self._rows[r].id for r in rows) if rows else None


def _display(track: TrackRow, column: int) -> str:
    if column == TITLE:
        return track.title
    if column == ARTIST:
        return track.artist
    if column == ALBUM:
        return track.album
    if column == DURATION:
        return format_duration(track.duration_s)
    return (track.format or "").upper()
