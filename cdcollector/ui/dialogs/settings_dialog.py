"""File → Settings…: music folder, downloads, burner defaults, and an Accounts tab when given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.services.settings_service import SettingsService
from cdcollector.ui import tokens


class SettingsDialog(QDialog):
    """Edits a copy of the settings; OK saves through the service; a bad value keeps it open."""

    def __init__(self, settings_service: SettingsService, parent: QWidget | None = None,
                 accounts: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.service = settings_service
        s = settings_service.get()

        self.music_folder = QLineEdit(s.music_folder)
        browse = QPushButton(tokens.icon("folder"), "Choose…")
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.music_folder, 1)
        folder_row.addWidget(browse)

        self.download_format = QComboBox()
        self.download_format.addItems(settings_service.download_formats)
        self.download_format.setCurrentText(s.download_format)
        self.parallel_downloads = QSpinBox(minimum=1, maximum=16, value=s.parallel_downloads)
        self.naming_template = QLineEdit(s.naming_template)
        self.naming_template.setToolTip(
            "Fields: {artist} {album_artist} {album} {title} {track} {disc} {year}"
        )
        self.cookies_browser = QComboBox()
        for browser in settings_service.cookie_browsers:
            self.cookies_browser.addItem(browser.capitalize() if browser else "None", browser)
        self.cookies_browser.setCurrentIndex(
            max(0, self.cookies_browser.findData(s.youtube_cookies_browser)))
        cookies_note = QLabel(
            "Only when YouTube asks to confirm you are not a bot: downloads then use your "
            "YouTube session from that browser, as if you were signed in there.")
        cookies_note.setWordWrap(True)
        self.ytdlp_weekly_check = QCheckBox("Look for a newer yt-dlp once a week")
        self.ytdlp_weekly_check.setToolTip(
            "At start-up, at most once a week: only says when an update is available "
            "(Help → Update yt-dlp… installs it).")
        self.ytdlp_weekly_check.setChecked(s.ytdlp_weekly_check)
        downloads = QGroupBox("Downloads")
        form = QFormLayout(downloads)
        form.addRow("Music folder:", folder_row)
        form.addRow("Format:", self.download_format)
        form.addRow("Parallel downloads:", self.parallel_downloads)
        form.addRow("File names:", self.naming_template)
        form.addRow("YouTube cookies from:", self.cookies_browser)
        form.addRow("", cookies_note)
        form.addRow("", self.ytdlp_weekly_check)

        self.gap = QDoubleSpinBox(minimum=0.0, maximum=10.0, singleStep=0.5, decimals=1,
                                  value=s.burner_gap_s, suffix=" s")
        self.gapless_albums = QCheckBox("No gap between tracks of the same album")
        self.gapless_albums.setChecked(s.burner_gapless_albums)
        self.levelling = QComboBox()
        self.levelling.addItems(settings_service.normalize_modes)
        self.levelling.setCurrentText(s.burner_normalize)
        self.media = QComboBox()
        for minutes in settings_service.media_minutes:
            self.media.addItem(f"{minutes} minutes", minutes)
        self.media.setCurrentIndex(self.media.findData(s.burner_media_minutes))
        self.simulate = QCheckBox("Simulate (write nothing)")
        self.simulate.setChecked(s.burner_simulate)
        self.eject = QCheckBox("Eject the disc when done")
        self.eject.setChecked(s.burner_eject)
        burner = QGroupBox("Burning")
        form = QFormLayout(burner)
        form.addRow("Gap between tracks:", self.gap)
        form.addRow("", self.gapless_albums)
        form.addRow("Levelling:", self.levelling)
        form.addRow("Disc size:", self.media)
        form.addRow("", self.simulate)
        form.addRow("", self.eject)

        # The Accounts tab owns the client id when there is one (it saves it before a login).
        self.accounts = accounts
        self.spotify_client_id = accounts.client_id_edit if accounts is not None \
            else QLineEdit(s.spotify_client_id)
        self.spotify_client_id.setPlaceholderText("Optional: your own Spotify app's client id")
        spotify = QGroupBox("Spotify")
        if accounts is None:
            QFormLayout(spotify).addRow("Client id:", self.spotify_client_id)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {tokens.colours().error_text};")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self.restore_button = QPushButton("Restore a backup…")
        self.restore_button.setToolTip("Go back to a copy of the library made before an upgrade")
        self.restore_button.clicked.connect(self._open_restore)
        self.restore_dialog = None

        general = QWidget()
        general_layout = QVBoxLayout(general)
        for widget in (downloads, burner, spotify):
            general_layout.addWidget(widget)
        general_layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        spotify.setVisible(accounts is None)
        general_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        if accounts is not None:
            self.tabs.addTab(accounts, "Accounts")
            self.finished.connect(accounts.close_down)
        layout = QVBoxLayout(self)
        for widget in (self.tabs, self.error_label, buttons):
            layout.addWidget(widget)

    def _open_restore(self) -> None:
        from cdcollector.ui.dialogs.restore_dialog import show_restore

        self.restore_dialog = show_restore(self, self.restore_dialog, self.service.backups())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Music folder", self.music_folder.text())
        if folder:
            self.music_folder.setText(folder)

    def changes(self) -> dict:
        return {
            "music_folder": self.music_folder.text().strip(),
            "download_format": self.download_format.currentText(),
            "parallel_downloads": self.parallel_downloads.value(),
            "naming_template": self.naming_template.text().strip(),
            "youtube_cookies_browser": self.cookies_browser.currentData(),
            "ytdlp_weekly_check": self.ytdlp_weekly_check.isChecked(),
            "burner_gap_s": self.gap.value(),
            "burner_gapless_albums": self.gapless_albums.isChecked(),
            "burner_normalize": self.levelling.currentText(),
            "burner_media_minutes": self.media.currentData(),
            "burner_simulate": self.simulate.isChecked(),
            "burner_eject": self.eject.isChecked(),
            "spotify_client_id": self.spotify_client_id.text().strip(),
        }

    def accept(self) -> None:
        changes = self.changes()
        if not changes["music_folder"]:
            self._show_error("Choose a music folder.")
            return
        if not changes["naming_template"]:
            self._show_error("The file name template cannot be empty.")
            return
        try:
            self.service.update(**changes)
        except CollectorError as exc:
            self._show_error(str(exc))
            return
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
