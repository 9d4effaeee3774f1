"""A logging filter that removes tokens and codes from spotipy's and urllib3's debug messages."""

from __future__ import annotations

import logging
import re

_SECRET_KEYS = "access_token|refresh_token|code_verifier|code|client_secret"
_PATTERNS = (
    (re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1***"),
    (re.compile(rf"""(['"](?:{_SECRET_KEYS})['"]\s*:\s*)(['"])[^'"]*\2"""), r"\1\2***\2"),
    (re.compile(rf"([?&](?:{_SECRET_KEYS})=)[^&\s'\"]+"), r"\1***"),
)
# spotipy logs request headers and token request bodies at DEBUG; urllib3 logs request lines.
GUARDED_LOGGERS = ("spotipy", "spotipy.client", "spotipy.oauth2", "urllib3.connectionpool")


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class SecretFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = SecretFilter()


def install() -> None:
    """Idempotent: attach the filter to every logger that may see a token."""
    for name in GUARDED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
