"""What every catalogue offers: search, album/artist pages, and candidates for the matcher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cdcollector.domain.types import AlbumRef, ArtistRef, Candidate, TrackRef


@dataclass(frozen=True)
class SearchResults:
    songs: tuple[TrackRef, ...] = ()
    albums: tuple[AlbumRef, ...] = ()
    artists: tuple[ArtistRef, ...] = ()


@dataclass(frozen=True)
class AlbumPage:
    album: AlbumRef
    tracks: tuple[TrackRef, ...]


@dataclass(frozen=True)
class ArtistPage:
    artist: ArtistRef
    albums: tuple[AlbumRef, ...]  # albums and singles only: no compilations, no "appears on"


class Catalog(Protocol):
    """A browsable catalogue (YouTube Music, Spotify). Calls block: run them off the UI thread."""

    name: str

    def search(self, text: str, limit: int = 20) -> SearchResults: ...

    def album(self, album_id: str) -> AlbumPage: ...

    def artist(self, artist_id: str) -> ArtistPage: ...

    def track(self, track_id: str) -> TrackRef: ...

    def playlist(self, playlist_id: str) -> tuple[str, tuple[TrackRef, ...]]: ...


class CandidateSource(Protocol):
    """Where the matcher finds recordings to download (YouTube Music; a fake in tests)."""

    def by_isrc(self, isrc: str) -> list[Candidate]: ...

    def by_text(self, query: str, kind: str) -> list[Candidate]:
        """`kind` is "songs" or "videos"."""
        ...
