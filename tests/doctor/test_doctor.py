"""`cdcollector doctor`: yt-dlp's own view of YouTube, and `--online` against the fakes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yt_dlp_ejs

from cdcollector import cli
from cdcollector.downloads import js_runtime
from cdcollector.services import online_checks
from tests.fakes.media_server import Fault, audio_cache, media_server, offline  # noqa: F401
from tests.fakes.spotify_api import fake_spotify, spotify_account  # noqa: F401
from tests.fakes.ytmusic import FakeYTMusic


def doctor_json(capsys, *args: str) -> tuple[int, dict]:
    code = cli.main(["--json", "doctor", *args])
    return code, json.loads(capsys.readouterr().out)


def test_doctor_reports_what_yt_dlp_itself_will_use(capsys):
    code, checks = doctor_json(capsys)
    assert code == 0
    assert checks["yt-dlp-ejs"] == {"ok": True, "detail": f"{yt_dlp_ejs.version} (this yt-dlp "
                                                           f"expects {yt_dlp_ejs.version})"}
    deno = js_runtime.deno_path()
    assert checks["javascript runtime"]["detail"] == (
        f"deno {js_runtime.deno_version(deno)} at {deno}")
    assert checks["youtube"]["ok"]
    assert checks["youtube"]["detail"].startswith("ready: solved a stand-in challenge")
    assert checks["youtube cookies"]["detail"] == "not used"


def test_without_deno_doctor_says_plainly_that_youtube_cannot_work(capsys, monkeypatch,
                                                                   tmp_path):
    monkeypatch.setenv(js_runtime.DENO_ENV, str(tmp_path / "missing-deno"))
    js_runtime.deno_path.cache_clear()
    try:
        _, checks = doctor_json(capsys)
    finally:
        js_runtime.deno_path.cache_clear()
    assert checks["javascript runtime"]["ok"] is False
    assert checks["youtube"] == {"ok": False,
                                 "detail": "YouTube downloads cannot work: deno was not found"}


@pytest.fixture
def online_fakes(monkeypatch, media_server, audio_cache, offline, spotify_account,  # noqa: F811
                 fake_spotify):  # noqa: F811
    """YouTube Music, the probe video and Spotify all answered by loopback fakes."""
    monkeypatch.setattr(online_checks, "YTMUSIC_CLIENT", FakeYTMusic())
    url = media_server.add("probe.m4a", audio_cache.get(1.0, ".m4a"))
    monkeypatch.setattr(online_checks, "PROBE_VIDEO_URL", url)
    return media_server, fake_spotify


ONLINE = ("youtube music (online)", "youtube via yt-dlp (online)", "spotify (online)")


def test_online_checks_all_pass_against_the_fakes(capsys, online_fakes):
    code, checks = doctor_json(capsys, "--online")
    assert code == 0, {name: checks[name] for name in ONLINE}
    assert [checks[name]["ok"] for name in ONLINE] == [True, True, True]
    assert checks["youtube via yt-dlp (online)"]["detail"].endswith("nothing downloaded")
    assert checks["spotify (online)"]["detail"].startswith("answered for ")
    server, _ = online_fakes
    assert all(method != "GET" or status != 206 for method, _, status in
               server.requests_for("probe.m4a")), "format resolution must not download"


def test_youtube_music_failing_alone(capsys, online_fakes, monkeypatch):
    monkeypatch.setattr(online_checks, "YTMUSIC_CLIENT",
                        FakeYTMusic(fail_with=ConnectionError("Connection refused")))
    code, checks = doctor_json(capsys, "--online")
    assert code == 1
    assert [checks[name]["ok"] for name in ONLINE] == [False, True, True]
    assert "\n" not in checks["youtube music (online)"]["detail"]


def test_yt_dlp_failing_alone(capsys, online_fakes):
    server, _ = online_fakes
    server.set_fault(Fault("403"), "probe.m4a")
    code, checks = doctor_json(capsys, "--online")
    assert code == 1
    assert [checks[name]["ok"] for name in ONLINE] == [True, False, True]
    assert checks["youtube via yt-dlp (online)"]["detail"] == (
        "The source refused the download (HTTP 403)")


def test_spotify_failing_alone(capsys, online_fakes):
    _, spotify = online_fakes
    spotify.owner_premium = False
    code, checks = doctor_json(capsys, "--online")
    assert code == 1
    assert [checks[name]["ok"] for name in ONLINE] == [True, True, False]
    assert "Premium" in checks["spotify (online)"]["detail"]


def test_spotify_is_skipped_when_not_logged_in(capsys, monkeypatch, media_server,  # noqa: F811
                                               audio_cache, offline):  # noqa: F811
    monkeypatch.setattr(online_checks, "YTMUSIC_CLIENT", FakeYTMusic())
    monkeypatch.setattr(online_checks, "PROBE_VIDEO_URL",
                        media_server.add("p.mp3", audio_cache.get(1.0, ".mp3")))
    code, checks = doctor_json(capsys, "--online")
    assert code == 0
    assert checks["spotify (online)"] == {"ok": True, "detail": "not logged in: skipped"}


def test_the_real_probe_is_refused_offline(offline):  # noqa: F811
    check = online_checks._outcome("x", lambda: online_checks._ytdlp_formats(None))
    assert not check.ok and "Offline test mode" in check.detail


def test_the_yt_dlp_line_says_which_copy_runs_and_what_the_next_start_loads():
    from cdcollector.downloads.ytdlp_status import YtdlpStatus
    from cdcollector.services.doctor import _ytdlp_line

    bundled = YtdlpStatus("2026.10.26", "/app/yt_dlp/__init__.py", "bundled", "0.8.0", None,
                          "2099.1.1", None, True, None, None)
    assert _ytdlp_line(bundled) == "2026.10.26 (bundled); 2099.1.1 from the next start"
    fell_back = replace(bundled, next_start=None, pending=False,
                        fallback="yt-dlp 2099.1.1 was not used: a file is missing.")
    assert _ytdlp_line(fell_back) == ("2026.10.26 (bundled); yt-dlp 2099.1.1 was not used: "
                                      "a file is missing.")
