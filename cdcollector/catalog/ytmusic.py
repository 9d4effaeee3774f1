"""YouTube Music with no account (ytmusicapi): search, album/artist pages, tracks, candidates."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import requests

from cdcollector.catalog import ytmusic_parse as parse
from cdcollector.catalog.base import AlbumPage, ArtistPage, SearchResults
from cdcollector.catalog.youtube_channels import resolve_channel
from cdcollector.catalog.youtube_links import is_channel_name
from cdcollector.domain.errors import CatalogError, CollectorError, OfflineError, RateLimitedError
from cdcollector.domain.types import ArtistRef, Candidate, Source, TrackRef

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_S = 15.0
RATE_LIMIT_WAIT_S = 60.0
CANDIDATE_LIMIT = 20


class _TimeoutSession(requests.Session):
    """ytmusicapi sets no timeout; a stalled connection must not hang a worker forever."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", REQUEST_TIMEOUT_S)
        return super().request(*args, **kwargs)


def _default_client(language: str) -> Any:
    from ytmusicapi import YTMusic

    return YTMusic(requests_session=_TimeoutSession(), language=language)


class YTMusicCatalog:
    """Catalog + CandidateSource over YouTube Music. Calls block: run them off the UI thread.

    `client` is anything with ytmusicapi's YTMusic methods (a fake in tests); by default a real
    YTMusic without login is created on first use.
    """

    name = "YouTube Music"

    def __init__(self, client: Any = None, *, language: str = "en",
                 client_factory: Callable[[str], Any] = _default_client,
                 channel_resolver: Callable[[str], str] = resolve_channel):
        self._client = client
        self._channel_resolver = channel_resolver
        self._language = language
        self._factory = client_factory
        # One request at a time: ytmusicapi mutates its headers on first use and shares a
        # requests.Session, and download workers call in from several threads.
        self._lock = threading.Lock()

    # --- Catalog -------------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> SearchResults:
        text = text.strip()
        if not text:
            return SearchResults()
        songs = self._call("search", text, filter="songs", limit=limit)
        albums = self._call("search", text, filter="albums", limit=limit)
        artists = self._call("search", text, filter="artists", limit=limit)
        return self._mapped(parse.search_results, songs, albums, artists)

    def album(self, album_id: str) -> AlbumPage:
        browse_id = album_id
        if album_id.startswith("OLAK5uy_"):  # an album's audio playlist id (from a pasted link)
            browse_id = self._call("get_album_browse_id", album_id)
            if not browse_id:
                raise CatalogError(f"YouTube Music has no album for playlist {album_id}.")
        if not browse_id.startswith("MPRE"):
            raise CatalogError(f"Not a YouTube Music album id: {album_id}")
        data = self._call("get_album", browse_id)
        return self._mapped(parse.album_page, data, browse_id)

    def artist(self, artist_id: str) -> ArtistPage:
        if is_channel_name(artist_id):  # a handle or name from a pasted channel link
            artist_id = self._channel_resolver(artist_id)
        data = self._call("get_artist", artist_id)
        name = data.get("name") or ""
        sections = []
        for key in ("albums", "singles"):
            section = data.get(key) or {}
            releases = section.get("results") or []
            if section.get("browseId") and section.get("params"):
                # The artist page shows a handful; the "more" page lists them all.
                releases = self._call("get_artist_albums", section["browseId"],
                                      section["params"], limit=None)
            sections.append(releases)
        artist = ArtistRef(name=name, source=Source.YTMUSIC, id=artist_id,
                           image_url=parse.best_thumbnail(data.get("thumbnails")))
        return ArtistPage(artist=artist, albums=self._mapped(parse.discography, name, sections))

    def track(self, track_id: str) -> TrackRef:
        data = self._call("get_watch_playlist", videoId=track_id, limit=1)
        items = [t for t in data.get("tracks") or [] if t.get("videoId") == track_id]
        track = self._mapped(parse.track_from, items[0]) if items else None
        if track is None:
            raise CatalogError(f"YouTube Music has no playable track {track_id}.")
        return track

    def playlist(self, playlist_id: str) -> tuple[str, tuple[TrackRef, ...]]:
        data = self._call("get_playlist", playlist_id, limit=None)
        items = data.get("tracks") or []
        tracks = self._mapped(lambda: tuple(t for t in map(parse.track_from, items) if t))
        return data.get("title") or playlist_id, tracks

    # --- CandidateSource -----------------------------------------------------------------

    def by_isrc(self, isrc: str) -> list[Candidate]:
        """Unfiltered search for the ISRC: the recording that carries it comes first.

        No "songs" filter: the owner of an ISRC is sometimes the official video, and the
        filter would hide it.
        """
        results = self._call("search", isrc.strip(), limit=CANDIDATE_LIMIT)
        return self._candidates(results, "isrc")

    def by_text(self, query: str, kind: str) -> list[Candidate]:
        if kind not in ("songs", "videos"):
            raise CatalogError(f"Unknown YouTube Music search kind: {kind}")
        results = self._call("search", query, filter=kind, limit=CANDIDATE_LIMIT)
        return self._candidates(results, "text")

    # --- plumbing ------------------------------------------------------------------------

    def _candidates(self, results: list[dict], found_by: str) -> list[Candidate]:
        mapped = self._mapped(lambda: [parse.candidate_from(r, found_by) for r in results or []])
        return [c for c in mapped if c]

    def _api(self) -> Any:
        if self._client is None:
            self._client = self._factory(self._language)
        return self._client

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call ytmusicapi; every failure becomes a one-line CatalogError subclass."""
        try:
            with self._lock:
                return getattr(self._api(), method)(*args, **kwargs)
        except CollectorError:
            raise
        except (requests.ConnectionError, requests.Timeout) as exc:
            log.info("YouTube Music unreachable: %s", exc)
            raise OfflineError("YouTube Music cannot be reached: check the internet "
                               "connection.") from exc
        except Exception as exc:  # ytmusicapi raises many kinds on odd answers
            raise _translated(exc) from exc

    def _mapped(self, function: Callable[..., Any], *args: Any) -> Any:
        """Map an answer; a shape we do not understand is a CatalogError, not a crash."""
        try:
            return function(*args)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("unexpected YouTube Music answer: %r", exc)
            raise CatalogError("YouTube Music answered in an unexpected way; try again "
                               "later.") from exc


def _translated(exc: Exception) -> CatalogError:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "HTTP 429" in text:
        return RateLimitedError("YouTube Music asks us to slow down; trying again in a "
                                "minute.", RATE_LIMIT_WAIT_S)
    if "HTTP 5" in text:
        return CatalogError("YouTube Music is having trouble right now; try again later.")
    log.warning("YouTube Music call failed: %s", text)
    return CatalogError(f"YouTube Music request failed: {text[:120]}")
