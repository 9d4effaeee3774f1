"""Undoable playlist edits: entry changes, create/delete, rename — each reversible in one step."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from cdcollector.library import playlists as store
from cdcollector.library.models import utcnow
from cdcollector.library.playlists import EntrySnap, PlaylistSnap
from cdcollector.services.undo import Event, PlaylistHandle, UndoStack


@dataclass
class EntriesEdit:
    """Add, remove, move or set gaps: the entries before and after, restored whole."""

    text: str
    handle: PlaylistHandle
    before: tuple[EntrySnap, ...]
    after: tuple[EntrySnap, ...]

    def undo(self, session: Session) -> list[Event]:
        return self._apply(session, self.before)

    def redo(self, session: Session) -> list[Event]:
        return self._apply(session, self.after)

    def _apply(self, session: Session, entries: tuple[EntrySnap, ...]) -> list[Event]:
        store.get_playlist(session, self.handle.id)
        store.write_entries(session, self.handle.id, store.without_lost_tracks(session, entries))
        store.touch(session, self.handle.id)
        return [("playlist_changed", self.handle.id), ("playlists_changed",)]


@dataclass
class Lifecycle:
    """A playlist that came into being (create, duplicate, import) or went away (delete)."""

    text: str
    handle: PlaylistHandle
    snap: PlaylistSnap
    created: bool
    stack: UndoStack

    def undo(self, session: Session) -> list[Event]:
        return self._remove(session) if self.created else self._restore(session)

    def redo(self, session: Session) -> list[Event]:
        return self._restore(session) if self.created else self._remove(session)

    def _remove(self, session: Session) -> list[Event]:
        # Keep what the playlist held right now, so the restore brings back exactly this.
        self.snap = store.snapshot(session, self.handle.id)
        store.delete_playlist(session, self.handle.id)
        return [("playlists_changed",), ("playlist_changed", self.handle.id)]

    def _restore(self, session: Session) -> list[Event]:
        restored = store.insert_playlist(session, replace(self.snap, id=self.handle.id))
        if restored.id != self.handle.id:
            self.stack.moved(self.handle, restored.id)
        return [("playlists_changed",), ("playlist_changed", self.handle.id)]


@dataclass
class Rename:
    text: str
    handle: PlaylistHandle
    old: str
    new: str

    def undo(self, session: Session) -> list[Event]:
        return self._set(session, self.old)

    def redo(self, session: Session) -> list[Event]:
        return self._set(session, self.new)

    def _set(self, session: Session, name: str) -> list[Event]:
        playlist = store.get_playlist(session, self.handle.id)
        playlist.name = name
        playlist.updated_at = utcnow()
        session.add(playlist)
        return [("playlists_changed",), ("playlist_changed", self.handle.id)]
