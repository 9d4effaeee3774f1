"""`cdcollector playlist …` and `cdcollector favourite …`, run in-process."""

from __future__ import annotations

import json

import pytest

from cdcollector.cli import main
from cdcollector.services.favourites import FavouriteService
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import add_tracks


@pytest.fixture
def songs(ctx) -> list[int]:
    return add_tracks(ctx, [
        {"title": "Bohemian Rhapsody", "artist_name": "Queen", "album_title": "A Night at the "
         "Opera", "duration_s": 354.0, "path": "/m/bohemian.flac"},
        {"title": "Jóga", "artist_name": "Björk", "album_title": "Homogenic",
         "duration_s": 305.0},
        {"title": "Numb", "artist_name": "Linkin Park", "album_title": "Meteora",
         "duration_s": 185.0},
    ])


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_playlist_commands_end_to_end(ctx, songs, capsys, tmp_path):
    queen, bjork, numb = songs
    assert run(capsys, "playlist", "create", "Road trip")[1] == "Created playlist 1: Road trip\n"
    code, out, _ = run(capsys, "playlist", "add", "Road trip", str(queen), "joga", "linkin")
    assert code == 0 and out == "Added 3 to Road trip\n"

    code, out, _ = run(capsys, "playlist", "show", "road trip")
    lines = out.splitlines()
    assert lines[0] == "Road trip: 3 tracks, 14:04"
    assert "fits a 74-minute CD" in lines[1]
    assert lines[3].split()[:3] == ["1", str(queen), "Bohemian"]
    assert "none" in lines[4]  # Jóga has no file

    code, _, err = run(capsys, "playlist", "add", "1", str(numb))
    assert code == 1 and err == ("cdcollector: 1 track is already in “Road trip”: use "
                                 "--duplicates add or --duplicates skip.\n")
    assert run(capsys, "playlist", "add", "1", str(numb), "--duplicates", "skip")[1] == \
        "Added 0 to Road trip (1 already there, skipped)\n"
    assert run(capsys, "playlist", "add", "1", str(numb), "--duplicates", "add",
               "--position", "1")[0] == 0

    code, out, _ = run(capsys, "playlist", "move", "1", "1", "--to", "4")
    assert out == "Moved to 4 in Road trip\n"
    code, out, _ = run(capsys, "playlist", "remove", "1", "4")
    assert out == "Removed 1 from Road trip\n"
    order = [r.track.id for r in PlaylistService(ctx).entries(1)]
    assert order == [queen, bjork, numb]

    code, _, err = run(capsys, "playlist", "remove", "1", "9")
    assert code == 1 and "no position 9" in err and err.count("\n") == 1

    assert run(capsys, "playlist", "rename", "1", "Trip")[1] == "Renamed playlist 1: Trip\n"
    assert run(capsys, "playlist", "duplicate", "Trip")[1] == "Created playlist 2: Trip (copy)\n"
    assert run(capsys, "playlist", "delete", "2")[1] == "Deleted playlist 2: Trip (copy)\n"

    code, out, _ = run(capsys, "--json", "playlist", "list")
    data = json.loads(out)
    assert [(p["id"], p["name"], p["track_count"], p["origin"]) for p in data] == [
        (1, "Trip", 3, "local")]
    code, out, _ = run(capsys, "playlist", "show", "1", "--json")
    shown = json.loads(out)
    assert [e["track"]["title"] for e in shown["entries"]] == ["Bohemian Rhapsody", "Jóga",
                                                               "Numb"]
    assert shown["fit"]["fits_74"] is True

    m3u = tmp_path / "trip.m3u8"
    code, out, _ = run(capsys, "playlist", "export", "Trip", str(m3u))
    assert out.startswith("Wrote 1 tracks to ") and "left out (no file): Björk - Jóga" in out
    travel = tmp_path / "trip.cdcplaylist"
    run(capsys, "playlist", "export", "Trip", str(travel))
    code, out, _ = run(capsys, "playlist", "import", str(travel), "--name", "Back again")
    assert code == 0 and out.startswith("Imported playlist ")
    assert ": Back again (3 tracks, 2 without a file)" in out
    code, out, _ = run(capsys, "--json", "playlist", "import", str(m3u))
    imported = json.loads(out)
    assert imported["playlist"]["track_count"] == 1 and imported["missing"] == 1


def test_playlist_errors_are_one_line(ctx, songs, capsys, tmp_path):
    for argv in (["playlist", "show", "nope"],
                 ["playlist", "create", "   "],
                 ["playlist", "add", "nope", "1"],
                 ["playlist", "import", str(tmp_path / "absent.m3u")],
                 ["playlist", "import", str(tmp_path / "x.txt")]):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == "" and err.count("\n") == 1, argv
        assert err.startswith("cdcollector: ") and "Traceback" not in err
    run(capsys, "playlist", "create", "p")
    code, _, err = run(capsys, "playlist", "add", "p", "no such words anywhere")
    assert code == 1 and "No track in the library matches" in err


def test_playlist_list_when_empty(capsys):
    assert run(capsys, "playlist", "list")[1] == "No playlists yet.\n"


def test_favourite_commands(ctx, songs, capsys):
    queen, bjork, _numb = songs
    code, out, _ = run(capsys, "favourite", "add", str(queen), "joga")
    assert out == (f"Starred: track {queen} Queen - Bohemian Rhapsody\n"
                   f"Starred: track {bjork} Björk - Jóga\n")
    code, out, _ = run(capsys, "favourite", "add", str(queen))
    assert out.startswith("Unchanged (already a favourite)")
    code, out, _ = run(capsys, "favourite", "list")
    assert "Bohemian Rhapsody" in out and "Jóga" in out and "Numb" not in out
    code, out, _ = run(capsys, "favourite", "list", "--json", "--filter", "bjork")
    assert [t["id"] for t in json.loads(out)] == [bjork]

    code, _, err = run(capsys, "favourite", "remove", "o")  # matches both favourites
    assert code == 1 and "2 favourite tracks match" in err
    assert run(capsys, "favourite", "remove", "queen")[1].startswith("Unstarred: track")
    assert FavouriteService(ctx).favourite_ids("track") == {bjork}

    code, out, _ = run(capsys, "favourite", "add", "--kind", "album", "meteora")
    assert code == 0 and "Meteora" in out
    code, out, _ = run(capsys, "favourite", "add", "--kind", "artist", "linkin")
    assert "Linkin Park" in out
    code, out, _ = run(capsys, "--json", "favourite", "list", "--kind", "artist")
    assert [(a["name"], a["track_count"]) for a in json.loads(out)] == [("Linkin Park", 1)]
    code, out, _ = run(capsys, "favourite", "list", "--kind", "album")
    assert "Meteora" in out and "Linkin Park" in out

    code, _, err = run(capsys, "favourite", "add", "999")
    assert code == 1 and err == "cdcollector: There is no track 999 in the library.\n"
