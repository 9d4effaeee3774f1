"""Online results under the local ones: Songs / Albums / Artists, source choice, offline banner."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError, OfflineError
from cdcollector.services.discovery import bare_id_offer, looks_like_link, playlist_offer
from cdcollector.ui import tokens
from cdcollector.ui.background import URGENT, BackgroundCalls
from cdcollector.ui.delegates.star_delegate import StarDelegate, star_icon
from cdcollector.ui.models.online_results import (
    ALBUM,
    ARTIST,
    NUMBER,
    STAR,
    STATUS,
    TIME,
    TITLE,
    OnlineAlbumsModel,
    OnlineArtistsModel,
    OnlineSongsModel,
)
from cdcollector.ui.widgets.track_actions import TrackActions, optional_service

ONLINE_DEBOUNCE_MS = 350
MAX_COVERS = 24  # covers fetched for one list of results


def source_key(ref) -> str:
    """The catalogue a reference came from ("spotify", else YouTube Music)."""
    return "spotify" if str(ref.source) == "spotify" else "ytmusic"


def song_table(model: OnlineSongsModel, hidden: tuple[int, ...] = ()) -> QTableView:
    """A table of songs as both the results and the album page show them."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in (STAR, NUMBER, TIME, STATUS):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in (TITLE, ARTIST, ALBUM):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in hidden:
        table.setColumnHidden(column, True)
    return table


class SongsController(QObject):
    """Wires a songs table to the services: badges, the star delegate, the context menu.

    A child of `owner`, so its bus connections end with the widget.
    """

    def __init__(self, owner: QWidget, services, calls: BackgroundCalls, actions: TrackActions,
                 model: OnlineSongsModel, table: QTableView, channel: str):
        super().__init__(owner)
        self.owner, self.services, self.calls = owner, services, calls
        self.actions, self.model, self.table, self.channel = actions, model, table, channel
        favourites = optional_service(services, "favourites")
        if favourites is not None:
            delegate = StarDelegate(favourites, services.bus, table)
            delegate.toggle_requested.connect(self._star_new)
            table.setItemDelegateForColumn(STAR, delegate)
        else:
            table.setColumnHidden(STAR, True)
        table.customContextMenuRequested.connect(self._menu)
        services.bus.library_changed.connect(self.refresh_status)

    def set_tracks(self, tracks) -> None:
        self.model.set_items(tracks)
        self.refresh_status()

    def refresh_status(self) -> None:
        refs = self.model.items()
        if refs:
            discovery = self.services.discovery
            self.calls.run(lambda: discovery.library_status(refs),
                           self.model.set_library_status, channel=self.channel)

    def _star_new(self, index: QModelIndex) -> None:
        """A song not in the library yet: add it (without a file) and star it."""
        self.set_star(index.row(), True)

    def set_star(self, row: int, on: bool) -> None:
        track_id = self.actions.set_favourite(self.model.item_at(row), on)
        if track_id is not None:
            self.model.set_track_id(row, track_id)

    def _menu(self, point: QPoint) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        clicked = self.table.indexAt(point)
        if clicked.isValid() and clicked.row() not in rows:
            rows = [clicked.row()]
        if not rows:
            return
        menu = self.actions.menu([self.model.item_at(r) for r in rows], self.owner)
        if len(rows) == 1 and self.actions.can_star():
            row, on = rows[0], self.model.is_favourite(rows[0])
            action = menu.addAction(star_icon(not on),
                                    "Remove from favourites" if on else "Add to favourites")
            action.triggered.connect(lambda: self.set_star(row, not on))
        menu.popup(self.table.viewport().mapToGlobal(point))
        self.owner.context_menu = menu  # kept for tests and so it is not collected early


class OfflineBanner(QFrame):
    """Shown while the catalogues cannot be reached; the library keeps working meanwhile."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        c = tokens.colours()
        self.setStyleSheet(f"#offlineBanner {{ background: {c.error_background}; }} "
                           f"#offlineBanner QLabel {{ color: {c.error_text}; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton("Try again")
        self.button.clicked.connect(self.retry)
        row = QHBoxLayout(self)
        row.setContentsMargins(tokens.SPACING, tokens.SPACING // 2, tokens.SPACING,
                               tokens.SPACING // 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_offline(self, reason: str) -> None:
        self.label.setText(f"You are offline: {reason} Your library still works.")
        self.show()


class OnlineSection(QWidget):
    """Call `set_query(text)` on every keystroke; online searches wait for a pause in typing."""

    album_requested = Signal(str, str)  # source, album id
    artist_requested = Signal(str, str)  # source, artist id
    link_resolved = Signal(object)  # ResolvedLink whose page is an AlbumPage or ArtistPage

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.discovery = services.discovery
        self.calls = BackgroundCalls(self)
        self.actions = TrackActions(services, self)
        self.context_menu = None
        self.query = ""

        self.title = QLabel("Online")
        self.title.setFont(tokens.small_font())
        self.source_box = QComboBox()
        self.source_box.setToolTip("Where to search online")
        self.status = QLabel()
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted
        self.banner = OfflineBanner()
        self.banner.retry.connect(self.search_now)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        # "Open YouTube video X?" for a bare id, "Open the playlist this video was in".
        self.offer = QPushButton()
        self.offer.hide()
        self.offer.clicked.connect(self._take_offer)
        self._offered_url = ""

        self.songs = OnlineSongsModel(optional_service(services, "favourites"), services.bus,
                                      self)
        self.albums = OnlineAlbumsModel(self)
        self.artists = OnlineArtistsModel(self)
        self.songs_view = song_table(self.songs, hidden=(NUMBER,))
        self.song_control = SongsController(self, services, self.calls, self.actions,
                                            self.songs, self.songs_view, "song-status")
        self.albums_view = QTableView()
        self.albums_view.setModel(self.albums)
        self.albums_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.albums_view.verticalHeader().hide()
        self.albums_view.horizontalHeader().setStretchLastSection(True)
        self.albums_view.activated.connect(self._open_album)
        self.artists_view = QListView()
        self.artists_view.setModel(self.artists)
        self.artists_view.activated.connect(self._open_artist)
        self.tabs = QTabWidget()
        for view in (self.songs_view, self.albums_view, self.artists_view):
            self.tabs.addTab(view, "")
        self._retitle_tabs()

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.source_box)
        header.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(tokens.SPACING // 2)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        layout.addWidget(self.offer, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tabs, 1)

        self._debounce = QTimer(self, singleShot=True, interval=ONLINE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.refresh_sources()
        self.source_box.currentIndexChanged.connect(lambda _i: self.search_now())

    # --- sources --------------------------------------------------------------------------

    def refresh_sources(self) -> None:
        """Offer a choice only when there is one (YouTube Music and a logged-in Spotify)."""
        current = self.source()
        sources = self.discovery.sources()
        self.source_box.blockSignals(True)
        self.source_box.clear()
        for key in sources:
            self.source_box.addItem(self.discovery.source_name(key), key)
        self.source_box.setCurrentIndex(max(0, sources.index(current))
                                        if current in sources else 0)
        self.source_box.blockSignals(False)
        self.source_box.setVisible(len(sources) > 1)
        self.title.setText("Online" if len(sources) > 1
                           else f"Online — {self.discovery.source_name(sources[0])}")

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_sources()  # Spotify may have been connected in Settings meanwhile
        super().showEvent(event)

    def source(self) -> str:
        return self.source_box.currentData() or "ytmusic"

    # --- queries --------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """A keystroke: older queries are superseded at once; the search waits for a pause."""
        self.query = text.strip()
        self.calls.supersede("query")
        self._debounce.stop()
        self._set_offer(bare_id_offer(self.query))
        if not self.query:
            self._clear()
            self.status.clear()
        elif looks_like_link(self.query):
            self.search_now()  # a pasted link opens at once
        else:
            self._debounce.start()

    def search_now(self) -> None:
        self._debounce.stop()
        text, source = self.query, self.source()
        if not text:
            return
        self.message.hide()
        if looks_like_link(text):
            self.status.setText("Opening link…")
            self.calls.run(lambda: self.discovery.resolve_link(text), self._link_done,
                           self._failed, channel="query", priority=URGENT)
            return
        self.status.setText(f"Searching {self.discovery.source_name(source)}…")
        self.calls.run(lambda: self.discovery.search_online(text, source), self._results,
                       self._failed, channel="query", priority=URGENT)

    def _results(self, results) -> None:
        self.banner.hide()
        self.status.setText("" if (results.songs or results.albums or results.artists)
                            else f"No online results for “{self.query}”.")
        self.song_control.set_tracks(results.songs)
        self.albums.set_items(results.albums)
        self.artists.set_items(results.artists)
        self._retitle_tabs()
        self._fetch_covers(self.albums, [a.cover_url for a in results.albums])
        self._fetch_covers(self.artists, [a.image_url for a in results.artists])

    def _set_offer(self, offer: tuple[str, str] | None) -> None:
        label, self._offered_url = offer or ("", "")
        self.offer.setText(label)
        self.offer.setVisible(offer is not None)

    def _take_offer(self) -> None:
        url = self._offered_url
        self._set_offer(None)
        if url:
            self.status.setText("Opening link…")
            self.calls.run(lambda: self.discovery.resolve_link(url), self._link_done,
                           self._failed, channel="query", priority=URGENT)

    def _link_done(self, resolved) -> None:
        self.banner.hide()
        self.status.clear()
        self._set_offer(playlist_offer(resolved))
        if resolved.kind == "track":
            self.song_control.set_tracks([resolved.page])
            self.albums.set_items([])
            self.artists.set_items([])
            self._retitle_tabs()
            self.tabs.setCurrentIndex(0)
        else:
            self.link_resolved.emit(resolved)

    def _failed(self, error: CollectorError) -> None:
        self.status.clear()
        if isinstance(error, OfflineError):
            self.banner.show_offline(str(error))
            self._clear()
        else:
            self.message.setText(str(error))
            self.message.show()

    def _clear(self) -> None:
        self.song_control.set_tracks([])
        self.albums.set_items([])
        self.artists.set_items([])
        self._retitle_tabs()

    def _retitle_tabs(self) -> None:
        counts = (self.songs.rowCount(), self.albums.rowCount(), self.artists.rowCount())
        for i, (name, n) in enumerate(zip(("Songs", "Albums", "Artists"), counts, strict=True)):
            self.tabs.setTabText(i, f"{name} ({n})" if n else name)

    def _fetch_covers(self, model, urls) -> None:
        for url in list(dict.fromkeys(u for u in urls if u))[:MAX_COVERS]:
            self.calls.run(lambda u=url: self.discovery.cover(u),
                           lambda path, u=url: path and model.set_cover(u, path))

    # --- navigation -----------------------------------------------------------------------

    def _open_album(self, index: QModelIndex) -> None:
        album = self.albums.item_at(index.row())
        if album.id:
            self.album_requested.emit(source_key(album), album.id)

    def _open_artist(self, index: QModelIndex) -> None:
        artist = self.artists.item_at(index.row())
        if artist.id:
            self.artist_requested.emit(source_key(artist), artist.id)
