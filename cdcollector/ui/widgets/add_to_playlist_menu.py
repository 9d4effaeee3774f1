"""Adding tracks to a playlist from anywhere: the duplicates question and the "Add to playlist ▸"
menu (one entry per editable playlist, plus "New playlist…")."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.services.playlist_types import AddResult, DuplicateQuestion
from cdcollector.ui import tokens

log = logging.getLogger(__name__)


def ask_duplicates(parent: QWidget | None, question: DuplicateQuestion) -> str | None:
    """"add", "skip" or None (cancel), asked in a message box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Already in the playlist")
    box.setText(str(question))
    titles = [t.title for t in question.duplicates[:5]]
    more = len(question.duplicates) - len(titles)
    box.setInformativeText("\n".join(titles) + (f"\n… and {more} more" if more > 0 else ""))
    add = box.addButton("Add again", QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return "add" if clicked is add else "skip" if clicked is skip else None


class PlaylistAdder(QObject):
    """Adds tracks (ids, rows or references), asking what to do with ones already there.

    `ask` is `(parent, DuplicateQuestion) -> "add" | "skip" | None`; tests replace it.
    """

    def __init__(self, services, parent_widget: QWidget | None = None,
                 ask: Callable[[QWidget | None, DuplicateQuestion], str | None] = ask_duplicates):
        super().__init__(parent_widget)
        self.services = services
        self.bus = services.bus
        self.parent_widget = parent_widget
        self.ask = ask

    def add(self, playlist_id: int, tracks: Sequence, position: int | None = None
            ) -> AddResult | None:
        """None when nothing was added because the user cancelled or an error was shown."""
        tracks = list(tracks)
        if not tracks:
            return None
        playlists = self.services.playlists
        try:
            try:
                result = playlists.add_tracks(playlist_id, tracks, position, on_duplicate="ask")
            except DuplicateQuestion as question:
                choice = self.ask(self.parent_widget, question)
                if choice is None:
                    return None
                result = playlists.add_tracks(playlist_id, tracks, position, on_duplicate=choice)
            name = playlists.get(playlist_id).name
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return None
        added = len(result.entry_ids)
        what = "1 track" if added == 1 else f"{added} tracks"
        skipped = f" ({result.skipped} already there, skipped)" if result.skipped else ""
        self.bus.status_message.emit(f"Added {what} to “{name}”{skipped}.")
        return result

    def add_to_new(self, tracks: Sequence, parent: QWidget | None = None) -> AddResult | None:
        name, ok = QInputDialog.getText(parent or self.parent_widget, "New playlist", "Name:")
        if not ok or not name.strip():
            return None
        try:
            info = self.services.playlists.create(name)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return None
        return self.add(info.id, tracks)


def add_to_playlist_menu(adder: PlaylistAdder, tracks: Callable[[], Sequence] | Sequence,
                         parent: QWidget, exclude: int | None = None) -> QMenu:
    """"Add to playlist ▸": `tracks` (or a callable giving them when chosen) go to the picked
    playlist; read-only mirrors and `exclude` (the playlist being shown) are left out."""
    menu = QMenu("Add to playlist", parent)
    menu.setIcon(tokens.icon("playlist"))

    def chosen() -> list:
        return list(tracks() if callable(tracks) else tracks)

    try:
        targets = [p for p in adder.services.playlists.list()
                   if not p.read_only and p.id != exclude]
    except CollectorError as exc:
        log.warning("Playlists unavailable: %s", exc)
        targets = []
    for info in targets:
        action = menu.addAction(info.name)
        action.triggered.connect(lambda _=False, pid=info.id: adder.add(pid, chosen()))
    if targets:
        menu.addSeparator()
    new = menu.addAction(tokens.icon("add"), "New playlist…")
    new.triggered.connect(lambda: adder.add_to_new(chosen(), parent))
    return menu
