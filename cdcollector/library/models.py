"""SQLModel tables: the whole data model of the local library."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Artist(SQLModel, table=True):
    __tablename__ = "artist"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    spotify_id: str | None = Field(default=None, index=True)
    youtube_id: str | None = Field(default=None, index=True)
    image_url: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Album(SQLModel, table=True):
    __tablename__ = "album"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(index=True)
    artist_name: str = ""
    artist_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("artist.id", ondelete="SET NULL"), index=True),
    )
    year: int | None = None
    kind: str = "album"
    total_tracks: int | None = None
    cover_url: str | None = None
    spotify_id: str | None = Field(default=None, index=True)
    youtube_id: str | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Track(SQLModel, table=True):
    """A recording; `path` is set when a file for it is on disk."""

    __tablename__ = "track"
    __table_args__ = (Index("ix_track_match", "artist_name", "title"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str
    artist_name: str = ""  # display string, e.g. "Beyoncé, JAY-Z"
    album_title: str = ""
    album_artist: str = ""
    artist_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("artist.id", ondelete="SET NULL"), index=True),
    )
    album_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("album.id", ondelete="SET NULL"), index=True),
    )
    duration_s: float | None = None
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    genre: str | None = None
    isrc: str | None = Field(default=None, index=True)
    explicit: bool | None = None
    spotify_id: str | None = Field(default=None, index=True)
    youtube_id: str | None = Field(default=None, index=True)
    path: str | None = Field(default=None, unique=True)
    file_size: int | None = None
    file_mtime_ns: int | None = None
    format: str | None = None
    bitrate_kbps: int | None = None
    file_missing: bool = False
    added_at: datetime = Field(default_factory=utcnow)


class Playlist(SQLModel, table=True):
    __tablename__ = "playlist"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    origin: str = "local"  # local | spotify | youtube | file
    remote_id: str | None = None
    read_only: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PlaylistEntry(SQLModel, table=True):
    """One slot of a playlist; the same track may fill several slots."""

    __tablename__ = "playlist_entry"
    __table_args__ = (Index("ix_playlist_entry_order", "playlist_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("playlist.id", ondelete="CASCADE"), nullable=False
        )
    )
    track_id: int = Field(
        sa_column=Column(Integer, ForeignKey("track.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    )
    position: int
    gap_after_s: float | None = None  # per-transition override for burning
    added_at: datetime = Field(default_factory=utcnow)


class Favourite(SQLModel, table=True):
    """Polymorphic: kind ∈ artist/album/track, item_id points into that kind's table."""

    __tablename__ = "favourite"
    __table_args__ = (UniqueConstraint("kind", "item_id", name="uq_favourite_item"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    item_id: int
    created_at: datetime = Field(default_factory=utcnow)


class MatchChoice(SQLModel, table=True):
    """A recording the user picked for a track; reused by later downloads and syncs."""

    __tablename__ = "match_choice"
    id: int | None = Field(default=None, primary_key=True)
    track_key: str = Field(unique=True)  # isrc:…, spotify:…, or text:artist|title|duration
    video_id: str
    source_url: str | None = None
    chosen_at: datetime = Field(default_factory=utcnow)


class DownloadJob(SQLModel, table=True):
    """The persisted download queue; survives restarts."""

    __tablename__ = "download_job"
    id: int | None = Field(default=None, primary_key=True)
    track_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("track.id", ondelete="SET NULL"), index=True),
    )
    request_json: str = "{}"  # the TrackRef asked for
    dedupe_key: str = Field(index=True)
    state: str = Field(default="queued", index=True)
    progress: float = 0.0
    attempts: int = 0
    error: str | None = None
    source_url: str | None = None
    video_id: str | None = None
    match_score: float | None = None
    candidates_json: str | None = None  # top candidates shown in "Needs review"
    target_path: str | None = None
    playlist_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("playlist.id", ondelete="SET NULL")),
    )
    favourite: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    owner: str | None = None  # the engine (host/pid/nonce) running it; None while unclaimed
    lease_until: datetime | None = None  # the claim lapses unless the owner renews it


class SyncSource(SQLModel, table=True):
    """A remote playlist (or Liked Songs) mirrored into a read-only local playlist."""

    __tablename__ = "sync_source"
    __table_args__ = (UniqueConstraint("kind", "remote_id", name="uq_sync_source_remote"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # spotify_playlist | spotify_liked | youtube_playlist
    remote_id: str
    name: str = ""
    playlist_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("playlist.id", ondelete="SET NULL")),
    )
    snapshot_id: str | None = None
    keep_removed: bool = False
    auto_download: bool = False
    enabled: bool = True
    paused_until: datetime | None = None
    pause_reason: str | None = None
    # Set when the source refuses for good (e.g. someone else's Spotify playlist): the timer
    # skips the mirror until a sync the user asks for succeeds.
    refused_reason: str | None = None
    last_synced_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SyncRun(SQLModel, table=True):
    __tablename__ = "sync_run"
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("sync_source.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = "running"  # running | ok | unchanged | failed | paused
    added: int = 0
    removed: int = 0
    moved: int = 0
    error: str | None = None
    notes: str = ""


class BurnJob(SQLModel, table=True):
    """What was burned or imaged: enough to see what is on a disc and burn it again."""

    __tablename__ = "burn_job"
    id: int | None = Field(default=None, primary_key=True)
    playlist_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("playlist.id", ondelete="SET NULL")),
    )
    playlist_name: str = ""
    snapshot_json: str = "[]"
    layout_json: str = "{}"
    checksums_json: str = "[]"
    options_json: str = "{}"
    backend: str = ""
    device: str | None = None
    output_path: str | None = None
    result: str = "running"  # running | ok | failed | cancelled | interrupted
    error: str | None = None
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
