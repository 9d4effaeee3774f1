"""Backups at start-up: made only before a migration that runs, never lost to a failed start."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic import command

from cdcollector.domain.errors import LibraryError
from cdcollector.library import db as dbmod
from cdcollector.library.backups import BACKUPS_KEPT
from cdcollector.library.db import Database

FUTURE = "9999_from_a_newer_version"


def backups(db_path):
    return sorted(db_path.parent.glob(f"{db_path.stem}.backup-*{db_path.suffix}"))


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_revision(database: Database, revision: str) -> None:
    config = dbmod._alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def library_with_real_backups(path, count: int):
    """A library at head that was migrated `count` times, each time after a real backup."""
    Database.open(path).close()
    for _ in range(count):
        database = Database.open(path)
        set_revision(database, "0001")
        database.close()
        Database.open(path).close()
    made = backups(path)
    assert len(made) == count
    return made


def stamp_revision(path, revision: str) -> None:
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()


def test_a_library_from_a_newer_version_is_refused_untouched_and_keeps_every_backup(tmp_path):
    path = tmp_path / "library.sqlite3"
    real = library_with_real_backups(path, BACKUPS_KEPT)
    stamp_revision(path, FUTURE)
    before = digest(path)

    for _attempt in range(BACKUPS_KEPT + 1):
        with pytest.raises(LibraryError) as caught:
            Database.open(path)
        message = str(caught.value)
        assert "newer" in message and str(path) in message
        assert "\n" not in message

    assert backups(path) == real  # none made, none rotated out
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


def test_a_failed_migration_leaves_its_backup_and_deletes_none(tmp_path):
    path = tmp_path / "library.sqlite3"
    real = library_with_real_backups(path, BACKUPS_KEPT)
    database = Database.open(path)
    set_revision(database, "0002")
    with database.engine.begin() as connection:  # 0003 will fail: its column is already there
        connection.exec_driver_sql("ALTER TABLE sync_source ADD COLUMN refused_reason VARCHAR")
    database.close()

    attempts = BACKUPS_KEPT + 1
    for _attempt in range(attempts):
        with pytest.raises(LibraryError) as caught:
            Database.open(path)
        message = str(caught.value)
        assert "\n" not in message
        assert "backup-" in message  # where the copy made before the attempt is

    kept = backups(path)
    assert set(real) <= set(kept)  # every earlier backup is still there
    assert len(kept) == len(real) + attempts
    with sqlite3.connect(path) as con:  # nothing was restored or stamped behind the user's back
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    con.close()


def test_no_backup_when_no_migration_will_run(tmp_path):
    path = tmp_path / "library.sqlite3"
    Database.open(path).close()
    for _attempt in range(3):
        Database.open(path).close()
    assert backups(path) == []
