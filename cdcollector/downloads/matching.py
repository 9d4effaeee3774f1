"""The matcher: score YouTube Music candidates against a wanted track and search until confident."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from cdcollector.catalog.base import CandidateSource
from cdcollector.domain.types import Candidate, ScoredCandidate, ScorePart, TrackQuery
from cdcollector.downloads.normalize import (
    Title,
    fold,
    is_latin,
    master_words,
    name_tokens,
    skeleton,
    split_title,
    versions_in,
)

REVIEW_THRESHOLD = 70.0  # below this the best candidate goes to "Needs review"
CONFIDENT_SCORE = 85.0  # the flow may stop once the best candidate reaches this…
CLEAR_LEAD = 8.0  # …and leads every other recording by this much; otherwise it asks on

# Each weight, and why it is that size. The main parts add up to 75; the rest adjust.
TITLE_POINTS = 30.0  # the song's name is the first thing a collector checks
ARTIST_POINTS = 25.0  # every credited artist counts; the first weighs half, the rest share half
DURATION_POINTS = 20.0  # the same length (within rounding) is the same cut of the recording
UNKNOWN_DURATION_POINTS = 8.0  # no length to compare: neither proof nor disproof
DURATION_SPAN = 18.0  # seconds beyond the 2 s of rounding at which length earns nothing
TIGHT_SPAN = 8.0  # the same, when several plausible candidates lie within 10 s of the length
SONG_ROW_POINTS = 8.0  # a "song" row is the artist's catalogue audio, not an uploaded video
TOPIC_POINTS = 5.0  # an "Artist - Topic" channel carries the label's audio
ARTIST_CHANNEL_POINTS = 4.0  # the artist's own channel is official, but often a clip edit
OFFICIAL_MAX = 10.0  # the three official signs together are worth no more than this
ALBUM_POINTS = 6.0  # on the same release as the source, not a compilation's copy
SAME_MASTER_POINTS = 6.0  # "remaster"/year words the source names are on the candidate too
OTHER_YEAR_PENALTY = 5.0  # a different year tag is another master or a re-recording
ISRC_OWNER_POINTS = 30.0  # YouTube Music lists the ISRC's own recording first: near-proof
ISRC_LENGTH_GRACE = 2.5  # …but only at the same length: a longer video is another cut
VERSION_PENALTY = 30.0  # a version not asked for (live, remix, karaoke…) is another recording
EXPLICIT_MATCH_POINTS = 2.0  # explicit flags agree: the same edit
EXPLICIT_MISMATCH_PENALTY = 3.0  # clean vs explicit edit: a different master
VIEWS_MAX = 3.0  # popularity only breaks near-ties (1k views: 0, 100M: full)
TITLE_FLOOR = 50.0  # title similarity that earns no title points
MIN_TITLE_SIMILARITY = 65.0  # below this it is another song
CROSS_SCRIPT_SIMILARITY = 75.0  # consonant outlines this close name the same artist


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
    remaster: bool  # the source names a remaster (title or album)
    years: frozenset[str]  # year tags in the source's title
    artist_ids: frozenset[str] = frozenset()  # channels known to be the source's artists


def _wanted(track: TrackQuery) -> _Wanted:
    artists = tuple(tuple(name_tokens(a)) for a in track.artists if fold(a))
    credits = frozenset(" ".join(a) for a in artists)
    title = split_title(track.title, set(credits))
    asked = set(title.versions)
    if track.album:
        asked |= versions_in(fold(track.album))
    remaster, years = master_words(fold(track.title))
    return _Wanted(
        query=track, title=title, artists=artists, credits=credits, asked=frozenset(asked),
        album=split_title(track.album or "").base, latin=is_latin(" ".join(track.artists)),
        remaster=remaster or master_words(fold(track.album or ""))[0], years=years,
    )


class _Parts:
    """Collects the parts of one score."""

    def __init__(self) -> None:
        self.items: list[ScorePart] = []

    def add(self, what: str, points: float) -> None:
        self.items.append(ScorePart(what, round(points, 1)))

    @property
    def total(self) -> float:
        return sum(p.points for p in self.items)


def rank(track: TrackQuery, candidates: Sequence[Candidate]) -> list[ScoredCandidate]:
    """Score candidates best first; candidates that must never be chosen are left out.

    The first candidate found by the ISRC query counts as the recording that carries the ISRC
    (YouTube Music lists the owner of an ISRC first), so candidates keep their search order.
    """
    wanted = _wanted(track)
    first_isrc = next((c.video_id for c in candidates if c.found_by == "isrc"), None)
    firsts: dict[str, Candidate] = {}
    for candidate in candidates:
        firsts.setdefault(candidate.video_id, candidate)  # the first sighting is kept
    unique = list(firsts.values())
    wanted = replace(wanted, artist_ids=_vouched_channels(wanted, unique, first_isrc))
    tight = _crowded(wanted, unique)
    scored: list[tuple[float, int, ScoredCandidate]] = []
    for position, candidate in enumerate(unique):
        parts = _score(wanted, candidate, candidate.video_id == first_isrc, tight)
        if parts is not None:
            shown = round(max(0.0, min(100.0, parts.total)), 1)
            items = tuple(parts.items)
            scored.append((parts.total, -position,
                           ScoredCandidate(candidate, shown, tuple(p.what for p in items),
                                           items)))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in scored]


def _vouched_channels(w: _Wanted, candidates: Sequence[Candidate],
                      first_isrc: str | None) -> frozenset[str]:
    """Artist channels that are the source's artists, whatever script their names are in: the
    ones the source knows, the ISRC owner's (the recording itself names them), and those of
    song rows that credit every wanted artist by name."""
    vouched = set(w.query.artist_ids)
    for c in candidates:
        named = c.result_type == "song" and _artist_share(w, c, split_title(c.title)) == 1.0
        if c.video_id == first_isrc or named:
            vouched.update(c.artist_ids)
    return frozenset(vouched)


def _crowded(w: _Wanted, candidates: Sequence[Candidate]) -> bool:
    """Several plausible candidates within 10 s of the wanted length: length must decide."""
    if not w.query.duration_s:
        return False
    close = 0
    for c in candidates:
        difference = _duration_difference(w.query.duration_s, c.duration_s)
        if difference is None or difference > 10:
            continue
        title = split_title(c.title, set(w.credits))
        if _title_similarity(w.title, title) >= 80 and _artist_share(w, c, title) > 0:
            close += 1
    return close >= 2


def _score(w: _Wanted, c: Candidate, isrc_top: bool, tight: bool) -> _Parts | None:
    """The parts of the score, or None when the candidate must never be chosen."""
    own = {" ".join(name_tokens(a)) for a in c.artists if fold(a)}
    title = split_title(c.title, set(w.credits) | own)
    similarity = _title_similarity(w.title, title)
    by_isrc = c.found_by == "isrc"
    artist = _artist_share(w, c, title)
    # An ISRC hit by the right artist may carry a translated or romanised title.
    if similarity < MIN_TITLE_SIMILARITY and not (by_isrc and artist > 0):
        return None  # another song
    difference = _duration_difference(w.query.duration_s, c.duration_s)
    if difference is not None and difference > max(30.0, 0.2 * (w.query.duration_s or 0)):
        return None  # far off in duration: another recording or an extended cut
    if artist == 0.0 and not by_isrc and w.latin and is_latin(" ".join(c.artists)):
        return None  # same title by another artist

    parts = _Parts()
    parts.add(f"title {similarity:.0f}",
              TITLE_POINTS * max(0.0, (similarity - TITLE_FLOOR) / (100 - TITLE_FLOOR)))
    parts.add(f"artists {artist:.2f}", ARTIST_POINTS * artist)
    _duration_part(difference, tight, parts)
    _official_parts(w, c, parts)
    _version_parts(w, c, title, parts)
    _master_parts(w, c, parts)
    sane = similarity >= 70 and difference is not None and difference <= ISRC_LENGTH_GRACE
    if isrc_top and sane and not title.versions - w.asked:
        parts.add("carries the ISRC", ISRC_OWNER_POINTS)
    _small_parts(w, c, parts)
    return parts


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


def _duration_part(difference: float | None, tight: bool, parts: _Parts) -> None:
    if difference is None:
        parts.add("duration unknown", UNKNOWN_DURATION_POINTS)
        return
    span = TIGHT_SPAN if tight else DURATION_SPAN
    label = f"duration ±{difference:.0f}s" + (" (close rivals)" if tight else "")
    parts.add(label, DURATION_POINTS * max(0.0, 1 - max(0.0, difference - 2) / span))


def _present(tokens: tuple[str, ...], pool: set[str], joined: str, outlines: list[str]) -> bool:
    """Is one artist (its name tokens) named in the pool of candidate words?"""
    glued = "".join(tokens)
    if len(glued) >= 4 and glued in joined:
        return True  # "billy joel" in "billyjoelvevo"
    hits = sum(
        1 for t in tokens
        if t in pool or (len(t) >= 4 and any(fuzz.ratio(t, p) >= 85 for p in pool))
    )
    if hits >= max(1, math.ceil(0.67 * len(tokens))):
        return True
    outline = skeleton(" ".join(tokens))
    return len(outline) >= 3 and any(
        fuzz.ratio(outline, o) >= CROSS_SCRIPT_SIMILARITY for o in outlines)


def _artist_share(w: _Wanted, c: Candidate, title: Title) -> float:
    """Share of the wanted artists the candidate names: the first weighs half."""
    if not w.artists:
        return 1.0
    if w.artist_ids & set(c.artist_ids):
        return 1.0  # the same artist channel as the source's: a name in another script is fine
    names = [*c.artists, _channel_name(c.channel), title.features]
    if c.result_type != "song":
        names.append(c.title)  # a video's uploader is often a label; the title names the artist
    pool = {t for n in names if n for t in fold(n).split()}
    joined = "".join(fold(n).replace(" ", "") for n in names if n)
    # Names written in another script are compared by their consonant outline.
    outlines = [skeleton(fold(n)) for n in [*c.artists, c.channel or ""]
                if n and is_latin(n) != w.latin]
    found = [_present(a, pool, joined, outlines) for a in w.artists]
    if len(found) == 1:
        return 1.0 if found[0] else 0.0
    return 0.5 * found[0] + 0.5 * sum(found[1:]) / len(found[1:])


def _channel_name(channel: str | None) -> str:
    text = fold(channel or "")
    for suffix in (" topic", "vevo", " official"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    return text


def _official_parts(w: _Wanted, c: Candidate, parts: _Parts) -> None:
    budget = OFFICIAL_MAX
    signs = []
    if c.result_type == "song":
        signs.append(("song row", SONG_ROW_POINTS))
    if c.channel and fold(c.channel).endswith(" topic"):
        signs.append(("Topic channel", TOPIC_POINTS))
    channel = _channel_name(c.channel).replace(" ", "")
    if channel and any(channel == "".join(a) for a in w.artists):
        signs.append(("artist channel", ARTIST_CHANNEL_POINTS))
    for what, points in signs:
        parts.add(what, min(points, budget))
        budget -= min(points, budget)


def _version_parts(w: _Wanted, c: Candidate, title: Title, parts: _Parts) -> None:
    budget = 2 * VERSION_PENALTY
    album_versions = versions_in(fold(c.album or ""))
    found = [(f"{v} (not asked)", VERSION_PENALTY) for v in sorted(title.versions - w.asked)]
    found += [(f"album is {v}", VERSION_PENALTY / 2)
              for v in sorted(album_versions - w.asked - title.versions)]
    found += [(f"not the {v} version asked for", VERSION_PENALTY)
              for v in sorted(w.title.versions - title.versions - album_versions)]
    for what, points in found:
        parts.add(what, -min(points, budget))
        budget -= min(points, budget)


def _master_parts(w: _Wanted, c: Candidate, parts: _Parts) -> None:
    """Remaster and year words, compared on both sides."""
    remaster, years = master_words(fold(f"{c.title} {c.album or ''}"))
    if w.remaster and remaster and (not w.years or w.years <= years):
        parts.add("same remaster", SAME_MASTER_POINTS)
    elif w.years and years and not w.years & years:
        parts.add(f"year {'/'.join(sorted(years))} differs", -OTHER_YEAR_PENALTY)


def _small_parts(w: _Wanted, c: Candidate, parts: _Parts) -> None:
    if w.album and c.album and fuzz.ratio(w.album, split_title(c.album).base) >= 90:
        parts.add("same album", ALBUM_POINTS)
    if w.query.explicit is not None and c.explicit is not None:
        if w.query.explicit == c.explicit:
            parts.add("explicit flag agrees", EXPLICIT_MATCH_POINTS)
        else:
            parts.add("explicit flag differs", -EXPLICIT_MISMATCH_PENALTY)
    if c.views:
        share = min(1.0, max(0.0, (math.log10(c.views) - 3) / 5))
        if share:
            parts.add("views", VIEWS_MAX * share)


def clearly_ahead(ranked: Sequence[ScoredCandidate], confident: float = CONFIDENT_SCORE
                  ) -> bool:
    """The best is confident and no other candidate comes within CLEAR_LEAD of it."""
    if not ranked or ranked[0].score < confident:
        return False
    return len(ranked) == 1 or ranked[0].score - ranked[1].score >= CLEAR_LEAD


def search_and_rank(
    track: TrackQuery, source: CandidateSource, confident: float = CONFIDENT_SCORE
) -> list[ScoredCandidate]:
    """ISRC first, then "artists - title" among songs, then videos; stop once one is clearly
    ahead. A search that finds nothing just passes to the next."""
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
        if clearly_ahead(ranked, confident):
            break
    return ranked
