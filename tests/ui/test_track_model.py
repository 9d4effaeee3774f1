"""TrackTableModel: qtmodeltester on empty, small and multi-page libraries; lazy loading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from cdcollector.domain.types import TrackRow
from cdcollector.ui.models.track_table import COLUMNS, TRACK_ROLE, TrackTableModel
from tests.ui.conftest import SAMPLE_TRACKS, add_tracks


def many(n: int) -> list[tuple[str, str, str]]:
    return [(f"Song {i:04}", f"Artist {i % 17}", f"Album {i % 40}") for i in range(n)]


def test_empty_library_passes_modeltester(qtmodeltester, services):
    model = TrackTableModel(services.library, services.bus)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_small_library_passes_modeltester(qtmodeltester, services, sample_library):
    model = TrackTableModel(services.library, services.bus)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(SAMPLE_TRACKS)
    titles = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert titles == {t for t, _, _ in SAMPLE_TRACKS}
    assert model.columnCount() == len(COLUMNS)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(COLUMNS)
    row = model.data(model.index(0, 0), TRACK_ROLE)
    assert isinstance(row, TrackRow)
    assert model.data(model.index(0, 3)).count(":") == 1  # m:ss
    assert model.data(model.index(0, 4)) == "MP3"


def test_more_than_one_page_passes_modeltester(qtmodeltester, services, bus_ctx):
    add_tracks(bus_ctx, many(450))
    model = TrackTableModel(services.library, services.bus)  # default page of 200
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)  # also calls fetchMore
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    ids = [model.track_at(r).id for r in range(450)]
    assert len(set(ids)) == 450
    qtmodeltester.check(model, force_py=True)


def test_a_new_query_resets_to_its_first_page(qtbot, services, bus_ctx):
    add_tracks(bus_ctx, [*many(120), ("Jóga", "Björk", "Homogenic")])
    model = TrackTableModel(services.library, services.bus, page_size=50)
    with qtbot.waitSignal(model.modelReset):
        model.set_query("jog")
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Jóga"
    assert not model.canFetchMore(QModelIndex())
    model.set_query('"song*" (')
    assert model.rowCount() == 50
    assert model.canFetchMore(QModelIndex())


def test_library_changed_reloads_the_rows(qtbot, services, bus_ctx):
    model = TrackTableModel(services.library, services.bus)
    assert model.rowCount() == 0
    add_tracks(bus_ctx, SAMPLE_TRACKS[:2])
    with qtbot.waitSignal(model.modelReset):
        services.bus.library_changed.emit()
    assert model.rowCount() == 2


def test_scrolling_the_view_fetches_more_pages(qtbot, services, bus_ctx):
    add_tracks(bus_ctx, many(130))
    model = TrackTableModel(services.library, services.bus, page_size=40)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 40
    for expected in (80, 120, 130):
        view.scrollToBottom()
        qtbot.waitUntil(lambda n=expected: model.rowCount() == n)
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize("text", ['"', "*", "NEAR(", "'--", "AND OR", "title:x", "^", ""])
def test_hostile_queries_never_raise(services, sample_library, text):
    model = TrackTableModel(services.library, services.bus)
    model.set_query(text)
    assert model.rowCount() >= 0
