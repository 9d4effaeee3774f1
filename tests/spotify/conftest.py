"""Fixtures for the Spotify tests: the fake API, a logged-in client and the account service."""

from __future__ import annotations

import pytest

from cdcollector.catalog.spotify.auth import make_auth_manager
from cdcollector.catalog.spotify.client import SpotifyCatalog
from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from tests.fakes.spotify_api import (  # noqa: F401 (fixtures)
    CLIENT_ID,
    fake_spotify,
    point_app_at,
    spotify_account,
)


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

    point_app_at(fake_spotify, ctx, monkeypatch)
    return SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01)
