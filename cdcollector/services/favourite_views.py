"""Favourite albums and artists as the UI lists them, and the text filter of the Favourites pane."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cdcollector.domain.types import AlbumRef, ArtistRef, Source


@dataclass(frozen=True)
class FavouriteAlbum:
    id: int  # album.id in the library
    title: str
    artist: str
    year: int | None = None
    kind: str = "album"
    cover_url: str | None = None
    spotify_id: str | None = None
    youtube_id: str | None = None
    track_count: int = 0  # tracks of this album in the library

    def to_ref(self) -> AlbumRef:
        source, remote = _source(self.spotify_id, self.youtube_id)
        artists = tuple(a.strip() for a in self.artist.split(",") if a.strip())
        return AlbumRef(title=self.title, artists=artists, source=source, id=remote,
                        year=self.year, cover_url=self.cover_url, kind=self.kind)


@dataclass(frozen=True)
class FavouriteArtist:
    id: int  # artist.id in the library
    name: str
    image_url: str | None = None
    spotify_id: str | None = None
    youtube_id: str | None = None
    track_count: int = 0  # tracks by this artist in the library

    def to_ref(self) -> ArtistRef:
        source, remote = _source(self.spotify_id, self.youtube_id)
        return ArtistRef(name=self.name, source=source, id=remote, image_url=self.image_url)


def _source(spotify_id: str | None, youtube_id: str | None) -> tuple[Source, str | None]:
    if spotify_id:
        return Source.SPOTIFY, spotify_id
    if youtube_id:
        return Source.YOUTUBE, youtube_id
    return Source.LOCAL, None


def fold(text: str | None) -> str:
    """Lower case without accents, so "beyonce" finds "Beyoncé"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(filter_text: str, *fields: str | None) -> bool:
    """Every word of the filter appears in one of the fields (accents and case ignored)."""
    words = fold(filter_text).split()
    if not words:
        return True
    haystack = " \x00 ".join(fold(f) for f in fields)
    return all(word in haystack for word in words)
