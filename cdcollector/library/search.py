"""Full-text search over the library (FTS5): prefix, diacritics-insensitive, ANDed, ranked."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session

from cdcollector.domain.types import TrackRow

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
# bm25 weights per column: a title hit counts most, then artist, then album.
_RANK = "bm25(track_fts, 10.0, 5.0, 2.0)"

TRACK_ROW_COLUMNS = (
    "t.id, t.title, t.artist_name, t.album_title, t.duration_s, t.format, t.path, t.isrc, "
    "t.track_number, t.disc_number, t.year, t.spotify_id, t.youtube_id, t.file_missing"
)


def fts_query(user_text: str) -> str | None:
    """Turn anything typed into a safe FTS5 expression: each word a quoted prefix, ANDed.

    Only word characters survive, so FTS syntax (quotes, NEAR, *, AND/OR, column filters)
    typed by the user is searched as plain words and can never raise a syntax error.
    """
    words = _WORD.findall(user_text or "")[:MAX_TERMS]
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def row_to_track(row) -> TrackRow:
    return TrackRow(
        id=row[0],
        title=row[1],
        artist=row[2] or "",
        album=row[3] or "",
        duration_s=row[4],
        format=row[5],
        path=row[6],
        isrc=row[7],
        track_number=row[8],
        disc_number=row[9],
        year=row[10],
        spotify_id=row[11],
        youtube_id=row[12],
        file_missing=bool(row[13]),
    )


def search_tracks(session: Session, user_text: str, limit: int = 100, offset: int = 0
                  ) -> list[TrackRow]:
    """Best matches first; an empty query lists the library alphabetically."""
    query = fts_query(user_text)
    if query is None:
        rows = session.execute(
            text(
                f"SELECT {TRACK_ROW_COLUMNS} FROM track t "
                "ORDER BY t.artist_name COLLATE NOCASE, t.album_title COLLATE NOCASE, "
                "t.disc_number, t.track_number, t.title COLLATE NOCASE LIMIT :limit OFFSET :offset"
            ),
            {"limit": limit, "offset": offset},
        )
    else:
        rows = session.execute(
            text(
                f"SELECT {TRACK_ROW_COLUMNS} FROM track_fts f JOIN track t ON t.id = f.rowid "
                f"WHERE track_fts MATCH :q ORDER BY {_RANK}, t.id LIMIT :limit OFFSET :offset"
            ),
            {"q": query, "limit": limit, "offset": offset},
        )
    return [row_to_track(r) for r in rows]


def count_tracks(session: Session, user_text: str) -> int:
    query = fts_query(user_text)
    if query is None:
        return session.execute(text("SELECT count(*) FROM track")).scalar_one()
    return session.execute(
        text("SELECT count(*) FROM track_fts WHERE track_fts MATCH :q"), {"q": query}
    ).scalar_one()
