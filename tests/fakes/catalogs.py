"""A scriptable in-memory Catalog (stands in for Spotify, or anything) with holds and failures."""

from __future__ import annotations

import threading
import zlib
from dataclasses import replace

from cdcollector.catalog.base import AlbumPage, ArtistPage, SearchResults
from cdcollector.domain.errors import CatalogError
from cdcollector.domain.types import AlbumRef, ArtistRef, Source, TrackRef

HOLD_TIMEOUT_S = 30.0


def track(title: str, artist: str, ident: str, source: Source = Source.SPOTIFY,
          duration_s: float = 200.0, **extra) -> TrackRef:
    return TrackRef(title=title, artists=(artist,), duration_s=duration_s, source=source,
                    id=ident, **extra)


def _isrc(artist: str, title: str) -> str:
    return f"QZ{zlib.crc32(f'{artist}|{title}'.encode()):010d}"


class FakeCatalog:
    """Answers from dictionaries; `hold(text)` makes a search for `text` wait until released,
    `fail_with` makes every call raise, `calls` records what was asked."""

    def __init__(self, name: str = "Spotify", source: Source = Source.SPOTIFY):
        self.name = name
        self.source = source
        self.results: dict[str, SearchResults] = {}
        self.albums: dict[str, AlbumPage] = {}
        self.artists: dict[str, ArtistPage] = {}
        self.tracks: dict[str, TrackRef] = {}
        self.playlists: dict[str, tuple[str, tuple[TrackRef, ...]]] = {}
        self.fail_with: BaseException | None = None
        self.calls: list[tuple[str, str]] = []
        self.started = threading.Condition()
        self._holds: dict[str, threading.Event] = {}

    # --- scripting ------------------------------------------------------------------------

    def add_album(self, album_id: str, title: str, artist: str, titles: list[str],
                  year: int = 2001, cover_url: str | None = None) -> AlbumPage:
        album = AlbumRef(title=title, artists=(artist,), source=self.source, id=album_id,
                         year=year, cover_url=cover_url, total_tracks=len(titles))
        # One ISRC per recording (artist + title), as on a real catalogue: a single's track and
        # the album's are the same recording under different ids.
        tracks = tuple(replace(track(t, artist, f"{album_id}-{n}", self.source,
                                     duration_s=180.0 + n), album=title, track_number=n,
                               isrc=_isrc(artist, t))
                       for n, t in enumerate(titles, start=1))
        page = AlbumPage(album=album, tracks=tracks)
        self.albums[album_id] = page
        return page

    def add_artist(self, artist_id: str, name: str, album_ids: list[str]) -> ArtistPage:
        page = ArtistPage(artist=ArtistRef(name=name, source=self.source, id=artist_id),
                          albums=tuple(self.albums[a].album for a in album_ids))
        self.artists[artist_id] = page
        return page

    def hold(self, text: str) -> threading.Event:
        """Searches for `text` block until the returned event is set."""
        event = threading.Event()
        self._holds[text] = event
        return event

    def searched(self, text: str) -> bool:
        return ("search", text) in self.calls

    # --- Catalog protocol -----------------------------------------------------------------

    def _record(self, method: str, arg: str) -> None:
        with self.started:
            self.calls.append((method, arg))
            self.started.notify_all()
        if self.fail_with is not None:
            raise self.fail_with

    def search(self, text: str, limit: int = 20) -> SearchResults:
        self._record("search", text)
        gate = self._holds.get(text)
        if gate is not None and not gate.wait(HOLD_TIMEOUT_S):
            raise CatalogError("test hold never released")
        found = self.results.get(text, SearchResults())
        return SearchResults(found.songs[:limit], found.albums[:limit], found.artists[:limit])

    def album(self, album_id: str) -> AlbumPage:
        self._record("album", album_id)
        if album_id not in self.albums:
            raise CatalogError(f"{self.name} has no album {album_id}.")
        return self.albums[album_id]

    def artist(self, artist_id: str) -> ArtistPage:
        self._record("artist", artist_id)
        if artist_id not in self.artists:
            raise CatalogError(f"{self.name} has no artist {artist_id}.")
        return self.artists[artist_id]

    def track(self, track_id: str) -> TrackRef:
        self._record("track", track_id)
        if track_id not in self.tracks:
            raise CatalogError(f"{self.name} has no track {track_id}.")
        return self.tracks[track_id]

    def playlist(self, playlist_id: str) -> tuple[str, tuple[TrackRef, ...]]:
        self._record("playlist", playlist_id)
        if playlist_id not in self.playlists:
            raise CatalogError(f"{self.name} has no playlist {playlist_id}.")
        return self.playlists[playlist_id]
