"""Accounts page fixtures: a bus context pointed at the loopback fake Spotify API."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from cdcollector.services.container import Services
from cdcollector.services.settings_service import SettingsService
from tests.fakes.spotify_api import CLIENT_ID, fake_spotify, point_app_at  # noqa: F401


@pytest.fixture
def services(bus_ctx):
    container = Services(bus_ctx)
    yield container
    container.spotify.cancel_login()
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def connected(bus_ctx, fake_spotify, monkeypatch):  # noqa: F811
    """The app points at the fake with a client id; not logged in yet."""
    point_app_at(fake_spotify, bus_ctx, monkeypatch)
    return fake_spotify


@pytest.fixture
def logged_in(connected):
    """A token for the fake in the (in-memory) keyring: the app starts logged in."""
    KeyringTokenCache(CLIENT_ID).save_token_to_cache(connected.issue_token(CLIENT_ID))
    return connected


@pytest.fixture
def make_page(qtbot, services, bus_ctx):
    from cdcollector.ui.widgets.accounts_page import AccountsPage

    def build(scheduler=None) -> AccountsPage:
        page = AccountsPage(services, SettingsService(bus_ctx), scheduler)
        qtbot.addWidget(page)
        page.resize(760, 860)
        page.show()
        qtbot.waitExposed(page)
        return page

    return build
