"""YouTube's bot check and proof-of-origin 403s get one plain sentence with what to do."""

from __future__ import annotations

import pytest

from cdcollector.domain.errors import DownloadError
from cdcollector.downloads import failure_reasons, fetch
from cdcollector.downloads.failure_reasons import BOT_CHECK, BOT_CHECK_WITH_COOKIES, YOUTUBE_403
from cdcollector.settings import COOKIE_BROWSERS, Settings

# yt-dlp's text as users report it in 2025–2026 (curly apostrophe included).
BOT_TEXT = ("ERROR: [youtube] M7FH1dL51oU: Sign in to confirm you’re not a bot. Use "
            "--cookies-from-browser or --cookies for the authentication. See  https://github.com/"
            "yt-dlp/yt-dlp/wiki/FAQ#how-do-i-pass-cookies-to-yt-dlp  for how to manually pass "
            "cookies.")
PO_TOKEN_403 = "ERROR: unable to download video data: HTTP Error 403: Forbidden"
WATCH = "https://music.youtube.com/watch?v=M7FH1dL51oU"


def test_the_bot_check_says_what_to_do_and_is_not_retried():
    assert failure_reasons.human_reason(BOT_TEXT, WATCH) == (BOT_CHECK, False)
    assert "Settings" in BOT_CHECK and "cookies" in BOT_CHECK


def test_the_bot_check_with_cookies_already_set_says_something_else():
    reason, retriable = failure_reasons.human_reason(BOT_TEXT, WATCH, cookies_in_use=True)
    assert (reason, retriable) == (BOT_CHECK_WITH_COOKIES, False)


def test_a_youtube_403_is_explained_as_youtube_pushback_not_a_generic_refusal():
    assert failure_reasons.human_reason(PO_TOKEN_403, WATCH) == (YOUTUBE_403, False)
    generic, _ = failure_reasons.human_reason(PO_TOKEN_403, "http://127.0.0.1:9/a.mp3")
    assert generic == "The source refused the download (HTTP 403)"


@pytest.mark.parametrize("url", ["https://www.youtube.com/watch?v=x", "https://youtu.be/x",
                                 "https://rr1---sn-x.googlevideo.com/videoplayback?x=1"])
def test_youtube_hosts_are_recognised(url):
    assert failure_reasons.is_youtube(url)


def test_lookalike_hosts_are_not_youtube():
    assert not failure_reasons.is_youtube("https://notyoutube.com/watch?v=x")
    assert not failure_reasons.is_youtube("https://youtube.com.evil.example/watch")


def test_the_cookie_browser_setting_names_only_browsers_yt_dlp_reads():
    from yt_dlp.cookies import SUPPORTED_BROWSERS

    assert set(COOKIE_BROWSERS) - {""} <= set(SUPPORTED_BROWSERS)
    assert Settings(youtube_cookies_browser="firefox").validated()
    with pytest.raises(Exception, match="YouTube cookies"):
        Settings(youtube_cookies_browser="netscape").validated()


def test_a_cookie_browser_reaches_yt_dlp_as_cookiesfrombrowser(monkeypatch, tmp_path):
    seen = {}

    class Recorder:
        def __init__(self, params):
            seen.update(params)
            raise _Stop

    class _Stop(Exception):
        pass

    import yt_dlp

    monkeypatch.setattr(yt_dlp, "YoutubeDL", Recorder)
    with pytest.raises(_Stop):
        fetch.fetch_audio("http://127.0.0.1:9/a.mp3", tmp_path / "job", cookies_browser="firefox")
    assert seen["cookiesfrombrowser"] == ("firefox", None, None, None)
    assert seen["remote_components"] == []


def test_a_bot_check_during_a_fetch_fails_with_the_sentence(monkeypatch, tmp_path):
    from yt_dlp.utils import DownloadError as YtdlpError

    class Refusing:
        def __init__(self, params):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def extract_info(self, url, download):
            raise YtdlpError(BOT_TEXT)

    import yt_dlp

    monkeypatch.setattr(yt_dlp, "YoutubeDL", Refusing)
    with pytest.raises(DownloadError) as failure:
        fetch.fetch_audio("http://127.0.0.1:9/a.mp3", tmp_path / "job")
    assert str(failure.value) == BOT_CHECK
