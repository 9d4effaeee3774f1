"""Migrations at start-up: fresh DB to head, second start a no-op, backup first and only then."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import select

from cdcollector.library import db as dbmod
from cdcollector.library.backups import BACKUPS_KEPT
from cdcollector.library.db import Database, migrate
from cdcollector.library.models import Track


def head_revision(engine) -> str:
    return ScriptDirectory.from_config(dbmod._alembic_config(engine)).get_current_head()


def backups(db_path):
    return sorted(db_path.parent.glob(f"{db_path.stem}.backup-*{db_path.suffix}"))


def downgrade_to_base(database: Database) -> None:
    config = dbmod._alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")


def test_fresh_database_migrates_to_head_with_every_table(tmp_path):
    path = tmp_path / "lib.sqlite3"
    database = Database.open(path)
    try:
        assert database.schema_version() == head_revision(database.engine)
        with database.engine.connect() as conn:
            names = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"))}
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        for table in ("artist", "album", "track", "playlist", "playlist_entry", "favourite",
                      "download_job", "sync_source", "sync_run", "burn_job", "track_fts",
                      "track_fts_ai", "track_fts_au", "track_fts_ad"):
            assert table in names
        assert backups(path) == []  # nothing existed, nothing to back up
    finally:
        database.close()


def test_second_start_is_a_no_op_without_backup(tmp_path):
    path = tmp_path / "lib.sqlite3"
    Database.open(path).close()
    database = Database.open(path)
    try:
        assert migrate(database.engine, backup_of=path) is False
        assert backups(path) == []
    finally:
        database.close()


def test_data_survives_a_restart(tmp_path):
    path = tmp_path / "lib.sqlite3"
    database = Database.open(path)
    with database.session() as session:
        session.add(Track(title="Jóga", artist_name="Björk"))
    database.close()
    database = Database.open(path)
    try:
        with database.session() as session:
            assert [t.title for t in session.exec(select(Track))] == ["Jóga"]
    finally:
        database.close()


def test_backup_is_made_before_migrating_an_existing_database(tmp_path):
    path = tmp_path / "lib.sqlite3"
    database = Database.open(path)
    downgrade_to_base(database)
    with database.engine.begin() as conn:  # something of the user's the backup must keep
        conn.execute(text("CREATE TABLE keepsake (note TEXT)"))
        conn.execute(text("INSERT INTO keepsake VALUES ('before the upgrade')"))
    assert database.schema_version() is None
    database.close()

    reopened = Database.open(path)
    try:
        assert reopened.schema_version() == head_revision(reopened.engine)
        made = backups(path)
        assert len(made) == 1
        backup = sqlite3.connect(made[0])
        try:
            # The copy is the database as it was before the migration ran.
            assert backup.execute("SELECT note FROM keepsake").fetchall() == [
                ("before the upgrade",)]
            tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}
            assert "track" not in tables
        finally:
            backup.close()
    finally:
        reopened.close()

    Database.open(path).close()  # at head now: no further backup
    assert len(backups(path)) == 1


def test_old_backups_are_pruned(tmp_path):
    path = tmp_path / "lib.sqlite3"
    for _ in range(BACKUPS_KEPT + 2):
        database = Database.open(path)
        downgrade_to_base(database)
        database.close()
    Database.open(path).close()
    assert len(backups(path)) == BACKUPS_KEPT
