"""Undo/redo round trips for every kind of playlist edit."""

from __future__ import annotations

import pytest

from cdcollector.domain.errors import LibraryError
from cdcollector.library.models import Playlist
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import numbered_tracks, positions


def state(svc):
    """Everything a user can see: playlists with their entries (ids, tracks, gaps)."""
    return [
        (p.id, p.name, p.origin, [(r.entry_id, r.track.id, r.gap_after_s)
                                  for r in svc.entries(p.id)])
        for p in svc.list()
    ]


def round_trip(svc, edit):
    """Apply `edit`, then undo → the state before, redo → the state after, undo again."""
    before = state(svc)
    edit()
    after = state(svc)
    assert after != before
    text = svc.undo_text
    assert text
    assert svc.undo() == text
    assert state(svc) == before
    assert svc.can_redo and svc.redo_text == text
    assert svc.redo() == text
    assert state(svc) == after
    svc.undo()
    assert state(svc) == before
    for info in svc.list():
        assert positions(svc.ctx, info.id) == list(range(info.track_count))
    return text


@pytest.fixture
def filled(ctx, svc):
    ids = numbered_tracks(ctx, 5)
    p = svc.create("Mix")
    svc.add_tracks(p.id, ids)
    svc.history.clear()
    return p, ids


def test_undo_create(svc):
    assert round_trip(svc, lambda: svc.create("New")) == "Create playlist “New”"


def test_undo_rename(svc, filled):
    p, _ = filled
    assert "Rename" in round_trip(svc, lambda: svc.rename(p.id, "Renamed"))


def test_undo_duplicate(svc, filled):
    p, _ = filled
    assert "Duplicate" in round_trip(svc, lambda: svc.duplicate(p.id))


def test_undo_delete_restores_entries_and_ids(svc, filled):
    p, _ = filled
    text = round_trip(svc, lambda: svc.delete(p.id))
    assert text == "Delete playlist “Mix”"
    assert svc.get(p.id).track_count == 5


def test_undo_add(svc, filled):
    p, ids = filled
    assert "Add 2 tracks" in round_trip(
        svc, lambda: svc.add_tracks(p.id, ids[:2], position=1, on_duplicate="add"))


def test_undo_remove(svc, filled):
    p, _ = filled
    rows = svc.entries(p.id)
    assert "Remove 2 tracks" in round_trip(
        svc, lambda: svc.remove_entries(p.id, [rows[0].entry_id, rows[3].entry_id]))


def test_undo_move(svc, filled):
    p, _ = filled
    rows = svc.entries(p.id)
    assert "Move 2 tracks" in round_trip(
        svc, lambda: svc.move_entries(p.id, [rows[3].entry_id, rows[4].entry_id], 0))


def test_undo_shift(svc, filled):
    p, _ = filled
    rows = svc.entries(p.id)
    round_trip(svc, lambda: svc.shift_entries(p.id, [rows[2].entry_id], -1))


def test_undo_set_gap(svc, filled):
    p, _ = filled
    rows = svc.entries(p.id)
    assert "gap" in round_trip(svc, lambda: svc.set_gap(p.id, [rows[1].entry_id], 4.0))


def test_undo_import(svc, filled, tmp_path):
    p, _ = filled
    path = tmp_path / "mix.cdcplaylist"
    svc.export_file(p.id, path)
    assert "Import" in round_trip(svc, lambda: svc.import_file(path))


def test_new_edit_clears_redo_and_nothing_to_undo(svc, filled):
    p, _ = filled
    svc.rename(p.id, "A")
    svc.undo()
    assert svc.can_redo
    svc.rename(p.id, "B")
    assert not svc.can_redo and svc.redo_text == ""
    svc.undo()
    assert not svc.can_undo
    with pytest.raises(LibraryError, match="Nothing to undo"):
        svc.undo()
    svc.redo()
    with pytest.raises(LibraryError, match="Nothing to redo"):
        svc.redo()


def test_a_long_history_undoes_back_to_the_start(svc, filled):
    p, ids = filled
    start = state(svc)
    rows = svc.entries(p.id)
    steps = [
        lambda: svc.move_entries(p.id, [rows[0].entry_id], 5),
        lambda: svc.remove_entries(p.id, [rows[2].entry_id]),
        lambda: svc.add_tracks(p.id, ids, on_duplicate="add"),
        lambda: svc.rename(p.id, "Changed"),
        lambda: svc.duplicate(p.id),
        lambda: svc.delete(p.id),
    ]
    states = [start]
    for step in steps:
        step()
        states.append(state(svc))
    for expected in reversed(states[:-1]):
        svc.undo()
        assert state(svc) == expected
    for expected in states[1:]:
        svc.redo()
        assert state(svc) == expected


def test_history_is_shared_by_every_service_of_one_app(ctx, svc, filled):
    p, _ = filled
    PlaylistService(ctx).rename(p.id, "Elsewhere")
    assert svc.undo_text.startswith("Rename")
    svc.undo()
    assert svc.get(p.id).name == "Mix"


def test_redo_of_create_follows_a_reused_id(ctx, svc, filled):
    """If another writer takes the id of an undone playlist, redo re-creates it elsewhere and
    the later commands follow it (they must never touch the other playlist)."""
    _p, ids = filled
    new = svc.create("Mine")
    svc.add_tracks(new.id, ids[:2])
    svc.undo()
    svc.undo()
    with ctx.db.session() as session:  # e.g. the sync service creating a mirror
        session.add(Playlist(id=new.id, name="Someone else's", origin="spotify",
                             read_only=True))
    svc.redo()
    svc.redo()
    mine = [x for x in svc.list() if x.name == "Mine"]
    assert len(mine) == 1 and mine[0].id != new.id
    assert [r.track.id for r in svc.entries(mine[0].id)] == ids[:2]
    assert svc.entries(new.id) == []
    svc.undo()
    svc.undo()
    assert [x.name for x in svc.list()] == ["Mix", "Someone else's"]


def test_undo_after_track_deleted_drops_lost_entries(ctx, svc, filled):
    p, ids = filled
    rows = svc.entries(p.id)
    svc.remove_entries(p.id, [rows[0].entry_id])
    from cdcollector.library.models import Track

    with ctx.db.session() as session:
        session.delete(session.get(Track, ids[0]))
    svc.undo()
    assert [r.track.id for r in svc.entries(p.id)] == ids[1:]
    assert positions(ctx, p.id) == [0, 1, 2, 3]


def test_undo_of_a_vanished_playlist_is_a_clear_error(ctx, svc, filled):
    p, _ = filled
    svc.rename(p.id, "Renamed")
    with ctx.db.session() as session:
        session.delete(session.get(Playlist, p.id))
    with pytest.raises(LibraryError, match="Cannot undo") as err:
        svc.undo()
    assert "\n" not in str(err.value)
    assert not svc.can_undo
