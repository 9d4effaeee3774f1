"""The import's database side: known files under the roots, batched inserts/updates, moves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from sqlite3 import SQLITE_LIMIT_VARIABLE_NUMBER

from sqlalchemy import bindparam, func, or_, select, update
from sqlmodel import Session
from sqlmodel import select as model_select

from cdcollector.library.models import Track
from cdcollector.library.scanner import FoundFile
from cdcollector.library.tag_reader import TagRecord

TRACK = Track.__table__
MOVE_DURATION_TOLERANCE_S = 0.05
MAX_ROWS_PER_INSERT = 500
# Fields a re-read may leave as they are when the file no longer says anything about them.
_KEEP_WHEN_EMPTY = ("album_title", "album_artist", "track_number", "disc_number", "year",
                    "genre", "isrc", "bitrate_kbps")


@dataclass(frozen=True)
class KnownFile:
    id: int
    path: str
    size: int | None
    mtime_ns: int | None
    missing: bool

    def unchanged(self, found: FoundFile) -> bool:
        return self.size == found.size and self.mtime_ns == found.mtime_ns


def load_known(session: Session, roots: list[Path]) -> dict[str, KnownFile]:
    """Library tracks whose file is (or was) under one of the roots, by path."""
    cols = (TRACK.c.id, TRACK.c.path, TRACK.c.file_size, TRACK.c.file_mtime_ns,
            TRACK.c.file_missing)
    known: dict[str, KnownFile] = {}
    rows = session.execute(select(*cols).where(_under(roots)))
    for row in rows:
        known[row.path] = KnownFile(row.id, row.path, row.file_size, row.file_mtime_ns,
                                    bool(row.file_missing))
    return known


def record_fields(found: FoundFile, rec: TagRecord) -> dict:
    return {
        "title": rec.title,
        "artist_name": rec.artist_display,
        "album_title": rec.album,
        "album_artist": rec.album_artist,
        "duration_s": rec.duration_s,
        "track_number": rec.track_number,
        "disc_number": rec.disc_number,
        "year": rec.year,
        "genre": rec.genre,
        "isrc": rec.isrc,
        "format": rec.format,
        "bitrate_kbps": rec.bitrate_kbps,
        "path": found.path,
        "file_size": found.size,
        "file_mtime_ns": found.mtime_ns,
        "file_missing": False,
    }


def insert_tracks(session: Session, rows: list[dict]) -> None:
    """Add new tracks (rows of `record_fields`), many rows per INSERT statement.

    Not one statement per row: each would also run the FTS trigger as a statement of its
    own, and FTS5 writes its pending index out at the end of every statement. A few
    multi-row statements make the same index about five times faster.
    """
    if not rows:
        return
    connection = session.connection()
    added_at = TRACK.c.added_at.type.bind_processor(connection.dialect)(datetime.now(UTC))
    columns = (*rows[0], "added_at")
    limit = connection.connection.driver_connection.getlimit(SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(MAX_ROWS_PER_INSERT, limit // len(columns)))
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start:start + per_statement]
        values = [value for row in chunk for value in (*row.values(), added_at)]
        connection.exec_driver_sql(
            f"INSERT INTO track ({', '.join(columns)}) VALUES "
            + ", ".join([row_marks] * len(chunk)),
            tuple(values),
        )


def update_tracks(session: Session, changes: dict[int, dict]) -> None:
    """Rewrite tracks from their files, keeping known values a file is silent about."""
    if not changes:
        return
    for track in session.exec(model_select(Track).where(Track.id.in_(list(changes)))):
        for name, value in changes[track.id].items():
            if name in _KEEP_WHEN_EMPTY and value in (None, ""):
                continue
            setattr(track, name, value)
    session.flush()


def set_missing(session: Session, track_ids: list[int], missing: bool) -> None:
    if track_ids:
        session.execute(
            update(TRACK).where(TRACK.c.id == bindparam("track_id")).values(file_missing=missing),
            [{"track_id": i} for i in track_ids],
        )


@dataclass(frozen=True)
class MoveCandidate:
    id: int
    path: str
    size: int
    title: str
    artist: str
    duration_s: float | None

    def matches(self, rec: TagRecord) -> bool:
        if self.title != rec.title or self.artist != rec.artist_display:
            return False
        if self.duration_s is None or rec.duration_s is None:
            return True
        return abs(self.duration_s - rec.duration_s) <= MOVE_DURATION_TOLERANCE_S


def _under(roots: list[Path]):
    """SQL condition: the track's path is one of the roots or inside one of the folders."""
    clauses = [TRACK.c.path.in_([str(r) for r in roots])]
    for root in roots:
        if not root.is_dir():
            continue
        prefix = str(root).rstrip(os.sep) + os.sep
        # A range on the indexed path: every string starting with `prefix` sorts inside it,
        # and unlike LIKE it needs no escaping of % or _ in folder names.
        upper = prefix[:-1] + chr(ord(os.sep) + 1)
        clauses.append((TRACK.c.path >= prefix) & (TRACK.c.path < upper))
    return or_(*clauses)


_CANDIDATE_COLS = (TRACK.c.id, TRACK.c.path, TRACK.c.file_size, TRACK.c.title,
                   TRACK.c.artist_name, TRACK.c.duration_s)


def _candidate(row) -> MoveCandidate:
    return MoveCandidate(row.id, row.path, row.file_size, row.title, row.artist_name,
                         row.duration_s)


def orphans(session: Session, gone_ids: set[int], present: set[str]
            ) -> dict[int, list[MoveCandidate]]:
    """Tracks whose file is known to be gone (flagged missing, or not found under the roots)."""
    by_size: dict[int, list[MoveCandidate]] = {}
    queries = [select(*_CANDIDATE_COLS).where(TRACK.c.file_missing.is_(True))]
    ids = sorted(gone_ids)
    queries += [select(*_CANDIDATE_COLS).where(TRACK.c.id.in_(ids[i:i + 500]))
                for i in range(0, len(ids), 500)]
    seen: set[int] = set()
    for query in queries:
        for row in session.execute(query):
            if row.id in seen or row.path in present or row.file_size is None:
                continue
            seen.add(row.id)
            by_size.setdefault(row.file_size, []).append(_candidate(row))
    return by_size


def count_outside(session: Session, roots: list[Path]) -> int:
    """Tracks with a file outside the roots (a new file may be one of them, moved in)."""
    query = select(func.count()).select_from(TRACK).where(
        TRACK.c.path.is_not(None), TRACK.c.file_missing.is_(False), ~_under(roots)
    )
    return session.execute(query).scalar_one()


def vanished_outside(session: Session, roots: list[Path], sizes: set[int]
                     ) -> dict[int, list[MoveCandidate]]:
    """Tracks of these sizes outside the roots whose file no longer exists."""
    by_size: dict[int, list[MoveCandidate]] = {}
    ordered = sorted(sizes)
    for i in range(0, len(ordered), 500):
        rows = session.execute(
            select(*_CANDIDATE_COLS).where(
                TRACK.c.file_size.in_(ordered[i:i + 500]), TRACK.c.path.is_not(None),
                TRACK.c.file_missing.is_(False), ~_under(roots),
            )
        )
        for row in rows:
            if not os.path.exists(row.path):
                by_size.setdefault(row.file_size, []).append(_candidate(row))
    return by_size
