"""The persisted download queue: short-session reads and writes of `download_job` rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import or_
from sqlmodel import Session, col, select

from cdcollector.domain.types import Candidate, DownloadState, ScoredCandidate, ScorePart
from cdcollector.downloads.ownership import LEASE
from cdcollector.downloads.plan import JobRequest
from cdcollector.library.db import Database
from cdcollector.library.models import DownloadJob, MatchChoice

ACTIVE_STATES = [s.value for s in DownloadState if s.is_active]
RETRYABLE_STATES = [DownloadState.FAILED.value, DownloadState.CANCELLED.value,
                    DownloadState.NEEDS_REVIEW.value]


def _now() -> datetime:
    return datetime.now(UTC)


def add_requests(db: Database, requests: Iterable[JobRequest]) -> list[int]:
    """One job per request; a request for a recording already queued (or failed) joins that job
    (its playlists and favourite are merged) instead of creating another."""
    ids: list[int] = []
    with db.write_session() as session:
        for request in requests:
            job = session.exec(
                select(DownloadJob).where(DownloadJob.dedupe_key == request.key)
                .where(DownloadJob.state != DownloadState.DONE.value)
                .order_by(col(DownloadJob.id))
            ).first()
            if job is None:
                job = DownloadJob(request_json=request.to_json(), dedupe_key=request.key,
                                  playlist_id=request.playlist_ids[0] if request.playlist_ids
                                  else None, favourite=request.favourite)
                session.add(job)
            else:
                merged = JobRequest.from_json(job.request_json, job.dedupe_key)
                merged.playlist_ids += [p for p in request.playlist_ids
                                        if p not in merged.playlist_ids]
                merged.favourite = merged.favourite or request.favourite
                job.request_json = merged.to_json()
                job.favourite = merged.favourite
                job.playlist_id = job.playlist_id or (merged.playlist_ids or [None])[0]
                if job.state in (DownloadState.FAILED, DownloadState.CANCELLED):
                    _requeue(job)
            session.flush()
            ids.append(job.id)
    return ids


def _requeue(job: DownloadJob) -> None:
    job.state = DownloadState.QUEUED.value
    job.error = None
    job.progress = 0.0
    job.updated_at = _now()


def get(db: Database, job_id: int) -> DownloadJob | None:
    with db.session() as session:
        return session.get(DownloadJob, job_id)


def all_jobs(db: Database) -> list[DownloadJob]:
    with db.session() as session:
        return list(session.exec(select(DownloadJob).order_by(col(DownloadJob.id))))


def _unclaimed(now: datetime):
    """Jobs no engine holds: never claimed, released, or with a lease that ran out."""
    return or_(col(DownloadJob.owner).is_(None), col(DownloadJob.lease_until) < now)


def _claimable(now: datetime, exclude: set[int]):
    query = select(DownloadJob).where(DownloadJob.state == DownloadState.QUEUED.value,
                                      _unclaimed(now))
    if exclude:
        query = query.where(col(DownloadJob.id).not_in(exclude))
    return query.order_by(col(DownloadJob.id))


def next_queued(db: Database, now: datetime, exclude: set[int]) -> DownloadJob | None:
    """The queued job an engine would claim next (None: nothing left for anyone to start)."""
    with db.session() as session:
        return session.exec(_claimable(now, exclude)).first()


def claim_next(db: Database, owner: str, now: datetime, exclude: set[int]
               ) -> DownloadJob | None:
    """Take the oldest claimable queued job for `owner`, leased until now + LEASE. One
    immediate transaction: two processes can never claim the same job."""
    with db.write_session() as session:
        job = session.exec(_claimable(now, exclude)).first()
        if job is not None:
            job.owner, job.lease_until = owner, now + LEASE
        return job


def renew(db: Database, owner: str, job_ids: Iterable[int], now: datetime) -> set[int]:
    """Extend `owner`'s leases on these jobs; returns the ids it still holds."""
    with db.write_session() as session:
        jobs = session.exec(select(DownloadJob).where(
            col(DownloadJob.id).in_(list(job_ids)), DownloadJob.owner == owner)).all()
        for job in jobs:
            job.lease_until = now + LEASE
        return {job.id for job in jobs}


def release(db: Database, owner: str, job_id: int) -> None:
    with db.write_session() as session:
        job = session.get(DownloadJob, job_id)
        if job is not None and job.owner == owner:
            job.owner = job.lease_until = None


def settled(db: Database, job_ids: Iterable[int]) -> bool:
    """None of these jobs waits or runs any more (each is over, needs review, or is gone)."""
    with db.session() as session:
        states = session.exec(select(DownloadJob.state).where(
            col(DownloadJob.id).in_(list(job_ids)))).all()
    return all(DownloadState(s).is_final or s == DownloadState.NEEDS_REVIEW for s in states)


def update(db: Database, job_id: int, held_by: str | None = None, **values) -> bool:
    """Set columns of one job; False when the job is gone (removed meanwhile) or, with
    `held_by`, no longer that engine's (its lease was taken over, or another process
    cancelled it): a running job's writes never overwrite what someone else decided."""
    with db.write_session() as session:
        job = session.get(DownloadJob, job_id)
        if job is None or (held_by is not None and job.owner != held_by):
            return False
        for name, value in values.items():
            setattr(job, name, value.value if isinstance(value, DownloadState) else value)
        job.updated_at = _now()
        return True


def reset_interrupted(db: Database, now: datetime, gone: Callable[[str], bool]
                      ) -> list[DownloadJob]:
    """Jobs whose engine died go back to the queue; returns them. A job is left alone while
    its owner's lease holds, unless `gone(owner)` knows that owner has exited."""
    with db.write_session() as session:
        jobs = [job for job in session.exec(select(DownloadJob).where(or_(
                    col(DownloadJob.state).in_(ACTIVE_STATES),
                    col(DownloadJob.owner).is_not(None))))
                if job.owner is None or _aware(job.lease_until) < now or gone(job.owner)]
        resumed = []
        for job in jobs:
            job.owner = job.lease_until = None
            if job.state in ACTIVE_STATES:
                _requeue(job)
                # A name chosen but never filled must not later pass for this job's file.
                if job.target_path and not Path(job.target_path).is_file():
                    job.target_path = None
                resumed.append(job)
        return resumed


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def requeue(db: Database, job_ids: Iterable[int] | None = None) -> list[int]:
    """Failed, cancelled or needs-review jobs (the given ones, or all failed) back to the queue."""
    with db.write_session() as session:
        query = select(DownloadJob)
        if job_ids is None:
            query = query.where(DownloadJob.state == DownloadState.FAILED.value)
        else:
            query = query.where(col(DownloadJob.id).in_(list(job_ids))).where(
                col(DownloadJob.state).in_(RETRYABLE_STATES))
        jobs = list(session.exec(query))
        for job in jobs:
            _requeue(job)
            job.attempts += 1
            # A retry matches afresh (a remembered choice still wins over the search).
            job.source_url = job.video_id = job.match_score = job.candidates_json = None
            job.target_path = None
        return [job.id for job in jobs]


def delete(db: Database, job_id: int) -> None:
    with db.write_session() as session:
        job = session.get(DownloadJob, job_id)
        if job is not None:
            session.delete(job)


def candidates_to_json(scored: Iterable[ScoredCandidate]) -> str:
    return json.dumps([{"score": round(s.score, 1), "reasons": list(s.reasons),
                        "parts": [[p.what, p.points] for p in s.parts],
                        **{k: getattr(s.candidate, k) for k in Candidate.__dataclass_fields__}}
                       for s in scored], ensure_ascii=False)


def candidates_from_json(text: str | None) -> list[ScoredCandidate]:
    result = []
    for item in json.loads(text or "[]"):
        fields = {k: item.get(k) for k in Candidate.__dataclass_fields__ if k in item}
        fields["artists"] = list(fields.get("artists") or [])
        fields["artist_ids"] = tuple(str(i) for i in fields.get("artist_ids") or ())
        parts = tuple(ScorePart(str(what), float(points))
                      for what, points in item.get("parts") or ())
        result.append(ScoredCandidate(Candidate(**fields), float(item.get("score", 0)),
                                      tuple(item.get("reasons") or ()), parts))
    return result


def remembered_choice(session: Session, key: str) -> MatchChoice | None:
    return session.exec(select(MatchChoice).where(MatchChoice.track_key == key)).first()


def remember_choice(db: Database, key: str, video_id: str, url: str) -> None:
    with db.write_session() as session:
        choice = remembered_choice(session, key)
        if choice is None:
            session.add(MatchChoice(track_key=key, video_id=video_id, source_url=url))
        else:
            choice.video_id, choice.source_url, choice.chosen_at = video_id, url, _now()
