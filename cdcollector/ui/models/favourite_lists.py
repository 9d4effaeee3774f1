"""Table models of the Favourites pane: songs, albums and artists, each with a live star column.

A row whose star is switched off stays (with an empty star) until the list is re-read, so an
accidental click can be undone in place; something starred elsewhere is appended at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QMimeData,
    QObject,
    Qt,
)

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import TrackRow
from cdcollector.ui import mime
from cdcollector.ui.delegates.star_delegate import star_icon, star_tooltip
from cdcollector.ui.models.base_table import ROOT, Index, RowTableModel
from cdcollector.ui.models.file_state import file_icon, file_tooltip
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE, StarSet, star_cells_changed

log = logging.getLogger(__name__)

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the TrackRow / FavouriteAlbum / FavouriteArtist
STAR = 0  # the star is the first column of every favourites table
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _count(n: int) -> str:
    return str(n) if n else ""


# (header, text of a row, right-aligned) per column after the star
TRACK_COLUMNS: tuple[tuple[str, Callable, bool], ...] = (
    ("Title", lambda t: t.title, False),
    ("Artist", lambda t: t.artist, False),
    ("Album", lambda t: t.album, False),
    ("Time", lambda t: format_duration(t.duration_s), True),
    ("", lambda t: "", False),  # missing-file icon
)
ALBUM_COLUMNS = (
    ("Title", lambda a: a.title, False),
    ("Artist", lambda a: a.artist, False),
    ("Year", lambda a: str(a.year or ""), True),
    ("Tracks here", lambda a: _count(a.track_count), True),
)
ARTIST_COLUMNS = (
    ("Name", lambda a: a.name, False),
    ("Tracks here", lambda a: _count(a.track_count), True),
)


class FavouriteListModel(RowTableModel):
    """Favourites of one kind, filtered; `load(filter)` is the service's list call."""

    def __init__(self, services, kind: str, columns: Sequence[tuple[str, Callable, bool]],
                 load: Callable[[str], list], parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self._columns = tuple(columns)
        self.columns = ("★", *(title for title, _, _ in self._columns))
        self._load = load
        self._bus = services.bus
        self._filter = ""
        self._stars = StarSet(services.favourites, kind, services.bus, self._star_changed)
        self.refresh()

    # --- content ------------------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.refresh()

    def refresh(self) -> None:
        rows = self._fetch()
        self._stars.reload()
        self.set_rows(rows)

    def _fetch(self) -> list:
        try:
            return list(self._load(self._filter))
        except CollectorError as exc:
            log.warning("Favourites unavailable: %s", exc)
            self._bus.error.emit(str(exc))
            return []

    def item_at(self, row: int):
        return self._rows[row]

    def items(self) -> list:
        return list(self._rows)

    def starred_count(self) -> int:
        return sum(1 for item in self._rows if item.id in self._stars)

    def _star_changed(self, item_id: int) -> None:
        rows = [r for r, item in enumerate(self._rows) if item.id == item_id]
        if rows:
            star_cells_changed(self, rows, STAR)
        elif item_id in self._stars:
            self._append_new(item_id)

    def _append_new(self, item_id: int) -> None:
        """Something was starred elsewhere: add its row (if it passes the filter)."""
        found = [item for item in self._fetch() if item.id == item_id]
        if not found:
            return
        end = len(self._rows)
        self.beginInsertRows(ROOT, end, end)
        self._rows.append(found[0])
        self.endInsertRows()

    # --- model API ----------------------------------------------------------------------

    def _header(self, section: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and section and self._columns[section - 1][2]:
            return _RIGHT
        return None

    def _cell(self, item, column: int, role: int):
        on = item.id in self._stars
        if role == STAR_ROLE:
            return on
        if role == FAVOURITE_KEY_ROLE:
            return (self.kind, item.id)
        if role == ITEM_ROLE:
            return item
        if column == STAR:
            if role == Qt.ItemDataRole.DecorationRole:
                return star_icon(on)
            if role == Qt.ItemDataRole.ToolTipRole:
                return star_tooltip(on)
            return None
        header, text, right = self._columns[column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return _RIGHT
        if isinstance(item, TrackRow):
            return _track_extra(item, header, role)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.kind == "track":
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # --- dragging songs to a playlist ---------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [mime.TRACK_IDS] if self.kind == "track" else []

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData | None:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if self.kind != "track" or not rows:
            return None
        return mime.track_ids_mime(self._rows[r].id for r in rows)


def _track_extra(track: TrackRow, header: str, role: int):
    if role == Qt.ItemDataRole.DecorationRole and header == "":
        return file_icon(track)
    if role == Qt.ItemDataRole.ToolTipRole:
        return file_tooltip(track)
    return None


def favourite_models(services, parent: QObject | None = None
                     ) -> tuple[FavouriteListModel, FavouriteListModel, FavouriteListModel]:
    """Songs, albums and artists, in tab order."""
    fav = services.favourites
    return (
        FavouriteListModel(services, "track", TRACK_COLUMNS, fav.tracks, parent),
        FavouriteListModel(services, "album", ALBUM_COLUMNS, fav.albums, parent),
        FavouriteListModel(services, "artist", ARTIST_COLUMNS, fav.artists, parent),
    )

