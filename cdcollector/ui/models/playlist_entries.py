"""Table model of one playlist's entries: stars, missing files, drag to reorder or to add."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QMimeData,
    QObject,
    Qt,
    Signal,
)

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import PlaylistEntryRow, PlaylistInfo
from cdcollector.ui import mime
from cdcollector.ui.delegates.star_delegate import star_icon, star_tooltip
from cdcollector.ui.models.base_table import Index, RowTableModel
from cdcollector.ui.models.file_state import file_icon, file_tooltip
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE, StarSet, star_cells_changed

log = logging.getLogger(__name__)

COLUMNS = ("#", "★", "Title", "Artist", "Album", "Time", "")
NUMBER, STAR, TITLE, ARTIST, ALBUM, DURATION, MISSING = range(len(COLUMNS))
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the PlaylistEntryRow of a row
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PlaylistEntriesModel(RowTableModel):
    """The entries of the playlist set with `set_playlist`, re-read on `playlist_changed`.

    Drops: entries of this playlist are moved (PlaylistService.move_entries); library tracks
    from anywhere are announced with `tracks_dropped(ids, position)` so the pane can ask the
    duplicates question before adding them.
    """

    tracks_dropped = Signal(list, int)
    columns = COLUMNS

    def __init__(self, services, parent: QObject | None = None):
        super().__init__(parent)
        self._playlists = services.playlists
        self._bus = services.bus
        self._info: PlaylistInfo | None = None
        self._stars = StarSet(services.favourites, "track", services.bus, self._star_changed)
        self._bus.playlist_changed.connect(self._playlist_changed)
        self._bus.library_changed.connect(self.reload)  # files found, moved or downloaded

    # --- content ------------------------------------------------------------------------

    @property
    def playlist(self) -> PlaylistInfo | None:
        return self._info

    @property
    def playlist_id(self) -> int | None:
        return self._info.id if self._info else None

    @property
    def read_only(self) -> bool:
        return self._info is None or self._info.read_only

    def set_playlist(self, playlist_id: int | None) -> None:
        info, rows = None, []
        if playlist_id is not None:
            try:
                info = self._playlists.get(playlist_id)
                rows = self._playlists.entries(playlist_id)
            except CollectorError as exc:
                log.info("Playlist %s unavailable: %s", playlist_id, exc)
                info, rows = None, []
        self.beginResetModel()
        self._info, self._rows = info, rows
        self.endResetModel()

    def reload(self) -> None:
        self.set_playlist(self.playlist_id)

    def _playlist_changed(self, playlist_id: int) -> None:
        if playlist_id == self.playlist_id:
            self.reload()

    def _star_changed(self, track_id: int) -> None:
        rows = [r for r, entry in enumerate(self._rows) if entry.track.id == track_id]
        star_cells_changed(self, rows, STAR)

    def entry_at(self, row: int) -> PlaylistEntryRow:
        return self._rows[row]

    def row_of_entry(self, entry_id: int) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.entry_id == entry_id:
                return row
        return None

    # --- model API ----------------------------------------------------------------------

    def _header(self, section: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and section == STAR:
            return "Favourite"
        if role == Qt.ItemDataRole.ToolTipRole and section == MISSING:
            return "File missing"
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (NUMBER, DURATION):
            return _RIGHT
        return None

    def _cell(self, entry: PlaylistEntryRow, column: int, role: int):
        track = entry.track
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(entry, column)
        if role == ENTRY_ROLE:
            return entry
        if role == STAR_ROLE:
            return track.id in self._stars
        if role == FAVOURITE_KEY_ROLE:
            return ("track", track.id)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STAR:
                return star_icon(track.id in self._stars)
            return file_icon(track) if column == MISSING else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STAR:
                return star_tooltip(track.id in self._stars)
            return file_tooltip(track)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, DURATION):
            return _RIGHT
        return None

    # --- drag and drop ------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        editable = not self.read_only
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if editable else Qt.ItemFlag.NoItemFlags
        # Items themselves are not drop targets: a drop lands between rows.
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [mime.PLAYLIST_ENTRIES, mime.TRACK_IDS]

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData | None:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if self._info is None or not rows:
            return None
        chosen = [self._rows[r] for r in rows]
        return mime.entries_mime(self._info.id, [e.entry_id for e in chosen],
                                 [e.track.id for e in chosen])

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        if self.read_only or data is None:
            return False
        moving = mime.entries_from(data)
        if moving is not None and moving[0] == self.playlist_id:
            return True
        return bool(mime.track_ids_from(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        position = self._drop_position(row, parent)
        moving = mime.entries_from(data)
        if moving is not None and moving[0] == self.playlist_id:
            try:
                self._playlists.move_entries(self.playlist_id, moving[1], position)
            except CollectorError as exc:
                self._bus.error.emit(str(exc))
                return False
            # The view may then call removeRows for the dragged rows: the default refuses,
            # which is right, as the service has already moved them.
            return True
        self.tracks_dropped.emit(mime.track_ids_from(data), position)
        return True

    def _drop_position(self, row: int, parent: Index) -> int:
        if row >= 0:
            return row
        if parent.isValid():  # dropped onto a row: before it
            return parent.row()
        return len(self._rows)


def _display(entry: PlaylistEntryRow, column: int) -> str:
    track = entry.track
    if column == NUMBER:
        return str(entry.position + 1)
    if column == TITLE:
        return track.title
    if column == ARTIST:
        return track.artist
    if column == ALBUM:
        return track.album
    if column == DURATION:
        return format_duration(track.duration_s)
    return ""
