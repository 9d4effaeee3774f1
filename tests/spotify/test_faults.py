"""Failures from Spotify: 429 fails fast with its wait, 5xx retried, bad JSON, slow and down."""

from __future__ import annotations

import socket
import time

import pytest

from cdcollector.catalog.spotify.rate_limits import RetryPlan
from cdcollector.domain.errors import AuthError, CatalogError, OfflineError, RateLimitedError
from tests.spotify.conftest import make_catalog


def test_429_with_a_day_long_retry_after_hands_control_back_at_once(catalog, fake_spotify):
    fake_spotify.rate_limit(retry_after=86400)
    started = time.monotonic()
    with pytest.raises(RateLimitedError) as caught:
        catalog.search("Muse")
    assert time.monotonic() - started < 5  # behavioural bound: no sleeping for Retry-After
    assert caught.value.retry_after_s == 86400
    assert str(caught.value).startswith("Spotify asks us to wait 1440 min")
    assert len(fake_spotify.requests_to("^/v1/search$")) == 1  # no retry of a 429

    plan = catalog.gate.plan()
    assert isinstance(plan, RetryPlan) and plan.delay_s() > 86000
    with pytest.raises(RateLimitedError):
        catalog.track("3n3Ppam7vgaVa1iaRUc9Lp")  # fails fast, without asking Spotify again
    assert fake_spotify.requests_to("^/v1/tracks") == []


def test_429_in_the_middle_of_paging_then_the_next_attempt_completes(catalog, fake_spotify):
    fake_spotify.like(fake_spotify.make_tracks(120))
    fake_spotify.rate_limit(retry_after=7, path="^/v1/me/tracks$", skip=1)
    with pytest.raises(RateLimitedError) as caught:
        catalog.liked_songs()
    assert caught.value.retry_after_s == 7
    catalog.gate.clear()  # what the scheduler's retry does once the wait is over
    assert len(catalog.liked_songs().tracks) == 121


def test_server_errors_are_retried_until_spotify_recovers(catalog, fake_spotify):
    fault = fake_spotify.server_error(503, times=2)
    assert catalog.search("Muse", limit=10).songs
    assert fault.hits == 2
    assert len(fake_spotify.requests_to("^/v1/search$")) == 3


def test_persistent_server_error_is_a_catalog_error_not_a_rate_limit(catalog, fake_spotify):
    fake_spotify.server_error(500, times=None)
    with pytest.raises(CatalogError, match="having trouble") as caught:
        catalog.search("Muse")
    assert not isinstance(caught.value, RateLimitedError)
    assert len(fake_spotify.requests_to("^/v1/search$")) == 3  # first try + 2 retries


def test_malformed_json_is_a_catalog_error(catalog, fake_spotify):
    fake_spotify.malformed(path="^/v1/me/playlists$")
    with pytest.raises(CatalogError, match="could not read"):
        catalog.user_playlists()


def test_malformed_json_on_a_later_page(catalog, fake_spotify):
    fake_spotify.like(fake_spotify.make_tracks(60))
    fake_spotify.malformed(path="^/v1/me/tracks$", skip=1)
    with pytest.raises(CatalogError, match="could not read"):
        catalog.liked_songs()


def test_slow_answer_beyond_the_timeout_is_a_clear_error(fake_spotify):
    slow_catalog = make_catalog(fake_spotify, timeout=0.3, retries=1)
    fake_spotify.slow(2.0, times=None)
    with pytest.raises(OfflineError, match="did not answer in time"):
        slow_catalog.search("Muse")


def test_spotify_unreachable_is_offline(fake_spotify):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    dead = make_catalog(fake_spotify, retries=0)
    dead._sp.prefix = f"http://127.0.0.1:{dead_port}/v1/"
    with pytest.raises(OfflineError, match="Cannot reach Spotify"):
        dead.search("Muse")


def test_expired_token_is_refreshed_and_rotated_refresh_token_kept(fake_spotify,
                                                                    memory_keyring):
    token = fake_spotify.issue_token()
    token["expires_at"] = int(time.time()) - 10
    client = make_catalog(fake_spotify, token=token)
    assert client.current_user()[0] == "wizzler"
    (refresh,) = fake_spotify.requests_to("^/api/token$", method="POST")
    assert refresh.method == "POST"
    stored = next(iter(memory_keyring.store.values()))
    assert token["refresh_token"] not in stored  # the fake rotated it; the new one is kept
    assert client.current_user()[0] == "wizzler"


def test_refused_refresh_asks_for_a_new_login(fake_spotify):
    token = fake_spotify.issue_token()
    token["expires_at"] = 0
    fake_spotify.refresh_tokens.clear()
    client = make_catalog(fake_spotify, token=token)
    with pytest.raises(AuthError, match=r"(?i)log in again"):
        client.liked_songs()


def test_a_next_link_to_another_host_is_not_followed(catalog, fake_spotify):
    fake_spotify.like(fake_spotify.make_tracks(60))
    fake_spotify.page_link_base = "https://evil.example"
    with pytest.raises(CatalogError, match="does not trust"):
        catalog.liked_songs()
    assert len(fake_spotify.requests_to("^/v1/me/tracks$")) == 1
