"""Favourites pane: tabs with counts, filter, add all to a playlist, download missing, drags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from cdcollector.domain.types import AlbumRef, ArtistRef
from cdcollector.ui import mime
from cdcollector.ui.models.favourite_lists import favourite_models
from cdcollector.ui.models.playlist_entries import TITLE
from cdcollector.ui.models.star_proxy import StarColumnProxy
from cdcollector.ui.models.track_table import TRACK_ROLE, TrackTableModel
from cdcollector.ui.panes.favourites import FavouritesPane
from cdcollector.ui.panes.playlists import PlaylistsPane
from tests.playlists_ui.conftest import titles


@pytest.fixture
def starred(services, track_ids):
    """Jóga and 5 Years (no file yet), the album Homogenic and the artist Björk."""
    services.favourites.set_many("track", [track_ids[1], track_ids[5]], True)
    services.favourites.favourite_ref(AlbumRef(title="Homogenic", artists=("Björk",)))
    services.favourites.favourite_ref(ArtistRef(name="Björk"))


@pytest.fixture
def pane(qtbot, services, downloads):
    widget = FavouritesPane(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tab_titles(pane) -> list[str]:
    return [pane.tabs.tabText(i) for i in range(pane.tabs.count())]


def test_empty_until_something_is_starred_anywhere(pane, services, track_ids):
    assert pane.stack.currentWidget() is pane.empty
    services.favourites.toggle("track", track_ids[0])
    assert pane.stack.currentWidget() is not pane.empty
    assert titles(pane.songs, 1) == ["Hunter"]
    assert tab_titles(pane) == ["Songs (1)", "Albums (0)", "Artists (0)"]


def test_tabs_count_and_filter(starred, pane):
    assert tab_titles(pane) == ["Songs (2)", "Albums (1)", "Artists (1)"]
    assert sorted(titles(pane.songs, 1)) == ["5 Years", "Jóga"]
    assert titles(pane.albums, 1) == ["Homogenic"]
    assert titles(pane.albums, 4) == ["6"]  # tracks of the album in the library
    assert titles(pane.artists, 1) == ["Björk"] and titles(pane.artists, 2) == ["6"]
    assert pane.songs.data(pane.songs.index(titles(pane.songs, 1).index("5 Years"), 5),
                           Qt.ItemDataRole.DecorationRole) is not None  # missing file
    pane.filter_box.setText("jog")
    pane.apply_filter()
    assert titles(pane.songs, 1) == ["Jóga"]  # accents ignored
    assert tab_titles(pane) == ["Songs (1)", "Albums (0)", "Artists (0)"]
    pane.filter_box.setText("bjork homo")
    pane.apply_filter()
    assert tab_titles(pane) == ["Songs (2)", "Albums (1)", "Artists (0)"]


def test_add_all_to_playlist_asks_about_duplicates(qtbot, starred, pane, services, playlist_id):
    playlists = PlaylistsPane(services)
    qtbot.addWidget(playlists)
    asked = []
    pane.adder.ask = lambda parent, question: asked.append(question) or "skip"
    menu = pane.add_all_menu()
    names = [a.text() for a in menu.actions() if a.text()]
    assert names == ["Road trip", "New playlist…"]
    menu.actions()[0].trigger()  # Songs tab: Jóga (already there) and 5 Years
    assert [t.title for t in asked[0].duplicates] == ["Jóga"]
    assert titles(playlists.editor.model, TITLE) == ["Hunter", "Jóga", "Unravel",
                                                     "Bachelorette", "5 Years"]
    pane.tabs.setCurrentIndex(1)  # Albums: every track of Homogenic
    pane.add_all_menu().actions()[0].trigger()
    assert titles(playlists.editor.model, TITLE)[-1] == "All Neon Like"
    assert playlists.editor.model.rowCount() == 6


def test_download_missing_queues_favourites_without_a_file(starred, pane, downloads):
    jobs = pane.download_missing()
    assert jobs == [1]
    refs, playlist = downloads.calls[0]
    assert [r.title for r in refs] == ["5 Years"] and playlist is None


def test_songs_drag_into_a_playlist(starred, pane, services, playlist_id):
    songs = pane.songs
    dragged = songs.mimeData([songs.index(r, 1) for r in range(songs.rowCount())])
    assert sorted(mime.track_ids_from(dragged)) == sorted(i.id for i in songs.items())
    assert songs.flags(songs.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not pane.albums.flags(pane.albums.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled


def test_unstar_from_the_context_menu(starred, pane, services, track_ids):
    view = pane.views[0]
    view.selectAll()
    menu = pane.context_menu(view)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Add to playlist", "Remove from favourites"]
    menu.actions()[-1].trigger()
    assert services.favourites.favourite_ids("track") == set()
    assert tab_titles(pane)[0] == "Songs (0)"
    assert pane.songs.rowCount() == 2  # rows stay (with empty stars) until the list is re-read
    pane.refresh()
    assert pane.songs.rowCount() == 0


def test_star_models_pass_modeltester(qtmodeltester, starred, services, track_ids):
    # (the tester compares every signal it hears with the model it checked last, so changes
    # are made while only that model is alive and listening)
    songs = favourite_models(services)[0]
    qtmodeltester.check(songs, force_py=True)
    services.favourites.toggle("track", track_ids[0])  # appended while the tester watches
    services.favourites.toggle("track", track_ids[1])  # a star cell changes
    assert songs.rowCount() == 3
    for model in favourite_models(services):
        qtmodeltester.check(model, force_py=True)
        assert model.headerData(0, Qt.Orientation.Horizontal) == "★"
    results = TrackTableModel(services.library, services.bus)
    proxy = StarColumnProxy(services, "track", TRACK_ROLE, lambda t: t.id, results)
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.headerData(0, Qt.Orientation.Horizontal) == "★"
    assert proxy.headerData(1, Qt.Orientation.Horizontal) == "Title"
    assert proxy.columnCount(QModelIndex()) == results.columnCount() + 1
    results.set_query("jóga")  # a reset passes through
    assert proxy.rowCount() == 1 and proxy.data(proxy.index(0, 1)) == "Jóga"
