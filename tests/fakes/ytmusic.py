"""A stand-in for ytmusicapi.YTMusic that answers from tests/catalog/data and records calls."""

from __future__ import annotations

import copy
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "catalog" / "data"


def load(name: str):
    return json.loads((DATA / f"{name}.json").read_text("utf-8"))


class FakeYTMusic:
    """Same method names and keyword arguments as YTMusic; `fail_with` makes every call raise."""

    def __init__(self, fail_with: BaseException | None = None):
        self.calls: list[tuple[str, tuple, dict]] = []
        self.fail_with = fail_with
        self.search_answers: dict[tuple[str, str | None], list] = {}

    def _record(self, name: str, *args, **kwargs) -> None:
        self.calls.append((name, args, kwargs))
        if self.fail_with is not None:
            raise self.fail_with

    def search(self, query, filter=None, scope=None, limit=20, ignore_spelling=False):
        self._record("search", query, filter=filter, limit=limit)
        if (query, filter) in self.search_answers:
            return copy.deepcopy(self.search_answers[(query, filter)])
        name = {"songs": "search_songs", "videos": "search_videos", "albums": "search_albums",
                "artists": "search_artists", None: "search_isrc"}.get(filter)
        return load(name)[:limit] if name else []

    def get_album(self, browseId):
        self._record("get_album", browseId)
        return load("get_album")

    def get_album_browse_id(self, audioPlaylistId):
        self._record("get_album_browse_id", audioPlaylistId)
        return "MPREb_IInSY5QXXrW" if audioPlaylistId.startswith("OLAK5uy_kun") else None

    def get_artist(self, channelId):
        self._record("get_artist", channelId)
        return load("get_artist")

    def get_artist_albums(self, channelId, params, limit=100, order=None):
        self._record("get_artist_albums", channelId, params, limit=limit)
        return load("get_artist_albums_singles" if params.endswith("C")
                    else "get_artist_albums_albums")

    def get_watch_playlist(self, videoId=None, playlistId=None, limit=25, radio=False,
                           shuffle=False):
        self._record("get_watch_playlist", videoId=videoId, limit=limit)
        return load("get_watch_playlist")

    def get_playlist(self, playlistId, limit=100, related=False, suggestions_limit=0):
        self._record("get_playlist", playlistId, limit=limit)
        return load("get_playlist")
