"""Burn history records: the playlist snapshot a burn keeps, and the row the UI lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from cdcollector.domain.types import PlaylistEntryRow
from cdcollector.library.models import BurnJob as BurnJobRow


@dataclass(frozen=True)
class BurnRecord:
    """One past burn or image, as the history list shows it."""

    id: int
    playlist_id: int | None
    playlist_name: str
    backend: str
    device: str | None
    result: str  # running | ok | failed | cancelled | interrupted
    error: str | None
    track_count: int
    titles: tuple[str, ...]
    output_path: str | None
    started_at: datetime
    finished_at: datetime | None
    checksums: tuple[str, ...] = ()


def snapshot_tracks(entries: list[PlaylistEntryRow]) -> list[dict]:
    """What a burn stores about each playlist slot, enough to burn the same disc again."""
    return [
        {
            "track_id": e.track.id,
            "title": e.track.title,
            "artist": e.track.artist,
            "album": e.track.album,
            "duration_s": e.track.duration_s,
            "path": e.track.path,
            "isrc": e.track.isrc,
            "gap_after_s": e.gap_after_s,
        }
        for e in entries
    ]


def record_from_row(row: BurnJobRow) -> BurnRecord:
    snapshot = json.loads(row.snapshot_json or "[]")
    checksums = json.loads(row.checksums_json or "[]")
    return BurnRecord(
        id=int(row.id), playlist_id=row.playlist_id, playlist_name=row.playlist_name,
        backend=row.backend, device=row.device, result=row.result, error=row.error,
        track_count=len(snapshot), titles=tuple(s.get("title", "") for s in snapshot),
        output_path=row.output_path, started_at=row.started_at, finished_at=row.finished_at,
        # 0.1.0 recorded MD5s under "md5"
        checksums=tuple(c.get("sha1") or c.get("md5", "") for c in checksums
                        if isinstance(c, dict)),
    )
