"""Database engine, SQLite pragmas, short sessions, and migrations run at start-up."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from cdcollector.domain.errors import LibraryError

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*['\"]?([\w-]+|None)['\"]?\s*$", re.M)
BACKUPS_KEPT = 3


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


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False, "timeout": 10},
    )
    event.listen(engine, "connect", _apply_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _alembic_config(engine: Engine):
    # No ini file: fileConfig() would otherwise reset the application's loggers.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", str(engine.url))
    return config


def head_revision() -> str | None:
    """The newest migration, read from the revision files' text.

    Alembic itself (≈0.15 s to import) is only loaded when a migration is due, which keeps
    every ordinary start fast. The migration tests check this against Alembic's own answer.
    """
    revisions, parents = set(), set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION_LINE.findall(script.read_text("utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision"))
    heads = revisions - parents
    if len(heads) > 1:
        raise LibraryError(f"The library's migrations have several heads: {sorted(heads)}.")
    return next(iter(heads), None)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_database(db_path: Path) -> Path | None:
    """Copy the DB (consistently, through SQLite's backup API) before a migration touches it."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = db_path.with_name(f"{db_path.stem}.backup-{stamp}{db_path.suffix}")
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    old = sorted(db_path.parent.glob(f"{db_path.stem}.backup-*{db_path.suffix}"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def migrate(engine: Engine, backup_of: Path | None = None) -> bool:
    """Upgrade to head, first backing up `backup_of` (an existing DB file). True if it ran."""
    if current_revision(engine) == head_revision():
        return False
    from alembic import command

    config = _alembic_config(engine)
    if backup_of is not None:
        backup = backup_database(backup_of)
        if backup:
            log.info("Backed up %s to %s before migrating", backup_of, backup)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
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
        except Exception as exc:
            engine.dispose()
            raise LibraryError(f"Could not open the library at {db_path}: {exc}") from exc
        return cls(db_path, engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on error, always closed."""
        with self._unit(self.engine) as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that reads what it will write: one immediate transaction, so another
        process's write can neither slip in between nor be overwritten (WAL readers go on)."""
        with self._unit(self.engine.execution_options(immediate=True)) as session:
            yield session

    @staticmethod
    @contextmanager
    def _unit(bind) -> Iterator[Session]:
        session = Session(bind, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

    def schema_version(self) -> str | None:
        return current_revision(self.engine)

    def close(self) -> None:
        self.engine.dispose()
