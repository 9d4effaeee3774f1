"""A spotipy CacheHandler that keeps the Spotify token in the OS keyring, or in memory only."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError
from spotipy.cache_handler import CacheHandler

SERVICE = "CD-Collector/spotify"
# Windows Credential Manager rejects secrets over ~1280 characters.
MAX_SECRET_CHARS = 1200

log = logging.getLogger(__name__)
_KEYRING_FAILURES = (KeyringError, OSError, RuntimeError)


def keyring_status() -> tuple[bool, str]:
    """(usable, backend name) of the OS keyring, for Settings and `doctor`; never raises."""
    try:
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        usable = not isinstance(backend, fail.Keyring) and float(backend.priority) > 0
    except Exception as exc:  # a broken backend must not break the settings page
        return False, f"unavailable ({type(exc).__name__})"
    return usable, name


def compact(token_info: dict[str, Any], with_access_token: bool = True) -> str:
    """Only what a refresh needs: access token, refresh token, expiry and scope."""
    data: dict[str, Any] = {
        "r": token_info.get("refresh_token") or "",
        "s": token_info.get("scope") or "",
        "e": int(token_info.get("expires_at") or 0) if with_access_token else 0,
    }
    if with_access_token and token_info.get("access_token"):
        data["a"] = token_info["access_token"]
    return json.dumps(data, separators=(",", ":"))


def expand(secret: str) -> dict[str, Any] | None:
    """The token_info dict spotipy expects, or None when the stored secret is unusable."""
    try:
        data = json.loads(secret)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.get("r"):
        return None
    expires_at = int(data.get("e") or 0)
    return {
        "access_token": data.get("a") or "",
        "refresh_token": data["r"],
        "scope": data.get("s") or "",
        "token_type": "Bearer",
        "expires_at": expires_at,  # 0 without an access token: spotipy refreshes at once
        "expires_in": max(0, expires_at - int(time.time())),
    }


class KeyringTokenCache(CacheHandler):
    """Token JSON under service "CD-Collector/spotify", username = the client id.

    Without a usable keyring backend the token lives in memory for this session only and
    `remembered` is False, so the UI can say the login cannot be remembered. Never a file.
    """

    def __init__(self, client_id: str):
        self.client_id = client_id
        self._lock = threading.Lock()
        self._token: dict[str, Any] | None = None
        self._loaded = False
        self._remembered = True

    @property
    def remembered(self) -> bool:
        """False when the keyring cannot keep the login beyond this session."""
        return self._remembered

    def get_cached_token(self) -> dict[str, Any] | None:
        with self._lock:
            if not self._loaded:
                self._token = self._load()
                self._loaded = True
            return dict(self._token) if self._token else None

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        with self._lock:
            self._token = dict(token_info)
            self._loaded = True
            self._remembered = self._store(token_info)

    def has_token(self) -> bool:
        return self.get_cached_token() is not None

    def clear(self) -> None:
        """Forget the login here and in the keyring."""
        with self._lock:
            self._token = None
            self._loaded = True
            try:
                keyring.delete_password(SERVICE, self.client_id)
            except PasswordDeleteError:
                pass
            except _KEYRING_FAILURES as exc:
                log.info("Keyring unavailable while logging out: %s", type(exc).__name__)

    def _load(self) -> dict[str, Any] | None:
        try:
            secret = keyring.get_password(SERVICE, self.client_id)
        except _KEYRING_FAILURES as exc:
            log.info("No usable keyring (%s): Spotify login will not be remembered",
                     type(exc).__name__)
            self._remembered = False
            return None
        if not secret:
            return None
        token = expand(secret)
        if token is None:
            log.warning("Stored Spotify login is unreadable; a new login is needed")
        return token

    def _store(self, token_info: dict[str, Any]) -> bool:
        secret = compact(token_info)
        if len(secret) > MAX_SECRET_CHARS:
            secret = compact(token_info, with_access_token=False)
        if len(secret) > MAX_SECRET_CHARS:
            log.warning("Spotify login too long for the keyring; kept for this session only")
            return False
        try:
            keyring.set_password(SERVICE, self.client_id, secret)
        except _KEYRING_FAILURES as exc:
            log.info("No usable keyring (%s): Spotify login kept for this session only",
                     type(exc).__name__)
            return False
        return True
