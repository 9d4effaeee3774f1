""".cdcplaylist: travels between two separate libraries; broken files change nothing."""

from __future__ import annotations

import json

import pytest

from cdcollector.cli import main
from cdcollector.domain.errors import PlaylistFileError
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import add_tracks, db_content

# (title, artist, duration, isrc, spotify, youtube) in library A
A_TRACKS = [
    ("By ISRC", "Alpha", 200.0, "GBAAA0000001", None, None),
    ("By Spotify", "Beta", 210.0, None, "spB", None),
    ("By YouTube", "Gamma", 220.0, None, None, "ytC"),
    ("By Text", "Delta", 230.0, None, None, None),
    ("Unknown There", "Epsilon", 240.0, "GBAAA0000005", "spE", None),
    ("ISRC wins", "Zeta", 250.0, "GBAAA0000006", "spF", None),
    ("Spotify before text", "Eta", 260.0, None, "spG", None),
    ("Too long there", "Theta", 270.0, None, None, None),
]


def fill_a(ctx) -> list[int]:
    return add_tracks(ctx, [
        {"title": t, "artist_name": a, "duration_s": d, "isrc": i, "spotify_id": s,
         "youtube_id": y, "album_title": "Album A", "path": f"/machine-a/{t}.flac"}
        for t, a, d, i, s, y in A_TRACKS
    ])


def fill_b(other_ctx) -> dict[str, int]:
    """Library B: the same songs under different titles/paths, found only by the right key."""
    specs = {
        "isrc": {"title": "Renamed 1", "artist_name": "X", "isrc": "GBAAA0000001"},
        "spotify": {"title": "Renamed 2", "artist_name": "X", "spotify_id": "spB"},
        "youtube": {"title": "Renamed 3", "artist_name": "X", "youtube_id": "ytC"},
        "text": {"title": "by text", "artist_name": "DELTA", "duration_s": 231.5},
        "isrc_wins": {"title": "Zeta by ISRC", "artist_name": "X", "isrc": "GBAAA0000006"},
        "spotify_F": {"title": "Zeta by Spotify", "artist_name": "X", "spotify_id": "spF"},
        "spotify_G": {"title": "Eta by Spotify", "artist_name": "X", "spotify_id": "spG"},
        "text_G": {"title": "Spotify before text", "artist_name": "Eta", "duration_s": 260.0},
        "too_long": {"title": "Too long there", "artist_name": "Theta", "duration_s": 290.0},
    }
    ids = add_tracks(other_ctx, list(specs.values()))
    return dict(zip(specs, ids, strict=True))


def test_round_trip_between_two_libraries(ctx, svc, other_ctx, tmp_path):
    a_ids = fill_a(ctx)
    b = fill_b(other_ctx)
    p = svc.create("Für unterwegs", description="travels")
    svc.add_tracks(p.id, a_ids)
    target = tmp_path / "travel.cdcplaylist"
    svc.export_file(p.id, target)
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["name"]) == ("cdcplaylist", 1, "Für unterwegs")
    assert doc["tracks"][1]["external_ids"] == {"spotify": "spB", "youtube": None}

    other = PlaylistService(other_ctx)
    result = other.import_file(target)
    rows = other.entries(result.playlist.id)
    got = [r.track.id for r in rows]
    assert got[:4] == [b["isrc"], b["spotify"], b["youtube"], b["text"]]
    assert got[5] == b["isrc_wins"]  # ISRC before external id
    assert got[6] == b["spotify_G"]  # external id before artist + title
    assert got[7] != b["too_long"]  # 20 s longer: a different recording
    # Unresolved ones are listed for downloading and still in the playlist, without a file.
    assert [(r.title, r.library_id) for r in result.unresolved] == [
        ("Unknown There", got[4]), ("Too long there", got[7])]
    assert rows[4].track.path is None and rows[4].track.isrc == "GBAAA0000005"
    assert rows[4].track.spotify_id == "spE"
    assert result.playlist.name == "Für unterwegs"
    assert result.playlist.description == "travels"
    assert result.missing == 8  # library B has no files at all


def test_import_twice_reuses_the_file_less_tracks(svc, tmp_path, ctx, other_ctx):
    a_ids = fill_a(ctx)
    p = svc.create("p")
    svc.add_tracks(p.id, a_ids[:1])
    target = tmp_path / "p.cdcplaylist"
    svc.export_file(p.id, target)
    other = PlaylistService(other_ctx)
    first = other.import_file(target)
    second = other.import_file(target)
    assert len(first.unresolved) == 1 and second.unresolved == []
    assert other.entries(first.playlist.id)[0].track.id == \
        other.entries(second.playlist.id)[0].track.id


def valid_doc() -> dict:
    return {"format": "cdcplaylist", "version": 1, "name": "ok", "tracks": [
        {"title": "t", "artists": ["a"], "album": None, "duration_s": 100,
         "isrc": None, "external_ids": {"spotify": None, "youtube": None}, "path": None}]}


def with_track(**changes) -> dict:
    doc = valid_doc()
    doc["tracks"][0].update(changes)
    return doc


BROKEN = {
    "truncated": None,
    "garbage bytes": b"\x89PNG\r\n\x1a\n\x00\x00garbage\xff\xfe",
    "empty": b"",
    "not json": b"name = ok\n",
    "a list": b"[]",
    "wrong format": {**valid_doc(), "format": "m3u"},
    "newer version": {**valid_doc(), "version": 2},
    "version text": {**valid_doc(), "version": "1"},
    "version zero": {**valid_doc(), "version": 0},
    "no name": {k: v for k, v in valid_doc().items() if k != "name"},
    "name number": {**valid_doc(), "name": 5},
    "tracks object": {**valid_doc(), "tracks": {"0": {}}},
    "track not object": {**valid_doc(), "tracks": ["t"]},
    "title missing": with_track(title=None),
    "artists text": with_track(artists="a"),
    "artist number": with_track(artists=["a", 1]),
    "duration text": with_track(duration_s="3:20"),
    "duration bool": with_track(duration_s=True),
    "duration negative": with_track(duration_s=-1),
    "isrc number": with_track(isrc=123),
    "ids list": with_track(external_ids=["sp"]),
    "spotify id number": with_track(external_ids={"spotify": 5}),
    "path number": with_track(path=7),
    "latin-1 bytes": "{\"format\": \"cdcplaylist\", \"name\": \"Caf\xe9\"}".encode("latin-1"),
}


def test_broken_files_are_one_line_errors_and_change_nothing(ctx, svc, tmp_path):
    a_ids = fill_a(ctx)
    p = svc.create("existing")
    svc.add_tracks(p.id, a_ids)
    good = tmp_path / "good.cdcplaylist"
    svc.export_file(p.id, good)
    before = db_content(ctx)
    undo_before = svc.undo_text
    for case, content in BROKEN.items():  # one library for all: opening one costs ~1 s
        target = tmp_path / f"{case}.cdcplaylist"
        if content is None:
            target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(json.dumps(content), encoding="utf-8")
        with pytest.raises(PlaylistFileError) as err:
            svc.import_file(target)
        message = str(err.value)
        assert "\n" not in message and target.name in message, case
        assert db_content(ctx) == before, case
        assert svc.undo_text == undo_before, case


def test_cli_import_of_garbage_is_one_line_and_changes_nothing(ctx, tmp_path, capsys):
    fill_a(ctx)
    target = tmp_path / "bad.cdcplaylist"
    target.write_bytes(b'{"format": "cdcplaylist", "version": 1, "name": "x", "tracks": [{')
    before = db_content(ctx)
    assert main(["playlist", "import", str(target)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "bad.cdcplaylist" in captured.err
    assert "Traceback" not in captured.err
    assert db_content(ctx) == before


def test_a_readable_file_at_the_same_path_resolves_by_path(ctx, svc, other_ctx, tmp_path):
    shared = tmp_path / "shared.flac"
    shared.write_bytes(b"fLaC")
    (a,) = add_tracks(ctx, [{"title": "Local name", "artist_name": "A", "path": str(shared)}])
    (b,) = add_tracks(other_ctx, [{"title": "Other name", "artist_name": "B",
                                   "path": str(shared)}])
    p = svc.create("p")
    svc.add_tracks(p.id, [a])
    target = tmp_path / "p.cdcplaylist"
    svc.export_file(p.id, target)
    result = PlaylistService(other_ctx).import_file(target)
    assert [r.track.id for r in PlaylistService(other_ctx).entries(result.playlist.id)] == [b]


def test_parse_errors_name_the_problem(tmp_path):
    from cdcollector.library import cdcplaylist

    target = tmp_path / "v.cdcplaylist"
    target.write_text(json.dumps({**valid_doc(), "version": 3}), encoding="utf-8")
    with pytest.raises(PlaylistFileError, match="newer CD-Collector"):
        cdcplaylist.read(target)
    target.write_text(json.dumps(with_track(duration_s="x")), encoding="utf-8")
    with pytest.raises(PlaylistFileError, match='track 1: "duration_s"'):
        cdcplaylist.read(target)
