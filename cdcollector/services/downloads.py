"""The downloads service: the UI's and CLI's API to the persisted, parallel download queue."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from cdcollector.domain.errors import CatalogError, NotFoundError
from cdcollector.domain.types import DownloadState, ScoredCandidate, TrackRef
from cdcollector.downloads import job_store
from cdcollector.downloads.engine import DownloadEngine
from cdcollector.downloads.job_runner import candidate_url
from cdcollector.downloads.library_join import attach
from cdcollector.downloads.plan import JobRequest, expand_album, expand_artist, plan_requests
from cdcollector.library.models import DownloadJob
from cdcollector.services.context import AppContext
from cdcollector.services.download_provider import DownloadProvider, make_provider
from cdcollector.services.download_views import DownloadJobView, DownloadSummary, ReviewCandidate


class DownloadService:
    def __init__(self, ctx: AppContext, provider: DownloadProvider | None = None,
                 parallel: int | None = None, engine_options: dict | None = None):
        self.ctx = ctx
        self._provider = provider
        self._provider_lock = threading.Lock()
        self.engine = DownloadEngine(ctx, self._resolve, parallel=parallel,
                                     review_threshold=ctx.settings.match_review_threshold,
                                     **(engine_options or {}))
        self.engine.start()

    @property
    def provider(self) -> DownloadProvider:
        with self._provider_lock:
            if self._provider is None:
                self._provider = make_provider()
            return self._provider

    def _resolve(self, ref: TrackRef) -> list[ScoredCandidate]:
        return self.provider.resolve(ref)

    def _catalog(self):
        catalog = self.provider.catalog
        if catalog is None:
            raise CatalogError("No catalogue is available to list albums and artists.")
        return catalog

    # --- adding ---------------------------------------------------------------------------

    def enqueue(self, refs: Sequence[TrackRef], playlist_id: int | None = None,
                favourite: bool = False) -> list[int]:
        """Queue what the library lacks (one job per recording); tracks already on disk go
        straight to the playlist/favourites. Returns the ids of the jobs."""
        with self.ctx.db.write_session() as session:
            plan = plan_requests(session, refs, playlist_id, favourite)
            touched: set[int] = set()
            favourites: list[int] = []
            for existing in plan.existing:
                added, fav = attach(session, existing.track_id,
                                    [playlist_id] if playlist_id else [], favourite)
                touched.update(added)
                if fav:
                    favourites.append(existing.track_id)
        for pid in touched:
            self.ctx.emit("playlist_changed", pid)
        for track_id in favourites:
            self.ctx.emit("favourite_changed", "track", track_id, True)
        return self.engine.enqueue(plan.new) if plan.new else []

    def enqueue_album(self, album_id: str, playlist_id: int | None = None,
                      favourite: bool = False) -> list[int]:
        return self.enqueue(expand_album(self._catalog(), album_id), playlist_id, favourite)

    def enqueue_artist(self, artist_id: str, playlist_id: int | None = None,
                       favourite: bool = False) -> list[int]:
        return self.enqueue(expand_artist(self._catalog(), artist_id), playlist_id, favourite)

    # --- reading --------------------------------------------------------------------------

    def list_jobs(self) -> list[DownloadJobView]:
        return [self._view(job) for job in job_store.all_jobs(self.ctx.db)]

    def job(self, job_id: int) -> DownloadJobView:
        job = job_store.get(self.ctx.db, job_id)
        if job is None:
            raise NotFoundError(f"Download {job_id} does not exist.")
        return self._view(job)

    def summary(self) -> DownloadSummary:
        counts: dict[str, int] = {}
        for job in job_store.all_jobs(self.ctx.db):
            counts[job.state] = counts.get(job.state, 0) + 1
        active = sum(n for state, n in counts.items() if DownloadState(state).is_active)
        return DownloadSummary(active=active, queued=counts.get("queued", 0),
                               failed=counts.get("failed", 0),
                               needs_review=counts.get("needs_review", 0),
                               done=counts.get("done", 0))

    def _view(self, job: DownloadJob) -> DownloadJobView:
        ref = JobRequest.from_json(job.request_json, job.dedupe_key).ref
        live = self.engine.live(job.id)
        state = DownloadState(job.state)
        scored = job_store.candidates_from_json(job.candidates_json)
        # Offered in review, or what the matcher's own pick beat (not after a pick by hand).
        explained = state == DownloadState.NEEDS_REVIEW or (
            bool(scored) and job.video_id == scored[0].candidate.video_id)
        candidates = tuple(
            ReviewCandidate(video_id=s.candidate.video_id, url=candidate_url(s.candidate.video_id),
                            title=s.candidate.title, channel=s.candidate.channel,
                            artists=tuple(s.candidate.artists),
                            duration_s=s.candidate.duration_s, score=s.score,
                            reasons=tuple(s.reasons), breakdown=s.parts)
            for s in scored
        ) if explained else ()
        return DownloadJobView(
            id=job.id, title=ref.title, artist=ref.artist_display, album=ref.album, state=state,
            progress=live.fraction if live and state.is_active else job.progress,
            speed_bps=live.speed_bps if live and state.is_active else None,
            eta_s=live.eta_s if live and state.is_active else None,
            score=job.match_score, error=job.error, expected_duration_s=ref.duration_s,
            candidates=candidates, target_path=job.target_path, attempts=job.attempts,
        )

    # --- controlling ----------------------------------------------------------------------

    def pause_all(self) -> None:
        self.engine.pause_all()

    def resume_all(self) -> None:
        self.engine.resume_all()

    @property
    def paused(self) -> bool:
        return self.engine.paused

    def cancel(self, job_id: int) -> None:
        self.engine.cancel(job_id)

    def retry(self, job_id: int) -> None:
        self.engine.retry(job_id)

    def remove(self, job_id: int) -> None:
        self.engine.remove(job_id)

    def retry_failed(self) -> list[int]:
        return self.engine.retry_failed()

    def choose(self, job_id: int, video_id_or_url: str) -> None:
        self.engine.choose(job_id, video_id_or_url)

    def wait_idle(self, timeout: float | None = None) -> bool:
        return self.engine.wait_idle(timeout)

    def wait_settled(self, job_ids: Sequence[int], timeout: float) -> bool:
        return self.engine.wait_settled(set(job_ids), timeout)

    def shutdown(self) -> None:
        self.engine.shutdown()
