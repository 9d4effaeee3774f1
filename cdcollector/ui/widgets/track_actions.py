"""What a user can do with tracks found online: download, add to a playlist, star; as a menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import AlbumRef, ArtistRef, TrackRef
from cdcollector.ui import tokens
from cdcollector.ui.widgets.add_to_playlist_menu import PlaylistAdder, add_to_playlist_menu

log = logging.getLogger(__name__)


def has_service(services, name: str) -> bool:
    """Whether this build offers a service, without starting it (for showing its buttons)."""
    return hasattr(type(services), name)


def optional_service(services, name: str):
    """A service that is not usable now (None then): the UI hides its actions.

    Missing from this build, or refusing to start (downloads while another CD-Collector
    window or command runs the engine).
    """
    try:
        return getattr(services, name)
    except (ImportError, AttributeError, CollectorError) as exc:
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
        self._adder: PlaylistAdder | None = None

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

    def menu(self, refs: Sequence[TrackRef], parent: QWidget) -> QMenu:
        """Download and Add to playlist ▸, each only when its service is part of this build."""
        refs = list(refs)
        menu = QMenu(parent)
        if optional_service(self.services, "downloads") is not None:
            action = menu.addAction(tokens.icon("download"), "Download")
            action.triggered.connect(lambda: self.download(refs))
        playlists = self.playlist_menu(refs, menu)
        if playlists is not None:
            menu.addMenu(playlists)
        return menu

    def playlist_menu(self, refs: Sequence[TrackRef], parent: QWidget) -> QMenu | None:
        """The shared "Add to playlist ▸" menu (None when there are no playlists here)."""
        if optional_service(self.services, "playlists") is None:
            return None
        if self._adder is None:  # it asks about duplicates over the widget that owns us
            owner = self.parent()
            self._adder = PlaylistAdder(self.services,
                                        owner if isinstance(owner, QWidget) else None)
        return add_to_playlist_menu(self._adder, list(refs), parent)
