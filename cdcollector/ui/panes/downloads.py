"""Downloads pane: the live queue table, its actions, a summary line, review and batch notices."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.domain.types import DownloadState
from cdcollector.services.download_views import DownloadJobView
from cdcollector.ui import tokens
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.delegates.progress_delegate import ProgressDelegate
from cdcollector.ui.dialogs.review_dialog import ReviewDialog
from cdcollector.ui.models import download_jobs as cols
from cdcollector.ui.models.download_feed import DownloadJobFeed
from cdcollector.ui.models.download_jobs import JOB_ROLE, PROGRESS_ROLE, DownloadJobModel
from cdcollector.ui.widgets.batch_notice import BatchNotifier, BatchWatcher, NoticeBar
from cdcollector.ui.widgets.download_actions import DownloadActions
from cdcollector.ui.widgets.empty_state import EmptyState

COLUMN_WIDTHS = {cols.STATE: 150, cols.PROGRESS: 270, cols.SPEED: 90, cols.ETA: 70,
                 cols.SCORE: 60}


def summary_line(jobs: list[DownloadJobView], paused: bool) -> str:
    """"2 active · 5 queued · 1 failed", plus what waits for review and whether it is paused."""
    states = [job.state for job in jobs]
    parts = [f"{sum(s.is_active for s in states)} active",
             f"{states.count(DownloadState.QUEUED)} queued",
             f"{states.count(DownloadState.FAILED)} failed"]
    review = states.count(DownloadState.NEEDS_REVIEW)
    if review:
        parts.append(f"{review} to review")
    done = states.count(DownloadState.DONE)
    if done:
        parts.append(f"{done} done")
    if paused:
        parts.append("paused")
    return " · ".join(parts)


class DownloadsPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus
        self.service = None
        self.feed: DownloadJobFeed | None = None
        self.review_dialog: ReviewDialog | None = None
        self.loaded = False
        self.calls = BackgroundCalls(self)
        self.model = DownloadJobModel(self)
        self.watcher = BatchWatcher()
        self.actions = DownloadActions(self, self.selected_jobs, self.calls, self.bus)
        self._build()
        self.actions.review_requested.connect(self.open_review)
        self.actions.finished.connect(lambda _name: self._update_controls())
        self.connect_service()
        self._update_controls()

    def _build(self) -> None:
        self.empty = EmptyState(
            "download", "Nothing downloading",
            "Find music in Discovery and press Download; it is fetched, converted and tagged here.",
            "Go to Discovery")
        self.empty.activated.connect(lambda: self.navigate_requested.emit("discovery"))
        self.blocked = EmptyState("warning", "Downloads are busy elsewhere", "", "Retry")
        self.blocked.activated.connect(self.connect_service)

        self.toolbar = QToolBar()
        self.toolbar.setIconSize(tokens.TOOLBAR_ICON)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in self.actions.toolbar_actions():
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.notice = NoticeBar()
        self.notifier = BatchNotifier(self.notice, self.bus, self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(cols.PROGRESS,
                                            ProgressDelegate(PROGRESS_ROLE, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(cols.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(cols.ARTIST, 170)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_controls)
        self.summary = QLabel()
        self.summary.setObjectName("downloadSummary")
        self.summary.setContentsMargins(tokens.MARGIN, tokens.SPACING // 2, tokens.MARGIN,
                                        tokens.SPACING // 2)

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for widget in (self.toolbar, self.notice, self.table, self.summary):
            column.addWidget(widget, 1 if widget is self.table else 0)
        self.table_page = page
        self.stack = QStackedWidget()
        for widget in (self.table_page, self.empty, self.blocked):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- the service --------------------------------------------------------------------

    def connect_service(self) -> None:
        """Start (or join) the download engine; another window or command holding the queue
        is a state of the pane with a Retry button, not a crash."""
        if self.service is not None:
            return
        try:
            service = self.services.downloads
        except CollectorError as exc:
            self.blocked.set_text("Downloads are busy elsewhere", str(exc))
            self.stack.setCurrentWidget(self.blocked)
            return
        self.service = self.actions.service = service
        self.actions.paused = service.paused
        self.feed = DownloadJobFeed(service, self.bus, self.model, self.calls, parent=self)
        self.feed.updated.connect(self._loaded)
        self.feed.failed.connect(self.bus.error.emit)
        self.stack.setCurrentWidget(self.table_page)
        self.feed.refresh()

    @property
    def is_blocked(self) -> bool:
        return self.service is None

    @property
    def busy(self) -> bool:
        """An action's service call or a table update is still under way."""
        return bool(self.actions.running) or (self.feed is not None and self.feed.busy)

    def _loaded(self) -> None:
        """After every flush of the feed (at most ten a second)."""
        self.loaded = True
        self.stack.setCurrentWidget(self.table_page if self.model.rowCount() else self.empty)
        self._update_controls()
        message = self.watcher.observe(self.model.jobs())
        if message:
            self.notifier.notify(message)

    def _update_controls(self) -> None:
        jobs = self.model.jobs()
        self.actions.update_enabled(jobs)
        self.summary.setText(summary_line(jobs, self.actions.paused))

    # --- selection, menu, review --------------------------------------------------------

    def selected_jobs(self) -> list[DownloadJobView]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.job_at(row) for row in rows]

    def context_menu(self):
        self._update_controls()
        return self.actions.menu(self)

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _double_clicked(self, index: QModelIndex) -> None:
        job = index.data(JOB_ROLE)
        if job is not None and job.state == DownloadState.NEEDS_REVIEW:
            self.open_review(job)

    def open_review(self, job: DownloadJobView) -> ReviewDialog:
        self.review_dialog = ReviewDialog(job, self)
        self.review_dialog.chosen.connect(self.actions.choose)
        self.review_dialog.open()
        return self.review_dialog
