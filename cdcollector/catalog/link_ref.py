"""What a pasted link names: the catalogue, the kind of page and its id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkRef:
    source: str  # "spotify" | "youtube" | "ytmusic"
    kind: str  # "track" | "album" | "playlist" | "artist"
    id: str  # for YouTube channels also "@handle", "c/Name", "user/Name" or a vanity name
    playlist: str | None = None  # a video opened from a playlist: the playlist to offer


def short(text: str) -> str:
    """Pasted text as a one-line message may quote it."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "…"
