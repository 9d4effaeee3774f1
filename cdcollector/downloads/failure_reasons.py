"""Turns yt-dlp's error text into one sentence for the user, YouTube's pushback included."""

from __future__ import annotations

import re
from urllib.parse import urlparse

_HTTP_REASONS = {
    401: "The source wants a login for this recording (HTTP 401)",
    403: "The source refused the download (HTTP 403)",
    404: "The source no longer has this recording (HTTP 404)",
    410: "The source no longer has this recording (HTTP 410)",
    429: "The source is limiting downloads; try again later (HTTP 429)",
}
YOUTUBE_HOSTS = ("youtube.com", "youtu.be", "googlevideo.com", "youtube-nocookie.com")
COOKIES_HINT = "Settings → General → YouTube cookies from"

BOT_CHECK = (
    "YouTube wants to confirm you are not a bot. Choose a browser you use YouTube in under "
    f"{COOKIES_HINT}, then retry."
)
BOT_CHECK_WITH_COOKIES = (
    "YouTube wants to confirm you are not a bot, even with your browser's cookies: open YouTube "
    "in that browser, play a video, then retry (or wait a few hours)."
)
YOUTUBE_403 = (
    "YouTube refused the audio stream (HTTP 403), as it does when it asks for a proof-of-origin "
    "token: retry later, update yt-dlp (Help → Update yt-dlp…), or set "
    f"{COOKIES_HINT}."
)


def is_youtube(url: str | None) -> bool:
    host = (urlparse(url or "").hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in YOUTUBE_HOSTS)


def is_bot_check(text: str) -> bool:
    lowered = text.lower().replace("’", "'")
    return "not a bot" in lowered and ("confirm you" in lowered or "sign in" in lowered)


def human_reason(message: str, url: str | None = None,
                 cookies_in_use: bool = False) -> tuple[str, bool]:
    """(a one-line reason for the user, whether trying again may help) from a yt-dlp error."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", message).replace("ERROR: ", "").strip()
    if is_bot_check(text):
        return (BOT_CHECK_WITH_COOKIES if cookies_in_use else BOT_CHECK), False
    http = re.search(r"HTTP Error (\d{3})", text)
    if http:
        code = int(http.group(1))
        if code == 403 and (is_youtube(url) or "po token" in text.lower()):
            return YOUTUBE_403, False
        if code in _HTTP_REASONS:
            return _HTTP_REASONS[code], code == 429
        if code >= 500:
            return f"The source had a server error (HTTP {code})", True
        return f"The source answered with an error (HTTP {code})", False
    lowered = text.lower()
    if "timed out" in lowered:
        return "The connection to the source timed out", True
    if "connection refused" in lowered or "failed to establish" in lowered:
        return "Could not connect to the source", True
    if any(k in lowered for k in ("incomplete", "connection reset", "remote end closed",
                                  "connection broken", "did not get any data")):
        return "The connection dropped during the download", True
    if "unsupported url" in lowered:
        return "This link is not a downloadable recording", False
    if "requested format is not available" in lowered or "no video formats" in lowered:
        return "The source offers no audio for this recording", False
    if "sign in" in lowered or ("age" in lowered and "confirm" in lowered):
        return "The source wants a login for this recording", False
    first_line = text.splitlines()[0] if text else "unknown error"
    return f"Download failed: {first_line[:200]}", False
