"""Libraries a start can trip over: a newer schema, garbage pages, an invalid setting."""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from pathlib import Path

NEWER_SCHEMA = "9999_from_a_newer_version"


def stamp_newer_schema(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as con, con:
        con.execute("UPDATE alembic_version SET version_num = ?", (NEWER_SCHEMA,))


def write_garbage_pages(db_path: Path, tables=("track", "playlist")) -> None:
    """Overwrite the root pages of `tables` with random bytes; the schema page stays readable,
    so the library opens and the damage shows in the first query that reads those tables."""
    with closing(sqlite3.connect(db_path)) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        roots = [con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                             (name,)).fetchone()[0] for name in tables]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    noise = random.Random(13)
    with open(db_path, "r+b") as handle:
        for root in roots:
            handle.seek((root - 1) * page_size)
            handle.write(noise.randbytes(page_size))


def write_invalid_setting(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(json.dumps({"parallel_downloads": 99}), encoding="utf-8")
