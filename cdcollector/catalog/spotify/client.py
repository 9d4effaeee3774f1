"""SpotifyCatalog: search, album/artist/track pages, playlists and Liked Songs through spotipy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import spotipy

from cdcollector.catalog.base import AlbumPage, ArtistPage, SearchResults
from cdcollector.catalog.spotify import parse, redact
from cdcollector.catalog.spotify.auth import QuietPKCE
from cdcollector.catalog.spotify.parse import PlaylistItems, RemotePlaylist, SkippedItem
from cdcollector.catalog.spotify.rate_limits import RateLimitGate
from cdcollector.catalog.spotify.transport import (
    AccessTokenRejected,
    guarded_call,
    require,
    retrying_session,
)
from cdcollector.domain.errors import AccessRefusedError, CatalogError, PlaylistNotReadableError
from cdcollector.domain.types import TrackRef

API_BASE = "https://api.spotify.com/v1/"
SEARCH_LIMIT_MAX = 10  # Development-Mode apps get at most 10 results per type and request
SEARCH_TYPES = ("tracks", "albums", "artists")
PLAYLIST_FIELDS = "id,name,snapshot_id,owner,collaborative,items(total)"
PAGE = 50  # the largest page most list endpoints allow
ARTIST_ALBUMS_PAGE = 10  # artists/{id}/albums allows at most 10
MAX_PAGES = 2000  # a guard against a server that keeps sending `next`


def _items(answer: dict[str, Any], key: str) -> list[dict[str, Any]]:
    section = answer.get(key)
    items = section.get("items") if isinstance(section, dict) else None
    return [i for i in items or () if isinstance(i, dict)]


class SpotifyCatalog:
    """Every call blocks: run it off the UI thread. Errors are CollectorError subclasses."""

    name = "Spotify"

    def __init__(
        self,
        auth_manager: QuietPKCE,
        *,
        api_base: str = API_BASE,
        timeout: float = 10.0,
        retries: int = 3,
        backoff_factor: float = 0.5,
        gate: RateLimitGate | None = None,
    ):
        redact.install()
        self.gate = gate or RateLimitGate()
        self._auth = auth_manager
        self._user_id: str | None = None
        self._sp = spotipy.Spotify(
            auth_manager=auth_manager,
            requests_session=retrying_session(retries, backoff_factor, jitter_s=backoff_factor),
            requests_timeout=timeout,
        )
        self._sp.prefix = api_base.rstrip("/") + "/"

    # --- plumbing -------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """One API call; an access token Spotify rejects early is refreshed once, then retried
        (a revoked refresh token ends the login with an AuthError instead)."""
        sent = self._auth.current_access_token()
        try:
            return guarded_call(self.gate, lambda: fn(*args, **kwargs))
        except AccessTokenRejected:
            self._auth.refresh_now(sent)
        return guarded_call(self.gate, lambda: fn(*args, **kwargs))

    def _get(self, path: str, **params: Any) -> dict[str, Any]:
        return self._call(self._sp._get, path, **params)

    def _id(self, value: str, kind: str = "playlist") -> str:
        """A bare id from an id, URI or open.spotify.com link."""
        try:
            return self._sp._get_id(kind, value.strip())
        except spotipy.SpotifyException:
            raise CatalogError(f"This is not a Spotify {kind} id: {value!r}.") from None

    def _pages(self, first: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Items of a paging object and every following page (`next` is an absolute URL)."""
        page: dict[str, Any] | None = first
        for _ in range(MAX_PAGES):
            if page is None:
                return
            items = require(page, "items")
            if not isinstance(items, list):
                raise CatalogError("Spotify sent an answer CD-Collector could not read.")
            yield from (i for i in items if isinstance(i, dict))
            following = page.get("next")
            if following and not str(following).startswith(self._sp.prefix):
                # `next` is followed with our token: never send it anywhere but the API.
                raise CatalogError("Spotify sent a page link CD-Collector does not trust.")
            page = self._call(self._sp.next, page) if following else None
        raise CatalogError("Spotify kept sending more pages; stopped reading.")

    # --- Catalog protocol -----------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> SearchResults:
        """Up to `limit` of each kind, in pages of SEARCH_LIMIT_MAX (Spotify's maximum)."""
        query = text.strip()
        if not query:
            return SearchResults()
        found: dict[str, list[dict[str, Any]]] = {key: [] for key in SEARCH_TYPES}
        for offset in range(0, max(1, limit), SEARCH_LIMIT_MAX):
            answer = self._call(self._sp.search, query, offset=offset, type="track,album,artist",
                                limit=min(SEARCH_LIMIT_MAX, max(1, limit) - offset))
            for key in SEARCH_TYPES:
                found[key] += _items(answer, key)
            if not any(isinstance(answer.get(k), dict) and answer[k].get("next")
                       for k in SEARCH_TYPES):
                break
        return SearchResults(
            songs=tuple(parse.track_ref(i) for i in found["tracks"]),
            albums=tuple(parse.album_ref(i) for i in found["albums"]),
            artists=tuple(parse.artist_ref(i) for i in found["artists"]),
        )

    def album(self, album_id: str) -> AlbumPage:
        album_id = self._id(album_id, "album")
        raw = self._call(self._sp.album, album_id)
        album = parse.album_ref(raw)
        first = raw.get("tracks")
        if not isinstance(first, dict):
            first = self._call(self._sp.album_tracks, album_id, limit=PAGE)
        tracks = tuple(parse.track_ref(t, album=raw) for t in self._pages(first))
        return AlbumPage(album=album, tracks=tracks)

    def artist(self, artist_id: str) -> ArtistPage:
        """The discography: albums and singles only (no compilations, no "appears on")."""
        artist_id = self._id(artist_id, "artist")
        artist = parse.artist_ref(self._call(self._sp.artist, artist_id))
        first = self._call(self._sp.artist_albums, artist_id, include_groups="album,single",
                           limit=ARTIST_ALBUMS_PAGE)
        seen: set[str] = set()
        albums = []
        for raw in self._pages(first):
            ref = parse.album_ref(raw)
            if ref.kind in ("album", "single", "ep") and ref.id not in seen:
                seen.add(ref.id or "")
                albums.append(ref)
        return ArtistPage(artist=artist, albums=tuple(albums))

    def track(self, track_id: str) -> TrackRef:
        return parse.track_ref(self._call(self._sp.track, self._id(track_id, "track")))

    def playlist(self, playlist_id: str) -> tuple[str, tuple[TrackRef, ...]]:
        info = self._get(f"playlists/{self._id(playlist_id)}", fields="name,snapshot_id")
        return require(info, "name") or "", self.playlist_items(playlist_id).tracks

    # --- what sync needs ------------------------------------------------------------------

    def current_user(self) -> tuple[str, str]:
        """(user id, display name) of the logged-in account."""
        me = self._call(self._sp.current_user)
        user_id = require(me, "id")
        self._user_id = user_id
        return user_id, me.get("display_name") or user_id

    def user_id(self) -> str:
        """The logged-in user's id (asked once per client)."""
        return self._user_id or self.current_user()[0]

    def user_playlists(self) -> list[RemotePlaylist]:
        """All playlists the user owns or follows, with snapshot ids and track counts; others'
        playlists carry the reason Spotify will not give their items."""
        user_id = self.user_id()
        first = self._call(self._sp.current_user_playlists, limit=PAGE)
        return [parse.remote_playlist(p, user_id) for p in self._pages(first) if p.get("id")]

    def playlist_info(self, playlist_id: str) -> RemotePlaylist:
        """Name, owner and current snapshot_id: one cheap request, no items."""
        info = self._get(f"playlists/{self._id(playlist_id)}", fields=PLAYLIST_FIELDS)
        require(info, "snapshot_id")
        return parse.remote_playlist(info, self.user_id())

    def playlist_items(self, playlist_id: str) -> PlaylistItems:
        """Every entry in remote order; local files, episodes and removed songs become notes.

        PlaylistNotReadableError for a playlist the user neither owns nor collaborates on.
        """
        try:
            first = self._call(self._sp.playlist_items, self._id(playlist_id), limit=PAGE,
                               additional_types=("track", "episode"))
        except AccessRefusedError:
            raise PlaylistNotReadableError(parse.NOT_READABLE) from None
        return self._entries(first, "item")

    def liked_songs(self) -> PlaylistItems:
        """The user's Liked Songs, most recently liked first."""
        return self._entries(self._call(self._sp.current_user_saved_tracks, limit=PAGE), "track")

    def _entries(self, first: dict[str, Any], field: str) -> PlaylistItems:
        tracks: list[TrackRef] = []
        skipped: list[SkippedItem] = []
        for position, item in enumerate(self._pages(first)):
            entry = parse.playlist_entry(position, item, field)
            if isinstance(entry, SkippedItem):
                skipped.append(entry)
            else:
                tracks.append(entry)
        return PlaylistItems(tracks=tuple(tracks), skipped=tuple(skipped))
