"""Building blocks of the dialogs that show a table: the row-picking view and the column layout."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget


def row_table(model: QAbstractItemModel, stretch: int | None = None,
              single: bool = True) -> QTableView:
    """A view that selects whole rows (one at a time when `single`), without row numbers,
    columns sized to their contents; column `stretch` takes the spare width (the last one
    when None)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def stack(owner: QWidget, *widgets: QWidget, grow: QWidget) -> QVBoxLayout:
    """Lay `widgets` out top to bottom in `owner`; `grow` (one of them) takes the spare height."""
    layout = QVBoxLayout(owner)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    return layout
