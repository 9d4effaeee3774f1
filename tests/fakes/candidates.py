"""A CandidateSource that replays recorded YouTube Music searches (dev_cases.json shapes)."""

from __future__ import annotations

from cdcollector.domain.types import Candidate, TrackQuery


def candidate_from(result: dict, found_by: str) -> Candidate:
    return Candidate(
        video_id=result["video_id"],
        title=result["title"],
        artists=list(result.get("artists") or []),
        album=result.get("album"),
        duration_s=result.get("duration_s"),
        views=result.get("views"),
        result_type=result.get("result_type") or "video",
        explicit=result.get("explicit"),
        channel=result.get("channel"),
        found_by=found_by,
    )


def query_from(case: dict) -> TrackQuery:
    t = case["track"]
    return TrackQuery(
        title=t["title"],
        artists=list(t["artists"]),
        album=t.get("album"),
        duration_s=t.get("duration_s"),
        isrc=t.get("isrc"),
        explicit=t.get("explicit"),
    )


class ReplaySource:
    """Answers by_isrc/by_text from one case's recorded searches; unrecorded searches find nothing.

    `calls` lists every (kind, query) asked, so tests can check the flow's order and early stop.
    """

    def __init__(self, searches: list[dict]):
        self._isrc: dict[str, list[dict]] = {}
        self._text: dict[tuple[str, str], list[dict]] = {}
        for search in searches:
            if search["kind"] == "isrc":
                self._isrc[search["query"].casefold()] = search["results"]
            else:
                self._text[(search["query"].casefold(), search["filter"])] = search["results"]
        self.calls: list[tuple[str, str]] = []

    def by_isrc(self, isrc: str) -> list[Candidate]:
        self.calls.append(("isrc", isrc))
        return [candidate_from(r, "isrc") for r in self._isrc.get(isrc.casefold(), [])]

    def by_text(self, query: str, kind: str) -> list[Candidate]:
        self.calls.append((kind, query))
        results = self._text.get((query.casefold(), kind), [])
        return [candidate_from(r, "text") for r in results]
