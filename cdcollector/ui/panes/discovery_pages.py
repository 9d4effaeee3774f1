"""Discovery's album and artist pages: cover, facts, tracks or releases, download and star."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.commands.common import format_duration
from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.background import URGENT, BackgroundCalls
from cdcollector.ui.models.online_results import ALBUM, OnlineAlbumsModel, OnlineSongsModel
from cdcollector.ui.widgets.online_section import SongsController, song_table, source_key
from cdcollector.ui.widgets.track_actions import TrackActions, has_service, optional_service

COVER_SIZE = 160


def _count(n: int, one: str, many: str | None = None) -> str:
    if n == 0:
        return ""
    return f"1 {one}" if n == 1 else f"{n} {many or one + 's'}"


class PageHeader(QWidget):
    """Back button, cover (a placeholder until the image arrives), title, facts, buttons, star."""

    back_requested = Signal()
    star_toggled = Signal(bool)

    def __init__(self, placeholder_icon: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.placeholder_icon = placeholder_icon
        self.back = QToolButton()
        self.back.setText("‹ Back")
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.back_requested)
        self.cover = QLabel()
        self.cover.setFixedSize(COVER_SIZE, COVER_SIZE)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setFont(tokens.headline_font())
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.facts = QLabel()
        self.facts.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.star = QToolButton()
        self.star.setCheckable(True)
        self.star.setAutoRaise(True)
        self.star.setIconSize(tokens.TOOLBAR_ICON)
        self.star.toggled.connect(self._star_icon)
        self.star.clicked.connect(self.star_toggled)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.star)

        text = QVBoxLayout()
        text.addStretch(1)
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        text.addWidget(self.facts)
        text.addSpacing(tokens.SPACING)
        text.addLayout(self.buttons)
        row = QHBoxLayout()
        row.addWidget(self.cover)
        row.addSpacing(tokens.MARGIN)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        self._star_icon(False)

    def add_button(self, button: QWidget) -> None:
        self.buttons.insertWidget(self.buttons.count() - 2, button)

    def show_placeholder(self) -> None:
        self.cover.setPixmap(tokens.icon(self.placeholder_icon).pixmap(QSize(96, 96)))
        self.cover.setProperty("placeholder", True)

    def show_cover(self, path) -> None:
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            return  # not an image Qt can read: keep the placeholder
        self.cover.setPixmap(pixmap.scaled(COVER_SIZE, COVER_SIZE,
                                           Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        self.cover.setProperty("placeholder", False)

    def set_starred(self, on: bool) -> None:
        self.star.blockSignals(True)
        self.star.setChecked(on)
        self.star.blockSignals(False)
        self._star_icon(on)

    def _star_icon(self, on: bool) -> None:
        self.star.setIcon(tokens.icon("favourite-on" if on else "favourite-off"))
        self.star.setToolTip("Remove from favourites" if on else "Add to favourites")


class _Page(QWidget):
    """What album and artist pages share: services, background calls, header, cover, star."""

    back_requested = Signal()

    def __init__(self, services, placeholder_icon: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.discovery = services.discovery
        self.calls = BackgroundCalls(self)
        self.actions = TrackActions(services, self)
        self.header = PageHeader(placeholder_icon)
        self.header.back_requested.connect(self.back_requested)
        self.header.star_toggled.connect(self._star)
        self.header.star.setVisible(self.actions.can_star())
        self.source = "ytmusic"
        self.ref = None  # the AlbumRef / ArtistRef shown

    def loading(self, text: str = "Loading…") -> None:
        self.calls.supersede("page")
        self.header.title.setText(text)
        self.header.subtitle.clear()
        self.header.facts.clear()
        self.header.show_placeholder()

    def _show_ref(self, ref, image_url: str | None, can_star: bool = True) -> None:
        self.ref = ref
        self.header.show_placeholder()
        if image_url:
            self.calls.run(lambda: self.discovery.cover(image_url), self.header.show_cover,
                           channel="cover")
        else:
            self.calls.supersede("cover")
        starrable = can_star and self.actions.can_star()
        self.header.star.setVisible(starrable)
        self.header.set_starred(False)
        if starrable:
            self.calls.run(lambda: self.discovery.is_favourite(ref), self.header.set_starred,
                           channel="star")
        else:
            self.calls.supersede("star")

    def _star(self, on: bool) -> None:
        if self.ref is not None and self.actions.set_favourite(self.ref, on) is None:
            self.header.set_starred(not on)


class AlbumPageView(_Page):
    """An album (or a playlist opened from a link): its tracks, "Download album", a star."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, "playlist", parent)
        self.page = None
        self.tracks = OnlineSongsModel(optional_service(services, "favourites"), services.bus,
                                       self)
        self.table = song_table(self.tracks, hidden=(ALBUM,))
        self.songs = SongsController(self, services, self.calls, self.actions, self.tracks,
                                     self.table, "track-status")
        self.context_menu = None
        self.download_button = QPushButton(tokens.icon("download"), "Download album")
        self.download_button.clicked.connect(self.download_album)
        self.download_button.setVisible(has_service(services, "downloads"))
        self.playlist_button = QPushButton(tokens.icon("playlist"), "Add to playlist")
        self.playlist_button.clicked.connect(self._playlist_menu)
        self.playlist_button.setVisible(optional_service(services, "playlists") is not None)
        self.header.add_button(self.download_button)
        self.header.add_button(self.playlist_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)

    def loading(self, text: str = "Loading…") -> None:
        super().loading(text)
        self.page = None
        self.songs.set_tracks([])
        self.download_button.setEnabled(False)

    def show_page(self, source: str, page) -> None:
        self.calls.supersede("page")
        self.source, self.page = source, page
        album = page.album
        is_playlist = album.kind == "playlist"
        self.header.title.setText(album.title)
        self.header.subtitle.setText(album.artist_display)
        total = sum(t.duration_s or 0 for t in page.tracks)
        facts = [str(album.year) if album.year else "", album.kind.capitalize(),
                 f"{len(page.tracks)} tracks", format_duration(total) if total else "",
                 self.discovery.source_name(source)]
        self.header.facts.setText(" · ".join(f for f in facts if f))
        self.download_button.setText("Download all" if is_playlist else "Download album")
        self.download_button.setEnabled(bool(page.tracks))
        self.table.setColumnHidden(ALBUM, not is_playlist)
        self.songs.set_tracks(page.tracks)
        self._show_ref(album, album.cover_url, can_star=not is_playlist)

    def download_album(self) -> None:
        page, source = self.page, self.source
        if page is None:
            return
        if page.album.kind == "playlist" or not page.album.id:
            self.actions.download(page.tracks, f"“{page.album.title}”")
            return
        self.download_button.setEnabled(False)
        # The tracks with the album's facts (title, artist, year, cover) for tagging.
        self.calls.run(lambda: self.discovery.album_tracks(source, page.album.id),
                       lambda refs: self._queue(refs, page), self._failed, channel="download",
                       priority=URGENT)

    def _queue(self, refs, page) -> None:
        self.download_button.setEnabled(True)
        self.actions.download(refs, f"“{page.album.title}”")

    def _failed(self, error: CollectorError) -> None:
        self.download_button.setEnabled(self.page is not None)
        self.services.bus.error.emit(str(error))

    def _playlist_menu(self) -> None:
        refs = list(self.page.tracks) if self.page else []
        self.context_menu = self.actions.playlist_menu(refs, self)
        if self.context_menu is not None:
            self.context_menu.popup(self.playlist_button.mapToGlobal(
                self.playlist_button.rect().bottomLeft()))


class ArtistPageView(_Page):
    """An artist's albums and singles as a grid; "Download discography"."""

    album_requested = Signal(str, str)  # source, album id

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, "search", parent)
        self.page = None
        self.releases = OnlineAlbumsModel(self)
        self.grid = QListView()
        self.grid.setModel(self.releases)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setIconSize(QSize(120, 120))
        self.grid.setGridSize(QSize(150, 170))
        self.grid.setWordWrap(True)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.activated.connect(self._open)
        self.download_button = QPushButton(tokens.icon("download"), "Download discography")
        self.download_button.clicked.connect(self.download_discography)
        self.download_button.setVisible(has_service(services, "downloads"))
        self.header.add_button(self.download_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.grid, 1)

    def loading(self, text: str = "Loading…") -> None:
        super().loading(text)
        self.page = None
        self.releases.set_items([])
        self.download_button.setEnabled(False)

    def show_page(self, source: str, page) -> None:
        self.calls.supersede("page")
        self.source, self.page = source, page
        self.header.title.setText(page.artist.name)
        albums = sum(1 for a in page.albums if a.kind == "album")
        singles = len(page.albums) - albums
        counts = [_count(albums, "album"), _count(singles, "single or EP", "singles and EPs")]
        self.header.subtitle.setText(" · ".join(c for c in counts if c) or "No releases")
        self.header.facts.setText(self.discovery.source_name(source))
        self.releases.set_items(page.albums)
        self.download_button.setEnabled(bool(page.albums))
        self._show_ref(page.artist, page.artist.image_url)
        for album in page.albums[:48]:
            if album.cover_url:
                self.calls.run(lambda u=album.cover_url: self.discovery.cover(u),
                               lambda path, u=album.cover_url:
                               path and self.releases.set_cover(u, path))

    def _open(self, index: QModelIndex) -> None:
        album = self.releases.item_at(index.row())
        if album.id:
            self.album_requested.emit(source_key(album), album.id)

    def download_discography(self) -> None:
        page, source = self.page, self.source
        if page is None:
            return
        self.download_button.setEnabled(False)
        self.services.bus.status_message.emit(f"Listing {page.artist.name}'s albums…")
        self.calls.run(lambda: self.discovery.discography(source, page.artist.id),
                       lambda refs: self._queue(refs, page), self._failed, channel="download",
                       priority=URGENT)

    def _queue(self, refs, page) -> None:
        self.download_button.setEnabled(True)
        self.actions.download(refs, f"{page.artist.name}'s discography")

    def _failed(self, error: CollectorError) -> None:
        self.download_button.setEnabled(self.page is not None)
        self.services.bus.error.emit(str(error))
