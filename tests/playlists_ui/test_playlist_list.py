"""The list of playlists: read-only mirrors, duplicate, inline rename, delete + undo, files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from cdcollector.ui import mime
from cdcollector.ui.dialogs.playlist_import_result import UnresolvedTracksModel
from cdcollector.ui.models.playlist_entries import TITLE
from cdcollector.ui.models.playlist_list import INFO_ROLE, PlaylistListModel
from cdcollector.ui.panes.playlists import PlaylistsPane
from tests.playlists.conftest import add_mirror
from tests.playlists_ui.conftest import titles


@pytest.fixture
def pane(qtbot, services, playlist_id):
    widget = PlaylistsPane(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def mirror(bus_ctx, services, track_ids) -> int:
    pid = add_mirror(bus_ctx, "Discover Weekly", "spotify", track_ids[:3])
    services.bus.playlists_changed.emit()  # as the sync service announces a new mirror
    return pid


def test_a_read_only_mirror_disables_editing_and_offers_a_duplicate(pane, services, mirror,
                                                                    track_ids):
    pane.select_playlist(mirror)
    editor, model = pane.editor, pane.editor.model
    assert editor.playlist_id == mirror
    row = pane.list_model.row_of(mirror)
    icon = pane.list_model.data(pane.list_model.index(row), Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() != pane.list_model.data(
        pane.list_model.index(pane.list_model.row_of(services.playlists.resolve("Road trip").id)),
        Qt.ItemDataRole.DecorationRole).cacheKey()  # the read-only icon, not the playlist one
    assert "Read-only mirror of Spotify" in pane.list_model.data(
        pane.list_model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert not pane.list_model.flags(pane.list_model.index(row)) & Qt.ItemFlag.ItemIsEditable

    editor.table.selectRow(0)
    for action in (editor.remove_action, editor.move_up_action, editor.move_down_action,
                   pane.rename_action, pane.delete_action):
        assert not action.isEnabled(), action.text()
    assert pane.duplicate_action.text() == "Duplicate as my playlist"
    assert editor.header.read_only_row.isVisibleTo(editor.header)
    assert editor.header.read_only_label.text().startswith("Read-only mirror of Spotify")
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.dropMimeData(mime.track_ids_mime(track_ids[3:4]), Qt.DropAction.CopyAction,
                                  -1, -1, QModelIndex())
    editor.shift(1)  # even if reached somehow, the service refuses and nothing moves
    assert [e.track.id for e in services.playlists.entries(mirror)] == track_ids[:3]

    editor.header.duplicate_button.click()
    copy = pane.current_info()
    assert copy.id != mirror and copy.name == "Discover Weekly (copy)" and not copy.read_only
    assert editor.playlist_id == copy.id
    assert titles(model, TITLE) == ["Hunter", "Jóga", "Unravel"]
    assert not editor.header.read_only_row.isVisibleTo(editor.header)
    editor.table.selectRow(0)
    assert editor.remove_action.isEnabled() and pane.rename_action.isEnabled()
    editor.remove_selected()
    assert model.rowCount() == 2


def test_inline_rename_and_delete_are_undoable(pane, services, playlist_id):
    lists = pane.list_model
    index = lists.index(lists.row_of(playlist_id))
    assert lists.setData(index, "  Night drive  ")
    assert lists.data(index) == "Night drive"
    assert pane.editor.header.title.text() == "Night drive"
    assert pane.undo_action.text() == "Undo Rename “Road trip” to “Night drive”"
    assert not lists.setData(index, "   ")  # refused with a one-line error, nothing changed
    assert services.playlists.get(playlist_id).name == "Night drive"

    pane.delete_current()
    assert lists.rowCount() == 0
    assert pane.stack.currentWidget() is pane.empty
    pane.undo()
    assert lists.rowCount() == 1 and pane.stack.currentWidget() is pane.splitter
    assert pane.current_info().name == "Night drive"
    assert pane.editor.model.rowCount() == 4
    pane.undo()
    assert pane.current_info().name == "Road trip"


def test_errors_go_to_the_bus_as_one_line(qtbot, pane, services):
    with qtbot.waitSignal(services.bus.error) as error:
        pane.new_playlist("x" * 600)
    assert error.args == ["A playlist name can have at most 500 characters."]


def test_export_then_import_a_playlist_file(pane, services, playlist_id, tmp_path):
    target = tmp_path / "Road trip.m3u8"
    pane.export_current(str(target))
    assert target.is_file()
    pane.import_file(str(target))
    imported = pane.current_info()
    assert imported.id != playlist_id
    assert titles(pane.editor.model, TITLE) == ["Hunter", "Jóga", "Unravel", "Bachelorette"]
    assert pane.import_dialog is None  # everything was found: no list to show


def test_import_lists_unresolved_tracks_and_sends_them_to_downloads(
        pane, services, downloads, tmp_path, qtmodeltester):
    path = tmp_path / "elsewhere.cdcplaylist"
    path.write_text(
        '{"format": "cdcplaylist", "version": 1, "name": "From a friend", "tracks": ['
        '{"title": "Hunter", "artists": ["Björk"], "album": "Homogenic", "duration_s": 200.0},'
        '{"title": "Never heard of it", "artists": ["Nobody"], "duration_s": 123.0}]}',
        encoding="utf-8")
    pane.import_file(str(path))
    dialog = pane.import_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model, force_py=True)
    assert dialog.model.data(dialog.model.index(0, 0)) == "Never heard of it"
    assert dialog.send_button.isVisible()
    dialog.send_button.click()
    refs, target = downloads.calls[0]
    assert [r.title for r in refs] == ["Never heard of it"]
    assert target == pane.current_info().id
    assert not dialog.send_button.isEnabled()
    dialog.close()


def test_list_models_pass_modeltester(qtmodeltester, services, playlist_id, mirror):
    model = PlaylistListModel(services)
    qtmodeltester.check(model, force_py=True)
    names = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert names == ["Discover Weekly", "Road trip"]  # by name
    assert model.data(model.index(0), INFO_ROLE).id == mirror
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == "4 tracks, 14:20"
    services.playlists.create("Party")  # a new row: reset; a rename in place: dataChanged
    services.playlists.rename(playlist_id, "Road trip 2")
    names = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert names == ["Discover Weekly", "Party", "Road trip 2"]
    qtmodeltester.check(UnresolvedTracksModel([]), force_py=True)


def test_playlist_files_dropped_on_the_list_are_imported(pane, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    first, other = tmp_path / "Mix.m3u8", tmp_path / "cover.jpg"
    first.write_text("#EXTM3U\n/music/0.mp3\n/music/1.mp3\n", encoding="utf-8")
    other.write_bytes(b"\xff\xd8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(other))])
    assert mime.playlist_files_from(data) == [str(first)]
    lists = pane.list_model
    assert lists.canDropMimeData(data, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert lists.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert pane.current_info().name == "Mix"
    assert titles(pane.editor.model, TITLE) == ["Hunter", "Jóga"]
    only_image = QMimeData()
    only_image.setUrls([QUrl.fromLocalFile(str(other))])
    assert not lists.canDropMimeData(only_image, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
