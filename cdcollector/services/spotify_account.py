"""The optional Spotify connection: log in/out, whether it is remembered, and its client."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from cdcollector.catalog.spotify.auth import ACCOUNTS_BASE, PkceLogin, make_auth_manager
from cdcollector.catalog.spotify.client import API_BASE, SpotifyCatalog
from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
from cdcollector.domain.errors import (
    AuthError,
    CatalogError,
    ConfigError,
    OfflineError,
    PremiumRequiredError,
    RateLimitedError,
)
from cdcollector.services.context import AppContext

API_BASE_ENV = "CDCOLLECTOR_SPOTIFY_API_BASE"
ACCOUNTS_BASE_ENV = "CDCOLLECTOR_SPOTIFY_ACCOUNTS_BASE"
LOGIN_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class SpotifyStatus:
    configured: bool  # a client id is set
    logged_in: bool
    remembered: bool  # False: the login lasts for this session only (no keyring)
    login_pending: bool
    account_name: str | None
    message: str  # one line for Settings → Accounts


def _base_url(env_name: str, default: str) -> str:
    """The real service, or a loopback override (tests); tokens never go anywhere else."""
    value = os.environ.get(env_name, "").strip()
    if not value:
        return default
    if value.startswith(("https://", "http://127.0.0.1:", "http://localhost:")):
        return value
    raise ConfigError(f"{env_name} must be an https:// or loopback URL, not {value!r}.")


class SpotifyAccountService:
    """Blocking methods (finish_login, catalog calls) belong in an executor, not the UI thread."""

    def __init__(self, ctx: AppContext, *, timeout: float = 10.0, retries: int = 3,
                 backoff_factor: float = 0.5):
        self.ctx = ctx
        self._timeout = timeout
        self._retries = retries
        self._backoff = backoff_factor
        self._lock = threading.Lock()
        self._caches: dict[str, KeyringTokenCache] = {}
        self._catalogs: dict[str, SpotifyCatalog] = {}
        self._login: PkceLogin | None = None
        self._account_name: str | None = None

    @property
    def client_id(self) -> str:
        return self.ctx.settings.spotify_client_id.strip()

    @property
    def is_configured(self) -> bool:
        return bool(self.client_id)

    def _cache(self) -> KeyringTokenCache:
        with self._lock:
            return self._caches.setdefault(self.client_id, KeyringTokenCache(self.client_id))

    def _require_client_id(self) -> str:
        if not self.is_configured:
            raise AuthError("Enter your Spotify client id under Settings → Accounts first.")
        return self.client_id

    # --- login ----------------------------------------------------------------------------

    def begin_login(self) -> str:
        """Start listening for the redirect and return the URL to open in the browser."""
        client_id = self._require_client_id()
        login = PkceLogin(
            client_id, self._cache(), port=self.ctx.settings.spotify_redirect_port,
            accounts_base=_base_url(ACCOUNTS_BASE_ENV, ACCOUNTS_BASE), timeout=self._timeout,
        )
        self.cancel_login()
        url = login.start()
        with self._lock:
            self._login = login
        return url

    def finish_login(self, timeout: float = LOGIN_TIMEOUT_S) -> SpotifyStatus:
        """Wait for the browser, store the token, check the account (blocks: use an executor)."""
        with self._lock:
            login = self._login
        if login is None:
            raise AuthError("Start the Spotify login first.")
        try:
            login.finish(timeout)
        finally:
            with self._lock:
                if self._login is login:
                    self._login = None
        self._verify_account()
        return self.status()

    def _verify_account(self) -> None:
        try:
            _, name = self.catalog().current_user()
        except (RateLimitedError, OfflineError):
            return  # logged in; the name shows up later
        except AuthError:
            self.logout()
            raise
        except PremiumRequiredError:
            raise  # the login itself is good; it works again once the owner has Premium
        except CatalogError as exc:  # a Development-Mode app refuses users it does not list
            self.logout()
            raise AuthError(f"Spotify login worked, but the account cannot be read: {exc}") \
                from None
        with self._lock:
            self._account_name = name

    def cancel_login(self) -> None:
        with self._lock:
            login, self._login = self._login, None
        if login is not None:
            login.cancel()

    def shutdown(self) -> None:
        """Release the login listener's port when the app closes."""
        self.cancel_login()

    def logout(self) -> None:
        """Forget the login, in the keyring too."""
        self._cache().clear()
        with self._lock:
            self._catalogs.pop(self.client_id, None)
            self._account_name = None

    # --- state ----------------------------------------------------------------------------

    def status(self) -> SpotifyStatus:
        """No network: what is known locally."""
        if not self.is_configured:
            return SpotifyStatus(False, False, False, False, None,
                                 "Not connected. Spotify is optional: add your own client id.")
        cache = self._cache()
        logged_in = cache.has_token()
        with self._lock:
            pending, name = self._login is not None, self._account_name
        if pending:
            message = "Waiting for the Spotify login in your browser…"
        elif not logged_in:
            message = "Not logged in."
        else:
            message = f"Logged in{f' as {name}' if name else ''}."
            if not cache.remembered:
                message += " This login cannot be remembered (no keyring on this system)."
        return SpotifyStatus(True, logged_in, logged_in and cache.remembered, pending, name,
                             message)

    def catalog(self) -> SpotifyCatalog:
        """The Spotify client for the logged-in user (AuthError when not logged in)."""
        client_id = self._require_client_id()
        cache = self._cache()
        if not cache.has_token():
            raise AuthError("Not logged in to Spotify. Log in under Settings → Accounts.")
        with self._lock:
            found = self._catalogs.get(client_id)
            if found is None:
                port = self.ctx.settings.spotify_redirect_port
                manager = make_auth_manager(
                    client_id, cache, redirect_uri=f"http://127.0.0.1:{port}/callback",
                    accounts_base=_base_url(ACCOUNTS_BASE_ENV, ACCOUNTS_BASE),
                    timeout=self._timeout,
                )
                found = SpotifyCatalog(
                    manager, api_base=_base_url(API_BASE_ENV, API_BASE), timeout=self._timeout,
                    retries=self._retries, backoff_factor=self._backoff,
                )
                self._catalogs[client_id] = found
            return found
