"""Favourites pane: Songs / Albums / Artists tabs with counts, filter, add all, download missing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.delegates.star_delegate import StarDelegate
from cdcollector.ui.models.favourite_lists import STAR, FavouriteListModel, favourite_models
from cdcollector.ui.widgets.add_to_playlist_menu import PlaylistAdder, add_to_playlist_menu
from cdcollector.ui.widgets.empty_state import EmptyState
from cdcollector.ui.widgets.track_actions import TrackActions, has_service

TAB_TITLES = ("Songs", "Albums", "Artists")


class FavouritesPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus
        self.favourites = services.favourites
        self.adder = PlaylistAdder(services, self)
        self.actions = TrackActions(services, self)
        self.models = favourite_models(services, self)
        self.songs, self.albums, self.artists = self.models

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter favourites")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.addAction(tokens.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.add_all_button = QToolButton()
        self.add_all_button.setText("Add all to playlist ▾")
        self.add_all_button.setIcon(tokens.icon("playlist"))
        self.add_all_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_all_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_all_button.clicked.connect(self._show_add_all_menu)
        self.download_button = QPushButton(tokens.icon("download"), "Download missing")
        self.download_button.clicked.connect(self.download_missing)
        self.download_button.setVisible(has_service(services, "downloads"))

        self.tabs = QTabWidget()
        self.views: list[QTableView] = []
        self.star_delegate = StarDelegate(self.favourites, self.bus, self)
        for model, title in zip(self.models, TAB_TITLES, strict=True):
            view = self._table(model)
            self.views.append(view)
            self.tabs.addTab(view, title)
            model.modelReset.connect(self.update_counts)
            model.rowsInserted.connect(self.update_counts)
            model.dataChanged.connect(self.update_counts)

        self.empty = EmptyState(
            "favourite-off", "No favourites yet",
            "Star songs, albums and artists to keep them here.",
            "Find music",
        )
        self.empty.activated.connect(lambda: self.navigate_requested.emit("discovery"))
        content = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.add_all_button)
        top.addWidget(self.download_button)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(tokens.MARGIN, tokens.MARGIN, tokens.MARGIN, tokens.MARGIN)
        layout.addWidget(self.stack)

        self._debounce = QTimer(self, singleShot=True, interval=tokens.SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_box.textChanged.connect(self._debounce.start)
        self.bus.library_changed.connect(self.refresh)
        self.update_counts()

    def _table(self, model: FavouriteListModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setItemDelegateForColumn(STAR, self.star_delegate)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setIconSize(tokens.ROW_ICON)
        view.verticalHeader().hide()
        view.setDragEnabled(model.kind == "track")
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda point, v=view: self._context_menu(v, point))
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for section in range(1, model.columnCount()):
            title = model.headerData(section, Qt.Orientation.Horizontal)
            numeric = model.headerData(section, Qt.Orientation.Horizontal,
                                       Qt.ItemDataRole.TextAlignmentRole) is not None
            if numeric or not title:  # numbers and icon-only columns stay narrow
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STAR, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STAR, tokens.STAR_COLUMN_WIDTH)
        return view

    # --- state --------------------------------------------------------------------------

    def current_model(self) -> FavouriteListModel:
        return self.models[max(self.tabs.currentIndex(), 0)]

    def refresh(self) -> None:
        for model in self.models:
            model.refresh()

    def apply_filter(self) -> None:
        self._debounce.stop()
        for model in self.models:
            model.set_filter(self.filter_box.text())

    def update_counts(self) -> None:
        counts = [model.starred_count() for model in self.models]
        for tab, (title, count) in enumerate(zip(TAB_TITLES, counts, strict=True)):
            self.tabs.setTabText(tab, f"{title} ({count})")
        anything = any(model.rowCount() for model in self.models)
        filtering = bool(self.filter_box.text().strip())
        self.stack.setCurrentIndex(1 if anything or filtering else 0)
        self.add_all_button.setEnabled(anything)
        self.download_button.setEnabled(anything)

    # --- actions ------------------------------------------------------------------------

    def all_tracks(self) -> list:
        """The library tracks behind the current tab's favourites (filtered)."""
        model = self.current_model()
        try:
            return self.favourites.tracks_of(model.kind, model.filter_text)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return []

    def add_all_menu(self) -> QMenu:
        return add_to_playlist_menu(self.adder, self.all_tracks, self)

    def _show_add_all_menu(self) -> None:
        menu = self.add_all_menu()
        menu.exec(self.add_all_button.mapToGlobal(self.add_all_button.rect().bottomLeft()))

    def download_missing(self) -> list[int]:
        model = self.current_model()
        try:
            refs = self.favourites.missing(model.kind, model.filter_text)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return []
        if not refs:
            self.bus.status_message.emit("Every favourite here is already on disk.")
            return []
        return self.actions.download(refs, f"{len(refs)} missing favourites")

    def _context_menu(self, view: QTableView, point: QPoint) -> None:
        menu = self.context_menu(view)
        if menu is not None:
            menu.popup(view.viewport().mapToGlobal(point))

    def context_menu(self, view: QTableView) -> QMenu | None:
        model: FavouriteListModel = view.model()
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows:
            return None
        menu = QMenu(self)
        if model.kind == "track":
            tracks = [model.item_at(r) for r in rows]
            menu.addMenu(add_to_playlist_menu(self.adder, tracks, menu))
        ids = [model.item_at(r).id for r in rows]
        action = menu.addAction(tokens.icon("favourite-off"), "Remove from favourites")
        action.triggered.connect(lambda: self._unstar(model.kind, ids))
        return menu

    def _unstar(self, kind: str, ids: list[int]) -> None:
        try:
            self.favourites.set_many(kind, ids, False)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
