"""Playlist imports grow linearly: twice the entries, about twice SQLite's work (issue 13, #9).

SQLite's own progress handler counts the virtual-machine steps every statement takes, so a
full table scan per entry (quadratic in total) shows without timing anything.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event

from cdcollector.services.playlists import PlaylistService

SMALL = 400
LINEAR = 2.6  # twice the entries may cost this much more (quadratic gives about 4)
STEP = 100  # VM instructions per progress-handler call


@dataclass
class Work:
    statements: int = 0
    steps: int = 0


@contextmanager
def sqlite_work(engine):
    work = Work()
    seen = []

    def tick() -> int:
        work.steps += STEP
        return 0  # 0 = carry on

    def counted(conn, _cursor, _statement, _params, _context, _many):
        work.statements += 1
        raw = conn.connection.driver_connection
        if raw not in seen:
            raw.set_progress_handler(tick, STEP)
            seen.append(raw)

    event.listen(engine, "before_cursor_execute", counted)
    try:
        yield work
    finally:
        event.remove(engine, "before_cursor_execute", counted)
        for raw in seen:
            raw.set_progress_handler(None, 0)


def cdc_doc(count: int) -> dict:
    """`count` entries: new tracks with ISRCs, Spotify ids or only text; every tenth repeats."""
    tracks = []
    for i in range(count):
        n = i - 1 if i % 10 == 9 else i
        tracks.append({
            "title": f"Song {n}", "artists": [f"Artist {n % 97}"], "album": f"Album {n % 31}",
            "duration_s": 120 + n % 200,
            "isrc": f"USABC{n:07}" if n % 3 == 0 else None,
            "external_ids": {"spotify": f"sp{n:020}" if n % 3 == 1 else None, "youtube": None},
            "path": None,
        })
    return {"format": "cdcplaylist", "version": 1, "name": f"{count} songs", "tracks": tracks}


def m3u_text(count: int, folder) -> str:
    lines = ["#EXTM3U"]
    for i in range(count):
        lines += [f"#EXTINF:{120 + i % 200},Artist {i % 97} - Song {i}",
                  str(folder / f"gone-{i}.flac")]
    return "\n".join(lines) + "\n"


def import_work(context, path) -> tuple[Work, int]:
    with sqlite_work(context.db.engine) as work:
        result = PlaylistService(context).import_file(path)
    return work, result.playlist.track_count


def assert_linear(small: Work, large: Work) -> None:
    assert large.steps <= LINEAR * small.steps, (small, large)
    assert large.statements <= LINEAR * small.statements, (small, large)


def test_cdcplaylist_import_work_grows_linearly(ctx, other_ctx, tmp_path):
    small_file, large_file = tmp_path / "small.cdcplaylist", tmp_path / "large.cdcplaylist"
    small_file.write_text(json.dumps(cdc_doc(SMALL)), encoding="utf-8")
    large_file.write_text(json.dumps(cdc_doc(2 * SMALL)), encoding="utf-8")
    small, small_count = import_work(ctx, small_file)
    large, large_count = import_work(other_ctx, large_file)
    assert (small_count, large_count) == (SMALL, 2 * SMALL)
    assert_linear(small, large)


def test_m3u_import_work_grows_linearly(ctx, other_ctx, tmp_path):
    small_file, large_file = tmp_path / "small.m3u8", tmp_path / "large.m3u8"
    small_file.write_text(m3u_text(SMALL, tmp_path / "gone"), encoding="utf-8")
    large_file.write_text(m3u_text(2 * SMALL, tmp_path / "gone"), encoding="utf-8")
    small, small_count = import_work(ctx, small_file)
    large, large_count = import_work(other_ctx, large_file)
    assert (small_count, large_count) == (SMALL, 2 * SMALL)
    assert_linear(small, large)
