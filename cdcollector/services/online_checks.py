"""`doctor --online`: one real request per service, a line each, pass or fail with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cdcollector.domain.errors import CollectorError
from cdcollector.services.context import AppContext
from cdcollector.services.doctor import Check

SEARCH_TEXT = "Daft Punk Around the World"
# A public video yt-dlp's own tests have used for years (yt-dlp's test channel).
PROBE_VIDEO_URL = "https://www.youtube.com/watch?v=BaW_jenozKc"
YTMUSIC_CLIENT: Any = None  # None: a real YTMusic without login; tests put a fake here


def _outcome(name: str, probe: Callable[[], str]) -> Check:
    try:
        return Check(name, True, probe())
    except CollectorError as exc:
        return Check(name, False, str(exc))
    except Exception as exc:  # an unexpected answer is a failed check, not a traceback
        return Check(name, False, f"{type(exc).__name__}: {str(exc)[:200]}")


def _ytmusic_search() -> str:
    from cdcollector.catalog.ytmusic import YTMusicCatalog

    songs = YTMusicCatalog(YTMUSIC_CLIENT).by_text(SEARCH_TEXT, "songs")
    if not songs:
        raise CollectorError(f"YouTube Music found no songs for {SEARCH_TEXT!r}.")
    return f"search answered ({len(songs)} songs)"


def _ytdlp_formats(cookies_browser: str | None) -> str:
    from yt_dlp.utils import DownloadError as YtdlpError

    from cdcollector.downloads.failure_reasons import human_reason
    from cdcollector.downloads.fetch import check_url_allowed
    from cdcollector.downloads.ytdl_factory import youtube_dl

    check_url_allowed(PROBE_VIDEO_URL)
    params = {"format": "bestaudio/best", "skip_download": True, "noplaylist": True,
              "socket_timeout": 20}
    try:
        with youtube_dl(params, cookies_browser) as ydl:
            info = ydl.extract_info(PROBE_VIDEO_URL, download=False) or {}
    except YtdlpError as exc:
        raise CollectorError(human_reason(str(exc), PROBE_VIDEO_URL,
                                          cookies_in_use=bool(cookies_browser))[0]) from None
    # What "bestaudio/best" picked: a stream URL whose codec is not "none" (unknown is fine).
    chosen = info.get("requested_formats") or [info]
    if not all(f.get("url") and f.get("acodec") != "none" for f in chosen):
        raise CollectorError("yt-dlp resolved the video but found no audio stream.")
    return f"resolved the audio stream of a public video ({info.get('format_id')}), " \
           "nothing downloaded"


def _spotify_me(ctx: AppContext) -> Check:
    from cdcollector.services.spotify_account import SpotifyAccountService

    account = SpotifyAccountService(ctx, retries=1)
    if not account.status().logged_in:
        return Check("spotify (online)", True, "not logged in: skipped")
    try:
        return _outcome("spotify (online)",
                        lambda: f"answered for {account.catalog().current_user()[1]}")
    finally:
        account.shutdown()


def run_online_checks(ctx: AppContext) -> list[Check]:
    """Blocking network calls: for the CLI (or a worker thread), never the UI thread."""
    cookies = ctx.settings.youtube_cookies_browser or None
    return [
        _outcome("youtube music (online)", _ytmusic_search),
        _outcome("youtube via yt-dlp (online)", lambda: _ytdlp_formats(cookies)),
        _spotify_me(ctx),
    ]
