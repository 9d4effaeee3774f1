"""PlaylistService: every operation, its result, and the signals it sends."""

from __future__ import annotations

import pytest

from cdcollector.domain.errors import LibraryError, NotFoundError
from cdcollector.domain.types import PlaylistOrigin, Source, TrackRef
from cdcollector.services.events import EventBus
from cdcollector.services.playlist_types import DuplicateQuestion
from tests.playlists.conftest import add_tracks, numbered_tracks, positions


def titles(svc, playlist_id):
    return [row.track.title for row in svc.entries(playlist_id)]


def test_create_lists_and_gets(svc):
    road = svc.create("  Road trip  ", description="for the car")
    party = svc.create("party")
    assert road.name == "Road trip" and road.origin == PlaylistOrigin.LOCAL
    assert [p.name for p in svc.list()] == ["party", "Road trip"]
    assert svc.get(road.id).description == "for the car"
    assert svc.get(party.id).track_count == 0


@pytest.mark.parametrize("name", ["", "   ", "x" * 501])
def test_create_refuses_bad_names(svc, name):
    with pytest.raises(LibraryError):
        svc.create(name)
    assert svc.list() == []


def test_get_missing_playlist_is_not_found(svc):
    with pytest.raises(NotFoundError, match="Playlist 42"):
        svc.get(42)
    with pytest.raises(NotFoundError):
        svc.entries(42)


def test_rename(svc):
    p = svc.create("old")
    assert svc.rename(p.id, "new").name == "new"
    assert svc.get(p.id).name == "new"


def test_add_appends_and_inserts(ctx, svc):
    ids = numbered_tracks(ctx, 5)
    p = svc.create("p")
    first = svc.add_tracks(p.id, ids[:3])
    assert len(first.entry_ids) == 3
    inserted = svc.add_tracks(p.id, ids[3:], position=1)
    assert titles(svc, p.id) == ["Song 0", "Song 3", "Song 4", "Song 1", "Song 2"]
    rows = svc.entries(p.id)
    assert inserted.entry_ids == (rows[1].entry_id, rows[2].entry_id)
    assert positions(ctx, p.id) == [0, 1, 2, 3, 4]
    info = svc.get(p.id)
    assert info.track_count == 5 and info.duration_s == sum(180.0 + i for i in range(5))


def test_add_position_is_clamped(ctx, svc):
    a, b, c = numbered_tracks(ctx, 3)
    p = svc.create("p")
    svc.add_tracks(p.id, [a])
    svc.add_tracks(p.id, [b], position=99)
    svc.add_tracks(p.id, [c], position=-5)
    assert titles(svc, p.id) == ["Song 2", "Song 0", "Song 1"]


def test_add_accepts_rows_and_refs_and_upserts_online_tracks(ctx, svc):
    (local,) = numbered_tracks(ctx, 1)
    p = svc.create("p")
    row = ctx_row(ctx, local)
    online = TrackRef(title="Online song", artists=("Web",), duration_s=200.0,
                      source=Source.SPOTIFY, id="sp123", isrc="usabc1234567")
    svc.add_tracks(p.id, [row, online, TrackRef(title="x", library_id=local)],
                   on_duplicate="add")
    rows = svc.entries(p.id)
    assert [r.track.title for r in rows] == ["Song 0", "Online song", "Song 0"]
    assert rows[1].track.spotify_id == "sp123" and rows[1].track.isrc == "USABC1234567"
    assert rows[1].track.path is None
    # The same online reference again finds the upserted track instead of creating another.
    with pytest.raises(DuplicateQuestion):
        svc.add_tracks(p.id, [online])


def ctx_row(ctx, track_id):
    from cdcollector.services.library import LibraryService

    return LibraryService(ctx).track(track_id)


def test_add_unknown_track_is_refused_without_change(ctx, svc):
    (a,) = numbered_tracks(ctx, 1)
    p = svc.create("p")
    with pytest.raises(NotFoundError, match="Track 999"):
        svc.add_tracks(p.id, [a, 999])
    assert svc.entries(p.id) == []
    with pytest.raises(LibraryError):
        svc.add_tracks(p.id, ["not a track"])
    with pytest.raises(LibraryError):
        svc.add_tracks(p.id, [a], on_duplicate="maybe")


def test_duplicates_ask_add_skip(ctx, svc):
    a, b, c = numbered_tracks(ctx, 3)
    p = svc.create("Mix")
    svc.add_tracks(p.id, [a, b])
    with pytest.raises(DuplicateQuestion) as asked:
        svc.add_tracks(p.id, [c, b, a])
    question = asked.value
    assert [t.id for t in question.duplicates] == [b, a]
    assert question.requested == 3 and question.playlist.name == "Mix"
    assert "2 tracks are already in “Mix”" in str(question) and "\n" not in str(question)
    assert titles(svc, p.id) == ["Song 0", "Song 1"]  # asking changed nothing

    skipped = svc.add_tracks(p.id, [c, b, a, c], on_duplicate="skip")
    assert skipped.skipped == 3 and len(skipped.entry_ids) == 1
    assert titles(svc, p.id) == ["Song 0", "Song 1", "Song 2"]

    added = svc.add_tracks(p.id, [b], on_duplicate="add")
    assert len(added.entry_ids) == 1
    assert titles(svc, p.id) == ["Song 0", "Song 1", "Song 2", "Song 1"]


def test_find_duplicates(ctx, svc):
    a, b, c = numbered_tracks(ctx, 3)
    p = svc.create("p")
    svc.add_tracks(p.id, [a, b, a, c, b, a], on_duplicate="add")
    groups = svc.find_duplicates(p.id)
    assert [(g.track.id, g.positions) for g in groups] == [(a, (0, 2, 5)), (b, (1, 4))]
    rows = svc.entries(p.id)
    assert groups[0].entry_ids == (rows[0].entry_id, rows[2].entry_id, rows[5].entry_id)


def test_remove_entries(ctx, svc):
    ids = numbered_tracks(ctx, 4)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    rows = svc.entries(p.id)
    assert svc.remove_entries(p.id, [rows[0].entry_id, rows[2].entry_id]) == 2
    assert titles(svc, p.id) == ["Song 1", "Song 3"]
    assert positions(ctx, p.id) == [0, 1]
    with pytest.raises(NotFoundError, match="Entry"):
        svc.remove_entries(p.id, [rows[0].entry_id])


def test_move_multi_selection(ctx, svc):
    ids = numbered_tracks(ctx, 6)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    rows = svc.entries(p.id)
    moved = [rows[1].entry_id, rows[4].entry_id]
    assert svc.move_entries(p.id, moved, 0) == [0, 1]
    assert titles(svc, p.id) == ["Song 1", "Song 4", "Song 0", "Song 2", "Song 3", "Song 5"]
    assert svc.move_entries(p.id, moved, 6) == [4, 5]
    assert titles(svc, p.id) == ["Song 0", "Song 2", "Song 3", "Song 5", "Song 1", "Song 4"]
    # Dropping between two entries: before the entry now at index 2 ("Song 3").
    assert svc.move_entries(p.id, [rows[5].entry_id], 2) == [2]
    assert titles(svc, p.id) == ["Song 0", "Song 2", "Song 5", "Song 3", "Song 1", "Song 4"]
    assert positions(ctx, p.id) == list(range(6))
    # Entry ids are stable across moves.
    assert {r.entry_id for r in svc.entries(p.id)} == {r.entry_id for r in rows}


def test_shift_entries_like_ctrl_up_and_down(ctx, svc):
    ids = numbered_tracks(ctx, 5)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    rows = svc.entries(p.id)
    sel = [rows[0].entry_id, rows[2].entry_id]
    assert svc.shift_entries(p.id, sel, -1) == [0, 1]  # the first one is blocked at the top
    assert titles(svc, p.id) == ["Song 0", "Song 2", "Song 1", "Song 3", "Song 4"]
    assert svc.shift_entries(p.id, sel, +1) == [1, 2]
    assert titles(svc, p.id) == ["Song 1", "Song 0", "Song 2", "Song 3", "Song 4"]
    last = [svc.entries(p.id)[-1].entry_id]
    undo_before = svc.undo_text
    assert svc.shift_entries(p.id, last, +1) == [4]  # nothing to do: no new undo step
    assert svc.undo_text == undo_before


def test_set_gap(ctx, svc):
    ids = numbered_tracks(ctx, 3)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    rows = svc.entries(p.id)
    svc.set_gap(p.id, [rows[0].entry_id], 0.0)
    assert [r.gap_after_s for r in svc.entries(p.id)] == [0.0, None, None]
    svc.set_gap(p.id, [rows[0].entry_id], None)
    assert [r.gap_after_s for r in svc.entries(p.id)] == [None, None, None]
    with pytest.raises(LibraryError, match="gap"):
        svc.set_gap(p.id, [rows[0].entry_id], -1)


def test_duplicate_copies_entries_and_gaps(ctx, svc):
    ids = numbered_tracks(ctx, 3)
    p = svc.create("Mix")
    svc.add_tracks(p.id, [*ids, ids[0]], on_duplicate="add")
    svc.set_gap(p.id, [svc.entries(p.id)[1].entry_id], 5.0)
    copy = svc.duplicate(p.id)
    again = svc.duplicate(p.id)
    named = svc.duplicate(p.id, name="Mine")
    assert (copy.name, again.name, named.name) == ("Mix (copy)", "Mix (copy 2)", "Mine")
    assert titles(svc, copy.id) == titles(svc, p.id)
    assert [r.gap_after_s for r in svc.entries(copy.id)] == [None, 5.0, None, None]
    assert not {r.entry_id for r in svc.entries(copy.id)} & {r.entry_id
                                                             for r in svc.entries(p.id)}


def test_delete_keeps_library_tracks(ctx, svc):
    ids = numbered_tracks(ctx, 2)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    svc.delete(p.id)
    assert svc.list() == []
    assert len(ctx_row(ctx, ids[0]).title) > 0


def test_resolve_by_id_or_name(svc):
    a = svc.create("Road Trip")
    svc.create("twin")
    svc.create("Twin")
    assert svc.resolve(str(a.id)).id == a.id
    assert svc.resolve("road trip").id == a.id
    with pytest.raises(LibraryError, match="Several"):
        svc.resolve("twin")
    with pytest.raises(NotFoundError):
        svc.resolve("nope")


def test_fit_uses_red_book_rules(ctx, svc):
    # 74 min = 333000 sectors. Lead pregap 150, gaps of 150 between tracks.
    sector_s = 1 / 75
    a, b, short, unknown = add_tracks(ctx, [
        {"title": "a", "duration_s": 2000.0},
        {"title": "b", "duration_s": 2000.0 + 0.5 * sector_s},  # rounds up to a whole sector
        {"title": "short", "duration_s": 1.0},  # padded to the 4-second minimum
        {"title": "unknown", "duration_s": None},
    ])
    p = svc.create("p")
    svc.add_tracks(p.id, [a, b, short])
    fit = svc.fit(p.id)
    expected = 150 + 150_000 + 150_001 + 300 + 2 * 150
    assert fit.sectors == expected and fit.track_count == 3
    assert fit.fits_74 and fit.fits_80 and fit.unknown_durations == 0
    svc.set_gap(p.id, [svc.entries(p.id)[0].entry_id], 0.0)
    assert svc.fit(p.id).sectors == expected - 150
    svc.add_tracks(p.id, [unknown])
    assert svc.fit(p.id).unknown_durations == 1


def test_fit_between_74_and_80_minutes(ctx, svc):
    a, b = add_tracks(ctx, [{"title": "a", "duration_s": 2300.0},
                            {"title": "b", "duration_s": 2300.0}])
    p = svc.create("p")
    svc.add_tracks(p.id, [a, b])
    fit = svc.fit(p.id)
    assert fit.sectors == 150 + 2 * 172_500 + 150
    assert not fit.fits_74 and fit.fits_80
    svc.add_tracks(p.id, [a], on_duplicate="add")
    assert not svc.fit(p.id).fits_80
    empty = svc.create("empty")
    assert svc.fit(empty.id).sectors == 0 and svc.fit(empty.id).fits_74


def test_fit_refuses_more_than_99_tracks(ctx, svc):
    ids = add_tracks(ctx, [{"title": f"t{i}", "duration_s": 4.0} for i in range(100)])
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    fit = svc.fit(p.id)
    assert fit.too_many_tracks and not fit.fits_80


def test_signals(ctx, svc, qapp):
    ctx.bus = EventBus()
    seen = []
    ctx.bus.playlists_changed.connect(lambda: seen.append("playlists"))
    ctx.bus.playlist_changed.connect(lambda pid: seen.append(("playlist", pid)))
    ctx.bus.undo_changed.connect(lambda: seen.append("undo"))
    ids = numbered_tracks(ctx, 2)
    p = svc.create("p")
    assert "playlists" in seen and ("playlist", p.id) in seen and "undo" in seen
    seen.clear()
    svc.add_tracks(p.id, ids)
    assert ("playlist", p.id) in seen
    seen.clear()
    svc.undo()
    assert ("playlist", p.id) in seen and "undo" in seen
    seen.clear()
    svc.rename(p.id, "q")
    assert "playlists" in seen


def test_move_down_lands_before_the_drop_target(ctx, svc):
    ids = numbered_tracks(ctx, 4)
    p = svc.create("p")
    svc.add_tracks(p.id, ids)
    rows = svc.entries(p.id)
    # Dragging the first entry onto the gap before "Song 2" puts it between 1 and 2.
    assert svc.move_entries(p.id, [rows[0].entry_id], 2) == [1]
    assert titles(svc, p.id) == ["Song 1", "Song 0", "Song 2", "Song 3"]
