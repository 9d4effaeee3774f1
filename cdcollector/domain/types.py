"""Frozen value types shared by all layers: references, library rows, matching, jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Source(StrEnum):
    LOCAL = "local"
    SPOTIFY = "spotify"
    YOUTUBE = "youtube"
    YTMUSIC = "ytmusic"


class PlaylistOrigin(StrEnum):
    LOCAL = "local"
    SPOTIFY = "spotify"
    YOUTUBE = "youtube"
    FILE = "file"


class FavouriteKind(StrEnum):
    ARTIST = "artist"
    ALBUM = "album"
    TRACK = "track"


class DownloadState(StrEnum):
    QUEUED = "queued"
    MATCHING = "matching"
    DOWNLOADING = "downloading"
    CONVERTING = "converting"
    TAGGING = "tagging"
    DONE = "done"
    FAILED = "failed"
    NEEDS_REVIEW = "needs_review"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        return self in (
            DownloadState.MATCHING,
            DownloadState.DOWNLOADING,
            DownloadState.CONVERTING,
            DownloadState.TAGGING,
        )

    @property
    def is_final(self) -> bool:
        return self in (DownloadState.DONE, DownloadState.FAILED, DownloadState.CANCELLED)


# --- references: one type per thing, whatever the source --------------------------------


@dataclass(frozen=True)
class ArtistRef:
    name: str
    source: Source = Source.LOCAL
    id: str | None = None  # the id at `source` (Spotify id, YouTube channel/browse id)
    image_url: str | None = None


@dataclass(frozen=True)
class AlbumRef:
    title: str
    artists: tuple[str, ...] = ()
    source: Source = Source.LOCAL
    id: str | None = None
    year: int | None = None
    cover_url: str | None = None
    total_tracks: int | None = None
    kind: str = "album"  # album | single | ep | compilation

    @property
    def artist_display(self) -> str:
        return ", ".join(self.artists)


@dataclass(frozen=True)
class TrackRef:
    """A track anywhere: in the library (library_id set), on Spotify, or on YouTube (Music)."""

    title: str
    artists: tuple[str, ...] = ()
    album: str | None = None
    duration_s: float | None = None
    source: Source = Source.LOCAL
    id: str | None = None  # the id at `source`
    isrc: str | None = None
    explicit: bool | None = None
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    album_artist: str | None = None
    cover_url: str | None = None
    library_id: int | None = None
    path: str | None = None
    spotify_id: str | None = None
    youtube_id: str | None = None

    @property
    def artist_display(self) -> str:
        return ", ".join(self.artists)


@dataclass(frozen=True)
class TrackRow:
    """One library track as the UI lists it (search results, playlists, favourites)."""

    id: int
    title: str
    artist: str
    album: str
    duration_s: float | None
    format: str | None
    path: str | None
    isrc: str | None = None
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    spotify_id: str | None = None
    youtube_id: str | None = None
    file_missing: bool = False

    def to_ref(self) -> TrackRef:
        artists = tuple(a.strip() for a in self.artist.split(",") if a.strip())
        return TrackRef(
            title=self.title,
            artists=artists,
            album=self.album or None,
            duration_s=self.duration_s,
            source=Source.LOCAL,
            id=str(self.id),
            isrc=self.isrc,
            track_number=self.track_number,
            disc_number=self.disc_number,
            year=self.year,
            library_id=self.id,
            path=self.path,
            spotify_id=self.spotify_id,
            youtube_id=self.youtube_id,
        )


# --- matching (names fixed: an independent accuracy check imports them) ------------------


@dataclass(frozen=True)
class TrackQuery:
    title: str
    artists: list[str]
    album: str | None = None
    duration_s: float | None = None
    isrc: str | None = None
    explicit: bool | None = None
    artist_ids: tuple[str, ...] = ()  # YouTube channel ids of the artists, where known


@dataclass(frozen=True)
class Candidate:
    video_id: str
    title: str
    artists: list[str]
    album: str | None = None
    duration_s: float | None = None
    views: int | None = None
    result_type: str = "song"  # song | video | …
    explicit: bool | None = None
    channel: str | None = None
    found_by: str = "text"  # isrc | text
    artist_ids: tuple[str, ...] = ()  # the credited artists' channel ids (ytmusicapi gives them)


@dataclass(frozen=True)
class ScorePart:
    """One part of a match score: what was compared, and the points it added (or took)."""

    what: str
    points: float

    @property
    def text(self) -> str:
        return f"{self.what} ({self.points:+.0f})" if round(self.points) else self.what


@dataclass(frozen=True)
class ScoredCandidate:
    candidate: Candidate
    score: float  # 0–100
    reasons: tuple[str, ...] = field(default_factory=tuple)
    parts: tuple[ScorePart, ...] = field(default_factory=tuple)  # the score, explained


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    scanned: int
    added: int
    updated: int
    unchanged: int
    moved: int
    removed: int
    skipped: tuple[tuple[str, str], ...]  # (path, reason)
    cancelled: bool = False


# --- playlists ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaylistInfo:
    id: int
    name: str
    origin: PlaylistOrigin = PlaylistOrigin.LOCAL
    read_only: bool = False
    track_count: int = 0
    duration_s: float = 0.0
    description: str = ""


@dataclass(frozen=True)
class PlaylistEntryRow:
    """One slot of a playlist: the entry id (stable across moves), its position and its track."""

    entry_id: int
    position: int
    track: TrackRow
    gap_after_s: float | None = None


@dataclass(frozen=True)
class LibraryBackup:
    """A copy of the library file: when it was made (UTC) and its schema (None: unreadable)."""

    path: str
    made_at: datetime
    schema: str | None
    size: int
