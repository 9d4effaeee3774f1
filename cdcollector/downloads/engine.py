"""The download queue engine: a QThreadPool running persisted jobs with pause, cancel, retry."""

from __future__ import annotations

import functools
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QThreadPool, Signal

from cdcollector.domain.types import DownloadState
from cdcollector.downloads import job_store
from cdcollector.downloads.job_runner import (
    JobRunner,
    JobToken,
    Resolver,
    RunnerDeps,
    candidate_url,
    video_id_of,
)
from cdcollector.downloads.library_join import Joined
from cdcollector.downloads.matching import REVIEW_THRESHOLD
from cdcollector.downloads.ownership import RENEW_EVERY_S, new_owner_id, owner_gone, utc_now
from cdcollector.downloads.plan import JobRequest

log = logging.getLogger(__name__)
DB_PROGRESS_INTERVAL_S = 0.5  # at most two progress writes a second per job


@dataclass(frozen=True)
class LiveProgress:
    fraction: float
    speed_bps: float | None
    eta_s: float | None


class DownloadEngine(QObject):
    job_changed = Signal(int)
    jobs_changed = Signal()
    idle = Signal()  # nothing running and nothing left to start

    def __init__(self, ctx, resolver: Resolver, parallel: int | None = None,
                 review_threshold: float = REVIEW_THRESHOLD, fetcher=None, cover_fetcher=None,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__()
        self.ctx = ctx
        self.owner = new_owner_id()
        self._clock = clock
        extra = {k: v for k, v in (("fetcher", fetcher), ("cover_fetcher", cover_fetcher)) if v}
        self.deps = RunnerDeps(ctx.db, ctx.settings, ctx.paths.download_temp_dir, resolver,
                               review_threshold, self.owner, **extra)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(parallel or ctx.settings.parallel_downloads)
        self._lock = threading.RLock()
        self._idle_cond = threading.Condition(self._lock)
        self._running: dict[int, JobToken] = {}
        self._remove_after: set[int] = set()
        self._live: dict[int, LiveProgress] = {}
        self._last_write: dict[int, float] = {}
        self._paused = False
        self._stopped = False
        self._stop_renewing = threading.Event()
        self._renewer: threading.Thread | None = None

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Resume jobs whose engine died, clear their temp folders, start queued jobs.

        Any number of engines (the window, the CLI, a sync, the bot) may share one library:
        each claims queued jobs one at a time, so no job runs twice, and a job another live
        engine runs is left to it."""
        self.deps.temp_root.mkdir(parents=True, exist_ok=True)
        self._recover()
        held = {f"job-{job.id}" for job in job_store.all_jobs(self.ctx.db) if job.owner}
        for folder in self.deps.temp_root.iterdir():
            if folder.name not in held:
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    folder.unlink(missing_ok=True)
        self._renewer = threading.Thread(target=self._renew_loop, name="download-leases",
                                         daemon=True)
        self._renewer.start()
        self._pump()

    def tick(self) -> None:
        """Renew this engine's leases, recover jobs of engines that died, start what waits."""
        with self._lock:
            running = dict(self._running)
        held = job_store.renew(self.ctx.db, self.owner, running, self._clock())
        for job_id in running.keys() - held:
            self._stop_lost(job_id)
        self._recover()
        self._pump()

    def _recover(self) -> None:
        resumed = job_store.reset_interrupted(self.ctx.db, self._clock(), owner_gone)
        if resumed:
            log.info("Resuming %d interrupted downloads", len(resumed))
            self._changed_list()

    def _renew_loop(self) -> None:
        while not self._stop_renewing.wait(RENEW_EVERY_S):
            try:
                self.tick()
            except Exception:  # a locked or vanished library must not end the renewals
                log.exception("Renewing download leases failed")

    def shutdown(self, wait_s: float = 30.0) -> None:
        """Stop starting jobs; running ones stop and go back to the queue for the next start."""
        with self._lock:
            self._stopped = True
            for token in self._running.values():
                token.requeue = True
                token.cancel()
        self._pool.waitForDone(int(wait_s * 1000))
        self._stop_renewing.set()
        if self._renewer is not None:
            self._renewer.join()
            self._renewer = None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def parallel(self) -> int:
        return self._pool.maxThreadCount()

    def set_parallel(self, count: int) -> None:
        self._pool.setMaxThreadCount(max(1, count))
        self._pump()

    # --- queue operations -----------------------------------------------------------------

    def enqueue(self, requests: list[JobRequest]) -> list[int]:
        ids = job_store.add_requests(self.ctx.db, requests)
        self._changed_list()
        self._pump()
        return ids

    def pause_all(self) -> None:
        with self._lock:
            self._paused = True
            for token in self._running.values():
                token.requeue = True
                token.cancel()

    def resume_all(self) -> None:
        with self._lock:
            self._paused = False
        self._pump()

    def cancel(self, job_id: int) -> None:
        with self._lock:
            token = self._running.get(job_id)
            if token is not None:
                token.cancel()
                return
        job = job_store.get(self.ctx.db, job_id)
        if job is not None and not DownloadState(job.state).is_final:
            # Another process may be running it: taking its lease away stops it there.
            job_store.update(self.ctx.db, job_id, state=DownloadState.CANCELLED, progress=0.0,
                             owner=None, lease_until=None)
            self._changed(job_id)

    def retry(self, job_id: int) -> None:
        if job_store.requeue(self.ctx.db, [job_id]):
            self._changed(job_id)
        self._pump()

    def retry_failed(self) -> list[int]:
        ids = job_store.requeue(self.ctx.db)
        for job_id in ids:
            self._changed(job_id)
        self._pump()
        return ids

    def remove(self, job_id: int) -> None:
        with self._lock:
            token = self._running.get(job_id)
            if token is not None:
                self._remove_after.add(job_id)
                token.cancel()
                return
        job_store.delete(self.ctx.db, job_id)
        self._live.pop(job_id, None)
        self._changed_list()

    def choose(self, job_id: int, video_id_or_url: str) -> None:
        """The user's pick for a job in review: remembered for the track, then downloaded."""
        job = job_store.get(self.ctx.db, job_id)
        if job is None:
            return
        video_id = video_id_of(video_id_or_url)
        url = candidate_url(video_id_or_url if "://" in video_id_or_url else video_id)
        job_store.remember_choice(self.ctx.db, job.dedupe_key, video_id, url)
        with self._lock:
            if job_id in self._running:
                return
        job_store.update(self.ctx.db, job_id, state=DownloadState.QUEUED, source_url=url,
                         video_id=video_id, match_score=100.0, error=None, progress=0.0)
        self._changed(job_id)
        self._pump()

    def live(self, job_id: int) -> LiveProgress | None:
        return self._live.get(job_id)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job runs or waits to start (for the CLI and tests)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle_cond:
            while not self._is_idle():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._idle_cond.wait(0.2 if left is None else min(left, 0.2))
            return True

    def wait_settled(self, job_ids: set[int], timeout: float) -> bool:
        """Block until these jobs are over or need review, whichever engine runs them."""
        deadline = time.monotonic() + timeout
        with self._idle_cond:
            while not job_store.settled(self.ctx.db, job_ids):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle_cond.wait(min(left, 0.2))
            return True

    # --- internals ------------------------------------------------------------------------

    def _is_idle(self) -> bool:
        if self._running:
            return False
        if self._paused or self._stopped:
            return True
        return job_store.next_queued(self.ctx.db, self._clock(), set()) is None

    def _pump(self) -> None:
        with self._lock:
            while (not self._paused and not self._stopped
                   and len(self._running) < self._pool.maxThreadCount()):
                job = job_store.claim_next(self.ctx.db, self.owner, self._clock(),
                                           set(self._running))
                if job is None:
                    break
                log.info("Download %d claimed by %s", job.id, self.owner)
                self._launch(job.id)
            if self._is_idle():
                self._idle_cond.notify_all()
                self.idle.emit()

    def _launch(self, job_id: int) -> None:
        token = JobToken()
        runner = JobRunner(self.deps, job_id, token, self._on_state, self._on_progress,
                           self._on_joined)
        self._running[job_id] = token
        self._pool.start(functools.partial(self._run_job, runner))

    def _run_job(self, runner: JobRunner) -> None:
        """On a pool thread. The runner reports through the _on_* methods below on that
        thread too; the Qt signals they emit reach widgets through queued connections."""
        try:
            runner.run()
        finally:
            self._on_finished(runner.job_id)

    def _on_state(self, job_id: int, state: DownloadState) -> None:
        if state.is_final or state in (DownloadState.NEEDS_REVIEW, DownloadState.QUEUED):
            self._live.pop(job_id, None)
        self._last_write[job_id] = time.monotonic()
        self._changed(job_id)

    def _on_progress(self, job_id: int, fraction: float, speed: float | None,
                     eta: float | None) -> None:
        self._live[job_id] = LiveProgress(fraction, speed, eta)
        now = time.monotonic()
        if now - self._last_write.get(job_id, 0.0) >= DB_PROGRESS_INTERVAL_S:
            self._last_write[job_id] = now
            if not job_store.update(self.ctx.db, job_id, held_by=self.owner, progress=fraction):
                self._stop_lost(job_id)  # cancelled or taken over by another process
            self._changed(job_id)

    def _stop_lost(self, job_id: int) -> None:
        with self._lock:
            token = self._running.get(job_id)
        if token is not None and not token.cancelled:
            log.warning("Download %d was cancelled or taken over elsewhere; stopping here", job_id)
            token.cancel()

    def _on_joined(self, joined: Joined) -> None:
        self.ctx.emit("library_changed")
        for playlist_id in joined.playlists:
            self.ctx.emit("playlist_changed", playlist_id)
        if joined.favourite_added:
            self.ctx.emit("favourite_changed", "track", joined.track_id, True)

    def _on_finished(self, job_id: int) -> None:
        with self._lock:
            self._running.pop(job_id, None)
            self._last_write.pop(job_id, None)
            remove = job_id in self._remove_after
            self._remove_after.discard(job_id)
        job_store.release(self.ctx.db, self.owner, job_id)
        if remove:
            self.remove(job_id)
        self._pump()

    def _changed(self, job_id: int) -> None:
        self.job_changed.emit(job_id)
        self.ctx.emit("download_job_changed", job_id)

    def _changed_list(self) -> None:
        self.jobs_changed.emit()
        self.ctx.emit("downloads_changed")
