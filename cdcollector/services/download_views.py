"""What the Downloads pane and the CLI see of a job: plain frozen values, never DB rows."""

from __future__ import annotations

from dataclasses import dataclass

from cdcollector.domain.types import DownloadState, ScorePart


@dataclass(frozen=True)
class ReviewCandidate:
    """One recording offered in "Needs review"."""

    video_id: str
    url: str
    title: str
    channel: str | None
    artists: tuple[str, ...]
    duration_s: float | None
    score: float
    reasons: tuple[str, ...] = ()  # the matcher's explanation of the score
    breakdown: tuple[ScorePart, ...] = ()  # the same, with the points each part gave


@dataclass(frozen=True)
class DownloadJobView:
    id: int
    title: str
    artist: str
    album: str | None
    state: DownloadState
    progress: float  # 0–1
    speed_bps: float | None
    eta_s: float | None
    score: float | None
    error: str | None
    expected_duration_s: float | None
    candidates: tuple[ReviewCandidate, ...] = ()  # offered in review; what a pick beat
    target_path: str | None = None
    attempts: int = 0


@dataclass(frozen=True)
class DownloadSummary:
    active: int
    queued: int
    failed: int
    needs_review: int
    done: int

    @property
    def line(self) -> str:
        parts = [f"{self.active} active", f"{self.queued} queued", f"{self.failed} failed"]
        if self.needs_review:
            parts.append(f"{self.needs_review} to review")
        return ", ".join(parts)
