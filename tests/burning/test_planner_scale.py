"""Disc planning grows linearly with the playlist and still finds the best split (issue 13, #9)."""

from __future__ import annotations

import random
from itertools import combinations, pairwise

from cdcollector.burning import planner, redbook
from cdcollector.burning.layout import GapPolicy, LayoutTrack, same_album, transition_gaps
from cdcollector.burning.planner import plan_discs

CD80 = redbook.media_sectors(80)
LINEAR = 2.6  # twice the tracks may cost this much more (the old planner: about 4)


def short_tracks(count: int) -> list[LayoutTrack]:
    """Short songs, a new album every seven: 99 to a disc at most, so count / 99 discs."""
    return [LayoutTrack(f"Song {i}", "Artist", f"Album {i // 7}", 30 + i % 50)
            for i in range(count)]


def fit_checks(monkeypatch, tracks) -> int:
    """How often the planner asks whether a run of tracks fits a disc: its inner step."""
    calls = 0
    original = planner._SegmentCost.fits

    def counted(self, a, b):
        nonlocal calls
        calls += 1
        return original(self, a, b)

    monkeypatch.setattr(planner._SegmentCost, "fits", counted)
    plan = plan_discs(tracks, CD80)
    monkeypatch.setattr(planner._SegmentCost, "fits", original)
    assert plan.ok
    assert [t for d in plan.discs for t in d.tracks] == tracks
    return calls


def test_planning_work_grows_linearly_with_the_tracks(monkeypatch):
    small = fit_checks(monkeypatch, short_tracks(1_500))
    large = fit_checks(monkeypatch, short_tracks(3_000))
    assert large <= LINEAR * small, (small, large)


def best_cost(tracks, capacity, policy):
    """Brute force: (album cuts, sum of squared disc lengths) of the best split into as few
    discs as possible; the planner's promise, checked on every possible cut."""
    gaps = transition_gaps(tracks, policy)

    def sectors(a, b):
        return sum(t.disc_sectors for t in tracks[a:b]) + sum(gaps[a:b - 1])

    n = len(tracks)
    for discs in range(1, n + 1):
        costs = []
        for inner in combinations(range(1, n), discs - 1):
            cuts = [0, *inner, n]
            if all(b - a <= redbook.MAX_TRACKS and sectors(a, b) <= capacity
                   for a, b in pairwise(cuts)):
                album_cuts = sum(same_album(tracks[c - 1], tracks[c]) for c in inner)
                costs.append((album_cuts, sum(sectors(a, b) ** 2 for a, b in pairwise(cuts))))
        if costs:
            return discs, min(costs)
    raise AssertionError("no split at all")


def plan_cost(plan, policy):
    discs = [list(d.tracks) for d in plan.discs]
    album_cuts = sum(same_album(a[-1], b[0]) for a, b in pairwise(discs))
    squares = sum(d.used_sectors ** 2 for d in plan.discs)
    return len(discs), (album_cuts, squares)


def test_plans_match_a_brute_force_search_on_small_playlists():
    rng = random.Random(1313)
    policy = GapPolicy()
    for _ in range(150):
        count = rng.randint(1, 11)
        tracks = [LayoutTrack(f"t{i}", album=rng.choice(["", "A", "B"]),
                              sectors=rng.randint(300, 30_000)) for i in range(count)]
        capacity = rng.randint(max(t.disc_sectors for t in tracks), 70_000)
        plan = plan_discs(tracks, capacity, policy)
        assert plan.ok
        assert [t for d in plan.discs for t in d.tracks] == tracks
        assert plan_cost(plan, policy) == best_cost(tracks, capacity, policy)
