"""Settings → Accounts: the Spotify connection, which playlists to mirror, and the mirrors."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.services.sync_views import MirrorKind, MirrorView
from cdcollector.ui import tokens
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.models.remote_playlists import LIKED_KEY, RemotePlaylistsModel
from cdcollector.ui.widgets.mirror_panel import MirrorPanel
from cdcollector.ui.widgets.spotify_login_box import SpotifyLoginBox

PLAYLISTS_CHANNEL = "spotify-playlists"


def mirror_key(mirror: MirrorView) -> str | None:
    """The remote-playlists row a mirror belongs to (None: not a Spotify mirror)."""
    if mirror.kind is MirrorKind.SPOTIFY_LIKED:
        return LIKED_KEY
    if mirror.kind is MirrorKind.SPOTIFY_PLAYLIST:
        return mirror.remote_id
    return None


class AccountsPage(QWidget):
    """One tab of the Settings dialog; every change here is saved at once."""

    def __init__(self, services, settings_service, scheduler=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.sync = services.sync
        self.calls = BackgroundCalls(self)
        self._mirrors: list[MirrorView] = []

        self.login_box = SpotifyLoginBox(services, settings_service, self)
        self.remote_model = RemotePlaylistsModel(self)
        self.remote_model.mirror_toggled.connect(self._toggle_mirror)
        self.remote_view = QListView()
        self.remote_view.setModel(self.remote_model)
        self.remote_view.setUniformItemSizes(True)
        self.remote_hint = QLabel()
        self.remote_hint.setWordWrap(True)
        self.remote_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.reload_button = QPushButton("Reload")
        self.reload_button.clicked.connect(self.load_playlists)
        spotify_row = QHBoxLayout()
        spotify_row.addWidget(self.remote_hint, 1)
        spotify_row.addWidget(self.reload_button)

        self.youtube_link = QLineEdit()
        self.youtube_link.setPlaceholderText(
            "Paste a YouTube or YouTube Music playlist link (no account needed)")
        self.youtube_link.returnPressed.connect(self.add_youtube)
        self.youtube_button = QPushButton(tokens.icon("add"), "Add")
        self.youtube_button.clicked.connect(self.add_youtube)
        self.youtube_error = QLabel()
        self.youtube_error.setWordWrap(True)
        self.youtube_error.hide()
        youtube_row = QHBoxLayout()
        youtube_row.addWidget(self.youtube_link, 1)
        youtube_row.addWidget(self.youtube_button)

        choose = QGroupBox("Playlists to mirror")
        choose_layout = QVBoxLayout(choose)
        choose_layout.addLayout(spotify_row)
        choose_layout.addWidget(self.remote_view, 1)
        choose_layout.addWidget(QLabel("YouTube / YouTube Music:"))
        choose_layout.addLayout(youtube_row)
        choose_layout.addWidget(self.youtube_error)

        self.mirror_panel = MirrorPanel(services, settings_service, scheduler, self)
        self.mirror_panel.mirrors_changed.connect(self._mirrors_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.login_box)
        layout.addWidget(choose, 2)
        layout.addWidget(self.mirror_panel, 3)
        self.apply_colours()
        self.login_box.connection_changed.connect(self._connection_changed)
        self._connection_changed(self.login_box.logged_in)
        self._mirrors_changed(self.sync.mirrors())

    def apply_colours(self) -> None:
        self.youtube_error.setStyleSheet(f"color: {tokens.colours().error_text};")

    # --- Spotify playlists --------------------------------------------------------------

    def _connection_changed(self, logged_in: bool) -> None:
        self.reload_button.setVisible(logged_in)
        self.remote_view.setVisible(logged_in)
        if logged_in:
            self.load_playlists()
        else:
            self.calls.supersede(PLAYLISTS_CHANNEL)
            self.remote_model.set_playlists(None)
            self.remote_hint.setText("Log in to Spotify to choose playlists and Liked Songs.")

    def load_playlists(self) -> None:
        """Ask Spotify for the user's playlists in a pool thread."""
        self.remote_hint.setText("Loading your Spotify playlists…")
        self.reload_button.setEnabled(False)
        self.calls.run(lambda: self.services.spotify.catalog().user_playlists(),
                       self._playlists_loaded, self._playlists_failed,
                       channel=PLAYLISTS_CHANNEL)

    def _playlists_loaded(self, playlists) -> None:
        self.reload_button.setEnabled(True)
        self.remote_model.set_playlists(playlists)
        hint = "Tick what to keep a local, read-only copy of."
        refused = next((p.unreadable_reason for p in playlists if p.unreadable_reason), None)
        if refused:
            hint += f" Greyed-out playlists are someone else's. {refused}"
        self.remote_hint.setText(hint)
        self._mirrors_changed(self._mirrors)

    def _playlists_failed(self, error: CollectorError) -> None:
        self.reload_button.setEnabled(True)
        self.remote_hint.setText(str(error))
        self.login_box.refresh()  # a refused login shows up as logged out

    def _mirrors_changed(self, mirrors: list[MirrorView]) -> None:
        self._mirrors = list(mirrors)
        keys = {mirror_key(m) for m in mirrors} - {None}
        self.remote_model.set_mirrored(keys)

    def _toggle_mirror(self, key: str, wanted: bool) -> None:
        try:
            if wanted:
                mirror = self._add_spotify(key)
            else:
                mirror = next((m for m in self._mirrors if mirror_key(m) == key), None)
                if mirror is not None:
                    self.sync.remove(mirror.id)
        except CollectorError as exc:
            self.remote_hint.setText(str(exc))
            mirror = None
        self.mirror_panel.refresh()
        if wanted and mirror is not None:
            self.mirror_panel.select_mirror(mirror.id)
            self.mirror_panel.sync_current(mirror.id)

    def _add_spotify(self, key: str) -> MirrorView:
        if key == LIKED_KEY:
            return self.sync.add_liked_songs()
        remote = self.remote_model.playlist_for(key)
        return self.sync.add_spotify_playlist(key, remote.name if remote else "")

    # --- YouTube ------------------------------------------------------------------------

    def add_youtube(self) -> None:
        link = self.youtube_link.text().strip()
        if not link:
            self._youtube_message("Paste a playlist link first.")
            return
        try:
            mirror = self.sync.add_youtube_playlist(link)
        except CollectorError as exc:
            self._youtube_message(str(exc))
            return
        self.youtube_error.hide()
        self.youtube_link.clear()
        self.mirror_panel.refresh()
        self.mirror_panel.select_mirror(mirror.id)
        self.mirror_panel.sync_current(mirror.id)

    def _youtube_message(self, text: str) -> None:
        self.youtube_error.setText(text)
        self.youtube_error.show()

    # --- lifetime -----------------------------------------------------------------------

    @property
    def client_id_edit(self) -> QLineEdit:
        return self.login_box.client_id

    def close_down(self) -> None:
        """The Settings dialog closes: save a pending interval, abandon a waiting login."""
        self.mirror_panel.close_down()
        self.login_box.close_down()
