"""Burner drive list with refresh and media status, both asked for off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cdcollector.burning import redbook
from cdcollector.burning.backends.base import Drive, MediaInfo
from cdcollector.domain.errors import CollectorError, NoDriveError
from cdcollector.ui.background import BackgroundCalls


def media_text(media: MediaInfo) -> str:
    if not media.present:
        return "No disc in the drive: insert a blank CD-R."
    if not media.blank:
        return f"The disc is not blank. {media.detail}".strip()
    if media.capacity_sectors:
        return f"Blank disc, {redbook.format_duration(media.capacity_sectors)} free."
    return "Blank disc."


class DrivePicker(QWidget):
    """`changed` whenever the drive list or the media status changes (or a search starts)."""

    changed = Signal()

    def __init__(self, burner, preferred_device: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._burner = burner
        self.preferred_device = preferred_device  # the settings' burner, chosen when found
        self._calls = BackgroundCalls(self)
        self._backend = "image"
        self.drives: list[Drive] = []
        self.media: MediaInfo | None = None
        self.problem = ""  # why no drive could be listed
        self.searching = False
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(20)
        self.combo.setPlaceholderText("No burner found")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Look for burners again and check the disc")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.refresh_button.clicked.connect(self.refresh)
        self.combo.currentIndexChanged.connect(self._drive_chosen)

    # --- state ----------------------------------------------------------------------------

    @property
    def needs_drive(self) -> bool:
        return self._backend != "image"

    @property
    def no_drive(self) -> bool:
        """A disc backend is chosen, the search is over, and it found no burner."""
        return self.needs_drive and not self.searching and not self.drives

    def device(self) -> str | None:
        return self.combo.currentData() if self.drives else None

    def set_backend(self, name: str) -> None:
        self._backend = name
        self.combo.setVisible(self.needs_drive)
        self.refresh_button.setVisible(self.needs_drive)
        self.refresh()

    # --- asking ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.drives, self.media, self.problem = [], None, ""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.blockSignals(False)
        if not self.needs_drive:
            self._calls.supersede("drives")
            self._calls.supersede("media")
            self.searching = False
            self.status.setText("A disc image needs no burner: choose a folder when you start.")
            self.changed.emit()
            return
        self.searching = True
        self.status.setText("Looking for burners…")
        backend = self._backend
        self._calls.run(lambda: self._burner.drives(backend), self._drives_found,
                        self._drives_failed, channel="drives")
        self.changed.emit()

    def probe(self) -> None:
        device = self.device()
        if device is None:
            return
        self.media = None
        self.status.setText("Checking the disc…")
        backend = self._backend
        self._calls.run(lambda: self._burner.probe_media(device, backend), self._media_found,
                        self._media_failed, channel="media")
        self.changed.emit()

    def _drives_found(self, drives: list[Drive]) -> None:
        self.searching = False
        self.drives = list(drives)
        self.combo.blockSignals(True)
        for drive in self.drives:
            self.combo.addItem(f"{drive.label} ({drive.id})", drive.id)
        preferred = self.combo.findData(self.preferred_device)
        self.combo.setCurrentIndex(max(preferred, 0) if self.drives else -1)
        self.combo.blockSignals(False)
        if not self.drives:
            self.status.setText("No CD burner was found. You can create a disc image instead.")
            self.changed.emit()
            return
        self.changed.emit()
        self.probe()

    def _drives_failed(self, error: CollectorError) -> None:
        self.searching = False
        self.problem = str(error)
        prefix = "" if isinstance(error, NoDriveError) else "No CD burner could be used: "
        self.status.setText(f"{prefix}{error} You can create a disc image instead.")
        self.changed.emit()

    def _drive_chosen(self, _index: int) -> None:
        self.probe()

    def _media_found(self, media: MediaInfo) -> None:
        self.media = media
        self.status.setText(media_text(media))
        self.changed.emit()

    def _media_failed(self, error: CollectorError) -> None:
        self.media = None
        self.status.setText(f"Could not check the disc: {error}")
        self.changed.emit()
