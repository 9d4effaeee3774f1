"""The Downloads pane's actions (pause, resume, cancel, retry, remove, review), run in the pool."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import DownloadState
from cdcollector.services.download_views import DownloadJobView
from cdcollector.ui import tokens
from cdcollector.ui.background import URGENT, BackgroundCalls

RETRYABLE = {DownloadState.FAILED, DownloadState.CANCELLED, DownloadState.NEEDS_REVIEW}


def cancellable(job: DownloadJobView) -> bool:
    return job.state == DownloadState.QUEUED or job.state.is_active


class DownloadActions(QObject):
    """QActions over the selected jobs; each service call runs on a pool thread (a remove of
    hundreds of jobs is hundreds of writes) and errors go to the bus as one line."""

    review_requested = Signal(object)  # the DownloadJobView to review
    finished = Signal(str)  # name of the action whose service call completed

    def __init__(self, owner: QWidget, selected: Callable[[], list[DownloadJobView]],
                 calls: BackgroundCalls, bus=None):
        super().__init__(owner)
        self.service = None
        self._selected = selected
        self._calls = calls
        self._bus = bus
        self.paused = False
        self.running = 0  # service calls in flight
        self.pause_action = self._make(owner, "Pause all", None, self.pause_all,
                                       "Stop downloading; running jobs go back to the queue")
        self.resume_action = self._make(owner, "Resume all", None, self.resume_all,
                                        "Start the queue again")
        self.cancel_action = self._make(owner, "Cancel", "remove", self.cancel,
                                        "Stop the selected downloads")
        self.retry_action = self._make(owner, "Retry", "redo", self.retry,
                                       "Try the selected failed or cancelled downloads again")
        self.remove_action = self._make(owner, "Remove", "delete", self.remove,
                                        "Take the selected downloads off the list")
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.review_action = self._make(owner, "Choose recording…", "needs-review",
                                        self.review, "Pick the right recording for this song")
        self.retry_failed_action = self._make(owner, "Retry all failed", None,
                                              self.retry_failed, "Try every failed download again")
        self.clear_done_action = self._make(owner, "Clear finished", None, self.clear_done,
                                            "Take finished downloads off the list (the files "
                                            "stay in your music folder)")
        self.show_file_action = self._make(owner, "Show in folder", "folder", self.show_file,
                                           "Open the folder the song was saved in")
        self._finished_ids: list[int] = []

    def _make(self, owner: QWidget, text: str, icon: str | None, slot, tip: str) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(tokens.icon(icon))
        action.setToolTip(tip)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    def toolbar_actions(self) -> list[QAction | None]:
        """In toolbar order; None is a separator."""
        return [self.pause_action, self.resume_action, None, self.cancel_action,
                self.retry_action, self.remove_action, self.review_action, None,
                self.retry_failed_action, self.clear_done_action]

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for action in (self.review_action, self.show_file_action, self.cancel_action,
                       self.retry_action, self.remove_action, None, self.pause_action,
                       self.resume_action, self.retry_failed_action, self.clear_done_action):
            if action is None:
                menu.addSeparator()
            elif action.isEnabled():
                menu.addAction(action)
        return menu

    def update_enabled(self, jobs: Sequence[DownloadJobView], any_failed: bool = False) -> None:
        selected = self._selected()
        ready = self.service is not None
        self.pause_action.setEnabled(ready and not self.paused)
        self.resume_action.setEnabled(ready and self.paused)
        self.cancel_action.setEnabled(ready and any(cancellable(j) for j in selected))
        self.retry_action.setEnabled(ready and any(j.state in RETRYABLE for j in selected))
        self.remove_action.setEnabled(ready and bool(selected))
        self.review_action.setEnabled(
            ready and len(selected) == 1 and selected[0].state == DownloadState.NEEDS_REVIEW)
        self.retry_failed_action.setEnabled(
            ready and any(j.state == DownloadState.FAILED for j in jobs))
        self._finished_ids = [j.id for j in jobs if j.state == DownloadState.DONE]
        self.clear_done_action.setEnabled(ready and bool(self._finished_ids))
        self.show_file_action.setEnabled(len(selected) == 1 and bool(selected[0].target_path)
                                         and selected[0].state == DownloadState.DONE)

    # --- the calls ----------------------------------------------------------------------

    def _run(self, name: str, function: Callable[[object], object] | None = None) -> None:
        """Call `service.<name>()` (or `function(service)`) on a pool thread."""
        service = self.service
        if service is None:
            return
        call = (lambda: function(service)) if function else getattr(service, name)
        self.running += 1
        self._calls.run(call, lambda _result: self._done(name), self._failed, priority=URGENT)

    def _done(self, name: str) -> None:
        self.running -= 1
        self.finished.emit(name)

    def _failed(self, error: CollectorError) -> None:
        if self._bus is not None:
            self._bus.error.emit(str(error))
        self._done("error")

    def _each(self, name: str, wanted: Callable[[DownloadJobView], bool]) -> None:
        ids = [job.id for job in self._selected() if wanted(job)]
        if ids:
            self._run(name, lambda service: [getattr(service, name)(i) for i in ids])

    def pause_all(self) -> None:
        self.paused = True
        self._run("pause_all")

    def resume_all(self) -> None:
        self.paused = False
        self._run("resume_all")

    def cancel(self) -> None:
        self._each("cancel", cancellable)

    def retry(self) -> None:
        self._each("retry", lambda job: job.state in RETRYABLE)

    def remove(self) -> None:
        self._each("remove", lambda _job: True)

    def retry_failed(self) -> None:
        self._run("retry_failed")

    def clear_done(self) -> None:
        ids = list(self._finished_ids)
        if ids:
            self._run("remove", lambda service: [service.remove(i) for i in ids])

    def show_file(self) -> None:
        selected = self._selected()
        if len(selected) == 1 and selected[0].target_path:
            folder = Path(selected[0].target_path).parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def choose(self, job_id: int, choice: str) -> None:
        self._run("choose", lambda service: service.choose(job_id, choice))

    def review(self) -> None:
        selected = self._selected()
        if len(selected) == 1 and selected[0].state == DownloadState.NEEDS_REVIEW:
            self.review_requested.emit(selected[0])
