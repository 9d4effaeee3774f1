"""Database engine, SQLite pragmas, short sessions, and migrations run at start-up."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from cdcollector.domain.bounds import echo
from cdcollector.domain.disk import disk_problem
from cdcollector.domain.errors import (
    DiskError,
    LibraryDamagedError,
    LibraryError,
    LibraryTooNewError,
)
from cdcollector.library.backups import make_backup, prune_backups
from cdcollector.library.revisions import MIGRATIONS_DIR, head_revision, known_revisions

log = logging.getLogger(__name__)
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
RESTORE_HINT = "restore a backup (Settings → Restore a backup…, or `cdcollector library restore`)"


def _apply_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _begin(connection) -> None:
    # pysqlite starts transactions lazily, at the first write, so a read-modify-write reads
    # outside any transaction; connections marked "immediate" take the write lock up front.
    if connection.get_execution_options().get("immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_damage(exc: BaseException | None) -> bool:
    """SQLite's own verdict that a file is corrupt or no database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


def damaged(db_path: Path, exc: BaseException) -> LibraryDamagedError:
    return LibraryDamagedError(f"The library at {db_path} is damaged ({exc}): {RESTORE_HINT}.")


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False, "timeout": 10},
    )

    def name_damage(context) -> None:
        # Corrupt pages may surface in any query, long after the library opened.
        if is_damage(context.original_exception):
            raise damaged(db_path, context.original_exception)

    event.listen(engine, "connect", _apply_pragmas)
    event.listen(engine, "handle_error", name_damage)
    event.listen(engine, "begin", _begin)
    return engine


def _alembic_config(engine: Engine):
    # No ini file: fileConfig() would otherwise reset the application's loggers.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", str(engine.url))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, backup_of: Path | None = None) -> bool:
    """Upgrade to head, first backing up `backup_of` (an existing DB file). True if it ran.

    A library from a newer version is refused before anything is copied or written; old
    backups are pruned only after a migration succeeded, so no failed start costs one.
    """
    where = backup_of or engine.url.database
    current = current_revision(engine)
    if current == head_revision():
        return False
    if current is not None and current not in known_revisions():
        raise LibraryTooNewError(
            f"This library was written by a newer CD-Collector (schema {echo(current)}) and "
            f"was left untouched: update CD-Collector, or {RESTORE_HINT}. It is at {where}.")
    from alembic import command

    config = _alembic_config(engine)
    backup = make_backup(backup_of) if backup_of is not None else None
    if backup:
        log.info("Backed up %s to %s before migrating", backup_of, backup)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        log.exception("Migrating %s failed", where)
        reason = getattr(exc, "orig", None) or exc
        kept = f"; the copy made before the attempt is {backup}" if backup else ""
        raise LibraryError(f"Could not upgrade the library at {where} ({reason}){kept}.") from exc
    if backup_of is not None:
        prune_backups(backup_of)
    return True


@dataclass
class Database:
    """The open library: an engine plus short-lived sessions for every access."""

    path: Path
    engine: Engine

    @classmethod
    def open(cls, db_path: Path) -> Database:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        existed = db_path.is_file() and db_path.stat().st_size > 0
        engine = make_engine(db_path)
        try:
            migrate(engine, backup_of=db_path if existed else None)
        except LibraryError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            cause = getattr(exc, "orig", None) or exc
            if is_damage(cause):
                raise damaged(db_path, cause) from exc
            full = disk_problem(exc, db_path.parent)
            if full:
                raise DiskError(full) from exc
            raise LibraryError(f"Could not open the library at {db_path}: {cause}") from exc
        return cls(db_path, engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on error, always closed."""
        with self._unit(self.engine, self.path.parent) as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that reads what it will write: one immediate transaction, so another
        process's write can neither slip in between nor be overwritten (WAL readers go on)."""
        with self._unit(self.engine.execution_options(immediate=True),
                        self.path.parent) as session:
            yield session

    @staticmethod
    @contextmanager
    def _unit(bind, folder: Path) -> Iterator[Session]:
        session = Session(bind, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except Exception as exc:
            session.rollback()
            full = disk_problem(exc, folder) if isinstance(exc, DBAPIError) else None
            if full:
                raise DiskError(full) from exc
            raise
        finally:
            session.close()

    def check_integrity(self) -> None:
        """SQLite's quick check of every page; LibraryDamagedError when one is bad."""
        with self.engine.connect() as connection:
            verdict = connection.exec_driver_sql("PRAGMA quick_check").scalar()
        if verdict != "ok":
            raise damaged(self.path, LibraryDamagedError(" ".join(str(verdict).split())))

    def schema_version(self) -> str | None:
        return current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()
