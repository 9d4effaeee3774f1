"""The one place a yt_dlp.YoutubeDL is built: the JS runtime, no cache, nothing fetched."""

from __future__ import annotations

import logging
from typing import Any

from cdcollector.downloads.js_runtime import js_runtimes_option

log = logging.getLogger(__name__)


class YtdlpLog:
    """yt-dlp talks to our log file, never to the terminal."""

    def debug(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    info = debug

    def warning(self, msg: str) -> None:
        log.warning("yt-dlp: %s", msg)

    def error(self, msg: str) -> None:
        log.info("yt-dlp error: %s", msg)


BASE_PARAMS: dict[str, Any] = {
    "quiet": True,
    "noprogress": True,
    "no_warnings": True,
    # Solver scripts come from the installed yt-dlp-ejs only: no cache that could hold a stale
    # or foreign script, and no remote components (nothing is downloaded to run).
    "cachedir": False,
    "remote_components": [],
}


def youtube_dl(params: dict[str, Any] | None = None, cookies_from_browser: str | None = None):
    """A YoutubeDL with the app's defaults under `params`; use it as a context manager."""
    import yt_dlp

    merged: dict[str, Any] = {**BASE_PARAMS, "logger": YtdlpLog(),
                              "js_runtimes": js_runtimes_option(), **(params or {})}
    merged["remote_components"] = []  # never overridable: the app does not fetch code
    if cookies_from_browser:
        merged["cookiesfrombrowser"] = (cookies_from_browser, None, None, None)
    return yt_dlp.YoutubeDL(merged)
