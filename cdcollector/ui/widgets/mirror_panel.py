"""Settings → Accounts → Mirrors: each mirror's options and state, Sync now, history, interval."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError
from cdcollector.services.sync_views import MirrorView, SyncRunView
from cdcollector.ui import tokens
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.dialogs.mirror_history_dialog import MirrorHistoryDialog
from cdcollector.ui.dialogs.table_dialog import row_table
from cdcollector.ui.models.mirrors import MirrorRow, MirrorsModel, state_text

INTERVAL_SAVE_DELAY_MS = 600
MAX_INTERVAL_MIN = 24 * 60


class MirrorPanel(QGroupBox):
    """Reads mirrors from SyncService (short DB reads); syncs run in pool threads."""

    mirrors_changed = Signal(list)  # list[MirrorView], after every refresh

    def __init__(self, services, settings_service, scheduler=None, parent: QWidget | None = None):
        super().__init__("Mirrors", parent)
        self.services = services
        self.sync = services.sync
        self.settings_service = settings_service
        self.scheduler = scheduler
        self.calls = BackgroundCalls(self)
        self.history_dialog: MirrorHistoryDialog | None = None
        self._syncing: set[int] = set()

        self.model = MirrorsModel(self)
        self.model.option_changed.connect(self._set_option)
        self.table = row_table(self.model, stretch=2)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.empty_label = QLabel("No mirrors yet: tick a Spotify playlist or add a YouTube "
                                  "playlist link above.")
        self.empty_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.sync_button = QPushButton("Sync now")
        self.sync_button.clicked.connect(lambda: self.sync_current())
        self.history_button = QPushButton("Sync history…")
        self.history_button.clicked.connect(self.show_history)
        self.duplicate_button = QPushButton(tokens.icon("duplicate"), "Duplicate as my playlist")
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.remove_button = QPushButton(tokens.icon("delete"), "Stop mirroring")
        self.remove_button.setToolTip("The local playlist stays, as your own editable playlist.")
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (self.sync_button, self.history_button, self.duplicate_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.interval = QSpinBox(minimum=0, maximum=MAX_INTERVAL_MIN, suffix=" min",
                                 singleStep=15)
        self.interval.setSpecialValueText("off")
        self.interval.setValue(settings_service.get().sync_interval_min)
        self._interval_timer = QTimer(self, singleShot=True, interval=INTERVAL_SAVE_DELAY_MS)
        self._interval_timer.timeout.connect(self.save_interval)
        self.interval.valueChanged.connect(lambda _v: self._interval_timer.start())
        self.sync_all_button = QPushButton("Sync all now")
        self.sync_all_button.clicked.connect(self.sync_all)
        interval_row = QHBoxLayout()
        interval_row.addWidget(QLabel("Sync enabled mirrors every"))
        interval_row.addWidget(self.interval)
        interval_row.addWidget(QLabel("while CD-Collector is open (0 = off)."))
        interval_row.addStretch(1)
        interval_row.addWidget(self.sync_all_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addLayout(interval_row)
        services.bus.sync_finished.connect(self._on_sync_finished)
        self.refresh()

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            mirrors = self.sync.mirrors()
            rows = [MirrorRow(m, self._last_run(m.id), m.id in self._syncing) for m in mirrors]
        except CollectorError as exc:
            self._message(str(exc))
            return
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows and not self.table.currentIndex().isValid():
            self.select_mirror(rows[0].mirror.id)
        self._update_buttons()
        self.mirrors_changed.emit(mirrors)

    def _last_run(self, mirror_id: int) -> SyncRunView | None:
        runs = self.sync.history(mirror_id, limit=1)
        return runs[0] if runs else None

    def _on_sync_finished(self, _source_id: int) -> None:
        self.refresh()

    def current_mirror(self) -> MirrorView | None:
        index = self.table.currentIndex()
        return self.model.mirror_at(index.row()) if index.isValid() else None

    def select_mirror(self, mirror_id: int) -> None:
        row = self.model.row_of(mirror_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _update_buttons(self, *_args) -> None:
        mirror = self.current_mirror()
        for button in (self.history_button, self.remove_button):
            button.setEnabled(mirror is not None)
        self.sync_button.setEnabled(mirror is not None and mirror.id not in self._syncing)
        self.duplicate_button.setEnabled(mirror is not None and mirror.playlist_id is not None)
        if mirror is not None:
            row = MirrorRow(mirror, self._last_run(mirror.id), mirror.id in self._syncing)
            self.detail_label.setText(f"{mirror.name}: {state_text(row)}")
        else:
            self.detail_label.clear()

    # --- actions ------------------------------------------------------------------------

    def _set_option(self, mirror_id: int, field: str, value: bool) -> None:
        try:
            self.sync.set_options(mirror_id, **{field: value})
        except CollectorError as exc:
            self._message(str(exc))
        self.refresh()

    def sync_current(self, mirror_id: int | None = None) -> bool:
        """Sync one mirror (the selected one by default) in a pool thread."""
        if mirror_id is None:
            mirror = self.current_mirror()
            if mirror is None:
                return False
            mirror_id = mirror.id
        if mirror_id in self._syncing:
            return False
        self._syncing.add(mirror_id)
        self.calls.run(lambda: self.sync.sync(mirror_id),
                       lambda run: self._sync_done(mirror_id, run),
                       lambda error: self._sync_done(mirror_id, None, error))
        self.refresh()
        return True

    def _sync_done(self, mirror_id: int, run: SyncRunView | None,
                   error: CollectorError | None = None) -> None:
        self._syncing.discard(mirror_id)
        self.refresh()
        if error is not None:
            self._message(str(error))

    def sync_all(self) -> None:
        if self.scheduler is not None:
            started = self.scheduler.run_now()
            self._message("Syncing every enabled mirror that is not paused…" if started
                                       else "A sync of all mirrors is already running.")
            return
        for mirror in self.sync.due():
            self.sync_current(mirror.id)

    def show_history(self) -> None:
        mirror = self.current_mirror()
        if mirror is None:
            return
        self.history_dialog = MirrorHistoryDialog(self.services, mirror.id, self)
        self.history_dialog.open()

    def duplicate_current(self) -> None:
        mirror = self.current_mirror()
        if mirror is None or mirror.playlist_id is None:
            return
        try:
            info = self.services.playlists.duplicate(mirror.playlist_id)
        except CollectorError as exc:
            self._message(str(exc))
            return
        message = f"Created “{info.name}”, your own editable copy, in Playlists."
        self._message(message)
        self.services.bus.status_message.emit(message)

    def remove_current(self) -> None:
        mirror = self.current_mirror()
        if mirror is None:
            return
        try:
            self.sync.remove(mirror.id)
        except CollectorError as exc:
            self._message(str(exc))
            return
        self.refresh()
        kept = " Its playlist is now yours to edit." if mirror.playlist_id else ""
        self._message(f"Stopped mirroring “{mirror.name}”.{kept}")

    def save_interval(self) -> None:
        self._interval_timer.stop()
        try:
            self.settings_service.update(sync_interval_min=self.interval.value())
        except CollectorError as exc:
            self._message(str(exc))
            return
        if self.scheduler is not None:
            self.scheduler.apply_interval()

    def _message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def close_down(self) -> None:
        if self._interval_timer.isActive():
            self.save_interval()
