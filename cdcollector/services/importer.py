"""Import service: folder import for the UI and the CLI, with progress and events on the bus."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.types import ImportSummary
from cdcollector.library import importer
from cdcollector.services.context import AppContext

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.1  # at most 10 progress events a second reach the bus


class ImportService:
    def __init__(self, ctx: AppContext, workers: int | None = None):
        self.ctx = ctx
        self.workers = workers  # None: one per core

    def import_paths(self, paths: list[str], progress=None, cancel: CancelToken | None = None
                     ) -> ImportSummary:
        """Import files and folders; remembers the folders; safe to call from a worker thread.

        `progress(done, total, path)` is called for every group of files read.
        """
        last_emit = [0.0]

        def report(done: int, total: int, path: str) -> None:
            if progress is not None:
                progress(done, total, path)
            now = time.monotonic()
            if done >= total or now - last_emit[0] >= PROGRESS_INTERVAL_S:
                last_emit[0] = now
                self.ctx.emit("import_progress", done, total, path)

        summary = importer.import_paths(self.ctx.db, paths, progress=report, cancel=cancel,
                                        workers=self.workers)
        log.info("Import of %s: %d scanned, %d added, %d updated, %d moved, %d missing, "
                 "%d skipped%s", paths, summary.scanned, summary.added, summary.updated,
                 summary.moved, summary.removed, len(summary.skipped),
                 " (cancelled)" if summary.cancelled else "")
        self._remember_folders(paths)
        if summary.added or summary.updated or summary.moved or summary.removed:
            self.ctx.emit("library_changed")
        self.ctx.emit("import_finished", summary)
        return summary

    def library_folders(self) -> tuple[str, ...]:
        return self.ctx.settings.library_folders

    def rescan(self, progress=None, cancel: CancelToken | None = None) -> ImportSummary:
        """Import every remembered folder again (those that still exist)."""
        folders = [f for f in self.library_folders() if Path(f).is_dir()]
        return self.import_paths(folders, progress=progress, cancel=cancel)

    def _remember_folders(self, paths: list[str]) -> None:
        folders = list(self.ctx.settings.library_folders)
        for raw in paths:
            folder = Path(raw).expanduser().resolve()
            if folder.is_dir() and str(folder) not in folders:
                folders.append(str(folder))
        if tuple(folders) != self.ctx.settings.library_folders:
            self.ctx.update_settings(library_folders=tuple(folders))
