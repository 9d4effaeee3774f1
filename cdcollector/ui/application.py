"""CD-Collector's QApplication: turns the system's "open this file" events into a signal."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication


class CollectorApplication(QApplication):
    """Emits `files_opened([path])` for each QFileOpenEvent (a macOS double-click, say).

    An override of event(), not an event filter on the application: such a filter would run
    Python for every event of every widget, for as long as the app is open.
    """

    files_opened = Signal(list)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self.files_opened.emit([path])
                return True
        return super().event(event)
