"""A per-app undo/redo stack of command objects, each applied in one database transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session

from cdcollector.domain.errors import CollectorError, LibraryError

Event = tuple  # (signal name, *args) emitted on the bus after a commit
UNDO_LIMIT = 200


class Command(Protocol):
    text: str

    def undo(self, session: Session) -> list[Event]: ...

    def redo(self, session: Session) -> list[Event]: ...


@dataclass
class PlaylistHandle:
    """The playlist a command edits; its id changes if undo/redo has to re-create it elsewhere."""

    id: int


class UndoStack:
    """Commands are pushed after their first run; a new edit clears what could be redone."""

    def __init__(self, limit: int = UNDO_LIMIT):
        self.limit = limit
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._handles: dict[int, PlaylistHandle] = {}
        self._lock = threading.RLock()

    def handle(self, playlist_id: int) -> PlaylistHandle:
        with self._lock:
            return self._handles.setdefault(playlist_id, PlaylistHandle(playlist_id))

    def moved(self, handle: PlaylistHandle, new_id: int) -> None:
        """A playlist was re-created under a new id: later commands follow it."""
        with self._lock:
            if self._handles.get(handle.id) is handle:
                del self._handles[handle.id]
            handle.id = new_id
            self._handles[new_id] = handle

    def push(self, command: Command) -> None:
        with self._lock:
            self._undo.append(command)
            del self._undo[: -self.limit]
            self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        with self._lock:
            return self._undo[-1].text if self._undo else ""

    @property
    def redo_text(self) -> str:
        with self._lock:
            return self._redo[-1].text if self._redo else ""

    def clear(self) -> None:
        with self._lock:
            self._undo.clear()
            self._redo.clear()

    def undo(self, run: Callable[[Callable[[Session], list[Event]]], list[Event]]) -> str:
        return self._step(self._undo, self._redo, "undo", run)

    def redo(self, run: Callable[[Callable[[Session], list[Event]]], list[Event]]) -> str:
        return self._step(self._redo, self._undo, "redo", run)

    def _step(self, source: list[Command], target: list[Command], method: str, run) -> str:
        """Apply the top command of `source` through `run` (one transaction); returns its text.

        A command that can no longer be applied (its playlist was deleted elsewhere) is
        dropped with a one-line error, and both stacks are left consistent.
        """
        with self._lock:
            if not source:
                raise LibraryError(f"Nothing to {method}.")
            command = source.pop()
            try:
                run(getattr(command, method))
            except CollectorError as exc:
                source.clear()
                raise LibraryError(f"Cannot {method} “{command.text}”: {exc}") from exc
            except Exception:
                source.append(command)  # rolled back: nothing changed, it may be retried
                raise
            target.append(command)
            return command.text

