"""YouTube and YouTube Music link forms: videos, playlists, albums and channels (any URL form)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote

from cdcollector.catalog.link_ref import LinkRef, short
from cdcollector.domain.errors import LinkError

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLAYLIST_ID = re.compile(r"[A-Za-z0-9_-]{2,64}")
CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")
ALBUM_BROWSE_ID = re.compile(r"MPREb_[A-Za-z0-9_-]{5,}")
# Ids that are unmistakably playlists when pasted alone (uploads, likes, albums, mixes, …).
_BARE_PLAYLIST = re.compile(r"(?:PL|OLAK5uy_|UU|FL|LL|RD|TLGG|UUMO|OL)[A-Za-z0-9_-]{10,62}")
_HANDLE = re.compile(r"@[\w.·-]{3,100}", re.UNICODE)
_NAME = re.compile(r"[^/?#\s]{1,100}")

OWN_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com", "youtubekids.com"}
# Privacy front-ends that serve YouTube's own video ids (yt-dlp reads them as YouTube too).
FRONT_END_HOSTS = {"invidio.us", "yewtu.be", "redirect.invidious.io", "vid.plus", "zwearz.com"}
SHORT_HOSTS = {"youtu.be", "redirect.invidious.io", "vid.plus"}  # /<video id> at the root
_VIDEO_PATHS = {"shorts", "embed", "v", "live", "e"}
_WATCH_PATHS = {"watch", "watch_popup"}
_CHANNEL_TABS = {"featured", "videos", "playlists", "posts", "community", "shorts", "streams",
                 "live", "about", "home", "channels", "podcasts", "releases", "search", "store",
                 "letsplay", "courses", "membership"}
# First path segments that are pages of YouTube itself, never a channel's vanity name.
_NOT_CHANNELS = {"feed", "results", "hashtag", "course", "news", "source", "premium", "account",
                 "gaming", "search", "signin", "logout", "upload", "sports", "learning",
                 "fashion", "kids", "reporthistory", "t", "about", "howyoutubeworks",
                 "attribution_link", "redirect", "clip", "playlist", "channel", "c", "user",
                 "browse", "watch", "watch_popup", "embed", "shorts", "v", "e", "live", "m",
                 "podcasts", "trending", "library", "ads", "creators", "yt", "jobs", "new"}
_MIXES = ("RD", "UL")  # a radio or mix made around the video: not a playlist worth offering


def is_youtube_host(host: str) -> bool:
    return host in OWN_HOSTS or host in FRONT_END_HOSTS or host in ("youtu.be",
                                                                     "music.youtube.com")


def parse_youtube(host: str, path: str, query_text: str, text: str) -> LinkRef:
    """A LinkRef for a URL on a YouTube host, or a one-line LinkError."""
    source = "ytmusic" if host == "music.youtube.com" else "youtube"
    segments = [unquote(s) for s in path.split("/") if s]
    # Links copied out of HTML keep their escaped ampersands ("&amp;v=…").
    query = parse_qs(re.sub(r"&(?:amp;)+", "&", query_text))
    if host == "consent.youtube.com":
        return _consent(query, text)
    if host in SHORT_HOSTS and segments and VIDEO_ID.fullmatch(segments[0]):
        return _video(source, segments[0], query, text)
    if host == "youtu.be":
        raise LinkError(f"This YouTube link has no valid video id: {short(text)}")
    return _path(source, segments, query, text)


def _consent(query: dict, text: str) -> LinkRef:
    """consent.youtube.com/m?continue=<the page YouTube was going to show>."""
    from cdcollector.catalog.links import parse_link  # the target is a whole link again

    target = _first(query, "continue")
    if target is None or "consent.youtube.com" in target:
        raise LinkError(f"This YouTube consent link names no page: {short(text)}")
    return parse_link(target)


def _path(source: str, segments: list[str], query: dict, text: str) -> LinkRef:
    head = segments[0].lower() if segments else ""
    rest = segments[1:]
    if head in _WATCH_PATHS and rest and VIDEO_ID.fullmatch(rest[0]):
        return _video(source, rest[0], query, text)  # /watch/<id>/<slug> on front-ends
    if head in _WATCH_PATHS:
        return _watch(source, query, text)
    if head == "embed" and rest and rest[0] == "videoseries":
        return _playlist_query(source, query, text)
    if head == "embed" and rest and rest[0] == "live_stream":
        return _channel_id(source, _first(query, "channel") or "", text)
    if head in _VIDEO_PATHS and rest:
        return _video(source, rest[0], query, text)
    if head == "playlist":
        return _playlist_query(source, query, text)
    if head == "channel" and rest:
        return _channel_id(source, rest[0], text)
    if head == "browse" and rest:
        return _browse(source, rest[0], text)
    if head in ("c", "user") and rest and _NAME.fullmatch(rest[0]):
        return _channel_page(source, f"{head}/{rest[0]}", rest[1:], text)
    if head.startswith("@") and _HANDLE.fullmatch(segments[0]):
        return _channel_page(source, segments[0], rest, text)
    if head == "clip":
        raise LinkError("A YouTube clip cannot be opened here: open the video it comes from.")
    if head in ("results", "search", "feed", "hashtag") or head in _NOT_CHANNELS:
        raise LinkError(f"This YouTube page is a search or a feed, not music to open: "
                        f"{short(text)}")
    if head and _NAME.fullmatch(segments[0]) and source == "youtube":
        return _channel_page(source, segments[0], rest, text)  # a vanity channel URL
    raise LinkError(f"Unsupported YouTube link (videos, playlists, albums, channels only): "
                    f"{short(text)}")


def _watch(source: str, query: dict, text: str) -> LinkRef:
    video = _first(query, "v")
    if video is not None:
        return _video(source, video, query, text)
    if _first(query, "list") is not None:
        return _playlist_query(source, query, text)
    raise LinkError(f"This YouTube link names no video: {short(text)}")


def _video(source: str, value: str, query: dict, text: str) -> LinkRef:
    if not VIDEO_ID.fullmatch(value):
        raise LinkError(f"This YouTube link has no valid video id: {short(text)}")
    playlist = _first(query, "list")
    offered = (playlist if playlist and PLAYLIST_ID.fullmatch(playlist)
               and not playlist.startswith(_MIXES) else None)
    return LinkRef(source, "track", value, playlist=offered)


def _playlist_query(source: str, query: dict, text: str) -> LinkRef:
    value = _first(query, "list")
    if value is None:
        raise LinkError(f"This YouTube link names no playlist: {short(text)}")
    return playlist_ref(source, value, text)


def playlist_ref(source: str, value: str, text: str) -> LinkRef:
    if not PLAYLIST_ID.fullmatch(value):
        raise LinkError(f"This YouTube link has no valid playlist id: {short(text)}")
    # OLAK5uy_ playlists are the audio playlists YouTube Music creates for each album.
    return LinkRef(source, "album" if value.startswith("OLAK5uy_") else "playlist", value)


def _channel_id(source: str, value: str, text: str) -> LinkRef:
    if not CHANNEL_ID.fullmatch(value):
        raise LinkError(f"This YouTube link has no valid channel id: {short(text)}")
    return LinkRef(source, "artist", value)


def _channel_page(source: str, name: str, tabs: list[str], text: str) -> LinkRef:
    """A channel by handle, /c/ or /user/ name or vanity URL; its tab does not change what it is.
    The name is resolved to the channel's id when the page is opened."""
    if tabs and tabs[0].lower() not in _CHANNEL_TABS:
        raise LinkError(f"Unsupported YouTube channel page: {short(text)}")
    return LinkRef(source, "artist", name)


def _browse(source: str, value: str, text: str) -> LinkRef:
    if CHANNEL_ID.fullmatch(value):
        return LinkRef(source, "artist", value)
    if ALBUM_BROWSE_ID.fullmatch(value):
        return LinkRef(source, "album", value)
    if value.startswith("VL") and len(value) > 2:
        return playlist_ref(source, value[2:], text)
    raise LinkError(f"Unsupported YouTube Music page: {short(text)}")


def _first(query: dict, key: str) -> str | None:
    values = query.get(key)
    return values[0].strip() if values else None


def is_channel_name(artist_id: str) -> bool:
    """A handle, /c/ or /user/ name or vanity name (to resolve), not a channel id."""
    return artist_id.startswith("@") or "/" in artist_id or not artist_id.startswith("UC")


def guess_bare_id(text: str) -> LinkRef | None:
    """A pasted bare id that is probably YouTube's ("open video X?"); None when it is not one."""
    value = text.strip()
    if CHANNEL_ID.fullmatch(value):
        return LinkRef("youtube", "artist", value)
    if _BARE_PLAYLIST.fullmatch(value):
        return playlist_ref("youtube", value, value)
    if VIDEO_ID.fullmatch(value):
        return LinkRef("youtube", "track", value)
    return None


def canonical_url(ref: LinkRef) -> str:
    """The plain YouTube URL of a reference (what a "open video X?" offer opens)."""
    host = "music.youtube.com" if ref.source == "ytmusic" else "www.youtube.com"
    if ref.kind == "track":
        return f"https://{host}/watch?v={ref.id}"
    if ref.kind == "artist":
        return (f"https://{host}/channel/{ref.id}" if CHANNEL_ID.fullmatch(ref.id)
                else f"https://{host}/{ref.id}")
    if ref.kind == "album" and ALBUM_BROWSE_ID.fullmatch(ref.id):
        return f"https://{host}/browse/{ref.id}"
    return f"https://{host}/playlist?list={ref.id}"
