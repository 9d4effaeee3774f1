"""Drag-and-drop payloads shared by every view: library track ids and playlist entries."""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

TRACK_IDS = "application/x-cdcollector-track-ids"  # JSON list of library track ids
PLAYLIST_ENTRIES = "application/x-cdcollector-playlist-entries"  # {"playlist": id, "entries": []}
URI_LIST = "text/uri-list"  # files from the file manager
PLAYLIST_SUFFIXES = (".m3u", ".m3u8", ".cdcplaylist")


def track_ids_mime(track_ids: Iterable[int], mime: QMimeData | None = None) -> QMimeData:
    """Library tracks being dragged (from results, favourites, or another playlist)."""
    mime = mime or QMimeData()
    mime.setData(TRACK_IDS, QByteArray(json.dumps([int(i) for i in track_ids]).encode()))
    return mime


def entries_mime(playlist_id: int, entry_ids: Iterable[int], track_ids: Iterable[int]
                 ) -> QMimeData:
    """Entries dragged within a playlist; they also carry their tracks for other targets."""
    mime = track_ids_mime(track_ids)
    payload = {"playlist": int(playlist_id), "entries": [int(i) for i in entry_ids]}
    mime.setData(PLAYLIST_ENTRIES, QByteArray(json.dumps(payload).encode()))
    return mime


def _load(mime: QMimeData | None, kind: str):
    if mime is None or not mime.hasFormat(kind):
        return None
    try:
        return json.loads(bytes(mime.data(kind).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None  # a foreign or damaged payload is ignored, never raised into Qt


def _ints(values) -> list[int]:
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def track_ids_from(mime: QMimeData | None) -> list[int]:
    return _ints(_load(mime, TRACK_IDS))


def entries_from(mime: QMimeData | None) -> tuple[int, list[int]] | None:
    """(playlist id, entry ids) of a drag that started in a playlist, else None."""
    payload = _load(mime, PLAYLIST_ENTRIES)
    if not isinstance(payload, dict) or not isinstance(payload.get("playlist"), int):
        return None
    return payload["playlist"], _ints(payload.get("entries"))


def playlist_files_from(mime: QMimeData | None) -> list[str]:
    """Local playlist files (M3U/M3U8/.cdcplaylist) among dragged URLs."""
    if mime is None or not mime.hasUrls():
        return []
    paths = (url.toLocalFile() for url in mime.urls() if url.isLocalFile())
    return [p for p in paths if p.lower().endswith(PLAYLIST_SUFFIXES)]
