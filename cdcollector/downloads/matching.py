"""The matcher: score YouTube Music candidates against a wanted track and search until confident."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from cdcollector.catalog.base import CandidateSource
from cdcollector.domain.types import Candidate, ScoredCandidate, TrackQuery
from cdcollector.downloads.normalize import (
    Title,
    fold,
    is_latin,
    name_tokens,
    split_title,
    versions_in,
)

REVIEW_THRESHOLD = 70.0  # below this the best candidate goes to "Needs review"
CONFIDENT_SCORE = 85.0  # the search flow stops asking once the best candidate reaches this

# Points (the sum of the main parts is 80; bonuses and penalties adjust it; 0–100 reported).
TITLE_POINTS = 35.0
ARTIST_POINTS = 20.0
DURATION_POINTS = 25.0
UNKNOWN_DURATION_POINTS = 10.0
OFFICIAL_MAX = 10.0
ISRC_TOP_BONUS = 30.0
VERSION_PENALTY = 30.0
TITLE_FLOOR = 50.0  # similarity that earns no title points
MIN_TITLE_SIMILARITY = 65.0  # below this it is another song


@dataclass(frozen=True)
class _Wanted:
    """The query, pre-normalised once for all candidates."""

    query: TrackQuery
    title: Title
    artists: tuple[tuple[str, ...], ...]
    credits: frozenset[str]
    asked: frozenset[str]  # versions the query itself names (title or album)
    album: str
    latin: bool


def _wanted(track: TrackQuery) -> _Wanted:
    artists = tuple(tuple(name_tokens(a)) for a in track.artists if fold(a))
    credits = frozenset(" ".join(a) for a in artists)
    title = split_title(track.title, set(credits))
    asked = set(title.versions)
    if track.album:
        asked |= versions_in(fold(track.album))
    return _Wanted(
        query=track,
        title=title,
        artists=artists,
        credits=credits,
        asked=frozenset(asked),
        album=split_title(track.album or "").base,
        latin=is_latin(" ".join(track.artists)),
    )


def rank(track: TrackQuery, candidates: Sequence[Candidate]) -> list[ScoredCandidate]:
    """Score candidates best first; candidates that must never be chosen are left out.

    The first candidate found by the ISRC query counts as the recording that carries the ISRC
    (YouTube Music lists the owner of an ISRC first), so candidates keep their search order.
    """
    wanted = _wanted(track)
    first_isrc = next((c.video_id for c in candidates if c.found_by == "isrc"), None)
    scored: list[tuple[float, int, ScoredCandidate]] = []
    seen: set[str] = set()
    for position, candidate in enumerate(candidates):
        if candidate.video_id in seen:
            continue
        seen.add(candidate.video_id)
        result = _score(wanted, candidate, candidate.video_id == first_isrc)
        if result is not None:
            raw, reasons = result
            shown = round(max(0.0, min(100.0, raw)), 1)
            scored.append((raw, -position, ScoredCandidate(candidate, shown, tuple(reasons))))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in scored]


def _score(w: _Wanted, c: Candidate, isrc_top: bool) -> tuple[float, list[str]] | None:
    """Raw score (may exceed 100 to order near-certain matches) and reasons, or None to drop."""
    reasons: list[str] = []
    own = {" ".join(name_tokens(a)) for a in c.artists if fold(a)}
    title = split_title(c.title, set(w.credits) | own)
    similarity = _title_similarity(w.title, title)
    by_isrc = c.found_by == "isrc"
    artist = _artist_score(w, c, title)
    # An ISRC hit by the right artist may carry a translated or romanised title.
    if similarity < MIN_TITLE_SIMILARITY and not (by_isrc and artist > 0):
        return None  # another song
    difference = _duration_difference(w.query.duration_s, c.duration_s)
    if difference is not None and difference > max(30.0, 0.2 * (w.query.duration_s or 0)):
        return None  # far off in duration: another recording or an extended cut
    if artist == 0.0 and not by_isrc and w.latin and is_latin(" ".join(c.artists)):
        return None  # same title by another artist

    raw = TITLE_POINTS * max(0.0, (similarity - TITLE_FLOOR) / (100 - TITLE_FLOOR))
    reasons.append(f"title {similarity:.0f}")
    raw += ARTIST_POINTS * artist
    reasons.append(f"artists {artist:.2f}")
    raw += _duration_points(difference, reasons)
    raw += _official_points(w, c, reasons)
    raw -= _version_penalty(w, c, title, reasons)
    sane = similarity >= 70 and (difference is None or difference <= 10)
    if isrc_top and sane and not title.versions - w.asked:
        raw += ISRC_TOP_BONUS
        reasons.append("carries the ISRC")
    raw += _small_points(w, c, reasons)
    return raw, reasons


def _title_similarity(wanted: Title, found: Title) -> float:
    best = fuzz.ratio(wanted.full, found.full)
    if wanted.base != wanted.full or found.base != found.full:
        best = max(best, fuzz.ratio(wanted.base, found.base) - 8)  # bracketed words differ
    if len(found.parts) > 1:
        best = max(best, max(fuzz.ratio(wanted.base, p) for p in found.parts) - 5)
    # "밤편지 (Through the Night)" on one side, "Through the Night" on the other.
    for extra in wanted.extras:
        best = max(best, fuzz.ratio(extra, found.base) - 8)
    for extra in found.extras:
        best = max(best, fuzz.ratio(wanted.base, extra) - 8)
    return float(best)


def _duration_difference(wanted: float | None, found: float | None) -> float | None:
    if not wanted or not found:
        return None
    return abs(wanted - found)


def _duration_points(difference: float | None, reasons: list[str]) -> float:
    if difference is None:
        reasons.append("duration unknown")
        return UNKNOWN_DURATION_POINTS
    reasons.append(f"duration ±{difference:.0f}s")
    # Full points within 2 s (rounding), nothing from 20 s on.
    return DURATION_POINTS * max(0.0, 1 - max(0.0, difference - 2) / 18)


def _present(tokens: tuple[str, ...], pool: set[str], joined: str) -> bool:
    """Is one artist (its name tokens) named in the pool of candidate words?"""
    glued = "".join(tokens)
    if len(glued) >= 4 and glued in joined:
        return True  # "billy joel" in "billyjoelvevo"
    hits = sum(
        1 for t in tokens
        if t in pool or (len(t) >= 4 and any(fuzz.ratio(t, p) >= 85 for p in pool))
    )
    return hits >= max(1, math.ceil(0.67 * len(tokens)))


def _artist_score(w: _Wanted, c: Candidate, title: Title) -> float:
    """Share of the wanted artists the candidate names: the first artist weighs 0.6."""
    if not w.artists:
        return 1.0
    names = [*c.artists, _channel_name(c.channel), title.features]
    if c.result_type != "song":
        names.append(c.title)  # a video's uploader is often a label; the title names the artist
    pool = {t for n in names if n for t in fold(n).split()}
    joined = "".join(fold(n).replace(" ", "") for n in names if n)
    found = [_present(a, pool, joined) for a in w.artists]
    if len(found) == 1:
        return 1.0 if found[0] else 0.0
    return 0.6 * found[0] + 0.4 * sum(found[1:]) / len(found[1:])


def _channel_name(channel: str | None) -> str:
    text = fold(channel or "")
    for suffix in (" topic", "vevo", " official"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    return text


def _official_points(w: _Wanted, c: Candidate, reasons: list[str]) -> float:
    points = 0.0
    if c.result_type == "song":
        points += 6
        reasons.append("song result")
    if c.channel and fold(c.channel).endswith(" topic"):
        points += 5
        reasons.append("Topic channel")
    channel = _channel_name(c.channel).replace(" ", "")
    if channel and any(channel == "".join(a) for a in w.artists):
        points += 5
        reasons.append("artist channel")
    return min(points, OFFICIAL_MAX)


def _version_penalty(w: _Wanted, c: Candidate, title: Title, reasons: list[str]) -> float:
    penalty = 0.0
    for version in sorted(title.versions - w.asked):
        penalty += VERSION_PENALTY
        reasons.append(f"{version} (not asked)")
    if c.album:
        for version in sorted(versions_in(fold(c.album)) - w.asked - title.versions):
            penalty += VERSION_PENALTY / 2
            reasons.append(f"album is {version}")
    for version in sorted(w.title.versions - title.versions - versions_in(fold(c.album or ""))):
        penalty += VERSION_PENALTY
        reasons.append(f"not the {version} version asked for")
    return min(penalty, 2 * VERSION_PENALTY)


def _small_points(w: _Wanted, c: Candidate, reasons: list[str]) -> float:
    points = 0.0
    if w.album and c.album and fuzz.ratio(w.album, split_title(c.album).base) >= 90:
        points += 3
        reasons.append("same album")
    if w.query.explicit is not None and c.explicit is not None:
        if w.query.explicit == c.explicit:
            points += 2
        else:
            points -= 3
            reasons.append("explicit flag differs")
    if c.views:
        points += 3 * min(1.0, max(0.0, (math.log10(c.views) - 3) / 5))
    return points


def search_and_rank(
    track: TrackQuery, source: CandidateSource, confident: float = CONFIDENT_SCORE
) -> list[ScoredCandidate]:
    """ISRC first, then "artists - title" among songs, then videos; stop once confident."""
    collected: dict[str, Candidate] = {}
    ranked: list[ScoredCandidate] = []
    text = f"{', '.join(track.artists)} - {track.title}".strip(" -").casefold()
    steps = []
    if track.isrc:
        steps.append(lambda: source.by_isrc(track.isrc))
    steps.append(lambda: source.by_text(text, "songs"))
    steps.append(lambda: source.by_text(text, "videos"))
    for step in steps:
        for candidate in step():
            collected.setdefault(candidate.video_id, candidate)
        ranked = rank(track, list(collected.values()))
        if ranked and ranked[0].score >= confident:
            break
    return ranked
