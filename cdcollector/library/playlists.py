"""Playlist storage: rows to domain objects, ordered entry snapshots, and writing them back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlmodel import Session

from cdcollector.domain.bounds import MAX_DURATION_S
from cdcollector.domain.errors import NotFoundError
from cdcollector.domain.types import PlaylistEntryRow, PlaylistInfo, PlaylistOrigin, TrackRow
from cdcollector.library.models import Playlist, PlaylistEntry, Track, utcnow
from cdcollector.library.search import TRACK_ROW_COLUMNS, row_to_track

ENTRY = PlaylistEntry.__table__
PLAYLIST = Playlist.__table__
CHUNK = 500  # stays well below SQLite's bound-parameter limit


@dataclass(frozen=True)
class EntrySnap:
    """One slot as stored; `id` None means "not written yet"."""

    id: int | None
    track_id: int
    gap_after_s: float | None = None
    added_at: datetime | None = None


@dataclass(frozen=True)
class PlaylistSnap:
    """All it takes to put a playlist back exactly as it was (undo of delete, redo of create)."""

    id: int
    name: str
    description: str
    origin: str
    remote_id: str | None
    read_only: bool
    created_at: datetime
    entries: tuple[EntrySnap, ...]


def chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def get_playlist(session: Session, playlist_id: int) -> Playlist:
    playlist = session.get(Playlist, playlist_id)
    if playlist is None:
        raise NotFoundError(f"Playlist {playlist_id} does not exist.")
    return playlist


def playlist_infos(session: Session, playlist_id: int | None = None) -> list[PlaylistInfo]:
    """All playlists (or one) with track count and known total duration, sorted by name."""
    where = "WHERE p.id = :pid " if playlist_id is not None else ""
    rows = session.execute(
        text(
            "SELECT p.id, p.name, p.origin, p.read_only, p.description, "
            "count(e.id), coalesce(sum(CASE WHEN t.duration_s > 0 AND t.duration_s <= :max "
            "THEN t.duration_s END), 0) FROM playlist p "
            "LEFT JOIN playlist_entry e ON e.playlist_id = p.id "
            "LEFT JOIN track t ON t.id = e.track_id "
            f"{where}GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id"
        ),
        {"pid": playlist_id, "max": MAX_DURATION_S},
    )
    return [
        PlaylistInfo(
            id=r[0],
            name=r[1],
            origin=_origin(r[2]),
            read_only=bool(r[3]),
            description=r[4] or "",
            track_count=r[5],
            duration_s=float(r[6]),
        )
        for r in rows
    ]


def _origin(value: str) -> PlaylistOrigin:
    try:
        return PlaylistOrigin(value)
    except ValueError:
        return PlaylistOrigin.LOCAL


def playlist_info(session: Session, playlist_id: int) -> PlaylistInfo:
    infos = playlist_infos(session, playlist_id)
    if not infos:
        raise NotFoundError(f"Playlist {playlist_id} does not exist.")
    return infos[0]


def entry_rows(session: Session, playlist_id: int) -> list[PlaylistEntryRow]:
    rows = session.execute(
        text(
            f"SELECT {TRACK_ROW_COLUMNS}, e.id, e.position, e.gap_after_s "
            "FROM playlist_entry e JOIN track t ON t.id = e.track_id "
            "WHERE e.playlist_id = :pid ORDER BY e.position, e.id"
        ),
        {"pid": playlist_id},
    )
    return [
        PlaylistEntryRow(entry_id=r[14], position=r[15], track=row_to_track(r), gap_after_s=r[16])
        for r in rows
    ]


def track_rows(session: Session, track_ids: Sequence[int]) -> list[TrackRow]:
    """Library rows for these ids, in the order given (ids not found are left out)."""
    found: dict[int, TrackRow] = {}
    for part in chunks(list(dict.fromkeys(track_ids))):
        rows = session.execute(
            text(f"SELECT {TRACK_ROW_COLUMNS} FROM track t WHERE t.id IN :ids").bindparams(
                bindparam("ids", expanding=True)),
            {"ids": list(part)},
        )
        found.update((row[0], row_to_track(row)) for row in rows)
    return [found[i] for i in track_ids if i in found]


def read_entries(session: Session, playlist_id: int) -> list[EntrySnap]:
    rows = session.execute(
        select(ENTRY.c.id, ENTRY.c.track_id, ENTRY.c.gap_after_s, ENTRY.c.added_at)
        .where(ENTRY.c.playlist_id == playlist_id)
        .order_by(ENTRY.c.position, ENTRY.c.id)
    )
    return [EntrySnap(r[0], r[1], r[2], r[3]) for r in rows]


def existing_track_ids(session: Session, track_ids: Iterable[int]) -> set[int]:
    wanted = list(set(track_ids))
    found: set[int] = set()
    for part in chunks(wanted):
        found.update(session.execute(select(Track.id).where(Track.id.in_(part))).scalars())
    return found


def write_entries(session: Session, playlist_id: int, target: Sequence[EntrySnap]
                  ) -> list[EntrySnap]:
    """Make the playlist's entries exactly `target`, in order, positions 0..n-1.

    Entries of `target` with an id keep it when that id is theirs or free; the rest get new
    ids. Entries of the playlist not in `target` are deleted. Returns the stored result.
    """
    current = {
        r[0]: (r[1], r[2], r[3])
        for r in session.execute(
            select(ENTRY.c.id, ENTRY.c.track_id, ENTRY.c.position, ENTRY.c.gap_after_s)
            .where(ENTRY.c.playlist_id == playlist_id)
        )
    }
    wanted_ids = [e.id for e in target if e.id is not None and e.id not in current]
    taken = _taken_entry_ids(session, wanted_ids)
    keep = {e.id for e in target if e.id in current}
    gone = [i for i in current if i not in keep]
    for part in chunks(gone):
        session.execute(delete(ENTRY).where(ENTRY.c.id.in_(part)))
    now = utcnow()
    updates, inserts_with_id, inserts = [], [], []
    for position, entry in enumerate(target):
        values = {
            "playlist_id": playlist_id,
            "track_id": entry.track_id,
            "position": position,
            "gap_after_s": entry.gap_after_s,
        }
        if entry.id in keep:
            if current[entry.id] != (entry.track_id, position, entry.gap_after_s):
                updates.append({"eid": entry.id, **values})
            continue
        values["added_at"] = entry.added_at or now
        if entry.id is not None and entry.id not in taken:
            inserts_with_id.append({"id": entry.id, **values})
        else:
            inserts.append(values)
    if updates:
        session.connection().execute(
            update(ENTRY).where(ENTRY.c.id == bindparam("eid")).values(
                track_id=bindparam("track_id"),
                position=bindparam("position"),
                gap_after_s=bindparam("gap_after_s"),
            ),
            updates,
        )
    for rows in (inserts_with_id, inserts):
        if rows:
            session.execute(insert(ENTRY), rows)
    return read_entries(session, playlist_id)


def _taken_entry_ids(session: Session, ids: Sequence[int]) -> set[int]:
    taken: set[int] = set()
    for part in chunks(list(ids)):
        taken.update(session.execute(select(ENTRY.c.id).where(ENTRY.c.id.in_(part))).scalars())
    return taken


def without_lost_tracks(session: Session, entries: Sequence[EntrySnap]) -> list[EntrySnap]:
    """Drop entries whose track was deleted from the library since the snapshot was taken."""
    alive = existing_track_ids(session, (e.track_id for e in entries))
    return [e for e in entries if e.track_id in alive]


def snapshot(session: Session, playlist_id: int) -> PlaylistSnap:
    p = get_playlist(session, playlist_id)
    return PlaylistSnap(
        id=p.id,
        name=p.name,
        description=p.description,
        origin=p.origin,
        remote_id=p.remote_id,
        read_only=p.read_only,
        created_at=p.created_at,
        entries=tuple(read_entries(session, playlist_id)),
    )


def insert_playlist(session: Session, snap: PlaylistSnap) -> PlaylistSnap:
    """Create the playlist described by `snap` (keeping its id when free) with its entries."""
    playlist = Playlist(
        name=snap.name,
        description=snap.description,
        origin=snap.origin,
        remote_id=snap.remote_id,
        read_only=snap.read_only,
        created_at=snap.created_at,
    )
    if snap.id and session.get(Playlist, snap.id) is None:
        playlist.id = snap.id
    session.add(playlist)
    session.flush()
    entries = write_entries(session, playlist.id, without_lost_tracks(session, snap.entries))
    return replace(snap, id=playlist.id, entries=tuple(entries))


def delete_playlist(session: Session, playlist_id: int) -> None:
    session.execute(delete(ENTRY).where(ENTRY.c.playlist_id == playlist_id))
    session.execute(delete(PLAYLIST).where(PLAYLIST.c.id == playlist_id))


def touch(session: Session, playlist_id: int) -> None:
    session.execute(
        update(PLAYLIST).where(PLAYLIST.c.id == playlist_id).values(updated_at=utcnow())
    )


def names_in_use(session: Session) -> set[str]:
    return {n.casefold() for n in session.execute(select(PLAYLIST.c.name)).scalars()}
