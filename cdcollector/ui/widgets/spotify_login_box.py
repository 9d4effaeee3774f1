"""Settings → Accounts → Spotify: client id, log in through the browser, status, log out."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.ui.background import BackgroundCalls

LOGIN_CHANNEL = "spotify-login"
USER_CHANNEL = "spotify-user"
NOT_REMEMBERED = (" This login cannot be remembered on this computer (no keyring), so you "
                  "will be asked to log in again next time.")


class SpotifyLoginBox(QGroupBox):
    """The browser login waits in a pool thread; the UI thread only starts and cancels it."""

    connection_changed = Signal(bool)  # logged in now

    def __init__(self, services, settings_service, parent: QWidget | None = None):
        super().__init__("Spotify", parent)
        self.spotify = services.spotify
        self.settings_service = settings_service
        self.calls = BackgroundCalls(self)
        self._logged_in: bool | None = None
        self._cancelled = False
        self._account_name: str | None = None

        port = settings_service.get().spotify_redirect_port
        self.help_label = QLabel(
            "Optional — YouTube Music needs no account. Create an app at "
            "developer.spotify.com, add the redirect URI below, paste its client id here."
            f"<br><b>http://127.0.0.1:{port}/callback</b><br>"
            "Spotify requires the app's owner (the account that created it) to have Premium, "
            "and lets at most 5 Spotify accounts use one app: add each under User Management. "
            "Only playlists you own or collaborate on can be mirrored.")
        self.help_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help_label.setWordWrap(True)
        self.help_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.client_id = QLineEdit(settings_service.get().spotify_client_id)
        self.client_id.setPlaceholderText("Your Spotify app's client id")
        self.client_id.setClearButtonEnabled(True)
        self.client_id.editingFinished.connect(self.save_client_id)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.login_button = QPushButton("Log in…")
        self.login_button.clicked.connect(self.log_in)
        self.cancel_button = QPushButton("Cancel login")
        self.cancel_button.clicked.connect(self.cancel_login)
        self.logout_button = QPushButton("Log out")
        self.logout_button.clicked.connect(self.log_out)
        buttons = QHBoxLayout()
        for button in (self.login_button, self.cancel_button, self.logout_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        form = QFormLayout(self)
        form.addRow(self.help_label)
        form.addRow("Client id:", self.client_id)
        form.addRow("Status:", self.status_label)
        form.addRow(buttons)
        self.refresh()

    # --- state --------------------------------------------------------------------------

    def refresh(self, message: str | None = None) -> None:
        status = self.spotify.status()
        waiting = status.login_pending or self.calls.is_busy(LOGIN_CHANNEL)
        # The token is stored before the account is checked: logged in only once both are done.
        logged_in = status.logged_in and not waiting
        self.status_label.setText(message or self._status_text(status, waiting))
        self.login_button.setEnabled(status.configured and not waiting)
        self.login_button.setVisible(not logged_in)
        self.cancel_button.setVisible(waiting)
        self.logout_button.setVisible(logged_in)
        self.client_id.setReadOnly(waiting)
        if logged_in != self._logged_in:
            self._logged_in = logged_in
            self.connection_changed.emit(logged_in)

    def _status_text(self, status, waiting: bool) -> str:
        if waiting and not status.login_pending:
            return "Checking your Spotify account…"
        if not status.logged_in or waiting:
            return status.message
        name = status.account_name or self._account_name
        if name is None and not self.calls.is_busy(USER_CHANNEL):
            self.calls.run(lambda: self.spotify.catalog().current_user()[1], self._named,
                           lambda _error: None, channel=USER_CHANNEL)
        text = f"Logged in as {name}." if name else "Logged in."
        return text if status.remembered else text + NOT_REMEMBERED

    def _named(self, name: str | None) -> None:
        if name:
            self._account_name = name
            self.refresh()

    @property
    def logged_in(self) -> bool:
        return bool(self._logged_in)

    def save_client_id(self) -> bool:
        try:
            self.settings_service.update(spotify_client_id=self.client_id.text().strip())
        except CollectorError as exc:
            self.refresh(str(exc))
            return False
        self.refresh()
        return True

    # --- login --------------------------------------------------------------------------

    def log_in(self) -> None:
        if not self.save_client_id():
            return
        try:
            url = self.spotify.begin_login()
        except CollectorError as exc:
            self.refresh(str(exc))
            return
        self._cancelled = False
        self.calls.run(self.spotify.finish_login, self._login_done, self._login_failed,
                       channel=LOGIN_CHANNEL)
        opened = QDesktopServices.openUrl(QUrl(url))
        self.refresh(None if opened else f"Open this address in your browser: {url}")

    def _login_done(self, _status) -> None:
        self.refresh()

    def _login_failed(self, error: CollectorError) -> None:
        self.refresh("Login cancelled." if self._cancelled else str(error))

    def cancel_login(self) -> None:
        self._cancelled = True
        self.spotify.cancel_login()  # wakes the waiting thread, which then reports

    def log_out(self) -> None:
        self.spotify.logout()
        self._account_name = None
        self.refresh("Logged out. Your mirrors stay; they sync again after you log in.")

    def close_down(self) -> None:
        """The dialog closes: a login still waiting for the browser is abandoned."""
        if self.calls.is_busy(LOGIN_CHANNEL):
            self.cancel_login()
