"""M3U/M3U8 playlists: tolerant reading (encodings, BOM, CRLF, EXTINF, URLs) and writing."""

from __future__ import annotations

import ntpath
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from cdcollector.domain.bounds import (
    MAX_TITLE,
    clean_text,
    dropped_duration,
    echo,
    finite_duration,
)
from cdcollector.domain.errors import PlaylistFileError
from cdcollector.domain.types import PlaylistEntryRow

M3U_SUFFIXES = (".m3u", ".m3u8")
MAX_BYTES = 64 * 1024 * 1024
_EXTINF = re.compile(r"^#EXTINF:\s*(-?\d+(?:\.\d+)?)[^,]*,(.*)$", re.IGNORECASE)
_URL = re.compile(r"^[a-z][a-z0-9+.-]+://", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True)
class M3UEntry:
    location: str  # as written in the file
    line: int
    duration_s: float | None = None
    artist: str = ""
    title: str = ""

    @property
    def is_url(self) -> bool:
        return bool(_URL.match(self.location)) and not self.location.lower().startswith("file:")


@dataclass
class M3UFile:
    name: str | None = None  # from #PLAYLIST:
    entries: list[M3UEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # values dropped while reading


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1252, then Latin-1 (never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_text(text: str) -> M3UFile:
    """Entries in order; `#EXTINF:<seconds>,<artist> - <title>` describes the next location."""
    result = M3UFile()
    pending: tuple[float | None, str, str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        if line.startswith("#"):
            match = _EXTINF.match(line)
            if match:
                pending = _extinf_fields(match.group(1), match.group(2))
                if pending[0] is None and float(match.group(1)) > 0:
                    result.notes.append(dropped_duration(f"line {number}", match.group(1)))
            elif line.upper().startswith("#PLAYLIST:") and not result.name:
                result.name = clean_text(line[len("#PLAYLIST:"):], MAX_TITLE).strip() or None
            continue
        duration, artist, title = pending or (None, "", "")
        result.entries.append(M3UEntry(line, number, duration, artist, title))
        pending = None
    return result


def _extinf_fields(seconds: str, display: str) -> tuple[float | None, str, str]:
    """-1 (or any negative) is the format's "unknown"; a 400-digit number is no length either."""
    artist, sep, title = display.strip().partition(" - ")
    if not sep:
        artist, title = "", display.strip()
    return (finite_duration(float(seconds)), clean_text(artist.strip(), MAX_TITLE),
            clean_text(title.strip(), MAX_TITLE))


def read(path: Path) -> M3UFile:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlaylistFileError(f"{path.name} is too large to be a playlist ({size} bytes).")
        data = path.read_bytes()
    except OSError as exc:
        raise PlaylistFileError(f"Cannot read {echo(path)}: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise PlaylistFileError(f"{path.name} is not a text playlist (binary data).")
    return parse_text(decode(data))


def local_path(location: str, base: Path) -> str | None:
    """Absolute, normalised path for a file entry (relative to `base`); None for a URL."""
    if location.lower().startswith("file:"):
        parsed = urlparse(location)
        location = unquote(parsed.path)
        if os.name == "nt" and re.match(r"^/[A-Za-z]:", location):
            location = location[1:]
    elif _URL.match(location):
        return None
    if os.sep == "/" and "\\" in location:
        if _is_windows_absolute(location):
            return location  # a path from a Windows machine: kept as written, never on disk here
        location = location.replace("\\", "/")
    path = Path(location)  # never expanduser: `~` in a file's content is not the user's home
    if not path.is_absolute():
        path = base / path
    return os.path.normpath(path)


def _is_windows_absolute(location: str) -> bool:
    drive, rest = ntpath.splitdrive(location)
    return bool(drive) and rest.startswith(("\\", "/"))


def extinf_line(duration_s: float | None, artist: str, title: str) -> str:
    seconds = -1 if duration_s is None else round(duration_s)
    display = f"{artist} - {title}" if artist else title
    return f"#EXTINF:{seconds},{_one_line(display)}"


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


def render(rows: Sequence[PlaylistEntryRow], target: Path, relative: bool, name: str | None
           ) -> tuple[str, list[str]]:
    """The file text and the titles left out (tracks without a file cannot be listed)."""
    lines = ["#EXTM3U"]
    if name:
        lines.append(f"#PLAYLIST:{_one_line(name)}")
    skipped: list[str] = []
    base = os.path.abspath(target.parent)
    for row in rows:
        track = row.track
        if not track.path or _LINE_BREAKS.search(track.path):
            skipped.append(f"{track.artist} - {track.title}" if track.artist else track.title)
            continue
        lines.append(extinf_line(track.duration_s, track.artist, track.title))
        lines.append(_location(track.path, base, relative))
    return "\n".join(lines) + "\n", skipped


def _location(path: str, base: str, relative: bool) -> str:
    if not relative or not os.path.isabs(path):
        return path
    try:
        return os.path.relpath(path, base)
    except ValueError:  # another drive on Windows: only an absolute path can reach it
        return path
