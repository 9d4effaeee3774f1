"""Mirrors of remote playlists refuse every edit in the service itself, not only in the UI."""

from __future__ import annotations

import pytest

from cdcollector.cli import main
from cdcollector.domain.errors import ReadOnlyError
from tests.playlists.conftest import add_mirror, db_content, numbered_tracks

EDITS = {
    "rename": lambda svc, pid, rows, ids: svc.rename(pid, "Mine now"),
    "delete": lambda svc, pid, rows, ids: svc.delete(pid),
    "add": lambda svc, pid, rows, ids: svc.add_tracks(pid, ids[:1], on_duplicate="add"),
    "remove": lambda svc, pid, rows, ids: svc.remove_entries(pid, [rows[0].entry_id]),
    "move": lambda svc, pid, rows, ids: svc.move_entries(pid, [rows[0].entry_id], 3),
    "shift": lambda svc, pid, rows, ids: svc.shift_entries(pid, [rows[1].entry_id], -1),
    "set_gap": lambda svc, pid, rows, ids: svc.set_gap(pid, [rows[0].entry_id], 0.0),
}


@pytest.mark.parametrize("origin, source", [("spotify", "Spotify"), ("youtube", "YouTube")])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_every_edit_is_refused(ctx, svc, edit, origin, source):
    ids = numbered_tracks(ctx, 3)
    pid = add_mirror(ctx, "Discover Weekly", origin, ids)
    rows = svc.entries(pid)
    before = db_content(ctx)
    with pytest.raises(ReadOnlyError) as refused:
        EDITS[edit](svc, pid, rows, ids)
    message = str(refused.value)
    assert message == (f"“Discover Weekly” is a mirror of a {source} playlist and cannot be "
                       "edited; duplicate it as your own playlist to change it.")
    assert db_content(ctx) == before
    assert not svc.can_undo


def test_duplicate_as_my_playlist_is_editable(ctx, svc):
    ids = numbered_tracks(ctx, 3)
    pid = add_mirror(ctx, "Liked Songs", "spotify", ids)
    mine = svc.duplicate(pid)
    assert mine.name == "Liked Songs (copy)" and not mine.read_only
    assert mine.origin.value == "local"
    assert [r.track.id for r in svc.entries(mine.id)] == ids
    svc.remove_entries(mine.id, [svc.entries(mine.id)[0].entry_id])
    assert svc.get(mine.id).track_count == 2 and svc.get(pid).track_count == 3


def test_cli_refuses_with_one_line(ctx, capsys):
    ids = numbered_tracks(ctx, 1)
    pid = add_mirror(ctx, "Release Radar", "spotify", ids)
    assert main(["playlist", "remove", str(pid), "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mirror of a Spotify playlist" in err
    assert "Traceback" not in err
