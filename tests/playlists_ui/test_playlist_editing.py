"""Playlists pane: drag reorder + undo, keyboard moves, delete, drops from Discovery, duplicates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtTest import QTest

from cdcollector.ui import mime
from cdcollector.ui.models.playlist_entries import TITLE, PlaylistEntriesModel
from cdcollector.ui.models.star_proxy import StarColumnProxy
from cdcollector.ui.models.track_table import TRACK_ROLE, TrackTableModel
from cdcollector.ui.panes.playlists import PlaylistsPane
from tests.playlists_ui.conftest import TITLES, titles


@pytest.fixture
def pane(qtbot, services, playlist_id):
    widget = PlaylistsPane(services)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def select_rows(pane, rows: list[int]) -> None:
    table, model = pane.editor.table, pane.editor.model
    chooser = table.selectionModel()
    chooser.clearSelection()
    for row in rows:
        chooser.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                       | QItemSelectionModel.SelectionFlag.Rows)
    chooser.setCurrentIndex(model.index(rows[0], TITLE), QItemSelectionModel.SelectionFlag.NoUpdate)


def selected_titles(pane) -> list[str]:
    model = pane.editor.model
    rows = sorted(i.row() for i in pane.editor.table.selectionModel().selectedRows())
    return [model.data(model.index(r, TITLE)) for r in rows]


def test_the_pane_shows_the_first_playlist(pane, playlist_id):
    assert pane.stack.currentWidget() is pane.splitter
    assert pane.editor.playlist_id == playlist_id
    assert titles(pane.editor.model, TITLE) == list(TITLES[:4])
    assert pane.editor.header.title.text() == "Road trip"


def test_drag_reorder_then_undo_restores_the_order(pane, services, playlist_id):
    model = pane.editor.model
    dragged = model.mimeData([model.index(0, TITLE), model.index(1, TITLE)])
    assert model.canDropMimeData(dragged, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    moved = ["Unravel", "Bachelorette", "Hunter", "Jóga"]
    assert titles(model, TITLE) == moved
    assert [e.track.title for e in services.playlists.entries(playlist_id)] == moved
    assert pane.undo_action.isEnabled()
    assert pane.undo_action.text() == "Undo Move 2 tracks in “Road trip”"
    pane.undo_action.trigger()
    assert titles(model, TITLE) == list(TITLES[:4])
    assert not pane.undo_action.isEnabled() and pane.redo_action.isEnabled()
    pane.redo_action.trigger()
    assert titles(model, TITLE) == moved


def test_dropping_onto_a_row_inserts_before_it(pane):
    model = pane.editor.model
    dragged = model.mimeData([model.index(3, TITLE)])
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, model.index(1, 0))
    assert titles(model, TITLE) == ["Hunter", "Bachelorette", "Jóga", "Unravel"]


def test_ctrl_down_and_up_move_the_selection(qtbot, pane):
    table = pane.editor.table
    select_rows(pane, [0, 1])
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(pane.editor.model, TITLE) == ["Unravel", "Hunter", "Jóga", "Bachelorette"]
    assert selected_titles(pane) == ["Hunter", "Jóga"]  # the selection moved with them
    QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(pane.editor.model, TITLE) == ["Unravel", "Hunter", "Jóga", "Bachelorette"]
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(pane.editor.model, TITLE) == list(TITLES[:4])
    assert selected_titles(pane) == ["Hunter", "Jóga"]
    QTest.keyClick(table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert titles(pane.editor.model, TITLE) == ["Unravel", "Hunter", "Jóga", "Bachelorette"]


def test_delete_key_removes_the_selected_entries(pane, services, playlist_id):
    table = pane.editor.table
    select_rows(pane, [1, 2])
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert titles(pane.editor.model, TITLE) == ["Hunter", "Bachelorette"]
    assert selected_titles(pane) == ["Bachelorette"]  # the keyboard stays in place
    assert "2 tracks" in pane.editor.header.fit_label.text()
    pane.undo()
    assert len(services.playlists.entries(playlist_id)) == 4


def test_drag_from_discovery_results_adds_tracks(pane, services, track_ids):
    results = TrackTableModel(services.library, services.bus)
    starred = StarColumnProxy(services, "track", TRACK_ROLE, lambda t: t.id, results)
    rows = [r for r in range(results.rowCount())
            if results.track_at(r).title in ("All Neon Like", "5 Years")]
    dragged = starred.mimeData([starred.index(r, 2) for r in rows])
    assert dragged.hasFormat(mime.TRACK_IDS)
    assert starred.flags(starred.index(rows[0], 0)) & Qt.ItemFlag.ItemIsDragEnabled
    model = pane.editor.model
    assert model.dropMimeData(dragged, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    # in the order they had in the results ("5 Years" sorts first there)
    assert titles(model, TITLE) == ["Hunter", "5 Years", "All Neon Like", "Jóga", "Unravel",
                                    "Bachelorette"]
    assert selected_titles(pane) == ["5 Years", "All Neon Like"]
    # the track without a file is marked missing
    assert model.data(model.index(1, 6), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(2, 6), Qt.ItemDataRole.DecorationRole) is None


def test_dropping_tracks_already_there_asks_add_again_or_skip(pane, services, track_ids,
                                                              playlist_id):
    model, questions = pane.editor.model, []

    def answer(choice):
        def ask(parent, question):
            questions.append(question)
            return choice
        return ask

    both = mime.track_ids_mime([track_ids[0], track_ids[5]])  # Hunter is already there
    pane.adder.ask = answer(None)  # cancel: nothing changes
    model.dropMimeData(both, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert len(questions) == 1 and [t.title for t in questions[0].duplicates] == ["Hunter"]
    assert str(questions[0]) == "1 track is already in “Road trip”: add them again or skip them?"
    assert model.rowCount() == 4
    pane.adder.ask = answer("skip")
    model.dropMimeData(both, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert titles(model, TITLE)[4:] == ["5 Years"]
    pane.undo()
    pane.adder.ask = answer("add")
    model.dropMimeData(both, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert titles(model, TITLE)[4:] == ["Hunter", "5 Years"]
    assert len(questions) == 3

    pane.editor.find_duplicates()
    assert selected_titles(pane) == ["Hunter"]
    assert pane.editor.table.selectionModel().selectedRows()[0].row() == 4  # the later copy
    pane.editor.remove_selected()
    assert services.playlists.find_duplicates(playlist_id) == []


def test_dropping_tracks_on_a_playlist_in_the_list(pane, services, track_ids):
    other = pane.new_playlist("Party")
    assert pane.editor.playlist_id == other.id  # a new playlist is shown at once
    pane.adder.ask = lambda parent, question: "skip"
    lists = pane.list_model
    road = lists.index(lists.row_of(services.playlists.resolve("Road trip").id))
    dragged = mime.track_ids_mime(track_ids[4:])
    assert not lists.canDropMimeData(dragged, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert lists.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, road)
    assert services.playlists.get(road.data(Qt.ItemDataRole.UserRole + 1).id).track_count == 6


def test_burn_button_opens_the_playlist_in_the_burner(qtbot, pane, services, playlist_id):
    with qtbot.waitSignal(services.bus.open_playlist_for_burning) as burned:
        qtbot.mouseClick(pane.editor.header.burn_button, Qt.MouseButton.LeftButton)
    assert burned.args == [playlist_id]


def test_entries_model_passes_modeltester(qtmodeltester, services, playlist_id):
    qtmodeltester.check(PlaylistEntriesModel(services), force_py=True)  # no playlist
    model = PlaylistEntriesModel(services)
    model.set_playlist(playlist_id)
    qtmodeltester.check(model, force_py=True)  # the tester keeps watching its signals
    services.playlists.shift_entries(playlist_id, [model.entry_at(0).entry_id], 1)
    services.favourites.toggle("track", model.entry_at(0).track.id)
    assert titles(model, TITLE)[:2] == ["Jóga", "Hunter"]
    assert model.data(model.index(0, 0)) == "1"


def test_add_to_playlist_menu_lists_editable_playlists(pane, services, track_ids, bus_ctx,
                                                       monkeypatch):
    from cdcollector.ui.widgets import add_to_playlist_menu as module
    from tests.playlists.conftest import add_mirror

    add_mirror(bus_ctx, "Discover Weekly", "spotify", track_ids[:1])
    party = services.playlists.create("Party")
    menu = module.add_to_playlist_menu(pane.adder, track_ids[4:], pane)
    names = [a.text() for a in menu.actions() if a.text()]
    assert names == ["Party", "Road trip", "New playlist…"]  # no read-only mirror
    menu.actions()[0].trigger()
    assert [e.track.id for e in services.playlists.entries(party.id)] == track_ids[4:]
    monkeypatch.setattr(module.QInputDialog, "getText",
                        staticmethod(lambda *args, **kwargs: ("Fresh", True)))
    menu.actions()[-1].trigger()
    fresh = services.playlists.resolve("Fresh")
    assert fresh.track_count == 2
    # the editor's own menu leaves out the playlist it shows
    pane.select_playlist(party.id)
    pane.editor.table.selectRow(0)
    sub = pane.editor.context_menu().actions()[0].menu()
    assert [a.text() for a in sub.actions() if a.text()] == ["Fresh", "Road trip", "New playlist…"]


def test_discovery_results_model_drags_track_ids(qtmodeltester, services, track_ids):
    results = TrackTableModel(services.library, services.bus)
    qtmodeltester.check(results, force_py=True)
    assert results.mimeTypes() == [mime.TRACK_IDS]
    assert results.flags(results.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    dragged = results.mimeData([results.index(0, 0), results.index(0, 3), results.index(2, 1)])
    assert mime.track_ids_from(dragged) == [results.track_at(0).id, results.track_at(2).id]
    assert mime.entries_from(dragged) is None


def test_a_file_that_vanishes_is_marked_after_a_library_change(pane, services, bus_ctx,
                                                               track_ids):
    from cdcollector.library.models import Track

    model = pane.editor.model
    select_rows(pane, [2])
    assert model.data(model.index(2, 6), Qt.ItemDataRole.DecorationRole) is None
    with bus_ctx.db.session() as session:
        track = session.get(Track, track_ids[2])
        track.file_missing = True
        session.add(track)
    services.bus.library_changed.emit()  # as a rescan announces it
    assert model.data(model.index(2, 6), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(2, TITLE), Qt.ItemDataRole.ToolTipRole) == \
        "File missing: /music/2.mp3"
    assert selected_titles(pane) == ["Unravel"]  # the selection survives the re-read
