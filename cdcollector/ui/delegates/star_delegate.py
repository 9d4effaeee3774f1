"""The favourite star cell: paints the on/off icon and toggles on click or Space."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cdcollector.domain.errors import CollectorError
from cdcollector.ui import tokens
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select)


class StarDelegate(QStyledItemDelegate):
    """Reads STAR_ROLE and FAVOURITE_KEY_ROLE; toggles through FavouriteService.toggle.

    The models never change their own star: the service announces the change on the bus and
    every model showing that item updates its cell. A row with no library item yet (e.g. an
    online result) emits `toggle_requested` for its owner to resolve instead.
    """

    toggle_requested = Signal(QModelIndex)

    def __init__(self, favourites, bus=None, parent=None):
        super().__init__(parent)
        self._favourites = favourites
        self._bus = bus

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        on = bool(index.data(STAR_ROLE))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        target = QStyle.alignedRect(opt.direction, Qt.AlignmentFlag.AlignCenter,
                                    tokens.ROW_ICON, opt.rect)
        star_icon(on).paint(painter, target, Qt.AlignmentFlag.AlignCenter, mode)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(tokens.STAR_COLUMN_WIDTH, tokens.ROW_ICON.height() + tokens.SPACING)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,
                    index: Index) -> bool:
        kind = event.type()
        # The view sends a release only to the cell under the pointer (the option's rect is not
        # always filled in by PySide, so it is not consulted).
        if (kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton):
            self.toggle(index)
            return True
        if kind == QEvent.Type.MouseButtonDblClick:
            return True  # a fast second click must not also "activate" (open/play) the row
        if (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
              and event.key() in TOGGLE_KEYS and not event.modifiers()):
            self.toggle(index)
            return True
        return super().editorEvent(event, model, option, index)

    def toggle(self, index: Index) -> bool | None:
        """Flip the star of a row; returns the new state (None if it could not be toggled)."""
        key = index.data(FAVOURITE_KEY_ROLE)
        if key is None:
            self.toggle_requested.emit(QModelIndex(index))
            return None
        kind, item_id = key
        try:
            return self._favourites.toggle(kind, item_id)
        except CollectorError as exc:
            if self._bus is not None:
                self._bus.error.emit(str(exc))
            log.warning("Could not toggle favourite: %s", exc)
            return None


def star_icon(on: bool) -> QIcon:
    return tokens.icon("favourite-on" if on else "favourite-off")


def star_tooltip(on: bool) -> str:
    return "Remove from favourites (click or Space)" if on else "Add to favourites (click or Space)"
