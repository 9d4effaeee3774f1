"""Turn a pasted Spotify or YouTube (Music) link into a typed reference, or a clear LinkError."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cdcollector.catalog.link_ref import LinkRef, short
from cdcollector.catalog.youtube_links import is_youtube_host, parse_youtube
from cdcollector.domain.errors import LinkError

__all__ = ["LinkRef", "parse_link"]

MAX_LENGTH = 2048
SPOTIFY_KINDS = ("track", "album", "playlist", "artist")

_SPOTIFY_ID = re.compile(r"[A-Za-z0-9]{22}")
_INTL = re.compile(r"intl-[a-z]{2}(?:[-_][a-z]{2,4})?", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

_SPOTIFY_HOSTS = {"open.spotify.com", "play.spotify.com"}


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
        raise LinkError(f"Not a link CD-Collector understands: {short(text)}") from None


def _spotify_uri(text: str) -> LinkRef:
    parts = text.split(":")
    if len(parts) == 5 and parts[1].lower() == "user" and parts[3].lower() == "playlist":
        parts = ["spotify", "playlist", parts[4]]
    if len(parts) != 3 or parts[1].lower() not in SPOTIFY_KINDS:
        raise LinkError(f"Unsupported Spotify link (tracks, albums, playlists, artists only): "
                        f"{short(text)}")
    return LinkRef("spotify", parts[1].lower(), _spotify_id(parts[2], text))


def _spotify_id(value: str, text: str) -> str:
    if not _SPOTIFY_ID.fullmatch(value):
        raise LinkError(f"This Spotify link has no valid id: {short(text)}")
    return value


def _url(text: str) -> LinkRef:
    # As a browser reads http(s) URLs: a backslash is a slash, so "evil.com\@host" is evil.com.
    text = text.replace("\\", "/")
    if text.startswith("//"):
        text = "https:" + text
    elif not _SCHEME.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise LinkError(f"Not a web link: {short(text)}")
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if host in _SPOTIFY_HOSTS:
        return _spotify_path([s for s in parts.path.split("/") if s], text)
    if host == "spotify.link":
        raise LinkError("Short spotify.link links cannot be read offline: open it in a browser "
                        "and paste the open.spotify.com link instead.")
    if is_youtube_host(host) or host == "consent.youtube.com":
        return parse_youtube(host, parts.path, parts.query, text)
    raise LinkError(f"Not a Spotify or YouTube link: {short(text)}")


def _spotify_path(segments: list[str], text: str) -> LinkRef:
    if segments and _INTL.fullmatch(segments[0]):
        segments = segments[1:]
    if segments and segments[0].lower() == "embed":
        segments = segments[1:]
    if len(segments) >= 4 and segments[0] == "user" and segments[2] == "playlist":
        segments = segments[2:]
    if len(segments) < 2 or segments[0].lower() not in SPOTIFY_KINDS:
        raise LinkError(f"Unsupported Spotify link (tracks, albums, playlists, artists only): "
                        f"{short(text)}")
    return LinkRef("spotify", segments[0].lower(), _spotify_id(segments[1], text))
