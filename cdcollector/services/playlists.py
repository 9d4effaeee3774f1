"""Playlist service: every edit in one transaction, undoable, refused on read-only mirrors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from sqlmodel import Session

from cdcollector.domain.bounds import ascii_int, echo
from cdcollector.domain.errors import LibraryError, NotFoundError, ReadOnlyError
from cdcollector.domain.types import PlaylistEntryRow, PlaylistInfo, TrackRef, TrackRow
from cdcollector.library import playlists as store
from cdcollector.library.models import Playlist, Track, utcnow
from cdcollector.library.playlists import EntrySnap, PlaylistSnap
from cdcollector.library.tracks import upsert_track
from cdcollector.services import playlist_files
from cdcollector.services.context import AppContext
from cdcollector.services.library import track_to_row
from cdcollector.services.playlist_commands import EntriesEdit, Lifecycle, Rename
from cdcollector.services.playlist_rules import cd_fit, clean_name, move_order, shift_order
from cdcollector.services.playlist_types import (
    DUPLICATE_CHOICES,
    AddResult,
    CdFit,
    DuplicateGroup,
    DuplicateQuestion,
    PlaylistExportResult,
    PlaylistImportResult,
)
from cdcollector.services.undo import Event

MAX_GAP_S = 60.0
TrackLike = int | TrackRow | TrackRef
_MIRRORS = {"spotify": "Spotify", "youtube": "YouTube"}


def _plural(n: int) -> str:
    return "1 track" if n == 1 else f"{n} tracks"


class PlaylistService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx
        self.history = ctx.undo

    # --- reading ---------------------------------------------------------------------------

    def list(self) -> list[PlaylistInfo]:
        with self.ctx.db.session() as session:
            return store.playlist_infos(session)

    def get(self, playlist_id: int) -> PlaylistInfo:
        with self.ctx.db.session() as session:
            return store.playlist_info(session, playlist_id)

    def entries(self, playlist_id: int) -> list[PlaylistEntryRow]:
        with self.ctx.db.session() as session:
            store.get_playlist(session, playlist_id)
            return store.entry_rows(session, playlist_id)

    def resolve(self, id_or_name: str) -> PlaylistInfo:
        """A playlist by id or by name (case-insensitive), for the CLI and file associations."""
        text = str(id_or_name).strip()
        playlists = self.list()
        number = ascii_int(text)
        if number is not None:
            for info in playlists:
                if info.id == number:
                    return info
        named = [p for p in playlists if p.name.casefold() == text.casefold()]
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(str(p.id) for p in named)
            raise LibraryError(f"Several playlists are called “{echo(text)}” (ids {ids}); "
                               "use an id.")
        raise NotFoundError(f"No playlist “{echo(text)}”.")

    def fit(self, playlist_id: int) -> CdFit:
        """Track count, length, and whether it fits a 74/80-minute CD with 2-second gaps."""
        return cd_fit(self.entries(playlist_id))

    def find_duplicates(self, playlist_id: int) -> list[DuplicateGroup]:
        """Tracks that appear more than once, in the order of their first appearance."""
        groups: dict[int, list[PlaylistEntryRow]] = {}
        for row in self.entries(playlist_id):
            groups.setdefault(row.track.id, []).append(row)
        return [
            DuplicateGroup(
                track=rows[0].track,
                entry_ids=tuple(r.entry_id for r in rows),
                positions=tuple(r.position for r in rows),
            )
            for rows in groups.values()
            if len(rows) > 1
        ]

    # --- undo / redo -----------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    @property
    def undo_text(self) -> str:
        return self.history.undo_text

    @property
    def redo_text(self) -> str:
        return self.history.redo_text

    def undo(self) -> str:
        """Undo the last playlist edit; returns what was undone (e.g. "Move 2 tracks")."""
        return self._step(self.history.undo)

    def redo(self) -> str:
        return self._step(self.history.redo)

    def _step(self, step) -> str:
        events: list[Event] = []

        def run(apply: Callable[[Session], list[Event]]) -> list[Event]:
            with self.ctx.db.write_session() as session:
                events.extend(apply(session))
            return events

        try:
            return step(run)
        finally:
            self._emit(events)

    # --- playlists -------------------------------------------------------------------------

    def create(self, name: str, description: str = "") -> PlaylistInfo:
        name = clean_name(name)
        with self.ctx.db.write_session() as session:
            playlist = Playlist(name=name, description=description or "")
            session.add(playlist)
            session.flush()
            snap = store.snapshot(session, playlist.id)
            info = store.playlist_info(session, playlist.id)
        self._record_created(snap, f"Create playlist “{name}”")
        return info

    def rename(self, playlist_id: int, name: str) -> PlaylistInfo:
        name = clean_name(name)
        with self.ctx.db.write_session() as session:
            playlist = self._editable(session, playlist_id)
            old = playlist.name
            if old != name:
                playlist.name = name
                session.add(playlist)
                session.flush()
            info = store.playlist_info(session, playlist_id)
        if old != name:
            handle = self.history.handle(playlist_id)
            self.history.push(Rename(f"Rename “{old}” to “{name}”", handle, old, name))
            self._emit([("playlists_changed",), ("playlist_changed", playlist_id)])
        return info

    def duplicate(self, playlist_id: int, name: str | None = None) -> PlaylistInfo:
        """A new local, editable copy (also "Duplicate as my playlist" for mirrors)."""
        with self.ctx.db.write_session() as session:
            source = store.snapshot(session, playlist_id)
            new_name = clean_name(name) if name else _copy_name(source.name,
                                                                 store.names_in_use(session))
            copy = PlaylistSnap(
                id=0, name=new_name, description=source.description, origin="local",
                remote_id=None, read_only=False, created_at=utcnow(),
                entries=tuple(replace(e, id=None, added_at=None) for e in source.entries),
            )
            snap = store.insert_playlist(session, copy)
            info = store.playlist_info(session, snap.id)
        self._record_created(snap, f"Duplicate “{source.name}” as “{new_name}”")
        return info

    def delete(self, playlist_id: int) -> None:
        with self.ctx.db.write_session() as session:
            self._editable(session, playlist_id)
            snap = store.snapshot(session, playlist_id)
            store.delete_playlist(session, playlist_id)
        handle = self.history.handle(playlist_id)
        self.history.push(
            Lifecycle(f"Delete playlist “{snap.name}”", handle, snap, created=False,
                      stack=self.history)
        )
        self._emit([("playlists_changed",), ("playlist_changed", playlist_id)])

    def _record_created(self, snap: PlaylistSnap, text: str) -> None:
        handle = self.history.handle(snap.id)
        self.history.push(Lifecycle(text, handle, snap, created=True, stack=self.history))
        self._emit([("playlists_changed",), ("playlist_changed", snap.id)])

    # --- entries ---------------------------------------------------------------------------

    def add_tracks(self, playlist_id: int, tracks: Iterable[TrackLike],
                   position: int | None = None, on_duplicate: str = "ask") -> AddResult:
        """Insert tracks (ids, rows or references, upserted) at `position` (default: the end).

        on_duplicate: "ask" raises DuplicateQuestion (nothing changed) when any track is already
        there; "add" adds anyway; "skip" leaves out tracks already there or repeated.
        """
        if on_duplicate not in DUPLICATE_CHOICES:
            raise LibraryError(f"on_duplicate must be one of {', '.join(DUPLICATE_CHOICES)}.")
        items = list(tracks)
        outcome: dict[str, object] = {}

        def change(session: Session, playlist: Playlist, before: list[EntrySnap]):
            ids = self._track_ids(session, items)
            present = {e.track_id for e in before}
            repeated = [i for i in dict.fromkeys(ids) if i in present]
            if repeated and on_duplicate == "ask":
                rows = [track_to_row(session.get(Track, i)) for i in repeated]
                raise DuplicateQuestion(store.playlist_info(session, playlist.id), rows, len(ids))
            if on_duplicate == "skip":
                kept = list(dict.fromkeys(i for i in ids if i not in present))
                outcome["skipped"] = len(ids) - len(kept)
                ids = kept
            at = len(before) if position is None else max(0, min(position, len(before)))
            outcome["span"] = (at, len(ids))
            target = before[:at] + [EntrySnap(None, i) for i in ids] + before[at:]
            return target, f"Add {_plural(len(ids))} to “{playlist.name}”"

        after = self._edit_entries(playlist_id, change)
        at, count = outcome.get("span", (0, 0))
        new_ids = tuple(e.id for e in after[at : at + count]) if count else ()
        return AddResult(entry_ids=new_ids, skipped=int(outcome.get("skipped", 0)))

    def remove_entries(self, playlist_id: int, entry_ids: Iterable[int]) -> int:
        wanted = set(entry_ids)

        def change(session: Session, playlist: Playlist, before: list[EntrySnap]):
            _require_entries(playlist, before, wanted)
            target = [e for e in before if e.id not in wanted]
            return target, f"Remove {_plural(len(wanted))} from “{playlist.name}”"

        self._edit_entries(playlist_id, change)
        return len(wanted)

    def move_entries(self, playlist_id: int, entry_ids: Iterable[int], to_position: int
                     ) -> list[int]:
        """Move the entries (kept in their order) to the gap before the entry now at
        `to_position` (0..n; n = the end). Returns their new positions."""
        return self._reorder(playlist_id, entry_ids,
                             lambda before, wanted: move_order(before, wanted, to_position))

    def shift_entries(self, playlist_id: int, entry_ids: Iterable[int], delta: int) -> list[int]:
        """Ctrl+Up (-1) / Ctrl+Down (+1): each selected entry steps past one unselected one."""
        return self._reorder(playlist_id, entry_ids,
                             lambda before, wanted: shift_order(before, wanted, delta))

    def _reorder(self, playlist_id: int, entry_ids: Iterable[int], new_order) -> list[int]:
        """One undoable move of the wanted entries; returns their positions afterwards."""
        wanted = set(entry_ids)

        def change(session: Session, playlist: Playlist, before: list[EntrySnap]):
            _require_entries(playlist, before, wanted)
            return new_order(before, wanted), _move_text(len(wanted), playlist)

        after = self._edit_entries(playlist_id, change)
        return [i for i, e in enumerate(after) if e.id in wanted]

    def set_gap(self, playlist_id: int, entry_ids: Iterable[int], gap_s: float | None) -> None:
        """Silence after these entries when burning (None: the default 2 s)."""
        if gap_s is not None and not 0 <= gap_s <= MAX_GAP_S:
            raise LibraryError(f"A gap must be between 0 and {MAX_GAP_S:g} seconds.")
        wanted = set(entry_ids)

        def change(session: Session, playlist: Playlist, before: list[EntrySnap]):
            _require_entries(playlist, before, wanted)
            target = [replace(e, gap_after_s=gap_s) if e.id in wanted else e for e in before]
            what = "default gap" if gap_s is None else f"gap {gap_s:g} s"
            return target, f"Set {what} after {_plural(len(wanted))}"

        self._edit_entries(playlist_id, change)

    # --- files -----------------------------------------------------------------------------

    def export_file(self, playlist_id: int, path: str | Path, relative: bool = True
                    ) -> PlaylistExportResult:
        return playlist_files.export_playlist(self.ctx, playlist_id, Path(path), relative)

    def import_file(self, path: str | Path, name: str | None = None) -> PlaylistImportResult:
        """A new playlist from an M3U/M3U8 or .cdcplaylist file (undoable as one step)."""
        snap, result = playlist_files.import_playlist(self.ctx, Path(path), name)
        self._record_created(snap, f"Import playlist “{snap.name}”")
        return result

    # --- machinery -------------------------------------------------------------------------

    def _editable(self, session: Session, playlist_id: int) -> Playlist:
        playlist = store.get_playlist(session, playlist_id)
        if playlist.read_only:
            source = _MIRRORS.get(playlist.origin)
            what = f"a mirror of a {source} playlist" if source else "read-only"
            raise ReadOnlyError(
                f"“{playlist.name}” is {what} and cannot be edited; "
                "duplicate it as your own playlist to change it."
            )
        return playlist

    def _edit_entries(self, playlist_id: int, change) -> list[EntrySnap]:
        """Run `change(session, playlist, before) -> (target, text)` as one undoable edit."""
        with self.ctx.db.write_session() as session:
            playlist = self._editable(session, playlist_id)
            before = store.read_entries(session, playlist_id)
            target, text = change(session, playlist, list(before))
            if _same(before, target):
                return before
            after = store.write_entries(session, playlist_id, target)
            store.touch(session, playlist_id)
        handle = self.history.handle(playlist_id)
        self.history.push(EntriesEdit(text, handle, tuple(before), tuple(after)))
        self._emit([("playlist_changed", playlist_id), ("playlists_changed",)])
        return after

    def _track_ids(self, session: Session, items: Sequence[TrackLike]) -> list[int]:
        ids: list[int] = []
        for item in items:
            if isinstance(item, TrackRef) and item.library_id is None:
                ids.append(upsert_track(session, item).id)
            elif isinstance(item, TrackRef):
                ids.append(item.library_id)
            elif isinstance(item, TrackRow):
                ids.append(item.id)
            elif isinstance(item, int) and not isinstance(item, bool):
                ids.append(item)
            else:
                raise LibraryError(f"Cannot add {item!r} to a playlist.")
        lost = set(ids) - store.existing_track_ids(session, ids)
        if lost:
            raise NotFoundError(f"Track {min(lost)} is not in the library.")
        return ids

    def _emit(self, events: Iterable[Event]) -> None:
        for event in dict.fromkeys(events):
            self.ctx.emit(*event)
        self.ctx.emit("undo_changed")


def _same(before: Sequence[EntrySnap], target: Sequence[EntrySnap]) -> bool:
    key = [(e.id, e.track_id, e.gap_after_s) for e in before]
    return key == [(e.id, e.track_id, e.gap_after_s) for e in target]


def _require_entries(playlist: Playlist, entries: Sequence[EntrySnap], wanted: set[int]) -> None:
    unknown = wanted - {e.id for e in entries}
    if unknown:
        raise NotFoundError(f"Entry {min(unknown)} is not in “{playlist.name}”.")


def _move_text(count: int, playlist: Playlist) -> str:
    return f"Move {_plural(count)} in “{playlist.name}”"


def _copy_name(name: str, taken: set[str]) -> str:
    candidate = f"{name} (copy)"
    number = 2
    while candidate.casefold() in taken:
        candidate = f"{name} (copy {number})"
        number += 1
    return candidate
