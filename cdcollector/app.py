"""Composition root: Qt app → instance lock → window frame → library → services, on qasync.

The window's frame is shown before the library (and the heavy database and catalogue layers)
is loaded, so the app appears as fast as Qt allows; the panes follow a moment later.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cdcollector import APP_NAME, __version__
from cdcollector.domain.errors import CollectorError, ConfigError
from cdcollector.paths import AppPaths
from cdcollector.ui import tokens
from cdcollector.ui.application import CollectorApplication
from cdcollector.ui.crash_handler import CrashReporter
from cdcollector.ui.instance_lock import InstanceLock
from cdcollector.ui.main_window import PANE_KEYS, MainWindow

# Benchmarks set this: print when the window is first painted and when the library is shown
# in it, then quit.
EXIT_AFTER_SHOW_ENV = "CDCOLLECTOR_EXIT_AFTER_SHOW"
SHOWN_MARKER = "CDCOLLECTOR_SHOWN_AT"
READY_MARKER = "CDCOLLECTOR_READY_AT"
EXIT_WAIT_MS = 10_000
FIRST_PAINT_WAIT_MS = 500


def create_application(qt_args: list[str]) -> CollectorApplication:
    app = QApplication.instance()
    if app is None:
        # Fusion unless the user passes another -style. Not setStyle(): wrapping the QStyle it
        # returns would build all of QStyle's enums before the first paint.
        app = CollectorApplication([sys.argv[0], "-style", "Fusion", *qt_args])
    else:
        app.setStyle("Fusion")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cdcollector")
    app.setWindowIcon(tokens.icon("app"))
    app.setPalette(tokens.palette(tokens.colours()))
    return app


def apply_colour_scheme(app: QApplication, window: MainWindow, dark: bool) -> None:
    """Show the dark or light tokens: the app's palette, then the window's own colours."""
    app.setPalette(tokens.palette(tokens.colours(dark)))
    window.apply_theme()


def follow_colour_scheme(app: QApplication, window: MainWindow) -> Callable:
    """Keep the palette in step with the system's scheme from now on (after the first paint);
    returns the connected slot.

    Connect it before the panes are built: panes that re-colour themselves on a change then
    read the new palette.
    """
    from PySide6.QtCore import Qt  # not at the top: its enums take ~20 ms to build, after paint

    def follow(scheme: Qt.ColorScheme) -> None:
        dark = scheme == Qt.ColorScheme.Dark
        if scheme != Qt.ColorScheme.Unknown and dark != tokens.is_dark():
            apply_colour_scheme(app, window, dark)

    hints = app.styleHints()
    follow(hints.colorScheme())  # the frame took its colours from the platform's palette
    hints.colorSchemeChanged.connect(follow)
    return follow


class _OnFirstPaint(QObject):
    """Calls `callback` once, right after the watched widget's first paint; `on_paint`, if
    given, as that paint begins."""

    def __init__(self, callback, parent: QObject, on_paint=None):
        super().__init__(parent)
        self.callback = callback
        self.on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self.on_paint is not None:
                self.on_paint()
            QTimer.singleShot(0, self.callback)
        return False


def _mark(marker: str) -> None:
    print(f"{marker} {time.time():.6f}", flush=True)


async def _until_quit(app: QApplication) -> None:
    import asyncio

    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    await closed.wait()


def _fail(message: str) -> int:
    print(f"cdcollector: {message}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, APP_NAME, message)
    return 1


def open_context_or_explain(window: MainWindow, paths: AppPaths, home: str | None,
                            on_quit: Callable[[], None], auto_quit: bool = False):
    """The library's context, or None after showing why it cannot open (and printing the
    same line); `on_quit` runs when the user leaves that dialog."""
    from cdcollector.services.backups import BackupService
    from cdcollector.services.context import AppContext
    from cdcollector.ui.dialogs.startup_failure import StartupFailureBox

    try:
        return AppContext.open(home, with_bus=True)
    except CollectorError as exc:
        failure = exc
    message = str(failure)
    print(f"cdcollector: {message}", file=sys.stderr)
    settings = isinstance(failure, ConfigError)
    note = f"The settings file is {paths.settings_path}.\n" if settings else ""
    box = StartupFailureBox(message, paths.log_path,
                            paths.config_dir if settings else paths.data_dir,
                            BackupService(paths), on_quit, window, note=note)
    box.open()
    if auto_quit:  # benchmarks and tests: nobody is there to press Quit
        QTimer.singleShot(0, box.quit_button.click)
    return None


def run_app(home: str | None, files: list[str], qt_args: list[str], self_test: bool) -> int:
    if self_test:
        return run_self_test(qt_args)
    app = create_application(qt_args)
    files = [os.path.abspath(f) for f in files]
    paths = AppPaths.resolve(home).ensure()
    lock = InstanceLock(paths.data_dir)
    if not lock.acquire():
        from cdcollector.ui.single_instance import hand_over

        try:
            if hand_over(lock, paths.data_dir, files):
                return 0
        except CollectorError as exc:
            return _fail(str(exc))
    try:
        return _run_window(app, paths, home, files)
    finally:
        lock.release()


def _run_window(app: CollectorApplication, paths: AppPaths, home: str | None,
                files: list[str]) -> int:
    crash_reporter = CrashReporter(paths.log_path, app)
    crash_reporter.install()
    window = MainWindow(paths=paths)
    app.files_opened.connect(window.receive_files)  # a macOS double-click
    timing = bool(os.environ.get(EXIT_AFTER_SHOW_ENV))
    opened: dict[str, object] = {}

    def open_library() -> None:
        if opened:
            return  # already opened (the fallback timer and the first paint both fire)
        opened["started"] = True
        from cdcollector.services.container import Services
        from cdcollector.ui.single_instance import SingleInstanceServer, server_name

        # Later launches hand their files over from now on (they wait for this server).
        opened["server"] = server = SingleInstanceServer(server_name(paths.data_dir))
        server.files_received.connect(window.receive_files)
        server.listen()
        ctx = open_context_or_explain(window, paths, home,
                                      on_quit=lambda: QTimer.singleShot(0, app.quit),
                                      auto_quit=timing)
        if ctx is None:
            opened["exit_code"] = 1
            return
        opened["services"] = services = Services(ctx)
        follow_colour_scheme(app, window)
        window.attach(services)
        if timing:
            pane = window.stack.currentWidget()
            pane.installEventFilter(_OnFirstPaint(lambda: (_mark(READY_MARKER), app.quit()),
                                                  pane))
            pane.update()
        if files:
            window.receive_files(files)

    # Load the library once the frame is on screen (or soon anyway, if it is never painted).
    # Benchmarks time the first paint as it begins, as they do for a bare window.
    window.installEventFilter(_OnFirstPaint(
        open_library, window, on_paint=(lambda: _mark(SHOWN_MARKER)) if timing else None))
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, open_library)
    window.show()
    app.processEvents()  # paint the frame now; the event loop's own imports come after
    import qasync

    try:
        qasync.run(_until_quit(app))
        return int(opened.get("exit_code", 0))
    finally:
        if "server" in opened:
            opened["server"].close()
        # Background work was told to stop when the window closed; a stuck network call
        # must not keep the process alive for long.
        QThreadPool.globalInstance().waitForDone(EXIT_WAIT_MS)
        if "services" in opened:
            opened["services"].close()
        crash_reporter.uninstall()


# Imported lazily by the app, so a frozen build must prove it can load them.
SELF_TEST_MODULES = (
    "cdcollector.catalog.ytmusic", "cdcollector.catalog.spotify.client",
    "cdcollector.services.spotify_account", "cdcollector.downloads.fetch",
    "cdcollector.downloads.transcode", "cdcollector.downloads.tagging",
    "cdcollector.downloads.engine", "cdcollector.downloads.matching",
    "cdcollector.burning.prepare", "cdcollector.burning.job",
    "cdcollector.ui.single_instance", "cdcollector.downloads.ytdlp_update",
    "cdcollector.downloads.ytdlp_status", "cdcollector.services.ytdlp_updates",
    "cdcollector.ui.dialogs.ytdlp_dialog",
    "yt_dlp", "ytmusicapi", "spotipy", "mutagen", "keyring",
)


def _self_test_imports() -> str | None:
    """Import every lazily used module and every burner backend of this platform."""
    import importlib

    from cdcollector.burning.backends.registry import create_backend, platform_order
    from cdcollector.externals import find_ffmpeg

    try:
        for module in SELF_TEST_MODULES:
            importlib.import_module(module)
        for name in platform_order():
            create_backend(name)
    except ImportError as exc:
        return f"self-test: cannot import {exc.name or exc}"
    if find_ffmpeg() is None:
        return "self-test: ffmpeg is missing"
    return _self_test_youtube_solver()


def _self_test_youtube_solver() -> str | None:
    """The bundled solver scripts under the bundled deno, through yt-dlp, on a stand-in player."""
    from cdcollector.downloads.solver_check import check_solver

    report = check_solver()
    if not report.ok:
        return f"self-test: the YouTube challenge solver does not work: {report.detail}"
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle and bundle not in (report.runtime or ""):
        return f"self-test: yt-dlp would use a deno outside the app: {report.runtime}"
    print(f"self-test: YouTube solver ok ({report.runtime}; {report.scripts})")
    return None


def run_self_test(qt_args: list[str]) -> int:
    """Open a DB in a temp home, migrate, import every backend, build the window offscreen."""
    import tempfile

    from cdcollector.services.container import Services
    from cdcollector.services.context import AppContext

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application(qt_args)
    with tempfile.TemporaryDirectory(prefix="cdcollector-selftest-",
                                     ignore_cleanup_errors=True) as home:
        ctx = AppContext.open(home, with_bus=True)
        services = Services(ctx)
        try:
            if ctx.db.schema_version() is None:
                return _fail("self-test: the database was not migrated")
            problem = _self_test_imports()
            if problem:
                return _fail(problem)
            window = MainWindow(services)
            window.show()
            for key in PANE_KEYS:
                window.show_pane(key)
                app.processEvents()
            window.close()
            app.processEvents()
        finally:
            services.close()
    print("self-test ok")
    return 0
