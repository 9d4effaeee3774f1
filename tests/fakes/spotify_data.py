"""Catalogue of the fake Spotify API: the real fixture responses plus synthetic look-alikes."""

from __future__ import annotations

import copy
import itertools
import json
import random
import string
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "spotify"
BASE62 = string.digits + string.ascii_letters
WEB = "https://api.spotify.com/v1"


def load(name: str, fixtures: Path = FIXTURES) -> dict[str, Any]:
    return json.loads((fixtures / "responses" / f"{name}.json").read_text(encoding="utf-8"))


# Fields Spotify no longer sends to Development-mode apps (February 2026 changelog), by type.
REMOVED_FIELDS = {
    "track": frozenset({"available_markets", "linked_from", "popularity"}),
    "album": frozenset({"album_group", "available_markets", "label", "popularity"}),
    "artist": frozenset({"followers", "popularity"}),
}
REMOVED_PROFILE_FIELDS = frozenset({"country", "email", "explicit_content", "followers",
                                    "product"})
_ANY = frozenset({"available_markets"})  # market lists are gone everywhere


def strip_removed(obj: Any) -> Any:
    """The fixture object as a Development-mode app gets it today (nested objects too)."""
    if isinstance(obj, dict):
        gone = REMOVED_FIELDS.get(obj.get("type"), _ANY)
        return {k: strip_removed(v) for k, v in obj.items() if k not in gone}
    if isinstance(obj, list):
        return [strip_removed(v) for v in obj]
    return obj


def current_profile(fixtures: Path = FIXTURES) -> dict[str, Any]:
    """GET /me without the fields removed in 2026."""
    me = load("GetCurrentUsersProfileRequest", fixtures)
    return {k: v for k, v in me.items() if k not in REMOVED_PROFILE_FIELDS}


def simplified_artist(artist: dict[str, Any]) -> dict[str, Any]:
    keys = ("external_urls", "href", "id", "name", "type", "uri")
    return {k: artist[k] for k in keys if k in artist}


class FakeCatalog:
    """Tracks, albums, artists and episodes the fake serves; tests may add synthetic ones."""

    def __init__(self, fixtures: Path = FIXTURES, seed: int = 7):
        self._rng = random.Random(seed)
        self._serial = itertools.count(1)
        self.fixtures = fixtures
        self.tracks: dict[str, dict[str, Any]] = {}
        self.albums: dict[str, dict[str, Any]] = {}
        self.album_tracks: dict[str, list[str]] = {}
        self.artists: dict[str, dict[str, Any]] = {}
        self.artist_albums: dict[str, list[tuple[str, str]]] = {}  # artist → (album, group)
        self.episodes: dict[str, dict[str, Any]] = {}
        self._templates = {
            "track": strip_removed(load("GetTrackRequest", fixtures)),
            "album": strip_removed(load("GetAlbumRequest", fixtures)),
            "artist": strip_removed(load("GetArtistRequest", fixtures)),
        }
        self._templates["album"].pop("tracks")
        self._seed_from_fixtures()

    # --- ids ------------------------------------------------------------------------------

    def new_id(self) -> str:
        return "".join(self._rng.choice(BASE62) for _ in range(22))

    def _identity(self, kind: str, obj: dict[str, Any], new_id: str) -> None:
        obj.update(
            id=new_id, uri=f"spotify:{kind}:{new_id}", href=f"{WEB}/{kind}s/{new_id}",
            external_urls={"spotify": f"https://open.spotify.com/{kind}/{new_id}"},
        )

    # --- registration ---------------------------------------------------------------------

    def register_artist(self, artist: dict[str, Any]) -> str:
        if artist["id"] not in self.artists:
            full = copy.deepcopy(self._templates["artist"])
            full.update(strip_removed(artist))
            full.setdefault("images", [])
            self.artists[artist["id"]] = full
        return artist["id"]

    def register_album(self, album: dict[str, Any], group: str | None = None) -> str:
        album = strip_removed(album)
        album.pop("tracks", None)
        known = self.albums.setdefault(album["id"], album)
        self.album_tracks.setdefault(album["id"], [])
        for position, artist in enumerate(album.get("artists") or []):
            self.register_artist(artist)
            links = self.artist_albums.setdefault(artist["id"], [])
            kind = group or (known.get("album_type") if position == 0 else "appears_on")
            if all(a != album["id"] for a, _ in links):
                links.append((album["id"], kind or "album"))
        return album["id"]

    def register_track(self, track: dict[str, Any], album: dict[str, Any] | None = None) -> str:
        if album is not None and "album" not in track:
            track = {**track, "album": {k: v for k, v in album.items() if k != "tracks"}}
        track = strip_removed(track)
        self.tracks[track["id"]] = track
        for artist in track.get("artists") or []:
            self.register_artist(artist)
        if track.get("album"):
            album_id = self.register_album(track["album"])
            if track["id"] not in self.album_tracks[album_id]:
                self.album_tracks[album_id].append(track["id"])
        return track["id"]

    def _seed_from_fixtures(self) -> None:
        self.register_track(load("GetTrackRequest", self.fixtures))
        album = load("GetAlbumRequest", self.fixtures)
        for track in album["tracks"]["items"]:
            self.register_track(track, album=album)
        self.register_artist(self._templates["artist"])
        for item in load("GetArtistsAlbumsRequest", self.fixtures)["items"]:
            self.register_album(item, group=item.get("album_group"))
        for name in ("SearchTracksRequest", "SearchItemRequest"):
            for track in load(name, self.fixtures)["tracks"]["items"]:
                self.register_track(track)
        for album in load("SearchAlbumsRequest", self.fixtures)["albums"]["items"]:
            self.register_album(album)
        for name in ("SearchArtistsRequest", "SearchItemRequest"):
            for artist in load(name, self.fixtures)["artists"]["items"]:
                self.artists[artist["id"]] = strip_removed(artist)
        for name in ("GetPlaylistRequest",):
            for item in load(name, self.fixtures)["tracks"]["items"]:
                self.register_track(item["track"])
        for name in ("GetPlaylistsItemsRequest", "GetUsersSavedTracksRequest"):
            for item in load(name, self.fixtures)["items"]:
                if item.get("track"):
                    self.register_track(item["track"])
        episode = load("GetPlaylistsItemsRequest_Episode", self.fixtures)["items"][0]["track"]
        self.episodes[episode["id"]] = strip_removed(episode)

    # --- synthetic items ------------------------------------------------------------------

    def add_artist(self, name: str) -> str:
        artist = copy.deepcopy(self._templates["artist"])
        self._identity("artist", artist, self.new_id())
        artist.update(name=name, genres=[], images=[])
        self.artists[artist["id"]] = artist
        return artist["id"]

    def add_album(self, title: str, artist_id: str, n_tracks: int = 10,
                  album_type: str = "album", group: str | None = None,
                  release_date: str = "2020-05-01") -> str:
        """An album of `n_tracks` new tracks; `group` (album_group) defaults to `album_type`."""
        album = copy.deepcopy(self._templates["album"])
        self._identity("album", album, self.new_id())
        album.update(name=title, album_type=album_type, release_date=release_date,
                     release_date_precision="day", total_tracks=n_tracks,
                     artists=[simplified_artist(self.artists[artist_id])])
        self.albums[album["id"]] = album
        self.album_tracks[album["id"]] = []
        self.artist_albums.setdefault(artist_id, []).append((album["id"], group or album_type))
        self.make_tracks(n_tracks, title_prefix=title, album_id=album["id"])
        return album["id"]

    def make_tracks(self, n: int, title_prefix: str = "Synthetic Song",
                    album_id: str | None = None, artist_id: str | None = None) -> list[str]:
        """N new tracks shaped like the real GetTrack response (unique ids and ISRCs)."""
        ids = []
        for index in range(n):
            serial = next(self._serial)
            track = copy.deepcopy(self._templates["track"])
            self._identity("track", track, self.new_id())
            if album_id is not None:
                album = self.albums[album_id]
                track["album"] = {k: copy.deepcopy(v) for k, v in album.items()
                                  if k not in ("copyrights", "external_ids", "genres")}
                track["artists"] = copy.deepcopy(album["artists"])
                self.album_tracks[album_id].append(track["id"])
            if artist_id is not None:
                track["artists"] = [simplified_artist(self.artists[artist_id])]
            track.update(
                name=f"{title_prefix} {index + 1:03d}",
                duration_ms=150_000 + (serial * 7919) % 120_000,
                track_number=index + 1,
                disc_number=1,
                explicit=serial % 5 == 0,
                external_ids={"isrc": f"QZFAK26{serial:05d}"},
            )
            self.tracks[track["id"]] = track
            ids.append(track["id"])
        return ids

    def local_track(self, title: str, artist: str, album: str = "") -> dict[str, Any]:
        """A local file as Spotify lists it: no ids, `spotify:local:` URI."""
        return {
            "album": {"album_type": None, "artists": [], "external_urls": {}, "href": None,
                      "id": None, "images": [],
                      "name": album, "release_date": None, "release_date_precision": None,
                      "type": "album", "uri": None},
            "artists": [{"external_urls": {}, "href": None, "id": None, "name": artist,
                         "type": "artist", "uri": None}],
            "disc_number": 0, "duration_ms": 201_000,
            "explicit": False, "external_ids": {}, "external_urls": {}, "href": None,
            "id": None, "is_local": True, "name": title,
            "preview_url": None, "track_number": 0, "type": "track",
            "uri": f"spotify:local:{artist}:{album}:{title}:201".replace(" ", "+"),
        }

    # --- views ----------------------------------------------------------------------------

    def simplified_track(self, track_id: str) -> dict[str, Any]:
        track = self.tracks[track_id]
        return {k: v for k, v in track.items() if k not in ("album", "external_ids")}

    def simplified_album(self, album_id: str) -> dict[str, Any]:
        album = {k: v for k, v in self.albums[album_id].items()
                 if k not in ("copyrights", "external_ids", "genres")}
        album.setdefault("total_tracks", len(self.album_tracks.get(album_id, [])))
        return album

    def full_album(self, album_id: str) -> dict[str, Any]:
        album = copy.deepcopy(self.albums[album_id])
        album["total_tracks"] = len(self.album_tracks[album_id])
        return album
