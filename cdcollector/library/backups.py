"""Copies of the library file: made before a migration, listed, pruned and restored."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from cdcollector.domain.errors import LibraryError
from cdcollector.domain.types import LibraryBackup
from cdcollector.library.revisions import known_revisions

log = logging.getLogger(__name__)
BACKUPS_KEPT = 3  # after a successful migration; a failed start never deletes one
_STAMP = "%Y%m%d-%H%M%S-%f"
_SIDE_FILES = ("-wal", "-shm")


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime(_STAMP)


def _copy(source: Path, target: Path, source_readonly: bool = True) -> None:
    """A consistent copy through SQLite's backup API (it includes what is still in the WAL)."""
    uri = f"{source.resolve().as_uri()}?mode=ro" if source_readonly else str(source)
    with closing(sqlite3.connect(uri, uri=source_readonly, timeout=10)) as src, \
            closing(sqlite3.connect(target, timeout=10)) as dest:
        src.backup(dest)


def _backups(db_path: Path) -> list[Path]:
    """Oldest first (the names carry a sortable UTC stamp)."""
    return sorted(db_path.parent.glob(f"{db_path.stem}.backup-*{db_path.suffix}"))


def make_backup(db_path: Path, now: datetime | None = None) -> Path | None:
    """Copy the library before a migration touches it; None when there is nothing to keep."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    target = db_path.with_name(f"{db_path.stem}.backup-{_stamp(now)}{db_path.suffix}")
    _copy(db_path, target)
    return target


def prune_backups(db_path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Keep the newest `keep` backups; called only once a migration has succeeded."""
    for stale in _backups(db_path)[:-keep]:
        stale.unlink(missing_ok=True)


def read_schema(path: Path) -> str | None:
    """The schema revision stored in a library file; None when it has none or is unreadable."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def list_backups(db_path: Path) -> list[LibraryBackup]:
    """Newest first."""
    found = []
    for path in reversed(_backups(db_path)):
        stamp = path.name[len(db_path.stem) + len(".backup-"):-len(db_path.suffix) or None]
        try:
            made_at = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            made_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        found.append(LibraryBackup(str(path), made_at, read_schema(path), path.stat().st_size))
    return found


def _check_restorable(backup: Path) -> None:
    if not backup.is_file():
        raise LibraryError(f"No such backup: {backup}.")
    try:
        with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as con:
            verdict = con.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise LibraryError(f"The backup {backup} cannot be read ({exc}); choose another.") from exc
    if verdict != "ok":
        raise LibraryError(f"The backup {backup} is damaged too; choose another.")
    schema = read_schema(backup)
    if schema is None:
        raise LibraryError(f"{backup} is not a CD-Collector library backup.")
    if schema not in known_revisions():
        raise LibraryError(f"The backup {backup} was made by a newer CD-Collector; "
                           "choose another, or update CD-Collector.")


def _keep_aside(db_path: Path, aside: Path) -> None:
    """Copy the current library aside; a damaged one byte for byte, with its WAL."""
    try:
        _copy(db_path, aside)
    except sqlite3.DatabaseError:
        aside.unlink(missing_ok=True)
        shutil.copy2(db_path, aside)
        for side in _SIDE_FILES:
            if Path(f"{db_path}{side}").is_file():
                shutil.copy2(f"{db_path}{side}", f"{aside}{side}")


def _put_in_place(backup: Path, db_path: Path) -> None:
    """Write the backup's pages into the library, in place, so open connections see them; a
    file SQLite cannot open is replaced instead (it has been kept aside)."""
    try:
        _copy(backup, db_path)
        return
    except sqlite3.DatabaseError as exc:
        log.warning("Cannot restore into %s in place (%s); replacing the file", db_path, exc)
    fresh = db_path.with_name(f".{db_path.name}.restoring")
    fresh.unlink(missing_ok=True)
    _copy(backup, fresh)
    for side in _SIDE_FILES:  # a WAL left beside the new file would be replayed into it
        Path(f"{db_path}{side}").unlink(missing_ok=True)
    os.replace(fresh, db_path)


def restore_backup(db_path: Path, backup: Path, now: datetime | None = None) -> Path | None:
    """Make `backup` the library; the current file is kept aside (never deleted) and returned."""
    _check_restorable(backup)
    aside = None
    try:
        if db_path.is_file():
            aside = db_path.with_name(
                f"{db_path.stem}.before-restore-{_stamp(now)}{db_path.suffix}")
            _keep_aside(db_path, aside)
        _put_in_place(backup, db_path)
    except OSError as exc:
        raise LibraryError(f"Could not restore {backup.name}: {exc.strerror or exc}.") from exc
    except sqlite3.Error as exc:
        raise LibraryError(f"Could not restore {backup.name}: {exc}.") from exc
    log.info("Restored %s from %s; the previous library is at %s", db_path, backup, aside)
    return aside
