"""The import's batched inserts: every row stored, searchable and dated as the ORM would."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from cdcollector.library import import_store
from cdcollector.library.models import Track
from cdcollector.library.scanner import FoundFile
from cdcollector.library.search import search_tracks
from cdcollector.library.tag_reader import TagRecord

COUNT = import_store.MAX_ROWS_PER_INSERT * 2 + 37  # three statements, the last one short


def record(index: int) -> TagRecord:
    return TagRecord(title=f"Canción {index:04d}", artists=(f"Björk {index % 7}",),
                     album=f"Álbum {index % 11}", album_artist="", duration_s=200.0 + index,
                     track_number=index % 12 + 1, disc_number=None, year=1990 + index % 30,
                     genre=None, isrc=None, format="flac", bitrate_kbps=None)


def test_many_rows_in_a_few_statements_are_all_stored_and_indexed(ctx):
    rows = [import_store.record_fields(FoundFile(f"/music/{i:04d}.flac", 1000 + i, i),
                                       record(i)) for i in range(COUNT)]
    with ctx.db.session() as session:
        import_store.insert_tracks(session, rows)
    with ctx.db.session() as session:
        tracks = session.exec(select(Track).order_by(Track.id)).all()
        assert [t.path for t in tracks] == [r["path"] for r in rows]
        assert tracks[-1].title == f"Canción {COUNT - 1:04d}"
        assert tracks[5].artist_name == "Björk 5" and tracks[5].file_size == 1005
        assert isinstance(tracks[0].added_at, datetime)  # stored as the ORM stores dates
        assert len(search_tracks(session, "cancion", limit=10_000)) == COUNT
        threes = [i for i in range(COUNT) if i % 7 == 3 or i % 11 == 3]  # artist or album "3"
        assert len(search_tracks(session, "bjork 3 album", limit=10_000)) == len(threes)


def test_nothing_to_insert_is_a_no_op(ctx):
    with ctx.db.session() as session:
        import_store.insert_tracks(session, [])
        assert session.exec(select(Track)).all() == []
