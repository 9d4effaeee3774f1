"""spotDL's published matching rules (utils/matching.py, providers/audio/base.py), re-written.

A reference for the tests only: the same recorded searches go through this and through our
matcher, and both top-1 rates are printed. Written from the rules' description; the structure
follows spotDL's steps so each can be checked against its source: artist match (main artist,
all artists, three fix-ups), name match, forbidden words, album and time match, the average,
and the search flow (ISRC; songs; videos; stop at a verified result scoring >= 80).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product, zip_longest

from anyascii import anyascii
from rapidfuzz import fuzz

from cdcollector.domain.types import Candidate, TrackQuery

FORBIDDEN_WORDS = ("bassboosted", "remix", "remastered", "remaster", "reverb", "bassboost",
                   "live", "acoustic", "8daudio", "concert", "acapella", "slowed",
                   "instrumental", "cover")


def slugify(text: str | None) -> str:
    """python-slugify's shape: ASCII, lower case, runs of other characters become one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text or "").lower().replace("'", "")).strip("-")


def ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b)


def song_title(track: TrackQuery) -> str:
    return f"{', '.join(track.artists)} - {track.title}" if track.artists else track.title


@dataclass(frozen=True)
class _Result:
    candidate: Candidate

    @property
    def name(self) -> str:
        return self.candidate.title

    @property
    def artists(self) -> list[str]:
        return self.candidate.artists

    @property
    def verified(self) -> bool:
        return self.candidate.result_type == "song"

    @property
    def isrc_search(self) -> bool:
        return self.candidate.found_by == "isrc"


def _based_sort(strings: list[str], based_on: list[str]) -> tuple[list[str], list[str]]:
    strings, based_on = sorted(strings), sorted(based_on)
    position = {value: i for i, value in enumerate(based_on)}
    return sorted(strings, key=lambda s: position.get(s, -1), reverse=True), based_on[::-1]


def _fill(artists: list[str], main: str, other: str) -> str:
    test, check = main.replace("-", ""), other.replace("-", "")
    for artist in artists:
        slug = slugify(artist).replace("-", "")
        if slug in check and slug not in test:
            main += f"-{slug}"
            test += slug
    return main


def _match_strings(track: TrackQuery, r: _Result) -> tuple[str, str]:
    one = slugify(r.name)
    two = slugify(track.title) if r.verified else slugify(song_title(track))
    one = _fill(track.artists, one, two)
    two = _fill(track.artists, two, one)
    a, b = _based_sort(one.split("-"), two.split("-"))
    return "-".join(a), "-".join(b)


def _main_artist(track: TrackQuery, r: _Result) -> float:
    if not r.artists:
        return 0.0
    song_artists = [slugify(a) for a in track.artists]
    _, result_artists = _based_sort(list(song_artists), [slugify(a) for a in r.artists])
    main = slugify(track.artists[0])
    if len(track.artists) > 1 and len(r.artists) == 1:
        score = 0.0
        result_main = "-".join(sorted(result_artists[0].split("-")))
        for artist in song_artists[1:]:
            if "-".join(sorted(artist.split("-"))) in result_main:
                score += 100 / len(track.artists)
        return score
    score = ratio(main, result_artists[0])
    if score < 50 and len(song_artists) > 1:
        for a, b in product(song_artists[:2], result_artists[:2]):
            score = max(score, ratio(a, b))
    return score


def _all_artists(track: TrackQuery, r: _Result) -> float:
    if len(track.artists) == 1 or not r.artists:
        return 0.0
    ones, twos = _based_sort([slugify(a) for a in track.artists],
                             [slugify(a) for a in r.artists])
    return sum(ratio(a or "", b or "") for a, b in zip_longest(ones, twos)) / len(ones)


def _fixup1(track: TrackQuery, r: _Result, score: float) -> float:
    if r.verified or score > 50:
        return score
    score = max(score, ratio(slugify(track.artists[0]),
                             slugify(", ".join(r.artists)) if r.artists else ""))
    if score <= 50:
        name = slugify(r.name).replace("-", "")
        hits = sum(1 for a in track.artists if slugify(a).replace("-", "") in name)
        score = max(score, hits / len(track.artists) * 100)
    return score


def _clean(words: list[str], text: str) -> str:
    text = slugify(text).replace("-", "")
    kept = [w for w in (slugify(w).replace("-", "") for w in words) if w not in text]
    return "-".join(sorted(kept))


def _fixup2(track: TrackQuery, r: _Result, score: float) -> float:
    if score > 70 or not r.verified:
        return score
    main = slugify(track.artists[0]).replace("-", "")
    result_name = slugify(r.name)
    result_artists = slugify(", ".join(r.artists)) if r.artists else ""
    has_main = (score / (2 if len(track.artists) > 1 else 1)) > 50
    one, two = _match_strings(track, r)
    if ratio(one, two) >= 75:
        score += 10
    if r.artists and len(r.artists) < len(track.artists) and main in (
            result_artists.replace("-", ""), result_name.replace("-", "")):
        score += 25
    if r.candidate.album and ratio(slugify(r.candidate.album), slugify(track.album)) >= 85:
        score += 10
    for artist in track.artists[int(has_main):]:
        if slugify(artist).replace("-", "") in two.replace("-", ""):
            score += 5
    if score <= 70:
        mine = _clean(track.artists, track.title)
        theirs = _clean(list(r.artists) or [r.candidate.channel or ""], r.name)
        score = max(score, ratio(mine, theirs))
    return score


def _fixup3(track: TrackQuery, r: _Result, score: float) -> float:
    if score > 70 or not r.artists or len(r.artists) > 1 or len(track.artists) == 1:
        return score
    fixed = ratio(slugify(r.name), slugify(f"{track.artists[0]} - {track.title}"))
    if fixed >= 80:
        score = (score + fixed) / 2
    return min(score, 100)


def _name(track: TrackQuery, r: _Result) -> float:
    one, two = _match_strings(track, r)
    a, b = _based_sort(slugify(r.name).split("-"), slugify(track.title).split("-"))
    score = ratio("-".join(a), "-".join(b))
    if score <= 75:
        score = max(score, ratio(one, two))
    return score


def _common_word(track: TrackQuery, r: _Result) -> bool:
    name = slugify(r.name).replace("-", "")
    return any(w and w in name for w in slugify(track.title).split("-"))


def order(track: TrackQuery, candidates: list[Candidate]) -> dict[str, tuple[float, Candidate]]:
    """video id -> (score, candidate) for the results spotDL keeps."""
    kept: dict[str, tuple[float, Candidate]] = {}
    song_name = slugify(track.title).replace("-", "")
    for c in candidates:
        r = _Result(c)
        if not _common_word(track, r):
            continue
        artists = _main_artist(track, r) + _all_artists(track, r)
        artists /= 2 if len(track.artists) > 1 else 1
        artists = _fixup3(track, r, _fixup2(track, r, _fixup1(track, r, artists)))
        name = _name(track, r)
        result_name = slugify(r.name).replace("-", "")
        name -= 15 * sum(1 for w in set(FORBIDDEN_WORDS)
                         if w in result_name and w not in song_name)
        album = ratio(slugify(track.album), slugify(c.album)) if c.album else 0.0
        difference = abs((c.duration_s or 0) - (track.duration_s or 0))
        time = 100 - difference
        if name <= 60 or artists < 70:
            continue
        average = (artists + name) / 2
        if r.verified and not r.isrc_search and c.album and album <= 80:
            average = (average + album) / 2
        if time < 50 and average < 75:
            continue
        if not r.isrc_search and average <= 85 >= time:
            average = (average + time) / 2
        kept[c.video_id] = (min(average, 100.0), c)
    return kept


def _best(results: dict[str, tuple[float, Candidate]]) -> tuple[float, Candidate]:
    """Results within 8 points of the best; views then break the tie (up to 15 points)."""
    ranked = sorted(results.values(), key=lambda item: item[0], reverse=True)
    close = [item for item in ranked if ranked[0][0] - item[0] <= 8]
    if len(close) == 1 or (close[0][0] > 80 and close[0][1].found_by == "isrc"):
        return close[0]
    views = [item[1].views or 0 for item in close]
    high, low = max(views), min(views)
    if high in (0, low):
        return close[0]
    weighted = [(min(score + (v - low) / (high - low) * 15, 100.0), c)
                for (score, c), v in zip(close, views, strict=True)]
    return max(weighted, key=lambda item: item[0])


def search(track: TrackQuery, source) -> Candidate | None:
    """spotDL's flow over a CandidateSource: ISRC, then songs, then videos."""
    isrc_ids: set[str] = set()
    if track.isrc:
        found = source.by_isrc(track.isrc)
        isrc_ids = {c.video_id for c in found}
        if len(found) == 1 and found[0].result_type == "song":
            return found[0]  # "only one verified result: what's the chance of it being wrong?"
        ordered = order(track, found)
        if ordered:
            score, best = max(ordered.values(), key=lambda item: item[0])
            if score > 80:
                return best
    results: dict[str, tuple[float, Candidate]] = {}
    query = song_title(track).lower()
    for kind in ("songs", "videos"):
        found = source.by_text(query, kind)
        again = next((c for c in found if c.video_id in isrc_ids), None)
        if again is not None:
            return again
        ordered = order(track, found)
        if ordered:
            score, best = _best(ordered)
            if score >= 80 and best.result_type == "song":
                return best
            results.update(ordered)
    return _best(results)[1] if results else None
