"""One download job from queue to library: match, fetch, convert, tag, place, join (Qt-free)."""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.disk import naming_the_disk
from cdcollector.domain.errors import CancelledError, CollectorError, DownloadError
from cdcollector.domain.types import DownloadState, ScoredCandidate, TrackRef
from cdcollector.downloads import job_store
from cdcollector.downloads.fetch import check_url_allowed, fetch_audio, remove_job_dir
from cdcollector.downloads.library_join import Joined, join_library
from cdcollector.downloads.naming import NameFields, unique_target
from cdcollector.downloads.plan import JobRequest
from cdcollector.downloads.tagging import TrackTags, write_tags
from cdcollector.downloads.transcode import transcode
from cdcollector.library.db import Database
from cdcollector.library.models import DownloadJob
from cdcollector.settings import Settings

log = logging.getLogger(__name__)
Resolver = Callable[[TrackRef], list[ScoredCandidate]]
REVIEW_CANDIDATES = 5
PLACING_SUFFIX = ".cdcollector-part"  # a cross-device copy before its atomic rename
# Share of the progress bar each phase has finished at its start.
PHASE_PROGRESS = {DownloadState.CONVERTING: 0.9, DownloadState.TAGGING: 0.95}


def candidate_url(video_id: str) -> str:
    """A candidate's id is a YouTube video id, or (fakes, pasted links) already a URL."""
    if re.match(r"https?://", video_id):
        return video_id
    return f"https://music.youtube.com/watch?v={video_id}"


def video_id_of(url_or_id: str) -> str:
    match = re.search(r"(?:v=|youtu\.be/|/shorts/)([\w-]{11})", url_or_id)
    return match.group(1) if match else url_or_id.strip()


def tags_for(ref: TrackRef, source_url: str, cover: bytes | None) -> TrackTags:
    return TrackTags(title=ref.title, artists=ref.artists, album=ref.album,
                     album_artist=ref.album_artist, track_number=ref.track_number,
                     disc_number=ref.disc_number, year=ref.year, isrc=ref.isrc,
                     explicit=ref.explicit, source_url=source_url, cover=cover)


def name_fields(ref: TrackRef) -> NameFields:
    return NameFields(title=ref.title, artist=ref.artist_display, album=ref.album,
                      album_artist=ref.album_artist, track=ref.track_number,
                      disc=ref.disc_number, year=ref.year, isrc=ref.isrc)


def fetch_cover(url: str | None) -> bytes | None:
    """Cover art is a nice-to-have: any failure means no cover, never a failed job."""
    if not url:
        return None
    try:
        check_url_allowed(url)
        with urllib.request.urlopen(url, timeout=10) as response:
            data = response.read(10_000_000)
    except (OSError, CollectorError, ValueError) as exc:
        log.info("No cover from %s: %s", url, exc)
        return None
    return data if data[:3] == b"\xff\xd8\xff" or data[:4] == b"\x89PNG" else None


def move_into_place(source: Path, target: Path) -> None:
    """Atomic rename; across file systems copy beside the target first, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        staging = target.with_name(target.name + PLACING_SUFFIX)
        try:
            shutil.copyfile(source, staging)
            os.replace(staging, target)
        except BaseException:  # a full disk or a cancel leaves no half-copied file
            staging.unlink(missing_ok=True)
            raise


class JobToken(CancelToken):
    """A cancel token that also says whether the job goes back to the queue (pause, shutdown)."""

    def __init__(self) -> None:
        super().__init__()
        self.requeue = False


@dataclass
class RunnerDeps:
    db: Database
    settings: Settings
    temp_root: Path
    resolver: Resolver
    review_threshold: float
    owner: str | None = None  # the engine's owner id: every write of a running job checks it
    fetcher: Callable = fetch_audio
    cover_fetcher: Callable[[str | None], bytes | None] = fetch_cover
    placing_lock: threading.Lock = field(default_factory=threading.Lock)


class JobRunner:
    def __init__(self, deps: RunnerDeps, job_id: int, token: JobToken,
                 on_state: Callable[[int, DownloadState], None],
                 on_progress: Callable[[int, float, float | None, float | None], None],
                 on_joined: Callable[[Joined], None]):
        self.deps = deps
        self.job_id = job_id
        self.token = token
        self.on_state = on_state
        self.on_progress = on_progress
        self.on_joined = on_joined
        self.job_dir = deps.temp_root / f"job-{job_id}"

    def _set(self, state: DownloadState, **values) -> None:
        if state in PHASE_PROGRESS:
            values.setdefault("progress", PHASE_PROGRESS[state])
        if not self._write(state=state, **values):
            raise CancelledError("The job was removed, cancelled or taken over elsewhere.")
        self.on_state(self.job_id, state)

    def _write(self, **values) -> bool:
        return job_store.update(self.deps.db, self.job_id, held_by=self.deps.owner, **values)

    def run(self) -> DownloadState | None:
        job = job_store.get(self.deps.db, self.job_id)
        if job is None or job.state != DownloadState.QUEUED:
            return None
        request = JobRequest.from_json(job.request_json, job.dedupe_key)
        try:
            if job.target_path and Path(job.target_path).is_file():
                # Placed before a crash, not yet in the library: only the last step is left.
                return self._finish(request, Path(job.target_path))
            self._clear_staging(job)
            return self._pipeline(job, request)
        except CancelledError:
            state = DownloadState.QUEUED if self.token.requeue else DownloadState.CANCELLED
            if self._write(state=state, progress=0.0):
                self.on_state(self.job_id, state)
            return state
        except CollectorError as exc:
            return self._fail(str(exc))
        except Exception as exc:
            log.exception("Download job %s failed", self.job_id)
            return self._fail(f"Unexpected error: {exc}")
        finally:
            remove_job_dir(self.job_dir)

    def _fail(self, reason: str) -> DownloadState:
        if self._write(state=DownloadState.FAILED, error=reason):
            self.on_state(self.job_id, DownloadState.FAILED)
        return DownloadState.FAILED

    def _clear_staging(self, job: DownloadJob) -> None:
        if job.target_path:
            Path(job.target_path + PLACING_SUFFIX).unlink(missing_ok=True)

    def _pipeline(self, job: DownloadJob, request: JobRequest) -> DownloadState:
        deps, ref = self.deps, request.ref
        self._set(DownloadState.MATCHING, error=None, progress=0.0)
        match = self._match(job, request)
        if match is None:
            return DownloadState.NEEDS_REVIEW
        url, video_id, score = match
        self._set(DownloadState.DOWNLOADING, source_url=url, video_id=video_id,
                  match_score=score)
        fetched = deps.fetcher(url, self.job_dir, progress=self._download_progress,
                               token=self.token,
                               cookies_browser=deps.settings.youtube_cookies_browser or None)
        self.token.raise_if_cancelled()
        self._set(DownloadState.CONVERTING)
        with naming_the_disk(deps.temp_root):
            converted = transcode(fetched.path, self.job_dir, deps.settings.download_format,
                                  deps.settings.mp3_bitrate_kbps, self.token)
            self._set(DownloadState.TAGGING)
            write_tags(converted, tags_for(ref, url, deps.cover_fetcher(ref.cover_url)))
        self.token.raise_if_cancelled()
        with deps.placing_lock, naming_the_disk(deps.settings.music_folder):
            target = unique_target(deps.settings.music_folder, deps.settings.naming_template,
                                   name_fields(ref), converted.suffix)
            # Recorded first: after a crash right after the rename, restart finds the file.
            self._write(target_path=str(target))
            move_into_place(converted, target)
        return self._finish(request, target)

    def _finish(self, request: JobRequest, target: Path) -> DownloadState:
        joined = join_library(self.deps.db, request, target)
        self._set(DownloadState.DONE, progress=1.0, track_id=joined.track_id,
                  target_path=str(target), error=None)
        self.on_joined(joined)
        return DownloadState.DONE

    def _match(self, job: DownloadJob, request: JobRequest) -> tuple[str, str, float] | None:
        if job.source_url:  # chosen by the user, or matched before a restart
            return job.source_url, job.video_id or video_id_of(job.source_url), \
                job.match_score if job.match_score is not None else 100.0
        with self.deps.db.session() as session:
            choice = job_store.remembered_choice(session, request.key)
        if choice is not None:
            return choice.source_url or candidate_url(choice.video_id), choice.video_id, 100.0
        scored = self.deps.resolver(request.ref)
        self.token.raise_if_cancelled()
        if not scored:
            raise DownloadError("No recording of this track was found")
        best = scored[0]
        offered = job_store.candidates_to_json(scored[:REVIEW_CANDIDATES])
        if best.score < self.deps.review_threshold:
            self._set(DownloadState.NEEDS_REVIEW, match_score=best.score,
                      candidates_json=offered)
            return None
        # Kept for `download --explain`: why this one won, and what it beat.
        self._write(candidates_json=offered)
        return candidate_url(best.candidate.video_id), best.candidate.video_id, best.score

    def _download_progress(self, done: int, total: int | None, speed, eta) -> None:
        fraction = min(done / total, 1.0) * 0.9 if total else 0.0
        self.on_progress(self.job_id, fraction, speed, eta)
