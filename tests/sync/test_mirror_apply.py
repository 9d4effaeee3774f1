"""A mirror follows the remote order: adds, removes, moves, kept removals, stable entry ids."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from cdcollector.domain.types import Source, TrackRef
from cdcollector.library.mirror import apply_remote_order, count_moved
from cdcollector.library.models import Playlist, PlaylistEntry


def ref(n: int) -> TrackRef:
    return TrackRef(title=f"Song {n}", artists=("Artist",), source=Source.SPOTIFY,
                    id=f"sp{n:04d}", duration_s=180 + n)


@pytest.fixture
def mirror(ctx):
    with ctx.db.session() as s:
        playlist = Playlist(name="Mirror", origin="spotify", read_only=True, remote_id="pl1")
        s.add(playlist)
        s.flush()
        return playlist.id


def titles(ctx, playlist_id):
    with ctx.db.session() as s:
        entries = s.exec(select(PlaylistEntry).where(PlaylistEntry.playlist_id == playlist_id)
                         .order_by(PlaylistEntry.position)).all()
        assert [e.position for e in entries] == list(range(len(entries)))
        from cdcollector.library.models import Track
        return [s.get(Track, e.track_id).title for e in entries], [e.id for e in entries]


def apply(ctx, playlist_id, numbers, keep=False):
    with ctx.db.session() as s:
        return apply_remote_order(s, playlist_id, [ref(n) for n in numbers], keep_removed=keep)


def test_first_sync_adds_everything_in_order(ctx, mirror):
    change = apply(ctx, mirror, [3, 1, 2])
    assert (change.added, change.removed, change.moved) == (3, 0, 0)
    assert titles(ctx, mirror)[0] == ["Song 3", "Song 1", "Song 2"]


def test_add_remove_and_reorder_are_counted_and_entries_keep_ids(ctx, mirror):
    apply(ctx, mirror, [1, 2, 3, 4])
    _, ids_before = titles(ctx, mirror)
    change = apply(ctx, mirror, [4, 1, 3, 5])
    assert (change.added, change.removed, change.moved) == (1, 1, 1)
    names, ids_after = titles(ctx, mirror)
    assert names == ["Song 4", "Song 1", "Song 3", "Song 5"]
    assert ids_after[0] == ids_before[3] and ids_after[1] == ids_before[0]


def test_unchanged_remote_changes_nothing(ctx, mirror):
    apply(ctx, mirror, [1, 2, 3])
    change = apply(ctx, mirror, [1, 2, 3])
    assert not change.changed


def test_keep_removed_keeps_deleted_tracks_after_remote_ones(ctx, mirror):
    apply(ctx, mirror, [1, 2, 3])
    change = apply(ctx, mirror, [3, 1], keep=True)
    assert change.removed == 0
    assert titles(ctx, mirror)[0] == ["Song 3", "Song 1", "Song 2"]


def test_duplicates_in_the_remote_playlist_are_kept(ctx, mirror):
    change = apply(ctx, mirror, [1, 2, 1])
    assert change.added == 3 and change.new_track_ids == tuple(dict.fromkeys(change.new_track_ids))
    assert titles(ctx, mirror)[0] == ["Song 1", "Song 2", "Song 1"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=12), st.lists(st.integers(0, 6), max_size=12))
def test_count_moved_is_zero_for_order_preserving_changes(old, new):
    moved = count_moved(old, new)
    common_in_new_order = [x for x in new if x in old]
    assert 0 <= moved <= len(common_in_new_order)
    assert count_moved(old, old) == 0
    assert count_moved(old, [x for x in old if x % 2]) == 0
