"""Discovery pane: search the local library as you type; results in a lazily loaded table."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.models.track_table import (
    ALBUM,
    ARTIST,
    DURATION,
    FORMAT,
    TITLE,
    TrackTableModel,
)
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
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ARTIST, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ALBUM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DURATION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FORMAT, QHeaderView.ResizeMode.ResizeToContents)

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
