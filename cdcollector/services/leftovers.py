"""What a killed run or a full disk left behind, cleaned at the next start: the app's own
temporary files and burns still marked as running."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from cdcollector.domain.types import DownloadState
from cdcollector.downloads.job_runner import PLACING_SUFFIX
from cdcollector.library.models import BurnJob, DownloadJob
from cdcollector.library.work_lock import WorkLock, held_elsewhere
from cdcollector.paths import AppPaths
from cdcollector.services.context import AppContext

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted"
INTERRUPTED_REASON = "Interrupted (the app stopped); burn it again."
# The temporary names burning/image.py writes beside the finished image files.
IMAGE_TEMP_ENDINGS = (".bin.part", ".cue.part", ".toc.part")
ACTIVE_DOWNLOADS = tuple(s.value for s in DownloadState if s.is_active)


@dataclass(frozen=True)
class Cleaned:
    files: int = 0  # temporary files removed
    burns: int = 0  # burns marked interrupted


def burn_lock(paths: AppPaths, burn_job_id: int) -> WorkLock:
    """Held by the process that runs this burn, for as long as it runs."""
    return WorkLock(_locks_dir(paths) / f"burn-{burn_job_id}.lock")


def clean_leftovers(ctx: AppContext) -> Cleaned:
    """Remove the app's own leftovers and mark dead burns interrupted; runs off the UI thread.

    A burn another process (or this one) still runs keeps its row and its temporary files."""
    burns, image_dirs = _interrupt_dead_burns(ctx)
    files = 0
    if not _any_burn_running(ctx.paths):
        files += _remove(p for p in _listing(ctx.paths.burn_cache_dir) if p.name.endswith(".part"))
        for folder in image_dirs:
            files += _remove(p for p in _listing(folder) if p.name.startswith(".")
                             and p.name.endswith(IMAGE_TEMP_ENDINGS))
    files += _remove(_placing_leftovers(ctx))
    if files or burns:
        log.info("Cleaned up after an earlier run: %d temporary files, %d burns interrupted",
                 files, burns)
    return Cleaned(files, burns)


def _locks_dir(paths: AppPaths) -> Path:
    return paths.data_dir / "running"


def _any_burn_running(paths: AppPaths) -> bool:
    return any(held_elsewhere(lock) for lock in _listing(_locks_dir(paths))
               if lock.name.startswith("burn-"))


def _interrupt_dead_burns(ctx: AppContext) -> tuple[int, set[Path]]:
    """(burns marked interrupted, folders image burns wrote to)."""
    with ctx.db.session() as session:
        rows = session.exec(select(BurnJob.id, BurnJob.result, BurnJob.backend,
                                   BurnJob.output_path)).all()
    image_dirs = {Path(out) for _id, _result, backend, out in rows
                  if backend == "image" and out}
    dead = [job_id for job_id, result, _backend, _out in rows
            if result == "running" and not held_elsewhere(burn_lock(ctx.paths, job_id).path)]
    if dead:
        with ctx.db.session() as session:
            session.execute(
                update(BurnJob).where(col(BurnJob.id).in_(dead),
                                      col(BurnJob.result) == "running")
                .values(result=INTERRUPTED, error=INTERRUPTED_REASON,
                        finished_at=datetime.now(UTC)))
    return len(dead), image_dirs


def _placing_leftovers(ctx: AppContext) -> list[Path]:
    """Half-copied downloads in the music folder, except those of a download in progress."""
    music = ctx.settings.music_folder
    if not music or not os.path.isdir(music):
        return []
    with ctx.db.session() as session:
        placing = {path + PLACING_SUFFIX for path in session.exec(
            select(DownloadJob.target_path).where(col(DownloadJob.state).in_(ACTIVE_DOWNLOADS),
                                                  col(DownloadJob.target_path).is_not(None)))}
    found = []
    for folder, _dirs, names in os.walk(music):
        found.extend(Path(folder, n) for n in names
                     if n.endswith(PLACING_SUFFIX) and os.path.join(folder, n) not in placing)
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []


def _remove(paths) -> int:
    removed = 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("Could not remove the leftover %s: %s", path, exc.strerror or exc)
    return removed
