"""What the UI and CLI see of mirrors and their sync history (plain frozen values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cdcollector.library.models import SyncRun, SyncSource


class MirrorKind(StrEnum):
    SPOTIFY_PLAYLIST = "spotify_playlist"
    SPOTIFY_LIKED = "spotify_liked"
    YOUTUBE_PLAYLIST = "youtube_playlist"

    @property
    def origin(self) -> str:
        return "youtube" if self is MirrorKind.YOUTUBE_PLAYLIST else "spotify"


@dataclass(frozen=True)
class MirrorView:
    id: int
    kind: MirrorKind
    remote_id: str
    name: str
    playlist_id: int | None
    auto_download: bool
    keep_removed: bool
    enabled: bool
    paused_until: datetime | None
    pause_reason: str | None
    last_synced_at: datetime | None
    refused_reason: str | None = None  # the source refuses for good: the timer skips it

    @classmethod
    def of(cls, row: SyncSource) -> MirrorView:
        return cls(row.id, MirrorKind(row.kind), row.remote_id, row.name, row.playlist_id,
                   row.auto_download, row.keep_removed, row.enabled, row.paused_until,
                   row.pause_reason, row.last_synced_at, row.refused_reason)


@dataclass(frozen=True)
class SyncRunView:
    id: int
    source_id: int
    started_at: datetime
    finished_at: datetime | None
    status: str  # ok | unchanged | paused | failed | refused | running
    added: int
    removed: int
    moved: int
    error: str | None
    notes: str

    @classmethod
    def of(cls, row: SyncRun) -> SyncRunView:
        return cls(row.id, row.source_id, row.started_at, row.finished_at, row.status,
                   row.added, row.removed, row.moved, row.error, row.notes)

    @property
    def summary(self) -> str:
        """One line for history lists: "+3 −1 moved 2", "unchanged", or the reason."""
        if self.status in ("failed", "paused", "refused"):
            return self.error or self.status
        if self.status == "unchanged":
            return "unchanged"
        return f"+{self.added} −{self.removed} moved {self.moved}"
