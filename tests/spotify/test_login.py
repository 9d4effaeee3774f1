"""PKCE login through the real spotipy against the fake accounts service and loopback listener."""

from __future__ import annotations

import json
import logging
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
import requests
from keyring.backends import fail

from cdcollector.catalog.spotify.token_cache import SERVICE
from cdcollector.domain.errors import AuthError
from cdcollector.services.spotify_account import SpotifyAccountService
from tests.spotify.conftest import CLIENT_ID


def browser_visit(url: str) -> requests.Response:
    """What the user's browser does: open the authorize URL and follow the redirect home."""
    return requests.get(url, timeout=5, allow_redirects=True)


def test_full_pkce_login_stores_token_in_keyring(account, fake_spotify, memory_keyring):
    url = account.begin_login()
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(fake_spotify.accounts_base + "/authorize?")
    assert query["code_challenge_method"] == ["S256"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    assert set(query["scope"][0].split()) == {
        "playlist-read-private", "playlist-read-collaborative", "user-library-read"}
    assert account.status().login_pending

    page = browser_visit(url)
    assert page.status_code == 200 and "close this window" in page.text

    status = account.finish_login(timeout=5)
    assert status.logged_in and status.remembered and not status.login_pending
    assert status.account_name == "JM Wizzler"
    secret = memory_keyring.store[(SERVICE, CLIENT_ID)]
    assert len(secret) < 1280
    stored = json.loads(secret)
    assert stored["r"] in fake_spotify.all_secrets() or stored["r"].startswith("AQ")
    assert stored["a"] in fake_spotify.access_tokens
    token_posts = fake_spotify.requests_to("^/api/token$", method="POST")
    assert len(token_posts) == 1
    assert [p.name for p in account.catalog().user_playlists()][:2] == [
        "Wizzlers Big Playlist", "Another Playlist"]


def test_login_finishes_while_waiting_in_an_executor(account):
    url = account.begin_login()
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(account.finish_login, 10)
        browser_visit(url)
        assert pending.result(timeout=10).logged_in


def test_login_remembered_by_a_new_service(account, ctx):
    browser_visit(account.begin_login())
    account.finish_login(timeout=5)
    again = SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01)
    assert again.status().logged_in
    assert again.catalog().current_user()[0] == "wizzler"


def test_user_denies_access(account, fake_spotify, memory_keyring):
    fake_spotify.deny_authorize = True
    page = browser_visit(account.begin_login())
    assert "cancelled" in page.text.lower()
    with pytest.raises(AuthError, match="denied"):
        account.finish_login(timeout=5)
    assert not account.status().logged_in
    assert memory_keyring.store == {}


def test_login_times_out_with_a_clear_error(account):
    account.begin_login()
    with pytest.raises(AuthError, match="timed out"):
        account.finish_login(timeout=0.2)
    assert not account.status().login_pending


def test_cancelled_login_releases_the_waiter(account):
    account.begin_login()
    threading.Timer(0.2, account.cancel_login).start()
    with pytest.raises(AuthError, match="cancelled"):
        account.finish_login(timeout=30)


def test_callback_with_foreign_state_is_refused(account):
    url = account.begin_login()
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    answer = requests.get(redirect, params={"code": "x", "state": "forged"}, timeout=5)
    assert answer.status_code == 400
    with pytest.raises(AuthError, match="did not match"):
        account.finish_login(timeout=5)


def test_redirect_port_in_use_is_a_clear_error(account, ctx):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        ctx.update_settings(spotify_redirect_port=busy.getsockname()[1])
        with pytest.raises(AuthError, match="already in use"):
            account.begin_login()


def test_not_configured_and_not_logged_in(account, ctx, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda *a: pytest.fail("input() must never be called"))
    with pytest.raises(AuthError, match="Not logged in"):
        account.catalog()
    ctx.update_settings(spotify_client_id="")
    assert not account.status().configured
    with pytest.raises(AuthError, match="client id"):
        account.begin_login()


def test_logout_forgets_the_token(account, memory_keyring):
    browser_visit(account.begin_login())
    account.finish_login(timeout=5)
    account.logout()
    assert memory_keyring.store == {}
    assert not account.status().logged_in
    with pytest.raises(AuthError):
        account.catalog()


def _files_in(paths: list[Path], secrets: list[str]) -> list[Path]:
    return [p for p in paths if any(s.encode() in p.read_bytes() for s in secrets)]


def _files_containing(root: Path, secrets: list[str]) -> list[Path]:
    return _files_in([p for p in root.rglob("*") if p.is_file()], secrets)


def test_no_keyring_backend_login_works_but_is_not_remembered(
        account, fake_spotify, ctx, tmp_path):
    keyring.set_keyring(fail.Keyring())  # the root fixture restores the previous backend
    browser_visit(account.begin_login())
    status = account.finish_login(timeout=5)
    assert status.logged_in and not status.remembered
    assert "cannot be remembered" in status.message
    assert len(account.catalog().liked_songs().tracks) == 1
    ctx.db.close()  # flush SQLite so the scan sees everything written
    assert _files_containing(tmp_path, fake_spotify.all_secrets()) == []
    spotipy_default_caches = [p for p in Path.cwd().glob(".cache*") if p.is_file()]
    assert _files_in(spotipy_default_caches, fake_spotify.all_secrets()) == []
    assert not SpotifyAccountService(ctx).status().logged_in  # a new session has nothing


def test_tokens_never_reach_logs_settings_or_disk(account, fake_spotify, ctx, caplog,
                                                  tmp_path):
    caplog.set_level(logging.DEBUG)
    browser_visit(account.begin_login())
    account.finish_login(timeout=5)
    catalog = account.catalog()
    catalog.search("Muse")
    fake_spotify.rate_limit(30)
    with pytest.raises(Exception, match="wait"):
        catalog.user_playlists()
    secrets = fake_spotify.all_secrets()
    assert secrets
    assert "Bearer" in caplog.text or "Sending" in caplog.text  # spotipy did log at DEBUG
    assert not [s for s in secrets if s in caplog.text]
    for handler in logging.getLogger().handlers:
        handler.flush()
    ctx.db.close()
    assert _files_containing(tmp_path, secrets) == []
    assert ctx.paths.settings_path.is_file()


def test_logged_in_fixture_for_other_areas(spotify_account, fake_spotify):
    status = spotify_account.status()
    assert status.logged_in and status.remembered and status.message == "Logged in."
    catalog = spotify_account.catalog()
    assert catalog is spotify_account.catalog()  # one client, one rate-limit gate
    assert catalog.liked_songs().tracks[0].title == "Good Enough For Granddad"
    spotify_account.shutdown()
