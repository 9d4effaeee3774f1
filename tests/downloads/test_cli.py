"""`cdcollector download`: links, searches, list files (text and TOML with M3U), failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdcollector import cli
from cdcollector.downloads.plan import ref_to_json
from cdcollector.services import download_provider
from tests.downloads.tagsupport import decodes_fully
from tests.downloads.test_engine import ref
from tests.fakes.media_server import Fault

VIDEO = "https://music.youtube.com/watch?v=AAAAAAAAAAA"
ALBUM = "https://music.youtube.com/browse/MPREb_album1"
PLAYLIST = "https://music.youtube.com/playlist?list=PLmix"


@pytest.fixture
def catalogue(fake_media, media_server, audio_cache, monkeypatch, offline):
    """A video, an album of two, a playlist, all served by the loopback server."""
    for i, title in enumerate(("Single Song", "Album One", "Album Two", "Mix Song")):
        url = media_server.add(f"cli{i}.mp3", audio_cache.get(1.0, ".mp3", frequency=250 + 60 * i))
        fake_media.add_recording(title, url)
    fake_media.tracks["AAAAAAAAAAA"] = ref_to_json(ref("Single Song"))
    fake_media.tracks["mix1"] = ref_to_json(ref("Mix Song"))
    fake_media.add_album("MPREb_album1", "Record", ("Band",),
                         [ref("Album One", 1, album=None, album_artist=None),
                          ref("Album Two", 2, album=None, album_artist=None)], year=2001)
    fake_media.playlists["PLmix"] = {"name": "Road Trip", "tracks": ["mix1", "AAAAAAAAAAA"]}
    monkeypatch.setattr(download_provider, "PROVIDER_FACTORY", fake_media.provider)
    return fake_media


def music(tmp_path) -> list[Path]:
    return sorted(p for p in (tmp_path / "music").rglob("*.mp3"))


def test_links_and_searches_download(tmp_path, catalogue, capsys):
    assert cli.main(["download", VIDEO, ALBUM, "artist a mix song"]) == 0
    out = capsys.readouterr().out
    assert "Downloaded 4 of 4 tracks." in out
    files = music(tmp_path)
    assert [f.name for f in files] == ["01 Mix Song.mp3", "01 Single Song.mp3",
                                       "01 Album One.mp3", "02 Album Two.mp3"]
    assert all(decodes_fully(f) for f in files)


def test_toml_list_with_m3u_beside_the_files(tmp_path, catalogue, capsys):
    listing = tmp_path / "wanted.toml"
    listing.write_text(f'tracks = ["{VIDEO}"]\n\n[albums]\nm3u = true\nitems = ["{ALBUM}"]\n\n'
                       f'[playlists]\nm3u = true\nitems = ["{PLAYLIST}"]\n', encoding="utf-8")
    assert cli.main(["download", "--from", str(listing)]) == 0
    album_m3u = tmp_path / "music" / "Band" / "Record" / "Record.m3u8"
    lines = album_m3u.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if not line.startswith("#")]
    assert entries == ["01 Album One.mp3", "02 Album Two.mp3"]
    road = next((tmp_path / "music").rglob("Road Trip.m3u8"))
    for entry in [x for x in road.read_text(encoding="utf-8").splitlines()
                  if not x.startswith("#")]:
        assert (road.parent / entry).is_file()
    assert "Wrote" in capsys.readouterr().out


def test_text_list_and_failures_exit_non_zero_with_reasons(tmp_path, catalogue,
                                                          media_server, capsys):
    media_server.set_fault(Fault("403"), "cli0.mp3")
    listing = tmp_path / "wanted.txt"
    listing.write_text(f"# my list\n{VIDEO}\n\nnothing like this at all\n"
                       "https://example.com/song\n", encoding="utf-8")
    assert cli.main(["download", "--from", str(listing)]) == 1
    err = capsys.readouterr().err
    assert "Artist A, Guest B - Single Song: The source refused the download (HTTP 403)" in err
    assert "nothing like this at all: Nothing found" in err
    assert "https://example.com/song: Not a Spotify or YouTube link" in err


def test_bad_input_is_one_line(tmp_path, catalogue, capsys):
    assert cli.main(["download"]) == 1
    assert capsys.readouterr().err.strip() == (
        "cdcollector: Nothing to download: give links, search words or --from FILE.")
    bad = tmp_path / "bad.toml"
    bad.write_text("albums = 3\n", encoding="utf-8")
    assert cli.main(["download", "--from", str(bad)]) == 1
    assert "'albums' must be a list" in capsys.readouterr().err
    assert cli.main(["download", "--from", str(tmp_path / "missing.txt")]) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_as_a_real_process_a_failure_is_one_line_without_traceback(tmp_path, catalogue):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT
    from tests.fakes.media_provider import SPEC_ENV

    env = dict(os.environ, CDCOLLECTOR_OFFLINE_TESTS="1", PYTHONPATH=str(REPO_ROOT),
               CDCOLLECTOR_DOWNLOAD_PROVIDER="tests.fakes.media_provider:make_provider",
               **{SPEC_ENV: str(catalogue.save(tmp_path / "spec.json"))})
    result = subprocess.run([sys.executable, "-m", "cdcollector", "download", VIDEO,
                             "https://example.com/song"], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Downloaded 1 of 1 tracks." in result.stdout
    assert result.stderr.splitlines() == [
        "Failed:", "  https://example.com/song: Not a Spotify or YouTube link: "
        "https://example.com/song"]
    assert "Traceback" not in result.stderr
