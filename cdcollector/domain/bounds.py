"""Checks for values arriving from outside: believable durations, bounded numbers, clean text."""

from __future__ import annotations

import math
import re

MAX_DURATION_S = 24 * 3600.0  # a long mix is fine; what does not fit a disc is refused later
MAX_TITLE = 1000  # characters of a title, artist or album kept from a file or a tag
MAX_ECHO = 200  # characters of a user's argument or path quoted back in a message
INT32_MAX = 2**31 - 1  # Qt's int: signals, roles and widgets silently turn more into 0
MAX_DIGITS = 18  # longer digit strings are no id, position or count this app keeps

_ASCII_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")


def finite_duration(value: object) -> float | None:
    """Seconds as a float when finite, above 0 and at most 24 h; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and not 0 < value <= MAX_DURATION_S:
        return None  # before float(): a 400-digit int would overflow it
    seconds = float(value)
    return seconds if math.isfinite(seconds) and 0 < seconds <= MAX_DURATION_S else None


def bounded_int(value: object, low: int, high: int) -> int | None:
    """`value` when it is a real int (not a bool or float) within [low, high]; else None."""
    if type(value) is not int or not low <= value <= high:
        return None
    return value


def ascii_int(text: str) -> int | None:
    """A whole number written in ASCII digits only (no signs, superscripts or other scripts)."""
    stripped = text.strip()
    return int(stripped) if _ASCII_DIGITS.fullmatch(stripped) else None


def without_surrogates(text: str) -> str:
    """Lone surrogates (an undecodable byte in argv, a broken escape in JSON) removed: SQLite
    and UTF-8 output refuse them."""
    return _LONE_SURROGATES.sub("", text)


def clean_text(text: str | None, cap: int) -> str:
    """Text without lone surrogates, cut to `cap` characters (the last one an ellipsis)."""
    cleaned = without_surrogates(text or "")
    return cleaned if len(cleaned) <= cap else cleaned[: cap - 1] + "…"


def dropped_duration(where: str, value: object) -> str:
    """The one-line note for a duration dropped at a door (the value shown cut short)."""
    return (f"{where}: length {clean_text(str(value), 24)} s is not believable "
            "(not a number, or over 24 hours); kept as unknown")


def echo(value: object) -> str:
    """A user's argument or path as a message may quote it: clean and short."""
    return clean_text(str(value), MAX_ECHO)
