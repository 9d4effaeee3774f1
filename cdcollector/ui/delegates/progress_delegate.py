"""Paints a progress cell as the platform's own progress bar (or plain text when there is none)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

Index = QModelIndex | QPersistentModelIndex
BAR_STEPS = 1000  # resolution of the bar: tenths of a percent
MARGIN = 3


class ProgressDelegate(QStyledItemDelegate):
    """Reads a fraction 0–1 from `progress_role`; None there means "no bar, show the text"."""

    def __init__(self, progress_role: int, parent=None):
        super().__init__(parent)
        self._role = progress_role

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        fraction = index.data(self._role)
        if fraction is None:
            super().paint(painter, option, index)
            return
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The row's own background (selection, alternate colour) first, then the bar on it.
        cell.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)

        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.direction = option.direction
        bar.fontMetrics = option.fontMetrics
        bar.palette = option.palette
        bar.minimum, bar.maximum = 0, BAR_STEPS
        bar.progress = round(max(0.0, min(1.0, float(fraction))) * BAR_STEPS)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height() + MARGIN)
