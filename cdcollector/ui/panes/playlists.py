"""Playlists pane: the list of playlists beside the editor of the chosen one; undo and files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListView,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import PlaylistInfo
from cdcollector.ui import tokens
from cdcollector.ui.dialogs.mirror_history_dialog import MirrorHistoryDialog, mirror_of_playlist
from cdcollector.ui.dialogs.playlist_import_result import ImportResultDialog
from cdcollector.ui.models.playlist_list import PlaylistListModel
from cdcollector.ui.widgets.add_to_playlist_menu import PlaylistAdder
from cdcollector.ui.widgets.empty_state import EmptyState
from cdcollector.ui.widgets.playlist_editor import PlaylistEditor
from cdcollector.ui.widgets.track_actions import optional_service

FILE_FILTERS = "Playlists (*.m3u *.m3u8 *.cdcplaylist);;All files (*)"
EXPORT_FILTERS = ("M3U8 playlist (*.m3u8)", "M3U playlist (*.m3u)",
                  "CD-Collector playlist (*.cdcplaylist)")


class PlaylistsPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus
        self.playlists = services.playlists
        self.adder = PlaylistAdder(services, self)
        self.import_dialog: ImportResultDialog | None = None
        self.history_dialog: MirrorHistoryDialog | None = None

        self.list_model = PlaylistListModel(services, self)
        self.list_model.tracks_dropped.connect(lambda pid, ids: self.adder.add(pid, ids))
        self.list_model.files_dropped.connect(self.import_files)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setIconSize(tokens.ROW_ICON)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.SelectedClicked)
        self.list_view.setAcceptDrops(True)
        self.list_view.setDropIndicatorShown(True)
        self.list_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._list_menu)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)

        self.editor = PlaylistEditor(services, self.adder)
        self.editor.duplicate_requested.connect(self.duplicate_current)
        self._build_actions()
        self.editor.add_tool(self.export_action, text_beside=True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(tokens.SPACING // 2)
        buttons = QHBoxLayout()
        for action in (self.new_action, self.import_action, self.undo_action, self.redo_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setIconSize(tokens.TOOLBAR_ICON)
            button.setAutoRaise(True)
            if action is self.new_action:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list_view, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([tokens.PLAYLIST_LIST_WIDTH, tokens.DEFAULT_WINDOW_SIZE.width()])

        self.empty = EmptyState(
            "playlist", "No playlists yet",
            "Create a playlist, then add songs to it from Discovery or Favourites.",
            "New playlist",
        )
        self.empty.activated.connect(self.new_playlist)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(tokens.MARGIN, tokens.MARGIN, tokens.MARGIN, tokens.MARGIN)
        layout.addWidget(self.stack)

        self.list_model.modelReset.connect(self._list_reset)
        self.list_model.dataChanged.connect(self.update_actions)
        self.bus.undo_changed.connect(self.update_actions)
        self._list_reset()

    def _action(self, text: str, shortcut, slot, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(tokens.icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("New playlist", QKeySequence.StandardKey.New,
                                       lambda: self.new_playlist(), "add")
        self.import_action = self._action("Import playlist file…", "Ctrl+I",
                                          lambda: self.import_file(), "import")
        self.export_action = self._action("Export…", None,
                                          lambda: self.export_current(), "export")
        self.rename_action = self._action("Rename…", "F2", lambda: self.rename_current())
        self.duplicate_action = self._action("Duplicate", None, self.duplicate_current,
                                             "duplicate")
        self.delete_action = self._action("Delete playlist", None, self.delete_current, "delete")
        self.history_action = self._action("Sync history…", None, self.show_sync_history)
        self.undo_action = self._action("Undo", QKeySequence.StandardKey.Undo, self.undo, "undo")
        self.redo_action = self._action("Redo", "Ctrl+Shift+Z", self.redo, "redo")

    # --- selection ----------------------------------------------------------------------

    def current_info(self) -> PlaylistInfo | None:
        index = self.list_view.currentIndex()
        return self.list_model.info_at(index.row()) if index.isValid() else None

    def select_playlist(self, playlist_id: int) -> None:
        row = self.list_model.row_of(playlist_id)
        if row is not None:
            self.list_view.selectionModel().setCurrentIndex(
                self.list_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _current_changed(self) -> None:
        info = self.current_info()
        if info is None or info.id != self.editor.playlist_id:
            self.editor.set_playlist(info.id if info else None)
        self.update_actions()

    def _list_reset(self) -> None:
        has_any = self.list_model.rowCount() > 0
        self.stack.setCurrentWidget(self.splitter if has_any else self.empty)
        shown = self.editor.playlist_id
        if shown is not None and self.list_model.row_of(shown) is not None:
            self.select_playlist(shown)
        elif has_any:
            self.select_playlist(self.list_model.info_at(0).id)
        else:
            self.editor.set_playlist(None)
        self.update_actions()

    def update_actions(self) -> None:
        info = self.current_info()
        editable = info is not None and not info.read_only
        self.rename_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)
        self.duplicate_action.setEnabled(info is not None)
        self.duplicate_action.setText("Duplicate as my playlist"
                                      if info is not None and info.read_only else "Duplicate")
        self.export_action.setEnabled(info is not None)
        self.history_action.setVisible(info is not None and info.read_only)
        for action, possible, text, verb in (
            (self.undo_action, self.playlists.can_undo, self.playlists.undo_text, "Undo"),
            (self.redo_action, self.playlists.can_redo, self.playlists.redo_text, "Redo"),
        ):
            action.setEnabled(possible)
            action.setText(f"{verb} {text}" if possible and text else verb)
            action.setToolTip(action.text())

    # --- playlist actions ---------------------------------------------------------------

    def _run(self, edit):
        try:
            return edit()
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return None

    def new_playlist(self, name: str | None = None) -> PlaylistInfo | None:
        if name is None:
            name, ok = QInputDialog.getText(self, "New playlist", "Name:")
            if not ok or not name.strip():
                return None
        info = self._run(lambda: self.playlists.create(name))
        if info is not None:
            self.select_playlist(info.id)
        return info

    def rename_current(self, name: str | None = None) -> None:
        info = self.current_info()
        if info is None or info.read_only:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename playlist", "Name:", text=info.name)
            if not ok:
                return
        self._run(lambda: self.playlists.rename(info.id, name))

    def duplicate_current(self) -> PlaylistInfo | None:
        info = self.current_info()
        if info is None:
            return None
        copy = self._run(lambda: self.playlists.duplicate(info.id))
        if copy is not None:
            self.select_playlist(copy.id)
            self.bus.status_message.emit(f"“{copy.name}” is yours to edit.")
        return copy

    def show_sync_history(self) -> None:
        """A read-only playlist mirrors a remote one: show that mirror's sync runs."""
        info = self.current_info()
        sync = optional_service(self.services, "sync")
        mirror = mirror_of_playlist(sync, info.id) if info is not None and sync else None
        if mirror is None:
            return
        self.history_dialog = MirrorHistoryDialog(self.services, mirror.id, self)
        self.history_dialog.open()

    def delete_current(self) -> None:
        info = self.current_info()
        if info is None or info.read_only:
            return
        try:
            self.playlists.delete(info.id)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        self.bus.status_message.emit(f"Deleted “{info.name}” (Ctrl+Z brings it back).")

    def undo(self) -> None:
        self._step(self.playlists.undo, "Undid")

    def redo(self) -> None:
        self._step(self.playlists.redo, "Redid")

    def _step(self, step, verb: str) -> None:
        text = self._run(step)
        if text:
            self.bus.status_message.emit(f"{verb}: {text}")

    # --- files --------------------------------------------------------------------------

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import playlist", str(Path.home()),
                                                  FILE_FILTERS)
            if not path:
                return
        result = self._run(lambda: self.playlists.import_file(path))
        if result is None:
            return
        self.select_playlist(result.playlist.id)
        missing = f", {result.missing} with missing files" if result.missing else ""
        self.bus.status_message.emit(f"Imported “{result.playlist.name}”{missing}.")
        if result.unresolved:
            self.import_dialog = ImportResultDialog(
                result, optional_service(self.services, "downloads"), self.bus, self)
            self.import_dialog.open()

    def import_files(self, paths: list[str]) -> None:
        for path in paths:
            self.import_file(path)

    def export_current(self, path: str | None = None) -> None:
        info = self.current_info()
        if info is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export playlist", str(Path.home() / f"{info.name}.m3u8"),
                ";;".join(EXPORT_FILTERS))
            if not path:
                return
        result = self._run(lambda: self.playlists.export_file(info.id, path))
        if result is not None:
            skipped = (f" ({len(result.skipped)} tracks without a file left out)"
                       if result.skipped else "")
            self.bus.status_message.emit(f"Exported {result.written} tracks to "
                                         f"{Path(result.path).name}{skipped}.")

    # --- menu ---------------------------------------------------------------------------

    def _list_menu(self, point: QPoint) -> None:
        self.playlist_menu().popup(self.list_view.viewport().mapToGlobal(point))

    def playlist_menu(self) -> QMenu:
        menu = QMenu(self)
        for action in (self.new_action, self.rename_action, self.duplicate_action,
                       self.history_action, self.delete_action, None, self.import_action,
                       self.export_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu
