"""The fake answers as Spotify answers Development-mode apps since 2026 (raw HTTP, no app code)."""

from __future__ import annotations

import re

import pytest
import requests

from tests.fakes.spotify_data import FIXTURES, REMOVED_FIELDS, REMOVED_PROFILE_FIELDS
from tests.fakes.spotify_routes import REMOVED_ROUTES

FORBIDDEN = {"error": {"status": 403, "message": "Forbidden"}}
TRACK, ALBUM, ARTIST = "3n3Ppam7vgaVa1iaRUc9Lp", "0sNOF9WDwhWunNAHPD3Baj", "1vCWHaC5f2uS3yhpwWbIA6"
OWN, FOLLOWED = "53Y8wT46QIMz5H4WQ8O22c", "1AVZz0mBuGbCEoNRQdYQju"  # wizzler's, wizzlersmate's


def _get(fake, path, token=None, method="GET", **params):
    token = token or fake.issue_token()
    return requests.request(method, fake.api_base + path, params=params, timeout=5,
                            headers={"Authorization": f"Bearer {token['access_token']}"})


@pytest.mark.parametrize(("method", "path"), [
    ("GET", f"tracks?ids={TRACK}"), ("GET", f"albums?ids={ALBUM}"),
    ("GET", f"artists?ids={ARTIST}"), ("GET", f"artists/{ARTIST}/top-tracks"),
    ("GET", "browse/new-releases"), ("GET", "browse/categories/party/playlists"),
    ("GET", "markets"), ("GET", "users/wizzler"), ("GET", "users/wizzler/playlists"),
    ("PUT", f"me/tracks?ids={TRACK}"), ("DELETE", f"me/albums?ids={ALBUM}"),
    ("GET", f"me/tracks/contains?ids={TRACK}"), ("PUT", f"me/following?ids={ARTIST}"),
    ("GET", f"playlists/{OWN}/tracks"), ("POST", f"playlists/{OWN}/tracks"),
    ("PUT", f"playlists/{OWN}/tracks"), ("DELETE", f"playlists/{OWN}/tracks"),
])
def test_removed_routes_answer_the_plain_forbidden(fake_spotify, method, path):
    answer = _get(fake_spotify, path, method=method)
    assert (answer.status_code, answer.json()) == (403, FORBIDDEN)


def test_routes_that_remain_still_answer(fake_spotify):
    for path in (f"tracks/{TRACK}", f"albums/{ALBUM}", f"artists/{ARTIST}", "me",
                 "me/tracks", "me/playlists", f"playlists/{OWN}/items"):
        assert _get(fake_spotify, path).status_code == 200, path


def test_every_removed_route_is_deprecated_in_the_openapi_description():
    spec = (FIXTURES / "spotify-web-api.openapi.yml").read_text(encoding="utf-8")
    for method, pattern in REMOVED_ROUTES:
        regex = re.compile("^  " + pattern.removeprefix("/v1").replace("([^/]+)", r"\{\w+\}")
                           .replace(".*", r"\S+") + ":$", re.MULTILINE)
        blocks = [spec[m.end():spec.find("\n  /", m.end())] for m in regex.finditer(spec)]
        assert blocks, pattern
        op = re.compile(rf"\n    {method.lower()}:\n(?:      .*\n)*?      deprecated: true")
        assert any(op.search(block + "\n") for block in blocks), (method, pattern)


def test_someone_elses_playlist_gives_metadata_but_no_items(fake_spotify):
    meta = _get(fake_spotify, f"playlists/{FOLLOWED}")
    assert meta.status_code == 200 and meta.json()["owner"]["id"] == "wizzlersmate"
    assert "items" not in meta.json() and "tracks" not in meta.json()
    items = _get(fake_spotify, f"playlists/{FOLLOWED}/items")
    assert (items.status_code, items.json()) == (403, FORBIDDEN)


def test_own_and_collaborated_playlists_give_items_under_item(fake_spotify):
    shared = fake_spotify.create_playlist("Shared", fake_spotify.make_tracks(2),
                                          owner_id="friend", collaborative=True,
                                          collaborators=("wizzler",))
    closed = fake_spotify.create_playlist("Closed", fake_spotify.make_tracks(2),
                                          owner_id="friend", collaborative=True)
    for pid in (OWN, shared):
        page = _get(fake_spotify, f"playlists/{pid}/items").json()
        assert page["items"] and all("item" in i and "track" not in i for i in page["items"])
        full = _get(fake_spotify, f"playlists/{pid}").json()
        assert full["items"]["items"][0]["item"]["type"] == "track" and "tracks" not in full
    assert _get(fake_spotify, f"playlists/{closed}/items").status_code == 403


def test_owner_without_premium_makes_every_call_forbidden(fake_spotify):
    token = fake_spotify.issue_token()
    fake_spotify.owner_premium = False
    for path in ("me", "search?q=Muse&type=track", f"playlists/{OWN}/items"):
        answer = _get(fake_spotify, path, token)
        assert answer.status_code == 403
        assert answer.json()["error"]["message"] == ("Active premium subscription required "
                                                     "for the owner of the app")
    fake_spotify.owner_premium = True
    assert _get(fake_spotify, "me", token).status_code == 200


def test_quota_429_has_a_reason_and_no_retry_after(fake_spotify):
    fake_spotify.quota_exceeded = True
    answer = _get(fake_spotify, "me")
    assert answer.status_code == 429 and "Retry-After" not in answer.headers
    assert answer.json()["error"]["reason"] == "QUOTA_EXCEEDED"


def _keys(obj, kind):
    """Every key of every nested object of `kind` ("track", "album", "artist")."""
    found = set()
    if isinstance(obj, dict):
        if obj.get("type") == kind:
            found |= set(obj)
        for value in obj.values():
            found |= _keys(value, kind)
    elif isinstance(obj, list):
        for value in obj:
            found |= _keys(value, kind)
    return found


def test_removed_fields_are_not_sent(fake_spotify):
    answers = [_get(fake_spotify, path).json() for path in (
        f"tracks/{TRACK}", f"albums/{ALBUM}", f"artists/{ARTIST}", f"playlists/{OWN}/items",
        f"artists/{ARTIST}/albums?include_groups=album,single", "me/tracks",
        "search?q=a&type=track,album,artist&limit=10")]
    for kind, gone in REMOVED_FIELDS.items():
        seen = set().union(*(_keys(a, kind) for a in answers))
        assert seen and not seen & gone, kind
    me = _get(fake_spotify, "me").json()
    assert me["id"] == "wizzler" and not set(me) & REMOVED_PROFILE_FIELDS


def test_isrc_on_full_tracks_and_albums_not_on_album_tracks(fake_spotify):
    assert _get(fake_spotify, f"tracks/{TRACK}").json()["external_ids"]["isrc"]
    album = _get(fake_spotify, f"albums/{ALBUM}").json()
    assert album["external_ids"]
    assert all("external_ids" not in t for t in album["tracks"]["items"])
    tracks = _get(fake_spotify, f"albums/{ALBUM}/tracks").json()["items"]
    assert tracks and all("external_ids" not in t for t in tracks)


def test_search_over_ten_is_an_invalid_limit(fake_spotify):
    answer = _get(fake_spotify, "search", q="a", type="track", limit=11)
    assert (answer.status_code, answer.json()["error"]["message"]) == (400, "Invalid limit")
    second = _get(fake_spotify, "search", q="a", type="track", limit=10, offset=10).json()
    assert second["tracks"]["offset"] == 10


def test_expired_access_token_refreshes_until_the_refresh_token_is_revoked(fake_spotify):
    token = fake_spotify.issue_token()
    fake_spotify.expire_access_tokens()
    assert _get(fake_spotify, "me", token).status_code == 401
    url = fake_spotify.accounts_base + "/api/token"
    form = {"grant_type": "refresh_token", "client_id": "test-client-id"}
    fresh = requests.post(url, data={**form, "refresh_token": token["refresh_token"]},
                          timeout=5).json()
    assert _get(fake_spotify, "me", fresh).status_code == 200
    fake_spotify.revoke_refresh_tokens()
    refused = requests.post(url, data={**form, "refresh_token": fresh["refresh_token"]},
                            timeout=5)
    assert refused.status_code == 400
    assert refused.json() == {"error": "invalid_grant",
                              "error_description": "Refresh token revoked"}
