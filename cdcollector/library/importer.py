"""Import files and folders into the library: incremental, on all cores, never stopped by bad files.

Unchanged files (same size and mtime as stored) are not opened. Changed files are re-read.
A new file that matches a track whose file vanished (same size, title, artist and duration)
is a move: the track keeps its id, so playlists and favourites stay intact. Known files that
are gone are flagged `file_missing` and kept, because playlists still reference them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.types import ImportSummary
from cdcollector.library import import_store as store
from cdcollector.library.db import Database
from cdcollector.library.parallel_read import INLINE_LIMIT, TagReader
from cdcollector.library.scanner import FoundFile, resolve_roots, scan
from cdcollector.library.tag_reader import TagRecord, Unreadable

ProgressCallback = Callable[[int, int, str], None]
WRITE_BATCH = 400


@dataclass
class _Run:
    """Bookkeeping of one import."""

    files: dict[str, FoundFile]
    known: dict[str, store.KnownFile]
    gone_ids: set[int]
    roots: list[Path]
    orphans: dict[int, list[store.MoveCandidate]] = field(default_factory=dict)
    tracks_outside: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # missing tracks a moved file took over


def import_paths(db: Database, paths: list[str], progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None, workers: int | None = None
                 ) -> ImportSummary:
    """Scan `paths` (files or folders) into the library and say what happened to every file."""
    roots = resolve_roots(paths)
    with TagReader(workers) as reader:
        return _import(db, roots, reader, progress, cancel)


def _import(db: Database, roots: list[Path], reader: TagReader,
            progress: ProgressCallback | None, cancel: CancelToken | None) -> ImportSummary:
    with db.session() as session:
        known = store.load_known(session, roots)

    def start_workers_early(files_found: int) -> None:
        # Many files the library has never seen: every one will be read, so the workers
        # may start (about 0.1 s) while the rest of the folders are scanned.
        if not known and files_found >= INLINE_LIMIT:
            reader.warm_up()

    found = scan(roots, on_folder=start_workers_early)
    with db.session() as session:
        gone_ids = {k.id for p, k in known.items() if p not in found.files}
        run = _Run(files=found.files, known=known, gone_ids=gone_ids, roots=roots,
                   orphans=store.orphans(session, gone_ids, set(found.files)),
                   tracks_outside=store.count_outside(session, roots))
    run.skipped.extend(found.problems)
    to_read, reappeared = _classify(run)
    if reappeared:
        with db.session() as session:
            store.set_missing(session, reappeared, False)
        run.updated += len(reappeared)

    total = len(run.files)
    done = total - len(to_read)
    if progress is not None:
        progress(done, total, "")
    pending: list[tuple[str, TagRecord]] = []
    for group in reader.read_all(to_read, cancel=cancel):
        for path, result in group:
            if isinstance(result, Unreadable):
                run.skipped.append((path, result.reason))
            else:
                pending.append((path, result))
        done += len(group)
        if len(pending) >= WRITE_BATCH:
            _write(db, run, pending)
            pending = []
        if progress is not None:
            progress(done, total, group[-1][0])
    _write(db, run, pending)

    cancelled = cancel is not None and cancel.cancelled and done < total
    if not cancelled:
        # Only a finished scan may call files missing: a cancelled one did not see them all.
        newly_missing = sorted(
            k.id for k in run.known.values()
            if k.id in run.gone_ids and k.id not in run.claimed and not k.missing
        )
        with db.session() as session:
            store.set_missing(session, newly_missing, True)
        run.removed = len(newly_missing)
    return ImportSummary(
        scanned=total,
        added=run.added,
        updated=run.updated,
        unchanged=run.unchanged,
        moved=run.moved,
        removed=run.removed,
        skipped=tuple(sorted(run.skipped)),
        cancelled=cancelled,
    )


def _classify(run: _Run) -> tuple[list[str], list[int]]:
    """Files to read (new or changed), and known tracks whose unchanged file came back."""
    to_read: list[str] = []
    reappeared: list[int] = []
    for path, found in run.files.items():
        known = run.known.get(path)
        if found.size == 0:
            run.skipped.append((path, "empty file"))
        elif known is None or not known.unchanged(found):
            to_read.append(path)
        elif known.missing:
            reappeared.append(known.id)
        else:
            run.unchanged += 1
    return to_read, reappeared


def _write(db: Database, run: _Run, batch: list[tuple[str, TagRecord]]) -> None:
    """One short session per batch: updates of known tracks, moves, then new tracks."""
    if not batch:
        return
    changes: dict[int, dict] = {}
    new_rows: list[dict] = []
    with db.session() as session:
        sizes = {run.files[p].size for p, _ in batch if p not in run.known}
        vanished = (store.vanished_outside(session, run.roots, sizes)
                    if sizes and run.tracks_outside else {})
        for path, rec in batch:
            fields = store.record_fields(run.files[path], rec)
            known = run.known.get(path)
            if known is not None:
                changes[known.id] = fields
                run.updated += 1
                continue
            size = run.files[path].size
            moved_from = _take_move(run, run.orphans.get(size, []) + vanished.get(size, []), rec)
            if moved_from is not None:
                changes[moved_from] = fields
                run.moved += 1
            else:
                new_rows.append(fields)
        store.update_tracks(session, changes)
        store.insert_tracks(session, new_rows)
        run.added += len(new_rows)


def _take_move(run: _Run, candidates: list[store.MoveCandidate], rec: TagRecord) -> int | None:
    for candidate in candidates:
        if candidate.id not in run.claimed and candidate.matches(rec):
            run.claimed.add(candidate.id)
            return candidate.id
    return None
