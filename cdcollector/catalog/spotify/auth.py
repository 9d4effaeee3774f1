"""Spotify PKCE login without input(): authorize URL, loopback callback, code exchange."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from spotipy.exceptions import SpotifyOauthError
from spotipy.oauth2 import SpotifyPKCE

from cdcollector.catalog.spotify import redact
from cdcollector.catalog.spotify.listener import CallbackListener
from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from cdcollector.domain.errors import AuthError, OfflineError

SCOPE = "playlist-read-private playlist-read-collaborative user-library-read"
ACCOUNTS_BASE = "https://accounts.spotify.com"
REVOKED = ("Spotify no longer accepts this login (it was revoked), so you are logged out: "
           "log in again under Settings → Accounts.")
DEFAULT_TIMEOUT_S = 10.0

log = logging.getLogger(__name__)


class QuietPKCE(SpotifyPKCE):
    """SpotifyPKCE that never prompts: without a usable token it raises AuthError instead.

    spotipy falls back to input() when no token is cached, which would hang a GUI.
    A lock keeps two threads from refreshing the same token at once.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._token_lock = threading.Lock()

    def _get_auth_response(self, open_browser: bool | None = None) -> str:
        raise AuthError("Not logged in to Spotify. Log in under Settings → Accounts.")

    def get_access_token(self, code: str | None = None, check_cache: bool = True) -> str:
        with self._token_lock, _plain_errors():
            return super().get_access_token(code=code, check_cache=check_cache)

    def refresh_access_token(self, refresh_token: str) -> dict[str, Any]:
        """A refused refresh token (revoked, or the user was removed from the app) logs out."""
        try:
            return super().refresh_access_token(refresh_token)
        except SpotifyOauthError as exc:
            if exc.error != "invalid_grant":
                raise
            self.cache_handler.clear()
            raise AuthError(REVOKED) from None

    def refresh_now(self, rejected_token: str | None) -> None:
        """Spotify rejected `rejected_token` before its time: get a new one with the stored
        refresh token, unless another thread already has."""
        with self._token_lock, _plain_errors():
            token = self.cache_handler.get_cached_token()
            if not token:
                raise AuthError("Not logged in to Spotify. Log in under Settings → Accounts.")
            if token.get("access_token") != rejected_token:
                return
            self.refresh_access_token(token["refresh_token"])

    def current_access_token(self) -> str | None:
        """The cached access token, without refreshing it."""
        token = self.cache_handler.get_cached_token()
        return token.get("access_token") if token else None


@contextmanager
def _plain_errors() -> Iterator[None]:
    try:
        yield
    except SpotifyOauthError as exc:
        raise AuthError(_oauth_message(exc)) from None
    except requests.exceptions.RequestException as exc:
        raise OfflineError(f"Cannot reach Spotify's login service ({type(exc).__name__}).") \
            from None


def _oauth_message(exc: SpotifyOauthError) -> str:
    if exc.error == "invalid_grant":
        return "Spotify no longer accepts this login. Log in again under Settings → Accounts."
    if exc.error == "invalid_client":
        return "Spotify does not know this client id. Check it under Settings → Accounts."
    detail = exc.error_description or exc.error or "unknown error"
    return f"Spotify login failed: {detail}."


def make_auth_manager(
    client_id: str,
    cache: KeyringTokenCache,
    *,
    redirect_uri: str,
    accounts_base: str = ACCOUNTS_BASE,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QuietPKCE:
    """The auth manager used for logins and for every API call (refreshes tokens as needed)."""
    redact.install()
    manager = QuietPKCE(
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=SCOPE,
        cache_handler=cache,
        open_browser=False,
        requests_timeout=timeout,
        requests_session=requests.Session(),
    )
    base = accounts_base.rstrip("/")
    manager.OAUTH_AUTHORIZE_URL = f"{base}/authorize"
    manager.OAUTH_TOKEN_URL = f"{base}/api/token"
    return manager


class PkceLogin:
    """One login attempt: `start()` gives the URL to open, `finish()` waits for the redirect."""

    def __init__(
        self,
        client_id: str,
        cache: KeyringTokenCache,
        *,
        port: int,
        accounts_base: str = ACCOUNTS_BASE,
        timeout: float = DEFAULT_TIMEOUT_S,
    ):
        self._client_id = client_id
        self._cache = cache
        self._port = port
        self._accounts_base = accounts_base
        self._timeout = timeout
        self._state = secrets.token_urlsafe(24)
        self._listener: CallbackListener | None = None
        self._manager: QuietPKCE | None = None

    def start(self) -> str:
        """Listen on the loopback port and return the authorize URL for the browser."""
        if not self._client_id.strip():
            raise AuthError("Enter your Spotify client id under Settings → Accounts first.")
        self._listener = CallbackListener(self._port, self._state)
        self._manager = make_auth_manager(
            self._client_id, self._cache, redirect_uri=self._listener.redirect_uri,
            accounts_base=self._accounts_base, timeout=self._timeout,
        )
        return self._manager.get_authorize_url(state=self._state)

    @property
    def redirect_uri(self) -> str | None:
        return self._listener.redirect_uri if self._listener else None

    def finish(self, timeout: float) -> None:
        """Block until the browser comes back, then exchange the code (AuthError on failure)."""
        if self._listener is None or self._manager is None:
            raise AuthError("The Spotify login was not started.")
        try:
            result = self._listener.wait(timeout)
        finally:
            self._listener.close()
        if result is None:
            raise AuthError("The Spotify login timed out or was cancelled. Please try again.")
        if result.state != self._state:
            raise AuthError("The Spotify login answer did not match this login. Please try again.")
        if result.error == "access_denied":
            raise AuthError("Spotify access was denied in the browser, so nothing was connected.")
        if result.error or not result.code:
            raise AuthError(f"Spotify login failed: {result.error or 'no code received'}.")
        self._manager.get_access_token(code=result.code, check_cache=False)
        log.info("Spotify login completed (remembered: %s)", self._cache.remembered)

    def cancel(self) -> None:
        if self._listener is not None:
            self._listener.close()
