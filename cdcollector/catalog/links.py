"""Turn a pasted Spotify or YouTube (Music) link into a typed reference, or a clear LinkError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from cdcollector.domain.errors import LinkError

MAX_LENGTH = 2048
SPOTIFY_KINDS = ("track", "album", "playlist", "artist")

_SPOTIFY_ID = re.compile(r"[A-Za-z0-9]{22}")
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_PLAYLIST_ID = re.compile(r"[A-Za-z0-9_-]{2,64}")
_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
_ALBUM_BROWSE_ID = re.compile(r"MPREb_[A-Za-z0-9_-]{5,}")
_INTL = re.compile(r"intl-[a-z]{2}(?:[-_][a-z]{2,4})?", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}
_SPOTIFY_HOSTS = {"open.spotify.com", "play.spotify.com"}
_VIDEO_PATHS = {"shorts", "embed", "v", "live", "e"}


@dataclass(frozen=True)
class LinkRef:
    source: str  # "spotify" | "youtube" | "ytmusic"
    kind: str  # "track" | "album" | "playlist" | "artist"
    id: str


def parse_link(text: str) -> LinkRef:
    """Parse what a user pasted. Raises LinkError (one-line message) for anything unsupported."""
    if not isinstance(text, str):
        raise LinkError("Not a link: expected text.")
    text = text.strip().strip("<>\"'“”‘’").strip()  # chat apps wrap links in <> or quotes
    if not text:
        raise LinkError("Nothing to open: the pasted text is empty.")
    if len(text) > MAX_LENGTH:
        raise LinkError("Not a link CD-Collector understands: the text is too long.")
    if text.lower().startswith("spotify:"):
        return _spotify_uri(text)
    try:
        return _url(text)
    except ValueError:  # urlsplit rejects some malformed hosts (e.g. an unclosed "[")
        raise LinkError(f"Not a link CD-Collector understands: {_short(text)}") from None


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "…"


def _spotify_uri(text: str) -> LinkRef:
    parts = text.split(":")
    if len(parts) == 5 and parts[1].lower() == "user" and parts[3].lower() == "playlist":
        parts = ["spotify", "playlist", parts[4]]
    if len(parts) != 3 or parts[1].lower() not in SPOTIFY_KINDS:
        raise LinkError(f"Unsupported Spotify link (tracks, albums, playlists, artists only): "
                        f"{_short(text)}")
    return LinkRef("spotify", parts[1].lower(), _spotify_id(parts[2], text))


def _spotify_id(value: str, text: str) -> str:
    if not _SPOTIFY_ID.fullmatch(value):
        raise LinkError(f"This Spotify link has no valid id: {_short(text)}")
    return value


def _url(text: str) -> LinkRef:
    if text.startswith("//"):
        text = "https:" + text
    elif not _SCHEME.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise LinkError(f"Not a web link: {_short(text)}")
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if host in _SPOTIFY_HOSTS:
        return _spotify_path(segments, text)
    if host == "spotify.link":
        raise LinkError("Short spotify.link links cannot be read offline: open it in a browser "
                        "and paste the open.spotify.com link instead.")
    if host == "youtu.be":
        return LinkRef("youtube", "track", _video_id(segments[0] if segments else "", text))
    if host == "music.youtube.com":
        return _youtube_path("ytmusic", segments, query, text)
    if host in _YOUTUBE_HOSTS:
        return _youtube_path("youtube", segments, query, text)
    raise LinkError(f"Not a Spotify or YouTube link: {_short(text)}")


def _spotify_path(segments: list[str], text: str) -> LinkRef:
    if segments and _INTL.fullmatch(segments[0]):
        segments = segments[1:]
    if segments and segments[0].lower() == "embed":
        segments = segments[1:]
    if len(segments) >= 4 and segments[0] == "user" and segments[2] == "playlist":
        segments = segments[2:]
    if len(segments) < 2 or segments[0].lower() not in SPOTIFY_KINDS:
        raise LinkError(f"Unsupported Spotify link (tracks, albums, playlists, artists only): "
                        f"{_short(text)}")
    return LinkRef("spotify", segments[0].lower(), _spotify_id(segments[1], text))


def _youtube_path(source: str, segments: list[str], query: dict, text: str) -> LinkRef:
    head = segments[0].lower() if segments else ""
    video = _first(query, "v")
    playlist = _first(query, "list")
    if head == "watch":
        if video is not None:
            return LinkRef(source, "track", _video_id(video, text))
        if playlist is not None:
            return _playlist(source, playlist, text)
        raise LinkError(f"This YouTube link names no video: {_short(text)}")
    if head in _VIDEO_PATHS and len(segments) >= 2:
        return LinkRef(source, "track", _video_id(segments[1], text))
    if head == "playlist" and playlist is not None:
        return _playlist(source, playlist, text)
    if head in ("channel", "browse") and len(segments) >= 2:
        return _browse(source, segments[1], text)
    raise LinkError(f"Unsupported YouTube link (videos, playlists, albums, channels only): "
                    f"{_short(text)}")


def _first(query: dict, key: str) -> str | None:
    values = query.get(key)
    return values[0].strip() if values else None


def _video_id(value: str, text: str) -> str:
    if not _VIDEO_ID.fullmatch(value):
        raise LinkError(f"This YouTube link has no valid video id: {_short(text)}")
    return value


def _playlist(source: str, value: str, text: str) -> LinkRef:
    if not _PLAYLIST_ID.fullmatch(value):
        raise LinkError(f"This YouTube link has no valid playlist id: {_short(text)}")
    # OLAK5uy_ playlists are the audio playlists YouTube Music creates for each album.
    kind = "album" if value.startswith("OLAK5uy_") else "playlist"
    return LinkRef(source, kind, value)


def _browse(source: str, value: str, text: str) -> LinkRef:
    if _CHANNEL_ID.fullmatch(value):
        return LinkRef(source, "artist", value)
    if _ALBUM_BROWSE_ID.fullmatch(value):
        return LinkRef(source, "album", value)
    if value.startswith("VL") and len(value) > 2:
        return _playlist(source, value[2:], text)
    raise LinkError(f"Unsupported YouTube Music page: {_short(text)}")
