"""Property: after any add/move/shift/remove/undo/redo sequence the playlist equals a list model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdcollector.domain.errors import LibraryError
from tests.playlists.conftest import numbered_tracks, positions

TRACKS = 4
picks = st.lists(st.integers(0, 30), min_size=1, max_size=4)  # indexes into the current list
op = st.one_of(
    st.tuples(st.just("add"), st.lists(st.integers(0, TRACKS - 1), min_size=1, max_size=3),
              st.none() | st.integers(-2, 30)),
    st.tuples(st.just("remove"), picks),
    st.tuples(st.just("move"), picks, st.integers(-1, 31)),
    st.tuples(st.just("shift"), picks, st.sampled_from([-1, 1])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def fit_index(value, size):
    """Mostly a real gap index 0..size; sometimes out of range (the service clamps)."""
    if value is None or value < 0 or value > 28:
        return value
    return value % (size + 1)


def model_move(items, chosen, to):
    to = max(0, min(to, len(items)))
    moving = [x for x in items if x in chosen]
    rest = [x for x in items if x not in chosen]
    at = sum(1 for x in items[:to] if x not in chosen)
    return rest[:at] + moving + rest[at:]


def model_shift(items, chosen, delta):
    out = list(items)
    indexes = range(1, len(out)) if delta < 0 else range(len(out) - 2, -1, -1)
    for i in indexes:
        j = i - 1 if delta < 0 else i + 1
        if out[i] in chosen and out[j] not in chosen:
            out[i], out[j] = out[j], out[i]
    return out


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(ops=st.lists(op, max_size=14))
def test_entries_always_match_a_list_model(ctx, svc, ops):
    track_ids = numbered_tracks(ctx, TRACKS)
    playlist = svc.create("model")
    svc.history.clear()
    current: list[tuple[int, int]] = []  # (entry id, track id) in order
    undo: list[list] = []
    redo: list[list] = []

    def commit(new):
        nonlocal current
        if new != current:
            undo.append(current)
            redo.clear()
            current = new

    for step in ops:
        kind = step[0]
        if kind == "undo" or kind == "redo":
            source, target = (undo, redo) if kind == "undo" else (redo, undo)
            if source:
                getattr(svc, kind)()
                target.append(current)
                current = source.pop()
            else:
                try:
                    getattr(svc, kind)()
                except LibraryError:
                    pass
                else:
                    raise AssertionError(f"{kind} worked with nothing to {kind}")
            continue
        if kind == "add":
            _, which, position = step
            position = fit_index(position, len(current))
            tracks = [track_ids[i] for i in which]
            result = svc.add_tracks(playlist.id, tracks, position=position, on_duplicate="add")
            at = len(current) if position is None else max(0, min(position, len(current)))
            new = list(zip(result.entry_ids, tracks, strict=True))
            commit(current[:at] + new + current[at:])
            continue
        if not current:
            continue
        chosen = {current[i % len(current)][0] for i in step[1]}
        chosen_items = {x for x in current if x[0] in chosen}
        if kind == "remove":
            svc.remove_entries(playlist.id, chosen)
            commit([x for x in current if x[0] not in chosen])
        elif kind == "move":
            to = fit_index(step[2], len(current))
            svc.move_entries(playlist.id, chosen, to)
            commit(model_move(current, chosen_items, to))
        else:
            svc.shift_entries(playlist.id, chosen, step[2])
            commit(model_shift(current, chosen_items, step[2]))

        rows = svc.entries(playlist.id)
        assert [(r.entry_id, r.track.id) for r in rows] == current
        assert positions(ctx, playlist.id) == list(range(len(current)))

    rows = svc.entries(playlist.id)
    assert [(r.entry_id, r.track.id) for r in rows] == current
    assert [r.position for r in rows] == list(range(len(current)))
    assert positions(ctx, playlist.id) == list(range(len(current)))
    assert svc.can_undo == bool(undo) and svc.can_redo == bool(redo)
