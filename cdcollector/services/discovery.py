"""Discovery service: online search, pasted links, album/artist pages, library badges, offline."""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from cdcollector.catalog.base import AlbumPage, ArtistPage, Catalog, SearchResults
from cdcollector.catalog.covers import CoverCache
from cdcollector.catalog.links import LinkRef, parse_link
from cdcollector.catalog.youtube_links import canonical_url, guess_bare_id, playlist_ref
from cdcollector.domain.errors import (
    AuthError,
    CatalogError,
    CollectorError,
    LinkError,
    OfflineError,
)
from cdcollector.domain.types import AlbumRef, ArtistRef, FavouriteKind, Source, TrackRef
from cdcollector.downloads.plan import expand_album, expand_artist
from cdcollector.library import favourites as favourite_store
from cdcollector.library.tracks import find_track
from cdcollector.services.context import AppContext

log = logging.getLogger(__name__)

YTMUSIC, SPOTIFY = "ytmusic", "spotify"
SOURCE_NAMES = {YTMUSIC: "YouTube Music", SPOTIFY: "Spotify"}
IN_LIBRARY, DOWNLOADED = "in library", "downloaded"
PAGE_CACHE_SIZE = 32
T = TypeVar("T")


@dataclass(frozen=True)
class ResolvedLink:
    """What a pasted link points at. A playlist comes as an AlbumPage whose album.kind is
    "playlist"; a track as a TrackRef."""

    link: LinkRef
    source: str  # the catalogue that answered: "ytmusic" | "spotify"
    kind: str  # "track" | "album" | "artist" | "playlist"
    page: TrackRef | AlbumPage | ArtistPage


@dataclass(frozen=True)
class LibraryStatus:
    badge: str | None  # "downloaded", "in library" or None
    track_id: int | None  # the library track, when there is one


def catalog_key(link_source: str) -> str:
    """Links from youtube.com and music.youtube.com are both read through YouTube Music."""
    return SPOTIFY if link_source == SPOTIFY else YTMUSIC


_LINKISH = re.compile(r"^\S*(?:://|^spotify:|^www\.|^[\w-]+(?:\.[\w-]+)+/)\S*$", re.IGNORECASE)


def is_link(text: str) -> bool:
    try:
        parse_link(text)
    except LinkError:
        return False
    return True


_OFFER_WORDS = {"track": "video", "playlist": "playlist", "album": "album", "artist": "channel"}


def bare_id_offer(text: str) -> tuple[str, str] | None:
    """("Open YouTube video X", its URL) when pasted text is a bare YouTube id: offered to the
    user beside the search, never opened without asking. None for anything else."""
    ref = guess_bare_id(text)
    if ref is None:
        return None
    return f"Open YouTube {_OFFER_WORDS[ref.kind]} {ref.id}", canonical_url(ref)


def playlist_offer(resolved: ResolvedLink) -> tuple[str, str] | None:
    """For a video opened from a playlist link: ("Open its playlist", the playlist's URL)."""
    if resolved.link.playlist is None:
        return None
    ref = playlist_ref(resolved.link.source, resolved.link.playlist, resolved.link.playlist)
    return f"Open the {_OFFER_WORDS[ref.kind]} this video was in", canonical_url(ref)


def looks_like_link(text: str) -> bool:
    """Pasted text meant as a link (one word with a scheme, "spotify:", "www." or host/path):
    it is opened, or refused with the link's own message, rather than searched as words."""
    return is_link(text) or bool(_LINKISH.match(text.strip()))


class DiscoveryService:
    """Blocking calls (everything that goes online) belong off the UI thread.

    `catalogs` replaces the real catalogues (tests); without a "spotify" entry, Spotify is
    offered when the user is logged in through `SpotifyAccountService`.
    """

    def __init__(self, ctx: AppContext, *, catalogs: dict[str, Catalog] | None = None,
                 covers: CoverCache | None = None,
                 spotify_factory: Callable[[], Any] | None = None):
        self.ctx = ctx
        self._catalogs: dict[str, Catalog] = dict(catalogs or {})
        self._spotify_account: Any = None
        # The Spotify stack (spotipy, requests, keyring) loads on first use, not at start-up.
        self._spotify_factory = spotify_factory or self._own_spotify_account
        self._covers = covers
        self._lock = threading.Lock()
        self._offline_message: str | None = None
        self._pages: OrderedDict[tuple[str, str, str], AlbumPage | ArtistPage] = OrderedDict()

    # --- catalogues -----------------------------------------------------------------------

    def _account(self):
        with self._lock:
            if self._spotify_account is None:
                self._spotify_account = self._spotify_factory()
            return self._spotify_account

    def _own_spotify_account(self):
        from cdcollector.services.spotify_account import SpotifyAccountService

        return SpotifyAccountService(self.ctx)

    def _spotify_ready(self) -> bool:
        if SPOTIFY in self._catalogs:
            return True
        if not self.ctx.settings.spotify_client_id.strip():
            return False  # never set up: no need to load the Spotify stack to know
        try:
            return self._account().status().logged_in
        except CollectorError as exc:
            log.info("Spotify status unavailable: %s", exc)
            return False

    def sources(self) -> list[str]:
        """YouTube Music always (no account needed); Spotify when logged in."""
        return [YTMUSIC, SPOTIFY] if self._spotify_ready() else [YTMUSIC]

    @staticmethod
    def source_name(source: str) -> str:
        return SOURCE_NAMES.get(source, source)

    def catalog(self, source: str) -> Catalog:
        with self._lock:
            found = self._catalogs.get(source)
        if found is not None:
            return found
        if source == YTMUSIC:
            from cdcollector.catalog.ytmusic import YTMusicCatalog

            with self._lock:
                return self._catalogs.setdefault(YTMUSIC, YTMusicCatalog())
        if source == SPOTIFY:
            if not self._spotify_ready():
                raise AuthError("Log in to Spotify under Settings → Accounts to use it here.")
            return self._account().catalog()
        raise CatalogError(f"Unknown catalogue: {source!r}.")

    # --- online state ---------------------------------------------------------------------

    def is_online(self) -> bool:
        """False after a catalogue could not be reached, until one answers again."""
        return self._offline_message is None

    @property
    def offline_message(self) -> str | None:
        return self._offline_message

    def _online(self, call: Callable[[], T]) -> T:
        """Run a catalogue call, tracking whether the network is reachable."""
        try:
            result = call()
        except OfflineError as exc:
            self._offline_message = str(exc)
            raise
        except CatalogError:
            self._offline_message = None  # the catalogue answered, even if with an error
            raise
        self._offline_message = None
        return result

    # --- search and pages -----------------------------------------------------------------

    def search_online(self, text: str, source: str = YTMUSIC, limit: int = 20) -> SearchResults:
        if not text.strip():
            return SearchResults()
        catalog = self.catalog(source)
        return self._online(lambda: catalog.search(text.strip(), limit=limit))

    def album(self, source: str, album_id: str) -> AlbumPage:
        return self._page(source, "album", album_id, lambda c: c.album(album_id))

    def artist(self, source: str, artist_id: str) -> ArtistPage:
        """Albums and singles only (the catalogues leave out compilations and "appears on")."""
        return self._page(source, "artist", artist_id, lambda c: c.artist(artist_id))

    def _page(self, source: str, kind: str, item_id: str, load: Callable[[Catalog], Any]):
        key = (source, kind, item_id)
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        catalog = self.catalog(source)
        page = self._online(lambda: load(catalog))
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > PAGE_CACHE_SIZE:
                self._pages.popitem(last=False)
        return page

    def resolve_link(self, text: str) -> ResolvedLink:
        """Open a pasted link; LinkError (a one-line message) when it is not one we read."""
        link = parse_link(text)
        source = catalog_key(link.source)
        page: TrackRef | AlbumPage | ArtistPage
        if link.kind == "album":
            page = self.album(source, link.id)
        elif link.kind == "artist":
            page = self.artist(source, link.id)
        elif link.kind == "track":
            catalog = self.catalog(source)
            page = self._online(lambda: catalog.track(link.id))
        else:
            page = self._playlist(source, link.id)
        return ResolvedLink(link=link, source=source, kind=link.kind, page=page)

    def _playlist(self, source: str, playlist_id: str) -> AlbumPage:
        catalog = self.catalog(source)
        title, tracks = self._online(lambda: catalog.playlist(playlist_id))
        album = AlbumRef(title=title or "Playlist", source=Source(source), id=playlist_id,
                         total_tracks=len(tracks), kind="playlist")
        return AlbumPage(album=album, tracks=tuple(tracks))

    # --- what downloads need --------------------------------------------------------------

    def album_tracks(self, source: str, album_id: str) -> list[TrackRef]:
        """The album's tracks, each carrying the album's title, artist, year and cover."""
        return expand_album(_PageReader(self, source), album_id)

    def discography(self, source: str, artist_id: str) -> list[TrackRef]:
        """Every track of the artist's albums and singles, each once (may take a while)."""
        return expand_artist(_PageReader(self, source), artist_id)

    # --- library --------------------------------------------------------------------------

    def library_status(self, refs: Sequence[TrackRef]) -> list[LibraryStatus]:
        """Per reference: is it in the library, and is its file on disk?"""
        statuses = []
        with self.ctx.db.session() as session:
            for ref in refs:
                track = find_track(session, ref)
                if track is None:
                    statuses.append(LibraryStatus(None, None))
                elif track.path and not track.file_missing:
                    statuses.append(LibraryStatus(DOWNLOADED, track.id))
                else:
                    statuses.append(LibraryStatus(IN_LIBRARY, track.id))
        return statuses

    def badges(self, refs: Sequence[TrackRef]) -> list[str | None]:
        """Per reference: "downloaded", "in library", or None."""
        return [status.badge for status in self.library_status(refs)]

    def is_favourite(self, ref: AlbumRef | ArtistRef) -> bool:
        """Whether an album or artist found online is starred; nothing is added to the library."""
        with self.ctx.db.session() as session:
            if isinstance(ref, AlbumRef):
                kind, item = FavouriteKind.ALBUM, favourite_store.upsert_album(session, ref)
            else:
                kind, item = FavouriteKind.ARTIST, favourite_store.upsert_artist(session, ref)
            starred = favourite_store.is_favourite(session, kind, item.id)
            session.rollback()  # the look-up reuses the upsert's matching; keep nothing it made
        return starred

    # --- covers ---------------------------------------------------------------------------

    def cover(self, url: str | None) -> Path | None:
        """A local file with the cover at `url` (fetched and cached), or None when unavailable."""
        with self._lock:
            if self._covers is None:
                self._covers = CoverCache(self.ctx.paths.covers_dir)
            covers = self._covers
        return covers.fetch(url)


class _PageReader:
    """The album/artist part of the Catalog protocol, answered through the service's cache."""

    def __init__(self, service: DiscoveryService, source: str):
        self._service = service
        self._source = source

    def album(self, album_id: str) -> AlbumPage:
        return self._service.album(self._source, album_id)

    def artist(self, artist_id: str) -> ArtistPage:
        return self._service.artist(self._source, artist_id)
