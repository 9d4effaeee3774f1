"""Turns the system's "open this file" events (macOS double-click, QFileOpenEvent) into files."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Installed on the QApplication; hands each opened file to `receive([path])`."""

    def __init__(self, receive: Callable[[list[str]], None], parent: QObject | None = None):
        super().__init__(parent)
        self._receive = receive

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self._receive([path])
                return True
        return False
