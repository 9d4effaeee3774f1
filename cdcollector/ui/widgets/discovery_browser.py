"""Discovery's body: local results above online results, and album/artist pages with Back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from cdcollector.catalog.base import AlbumPage, ArtistPage
from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.background import URGENT, BackgroundCalls
from cdcollector.ui.panes.discovery_pages import AlbumPageView, ArtistPageView
from cdcollector.ui.widgets.online_section import OnlineSection


def _titled(title: str, body: QWidget) -> QWidget:
    box = QWidget()
    label = QLabel(title)
    label.setFont(tokens.small_font())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(tokens.SPACING // 2)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return box


class DiscoveryBrowser(QStackedWidget):
    """Page 0: `local` (the pane's library results) over the online section; then pages.

    `set_query(text)` is called on every keystroke; a new query returns to the results.
    """

    def __init__(self, services, local: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.calls = BackgroundCalls(self)
        self.online = OnlineSection(services)
        self.results = QSplitter(Qt.Orientation.Vertical)
        self.results.setChildrenCollapsible(False)
        self.results.addWidget(_titled("In your library", local))
        self.results.addWidget(self.online)
        self.results.setStretchFactor(0, 1)
        self.results.setStretchFactor(1, 1)
        self.album_page = AlbumPageView(services)
        self.artist_page = ArtistPageView(services)
        for widget in (self.results, self.album_page, self.artist_page):
            self.addWidget(widget)
        self._history: list[tuple[QWidget, str, object]] = []  # pages to go back to

        self.online.album_requested.connect(self.open_album)
        self.online.artist_requested.connect(self.open_artist)
        self.online.link_resolved.connect(self.show_resolved)
        self.artist_page.album_requested.connect(self.open_album)
        self.album_page.back_requested.connect(self.back)
        self.artist_page.back_requested.connect(self.back)
        self.online.hide()

    def set_query(self, text: str) -> None:
        self.online.setVisible(bool(text.strip()))
        self.online.set_query(text)
        self._history.clear()
        self.calls.supersede("page")
        self.setCurrentWidget(self.results)

    # --- pages ----------------------------------------------------------------------------

    def open_album(self, source: str, album_id: str) -> None:
        self._load(self.album_page, source,
                   lambda: self.services.discovery.album(source, album_id))

    def open_artist(self, source: str, artist_id: str) -> None:
        self._load(self.artist_page, source,
                   lambda: self.services.discovery.artist(source, artist_id))

    def _load(self, view, source: str, load) -> None:
        self._remember()
        view.loading()
        self.setCurrentWidget(view)
        self.calls.run(load, lambda page: self._show(view, source, page), self._failed,
                       channel="page", priority=URGENT)

    def show_resolved(self, resolved) -> None:
        """A pasted link opened to an album, playlist or artist."""
        if isinstance(resolved.page, ArtistPage):
            view = self.artist_page
        elif isinstance(resolved.page, AlbumPage):
            view = self.album_page
        else:
            return
        self._remember()
        self._show(view, resolved.source, resolved.page)

    def _show(self, view, source: str, page) -> None:
        view.show_page(source, page)
        self.setCurrentWidget(view)

    def _failed(self, error: CollectorError) -> None:
        self.services.bus.error.emit(str(error))
        self.back()

    def _remember(self) -> None:
        current = self.currentWidget()
        if current is self.results:
            self._history.append((current, "", None))
        elif current.page is not None:
            self._history.append((current, current.source, current.page))

    def back(self) -> None:
        self.calls.supersede("page")
        if not self._history:
            self.setCurrentWidget(self.results)
            return
        view, source, page = self._history.pop()
        if page is not None:
            view.show_page(source, page)
        self.setCurrentWidget(view)
