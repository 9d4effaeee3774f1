"""The main window: sidebar, five panes, menus, status bar, error banner; remembers its layout.

It starts in two steps so it appears at once: the frame (sidebar, menus, remembered size)
needs no library; `attach(services)` then builds the panes, which import the heavy layers.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cdcollector import APP_NAME
from cdcollector.domain.errors import CollectorError
from cdcollector.paths import AppPaths
from cdcollector.ui import tokens
from cdcollector.ui.widgets.banner import MessageBanner

# (key, sidebar title, icon, pane class "module:Class") in sidebar order; Ctrl+1..5 follow it.
PANES = (
    ("discovery", "Discovery", "search", "discovery:DiscoveryPane"),
    ("playlists", "Playlists", "playlist", "playlists:PlaylistsPane"),
    ("favourites", "Favourites", "favourite-on", "favourites:FavouritesPane"),
    ("downloads", "Downloads", "download", "downloads:DownloadsPane"),
    ("burner", "Burner", "burn", "burner:BurnerPane"),
)
PANE_KEYS = tuple(p[0] for p in PANES)
STATUS_TIMEOUT_MS = 6000


def pane_class(spec: str) -> type:
    module, name = spec.split(":")
    return getattr(importlib.import_module(f"cdcollector.ui.panes.{module}"), name)


def _placeholder() -> QWidget:
    """Stands in for the panes until the library is open.

    Centred by stretches, not by Qt.AlignmentFlag: this runs before the window's first paint,
    and the first use of the Qt namespace builds all of its enums (~20 ms).
    """
    placeholder = QWidget()
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(QLabel("Opening your library…"))
    row.addStretch()
    column = QVBoxLayout(placeholder)
    column.addStretch()
    column.addLayout(row)
    column.addStretch()
    return placeholder


class MainWindow(QMainWindow):
    """Receives the Services container and nothing else; panes talk to it through signals."""

    pane_changed = Signal(str)

    def __init__(self, services=None, parent: QWidget | None = None, *,
                 paths: AppPaths | None = None):
        super().__init__(parent)
        self.services = None
        self.bus = None
        self.sync_scheduler = None
        self.settings_service = None
        self.import_progress = None
        self._pending_files: list[str] = []
        self._shortcuts: list[tuple[QAction, str]] = []
        paths = paths or services.ctx.paths
        self.ui_state = QSettings(str(paths.config_dir / "window.ini"),
                                  QSettings.Format.IniFormat)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(tokens.icon("app"))
        self.about_dialog = None
        self.settings_dialog = None
        self.ytdlp_dialog = None
        self.calls = None

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(tokens.SIDEBAR_WIDTH)
        self.sidebar.setIconSize(tokens.SIDEBAR_ICON)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.panes: dict[str, QWidget] = {}
        self.stack.addWidget(_placeholder())
        for _key, title, icon_name, _spec in PANES:
            self.sidebar.addItem(QListWidgetItem(tokens.icon(icon_name), title))
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)

        self.banner = MessageBanner()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_shortcuts()
        self.apply_theme()
        self._restore_geometry()
        self._set_library_actions_enabled(False)
        if services is not None:
            self.attach(services)

    @property
    def attached(self) -> bool:
        return self.services is not None

    def attach(self, services) -> None:
        """Second step: the library is open; build the panes and start listening."""
        from cdcollector.services.settings_service import SettingsService
        from cdcollector.services.sync_scheduler import SyncScheduler
        from cdcollector.ui.dialogs.import_progress import ImportProgress

        self.services = services
        self.bus = services.bus
        self._apply_shortcuts()
        self.settings_service = SettingsService(services.ctx)
        # Mirrors sync on a timer while the window is open (interval from settings).
        self.sync_scheduler = SyncScheduler(services.sync, self)
        placeholder = self.stack.widget(0)
        for key, _title, _icon, spec in PANES:
            pane = pane_class(spec)(services, self)
            pane.navigate_requested.connect(self.show_pane)
            self.panes[key] = pane
            self.stack.addWidget(pane)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(PANE_KEYS.index(self.current_pane()))
        self.panes["discovery"].add_music_requested.connect(self.add_music_folder)
        playlists = self.panes["playlists"]
        self.edit_menu.addActions([playlists.undo_action, playlists.redo_action])
        self.import_progress = ImportProgress(services, self)
        self.statusBar().addPermanentWidget(self.import_progress)
        self.bus.status_message.connect(self.show_status)
        self.bus.error.connect(self.show_error)
        self.bus.open_file_requested.connect(self._on_open_file)
        self.bus.sync_finished.connect(self._on_sync_finished)
        self._set_library_actions_enabled(True)
        self._restore_pane()
        from cdcollector.services.leftovers import clean_leftovers
        from cdcollector.ui.background import BackgroundCalls

        self.calls = BackgroundCalls(self)
        self.calls.run(services.ytdlp.start_up_notices, self._show_ytdlp_notices)
        # What a killed run or a full disk left behind (temporary files, burns still "running").
        self.calls.run(lambda: clean_leftovers(services.ctx), lambda _cleaned: None)
        if self._pending_files:
            files, self._pending_files = self._pending_files, []
            self.receive_files(files)

    def _set_library_actions_enabled(self, enabled: bool) -> None:
        for action in (self.add_folder_action, self.settings_action, self.sync_action,
                       self.find_action, self.ytdlp_action):
            action.setEnabled(enabled)

    # --- building -----------------------------------------------------------------------

    def _action(self, text: str, shortcut, slot, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(tokens.icon(icon_name))
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        self.add_folder_action = self._action("&Add music folder…", "Ctrl+O",
                                              self.add_music_folder, "folder")
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.open_settings)
        self.sync_action = self._action("S&ync mirrors now", "Ctrl+Shift+S", self.sync_mirrors_now)
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.add_folder_action)
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("&Edit")  # filled by attach (playlist undo)
        self.about_action = self._action(f"&About {APP_NAME}", None, self.open_about, "app")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.ytdlp_action = self._action("&Update yt-dlp…", None, self.open_ytdlp_updates)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.ytdlp_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _apply_shortcuts(self) -> None:
        """Bound once the library is open. Before the first paint, setShortcut() would build
        every enum of the Qt namespace (~20 ms); the frame's menus need none of them yet."""
        for action, keys in self._shortcuts:
            action.setShortcut(QKeySequence(keys))

    def _build_shortcuts(self) -> None:
        self.pane_actions = []
        for number, (key, title, _icon, _spec) in enumerate(PANES, start=1):
            action = self._action(f"Show {title}", f"Ctrl+{number}",
                                  lambda _=False, k=key: self.show_pane(k))
            self.pane_actions.append(action)
        self.find_action = self._action("Find", "Ctrl+F", self.focus_search)

    def apply_theme(self) -> None:
        """Re-read colour tokens (called again when the system switches light/dark)."""
        c = tokens.colours()
        self.sidebar.setStyleSheet(
            f"#sidebar {{ background: {c.sidebar}; border-right: 1px solid {c.border}; "
            f"padding-top: {tokens.SPACING}px; "
            f"outline: 0; }} "
            f"#sidebar::item {{ padding: {tokens.SPACING}px {tokens.MARGIN}px; border: none; }} "
            f"#sidebar::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}"
        )
        for row, (_key, _title, icon_name, _spec) in enumerate(PANES):
            self.sidebar.item(row).setIcon(tokens.icon(icon_name))
        self.banner.apply_colours()

    # --- navigation ---------------------------------------------------------------------

    def current_pane(self) -> str:
        return PANE_KEYS[max(self.sidebar.currentRow(), 0)]

    def show_pane(self, key: str) -> None:
        if key not in PANE_KEYS:
            raise KeyError(f"unknown pane {key!r}")
        self.sidebar.setCurrentRow(PANE_KEYS.index(key))

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(PANES):
            if self.attached:  # until then the placeholder stands in for every pane
                self.stack.setCurrentIndex(row)
            self.pane_changed.emit(PANE_KEYS[row])

    def focus_search(self) -> None:
        self.show_pane("discovery")
        self.panes["discovery"].focus_search()

    # --- actions ------------------------------------------------------------------------

    def add_music_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add music folder", str(Path.home()))
        if folder:
            self.import_folders([folder])

    def import_folders(self, folders: list[str]) -> bool:
        """Import in the background (the import service remembers the folders)."""
        return self.import_progress.start(folders)

    def open_settings(self) -> None:
        from cdcollector.ui.dialogs.settings_dialog import SettingsDialog
        from cdcollector.ui.widgets.accounts_page import AccountsPage

        if self.settings_dialog is not None:  # its Accounts page listens to the bus
            self.settings_dialog.deleteLater()
        accounts = AccountsPage(self.services, self.settings_service, self.sync_scheduler)
        self.settings_dialog = SettingsDialog(self.settings_service, self, accounts=accounts)
        self.settings_dialog.open()

    def sync_mirrors_now(self) -> None:
        if not self.services.sync.mirrors():
            self.show_status("No mirrors yet: choose playlists under Settings → Accounts.")
        elif self.sync_scheduler.run_now():
            self.show_status("Syncing mirrors…")
        else:
            self.show_status("Mirrors are already being synced.")

    def open_about(self) -> None:
        from cdcollector.ui.dialogs.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def open_ytdlp_updates(self) -> None:
        from cdcollector.ui.dialogs.ytdlp_dialog import YtdlpUpdateDialog

        if self.ytdlp_dialog is None:  # kept: an update started in it may still be running
            self.ytdlp_dialog = YtdlpUpdateDialog(self.services.ytdlp, self)
        else:
            self.ytdlp_dialog.refresh()
        self.ytdlp_dialog.open()

    def _show_ytdlp_notices(self, notices: tuple[str | None, str | None]) -> None:
        fallback, available = notices
        if fallback:
            self.show_error(fallback)
        if available:
            self.statusBar().showMessage(available)  # stays until the next message

    # --- bus ----------------------------------------------------------------------------

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def show_error(self, message: str) -> None:
        # Bus errors are one line by contract; anything after the first line (a stray
        # traceback, say) is for the log, not for the user.
        lines = [ln.strip() for ln in str(message).splitlines() if ln.strip()]
        line = lines[0] if lines else "Something went wrong."
        self.statusBar().showMessage(line, STATUS_TIMEOUT_MS * 2)
        self.banner.show_message(line)

    def _on_sync_finished(self, source_id: int) -> None:
        try:
            mirror = self.services.sync.mirror(source_id)
            runs = self.services.sync.history(source_id, limit=1)
        except CollectorError:  # removed meanwhile
            return
        if runs:
            self.show_status(f"{mirror.name}: {runs[0].summary}")

    def receive_files(self, files: list[str]) -> None:
        """A later launch forwarded its files (empty: it only wants this window raised)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if not self.attached:  # still opening the library: handle them once it is open
            self._pending_files.extend(files)
            return
        for path in files:
            self.bus.open_file_requested.emit(path)

    def _on_open_file(self, path: str) -> None:
        self.show_pane("burner")
        self.show_status(f"Opened {Path(path).name}")

    # --- remembered state ---------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.ui_state.value("window/geometry")
        if not isinstance(geometry, QByteArray | bytes) or not self.restoreGeometry(geometry):
            self.resize(tokens.DEFAULT_WINDOW_SIZE)

    def _restore_pane(self) -> None:
        last = self.ui_state.value("window/pane", "discovery")
        self.show_pane(last if isinstance(last, str) and last in self.panes else "discovery")

    def save_state(self) -> None:
        self.ui_state.setValue("window/geometry", self.saveGeometry())
        self.ui_state.setValue("window/pane", self.current_pane())
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached:
            self.import_progress.cancel()
            self.sync_scheduler.shutdown()
        self.save_state()
        super().closeEvent(event)
