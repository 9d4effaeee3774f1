"""A finished download joins the library, the playlists that asked for it and the favourites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import mutagen
from sqlalchemy import func
from sqlmodel import Session, select

from cdcollector.domain.types import FavouriteKind
from cdcollector.downloads.plan import JobRequest
from cdcollector.library.db import Database
from cdcollector.library.models import Favourite, Playlist, PlaylistEntry, Track
from cdcollector.library.tracks import upsert_track


@dataclass(frozen=True)
class Joined:
    track_id: int
    playlists: tuple[int, ...]  # playlists that got a new entry
    favourite_added: bool


def _bitrate_kbps(path: Path) -> int | None:
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError:
        return None
    bitrate = getattr(getattr(audio, "info", None), "bitrate", 0) or 0
    return round(bitrate / 1000) or None


def join_library(db: Database, request: JobRequest, path: Path) -> Joined:
    stat = path.stat()
    with db.write_session() as session:
        track = upsert_track(session, request.ref)
        # Another track row may still claim this path (a file deleted and re-downloaded).
        for other in session.exec(select(Track).where(Track.path == str(path))):
            if other.id != track.id:
                other.path, other.file_missing = None, True
        session.flush()
        track.path = str(path)
        track.file_size = stat.st_size
        track.file_mtime_ns = stat.st_mtime_ns
        track.format = path.suffix.lstrip(".").lower()
        track.bitrate_kbps = _bitrate_kbps(path)
        track.file_missing = False
        session.flush()
        added_to, favourite_added = attach(session, track.id, request.playlist_ids,
                                           request.favourite)
        return Joined(track.id, added_to, favourite_added)


def attach(session: Session, track_id: int, playlist_ids: list[int], favourite: bool
           ) -> tuple[tuple[int, ...], bool]:
    """Append the track to each playlist that lacks it and make it a favourite if asked."""
    added_to = []
    for playlist_id in playlist_ids:
        if session.get(Playlist, playlist_id) is None:
            continue
        present = session.exec(select(PlaylistEntry.id).where(
            PlaylistEntry.playlist_id == playlist_id, PlaylistEntry.track_id == track_id)
        ).first()
        if present is not None:
            continue
        last = session.exec(select(func.max(PlaylistEntry.position)).where(
            PlaylistEntry.playlist_id == playlist_id)).one()
        session.add(PlaylistEntry(playlist_id=playlist_id, track_id=track_id,
                                  position=(last + 1) if last is not None else 0))
        added_to.append(playlist_id)
    favourite_added = False
    if favourite:
        exists = session.exec(select(Favourite.id).where(
            Favourite.kind == FavouriteKind.TRACK.value, Favourite.item_id == track_id)
        ).first()
        if exists is None:
            session.add(Favourite(kind=FavouriteKind.TRACK.value, item_id=track_id))
            favourite_added = True
    return tuple(added_to), favourite_added
