"""The fake itself keeps Spotify's rules, so tests built on it mean something."""

from __future__ import annotations

import base64
import hashlib
import re

import requests

from tests.fakes.spotify_api import FakeSpotify
from tests.fakes.spotify_data import FIXTURES
from tests.fakes.spotify_routes import LIMITS


def _auth(fake, token=None):
    token = token or fake.issue_token()
    return {"Authorization": f"Bearer {token['access_token']}"}


def _code(fake, verifier="v" * 50, redirect="http://127.0.0.1:9/callback"):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    answer = requests.get(fake.accounts_base + "/authorize", allow_redirects=False, timeout=5,
                          params={"client_id": "c", "response_type": "code",
                                  "redirect_uri": redirect, "code_challenge_method": "S256",
                                  "code_challenge": challenge.decode().rstrip("="),
                                  "state": "s1", "scope": "user-library-read"})
    assert answer.status_code == 302 and "state=s1" in answer.headers["Location"]
    return answer.headers["Location"].split("code=")[1].split("&")[0]


def test_token_endpoint_checks_the_pkce_verifier(fake_spotify):
    url = fake_spotify.accounts_base + "/api/token"
    form = {"grant_type": "authorization_code", "client_id": "c",
            "redirect_uri": "http://127.0.0.1:9/callback"}
    wrong = requests.post(url, data={**form, "code": _code(fake_spotify),
                                     "code_verifier": "w" * 50}, timeout=5)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    code = _code(fake_spotify)
    right = requests.post(url, data={**form, "code": code, "code_verifier": "v" * 50}, timeout=5)
    assert right.status_code == 200 and right.json()["scope"] == "user-library-read"
    reused = requests.post(url, data={**form, "code": code, "code_verifier": "v" * 50}, timeout=5)
    assert reused.status_code == 400  # codes are single use


def test_authorize_refuses_non_loopback_redirects(fake_spotify):
    answer = requests.get(fake_spotify.accounts_base + "/authorize", timeout=5,
                          allow_redirects=False,
                          params={"client_id": "c", "response_type": "code",
                                  "redirect_uri": "http://localhost:9/callback",
                                  "code_challenge_method": "S256", "code_challenge": "x"})
    assert answer.status_code == 400


def test_limits_scopes_and_groups(fake_spotify):
    api, headers = fake_spotify.api_base, _auth(fake_spotify)
    too_many = requests.get(api + "search", params={"q": "a", "type": "track", "limit": 11},
                            headers=headers, timeout=5)
    assert too_many.status_code == 400
    bad_group = requests.get(api + "artists/1vCWHaC5f2uS3yhpwWbIA6/albums",
                             params={"include_groups": "bogus"}, headers=headers, timeout=5)
    assert bad_group.status_code == 400
    narrow = _auth(fake_spotify, fake_spotify.issue_token(scope="user-library-read"))
    assert requests.get(api + "me/playlists", headers=narrow, timeout=5).status_code == 403
    assert requests.get(api + "me", timeout=5).status_code == 401


def test_reorder_follows_spotify_semantics():
    fake = FakeSpotify()
    ids = fake.make_tracks(5)
    pid = fake.create_playlist("r", ids)
    before = fake.playlists[pid].snapshot_id
    fake.playlist_move(pid, range_start=3, insert_before=1, range_length=2)
    assert fake.playlist_track_ids(pid) == [ids[0], ids[3], ids[4], ids[1], ids[2]]
    fake.playlist_move(pid, range_start=0, insert_before=5)
    assert fake.playlist_track_ids(pid) == [ids[3], ids[4], ids[1], ids[2], ids[0]]
    assert fake.playlists[pid].snapshot_id != before


def test_playlist_object_has_items_and_fields_filter(fake_spotify):
    headers = _auth(fake_spotify)
    pid = next(iter(fake_spotify.playlists))
    full = requests.get(fake_spotify.api_base + f"playlists/{pid}", headers=headers,
                        timeout=5).json()
    assert full["items"]["items"][0]["item"]["type"] == "track" and full["snapshot_id"]
    slim = requests.get(fake_spotify.api_base + f"playlists/{pid}", headers=headers, timeout=5,
                        params={"fields": "snapshot_id,items(total)"}).json()
    assert set(slim) == {"snapshot_id", "items"}


def _spec_block(spec: str, path: str) -> str:
    start = spec.index(f"\n  {path}:\n")
    end = spec.index("\n  /", start + 1)
    return spec[start:end]


def test_page_limits_match_the_openapi_description():
    spec = (FIXTURES / "spotify-web-api.openapi.yml").read_text(encoding="utf-8")
    common = spec[spec.index("\n    QueryLimit:"):][:600]
    assert f"Maximum: {LIMITS['list'][1]}." in common
    assert f"maximum: {LIMITS['search'][1]}" in _spec_block(spec, "/search")
    assert f"Maximum: {LIMITS['artist_albums'][1]}." in _spec_block(spec, "/artists/{id}/albums")
    for path in ("/playlists/{playlist_id}/items", "/me/tracks", "/me/playlists",
                 "/albums/{id}/tracks"):
        assert re.search(r"#/components/parameters/QueryLimit", _spec_block(spec, path))
