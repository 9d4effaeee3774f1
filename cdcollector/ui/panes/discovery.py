"""Discovery pane: search the local library as you type; results in a lazily loaded table."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.delegates.star_delegate import StarDelegate
from cdcollector.ui.models.star_proxy import STAR, StarColumnProxy
from cdcollector.ui.models.track_table import (
    ALBUM,
    ARTIST,
    DURATION,
    FORMAT,
    TITLE,
    TRACK_ROLE,
    TrackTableModel,
)
from cdcollector.ui.widgets.add_to_playlist_menu import PlaylistAdder, add_to_playlist_menu
from cdcollector.ui.widgets.discovery_browser import DiscoveryBrowser
from cdcollector.ui.widgets.empty_state import EmptyState


class DiscoveryPane(QWidget):
    """`add_music_requested` asks the main window to run File → Add music folder…."""

    add_music_requested = Signal()
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search your library and online, or paste a link")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(tokens.icon("search"), QLineEdit.ActionPosition.LeadingPosition)

        self.model = TrackTableModel(services.library, services.bus, parent=self)
        # The view shows the results with a live star column in front (the proxy).
        self.starred = StarColumnProxy(services, "track", TRACK_ROLE, lambda t: t.id,
                                       self.model, self)
        self.table = QTableView()
        self.table.setModel(self.starred)
        self.table.setItemDelegateForColumn(STAR, StarDelegate(services.favourites,
                                                               services.bus, self.table))
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.adder = PlaylistAdder(services, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STAR, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STAR, tokens.STAR_COLUMN_WIDTH)
        for column in (TITLE, ARTIST, ALBUM):  # source columns sit one to the right
            header.setSectionResizeMode(column + 1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DURATION + 1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FORMAT + 1, QHeaderView.ResizeMode.ResizeToContents)

        self.empty = EmptyState(
            "search", "Your library is empty",
            "Add a music folder to bring in the music you already have, or search online.",
            "Add music folder…",
        )
        self.empty.activated.connect(self.add_music_requested)
        self.no_results = QLabel()
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setWordWrap(True)

        self.stack = QStackedWidget()
        for widget in (self.empty, self.table, self.no_results):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(tokens.MARGIN, tokens.MARGIN, tokens.MARGIN, tokens.MARGIN)
        layout.setSpacing(tokens.SPACING)
        layout.addWidget(self.search_box)
        # Local results first, online results under them; album/artist pages replace both.
        self.browser = DiscoveryBrowser(services, self.stack)
        layout.addWidget(self.browser, 1)

        self._debounce = QTimer(self, singleShot=True, interval=tokens.SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self.run_search)
        self.search_box.textChanged.connect(self.browser.set_query)
        self.model.modelReset.connect(self._update_state)
        self._update_state()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _context_menu(self, point) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if rows:
            tracks = [self.model.track_at(r) for r in rows]
            menu = QMenu(self)
            menu.addMenu(add_to_playlist_menu(self.adder, tracks, menu))
            menu.popup(self.table.viewport().mapToGlobal(point))

    def run_search(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.search_box.text())

    def _update_state(self) -> None:
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
        elif self.model.query.strip() and not self._library_is_empty():
            self.no_results.setText(f"No tracks in your library match “{self.model.query}”.")
            self.stack.setCurrentWidget(self.no_results)
        else:
            self.stack.setCurrentWidget(self.empty)

    def _library_is_empty(self) -> bool:
        try:
            return not self.services.library.search("", limit=1)
        except CollectorError:
            return False
