"""Turns a naming template and a track's tags into a safe path inside the music folder."""

from __future__ import annotations

import os
import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pathvalidate import sanitize_filename

from cdcollector.domain.errors import ConfigError, DownloadError

FIELDS = ("title", "artist", "album", "album_artist", "track", "disc", "year", "isrc")
MAX_COMPONENT_BYTES = 255
# Windows refuses these names with any extension ("CON.mp3"), also with superscript digits.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{prefix}{digit}" for prefix in ("COM", "LPT") for digit in "0123456789¹²³"
}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


@dataclass(frozen=True)
class NameFields:
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    album_artist: str | None = None
    track: int | None = None
    disc: int | None = None
    year: int | None = None
    isrc: str | None = None


class _Missing:
    """A missing value: formats to its placeholder whatever the format spec (`{track:02}`)."""

    def __init__(self, text: str):
        self.text = text

    def __format__(self, spec: str) -> str:
        return self.text


def _values(fields: NameFields) -> dict[str, object]:
    artist = (fields.artist or "").strip() or None
    album_artist = (fields.album_artist or "").strip() or artist
    text = {
        "title": (fields.title, "Unknown Title"),
        "artist": (artist, "Unknown Artist"),
        "album": (fields.album, "Unknown Album"),
        "album_artist": (album_artist, "Unknown Artist"),
        "isrc": (fields.isrc, ""),
    }
    values: dict[str, object] = {
        key: value.strip() if value and value.strip() else _Missing(fallback)
        for key, (value, fallback) in text.items()
    }
    for key, number, fallback in (("track", fields.track, ""), ("disc", fields.disc, ""),
                                  ("year", fields.year, "Unknown Year")):
        values[key] = number if isinstance(number, int) and number >= 0 else _Missing(fallback)
    return values


def check_template(template: str) -> list[str]:
    """The template's folder parts; ConfigError if it is empty, malformed or names an unknown
    field."""
    parts = [p for p in re.split(r"[/\\]", template) if p.strip()]
    if not parts:
        raise ConfigError("The file name template is empty.")
    try:
        for part in parts:
            for _literal, name, _spec, _conv in string.Formatter().parse(part):
                if name is not None and name not in FIELDS:
                    raise ConfigError(
                        f"The file name template uses an unknown field {{{name}}}; "
                        f"use {', '.join('{' + f + '}' for f in FIELDS)}."
                    )
    except ValueError as exc:
        raise ConfigError(f"The file name template is malformed: {exc}.") from exc
    return parts


def _truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_component(text: str, max_bytes: int = MAX_COMPONENT_BYTES) -> str:
    """One file or folder name valid on Windows, macOS and Linux (never empty, '.' or '..')."""
    text = unicodedata.normalize("NFC", text)
    text = sanitize_filename(text, replacement_text="_", platform="universal", max_len=None)
    text = _FORBIDDEN.sub("_", text)
    text = " ".join(text.split())  # tabs, newlines and runs of spaces become one space
    text = text.lstrip(". ")  # no hidden files, no ".." left
    text = _truncate_bytes(text, max_bytes).rstrip(". ")
    if not text:
        return "_"
    stem = text.split(".", 1)[0].rstrip(" ").upper()
    if stem in _RESERVED:
        text = _truncate_bytes("_" + text, max_bytes).rstrip(". ")
    return text


def render_relative(template: str, fields: NameFields, extension: str,
                    suffix: str = "") -> Path:
    """The relative path for a track: folders from the template, then `name{suffix}.ext`."""
    parts = check_template(template)
    values = _values(fields)
    rendered = []
    for part in parts:
        try:
            rendered.append(part.format(**values))
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ConfigError(f"The file name template cannot be used: {exc}.") from exc
    ext = "." + safe_component(extension.lstrip("."), 16) if extension else ""
    folders = [safe_component(p) for p in rendered[:-1]]
    tail = (suffix + ext).encode("utf-8")
    stem = safe_component(rendered[-1], MAX_COMPONENT_BYTES - len(tail))
    return Path(*folders, stem + suffix + ext)


def inside(folder: str | os.PathLike[str], candidate: str | os.PathLike[str]) -> bool:
    root = os.path.abspath(folder)
    target = os.path.abspath(candidate)
    try:
        return os.path.commonpath([root, target]) == root and target != root
    except ValueError:  # different drives on Windows
        return False


def target_path(music_folder: str | os.PathLike[str], template: str, fields: NameFields,
                extension: str, suffix: str = "") -> Path:
    """The absolute destination under `music_folder`; refuses anything that would escape it."""
    relative = render_relative(template, fields, extension, suffix)
    path = Path(os.path.abspath(music_folder)) / relative
    if not inside(music_folder, path):
        raise DownloadError(f"Refusing to write outside the music folder: {relative}")
    return path


def unique_target(music_folder: str | os.PathLike[str], template: str, fields: NameFields,
                  extension: str, taken: set[str] | frozenset[str] = frozenset()) -> Path:
    """Like `target_path`, adding " (2)", " (3)"… while the name exists or is in `taken`."""
    for number in range(1, 10_000):
        suffix = "" if number == 1 else f" ({number})"
        path = target_path(music_folder, template, fields, extension, suffix)
        if not path.exists() and str(path) not in taken:
            return path
    raise DownloadError(f"Too many files named like {path.name}.")
