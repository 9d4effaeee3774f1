"""Burner pane: a playlist, its disc layout and CD-TEXT, drive and options, Burn, live progress."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cdcollector.domain.errors import CollectorError, MediaError, NoDriveError
from cdcollector.services.burner import disc_performer
from cdcollector.ui import tokens
from cdcollector.ui.background import BackgroundCalls
from cdcollector.ui.dialogs.burn_history_dialog import BurnHistoryDialog
from cdcollector.ui.dialogs.disc_plan_dialog import DiscPlanDialog
from cdcollector.ui.models.burn_tracks import BurnTrackModel, rows_from_plan
from cdcollector.ui.widgets.burn_options import BurnOptionsBox
from cdcollector.ui.widgets.burn_progress import BurnProgressPanel
from cdcollector.ui.widgets.burn_runner import BurnRunner
from cdcollector.ui.widgets.capacity_meter import CapacityMeter
from cdcollector.ui.widgets.cdtext_preview import CdTextPreviewBox
from cdcollector.ui.widgets.drive_picker import DrivePicker
from cdcollector.ui.widgets.empty_state import EmptyState
from cdcollector.ui.widgets.playlist_chooser import PlaylistChooser
from cdcollector.ui.widgets.refusal_bar import RefusalBar

CREATE_IMAGE = "Create disc image…"


class BurnerPane(QWidget):
    navigate_requested = Signal(str)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bus = services.bus
        self.burner = services.burner
        self.plan = None
        self.plan_dialog: DiscPlanDialog | None = None
        self.history_dialog: BurnHistoryDialog | None = None
        self._output_dir: Path | None = None
        self._calls = BackgroundCalls(self)
        self._replan_timer = QTimer(self, singleShot=True, interval=0)
        self._replan_timer.timeout.connect(self.replan)
        self._build()
        self._connect()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_colours)
        self._calls.run(self.burner.backends, self.options.set_backends,
                        lambda e: self.bus.error.emit(str(e)), channel="backends")
        self._update_empty()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        settings = self.services.ctx.settings
        self.chooser = PlaylistChooser(self.services.playlists, self.bus)
        self.print_button = QPushButton("Print insert…")
        self.print_button.setToolTip("Save a jewel-case insert (front and back tray card) as PDF")
        top = QHBoxLayout()
        top.addWidget(QLabel("Playlist"))
        top.addWidget(self.chooser, 1)
        top.addWidget(self.print_button)
        self.history_button = QPushButton("History…")
        self.history_button.setToolTip("What was burned before; burn the same disc again")
        top.addWidget(self.history_button)

        self.meter = CapacityMeter()
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tracks = BurnTrackModel(self)
        self.table = QTableView()
        self.table.setModel(self.tracks)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.refusal = RefusalBar()
        self.progress = BurnProgressPanel()
        # a lambda, so a replaced `confirm` (tests) is the one asked
        self.runner = BurnRunner(self.burner, self.bus, self.progress,
                                 lambda title, text: self.confirm(title, text), self)
        self.burn_button = QPushButton("Burn CD")
        self.burn_button.setIconSize(tokens.SIDEBAR_ICON)
        big = QFont(self.burn_button.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setWeight(QFont.Weight.DemiBold)
        self.burn_button.setFont(big)
        self.burn_button.setMinimumHeight(44)
        self.burn_button.setDefault(True)
        self.burn_button.setObjectName("burnButton")
        self.apply_colours()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.meter)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.refusal)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.burn_button)

        self.drive_picker = DrivePicker(self.burner, settings.burner_device)
        drive_box = QGroupBox("Burner")
        QVBoxLayout(drive_box).addWidget(self.drive_picker)
        self.options = BurnOptionsBox(settings)
        self.cdtext = CdTextPreviewBox()
        cdtext_box = QGroupBox("CD-TEXT (what players will show)")
        QVBoxLayout(cdtext_box).addWidget(self.cdtext)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(drive_box)
        right_layout.addWidget(self.options)
        right_layout.addWidget(cdtext_box, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(tokens.MARGIN, tokens.MARGIN, tokens.MARGIN,
                                          tokens.MARGIN)
        content_layout.addLayout(top)
        content_layout.addWidget(splitter, 1)

        self.empty = EmptyState(
            "burn", "Choose a playlist to burn",
            "Make a playlist first, or double-click a playlist file, to burn an audio CD or "
            "a disc image.", "Go to Playlists")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        QVBoxLayout(self).addWidget(self.stack)
        self.layout().setContentsMargins(0, 0, 0, 0)

    def apply_colours(self) -> None:
        """Colours for the scheme the system is in now (called again when it changes)."""
        c = tokens.colours()
        # the selected-row variant is drawn in the accent text colour, as the button's text
        self.burn_button.setIcon(QIcon(tokens.icon("burn").pixmap(tokens.SIDEBAR_ICON,
                                                                  QIcon.Mode.Selected)))
        self.burn_button.setStyleSheet(
            f"#burnButton {{ background: {c.accent}; color: {c.accent_text}; border: none; "
            f"border-radius: 6px; padding: 0 {tokens.MARGIN}px; }} "
            f"#burnButton:disabled {{ background: {c.button}; color: {c.muted_text}; }}")
        self.refusal.apply_colours()

    def _connect(self) -> None:
        self.empty.activated.connect(lambda: self.navigate_requested.emit("playlists"))
        self.chooser.chosen.connect(self._playlist_chosen)
        self.print_button.clicked.connect(self.print_insert)
        self.history_button.clicked.connect(self.show_history)
        self.burn_button.clicked.connect(lambda: self.burn())
        self.options.layout_changed.connect(self.schedule_replan)
        self.options.backend_changed.connect(self._backend_changed)
        self.options.simulate.toggled.connect(lambda _on: self._update_controls())
        self.drive_picker.changed.connect(self.schedule_replan)
        self.runner.state_changed.connect(lambda _state: self._update_controls())
        self.runner.start_failed.connect(self._start_failed)
        self.bus.playlists_changed.connect(self._update_empty)
        self.bus.playlist_changed.connect(self._playlist_changed)
        self.bus.open_playlist_for_burning.connect(self.open_playlist)
        self.bus.open_file_requested.connect(self.open_file)

    # --- choosing -------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self.runner.state

    @property
    def job(self):
        return self.runner.job

    def playlist_id(self) -> int | None:
        return self.chooser.current_id()

    def open_playlist(self, playlist_id: int) -> None:
        """"Burn…" from the Playlists pane: show that playlist here."""
        if not self.runner.idle:
            self.navigate_requested.emit("burner")
            self.bus.status_message.emit("A burn is running: let it finish (or cancel it) "
                                         "before choosing another playlist.")
            return
        if self.chooser.select(playlist_id):
            self._update_empty()
            self.navigate_requested.emit("burner")

    def open_file(self, path: str) -> None:
        """A double-clicked playlist file: import it (off the UI thread), then show it."""
        self.bus.status_message.emit(f"Reading {Path(path).name}…")
        self._calls.run(lambda: self.services.playlists.import_file(path), self._file_imported,
                        lambda e: self.bus.error.emit(str(e)), channel="import")

    def _file_imported(self, result) -> None:
        self.open_playlist(result.playlist.id)
        notes = []
        if result.missing:
            notes.append(f"{result.missing} without an audio file")
        if result.unresolved:
            notes.append(f"{len(result.unresolved)} not found in the library")
        extra = f" ({'; '.join(notes)})" if notes else ""
        self.bus.status_message.emit(f"Opened “{result.playlist.name}”{extra}.")

    def _playlist_chosen(self, _playlist_id: int) -> None:
        self.refusal.hide_refusal()
        if self.state == "idle":
            self.progress.hide()
        self.schedule_replan()

    def _playlist_changed(self, playlist_id: int) -> None:
        if playlist_id == self.playlist_id():
            self.schedule_replan()

    def _update_empty(self) -> None:
        self.stack.setCurrentIndex(1 if self.chooser.count() else 0)

    def _backend_changed(self, name: str) -> None:
        self.drive_picker.set_backend(name)
        self.schedule_replan()

    # --- the plan -------------------------------------------------------------------------

    def schedule_replan(self) -> None:
        self._replan_timer.start()

    def _media(self):
        return self.drive_picker.media if self.drive_picker.needs_drive else None

    def replan(self) -> None:
        """Lay the playlist out with the current options and show what will be written."""
        playlist_id = self.playlist_id()
        self.plan = None
        if playlist_id is not None:
            media = self._media()
            capacity = media.capacity_sectors if media and media.present else None
            try:
                self.plan = self.burner.plan(playlist_id, self.options.request(), capacity)
            except CollectorError as exc:
                self.bus.error.emit(str(exc))
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            self.tracks.clear()
            self.meter.set_values(0, self.meter.capacity_sectors)
            self.summary.clear()
            self.cdtext.clear()
        else:
            self.tracks.set_rows(rows_from_plan(plan), plan.fit.capacity_sectors)
            self.meter.set_values(plan.fit.used_sectors, plan.fit.capacity_sectors)
            count = len(plan.tracks)
            parts = [f"{count} track{'s' if count != 1 else ''}", *plan.fit.warnings]
            self.summary.setText(" · ".join(parts))
            info = self.options.backend_info()
            self.cdtext.show_plan(plan, self.options.writes_cdtext(), info.note if info else "")
        self._update_controls()
        if self.state == "idle":
            self._show_refusal()

    def _update_controls(self) -> None:
        idle = self.state == "idle"
        has_tracks = bool(self.plan and self.plan.tracks)
        image = self.options.backend_name() == "image" or self.drive_picker.no_drive
        simulate = self.options.simulate.isChecked()
        self.burn_button.setText(CREATE_IMAGE if image else
                                 "Simulate burn" if simulate else "Burn CD")
        self.burn_button.setEnabled(idle and has_tracks and not self.drive_picker.searching)
        self.print_button.setEnabled(has_tracks)
        for widget in (self.chooser, self.options, self.drive_picker, self.history_button):
            widget.setEnabled(idle)

    # --- refusals -------------------------------------------------------------------------

    def refusals(self, for_image: bool = False):
        if self.plan is None:
            return []
        media = None if for_image else self._media()
        return [r for r in self.burner.refusals(self.plan, media)
                if r.kind != "over_capacity" or self.plan.tracks]

    def _show_refusal(self, for_image: bool = False) -> bool:
        """Show the first reason this burn cannot start, with its ways forward."""
        found = self.refusals(for_image)
        if not found:
            if self.drive_picker.no_drive and self.plan and self.plan.tracks:
                # the Burn button itself becomes "Create disc image…"
                self.refusal.show_refusal(
                    self.drive_picker.problem or "No CD burner was found. Create a disc image "
                    "now and burn it later, on any computer.", kind="no_drive")
            else:
                self.refusal.hide_refusal()
            return False
        refusal = found[0]
        actions = []
        if refusal.kind == "missing_files" and self._can_download():
            actions.append(("Download missing", self.download_missing))
        elif refusal.kind == "over_capacity" and self.plan.discs and self.plan.discs.ok:
            actions.append(("Show disc plan…", self.show_disc_plan))
        elif refusal.kind in ("no_media", "not_blank"):
            actions += [("Check again", self.drive_picker.probe), (CREATE_IMAGE,
                                                                    self.create_image)]
        self.refusal.show_refusal(refusal.message, actions, kind=refusal.kind)
        return True

    def _can_download(self) -> bool:
        return hasattr(type(self.services), "downloads")  # without starting the engine

    def download_missing(self) -> None:
        playlist_id = self.playlist_id()
        if playlist_id is None:
            return
        try:
            jobs = self.services.downloads.enqueue(self.services.burner.missing_refs(playlist_id))
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        if not jobs:  # the library still believes their files exist
            self.refusal.show_refusal(
                "Nothing was queued: the library still lists a file for these tracks, but it "
                "is gone. Add the music folder again so moved or deleted files are noticed, "
                "or remove the tracks from the playlist.", kind="download_nothing")
            return
        self.refusal.show_refusal(
            f"{len(jobs)} download{'s' if len(jobs) != 1 else ''} queued. The disc can be "
            "burned once they are done.", [("Show downloads",
                                             lambda: self.navigate_requested.emit("downloads"))],
            kind="downloading")

    def show_disc_plan(self) -> None:
        self.plan_dialog = DiscPlanDialog(self.plan.name, self.plan.discs, self)
        self.plan_dialog.accepted.connect(
            lambda: self.burn(disc_number=self.plan_dialog.chosen_disc))
        self.plan_dialog.open()

    # --- burning --------------------------------------------------------------------------

    def create_image(self) -> None:
        self.burn(image=True)

    def ask_folder(self) -> str:
        start = str(self._output_dir or self.services.ctx.settings.music_folder or Path.home())
        return QFileDialog.getExistingDirectory(self, "Create the disc image in", start)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def burn(self, disc_number: int | None = None, image: bool = False) -> None:
        playlist_id = self.playlist_id()
        if playlist_id is None or self.state != "idle":
            return
        request = self.options.request(disc_number=disc_number)
        image = image or request.backend == "image" or self.drive_picker.no_drive
        if disc_number is None and self._show_refusal(for_image=image):
            return
        if image:
            folder = self.ask_folder()
            if not folder:
                return
            self._output_dir = Path(folder)
            request = replace(request, backend="image", out_dir=folder)
        else:
            request = replace(request, device=self.drive_picker.device())
        self.refusal.hide_refusal()
        self.runner.launch(lambda: self.burner.start(playlist_id, request),
                           "Checking the disc…" if request.backend != "image" else "Starting…")

    def burn_again(self, burn_job_id: int) -> None:
        """The tracks and options of an earlier burn, even if the playlist changed since."""
        if self.runner.idle:
            self.refusal.hide_refusal()
            self.runner.launch(lambda: self.burner.burn_again(burn_job_id), "Starting…")

    def show_history(self) -> None:
        try:
            records = self.burner.history()
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        self.history_dialog = BurnHistoryDialog(records, self)
        self.history_dialog.accepted.connect(
            lambda: self.burn_again(self.history_dialog.chosen_id))
        self.history_dialog.open()

    def _start_failed(self, error: CollectorError) -> None:
        actions = []
        if isinstance(error, NoDriveError):
            actions.append((CREATE_IMAGE, self.create_image))
        elif isinstance(error, MediaError):
            actions += [("Check again", self.drive_picker.probe),
                        (CREATE_IMAGE, self.create_image)]
        self.refusal.show_refusal(str(error), actions, kind="start_failed")

    def cancel(self) -> None:
        self.runner.cancel()

    # --- insert ---------------------------------------------------------------------------

    def print_insert(self) -> None:
        from cdcollector.ui.print_insert import content_from_plan, write_insert_pdf  # PDF: rare

        if not self.plan or not self.plan.tracks:
            return
        start = (self._output_dir or Path.home()) / f"{self.plan.name} insert.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Save the CD insert as PDF",
                                                    str(start), "PDF (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            content = content_from_plan(self.plan, disc_performer(self.plan.tracks))
            write_insert_pdf(path, content)
        except CollectorError as exc:
            self.bus.error.emit(str(exc))
            return
        self.bus.status_message.emit(f"Insert saved to {path}")
