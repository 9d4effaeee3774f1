"""Match M3U entries to library tracks: by path, then by EXTINF artist/title/duration, else new."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from cdcollector.domain.bounds import echo
from cdcollector.library.m3u import M3UEntry, local_path
from cdcollector.library.models import Track, utcnow
from cdcollector.library.playlists import chunks
from cdcollector.library.tag_reader import AUDIO_SUFFIXES
from cdcollector.library.tracks import DURATION_TOLERANCE_S, normalise_text

TRACK = Track.__table__
_SYSTEM_ROOTS = ("/proc", "/sys", "/dev")


@dataclass
class M3UResolution:
    track_ids: list[int] = field(default_factory=list)  # one per kept entry, in order
    created: int = 0
    unresolved_ids: list[int] = field(default_factory=list)  # new tracks, no file, with a title
    notes: list[str] = field(default_factory=list)


def entry_paths(entries: Sequence[M3UEntry], base: Path) -> list[str | None]:
    return [local_path(e.location, base) for e in entries]


def tracks_by_path(session: Session, paths: Iterable[str], follow_links: bool = True
                   ) -> dict[str, tuple[int, bool]]:
    """Library tracks for these paths (also found through symlinks): path -> (id, missing)."""
    wanted = list(dict.fromkeys(paths))
    found: dict[str, tuple[int, bool]] = {}
    for part in chunks(wanted):
        rows = session.execute(
            select(TRACK.c.path, TRACK.c.id, TRACK.c.file_missing).where(TRACK.c.path.in_(part))
        )
        found.update((r[0], (r[1], bool(r[2]))) for r in rows)
    # Through symlinks only for files that exist: the importer stores resolved paths.
    if not follow_links:
        return found
    real = {p: os.path.realpath(p) for p in wanted if p not in found and os.path.exists(p)}
    real = {p: r for p, r in real.items() if r != p}
    if real:
        by_real = tracks_by_path(session, [r for r in real.values() if r not in found])
        found.update((p, by_real[r]) for p, r in real.items() if r in by_real)
    return found


def refusal(path: str) -> str | None:
    """Why a path that exists can never be a library file; None when it may be one (the
    importer still has to read it as audio) or when nothing is there."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    real = os.path.realpath(path)
    if _is_system(real):
        return "a system file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if os.path.splitext(real)[1].lower() not in AUDIO_SUFFIXES:
        return "not an audio file name"
    return None


def _is_system(real: str) -> bool:
    return os.sep == "/" and any(real == r or real.startswith(r + "/") for r in _SYSTEM_ROOTS)


def audio_file_states(paths: Iterable[str]) -> tuple[dict[str, bool], dict[str, str]]:
    """(path -> is an audio file candidate on disk, path -> why an existing file is refused)."""
    on_disk: dict[str, bool] = {}
    refused: dict[str, str] = {}
    for path in paths:
        reason = refusal(path)
        if reason is not None:
            refused[path] = reason
        on_disk[path] = reason is None and os.path.isfile(path)
    return on_disk, refused


def unknown_files(session: Session, paths: Sequence[str | None]) -> list[str]:
    """Audio files on disk not yet in the library (the importer should read them)."""
    local = [p for p in dict.fromkeys(paths) if p]
    known = tracks_by_path(session, local)
    on_disk, _ = audio_file_states(p for p in local if p not in known)
    return [p for p, present in on_disk.items() if present]


class _TextIndex:
    """(artist, title) -> [(id, duration)] over the whole library, built once when needed."""

    def __init__(self, session: Session):
        self.index: dict[tuple[str, str], list[tuple[int, float | None]]] = {}
        rows = session.execute(
            select(TRACK.c.id, TRACK.c.artist_name, TRACK.c.title, TRACK.c.duration_s)
        )
        for track_id, artist, title, duration in rows:
            key = (normalise_text(artist), normalise_text(title))
            self.index.setdefault(key, []).append((track_id, duration))

    def find(self, artist: str, title: str, duration_s: float | None) -> int | None:
        key = (normalise_text(artist), normalise_text(title))
        for track_id, duration in self.index.get(key, ()):
            if duration_s is None or duration is None:
                return track_id
            if abs(duration - duration_s) <= DURATION_TOLERANCE_S:
                return track_id
        return None


def resolve(session: Session, entries: Sequence[M3UEntry], paths: Sequence[str | None]
            ) -> M3UResolution:
    """Track ids for the entries, creating tracks for files the library lacks (marked missing
    when not on disk). Library tracks listed here get their missing flag brought up to date.

    Call it after the importer has read `unknown_files`: a file on disk that is still not a
    library track then did not decode, and its entry is kept without the file."""
    known = tracks_by_path(session, [p for p in paths if p])
    on_disk, refused = audio_file_states({p for p in paths if p and p not in known})
    # A library track's file was read by the importer already: only system files are refused.
    on_disk.update((p, os.path.isfile(p) and not _is_system(os.path.realpath(p)))
                   for p in known)
    _update_missing_flags(session, known, on_disk)
    result = M3UResolution()
    text_index: _TextIndex | None = None
    created: dict[str, int] = {}  # path -> index into `fresh`
    fresh: list[dict] = []
    titled: list[bool] = []  # per fresh row: the playlist gave a title (worth downloading)
    slots: list[tuple[bool, int]] = []  # (is new, track id or index into `fresh`)
    for entry, path in zip(entries, paths, strict=True):
        if path and path in known:
            slots.append((False, known[path][0]))
            continue
        if path and path in created:
            slots.append((True, created[path]))
            continue
        # Past the importer, a file here that is no library track is missing or not audio;
        # its title may still name a library track.
        if entry.title:
            text_index = text_index or _TextIndex(session)
            hit = text_index.find(entry.artist, entry.title, entry.duration_s)
            if hit is not None:
                slots.append((False, hit))
                continue
        if path and (path in refused or on_disk[path]):
            reason = refused.get(path, "does not decode as audio")
            result.notes.append(f"line {entry.line}: {echo(entry.location)} is not an audio "
                                f"file ({reason}); kept without its file")
            created[path] = len(fresh)
            fresh.append(_track_values(entry.title or Path(path).stem or "Unknown title",
                                       entry.artist, entry.duration_s))
            titled.append(bool(entry.title))
        elif path is None:
            if not entry.title:
                result.notes.append(f"line {entry.line}: skipped {entry.location} (a stream URL)")
                continue
            result.notes.append(
                f"line {entry.line}: {entry.location} is a URL; kept as a track without a file"
            )
            fresh.append(_track_values(entry.title, entry.artist, entry.duration_s))
            titled.append(True)
        else:
            created[path] = len(fresh)
            fresh.append(_track_values(
                entry.title or Path(path).stem or path, entry.artist, entry.duration_s,
                path=path, format=Path(path).suffix.lstrip(".").lower() or None,
                file_missing=not on_disk[path],
            ))
            titled.append(bool(entry.title))
        slots.append((True, len(fresh) - 1))
    new_ids = _insert_tracks(session, fresh)
    result.created = len(new_ids)
    result.unresolved_ids = [
        track_id for track_id, row, title in zip(new_ids, fresh, titled, strict=True)
        if title and (row["path"] is None or row["file_missing"])
    ]
    result.track_ids = [new_ids[value] if is_new else value for is_new, value in slots]
    return result


def _track_values(title: str, artist: str, duration_s: float | None, path: str | None = None,
                  format: str | None = None, file_missing: bool = False) -> dict:
    return {"title": title, "artist_name": artist, "album_title": "", "album_artist": "",
            "duration_s": duration_s, "path": path, "format": format,
            "file_missing": file_missing}


def _insert_tracks(session: Session, rows: list[dict]) -> list[int]:
    """Bulk insert, ids back in order. Rows with a (unique) path go in one executemany and are
    found again by path; the few without one (URLs) are inserted one by one."""
    now = utcnow()
    with_path = [{**row, "added_at": now} for row in rows if row["path"]]
    if with_path:
        session.execute(insert(TRACK), with_path)
    by_path = {p: ids[0] for p, ids in tracks_by_path(session, [r["path"] for r in with_path],
                                                       follow_links=False).items()}
    return [
        by_path[row["path"]] if row["path"] else session.execute(
            insert(TRACK).values(**row, added_at=now).returning(TRACK.c.id)).scalar_one()
        for row in rows
    ]


def _update_missing_flags(session: Session, known: dict[str, tuple[int, bool]],
                          on_disk: dict[str, bool]) -> None:
    changes = [
        {"tid": track_id, "missing": not on_disk[path]}
        for path, (track_id, missing) in known.items()
        if missing == on_disk[path]
    ]
    if changes:
        session.connection().execute(
            update(TRACK).where(TRACK.c.id == bindparam("tid")).values(
                file_missing=bindparam("missing")
            ),
            changes,
        )
