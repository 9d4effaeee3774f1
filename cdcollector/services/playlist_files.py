"""Playlist files for the playlist service: export to and import from M3U/M3U8 and .cdcplaylist."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from cdcollector.domain.errors import LibraryError, PlaylistFileError
from cdcollector.domain.types import PlaylistOrigin, TrackRef
from cdcollector.library import cdcplaylist, m3u, m3u_resolve
from cdcollector.library import playlists as store
from cdcollector.library.filewrite import write_text_atomic
from cdcollector.library.models import Playlist
from cdcollector.library.playlists import EntrySnap, PlaylistSnap
from cdcollector.services.context import AppContext
from cdcollector.services.playlist_rules import clean_name
from cdcollector.services.playlist_types import PlaylistExportResult, PlaylistImportResult

log = logging.getLogger(__name__)
SUFFIXES = (*m3u.M3U_SUFFIXES, cdcplaylist.SUFFIX)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlaylistFileError(
            f"{path.name}: unknown playlist format; use .m3u, .m3u8 or .cdcplaylist."
        )
    return suffix


def export_playlist(ctx: AppContext, playlist_id: int, path: Path, relative: bool = True
                    ) -> PlaylistExportResult:
    kind = _kind(path)
    with ctx.db.session() as session:
        info = store.playlist_info(session, playlist_id)
        rows = store.entry_rows(session, playlist_id)
    if kind == cdcplaylist.SUFFIX:
        text, skipped = cdcplaylist.to_json(info.name, info.description, rows), []
    else:
        text, skipped = m3u.render(rows, path, relative, info.name)
    write_text_atomic(path, text)
    return PlaylistExportResult(str(path), len(rows) - len(skipped), skipped)


def import_playlist(ctx: AppContext, path: Path, name: str | None = None
                    ) -> tuple[PlaylistSnap, PlaylistImportResult]:
    """Read, resolve against this library and store the playlist in one transaction."""
    kind = _kind(path)
    if kind == cdcplaylist.SUFFIX:
        doc = cdcplaylist.read(path)  # fully validated before the DB is touched
        return _store(ctx, name or doc.name, doc.description, path,
                      lambda s: _resolve_cdc(s, doc.tracks, list(doc.notes)))
    parsed = m3u.read(path)
    base = path.resolve().parent
    paths = m3u_resolve.entry_paths(parsed.entries, base)
    _import_unknown_files(ctx, paths)
    return _store(ctx, name or parsed.name, "", path,
                  lambda s: _resolve_m3u(s, parsed.entries, paths, parsed.notes))


def _resolve_m3u(session: Session, entries, paths, notes: list[str]):
    resolution = m3u_resolve.resolve(session, entries, paths)
    rows = store.track_rows(session, resolution.unresolved_ids)
    return resolution.track_ids, [r.to_ref() for r in rows], notes + resolution.notes


def _resolve_cdc(session: Session, refs: list[TrackRef], notes: list[str]):
    ids, unresolved = cdcplaylist.resolve(session, refs)
    return ids, unresolved, notes


def _store(ctx: AppContext, name: str | None, description: str, path: Path, resolve
           ) -> tuple[PlaylistSnap, PlaylistImportResult]:
    name = clean_name(name if name and name.strip() else path.stem or "Imported playlist")
    try:
        with ctx.db.write_session() as session:
            track_ids, unresolved, notes = resolve(session)
            playlist = Playlist(name=name, description=description,
                                origin=PlaylistOrigin.FILE.value)
            session.add(playlist)
            session.flush()
            store.write_entries(session, playlist.id, [EntrySnap(None, t) for t in track_ids])
            snap = store.snapshot(session, playlist.id)
            info = store.playlist_info(session, playlist.id)
            missing = sum(1 for r in store.entry_rows(session, playlist.id)
                          if r.track.path is None or r.track.file_missing)
    except SQLAlchemyError as exc:
        log.exception("Importing %s failed", path)
        raise LibraryError(f"Could not import {path.name}: the library refused it.") from exc
    ctx.emit("library_changed")
    return snap, PlaylistImportResult(info, unresolved, missing, notes)


def _import_unknown_files(ctx: AppContext, paths: list[str | None]) -> None:
    """Audio files the playlist lists that are on disk but not in the library: import them."""
    with ctx.db.session() as session:
        unknown = m3u_resolve.unknown_files(session, paths)
    if not unknown:
        return
    try:
        from cdcollector.services.importer import ImportService
    except ImportError:  # without the importer they become bare tracks named after EXTINF
        return
    ImportService(ctx).import_paths(unknown)

