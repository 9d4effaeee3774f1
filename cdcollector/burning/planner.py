"""Splits a playlist too long for one CD into balanced discs, keeping albums together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from cdcollector.burning import redbook
from cdcollector.burning.layout import (
    DiscLayout,
    GapPolicy,
    LayoutError,
    LayoutTrack,
    build_layout,
    same_album,
    transition_gaps,
)


@dataclass(frozen=True)
class PlannedDisc:
    number: int
    first_index: int  # position of its first track in the playlist (0-based)
    layout: DiscLayout

    @property
    def tracks(self) -> tuple[LayoutTrack, ...]:
        return tuple(entry.track for entry in self.layout.entries)

    @property
    def used_sectors(self) -> int:
        return self.layout.used_sectors

    def summary(self) -> str:
        titles = [t.title or "Untitled" for t in self.tracks]
        span = titles[0] if len(titles) == 1 else f"{titles[0]} … {titles[-1]}"
        count = len(titles)
        return (
            f"Disc {self.number}: {count} track{'s' if count != 1 else ''}, "
            f"{redbook.format_duration(self.used_sectors)} "
            f"(playlist {self.first_index + 1}–{self.first_index + count}: {span})"
        )


@dataclass(frozen=True)
class DiscPlan:
    discs: tuple[PlannedDisc, ...]
    capacity_sectors: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.discs)

    def text(self) -> str:
        if self.problems:
            return "\n".join(self.problems)
        return "\n".join(disc.summary() for disc in self.discs)

    def enforce(self) -> DiscPlan:
        if not self.ok:
            raise LayoutError(" ".join(self.problems) or "There are no tracks to burn.")
        return self


def plan_discs(tracks: Sequence[LayoutTrack], capacity_sectors: int,
               policy: GapPolicy | None = None) -> DiscPlan:
    """As few discs as the tracks need, in playlist order, balanced in length.

    Among splits with that many discs it prefers the one cutting fewest albums, then the one
    whose disc lengths are closest to each other (least sum of squares).
    """
    policy = policy or GapPolicy()
    tracks = list(tracks)
    if not tracks:
        return DiscPlan((), capacity_sectors, ("There are no tracks to burn.",))
    too_long = [t for t in tracks if t.disc_sectors > capacity_sectors]
    if too_long:
        name = too_long[0].title or "A track"
        return DiscPlan((), capacity_sectors, (
            f"“{name}” ({redbook.format_duration(too_long[0].disc_sectors)}) is longer than "
            f"a whole disc ({redbook.format_duration(capacity_sectors)}).",
        ))
    segment = _SegmentCost(tracks, transition_gaps(tracks, policy), capacity_sectors)
    cuts = _balanced_cuts(segment)
    discs = []
    for number, (start, stop) in enumerate(pairwise(cuts), 1):
        discs.append(PlannedDisc(number, start, build_layout(tracks[start:stop], policy)))
    return DiscPlan(tuple(discs), capacity_sectors)


class _SegmentCost:
    """Length on disc of tracks[a:b] in O(1), from prefix sums of lengths and gaps."""

    def __init__(self, tracks: list[LayoutTrack], gaps: list[int], capacity: int):
        self.n = len(tracks)
        self.capacity = capacity
        self._lengths = [0, *accumulate(t.disc_sectors for t in tracks)]
        self._gaps = [0, *accumulate(gaps)]
        self.album_cut = [False] + [same_album(a, b) for a, b in pairwise(tracks)]

    def sectors(self, a: int, b: int) -> int:
        return self._lengths[b] - self._lengths[a] + self._gaps[b - 1] - self._gaps[a]

    def fits(self, a: int, b: int) -> bool:
        return b - a <= redbook.MAX_TRACKS and self.sectors(a, b) <= self.capacity


def _discs_before(segment: _SegmentCost) -> tuple[list[int], list[int]]:
    """fewest[p] = the fewest discs that hold tracks[:p], and first[p] = where the longest run
    of tracks ending at p that fits one disc starts (the best last disc for fewest[p])."""
    fewest, first, start = [0] * (segment.n + 1), [0] * (segment.n + 1), 0
    for stop in range(1, segment.n + 1):
        while not segment.fits(start, stop):
            start += 1
        fewest[stop], first[stop] = fewest[start] + 1, start
    return fewest, first


def _discs_after(segment: _SegmentCost) -> list[int]:
    """fewest[p] = the fewest discs that hold tracks[p:]."""
    fewest, stop = [0] * (segment.n + 1), segment.n
    for start in range(segment.n - 1, -1, -1):
        while not segment.fits(start, stop):
            stop -= 1
        fewest[start] = fewest[stop] + 1
    return fewest


def _balanced_cuts(segment: _SegmentCost) -> list[int]:
    """Dynamic programme over cut positions; returns [0, cut1, …, n].

    before[p] + after[p] >= k, the fewest discs for all (the two halves together are a split).
    So in a k-disc split a cut at p ends disc before[p], and only when the sum is exactly k:
    each position belongs to one disc at most, and the work is at most 99 steps per track.
    """
    n = segment.n
    (before, first), after = _discs_before(segment), _discs_after(segment)
    discs = before[n]
    disc_ending = [b if b + a == discs else -1 for b, a in zip(before, after, strict=True)]
    album_penalty = (segment.capacity * discs) ** 2 + 1  # one album cut outweighs any imbalance
    infinity = float("inf")
    best = [infinity] * (n + 1)
    parent = [-1] * (n + 1)
    best[0] = 0
    for stop in range(1, n + 1):
        used = disc_ending[stop]
        if used < 1:
            continue
        for start in range(stop - 1, first[stop] - 1, -1):  # every run that fits, longer last
            if disc_ending[start] == used - 1 and best[start] != infinity:
                cost = best[start] + segment.sectors(start, stop) ** 2
                if start > 0 and segment.album_cut[start]:
                    cost += album_penalty
                if cost < best[stop]:
                    best[stop], parent[stop] = cost, start
    cuts = [n]
    while cuts[-1] > 0:
        cuts.append(parent[cuts[-1]])
    return cuts[::-1]
