"""The app under the 2026 Development-mode rules: the three 403s, quota 429s, token refresh."""

from __future__ import annotations

import pytest

from cdcollector.catalog.spotify import parse
from cdcollector.catalog.spotify.auth import make_auth_manager
from cdcollector.catalog.spotify.client import SpotifyCatalog
from cdcollector.catalog.spotify.rate_limits import RateLimitGate
from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from cdcollector.domain.errors import (
    AccessRefusedError,
    AuthError,
    PlaylistNotReadableError,
    PremiumRequiredError,
    RateLimitedError,
)
from tests.spotify.conftest import CLIENT_ID, make_catalog

OWN, FOLLOWED = "53Y8wT46QIMz5H4WQ8O22c", "1AVZz0mBuGbCEoNRQdYQju"


def test_a_removed_route_is_refused_for_good(catalog):
    with pytest.raises(AccessRefusedError, match="no longer lets apps in Development mode"):
        catalog._get("browse/new-releases")


def test_someone_elses_playlist_says_why_and_what_to_do(catalog, fake_spotify):
    with pytest.raises(PlaylistNotReadableError) as caught:
        catalog.playlist_items(FOLLOWED)
    assert str(caught.value) == parse.NOT_READABLE
    assert "save a copy in Spotify, then mirror the copy" in str(caught.value)
    assert len(fake_spotify.requests_to(f"/playlists/{FOLLOWED}/items$")) == 1  # no retries
    with pytest.raises(PlaylistNotReadableError):
        catalog.playlist(f"spotify:playlist:{FOLLOWED}")  # a pasted link says the same


def test_listing_marks_the_playlists_that_cannot_be_read(catalog, fake_spotify):
    shared = fake_spotify.create_playlist("Shared", owner_id="friend", collaborative=True,
                                          collaborators=("wizzler",))
    marks = {p.id: p.unreadable_reason for p in catalog.user_playlists()}
    assert marks[OWN] is None and marks[shared] is None
    assert marks[FOLLOWED] == parse.NOT_READABLE
    info = catalog.playlist_info(FOLLOWED)
    assert (info.owner_id, info.unreadable_reason) == ("wizzlersmate", parse.NOT_READABLE)


def test_owner_without_premium_is_named_as_the_cause(catalog, fake_spotify):
    fake_spotify.owner_premium = False
    with pytest.raises(PremiumRequiredError, match="the app's owner needs Spotify Premium"):
        catalog.search("Muse")
    with pytest.raises(PremiumRequiredError):
        catalog.playlist_items(OWN)  # not mistaken for someone else's playlist
    fake_spotify.owner_premium = True
    assert catalog.playlist_items(OWN).tracks


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_quota_429_backs_off_on_its_own_clock_and_never_loops(fake_spotify):
    clock = Clock()
    cache = KeyringTokenCache(CLIENT_ID)
    cache.save_token_to_cache(fake_spotify.issue_token(CLIENT_ID))
    manager = make_auth_manager(CLIENT_ID, cache, redirect_uri="http://127.0.0.1:1/callback",
                                accounts_base=fake_spotify.accounts_base, timeout=3)
    client = SpotifyCatalog(manager, api_base=fake_spotify.api_base, timeout=3, retries=2,
                            backoff_factor=0.01, gate=RateLimitGate(clock))
    fake_spotify.quota_exceeded = True
    with pytest.raises(RateLimitedError, match="quota is used up") as first:
        client.search("Muse", limit=10)
    assert first.value.retry_after_s == 60
    assert len(fake_spotify.requests_to("^/v1/search$")) == 1  # the 429 is not retried
    with pytest.raises(RateLimitedError):
        client.search("Muse", limit=10)  # during the wait: fails fast, asks nobody
    assert len(fake_spotify.requests_to("^/v1/search$")) == 1

    clock.now += 61
    with pytest.raises(RateLimitedError) as second:
        client.search("Muse", limit=10)
    assert second.value.retry_after_s == 120  # still refused: wait twice as long
    clock.now += 121
    fake_spotify.quota_exceeded = False
    assert client.search("Muse", limit=10).songs
    fake_spotify.quota_exceeded = True
    with pytest.raises(RateLimitedError) as again:
        client.search("Muse", limit=10)
    assert again.value.retry_after_s == 60  # an answer in between starts the backoff anew


def test_an_expired_access_token_is_refreshed_and_the_call_goes_on(catalog, fake_spotify,
                                                                    memory_keyring):
    before = dict(memory_keyring.store)
    fake_spotify.expire_access_tokens()  # the server says expired; the client's clock does not
    assert catalog.search("Muse", limit=10).songs
    assert len(fake_spotify.requests_to("^/api/token$", method="POST")) == 1
    assert memory_keyring.store != before  # the new token is kept in the keyring
    assert KeyringTokenCache(CLIENT_ID).has_token()


def test_a_revoked_refresh_token_logs_out_with_one_sentence(fake_spotify, memory_keyring):
    client = make_catalog(fake_spotify)
    fake_spotify.expire_access_tokens()
    fake_spotify.revoke_refresh_tokens()
    with pytest.raises(AuthError) as caught:
        client.liked_songs()
    message = str(caught.value)
    assert "revoked" in message and "log in again" in message and "\n" not in message
    assert memory_keyring.store == {}  # logged out, in the keyring too
    assert not KeyringTokenCache(CLIENT_ID).has_token()
