"""Tells the user a batch of downloads finished: a tray message, or a bar in the window."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from cdcollector.domain.types import DownloadState
from cdcollector.services.download_views import DownloadJobView
from cdcollector.ui import tokens
from cdcollector.ui.widgets.banner import DismissableBar

TRAY_MESSAGE_MS = 8000
NOTICE_HIDE_MS = 30_000
TITLE = "Downloads finished"
_ENDED = {DownloadState.DONE, DownloadState.FAILED, DownloadState.NEEDS_REVIEW}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class BatchWatcher:
    """A batch is every job that waited or ran since the queue was last quiet (or appeared
    already finished, when it ran between two looks); it finishes when none waits or runs any
    more. A pause keeps jobs queued, so it never ends a batch."""

    def __init__(self) -> None:
        self._batch: set[int] = set()
        self._known: set[int] | None = None  # ids seen at the last look; None before the first

    def observe(self, jobs: Iterable[DownloadJobView]) -> str | None:
        """The message to show when this state of the queue ends a batch, else None."""
        jobs = list(jobs)
        pending = {j.id for j in jobs if j.state == DownloadState.QUEUED or j.state.is_active}
        self._batch |= pending
        if self._known is not None:
            self._batch |= {j.id for j in jobs if j.id not in self._known and j.state in _ENDED}
        self._known = {j.id for j in jobs}
        if pending or not self._batch:
            return None
        ended = [j.state for j in jobs if j.id in self._batch]
        self._batch = set()
        done = ended.count(DownloadState.DONE)
        failed = ended.count(DownloadState.FAILED)
        review = ended.count(DownloadState.NEEDS_REVIEW)
        parts = [_count(done, "song downloaded", "songs downloaded")] if done else []
        if failed:
            parts.append(f"{failed} failed")
        if review:
            parts.append(_count(review, "needs review", "need review"))
        return ", ".join(parts) + "." if parts else None


class NoticeBar(DismissableBar):
    """A quiet, dismissable line inside the window (where no tray is available)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("noticeBar", "done", NOTICE_HIDE_MS, parent)

    def _stylesheet(self, c) -> str:
        return (f"#noticeBar {{ background: {c.header_background}; "
                f"border-bottom: 1px solid {c.border}; }}")

    def show_notice(self, text: str) -> None:
        self.show_text(text)


class BatchNotifier(QObject):
    """Shows a message in the system tray when there is one, else in `fallback` and on the
    status line (through the bus)."""

    def __init__(self, fallback: NoticeBar, bus=None, parent: QObject | None = None):
        super().__init__(parent)
        self._fallback = fallback
        self._bus = bus
        self.tray: QSystemTrayIcon | None = None
        self.last_message: str | None = None

    def notify(self, message: str) -> None:
        self.last_message = message
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(tokens.icon("app"), self)
                self.tray.setToolTip("CD-Collector")
            self.tray.show()
            self.tray.showMessage(TITLE, message, QSystemTrayIcon.MessageIcon.Information,
                                  TRAY_MESSAGE_MS)
            QTimer.singleShot(TRAY_MESSAGE_MS, self.tray.hide)  # no lasting tray icon
            return
        self._fallback.show_notice(f"{TITLE}: {message}")
        if self._bus is not None:
            self._bus.status_message.emit(f"{TITLE}: {message}")
