"""The library's backups for the UI and CLI: list them, restore one (current file kept aside)."""

from __future__ import annotations

from pathlib import Path

from cdcollector.domain.types import LibraryBackup
from cdcollector.library import backups
from cdcollector.paths import AppPaths


class BackupService:
    """Works without an open library: a start that failed still offers its backups."""

    def __init__(self, paths: AppPaths):
        self.paths = paths

    def list(self) -> list[LibraryBackup]:
        """Newest first."""
        return backups.list_backups(self.paths.db_path)

    def restore(self, backup_path: str) -> str | None:
        """Restore one; returns where the previous library was kept (None: there was none)."""
        aside = backups.restore_backup(self.paths.db_path, Path(backup_path))
        return str(aside) if aside else None
