"""Disc planner: fewest discs, order kept, albums together, balanced, never over 99 tracks."""

from cdcollector.burning import redbook
from cdcollector.burning.layout import GapPolicy, LayoutTrack
from cdcollector.burning.planner import plan_discs

CD80 = redbook.media_sectors(80)


def tracks_of(count, seconds, album=""):
    return [LayoutTrack(f"{album or 'Song'} {i + 1}", "Artist", album, seconds)
            for i in range(count)]


def flatten(plan):
    return [t for disc in plan.discs for t in disc.tracks]


def test_short_playlist_is_one_disc():
    tracks = tracks_of(12, 200)
    plan = plan_discs(tracks, CD80)
    assert plan.ok
    assert len(plan.discs) == 1
    assert flatten(plan) == tracks


def test_more_than_99_tracks_split_even_when_the_time_fits():
    tracks = tracks_of(150, 5)
    plan = plan_discs(tracks, CD80, GapPolicy(0.0, False))
    assert plan.ok
    assert [len(d.tracks) for d in plan.discs] == [75, 75]
    assert flatten(plan) == tracks


def test_exactly_99_tracks_stay_on_one_disc():
    plan = plan_discs(tracks_of(99, 5), CD80)
    assert [len(d.tracks) for d in plan.discs] == [99]


def test_four_second_minimum_counts_towards_capacity():
    # 1-second tracks each take 300 sectors: 10 of them with no gaps need exactly 3000.
    tracks = tracks_of(10, 1)
    assert len(plan_discs(tracks, 3000, GapPolicy(0.0, False)).discs) == 1
    assert len(plan_discs(tracks, 2999, GapPolicy(0.0, False)).discs) == 2


def test_exactly_full_disc_is_one_disc_and_one_sector_over_is_two():
    sizes = [100_000, 100_000, 159_700]  # + two 2 s gaps = 360,000
    tracks = [LayoutTrack(f"t{i}", sectors=s) for i, s in enumerate(sizes)]
    full = plan_discs(tracks, CD80)
    assert len(full.discs) == 1
    assert full.discs[0].used_sectors == CD80
    over = [*tracks[:2], LayoutTrack("t2", sectors=159_701)]
    split = plan_discs(over, CD80)
    assert split.ok
    assert len(split.discs) == 2
    assert all(d.used_sectors <= CD80 for d in split.discs)


def test_three_hour_playlist_becomes_three_balanced_discs_with_albums_kept_together():
    # Nine albums of five 4-minute tracks: 180 minutes in all.
    tracks = [t for n in range(9) for t in tracks_of(5, 240, album=f"Album {n}")]
    plan = plan_discs(tracks, CD80)
    assert plan.ok
    assert len(plan.discs) == 3
    assert flatten(plan) == tracks  # order preserved, nothing lost or doubled
    for disc in plan.discs:
        albums = [t.album for t in disc.tracks]
        assert len(albums) % 5 == 0
        assert all(albums.count(a) == 5 for a in set(albums))  # no album cut in two
        assert disc.used_sectors <= CD80
    lengths = [d.used_sectors for d in plan.discs]
    assert max(lengths) - min(lengths) <= 150  # 60:00 each, give or take a gap


def test_balancing_beats_greedy_filling():
    # Greedy would make 80 + 10 minutes; balanced is 45 + 45.
    tracks = tracks_of(18, 300)
    plan = plan_discs(tracks, CD80, GapPolicy(0.0, False))
    assert [len(d.tracks) for d in plan.discs] == [9, 9]


def test_album_is_cut_only_when_it_cannot_be_kept_whole():
    # One 100-minute album cannot fit a disc: it is split, but the single after it is kept whole.
    tracks = [*tracks_of(25, 240, album="Long Album"), *tracks_of(1, 240)]
    plan = plan_discs(tracks, CD80)
    assert plan.ok
    assert len(plan.discs) == 2
    assert flatten(plan) == tracks


def test_a_track_longer_than_a_disc_is_reported():
    plan = plan_discs([LayoutTrack("Epic", duration_s=85 * 60)], CD80)
    assert not plan.ok
    assert "“Epic” (85:00) is longer than a whole disc (80:00)" in plan.text()


def test_empty_playlist_is_reported():
    plan = plan_discs([], CD80)
    assert not plan.ok
    assert plan.text() == "There are no tracks to burn."


def test_plan_text_shows_each_disc_before_anything_is_written():
    tracks = [t for n in range(3) for t in tracks_of(14, 155, album=f"A{n}")]
    plan = plan_discs(tracks, CD80)
    lines = plan.text().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Disc 1: 28 tracks, 72:")
    assert "(playlist 1–28: A0 1 … A1 14)" in lines[0]
    assert lines[1].startswith("Disc 2: 14 tracks, 36:")
