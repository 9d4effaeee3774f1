"""One playlist's editor: header, entries table with stars, drag to reorder, keyboard moves."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.delegates.star_delegate import StarDelegate
from cdcollector.ui.models.playlist_entries import (
    ALBUM,
    ARTIST,
    DURATION,
    MISSING,
    NUMBER,
    STAR,
    TITLE,
    PlaylistEntriesModel,
)
from cdcollector.ui.widgets.add_to_playlist_menu import PlaylistAdder, add_to_playlist_menu
from cdcollector.ui.widgets.playlist_header import PlaylistHeader


class PlaylistEditor(QWidget):
    """Edits go through PlaylistService; the model re-reads on `playlist_changed` and the
    selection follows the entries (by entry id) across moves, undo and redo."""

    duplicate_requested = Signal()  # "Duplicate as my playlist" in the read-only header

    def __init__(self, services, adder: PlaylistAdder, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus
        self.adder = adder
        self.model = PlaylistEntriesModel(services, self)
        self.model.tracks_dropped.connect(self._tracks_dropped)
        self.header = PlaylistHeader()
        self.header.burn_requested.connect(self.burn)
        self.header.duplicate_requested.connect(self.duplicate_requested)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.star_delegate = StarDelegate(services.favourites, self.bus, self.table)
        self.table.setItemDelegateForColumn(STAR, self.star_delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setIconSize(tokens.ROW_ICON)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        columns = self.table.horizontalHeader()
        for column in (TITLE, ARTIST, ALBUM):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(DURATION, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((NUMBER, tokens.NARROW_COLUMN_WIDTH),
                              (STAR, tokens.STAR_COLUMN_WIDTH),
                              (MISSING, tokens.STAR_COLUMN_WIDTH)):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            columns.resizeSection(column, width)

        self.remove_action = self._action("Remove from playlist", QKeySequence.StandardKey.Delete,
                                          self.remove_selected, "remove")
        self.move_up_action = self._action("Move up", "Ctrl+Up", lambda: self.shift(-1),
                                           "move-up")
        self.move_down_action = self._action("Move down", "Ctrl+Down", lambda: self.shift(1),
                                             "move-down")
        self.find_duplicates_action = self._action("Find duplicates", None, self.find_duplicates,
                                                   "find-duplicates")

        self._kept_selection: list[int] = []
        self._kept_current: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self.update_actions)

        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(tokens.SPACING, tokens.SPACING // 2, tokens.SPACING,
                                      tokens.SPACING // 2)
        for action in (self.move_up_action, self.move_down_action, self.remove_action,
                       self.find_duplicates_action):
            self.add_tool(action)
        self.tools.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(self.tools)
        layout.addWidget(self.table, 1)
        self.update_actions()

    def add_tool(self, action: QAction, text_beside: bool = False) -> QToolButton:
        """A flat button for `action` in the row above the table (appended at the end)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setIconSize(tokens.TOOLBAR_ICON)
        if text_beside:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tools.addWidget(button)
        return button

    def _action(self, text: str, shortcut, slot, icon_name: str) -> QAction:
        action = QAction(tokens.icon(icon_name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # --- state --------------------------------------------------------------------------

    @property
    def playlist_id(self) -> int | None:
        return self.model.playlist_id

    def set_playlist(self, playlist_id: int | None) -> None:
        self._kept_selection, self._kept_current = [], None
        self.model.set_playlist(playlist_id)
        self.table.scrollToTop()

    def selected_entry_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entry_at(r).entry_id for r in rows]

    def select_entries(self, entry_ids: list[int], current: int | None = None) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for entry_id in entry_ids:
            row = self.model.row_of_entry(entry_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
        chooser = self.table.selectionModel()
        chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self.model.row_of_entry(current) if current is not None else None
        if row is None and entry_ids:
            row = self.model.row_of_entry(entry_ids[0])
        if row is not None:
            column = max(self.table.currentIndex().column(), TITLE)
            chooser.setCurrentIndex(self.model.index(row, column),
                                    QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(row, column))

    def _remember_selection(self) -> None:
        if self.model.rowCount():
            self._kept_selection = self.selected_entry_ids()
            current = self.table.currentIndex()
            self._kept_current = (self.model.entry_at(current.row()).entry_id
                                  if current.isValid() else None)

    def _after_reset(self) -> None:
        if self._kept_selection or self._kept_current is not None:
            self.select_entries(self._kept_selection, self._kept_current)
        self.refresh_header()
        self.update_actions()

    def refresh_header(self) -> None:
        info = self.model.playlist
        fit = None
        if info is not None:
            try:
                fit = self.services.playlists.fit(info.id)
            except CollectorError as exc:
                self.bus.error.emit(str(exc))
        self.header.set_playlist(info, fit)

    def update_actions(self) -> None:
        editable = not self.model.read_only
        selected = bool(self.table.selectionModel().selectedRows())
        for action in (self.remove_action, self.move_up_action, self.move_down_action):
            action.setEnabled(editable and selected)
        self.find_duplicates_action.setEnabled(self.model.rowCount() > 1)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop if editable
                                   else QAbstractItemView.DragDropMode.DragOnly)

    # --- edits --------------------------------------------------------------------------

    def _run(self, edit) -> bool:
        try:
            edit()
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return False
        return True

    def remove_selected(self) -> None:
        ids = self.selected_entry_ids()
        if not ids or self.playlist_id is None:
            return
        pid = self.playlist_id
        first = min(self.model.row_of_entry(i) for i in ids)
        self._kept_selection, self._kept_current = [], None
        if self._run(lambda: self.services.playlists.remove_entries(pid, ids)):
            row = min(first, self.model.rowCount() - 1)
            if row >= 0:  # keep the keyboard where it was, on the next entry
                self.select_entries([self.model.entry_at(row).entry_id])

    def shift(self, delta: int) -> None:
        """Ctrl+Up / Ctrl+Down: move the selected entries one step; they stay selected."""
        ids = self.selected_entry_ids()
        if ids and self.playlist_id is not None:
            pid = self.playlist_id
            self._run(lambda: self.services.playlists.shift_entries(pid, ids, delta))

    def _tracks_dropped(self, track_ids: list, position: int) -> None:
        if self.playlist_id is None:
            return
        result = self.adder.add(self.playlist_id, track_ids, position)
        if result is not None and result.entry_ids:
            self.select_entries(list(result.entry_ids))

    def find_duplicates(self) -> None:
        if self.playlist_id is None:
            return
        try:
            groups = self.services.playlists.find_duplicates(self.playlist_id)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        if not groups:
            self.bus.status_message.emit("No track appears twice in this playlist.")
            return
        # Select every repeat after the first, ready for Delete.
        repeats = [entry for group in groups for entry in group.entry_ids[1:]]
        self.select_entries(repeats)
        what = "1 track appears" if len(groups) == 1 else f"{len(groups)} tracks appear"
        self.bus.status_message.emit(
            f"{what} more than once; the {len(repeats)} later copies are selected "
            "(press Delete to remove them)."
        )

    def burn(self) -> None:
        if self.playlist_id is not None:
            self.bus.open_playlist_for_burning.emit(self.playlist_id)

    # --- menu ---------------------------------------------------------------------------

    def _context_menu(self, point: QPoint) -> None:
        self.context_menu().popup(self.table.viewport().mapToGlobal(point))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        tracks = [self.model.entry_at(r).track for r in rows]
        if tracks:
            menu.addMenu(add_to_playlist_menu(self.adder, tracks, menu,
                                              exclude=self.playlist_id))
            menu.addSeparator()
        for action in (self.move_up_action, self.move_down_action, self.remove_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.find_duplicates_action)
        return menu

