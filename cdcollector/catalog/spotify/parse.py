"""Turn Spotify Web API objects into CD-Collector's references (pure functions, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cdcollector.domain.types import AlbumRef, ArtistRef, Source, TrackRef

ALBUM_KINDS = {"album": "album", "single": "single", "compilation": "compilation", "ep": "ep"}
# Why a playlist cannot be mirrored, and what to do (Development-mode rule since 2026).
NOT_READABLE = ("Spotify lets CD-Collector read only playlists you own or collaborate on: "
                "save a copy in Spotify, then mirror the copy.")


@dataclass(frozen=True)
class SkippedItem:
    """A playlist entry that cannot become a track: a local file, an episode, a removed song."""

    position: int  # 0-based index in the remote playlist
    kind: str  # local | episode | unavailable
    title: str
    note: str


@dataclass(frozen=True)
class PlaylistItems:
    tracks: tuple[TrackRef, ...]
    skipped: tuple[SkippedItem, ...]


@dataclass(frozen=True)
class RemotePlaylist:
    """One of the user's playlists as listed by Spotify (cheap: no items)."""

    id: str
    name: str
    snapshot_id: str
    track_count: int
    owner_id: str | None
    owner_name: str | None
    collaborative: bool = False
    image_url: str | None = None
    unreadable_reason: str | None = None  # set when Spotify will refuse its items


def _year(release_date: str | None) -> int | None:
    if release_date and release_date[:4].isdigit():
        return int(release_date[:4])
    return None


def _image(obj: dict[str, Any] | None) -> str | None:
    """The largest image URL (Spotify lists them largest first)."""
    images = (obj or {}).get("images") or []
    for image in images:
        if isinstance(image, dict) and image.get("url"):
            return image["url"]
    return None


def _names(objs: Any) -> tuple[str, ...]:
    return tuple(a["name"] for a in objs or () if isinstance(a, dict) and a.get("name"))


def artist_ref(obj: dict[str, Any]) -> ArtistRef:
    return ArtistRef(name=obj.get("name") or "", source=Source.SPOTIFY, id=obj.get("id"),
                     image_url=_image(obj))


def album_ref(obj: dict[str, Any]) -> AlbumRef:
    kind = obj.get("album_type") or "album"
    total = obj.get("total_tracks")
    if total is None and isinstance(obj.get("tracks"), dict):
        total = obj["tracks"].get("total")
    return AlbumRef(
        title=obj.get("name") or "",
        artists=_names(obj.get("artists")),
        source=Source.SPOTIFY,
        id=obj.get("id"),
        year=_year(obj.get("release_date")),
        cover_url=_image(obj),
        total_tracks=total,
        kind=ALBUM_KINDS.get(str(kind).lower(), "album"),
    )


def track_ref(obj: dict[str, Any], album: dict[str, Any] | None = None) -> TrackRef:
    """A track object (full or simplified); `album` fills in what simplified tracks lack."""
    album = obj.get("album") or album or {}
    duration_ms = obj.get("duration_ms")
    album_artists = _names(album.get("artists"))
    return TrackRef(
        title=obj.get("name") or "",
        artists=_names(obj.get("artists")),
        album=album.get("name") or None,
        duration_s=duration_ms / 1000 if isinstance(duration_ms, int | float) else None,
        source=Source.SPOTIFY,
        id=obj.get("id"),
        isrc=(obj.get("external_ids") or {}).get("isrc") or None,
        explicit=obj.get("explicit"),
        track_number=obj.get("track_number"),
        disc_number=obj.get("disc_number"),
        year=_year(album.get("release_date")),
        album_artist=", ".join(album_artists) or None,
        cover_url=_image(album),
        spotify_id=obj.get("id"),
    )


def playlist_entry(position: int, item: dict[str, Any], field: str = "item"
                   ) -> TrackRef | SkippedItem:
    """One playlist entry (media under `item`) or saved track (under `track`): a track, or a
    note saying why it was skipped."""
    media = item.get(field)
    title = (media or {}).get("name") or "(untitled)"
    if item.get("is_local"):
        return SkippedItem(position, "local", title,
                           f"“{title}” is a local file on the owner's device; Spotify cannot "
                           "share it.")
    if not isinstance(media, dict) or not media.get("id"):
        return SkippedItem(position, "unavailable", title,
                           "An entry is no longer available on Spotify.")
    if media.get("type") == "episode" or media.get("episode") is True:
        return SkippedItem(position, "episode", title,
                           f"“{title}” is a podcast episode, not a song.")
    return track_ref(media)


def remote_playlist(obj: dict[str, Any], user_id: str | None = None) -> RemotePlaylist:
    """`user_id` (the logged-in user) marks others' non-collaborative playlists unreadable."""
    owner = obj.get("owner") or {}
    counts = obj.get("items") or {}
    readable = user_id is None or owner.get("id") == user_id or bool(obj.get("collaborative"))
    return RemotePlaylist(
        id=obj["id"],
        name=obj.get("name") or "",
        snapshot_id=obj.get("snapshot_id") or "",
        track_count=int(counts.get("total") or 0) if isinstance(counts, dict) else 0,
        owner_id=owner.get("id"),
        owner_name=owner.get("display_name") or owner.get("id"),
        collaborative=bool(obj.get("collaborative")),
        image_url=_image(obj),
        unreadable_reason=None if readable else NOT_READABLE,
    )
