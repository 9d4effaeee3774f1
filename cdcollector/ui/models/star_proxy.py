"""A proxy that puts a live favourite-star column in front of any flat table of library items."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QIdentityProxyModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from cdcollector.ui.delegates.star_delegate import star_icon, star_tooltip
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE, StarSet, star_cells_changed

STAR = 0
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class StarColumnProxy(QIdentityProxyModel):
    """Column 0 is the star; source column c shows as c + 1. Rows, lazy loading, drags and
    every other role pass through to the source (a flat table).

    `item_role` gives a row's object in the source and `id_of(object)` its library id.
    """

    def __init__(self, services, kind: str, item_role: int,
                 id_of: Callable[[object], int | None], source: QAbstractItemModel,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self._item_role = item_role
        self._id_of = id_of
        self.setSourceModel(source)
        self._stars = StarSet(services.favourites, kind, services.bus, self._star_changed)

    def item_id(self, row: int) -> int | None:
        item = self.sourceModel().index(row, 0).data(self._item_role)
        return None if item is None else self._id_of(item)

    def _star_changed(self, item_id: int) -> None:
        rows = [r for r in range(self.rowCount()) if self.item_id(r) == item_id]
        star_cells_changed(self, rows, STAR)

    # --- structure: one extra column in front -------------------------------------------

    def columnCount(self, parent: Index = ROOT) -> int:
        source = self.sourceModel()
        if parent.isValid() or source is None:
            return 0
        return source.columnCount() + 1

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if parent.isValid() or not (0 <= row < self.rowCount()
                                    and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, *args):
        if not args:
            return super().parent()  # QObject.parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def buddy(self, index: Index) -> QModelIndex:
        # The default maps through the source, which has no star cell: the view would then
        # hand the star delegate an invalid index.
        return QModelIndex(index)

    def hasChildren(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and self.rowCount() > 0

    def mapToSource(self, proxy: Index) -> QModelIndex:
        if not proxy.isValid() or proxy.column() == STAR:
            return QModelIndex()
        return self.sourceModel().index(proxy.row(), proxy.column() - 1)

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        return self.index(source.row(), source.column() + 1)

    # --- data ---------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if section == STAR:
                return "★" if role == Qt.ItemDataRole.DisplayRole else None
            return self.sourceModel().headerData(section - 1, orientation, role)
        return self.sourceModel().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item_id = self.item_id(index.row()) if role in _STAR_ROLES else None
        if role == STAR_ROLE:
            return item_id in self._stars
        if role == FAVOURITE_KEY_ROLE:
            return None if item_id is None else (self.kind, item_id)
        if index.column() != STAR:
            return super().data(index, role)
        if role == Qt.ItemDataRole.DecorationRole:
            return star_icon(item_id in self._stars)
        if role == Qt.ItemDataRole.ToolTipRole:
            return star_tooltip(item_id in self._stars)
        if role == self._item_role:
            return self.sourceModel().index(index.row(), 0).data(role)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == STAR:
            return self.sourceModel().flags(self.sourceModel().index(index.row(), 0))
        return super().flags(index)

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData | None:
        source = self.sourceModel()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return source.mimeData([source.index(r, 0) for r in rows]) if rows else None


_STAR_ROLES = (STAR_ROLE, FAVOURITE_KEY_ROLE, Qt.ItemDataRole.DecorationRole,
               Qt.ItemDataRole.ToolTipRole)
