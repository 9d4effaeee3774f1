"""A combo of the library's playlists that stays current and can select one by id."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from cdcollector.domain.errors import CollectorError
from cdcollector.ui.models.playlist_choices import ID_ROLE, PlaylistChoiceModel


class PlaylistChooser(QComboBox):
    """`chosen(id)` when the user (or `select`) picks a playlist; -1 when none is chosen."""

    chosen = Signal(int)

    def __init__(self, playlists, bus, parent: QWidget | None = None):
        super().__init__(parent)
        self._playlists = playlists
        self._bus = bus
        self.choices = PlaylistChoiceModel(self)
        self.setModel(self.choices)
        self.setPlaceholderText("Choose a playlist…")
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.currentIndexChanged.connect(self._index_changed)
        bus.playlists_changed.connect(self.reload)
        self.reload()

    def current_id(self) -> int | None:
        value = self.currentData(ID_ROLE)
        return int(value) if value is not None else None

    def reload(self) -> None:
        """Re-read the list, keeping the current choice when it still exists."""
        keep = self.current_id()
        try:
            infos = self._playlists.list()
        except CollectorError as exc:
            self._bus.error.emit(str(exc))
            return
        self.blockSignals(True)
        self.choices.set_playlists(infos)
        index = self.choices.row_of(keep)
        self.setCurrentIndex(index)
        self.blockSignals(False)
        if keep is not None and index < 0:
            self.chosen.emit(-1)  # the chosen playlist was deleted

    def select(self, playlist_id: int) -> bool:
        index = self.choices.row_of(playlist_id)
        if index < 0:
            self.reload()
            index = self.choices.row_of(playlist_id)
        if index < 0:
            return False
        if index == self.currentIndex():
            self.chosen.emit(playlist_id)  # asked again: re-read it
        self.setCurrentIndex(index)
        return True

    def _index_changed(self, index: int) -> None:
        value = self.itemData(index, ID_ROLE) if index >= 0 else None
        self.chosen.emit(int(value) if value is not None else -1)
