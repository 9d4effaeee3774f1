"""A playlist file cannot put a non-audio file into the library (issue 13, finding 7)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import text

from tests.playlists.conftest import make_audio


def present_paths(ctx) -> set[str]:
    with ctx.db.session() as session:
        return set(session.execute(text(
            "SELECT path FROM track WHERE path IS NOT NULL AND NOT file_missing")).scalars())


def all_paths(ctx) -> set[str]:
    with ctx.db.session() as session:
        return set(session.execute(text(
            "SELECT path FROM track WHERE path IS NOT NULL")).scalars())


def test_m3u_entries_become_tracks_only_for_real_audio(ctx, svc, tmp_path, monkeypatch,
                                                       audio_templates):
    home = tmp_path / "fake-home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    monkeypatch.setenv("HOME", str(home))
    secret = tmp_path / "etc" / "shadow"
    secret.parent.mkdir()
    secret.write_text("root:$6$salt$hash:19000:0:99999:7:::\n")
    fake_song = tmp_path / "music" / "not really.mp3"
    fake_song.parent.mkdir()
    fake_song.write_text("just some text that is no MPEG stream at all\n" * 20)
    fifo = tmp_path / "music" / "pipe.mp3"
    os.mkfifo(fifo)
    real = make_audio(audio_templates, tmp_path / "music" / "real.mp3")
    lists = tmp_path / "lists" / "deep"
    lists.mkdir(parents=True)
    listing = lists / "hostile.m3u"
    listing.write_text(
        "#EXTM3U\n"
        "../../etc/shadow\n"
        "/proc/self/environ\n"
        "#EXTINF:10,Keys - Private\n~/.ssh/id_rsa\n"
        "../../music/not really.mp3\n"
        "../../music/pipe.mp3\n"
        "/dev/zero\n"
        "../../music/real.mp3\n",
        encoding="utf-8")

    result = svc.import_file(listing)

    rows = svc.entries(result.playlist.id)
    assert len(rows) == 7  # nothing is lost: every entry stays, as a missing one
    assert present_paths(ctx) == {str(real)}
    assert [r.track.path for r in rows if not r.track.file_missing and r.track.path] == [
        str(real)]
    assert result.missing == 6
    stored = all_paths(ctx)
    # `~` in a file's content is a folder named "~", never the user's home.
    assert str(home / ".ssh" / "id_rsa") not in stored
    assert not any(p.startswith(("/proc", "/dev", "/sys")) for p in stored)
    assert str(secret) not in stored and str(fake_song) not in stored
    # Each refused file says why, in one line.
    notes = "\n".join(result.notes)
    for name in ("shadow", "/proc/self/environ", "not really.mp3", "pipe.mp3", "/dev/zero"):
        assert name in notes
    assert all("\n" not in note for note in result.notes)


def test_a_second_import_does_not_turn_a_refused_file_present(ctx, svc, tmp_path):
    secret = tmp_path / "secret.mp3"
    secret.write_text("a password, not a song\n")
    listing = tmp_path / "l.m3u8"
    listing.write_text(f"{secret}\n", encoding="utf-8")
    svc.import_file(listing)
    svc.import_file(listing)
    assert present_paths(ctx) == set()


def test_cdcplaylist_paths_never_add_present_tracks(ctx, svc, tmp_path):
    doc = {"format": "cdcplaylist", "version": 1, "name": "paths",
           "tracks": [{"title": "Env", "path": "/proc/self/environ"},
                      {"title": "Keys", "path": "~/.ssh/id_rsa"},
                      {"title": "Escape", "path": "../../etc/shadow"}]}
    listing = tmp_path / "paths.cdcplaylist"
    listing.write_text(json.dumps(doc), encoding="utf-8")
    result = svc.import_file(listing)
    assert result.missing == 3
    assert present_paths(ctx) == set()
    assert all(Path(p).name != "environ" for p in all_paths(ctx))


def test_a_library_track_with_an_unusual_file_name_stays_present(ctx, svc, tmp_path,
                                                                 audio_templates):
    from tests.playlists.conftest import add_tracks

    song = tmp_path / "ringtone.tone"  # a name no list of audio suffixes has
    song.write_bytes(audio_templates[".mp3"].read_bytes())
    (track_id,) = add_tracks(ctx, [{"title": "Ring", "path": str(song)}])
    listing = tmp_path / "l.m3u8"
    listing.write_text(f"{song}\n", encoding="utf-8")
    result = svc.import_file(listing)
    [row] = svc.entries(result.playlist.id)
    assert row.track.id == track_id and not row.track.file_missing
    assert result.missing == 0
