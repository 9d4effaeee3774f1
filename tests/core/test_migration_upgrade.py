"""An existing 0001 library with data upgrades to head: data kept, index made, backup first."""

import sqlite3

from alembic import command

from cdcollector.library import db as dbmod
from cdcollector.library.db import Database


def test_a_0001_library_upgrades_keeping_its_tracks(tmp_path):
    path = tmp_path / "library.sqlite3"
    engine = dbmod.make_engine(path)
    config = dbmod._alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO track (title, artist_name, album_title, album_artist, "
                    "file_missing, added_at) VALUES ('Jóga', 'Björk', 'Homogenic', '', 0, "
                    "'2026-01-01 00:00:00')")

    database = Database.open(path)
    try:
        assert database.schema_version() == dbmod.head_revision()
    finally:
        database.close()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT title FROM track").fetchall() == [("Jóga",)]
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "ix_track_listing" in indexes
        columns = {r[1] for r in con.execute("PRAGMA table_info(sync_source)")}
        assert "refused_reason" in columns  # 0003: a mirror Spotify refuses for good
        assert con.execute("SELECT rowid FROM track_fts WHERE track_fts MATCH 'jog*'").fetchall()
    backups = list(tmp_path.glob("library.backup-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]


def test_head_read_from_the_files_is_alembics_head(tmp_path):
    from alembic.script import ScriptDirectory

    engine = dbmod.make_engine(tmp_path / "x.sqlite3")
    alembic_head = ScriptDirectory.from_config(dbmod._alembic_config(engine)).get_current_head()
    assert dbmod.head_revision() == alembic_head


def test_a_start_at_head_does_not_load_alembic(tmp_path):
    import subprocess
    import sys

    Database.open(tmp_path / "library.sqlite3").close()
    probe = ("import sys; from pathlib import Path; from cdcollector.library.db import Database;"
             f"Database.open(Path({str(tmp_path / 'library.sqlite3')!r})).close();"
             "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
