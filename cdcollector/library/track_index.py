"""Find library tracks for many references at once: one pass over the table, O(1) per lookup."""

from __future__ import annotations

import os

from sqlalchemy import select
from sqlmodel import Session

from cdcollector.domain.types import TrackRef
from cdcollector.library.models import Track
from cdcollector.library.tracks import DURATION_TOLERANCE_S, external_ids, normalise_text

TRACK = Track.__table__


class TrackIndex:
    """find_track's order (ISRC, Spotify id, YouTube id, artist + title + duration), then the
    same file path when that file is here, answered from memory. Keys are whatever the caller
    stores with `add`: track ids, or stand-ins for tracks not inserted yet."""

    def __init__(self, session: Session):
        self._isrc: dict[str, object] = {}
        self._spotify: dict[str, object] = {}
        self._youtube: dict[str, object] = {}
        self._text: dict[tuple[str, str], list[tuple[object, float | None]]] = {}
        self._path: dict[str, object] = {}
        self._is_file: dict[str, bool] = {}
        rows = session.execute(select(
            TRACK.c.id, TRACK.c.isrc, TRACK.c.spotify_id, TRACK.c.youtube_id,
            TRACK.c.artist_name, TRACK.c.title, TRACK.c.duration_s, TRACK.c.path,
        ).order_by(TRACK.c.id))
        for track_id, isrc, spotify_id, youtube_id, artist, title, duration, path in rows:
            self._add(track_id, isrc, spotify_id, youtube_id, artist, title, duration)
            if path:
                self._path.setdefault(path, track_id)

    def add(self, key: object, ref: TrackRef) -> None:
        """A track created for `ref` (without a file): later references may find it."""
        spotify_id, youtube_id = external_ids(ref)
        self._add(key, ref.isrc.upper() if ref.isrc else None, spotify_id, youtube_id,
                  ref.artist_display, ref.title, ref.duration_s)

    def _add(self, key, isrc, spotify_id, youtube_id, artist, title, duration) -> None:
        for table, value in ((self._isrc, isrc), (self._spotify, spotify_id),
                             (self._youtube, youtube_id)):
            if value:
                table.setdefault(value, key)
        text_key = (normalise_text(artist), normalise_text(title))
        self._text.setdefault(text_key, []).append((key, duration))

    def find(self, ref: TrackRef) -> object | None:
        spotify_id, youtube_id = external_ids(ref)
        for table, value in ((self._isrc, ref.isrc.upper() if ref.isrc else None),
                             (self._spotify, spotify_id), (self._youtube, youtube_id)):
            if value and value in table:
                return table[value]
        key = (normalise_text(ref.artist_display), normalise_text(ref.title))
        for candidate, duration in self._text.get(key, ()):
            if ref.duration_s is None or duration is None:
                return candidate
            if abs(duration - ref.duration_s) <= DURATION_TOLERANCE_S:
                return candidate
        if ref.path and ref.path in self._path and self._file_here(ref.path):
            return self._path[ref.path]
        return None

    def _file_here(self, path: str) -> bool:
        if path not in self._is_file:
            self._is_file[path] = os.path.isfile(path)
        return self._is_file[path]
