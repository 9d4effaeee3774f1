"""Disc layout: lead pregap, gap policy, padding, fit checks."""

import pytest

from cdcollector.burning import redbook
from cdcollector.burning.layout import (
    GapPolicy,
    LayoutError,
    LayoutTrack,
    build_layout,
    capacity_sectors,
    check_fit,
)
from cdcollector.domain.errors import BurnError


def track(title, seconds=None, album="", sectors=None, gap_after_s=None):
    return LayoutTrack(title, "Artist", album, seconds, sectors, gap_after_s=gap_after_s)


def test_track_one_starts_after_the_lead_pregap_and_later_tracks_get_two_seconds():
    layout = build_layout([track("a", 10), track("b", 20), track("c", 30)])
    assert [(e.number, e.start, e.pregap, e.length) for e in layout.entries] == [
        (1, 0, 150, 750), (2, 900, 150, 1500), (3, 2550, 150, 2250)]
    assert layout.used_sectors == 4800


def test_gapless_albums_join_consecutive_tracks_of_one_album():
    tracks = [track("a", 10, "Live"), track("b", 10, "live "), track("c", 10, "Other")]
    gapless = build_layout(tracks, GapPolicy(2.0, gapless_albums=True))
    assert [e.pregap for e in gapless.entries] == [150, 0, 150]
    with_gaps = build_layout(tracks, GapPolicy(2.0, gapless_albums=False))
    assert [e.pregap for e in with_gaps.entries] == [150, 150, 150]


def test_tracks_without_an_album_are_never_joined():
    layout = build_layout([track("a", 10), track("b", 10)], GapPolicy(2.0, True))
    assert layout.entries[1].pregap == 150


def test_per_transition_override_wins_over_policy():
    tracks = [track("a", 10, "X", gap_after_s=3.5), track("b", 10, "X", gap_after_s=0),
              track("c", 10, "Y")]
    layout = build_layout(tracks, GapPolicy(2.0, True))
    assert [e.pregap for e in layout.entries] == [150, 263, 0]


def test_default_gap_can_be_zero():
    layout = build_layout([track("a", 10), track("b", 10)], GapPolicy(0.0, False))
    assert layout.entries[1].pregap == 0
    assert layout.entries[1].start == 750


def test_short_track_is_padded_and_exact_sectors_win_over_duration():
    layout = build_layout([track("short", 2.0), track("exact", 99.0, sectors=1234)])
    first, second = layout.entries
    assert (first.audio_sectors, first.length, first.padding) == (150, 300, 150)
    assert (second.audio_sectors, second.length, second.padding) == (1234, 1234, 0)


def test_exactly_full_disc_fits_and_one_sector_more_does_not():
    capacity = redbook.media_sectors(74)
    full = build_layout([track("a", sectors=capacity)])
    assert full.check(capacity).ok
    assert full.check(capacity).free_sectors == 0
    over = build_layout([track("a", sectors=capacity + 1)]).check(capacity)
    assert not over.ok
    assert "1 sector (0.0 s) too long" in over.problems[0]
    with pytest.raises(LayoutError, match="too long") as raised:
        over.enforce()
    assert isinstance(raised.value, BurnError)


def test_ninety_nine_tracks_fit_and_a_hundredth_does_not():
    assert check_fit(99 * 300, 99, 360_000).ok
    result = check_fit(100 * 300, 100, 360_000)
    assert not result.ok
    assert "100 tracks are more than the 99" in result.problems[0]


def test_nothing_to_burn_is_a_problem():
    assert check_fit(0, 0, 360_000).problems == ("There are no tracks to burn.",)


def test_past_the_safe_limit_is_a_warning_only():
    result = check_fit(redbook.SAFE_LIMIT_SECTORS + 1, 20, redbook.media_sectors(99))
    assert result.ok
    assert "most recorders" in result.warnings[0]


def test_capacity_prefers_the_size_read_from_the_disc():
    assert capacity_sectors(80) == 360_000
    assert capacity_sectors(80, 359_849) == 359_849
    assert capacity_sectors(74, None) == 333_000


def test_same_named_albums_of_different_album_artists_keep_their_gap():
    hits_a = LayoutTrack("a", album="Greatest Hits", duration_s=10, album_artist="Queen")
    hits_b = LayoutTrack("b", album="Greatest Hits", duration_s=10, album_artist="ABBA")
    hits_a2 = LayoutTrack("c", album="Greatest Hits", duration_s=10, album_artist="queen ")
    unknown = LayoutTrack("d", album="Greatest Hits", duration_s=10)
    layout = build_layout([hits_a, hits_b, unknown, hits_a2], GapPolicy(2.0, True))
    assert [e.pregap for e in layout.entries] == [150, 150, 0, 0]
