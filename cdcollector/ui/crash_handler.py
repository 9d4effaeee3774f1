"""Unhandled exceptions: written to the log, shown as a plain dialog naming the log file."""

from __future__ import annotations

import sys
import threading
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from cdcollector.domain.errors import CollectorError


def describe(exc: BaseException) -> str:
    """The one line a user reads: our own errors speak for themselves, others are summarised."""
    if isinstance(exc, CollectorError):
        return str(exc)
    return f"Something went wrong inside CD-Collector ({type(exc).__name__}: {exc})."


class CrashReporter(QObject):
    """Installs sys/threading excepthooks; dialogs are always shown on the GUI thread."""

    def __init__(self, log_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.log_path = log_path
        self.shown: list[str] = []  # messages shown, newest last (tests read this)
        self._dialog_open = False
        self._previous_hooks = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous_hooks

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        # Imported here and in _show: this module is loaded before the window's first paint.
        import logging
        import traceback

        text = "".join(traceback.format_exception(exc_type, exc, tb))
        logging.getLogger("cdcollector.crash").error("Unhandled exception\n%s", text)
        # On this object's (the GUI) thread, and later: never inside the failing call itself.
        QTimer.singleShot(0, self, partial(self._show, describe(exc)))

    def _sys_hook(self, exc_type, exc, tb) -> None:
        self.handle(exc_type, exc, tb)

    def _thread_hook(self, args) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, message: str) -> None:
        self.shown.append(message)
        if self._dialog_open or QApplication.platformName() == "offscreen":
            return  # one dialog at a time; nobody can click one offscreen
        self._dialog_open = True
        from PySide6.QtWidgets import QMessageBox

        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("CD-Collector")
            box.setText(message)
            box.setInformativeText(
                "Your library is safe. The details are in the log:\n" f"{self.log_path}"
            )
            box.exec()
        finally:
            self._dialog_open = False
