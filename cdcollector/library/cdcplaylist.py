"""`.cdcplaylist`: a versioned JSON playlist that travels between machines and libraries."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlmodel import Session

from cdcollector.domain.bounds import (
    MAX_DIGITS,
    MAX_TITLE,
    clean_text,
    dropped_duration,
    echo,
    finite_duration,
)
from cdcollector.domain.errors import PlaylistFileError
from cdcollector.domain.types import PlaylistEntryRow, TrackRef
from cdcollector.library.track_index import TrackIndex
from cdcollector.library.tracks import insert_tracks

FORMAT = "cdcplaylist"
VERSION = 1
SUFFIX = ".cdcplaylist"
MAX_BYTES = 64 * 1024 * 1024
MAX_PATH = 4096


@dataclass(frozen=True)
class CdcPlaylist:
    name: str
    description: str
    tracks: list[TrackRef]
    notes: tuple[str, ...] = ()  # values dropped while reading


def to_json(name: str, description: str, rows: Sequence[PlaylistEntryRow]) -> str:
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "description": description,
        "tracks": [_track_json(row) for row in rows],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _track_json(row: PlaylistEntryRow) -> dict:
    ref = row.track.to_ref()
    return {
        "title": ref.title,
        # Split exactly on the display separator so joining them again gives the same text.
        "artists": row.track.artist.split(", ") if row.track.artist else [],
        "album": ref.album,
        "duration_s": ref.duration_s,
        "isrc": ref.isrc,
        "external_ids": {"spotify": ref.spotify_id, "youtube": ref.youtube_id},
        "path": ref.path,
    }


def read(path: Path) -> CdcPlaylist:
    """Parse and fully validate; any problem is one PlaylistFileError line naming the file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PlaylistFileError(f"{path.name} is too large to be a playlist.")
        data = path.read_bytes()
    except OSError as exc:
        raise PlaylistFileError(f"Cannot read {echo(path)}: {exc.strerror or exc}") from exc
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_int=_whole_number)
        return parse(doc)
    except UnicodeDecodeError:
        problem = "it is not UTF-8 text"
    except RecursionError:
        problem = "it is nested too deeply"
    except json.JSONDecodeError as exc:
        problem = f"broken JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
    except _Invalid as exc:
        problem = str(exc)
    raise PlaylistFileError(f"{path.name} is not a valid .cdcplaylist file: {problem}.")


class _Invalid(ValueError):
    pass


def _whole_number(digits: str) -> int | float:
    """Python refuses ints past 4,300 digits with a ValueError; such a number becomes a float
    (infinite, at worst), which every check below then refuses or drops."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else float(digits)


def parse(doc: object) -> CdcPlaylist:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _Invalid('"format" must be "cdcplaylist"')
    version = doc.get("version")
    if type(version) is not int:
        raise _Invalid('"version" must be a whole number')
    if version > VERSION:
        raise _Invalid(f"version {version} was written by a newer CD-Collector")
    if version < 1:
        raise _Invalid(f"unknown version {version}")
    name = _text(doc, "name", "playlist", required=True)
    description = _text(doc, "description", "playlist") or ""
    tracks = doc.get("tracks")
    if not isinstance(tracks, list):
        raise _Invalid('"tracks" must be a list')
    notes: list[str] = []
    refs = [_track(t, n, notes) for n, t in enumerate(tracks, 1)]
    return CdcPlaylist(name, description, refs, tuple(notes))


def _text(obj: dict, key: str, where: str, required: bool = False, cap: int = MAX_TITLE
          ) -> str | None:
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise _Invalid(f'{where}: "{key}" must be text')
    return clean_text(value, cap)


def _track(obj: object, number: int, notes: list[str]) -> TrackRef:
    where = f"track {number}"
    if not isinstance(obj, dict):
        raise _Invalid(f"{where} must be an object")
    artists = obj.get("artists", [])
    if not isinstance(artists, list) or not all(isinstance(a, str) for a in artists):
        raise _Invalid(f'{where}: "artists" must be a list of text')
    duration = obj.get("duration_s")
    if duration is not None and (
        type(duration) not in (int, float) or math.isnan(duration) or duration < 0
    ):
        raise _Invalid(f'{where}: "duration_s" must be a number of seconds')
    seconds = finite_duration(duration)
    if seconds is None and duration:
        notes.append(dropped_duration(where, duration))
    ids = obj.get("external_ids") or {}
    if not isinstance(ids, dict):
        raise _Invalid(f'{where}: "external_ids" must be an object')
    return TrackRef(
        title=_text(obj, "title", where, required=True),
        artists=tuple(clean_text(a, MAX_TITLE) for a in artists),
        album=_text(obj, "album", where),
        duration_s=seconds,
        isrc=_text(obj, "isrc", where),
        spotify_id=_text(ids, "spotify", where),
        youtube_id=_text(ids, "youtube", where),
        path=_text(obj, "path", where, cap=MAX_PATH),
    )


def resolve(session: Session, refs: Sequence[TrackRef]) -> tuple[list[int], list[TrackRef]]:
    """This library's track id for each travelling track: ISRC, then external id, then artist +
    title + duration (find_track's order), then the same file path (when both machines share a
    layout); the rest become new file-less tracks, returned too (with their ids) to download.
    Linear: one pass over the library, one insert for all the new tracks."""
    index = TrackIndex(session)
    fresh: list[TrackRef] = []
    slots: list[tuple[bool, int]] = []  # (is new, track id or index into `fresh`)
    seen: dict[tuple, tuple[bool, int]] = {}
    for ref in refs:
        key = (ref.isrc, ref.spotify_id, ref.youtube_id, ref.artist_display, ref.title,
               ref.duration_s)
        if key not in seen:
            found = index.find(ref)
            if found is None:
                found = (True, len(fresh))
                fresh.append(ref)
                index.add(found, ref)
            seen[key] = found if isinstance(found, tuple) else (False, found)
        slots.append(seen[key])
    new_ids = insert_tracks(session, fresh)
    created = [replace(ref, library_id=i) for ref, i in zip(fresh, new_ids, strict=True)]
    return [new_ids[value] if is_new else value for is_new, value in slots], created
