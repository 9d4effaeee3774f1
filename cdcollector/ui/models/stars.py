"""Favourite stars in item models: the shared roles and a starred-id set kept in step with the bus.

Every model that shows stars holds a `StarSet`; when `bus.favourite_changed` fires it updates the
set and emits dataChanged for the star cells of the affected rows only (no reload), so a star
toggled in one pane changes in every visible list at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, Qt

from cdcollector.domain.errors import CollectorError

log = logging.getLogger(__name__)

STAR_ROLE = Qt.ItemDataRole.UserRole + 20  # bool: the row's item is a favourite
FAVOURITE_KEY_ROLE = Qt.ItemDataRole.UserRole + 21  # (kind, library id) or None: what to toggle


class StarSet:
    """The starred library ids of one kind ("track", "album" or "artist")."""

    def __init__(self, favourites, kind: str, bus=None,
                 on_change: Callable[[int], None] | None = None):
        self.kind = kind
        self._favourites = favourites
        self._on_change = on_change
        self.ids: set[int] = set()
        self.reload()
        if bus is not None:
            bus.favourite_changed.connect(self._changed)

    def reload(self) -> None:
        if self._favourites is None:
            return
        try:
            self.ids = set(self._favourites.favourite_ids(self.kind))
        except CollectorError as exc:
            log.warning("Favourites unavailable: %s", exc)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.ids

    def _changed(self, kind: str, item_id: int, on: bool) -> None:
        if kind != self.kind:
            return
        (self.ids.add if on else self.ids.discard)(item_id)
        if self._on_change is not None:
            self._on_change(item_id)


def star_cells_changed(model: QAbstractItemModel, rows: Iterable[int], column: int) -> None:
    """dataChanged for one cell per row (the star column), nothing else."""
    for row in rows:
        cell = model.index(row, column)
        model.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole, STAR_ROLE])
