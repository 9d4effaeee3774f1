"""fetch.py: the real yt-dlp against the loopback media server, with its faults."""

from __future__ import annotations

import pytest

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, DownloadError
from cdcollector.downloads import failure_reasons, fetch
from tests.fakes.media_server import Fault

pytestmark = pytest.mark.usefixtures("offline")


def leftovers(folder):
    return [p.name for p in folder.rglob("*") if p.suffix in (".part", ".ytdl")
            or ".part-" in p.name]


def test_downloads_the_exact_bytes_with_progress(tmp_path, media_server, audio_cache):
    source = audio_cache.get(2.0, ".m4a")
    url = media_server.add("song.m4a", source)
    seen = []
    result = fetch.fetch_audio(url, tmp_path / "job", progress=lambda *a: seen.append(a))
    assert result.path.read_bytes() == source.read_bytes()
    assert result.info.ext == "m4a"
    assert seen and seen[-1][0] == source.stat().st_size
    assert not leftovers(tmp_path)


def test_a_dropped_connection_is_resumed_with_a_range_request(tmp_path, media_server,
                                                              audio_cache):
    source = audio_cache.get(3.0, ".mp3")
    url = media_server.add("drop.mp3", source)
    media_server.set_fault(Fault("drop", after_bytes=20_000, times=1, skip=1), "drop.mp3")
    result = fetch.fetch_audio(url, tmp_path / "job")
    assert result.path.read_bytes() == source.read_bytes()
    assert any(status == 206 for _p, _r, status in media_server.requests_for("drop.mp3"))


def test_403_fails_with_a_human_reason_and_no_leftovers(tmp_path, media_server, audio_cache):
    url = media_server.add("no.mp3", audio_cache.get(1.0, ".mp3"))
    media_server.set_fault(Fault("403"), "no.mp3")
    with pytest.raises(DownloadError) as caught:
        fetch.fetch_audio(url, tmp_path / "job")
    assert str(caught.value) == "The source refused the download (HTTP 403)"
    assert not leftovers(tmp_path)


def test_a_passing_500_is_retried(tmp_path, media_server, audio_cache):
    url = media_server.add("flaky.mp3", audio_cache.get(1.0, ".mp3"))
    media_server.set_fault(Fault("500", times=1), "flaky.mp3")
    assert fetch.fetch_audio(url, tmp_path / "job").path.is_file()
    assert media_server.requests_for("flaky.mp3")[0][2] == 500


def test_a_lasting_500_fails_with_a_reason(tmp_path, media_server, audio_cache):
    url = media_server.add("down.mp3", audio_cache.get(1.0, ".mp3"))
    media_server.set_fault(Fault("500"), "down.mp3")
    with pytest.raises(DownloadError, match=r"server error \(HTTP 500\)"):
        fetch.fetch_audio(url, tmp_path / "job")
    assert len(media_server.requests_for("down.mp3")) == 1 + len(fetch.RETRY_DELAYS_S)


def test_slow_start_still_downloads(tmp_path, media_server, audio_cache):
    source = audio_cache.get(1.0, ".opus")
    url = media_server.add("slow.opus", source)
    media_server.set_fault(Fault("slow_start", delay_s=0.5), "slow.opus")
    assert fetch.fetch_audio(url, tmp_path / "job").path.read_bytes() == source.read_bytes()


def test_cancel_stops_the_download_and_removes_partials(tmp_path, media_server, audio_cache):
    media_server.rate_limit_bps = 50_000
    url = media_server.add("long.mp3", audio_cache.get(20.0, ".mp3"))
    token = CancelToken()

    def on_progress(done, total, speed, eta):
        if done > 10_000:
            token.cancel()

    with pytest.raises(CancelledError):
        fetch.fetch_audio(url, tmp_path / "job", progress=on_progress, token=token)
    assert not leftovers(tmp_path)
    assert not list((tmp_path / "job").glob("source.*"))


def test_offline_mode_refuses_non_loopback_urls(tmp_path):
    with pytest.raises(DownloadError, match="Offline test mode"):
        fetch.fetch_audio("https://www.youtube.com/watch?v=dQw4w9WgXcQ", tmp_path / "job")
    with pytest.raises(DownloadError, match="Not a web link"):
        fetch.fetch_audio("file:///etc/passwd", tmp_path / "job")


@pytest.mark.parametrize(("message", "reason", "retriable"), [
    ("ERROR: [generic] Unable to download webpage: HTTP Error 403: Forbidden",
     "The source refused the download (HTTP 403)", False),
    ("ERROR: unable to download video data: HTTP Error 404: Not Found",
     "The source no longer has this recording (HTTP 404)", False),
    ("ERROR: HTTP Error 503: Service Unavailable", "The source had a server error (HTTP 503)",
     True),
    ("ERROR: The read operation timed out", "The connection to the source timed out", True),
    ("ERROR: \x1b[0;31mUnsupported URL: http://x\x1b[0m",
     "This link is not a downloadable recording", False),
    ("ERROR: Did not get any data blocks", "The connection dropped during the download", True),
])
def test_human_reasons(message, reason, retriable):
    assert failure_reasons.human_reason(message) == (reason, retriable)


def test_parse_info_takes_the_downloaded_path():
    info = {"id": "abc", "title": "T", "ext": "webm", "acodec": "opus", "duration": 201,
            "webpage_url": "https://music.youtube.com/watch?v=abc",
            "requested_downloads": [{"filepath": "/tmp/job/source.webm"}]}
    parsed = fetch.parse_info(info, "https://x")
    assert (parsed.id, parsed.acodec, parsed.duration_s) == ("abc", "opus", 201.0)
    assert parsed.filepath == "/tmp/job/source.webm"
    assert fetch.parse_info({"acodec": "none"}, "https://x").acodec is None


def test_media_server_answers_ranges(media_server, audio_cache):
    import urllib.request

    [source] = audio_cache.tracks(1, seconds=1.0, ext=".flac", kind="noise")
    url = media_server.add("r.flac", source)
    data = source.read_bytes()
    request = urllib.request.Request(url, headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 206
        assert response.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
        assert response.headers["Accept-Ranges"] == "bytes"
        assert response.read() == data[100:200]
    request = urllib.request.Request(url, headers={"Range": "bytes=-50"})
    with urllib.request.urlopen(request) as response:
        assert response.read() == data[-50:]


@pytest.mark.parametrize("ext", [".ogg", ".flac", ".wav"])
def test_other_containers_download(tmp_path, media_server, audio_cache, ext):
    [source] = audio_cache.tracks(1, seconds=1.0, ext=ext)
    url = media_server.add("x" + ext, source)
    assert fetch.fetch_audio(url, tmp_path / "job").path.read_bytes() == source.read_bytes()
