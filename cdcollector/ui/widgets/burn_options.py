"""Burn options form: backend (and why others are missing), speed, gaps, levelling, disc size."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from cdcollector.services.burner import BackendInfo, BurnRequest

BACKEND_LABELS = {
    "cdrecord": "cdrecord / wodim",
    "cdrdao": "cdrdao",
    "imapi2": "Windows burner (IMAPI2)",
    "image": "Disc image (BIN/CUE + TOC)",
}
SPEEDS = (0, 4, 8, 16, 24, 32, 48)
LEVELLING = (("off", "Off"), ("track", "Per track"), ("album", "Per album"))
MEDIA = ((74, "74 min (650 MB)"), (80, "80 min (700 MB)"), (90, "90 min"), (99, "99 min"))


def _select(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class BurnOptionsBox(QGroupBox):
    """`layout_changed` when the disc layout changes (gaps, disc size); `backend_changed`."""

    layout_changed = Signal()
    backend_changed = Signal(str)

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__("Options", parent)
        self._infos: dict[str, BackendInfo] = {}
        self.backend = QComboBox()
        self.backend_note = QLabel()
        self.backend_note.setWordWrap(True)
        self.backend_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem("Drive's choice" if speed == 0 else f"{speed}×", speed)
        self.simulate = QCheckBox("Simulate (laser off)")
        self.eject = QCheckBox("Eject when done")
        self.gap = QDoubleSpinBox()
        self.gap.setRange(0.0, 10.0)
        self.gap.setSingleStep(0.5)
        self.gap.setDecimals(1)
        self.gap.setSuffix(" s")
        self.gapless = QCheckBox("No gaps inside an album")
        self.levelling = QComboBox()
        for value, label in LEVELLING:
            self.levelling.addItem(label, value)
        self.media = QComboBox()
        for minutes, label in MEDIA:
            self.media.addItem(label, minutes)

        checks = QHBoxLayout()
        checks.addWidget(self.simulate)
        checks.addWidget(self.eject)
        checks.addStretch(1)
        form = QFormLayout(self)
        form.addRow("Write with", self.backend)
        form.addRow("", self.backend_note)
        form.addRow("Speed", self.speed)
        form.addRow("", checks)
        form.addRow("Gap between tracks", self.gap)
        form.addRow("", self.gapless)
        form.addRow("Levelling", self.levelling)
        form.addRow("Disc", self.media)

        self.load_settings(settings)
        self.backend.currentIndexChanged.connect(self._backend_chosen)
        self.gap.valueChanged.connect(self.layout_changed)
        self.gapless.toggled.connect(self.layout_changed)
        self.media.currentIndexChanged.connect(self.layout_changed)

    def load_settings(self, settings) -> None:
        _select(self.speed, settings.burner_speed)
        self.simulate.setChecked(settings.burner_simulate)
        self.eject.setChecked(settings.burner_eject)
        self.gap.setValue(settings.burner_gap_s)
        self.gapless.setChecked(settings.burner_gapless_albums)
        _select(self.levelling, settings.burner_normalize)
        _select(self.media, settings.burner_media_minutes)
        self._preferred = settings.burner_backend

    # --- backends -------------------------------------------------------------------------

    def set_backends(self, infos: list[BackendInfo]) -> None:
        """Every backend of this platform; missing ones are listed, disabled, with the reason."""
        self._infos = {info.name: info for info in infos}
        self.backend.blockSignals(True)
        self.backend.clear()
        for info in infos:
            label = BACKEND_LABELS.get(info.name, info.name)
            self.backend.addItem(label if info.available else f"{label} — not installed",
                                 info.name)
            item = self.backend.model().item(self.backend.count() - 1)
            item.setEnabled(info.available)
            item.setToolTip(info.note)
        usable = [i.name for i in infos if i.available]
        wanted = self._preferred if self._preferred in usable else (usable or ["image"])[0]
        _select(self.backend, wanted)
        self.backend.blockSignals(False)
        self._backend_chosen()

    def backend_name(self) -> str:
        return self.backend.currentData() or "image"

    def backend_info(self) -> BackendInfo | None:
        return self._infos.get(self.backend_name())

    def writes_cdtext(self) -> bool:
        info = self.backend_info()
        return info.writes_cdtext if info else True

    def choose_backend(self, name: str) -> None:
        _select(self.backend, name)

    def _backend_chosen(self, _index: int = 0) -> None:
        name = self.backend_name()
        is_disc = name != "image"
        for widget in (self.speed, self.simulate, self.eject):
            widget.setEnabled(is_disc)
        self.backend_note.setText("\n".join(self.notes()))
        self.backend_note.setVisible(bool(self.backend_note.text()))
        self.backend_changed.emit(name)

    def notes(self) -> list[str]:
        """The chosen backend's caveat (e.g. no CD-TEXT), then why the others cannot be used."""
        chosen = self.backend_info()
        notes = [chosen.note] if chosen and chosen.available and chosen.note else []
        notes += [info.note for info in self._infos.values() if not info.available and info.note]
        return notes

    # --- the request ----------------------------------------------------------------------

    def request(self, **extra) -> BurnRequest:
        return BurnRequest(
            backend=self.backend_name(),
            speed=self.speed.currentData(),
            simulate=self.simulate.isChecked(),
            eject=self.eject.isChecked(),
            gap_s=self.gap.value(),
            gapless_albums=self.gapless.isChecked(),
            normalize=self.levelling.currentData(),
            media_minutes=self.media.currentData(),
            **extra,
        )
