"""`download --explain`: why the matcher picked each recording, part by part."""

from __future__ import annotations

from cdcollector.domain.types import DownloadState
from cdcollector.services.download_views import DownloadJobView, ReviewCandidate


def _parts(candidate: ReviewCandidate) -> str:
    if candidate.breakdown:
        return "; ".join(p.text for p in candidate.breakdown)
    return "; ".join(candidate.reasons) or "no breakdown kept"


def explain_lines(job: DownloadJobView, shown: int = 3) -> list[str]:
    """The winner (or, in review, the best offered) and what it beat, each with its parts."""
    label = f"{job.artist} - {job.title}" if job.artist else job.title
    if not job.candidates:
        return [f"{label}: no scores kept (chosen by hand, remembered, or not matched yet)"]
    picked = job.state != DownloadState.NEEDS_REVIEW
    lines = [f"{label}:" if picked else f"{label}: none was sure enough; best offered:"]
    for i, candidate in enumerate(job.candidates[:shown]):
        role = "picked" if picked and i == 0 else ("beat" if picked else "offered")
        source = candidate.channel or ", ".join(candidate.artists)
        lines.append(f"  {role:<7} {candidate.score:5.1f}  {candidate.title} [{source}] "
                     f"{candidate.url}")
        lines.append(f"          {_parts(candidate)}")
    return lines
