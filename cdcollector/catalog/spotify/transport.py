"""HTTP plumbing for spotipy: a retrying session (never on 429) and plain-language errors."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from spotipy.exceptions import SpotifyException
from urllib3.util.retry import Retry

from cdcollector.catalog.spotify.rate_limits import RateLimitGate, parse_retry_after, rate_limited
from cdcollector.domain.errors import (
    AccessRefusedError,
    AuthError,
    CatalogError,
    CollectorError,
    OfflineError,
    PremiumRequiredError,
)

RETRY_STATUSES = (500, 502, 503, 504)  # 429 is deliberately absent: we never sleep on it
# Spotify's 403 bodies: the route is gone (or, for playlist items, the playlist is someone
# else's), or the owner of the client id lost Premium and every call is refused.
FORBIDDEN = "Forbidden"
PREMIUM_REQUIRED = "Active premium subscription required"
PREMIUM_MESSAGE = ("Spotify refuses every request because the app's owner needs Spotify Premium "
                   "(the account that created your client id).")

log = logging.getLogger(__name__)
T = TypeVar("T")


def retrying_session(
    retries: int = 3, backoff_factor: float = 0.5, jitter_s: float = 0.5
) -> requests.Session:
    """5xx and timeouts are retried with exponential backoff plus jitter; a 429 comes back at once.

    `respect_retry_after_header=False` matters: with it, urllib3 sleeps for the whole
    Retry-After of a 429 even when 429 is not in the status list.
    """
    retry = Retry(
        total=retries,
        connect=retries,
        read=min(retries, 1),  # a slow Spotify gets one more chance, not four long waits
        status=retries,
        other=0,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff_factor,
        backoff_jitter=jitter_s,
        backoff_max=30,
        respect_retry_after_header=False,
        raise_on_status=False,  # the last 5xx reaches spotipy as itself, not as a fake 429
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class AccessTokenRejected(AuthError):
    """A 401: the access token expired or was revoked; a refresh may cure it."""


def error_message(exc: SpotifyException) -> str:
    """The `error.message` of Spotify's body (spotipy keeps it after the URL in `msg`)."""
    return str(exc.msg or "").rpartition(":\n")[2].strip()


def _status_error(exc: SpotifyException, gate: RateLimitGate) -> CollectorError:
    status = exc.http_status
    if status == 429:
        header = (exc.headers or {}).get("Retry-After")
        if header is None or not str(header).strip():
            return gate.backoff(quota=exc.reason == "QUOTA_EXCEEDED")
        err = rate_limited(parse_retry_after(header))
        gate.note(err)
        return err
    if status == 401:
        return AccessTokenRejected(
            "The Spotify login has expired. Log in again under Settings → Accounts.")
    if status == 403:
        message = error_message(exc)
        if message.startswith(PREMIUM_REQUIRED):
            return PremiumRequiredError(PREMIUM_MESSAGE)
        if message == FORBIDDEN:
            return AccessRefusedError(
                "Spotify no longer lets apps in Development mode do this, so CD-Collector "
                "cannot offer it.")
        return CatalogError(
            "Spotify refused access: check that your account is one of the app's users "
            "(at most 5) in the Spotify developer dashboard.")
    if status == 404:
        return CatalogError("Spotify does not know this item (it may have been removed).")
    if status is not None and status >= 500:
        return CatalogError(f"Spotify is having trouble (HTTP {status}). Please try again later.")
    return CatalogError(f"Spotify rejected the request (HTTP {status}).")


def _network_error(exc: requests.exceptions.RequestException) -> CollectorError:
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower():
        return OfflineError("Spotify did not answer in time. Check the connection and try again.")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return OfflineError("Cannot reach Spotify. Check the internet connection.")
    return CatalogError(f"Talking to Spotify failed ({type(exc).__name__}).")


def guarded_call(gate: RateLimitGate, call: Callable[[], T]) -> T:
    """Run one spotipy call: fail fast during a rate-limit wait, translate every failure."""
    gate.check()
    try:
        result = call()
    except SpotifyException as exc:
        raise _status_error(exc, gate) from None
    except requests.exceptions.RequestException as exc:
        raise _network_error(exc) from None
    gate.answered()
    if not isinstance(result, dict):
        # spotipy turns an unreadable body into None instead of an error.
        raise CatalogError("Spotify sent an answer CD-Collector could not read.")
    return result


def require(obj: dict[str, Any], key: str) -> Any:
    """A field a well-formed answer always has; its absence means the answer is malformed."""
    try:
        return obj[key]
    except (KeyError, TypeError):
        raise CatalogError("Spotify sent an answer CD-Collector could not read.") from None
