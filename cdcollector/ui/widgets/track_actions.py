"""What a user can do with tracks found online: download, add to a playlist, star; as a menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import AlbumRef, ArtistRef, TrackRef
from cdcollector.ui import tokens

log = logging.getLogger(__name__)


def optional_service(services, name: str):
    """A service that may not be part of this build (None then): the UI hides its actions."""
    try:
        return getattr(services, name)
    except (ImportError, AttributeError) as exc:
        log.info("%s service unavailable: %s", name, exc)
        return None


def _plural(n: int, word: str = "track") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class TrackActions(QObject):
    """Runs the actions through the services and reports on the bus (status line or error)."""

    def __init__(self, services, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus

    # --- actions --------------------------------------------------------------------------

    def download(self, refs: Sequence[TrackRef], what: str | None = None) -> list[int]:
        downloads = optional_service(self.services, "downloads")
        if downloads is None or not refs:
            return []
        try:
            jobs = downloads.enqueue(list(refs))
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return []
        label = what or _plural(len(refs))
        already = len(refs) - len(jobs)
        note = f" ({already} already in the library or queue)" if already > 0 else ""
        self.bus.status_message.emit(f"Queued {_plural(len(jobs), 'download')} for {label}"
                                     f"{note}.")
        return jobs

    def add_to_playlist(self, refs: Sequence[TrackRef], playlist_id: int) -> None:
        playlists = optional_service(self.services, "playlists")
        if playlists is None:
            return
        try:
            result = playlists.add_tracks(playlist_id, list(refs), on_duplicate="skip")
            name = playlists.get(playlist_id).name
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        skipped = f" ({result.skipped} already there)" if result.skipped else ""
        self.bus.status_message.emit(f"Added {_plural(len(result.entry_ids))} to “{name}”"
                                     f"{skipped}.")

    def set_favourite(self, ref: TrackRef | AlbumRef | ArtistRef, on: bool) -> int | None:
        """Star or unstar; the item joins the library first. Returns its library id."""
        favourites = optional_service(self.services, "favourites")
        if favourites is None:
            return None
        try:
            _kind, item_id = favourites.favourite_ref(ref, on)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return None
        return item_id

    def can_star(self) -> bool:
        return optional_service(self.services, "favourites") is not None

    # --- menu -----------------------------------------------------------------------------

    def menu(self, refs: Sequence[TrackRef], parent: QWidget, starred: bool | None = None
             ) -> QMenu:
        """Download, Add to playlist ▸ (when playlists exist), and a star for one track."""
        refs = list(refs)
        menu = QMenu(parent)
        if optional_service(self.services, "downloads") is not None:
            action = menu.addAction(tokens.icon("download"), "Download")
            action.triggered.connect(lambda: self.download(refs))
        playlists = self.playlist_menu(refs, menu)
        if playlists is not None:
            menu.addMenu(playlists)
        if len(refs) == 1 and starred is not None and self.can_star():
            text = "Remove from favourites" if starred else "Add to favourites"
            action = menu.addAction(tokens.icon("favourite-on" if not starred
                                                else "favourite-off"), text)
            action.triggered.connect(lambda: self.set_favourite(refs[0], not starred))
        return menu

    def playlist_menu(self, refs: Sequence[TrackRef], parent: QWidget) -> QMenu | None:
        """"Add to playlist" with one entry per editable playlist; None without playlists."""
        playlists = optional_service(self.services, "playlists")
        if playlists is None:
            return None
        try:
            editable = [p for p in playlists.list() if not p.read_only]
        except CollectorError as exc:
            log.warning("Playlists unavailable: %s", exc)
            return None
        refs = list(refs)
        menu = QMenu("Add to playlist", parent)
        menu.setIcon(tokens.icon("playlist"))
        menu.setEnabled(bool(editable))
        for info in editable:
            action = menu.addAction(info.name)
            action.triggered.connect(lambda _=False, pid=info.id: self.add_to_playlist(refs, pid))
        return menu
