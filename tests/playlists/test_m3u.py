"""M3U/M3U8: parsing quirks, export → import round trips with real files, missing entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cdcollector.domain.errors import PlaylistFileError
from cdcollector.library import m3u
from cdcollector.services.library import LibraryService
from tests.playlists.conftest import add_tracks, make_audio

NAMES = ["Björk - Jóga.mp3", "Sigur Rós/Hoppípolla.flac", "東京事変 - 群青日和.mp3",
         "Motörhead; 'Ace of Spades' #1.mp3", "plain.flac"]


def test_parse_text_handles_bom_crlf_comments_and_extinf():
    text = ("\ufeff#EXTM3U\r\n#PLAYLIST:Road trip\r\n\r\n# a comment\r\n"
            '#EXTINF:215 tvg-id="x",Queen - Bohemian Rhapsody\r\nqueen.mp3\r\n'
            "#EXTGRP:rock\r\n#EXTINF:-1,Just a title\r\n  spaced.mp3  \r\nbare.mp3")
    parsed = m3u.parse_text(text)
    assert parsed.name == "Road trip"
    assert [(e.location, e.duration_s, e.artist, e.title) for e in parsed.entries] == [
        ("queen.mp3", 215.0, "Queen", "Bohemian Rhapsody"),
        ("spaced.mp3", None, "", "Just a title"),
        ("bare.mp3", None, "", ""),
    ]
    assert parsed.entries[0].line == 6


def test_decode_falls_back_from_utf8_to_cp1252_and_latin1():
    assert m3u.decode("\ufeffCafé".encode()) == "Café"
    assert m3u.decode("Café – Ñandú".encode("cp1252")) == "Café – Ñandú"
    assert m3u.decode(b"caf\xe9\x81") == "café\x81"  # 0x81 is undefined in cp1252


def test_local_path_forms(tmp_path):
    base = tmp_path / "lists"
    assert m3u.local_path("a/b.mp3", base) == str(base / "a" / "b.mp3")
    assert m3u.local_path("../b.mp3", base) == str(tmp_path / "b.mp3")
    assert m3u.local_path(str(tmp_path / "x.mp3"), base) == str(tmp_path / "x.mp3")
    assert m3u.local_path("file:///music/My%20Song.mp3", base) == os.path.normpath(
        "/music/My Song.mp3")
    assert m3u.local_path("https://example.com/live.mp3", base) is None
    if os.sep == "/":
        assert m3u.local_path("..\\Music\\song.mp3", base) == str(tmp_path / "Music" / "song.mp3")
        assert m3u.local_path("C:\\Music\\song.mp3", base) == "C:\\Music\\song.mp3"


def test_binary_and_unreadable_files_are_one_line_errors(tmp_path):
    binary = tmp_path / "x.m3u"
    binary.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(PlaylistFileError, match="not a text playlist"):
        m3u.read(binary)
    with pytest.raises(PlaylistFileError, match="Cannot read") as err:
        m3u.read(tmp_path / "absent.m3u")
    assert "\n" not in str(err.value)


def library_with_files(ctx, folder: Path, templates) -> list[int]:
    specs = []
    for i, name in enumerate(NAMES):
        path = make_audio(templates, folder / name)
        specs.append({"title": Path(name).stem, "artist_name": f"Artist {i}",
                      "duration_s": 1.5, "path": str(path)})
    return add_tracks(ctx, specs)


@pytest.mark.parametrize("suffix", [".m3u8", ".m3u"])
@pytest.mark.parametrize("relative", [True, False])
def test_round_trip_same_tracks_in_order(ctx, svc, tmp_path, audio_templates, suffix, relative):
    ids = library_with_files(ctx, tmp_path / "Música", audio_templates)
    order = [ids[3], ids[0], ids[4], ids[2], ids[1], ids[0]]
    p = svc.create("Ñoño mix")
    svc.add_tracks(p.id, order, on_duplicate="add")
    target = tmp_path / "exports" / f"Ñoño{suffix}"
    result = svc.export_file(p.id, target, relative=relative)
    assert result.written == 6 and result.skipped == []
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#EXTM3U\n")
    assert "#EXTINF:2,Artist 0 - Björk - Jóga" in text
    assert ("../Música/" in text) == relative
    imported = svc.import_file(target)
    assert imported.playlist.name == "Ñoño mix" and imported.missing == 0
    assert [r.track.id for r in svc.entries(imported.playlist.id)] == order


def test_round_trip_into_another_library_imports_the_files(svc, other_ctx, tmp_path,
                                                           audio_templates, ctx):
    from cdcollector.services.playlists import PlaylistService

    ids = library_with_files(ctx, tmp_path / "music", audio_templates)
    p = svc.create("Travel")
    svc.add_tracks(p.id, ids)
    target = tmp_path / "music" / "travel.m3u8"
    svc.export_file(p.id, target)
    other = PlaylistService(other_ctx)
    result = other.import_file(target)
    rows = other.entries(result.playlist.id)
    assert [Path(r.track.path).name for r in rows] == [Path(n).name for n in NAMES]
    assert result.missing == 0 and not any(r.track.file_missing for r in rows)
    # The importer read the files for real (tags written by ffmpeg), not the EXTINF text.
    assert all(r.track.format for r in rows)


def test_missing_files_are_kept_and_marked(ctx, svc, tmp_path):
    (known,) = add_tracks(ctx, [{"title": "Known Song", "artist_name": "Band",
                                 "duration_s": 200.0}])
    listing = tmp_path / "old.m3u"
    listing.write_text(
        "#EXTM3U\n#EXTINF:201,Band - Known Song\ngone/known.mp3\n"
        "#EXTINF:180,Nobody - Lost Song\ngone/lost.mp3\n", encoding="utf-8")
    result = svc.import_file(listing)
    rows = svc.entries(result.playlist.id)
    assert rows[0].track.id == known  # found by artist + title + duration
    lost = rows[1].track
    assert (lost.title, lost.artist, lost.duration_s) == ("Lost Song", "Nobody", 180.0)
    assert lost.file_missing and lost.path == str(tmp_path / "gone" / "lost.mp3")
    assert result.missing == 2  # the known song has no file in this library either
    # Only the song the library lacks is offered for downloading.
    assert [(r.library_id, r.title, r.artists) for r in result.unresolved] == [
        (lost.id, "Lost Song", ("Nobody",))]


def test_a_deleted_library_file_gets_marked_missing(ctx, svc, tmp_path, audio_templates):
    path = make_audio(audio_templates, tmp_path / "soon-gone.mp3")
    (tid,) = add_tracks(ctx, [{"title": "Soon gone", "path": str(path)}])
    listing = tmp_path / "l.m3u8"
    listing.write_text(f"{path}\n", encoding="utf-8")
    path.unlink()
    result = svc.import_file(listing)
    assert result.missing == 1
    assert LibraryService(ctx).track(tid).file_missing


def test_export_leaves_out_tracks_without_a_file(ctx, svc, tmp_path):
    a, b = add_tracks(ctx, [{"title": "On disk", "path": str(tmp_path / "a.mp3")},
                            {"title": "Only known online", "artist_name": "Web"}])
    p = svc.create("p")
    svc.add_tracks(p.id, [a, b])
    result = svc.export_file(p.id, tmp_path / "p.m3u8")
    assert result.written == 1 and result.skipped == ["Web - Only known online"]


def test_unknown_suffix_is_refused(ctx, svc, tmp_path):
    p = svc.create("p")
    with pytest.raises(PlaylistFileError, match="unknown playlist format"):
        svc.export_file(p.id, tmp_path / "p.txt")
    with pytest.raises(PlaylistFileError, match="unknown playlist format"):
        svc.import_file(tmp_path / "p.pls")


def test_ten_thousand_hostile_entries(ctx, svc, tmp_path, audio_templates):
    """CRLF, BOM, comments, URLs, Windows separators, real and missing files: all handled."""
    import time

    real = [make_audio(audio_templates, tmp_path / "have" / f"real {i}.mp3") for i in range(5)]
    (in_library,) = add_tracks(ctx, [{"title": "Library Song", "artist_name": "Lib",
                                      "duration_s": 100.0}])
    lines = ["\ufeff#EXTM3U", "# exported by some player", ""]
    expected = []  # ("file", path) | ("missing", path) | ("url", title) | ("library", id)
    for i in range(10_000):
        kind = i % 20
        if kind == 0:
            path = real[i % 5]
            loc = f"have\\real {i % 5}.mp3" if i % 40 == 0 else str(path)
            lines += [f"#EXTINF:2,Whoever - Real {i}", loc]
            expected.append(("file", str(path)))
        elif kind == 1:
            lines += [f"#EXTINF:180,Stream {i} - Live", f"http://radio.example/{i}.mp3"]
            expected.append(("url", "Live"))
        elif kind == 2:
            lines += [f"https://radio.example/bare{i}"]  # no title: skipped with a note
        elif kind == 3:
            lines += ["#EXTINF:101,Lib - Library Song", f"elsewhere/lib{i}.mp3"]
            expected.append(("library", in_library))
        else:
            lines += ["#EXTGRP:x", f"#EXTINF:{100 + i % 50},Artist {i} - Title {i}",
                      f"missing/track {i}.flac", ""]
            expected.append(("missing", str(tmp_path / "missing" / f"track {i}.flac")))
    listing = tmp_path / "huge.m3u"
    listing.write_bytes("\r\n".join(lines).encode("utf-8"))

    started = time.perf_counter()
    result = svc.import_file(listing)
    elapsed = time.perf_counter() - started
    print(f"\nimported 10,000 M3U entries in {elapsed:.2f} s")

    rows = svc.entries(result.playlist.id)
    assert len(rows) == len(expected) == 9500
    assert len([n for n in result.notes if "skipped" in n]) == 500
    for row, (kind, value) in zip(rows, expected, strict=True):
        track = row.track
        if kind == "file":
            assert track.path == value and not track.file_missing
        elif kind == "missing":
            assert track.path == value and track.file_missing
        elif kind == "url":
            assert track.title == value and track.path is None
        else:
            assert track.id == value
    assert result.missing == len(rows) - len([e for e in expected if e[0] == "file"])
    assert [r.position for r in rows] == list(range(9500))
    assert len(result.unresolved) == 8000 + 500  # missing files and titled stream URLs
