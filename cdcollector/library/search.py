"""Full-text search over the library (FTS5): prefix, diacritics-insensitive, ANDed, ranked."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session

from cdcollector.domain.bounds import finite_duration
from cdcollector.domain.types import TrackRow

# What FTS5's unicode61 tokenizer keeps as word characters: letters, digits, combining marks
# (folded away) and private-use characters; "_", emoji and symbols separate words there too.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\ue000-\uf8ff])+")
MAX_TERMS = 12
# bm25 weights per column: a title hit counts most, then artist, then album.
_RANK = "bm25(track_fts, 10.0, 5.0, 2.0)"
RANK_CAP = 1000  # matches ranked per query; see search_tracks

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
        duration_s=finite_duration(row[4]),  # rows written by older versions may be absurd
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
    """Best matches first; an empty query lists the library alphabetically.

    Ranking is exact while a query has at most RANK_CAP matches. A query with more (one or two
    letters typed in a big library) ranks its first RANK_CAP matches (in the order the tracks
    were added) and lists the rest after them in that order: ranking 100,000 rows on every
    keystroke costs ~100 ms, and the next keystroke narrows the set anyway.
    """
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
        return [row_to_track(r) for r in rows]
    found: list = []
    if offset < RANK_CAP:
        ranked_limit = min(limit, RANK_CAP - offset)
        found = session.execute(
            text(
                # Rank and cut to one page first, then join: joining every capped match
                # before sorting costs more than the ranking itself.
                f"SELECT {TRACK_ROW_COLUMNS} FROM (SELECT id, score FROM ("
                f"SELECT rowid AS id, {_RANK} AS score FROM track_fts "
                "WHERE track_fts MATCH :q ORDER BY rowid LIMIT :cap) "
                "ORDER BY score, id LIMIT :limit OFFSET :offset) hit "
                "JOIN track t ON t.id = hit.id ORDER BY hit.score, hit.id"
            ),
            {"q": query, "cap": RANK_CAP, "limit": ranked_limit, "offset": offset},
        ).all()
        if len(found) < ranked_limit or offset + limit <= RANK_CAP:
            return [row_to_track(r) for r in found]
    # FTS5 yields matches in rowid order, so skipping RANK_CAP of them skips the ranked ones.
    tail_offset = max(offset, RANK_CAP)
    found += session.execute(
        text(
            f"SELECT {TRACK_ROW_COLUMNS} FROM track_fts f JOIN track t ON t.id = f.rowid "
            "WHERE track_fts MATCH :q ORDER BY f.rowid LIMIT :limit OFFSET :offset"
        ),
        {"q": query, "limit": offset + limit - tail_offset, "offset": tail_offset},
    ).all()
    return [row_to_track(r) for r in found]


def count_tracks(session: Session, user_text: str) -> int:
    query = fts_query(user_text)
    if query is None:
        return session.execute(text("SELECT count(*) FROM track")).scalar_one()
    return session.execute(
        text("SELECT count(*) FROM track_fts WHERE track_fts MATCH :q"), {"q": query}
    ).scalar_one()
