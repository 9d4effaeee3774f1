"""Composition root: Qt app → single instance → library → services → MainWindow, on qasync."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time

import qasync
from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cdcollector import APP_NAME, __version__
from cdcollector.domain.errors import CollectorError
from cdcollector.services.container import Services
from cdcollector.services.context import AppContext
from cdcollector.settings import AppPaths
from cdcollector.ui import tokens
from cdcollector.ui.crash_handler import CrashReporter
from cdcollector.ui.file_open_filter import FileOpenFilter
from cdcollector.ui.main_window import PANE_KEYS, MainWindow
from cdcollector.ui.single_instance import SingleInstanceServer, forward_to_running, server_name

log = logging.getLogger(__name__)
# Benchmarks set this: quit as soon as the first window has been painted, printing the time.
EXIT_AFTER_SHOW_ENV = "CDCOLLECTOR_EXIT_AFTER_SHOW"
SHOWN_MARKER = "CDCOLLECTOR_SHOWN_AT"
EXIT_WAIT_MS = 10_000


def create_application(qt_args: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cdcollector")
    app.setStyle("Fusion")
    app.setWindowIcon(tokens.icon("app"))
    app.setPalette(tokens.palette(tokens.colours()))
    return app


def apply_colour_scheme(app: QApplication, window: MainWindow) -> None:
    """Re-read the system's light/dark scheme into the palette and the window's own colours."""
    app.setPalette(tokens.palette(tokens.colours()))
    window.apply_theme()


def _follow_colour_scheme(app: QApplication, window: MainWindow) -> None:
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_colour_scheme(app, window))


class _ExitAfterFirstPaint(QObject):
    """Prints the wall-clock time of the first paint of the window, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"{SHOWN_MARKER} {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


async def _until_quit(app: QApplication) -> int:
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    await closed.wait()
    return 0


def _fail(message: str) -> int:
    print(f"cdcollector: {message}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, APP_NAME, message)
    return 1


def run_app(home: str | None, files: list[str], qt_args: list[str], self_test: bool) -> int:
    if self_test:
        return run_self_test(qt_args)
    app = create_application(qt_args)
    files = [os.path.abspath(f) for f in files]
    name = server_name(AppPaths.resolve(home).data_dir)
    if forward_to_running(name, files):
        return 0
    try:
        ctx = AppContext.open(home, with_bus=True)
    except CollectorError as exc:
        return _fail(str(exc))
    services = Services(ctx)
    crash_reporter = CrashReporter(ctx.paths.log_path, app)
    crash_reporter.install()
    server = SingleInstanceServer(name)
    server.listen()
    try:
        window = MainWindow(services)
        server.files_received.connect(window.receive_files)
        file_open = FileOpenFilter(window.receive_files, app)  # macOS double-click
        app.installEventFilter(file_open)
        _follow_colour_scheme(app, window)
        if os.environ.get(EXIT_AFTER_SHOW_ENV):
            hook = _ExitAfterFirstPaint(window)
            window.installEventFilter(hook)
        window.show()
        if files:
            QTimer.singleShot(0, lambda: window.receive_files(files))
        return qasync.run(_until_quit(app))
    finally:
        server.close()
        # Background work was told to stop when the window closed; a stuck network call
        # must not keep the process alive for long.
        QThreadPool.globalInstance().waitForDone(EXIT_WAIT_MS)
        services.close()
        crash_reporter.uninstall()


def run_self_test(qt_args: list[str]) -> int:
    """Open a DB in a temp home, migrate, build the window offscreen: proves a build works."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application(qt_args)
    with tempfile.TemporaryDirectory(prefix="cdcollector-selftest-",
                                     ignore_cleanup_errors=True) as home:
        ctx = AppContext.open(home, with_bus=True)
        services = Services(ctx)
        try:
            if ctx.db.schema_version() is None:
                return _fail("self-test: the database was not migrated")
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
