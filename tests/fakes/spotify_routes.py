"""Endpoints of the fake Spotify API: accounts (authorize, token) and the Web API reads."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

# Page sizes from the OpenAPI description: (default, maximum).
LIMITS = {
    "search": (5, 10),
    "album_tracks": (20, 50),
    "artist_albums": (5, 10),
    "list": (20, 50),  # me/playlists, me/tracks, playlists/{id}/items
}
SEARCH_TYPES = {"track": "tracks", "album": "albums", "artist": "artists"}
ALBUM_GROUPS = {"album", "single", "compilation", "appears_on"}
# What Spotify answers on the routes it removed for Development-mode apps, and on the items of
# a playlist the user neither owns nor collaborates on (users report this exact body).
FORBIDDEN = "Forbidden"
PREMIUM_REQUIRED = "Active premium subscription required for the owner of the app"


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, obj: Any, status: int = 200) -> Answer:
        return cls(status, json.dumps(obj).encode("utf-8"))

    @classmethod
    def error(cls, status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
        return cls(status, json.dumps({"error": {"status": status, "message": message}}).encode(),
                   headers=headers or {})


class Refused(Exception):
    def __init__(self, answer: Answer):
        self.answer = answer


# --- helpers ------------------------------------------------------------------------------


def _bearer(ctx: dict[str, Any], scope: str | None = None) -> None:
    fake = ctx["fake"]
    header = ctx["headers"].get("Authorization") or ""
    token = header[7:] if header.startswith("Bearer ") else ""
    info = fake.access_tokens.get(token)
    if info is None:
        raise Refused(Answer.error(401, "Invalid access token"))
    if info["expires_at"] <= time.time():
        raise Refused(Answer.error(401, "The access token expired"))
    if scope and scope not in info["scope"].split():
        raise Refused(Answer.error(403, "Insufficient client scope"))


def _paged(ctx: dict[str, Any], items: list[Any], kind: str) -> dict[str, Any]:
    default, maximum = LIMITS[kind]
    query = ctx["query"]
    try:
        limit = int(query.get("limit", default))
        offset = int(query.get("offset", 0))
    except ValueError:
        raise Refused(Answer.error(400, "Invalid limit or offset")) from None
    if not 1 <= limit <= maximum:
        raise Refused(Answer.error(400, "Invalid limit"))
    if offset < 0:
        raise Refused(Answer.error(400, "Invalid offset"))
    rest = {k: v for k, v in query.items() if k not in ("limit", "offset")}

    def url(at: int) -> str:
        return f"{ctx['base']}{ctx['path']}?{urlencode({**rest, 'offset': at, 'limit': limit})}"

    return {
        "href": url(offset),
        "items": copy.deepcopy(items[offset:offset + limit]),
        "limit": limit,
        "next": url(offset + limit) if offset + limit < len(items) else None,
        "offset": offset,
        "previous": url(max(0, offset - limit)) if offset > 0 else None,
        "total": len(items),
    }


def _top_fields(spec: str | None) -> set[str] | None:
    """Top-level names of a `fields` filter ("name,items(track(name))" → {name, items})."""
    if not spec:
        return None
    names, depth, current = set(), 0, ""
    for char in spec + ",":
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            names.add(current.split(".")[0].strip())
            current = ""
            continue
        if depth == 0 and char != ")":
            current += char
    return {n.split("(")[0] for n in names if n}


def _entry(fake: Any, entry: dict[str, Any]) -> dict[str, Any]:
    if entry["kind"] == "track":
        media = fake.catalog.tracks[entry["ref"]]
    elif entry["kind"] == "episode":
        media = fake.catalog.episodes[entry["ref"]]
    else:
        media = entry["ref"]
    added_by = {"external_urls": {}, "href": "", "id": fake.me["id"], "type": "user",
                "uri": f"spotify:user:{fake.me['id']}"}
    return {"added_at": entry["added_at"], "added_by": added_by,
            "is_local": entry["kind"] == "local", "primary_color": None,
            "item": media, "video_thumbnail": {"url": None}}


def _playlist_or_404(fake: Any, pid: str) -> Any:
    playlist = fake.playlists.get(pid)
    if playlist is None:
        raise Refused(Answer.error(404, "Resource not found"))
    return playlist


def _readable(fake: Any, playlist: Any) -> bool:
    """Items only for playlists the user owns or collaborates on."""
    me = fake.me["id"]
    return playlist.owner["id"] == me or me in playlist.collaborators


def _simplified_playlist(ctx: dict[str, Any], playlist: Any) -> dict[str, Any]:
    ref = {"href": f"{ctx['base']}/v1/playlists/{playlist.id}/items",
           "total": len(playlist.entries)}
    return {
        "collaborative": playlist.collaborative, "description": playlist.description,
        "external_urls": {"spotify": f"https://open.spotify.com/playlist/{playlist.id}"},
        "href": f"{ctx['base']}/v1/playlists/{playlist.id}", "id": playlist.id,
        "images": [], "name": playlist.name, "owner": playlist.owner, "public": False,
        "snapshot_id": playlist.snapshot_id, "items": ref,
        "type": "playlist", "uri": f"spotify:playlist:{playlist.id}",
    }


# --- accounts -----------------------------------------------------------------------------


def authorize(ctx: dict[str, Any]) -> Answer:
    fake, query = ctx["fake"], ctx["query"]
    redirect_uri = query.get("redirect_uri", "")
    if (not query.get("client_id") or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256" or not query.get("code_challenge")
            or not re.match(r"^http://127\.0\.0\.1:\d+/", redirect_uri)):
        return Answer(400, b"INVALID_CLIENT: Invalid redirect URI or PKCE parameters",
                      "text/plain")
    state = {"state": query["state"]} if "state" in query else {}
    if fake.deny_authorize:
        target = {"error": "access_denied", **state}
    else:
        code = "AQ" + secrets.token_urlsafe(60)
        fake.codes[code] = {"client_id": query["client_id"], "redirect_uri": redirect_uri,
                            "challenge": query["code_challenge"],
                            "scope": query.get("scope", "")}
        fake.issued_codes.append(code)
        target = {"code": code, **state}
    return Answer(302, b"", "text/plain", {"Location": f"{redirect_uri}?{urlencode(target)}"})


def _grant_error(error: str, description: str) -> Answer:
    return Answer.json({"error": error, "error_description": description}, status=400)


def token(ctx: dict[str, Any]) -> Answer:
    fake, form = ctx["fake"], ctx["form"]
    grant = form.get("grant_type")
    if grant == "authorization_code":
        pending = fake.codes.pop(form.get("code", ""), None)
        if pending is None:
            return _grant_error("invalid_grant", "Invalid authorization code")
        if (pending["client_id"] != form.get("client_id")
                or pending["redirect_uri"] != form.get("redirect_uri")):
            return _grant_error("invalid_grant", "Invalid redirect URI")
        digest = hashlib.sha256(form.get("code_verifier", "").encode("ascii")).digest()
        if base64.urlsafe_b64encode(digest).decode().rstrip("=") != pending["challenge"]:
            return _grant_error("invalid_grant", "code_verifier was incorrect")
        issued = fake.issue_token(pending["client_id"], pending["scope"])
    elif grant == "refresh_token":
        presented = form.get("refresh_token", "")
        if presented in fake.revoked_refresh_tokens:
            return _grant_error("invalid_grant", "Refresh token revoked")
        known = fake.refresh_tokens.pop(presented, None)
        if known is None or known["client_id"] != form.get("client_id"):
            return _grant_error("invalid_grant", "Invalid refresh token")
        issued = fake.issue_token(known["client_id"], known["scope"])
    else:
        return _grant_error("unsupported_grant_type", f"grant_type {grant!r} is not supported")
    issued.pop("expires_at")
    return Answer.json(issued)


# --- web API ------------------------------------------------------------------------------


def search(ctx: dict[str, Any]) -> Answer:
    _bearer(ctx)
    query, catalog = ctx["query"], ctx["fake"].catalog
    if not query.get("q"):
        return Answer.error(400, "No search query")
    types = [t for t in query.get("type", "").split(",") if t]
    if not types or any(t not in SEARCH_TYPES for t in types):
        return Answer.error(400, "Bad search type field")
    filters, words = _parse_query(query["q"])
    result = {}
    for kind in types:
        if kind == "track":
            hits = [t for t in catalog.tracks.values() if _track_matches(t, filters, words)]
        elif kind == "album":
            hits = [catalog.simplified_album(a) for a, obj in catalog.albums.items()
                    if _matches(obj, filters, words, album=obj.get("name"))]
        else:
            hits = [a for a in catalog.artists.values()
                    if _matches({"name": a["name"], "artists": [a]}, filters, words)]
        result[SEARCH_TYPES[kind]] = _paged(ctx, hits, "search")
    return Answer.json(result)


def _parse_query(q: str) -> tuple[dict[str, str], list[str]]:
    filters, words = {}, []
    for key, value, word in re.findall(r'(\w+):("[^"]*"|\S+)|("[^"]*"|\S+)', q):
        if key:
            filters[key.lower()] = value.strip('"').lower()
        else:
            words.extend(word.strip('"').lower().split())
    return filters, words


def _matches(obj: dict[str, Any], filters: dict[str, str], words: list[str],
             album: str | None = None) -> bool:
    artists = " ".join(a.get("name") or "" for a in obj.get("artists") or []).lower()
    name = (obj.get("name") or "").lower()
    hay = f"{name} {artists} {(album or '').lower()}"
    checks = {"track": name, "artist": artists, "album": (album or "").lower()}
    for key, value in filters.items():
        if key in checks and value not in checks[key]:
            return False
    return all(w in hay for w in words)


def _track_matches(track: dict[str, Any], filters: dict[str, str], words: list[str]) -> bool:
    isrc = filters.get("isrc")
    if isrc is not None and (track.get("external_ids") or {}).get("isrc", "").lower() != isrc:
        return False
    year = filters.get("year")
    if year and not (track.get("album") or {}).get("release_date", "").startswith(year):
        return False
    rest = {k: v for k, v in filters.items() if k not in ("isrc", "year")}
    return _matches(track, rest, words, album=(track.get("album") or {}).get("name"))


def one(kind: str):
    def handler(ctx: dict[str, Any], item_id: str) -> Answer:
        _bearer(ctx)
        catalog = ctx["fake"].catalog
        store = {"tracks": catalog.tracks, "artists": catalog.artists}[kind]
        if item_id not in store:
            return Answer.error(404, "Resource not found" if len(item_id) == 22 else "Invalid id")
        return Answer.json(store[item_id])
    return handler


def album(ctx: dict[str, Any], album_id: str) -> Answer:
    _bearer(ctx)
    catalog = ctx["fake"].catalog
    if album_id not in catalog.albums:
        return Answer.error(404, "Resource not found")
    body = catalog.full_album(album_id)
    tracks = [catalog.simplified_track(t) for t in catalog.album_tracks[album_id]]
    body["tracks"] = _paged({**ctx, "path": f"/v1/albums/{album_id}/tracks",
                             "query": {"limit": "50"}}, tracks, "album_tracks")
    return Answer.json(body)


def album_tracks(ctx: dict[str, Any], album_id: str) -> Answer:
    _bearer(ctx)
    catalog = ctx["fake"].catalog
    if album_id not in catalog.albums:
        return Answer.error(404, "Resource not found")
    tracks = [catalog.simplified_track(t) for t in catalog.album_tracks[album_id]]
    return Answer.json(_paged(ctx, tracks, "album_tracks"))


def artist_albums(ctx: dict[str, Any], artist_id: str) -> Answer:
    _bearer(ctx)
    catalog = ctx["fake"].catalog
    if artist_id not in catalog.artists:
        return Answer.error(404, "Resource not found")
    groups = [g for g in ctx["query"].get("include_groups", "").split(",") if g]
    if any(g not in ALBUM_GROUPS for g in groups):
        return Answer.error(400, "Invalid include_groups value")
    links = catalog.artist_albums.get(artist_id, [])
    # Spotify lists albums, then singles, then compilations, then appears_on.
    order = ["album", "single", "compilation", "appears_on"]
    links = sorted(links, key=lambda link: order.index(link[1]))
    albums = [catalog.simplified_album(a) for a, g in links if not groups or g in groups]
    return Answer.json(_paged(ctx, albums, "artist_albums"))


def me(ctx: dict[str, Any]) -> Answer:
    _bearer(ctx)
    return Answer.json(ctx["fake"].me)


def my_playlists(ctx: dict[str, Any]) -> Answer:
    _bearer(ctx, "playlist-read-private")
    listed = [_simplified_playlist(ctx, p) for p in ctx["fake"].playlists.values()]
    return Answer.json(_paged(ctx, listed, "list"))


def playlist(ctx: dict[str, Any], pid: str) -> Answer:
    _bearer(ctx, "playlist-read-private")
    fake = ctx["fake"]
    found = _playlist_or_404(fake, pid)
    body = _simplified_playlist(ctx, found)
    body["followers"] = {"href": None, "total": 0}
    if _readable(fake, found):
        entries = [_entry(fake, e) for e in found.entries]
        body["items"] = _paged({**ctx, "path": f"/v1/playlists/{pid}/items",
                                "query": {"limit": "50"}}, entries, "list")
    else:
        del body["items"]  # someone else's playlist: metadata only
    wanted = _top_fields(ctx["query"].get("fields"))
    if wanted is not None:
        body = {k: v for k, v in body.items() if k in wanted}
    return Answer.json(body)


def playlist_items(ctx: dict[str, Any], pid: str) -> Answer:
    _bearer(ctx, "playlist-read-private")
    fake = ctx["fake"]
    found = _playlist_or_404(fake, pid)
    if not _readable(fake, found):
        return Answer.error(403, FORBIDDEN)
    return Answer.json(_paged(ctx, [_entry(fake, e) for e in found.entries], "list"))


def my_tracks(ctx: dict[str, Any]) -> Answer:
    _bearer(ctx, "user-library-read")
    fake = ctx["fake"]
    saved = [{"added_at": e["added_at"], "track": fake.catalog.tracks[e["id"]]}
             for e in fake.liked]
    return Answer.json(_paged(ctx, saved, "list"))


def removed(ctx: dict[str, Any], *_groups: str) -> Answer:
    _bearer(ctx)
    return Answer.error(403, FORBIDDEN)


def _guarded(handler):
    def run(ctx: dict[str, Any], *groups: str) -> Answer:
        try:
            return handler(ctx, *groups)
        except Refused as refused:
            return refused.answer
    return run


_ID = r"([^/]+)"
_LIBRARY_TYPES = "(tracks|albums|episodes|shows|audiobooks|following)"
# Removed for Development-mode apps in 2026 (SERVICES.md); all marked deprecated in the
# OpenAPI description. Multi-gets are the bare collection paths (`GET /tracks?ids=`).
REMOVED_ROUTES = (
    ("GET", "/v1/tracks"),
    ("GET", "/v1/albums"),
    ("GET", "/v1/artists"),
    ("GET", f"/v1/artists/{_ID}/top-tracks"),
    ("GET", "/v1/browse/.*"),
    ("GET", "/v1/markets"),
    ("GET", f"/v1/users/{_ID}"),
    ("GET", f"/v1/users/{_ID}/playlists"),
    ("POST", f"/v1/users/{_ID}/playlists"),
    ("PUT", f"/v1/me/{_LIBRARY_TYPES}"),
    ("DELETE", f"/v1/me/{_LIBRARY_TYPES}"),
    ("GET", f"/v1/me/{_LIBRARY_TYPES}/contains"),
    ("PUT", f"/v1/playlists/{_ID}/followers"),
    ("DELETE", f"/v1/playlists/{_ID}/followers"),
    *((method, f"/v1/playlists/{_ID}/tracks") for method in ("GET", "POST", "PUT", "DELETE")),
)
ROUTES = [
    (method, re.compile(pattern), _guarded(handler))
    for method, pattern, handler in (
        ("GET", "/authorize", authorize),
        ("POST", "/api/token", token),
        ("GET", "/v1/search", search),
        ("GET", f"/v1/tracks/{_ID}", one("tracks")),
        ("GET", f"/v1/albums/{_ID}", album),
        ("GET", f"/v1/albums/{_ID}/tracks", album_tracks),
        ("GET", f"/v1/artists/{_ID}", one("artists")),
        ("GET", f"/v1/artists/{_ID}/albums", artist_albums),
        ("GET", "/v1/me", me),
        ("GET", "/v1/me/playlists", my_playlists),
        ("GET", "/v1/me/tracks", my_tracks),
        ("GET", f"/v1/playlists/{_ID}", playlist),
        ("GET", f"/v1/playlists/{_ID}/items", playlist_items),
        *((method, pattern, removed) for method, pattern in REMOVED_ROUTES),
    )
]
