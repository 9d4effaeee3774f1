"""Hostile playlist files and CLI arguments (issue 13): one line, a sane exit, no traceback."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from cdcollector.cli import main
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import add_tracks

TITLE_CAP = 1000


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))  # an exception here is the traceback a user would see
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> None:
    assert code == 1
    assert err.startswith("cdcollector: ") and err.count("\n") == 1 and len(err) < 600


def poisoned_m3u(folder) -> str:
    path = folder / "poison.m3u"
    path.write_text(f"#EXTM3U\n#EXTINF:{'9' * 400},Band - Forever\n/nowhere/forever.mp3\n",
                    encoding="utf-8")
    return str(path)


def poisoned_cdc(folder) -> str:
    path = folder / "poison.cdcplaylist"
    path.write_text(json.dumps({"format": "cdcplaylist", "version": 1, "name": "poison",
                                "tracks": [{"title": "Huge", "duration_s": 1e308},
                                           {"title": "Huge too", "duration_s": 1e308}]}),
                    encoding="utf-8")
    return str(path)


def poison_rows(ctx) -> int:
    """A library poisoned by an earlier version: absurd durations written straight to SQLite."""
    ids = add_tracks(ctx, [{"title": f"Bad {i}", "duration_s": 60.0} for i in range(4)]
                     + [{"title": "Fine", "duration_s": 200.0}])
    with ctx.db.session() as session:
        for track_id, literal in zip(ids, ("9e999", "-9e999", "1e308", "-5"), strict=False):
            session.execute(text(f"UPDATE track SET duration_s = {literal} WHERE id = :i"),
                            {"i": track_id})
    playlist = PlaylistService(ctx).create("poison")
    PlaylistService(ctx).add_tracks(playlist.id, ids, on_duplicate="add")
    return playlist.id


@pytest.mark.parametrize("door", ["m3u", "cdcplaylist"])
def test_poisoned_files_import_with_unknown_lengths(ctx, capsys, tmp_path, door):
    file = poisoned_m3u(tmp_path) if door == "m3u" else poisoned_cdc(tmp_path)
    code, out, err = run(capsys, "playlist", "import", file)
    assert code == 0 and "Traceback" not in err
    assert "length" in out  # the dropped value is named in a note
    rows = PlaylistService(ctx).entries(1)
    assert rows and all(r.track.duration_s is None for r in rows)
    with ctx.db.session() as session:
        stored = session.execute(text("SELECT duration_s FROM track")).scalars().all()
    assert stored and all(value is None for value in stored)


@pytest.mark.parametrize("door", ["m3u", "cdcplaylist", "sql"])
def test_list_show_and_burn_survive_a_poisoned_playlist(ctx, capsys, tmp_path, door):
    if door == "sql":
        playlist_id = str(poison_rows(ctx))
    else:
        file = poisoned_m3u(tmp_path) if door == "m3u" else poisoned_cdc(tmp_path)
        assert run(capsys, "playlist", "import", file)[0] == 0
        playlist_id = "1"
    code, out, err = run(capsys, "playlist", "list")
    assert code == 0 and err == ""
    assert "inf" not in out and "nan" not in out.lower()
    known = "3:20" if door == "sql" else "0:00"  # only the believable 200 s counts
    assert out.splitlines()[1].split()[3] == known

    code, out, err = run(capsys, "playlist", "show", playlist_id)
    assert code == 0 and err == ""
    assert "unknown length" in out.splitlines()[1]
    assert all(len(line) < 300 for line in out.splitlines())

    code, out, err = run(capsys, "--json", "playlist", "show", playlist_id)
    assert code == 0
    shown = json.loads(out)  # strict JSON: no Infinity or NaN
    assert shown["fit"]["duration_s"] < 86_400

    code, out, err = run(capsys, "burn", playlist_id, "--backend", "image",
                         "--out", str(tmp_path / "image"))
    one_line_error(code, err)  # the tracks have no files: refused in one sentence


@pytest.mark.parametrize("argument", ["⁰⁴⁵", "٤٥", "9" * 5001, "bad\udcffname"])
def test_odd_playlist_arguments_are_one_line(svc, capsys, argument):
    svc.create("Mix")  # names and ids are compared only when there is a playlist
    for argv in (("playlist", "show", argument), ("playlist", "delete", argument),
                 ("burn", argument, "--backend", "image")):
        code, _out, err = run(capsys, *argv)
        one_line_error(code, err)
        assert "Exceeds" not in err


def test_a_lone_surrogate_never_reaches_the_library(ctx, capsys):
    code, out, err = run(capsys, "playlist", "create", "bad\udcffname")
    assert code == 0 and err == ""
    assert out == "Created playlist 1: badname\n"
    assert run(capsys, "playlist", "list")[0] == 0
    code, _out, err = run(capsys, "search", "x\udcffy")
    assert code in (0, 1) and "Traceback" not in err


def test_a_five_megabyte_path_is_one_short_line(ctx, capsys, tmp_path):
    huge = str(tmp_path / ("a" * 5_000_000)) + ".m3u"
    assert run(capsys, "playlist", "create", "Mix")[0] == 0
    for argv in (("playlist", "import", huge), ("burn", huge, "--backend", "image"),
                 ("playlist", "export", "Mix", huge)):
        code, _out, err = run(capsys, *argv)
        one_line_error(code, err)


def test_deep_json_is_a_broken_file(ctx, capsys, tmp_path):
    deep = tmp_path / "deep.cdcplaylist"
    deep.write_text('{"format": "cdcplaylist", "version": 1, "name": "x", "tracks": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    code, _out, err = run(capsys, "playlist", "import", str(deep))
    one_line_error(code, err)
    assert "deep.cdcplaylist" in err
    assert PlaylistService(ctx).list() == []


def test_a_five_thousand_digit_number_in_a_playlist_file(ctx, capsys, tmp_path):
    doc = ('{"format": "cdcplaylist", "version": 1, "name": "x", "tracks": '
           '[{"title": "a", "duration_s": ' + "9" * 5001 + "}]}")
    (tmp_path / "long.cdcplaylist").write_text(doc, encoding="utf-8")
    code, _out, err = run(capsys, "playlist", "import", str(tmp_path / "long.cdcplaylist"))
    assert code == 0 and err == ""
    assert PlaylistService(ctx).entries(1)[0].track.duration_s is None
    (tmp_path / "v.cdcplaylist").write_text(doc.replace('"version": 1', '"version": '
                                                        + "1" * 5001), encoding="utf-8")
    code, _out, err = run(capsys, "playlist", "import", str(tmp_path / "v.cdcplaylist"))
    one_line_error(code, err)


def test_a_ten_megabyte_title_is_capped_not_echoed(ctx, capsys, tmp_path):
    listing = tmp_path / "long.m3u8"
    listing.write_text(f"#EXTINF:200,Band - {'t' * 10_000_000}\n/nowhere/long.mp3\n",
                       encoding="utf-8")
    code, out, err = run(capsys, "playlist", "import", str(listing))
    assert code == 0 and err == ""
    assert len(out) < 5 * TITLE_CAP
    title = PlaylistService(ctx).entries(1)[0].track.title
    assert len(title) <= TITLE_CAP and title.startswith("ttt")
