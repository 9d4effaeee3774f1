"""Fixtures for the Spotify tests: the fake API, a logged-in client and the account service."""

from __future__ import annotations

import pytest

from cdcollector.catalog.spotify.auth import make_auth_manager
from cdcollector.catalog.spotify.client import SpotifyCatalog
from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from tests.fakes.spotify_api import fake_spotify  # noqa: F401 (fixture)

CLIENT_ID = "test-client-id"


def make_catalog(fake, *, timeout: float = 3.0, retries: int = 2, token: dict | None = None):
    cache = KeyringTokenCache(CLIENT_ID)
    cache.save_token_to_cache(token or fake.issue_token(CLIENT_ID))
    manager = make_auth_manager(CLIENT_ID, cache, redirect_uri="http://127.0.0.1:1/callback",
                                accounts_base=fake.accounts_base, timeout=timeout)
    return SpotifyCatalog(manager, api_base=fake.api_base, timeout=timeout, retries=retries,
                          backoff_factor=0.01)


@pytest.fixture
def catalog(fake_spotify):  # noqa: F811
    return make_catalog(fake_spotify)


@pytest.fixture
def account(ctx, fake_spotify, monkeypatch):  # noqa: F811
    """The account service pointed at the fake, with a client id and a free redirect port."""
    from cdcollector.services.spotify_account import SpotifyAccountService

    monkeypatch.setenv("CDCOLLECTOR_SPOTIFY_API_BASE", fake_spotify.api_base)
    monkeypatch.setenv("CDCOLLECTOR_SPOTIFY_ACCOUNTS_BASE", fake_spotify.accounts_base)
    ctx.update_settings(spotify_client_id=CLIENT_ID, spotify_redirect_port=0)
    return SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01)
