"""Item models for online results: songs (with badges and stars), albums and artists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from cdcollector.commands.common import format_duration
from cdcollector.domain.types import AlbumRef, ArtistRef, TrackRef
from cdcollector.ui import tokens
from cdcollector.ui.delegates.star_delegate import star_icon, star_tooltip
from cdcollector.ui.models.base_table import RowTableModel
from cdcollector.ui.models.stars import (
    FAVOURITE_KEY_ROLE,
    STAR_ROLE,
    StarSet,
    star_cells_changed,
)

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # the TrackRef / AlbumRef / ArtistRef of a row
TRACK_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the library track id of a song, or None
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

SONG_COLUMNS = ("★", "#", "Title", "Artist", "Album", "Time", "Status")
STAR, NUMBER, TITLE, ARTIST, ALBUM, TIME, STATUS = range(len(SONG_COLUMNS))
ALBUM_COLUMNS = ("Title", "Artist", "Year", "Type")
A_TITLE, A_ARTIST, A_YEAR, A_KIND = range(len(ALBUM_COLUMNS))


class _RefTable(RowTableModel):
    """A flat table of references replaced as a whole (results arrive all at once)."""

    cell_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_items(self, items: Iterable) -> None:
        self.set_rows(items)

    def items(self) -> list:
        return list(self._rows)

    def item_at(self, row: int):
        return self._rows[row]

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)

    def _changed_column(self, column: int, rows: Iterable[int] | None = None) -> None:
        targets = range(len(self._rows)) if rows is None else list(rows)
        for row in targets:
            cell = self.index(row, column)
            self.dataChanged.emit(cell, cell)


class OnlineSongsModel(_RefTable):
    """Songs with an "in library"/"downloaded" badge and a favourite star per row.

    Stars follow `bus.favourite_changed` through a shared StarSet (see models/stars.py); a row
    whose song is not in the library yet has no FAVOURITE_KEY_ROLE, so the star delegate asks
    the view's owner to add it first.
    """

    columns = SONG_COLUMNS

    def __init__(self, favourites=None, bus=None, parent: QObject | None = None):
        super().__init__(parent)
        self._badges: list[str | None] = []
        self._track_ids: list[int | None] = []
        self.stars = StarSet(favourites, "track", bus, on_change=self._star_changed)

    def _rows_reset(self) -> None:
        self._badges = [None] * len(self._rows)
        self._track_ids = [None] * len(self._rows)

    def set_library_status(self, statuses: Sequence) -> None:
        """`statuses[i]` has `.badge` and `.track_id` for row i (DiscoveryService)."""
        if len(statuses) != len(self._rows):
            return  # an answer for rows that have been replaced since
        self._badges = [s.badge for s in statuses]
        self._track_ids = [s.track_id for s in statuses]
        self._changed_column(STATUS)
        self._changed_column(STAR)

    def _star_changed(self, track_id: int) -> None:
        star_cells_changed(self, [r for r, t in enumerate(self._track_ids) if t == track_id],
                           STAR)

    def set_track_id(self, row: int, track_id: int) -> None:
        self._track_ids[row] = track_id
        star_cells_changed(self, [row], STAR)

    def badge(self, row: int) -> str | None:
        return self._badges[row]

    def track_id(self, row: int) -> int | None:
        return self._track_ids[row]

    def is_favourite(self, row: int) -> bool:
        track_id = self._track_ids[row]
        return track_id is not None and track_id in self.stars

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        row, column = index.row(), index.column()
        track: TrackRef = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return _song_text(track, column, self._badges[row])
        if role == REF_ROLE:
            return track
        if role == TRACK_ID_ROLE:
            return self._track_ids[row]
        if column == STAR:
            return self._star_data(row, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, TIME):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _star_data(self, row: int, role: int):
        on = self.is_favourite(row)
        if role == STAR_ROLE:
            return on
        if role == FAVOURITE_KEY_ROLE:
            track_id = self._track_ids[row]
            return None if track_id is None else ("track", track_id)
        if role == Qt.ItemDataRole.DecorationRole:
            return star_icon(on)
        if role == Qt.ItemDataRole.ToolTipRole:
            return star_tooltip(on)
        return None


def _song_text(track: TrackRef, column: int, badge: str | None) -> str:
    if column == NUMBER:
        return str(track.track_number) if track.track_number else ""
    if column == TITLE:
        return track.title
    if column == ARTIST:
        return track.artist_display
    if column == ALBUM:
        return track.album or ""
    if column == TIME:
        return format_duration(track.duration_s)
    if column == STATUS:
        return badge.capitalize() if badge else ""
    return ""


class _CoverMixin:
    """Decoration images for rows, set as covers arrive (url → local file); a placeholder
    icon meanwhile when `placeholder` names one."""

    placeholder: str | None = None

    def _init_covers(self) -> None:
        self._icons: dict[str, QIcon] = {}

    def set_cover(self, url: str, path: Path) -> None:
        self._icons[url] = QIcon(str(path))
        rows = [r for r, item in enumerate(self._rows) if self._image_url(item) == url]
        self._changed_column(0, rows)

    def _cover_icon(self, item) -> QIcon | None:
        url = self._image_url(item)
        found = self._icons.get(url) if url else None
        if found is None and self.placeholder:
            return tokens.icon(self.placeholder)
        return found


class OnlineAlbumsModel(_CoverMixin, _RefTable):
    columns = ALBUM_COLUMNS
    placeholder = "playlist"

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._init_covers()

    @staticmethod
    def _image_url(album: AlbumRef) -> str | None:
        return album.cover_url

    def _cell(self, album: AlbumRef, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (album.title, album.artist_display, str(album.year or ""),
                    album.kind.capitalize())[column]
        if role == REF_ROLE:
            return album
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(p for p in (album.title, album.artist_display, str(album.year or ""),
                                          album.kind.capitalize()) if p)
        if role == Qt.ItemDataRole.DecorationRole and column == A_TITLE:
            return self._cover_icon(album)
        return None


class OnlineArtistsModel(_CoverMixin, QAbstractListModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[ArtistRef] = []
        self._init_covers()

    @staticmethod
    def _image_url(artist: ArtistRef) -> str | None:
        return artist.image_url

    def set_items(self, items: Iterable[ArtistRef]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def items(self) -> list[ArtistRef]:
        return list(self._rows)

    def item_at(self, row: int) -> ArtistRef:
        return self._rows[row]

    def _changed_column(self, _column: int, rows: Iterable[int]) -> None:
        for row in rows:
            cell = self.index(row, 0)
            self.dataChanged.emit(cell, cell)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        artist = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return artist.name
        if role == REF_ROLE:
            return artist
        if role == Qt.ItemDataRole.DecorationRole:
            return self._cover_icon(artist)
        return None
