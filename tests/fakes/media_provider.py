"""A fake download provider: the match step and a tiny catalogue pointing at the media server.

In-process tests pass `FakeMedia.provider()` to DownloadService; subprocesses (CLI, crash
runner, benchmark) load it with
CDCOLLECTOR_DOWNLOAD_PROVIDER=tests.fakes.media_provider:make_provider and
CDCOLLECTOR_FAKE_MEDIA=<json file written by FakeMedia.save>.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cdcollector.catalog.base import AlbumPage, ArtistPage, SearchResults
from cdcollector.domain.errors import CatalogError
from cdcollector.domain.types import (
    AlbumRef,
    ArtistRef,
    Candidate,
    ScoredCandidate,
    Source,
    TrackRef,
)
from cdcollector.downloads.plan import ref_from_json, ref_to_json
from cdcollector.services.download_provider import DownloadProvider

SPEC_ENV = "CDCOLLECTOR_FAKE_MEDIA"


@dataclass
class FakeMedia:
    """`recordings`: track title → candidates [{url, score, title?, channel?, duration_s?}]."""

    recordings: dict[str, list[dict]] = field(default_factory=dict)
    albums: dict[str, dict] = field(default_factory=dict)  # id → {title, artists, year, tracks}
    artists: dict[str, dict] = field(default_factory=dict)  # id → {name, albums: [ids]}
    tracks: dict[str, dict] = field(default_factory=dict)  # id → TrackRef json
    playlists: dict[str, dict] = field(default_factory=dict)  # id → {name, tracks: [ids]}
    resolved: list[str] = field(default_factory=list)  # titles the resolver was asked for
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_recording(self, title: str, url: str, score: float = 95.0, **extra) -> None:
        self.recordings.setdefault(title, []).append({"url": url, "score": score, **extra})

    def add_album(self, album_id: str, title: str, artists: tuple[str, ...],
                  tracks: list[TrackRef], year: int | None = None) -> None:
        self.albums[album_id] = {"title": title, "artists": list(artists), "year": year,
                                 "tracks": [ref_to_json(t) for t in tracks]}

    def resolve(self, ref: TrackRef) -> list[ScoredCandidate]:
        with self._lock:
            self.resolved.append(ref.title)
        found = [
            ScoredCandidate(Candidate(video_id=item["url"], title=item.get("title", ref.title),
                                      artists=list(ref.artists), channel=item.get("channel"),
                                      duration_s=item.get("duration_s", ref.duration_s)),
                            float(item["score"]), ("fake",))
            for item in self.recordings.get(ref.title, [])
        ]
        return sorted(found, key=lambda s: -s.score)

    def provider(self) -> DownloadProvider:
        return DownloadProvider(self.resolve, FakeCatalog(self))

    def save(self, path: Path) -> Path:
        data = {k: getattr(self, k) for k in ("recordings", "albums", "artists", "tracks",
                                               "playlists")}
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> FakeMedia:
        return cls(**json.loads(Path(path).read_text(encoding="utf-8")))


class FakeCatalog:
    name = "fake"

    def __init__(self, media: FakeMedia):
        self.media = media

    def search(self, text: str, limit: int = 20) -> SearchResults:
        words = text.casefold().split()
        songs = [ref_from_json(t) for t in self.media.tracks.values()
                 if all(w in f"{t['title']} {' '.join(t['artists'])}".casefold() for w in words)]
        return SearchResults(songs=tuple(songs[:limit]))

    def album(self, album_id: str) -> AlbumPage:
        data = self.media.albums.get(album_id)
        if data is None:
            raise CatalogError(f"Album {album_id} not found.")
        album = AlbumRef(title=data["title"], artists=tuple(data["artists"]),
                         source=Source.YTMUSIC, id=album_id, year=data.get("year"))
        return AlbumPage(album, tuple(ref_from_json(t) for t in data["tracks"]))

    def artist(self, artist_id: str) -> ArtistPage:
        data = self.media.artists.get(artist_id)
        if data is None:
            raise CatalogError(f"Artist {artist_id} not found.")
        albums = tuple(self.album(a).album for a in data["albums"])
        return ArtistPage(ArtistRef(data["name"], Source.YTMUSIC, artist_id), albums)

    def track(self, track_id: str) -> TrackRef:
        if track_id not in self.media.tracks:
            raise CatalogError(f"Track {track_id} not found.")
        return ref_from_json(self.media.tracks[track_id])

    def playlist(self, playlist_id: str) -> tuple[str, tuple[TrackRef, ...]]:
        data = self.media.playlists.get(playlist_id)
        if data is None:
            raise CatalogError(f"Playlist {playlist_id} not found.")
        return data["name"], tuple(self.track(t) for t in data["tracks"])


def make_provider() -> DownloadProvider:
    return FakeMedia.load(Path(os.environ[SPEC_ENV])).provider()
