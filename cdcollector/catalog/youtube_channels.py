"""Turns a channel's handle, /c/ or /user/ name or vanity URL into its UC… id (one page read)."""

from __future__ import annotations

from cdcollector.catalog.youtube_links import CHANNEL_ID
from cdcollector.domain.errors import CatalogError, OfflineError


def resolve_channel(name: str) -> str:
    """The channel id behind "@handle", "c/Name", "user/Name" or a vanity name. Blocks (network).

    Through the app's one YoutubeDL factory: yt-dlp knows YouTube's consent pages and redirects.
    """
    from yt_dlp.utils import DownloadError as YtdlpError

    from cdcollector.downloads.failure_reasons import human_reason
    from cdcollector.downloads.ytdl_factory import youtube_dl

    url = f"https://www.youtube.com/{name}"
    try:
        with youtube_dl({"extract_flat": True, "playlist_items": "0"}) as ydl:
            info = ydl.extract_info(url, download=False, process=False) or {}
    except YtdlpError as exc:
        if "HTTP Error 404" in str(exc):
            raise CatalogError(f"YouTube has no channel {name}.") from None
        reason, passing = human_reason(str(exc), url)
        error = OfflineError if passing else CatalogError
        raise error(f"Could not open the channel {name}: {reason}.") from None
    channel = info.get("channel_id") or info.get("uploader_id") or ""
    if not CHANNEL_ID.fullmatch(str(channel)):
        raise CatalogError(f"YouTube did not say which channel {name} is.")
    return str(channel)
