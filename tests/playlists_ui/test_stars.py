"""A star toggled in Discovery shows in Favourites and the playlist at once, with no reloads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cdcollector.ui.delegates.star_delegate import StarDelegate
from cdcollector.ui.models.favourite_lists import STAR as FAV_STAR
from cdcollector.ui.models.playlist_entries import STAR as ENTRY_STAR
from cdcollector.ui.models.star_proxy import STAR
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE
from cdcollector.ui.panes.discovery import DiscoveryPane
from cdcollector.ui.panes.favourites import FavouritesPane
from cdcollector.ui.panes.playlists import PlaylistsPane


class Resets:
    """Counts resets and records which cells changed, to prove no model re-read itself."""

    def __init__(self, model):
        self.resets = 0
        self.changed: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._changed)

    def _reset(self):
        self.resets += 1

    def _changed(self, top, bottom, roles=()):
        self.changed += [(r, c) for r in range(top.row(), bottom.row() + 1)
                         for c in range(top.column(), bottom.column() + 1)]


@pytest.fixture
def panes(qtbot, services, playlist_id):
    made = []
    for cls in (DiscoveryPane, FavouritesPane, PlaylistsPane):
        pane = cls(services)
        qtbot.addWidget(pane)
        pane.resize(900, 500)
        pane.show()
        made.append(pane)
    qtbot.waitExposed(made[-1])
    return made


def row_of(model, title: str, column: int) -> int:
    return next(r for r in range(model.rowCount())
                if model.data(model.index(r, column)) == title)


def test_a_star_clicked_in_discovery_shows_everywhere_without_refresh(qtbot, services, panes,
                                                                      track_ids):
    discovery, favourites, playlists = panes
    results = discovery.table.model()
    entries = playlists.editor.model
    songs = favourites.songs
    services.favourites.set("track", track_ids[2], True)  # Unravel, starred before
    watched = {name: Resets(m) for name, m in
               (("results", results), ("entries", entries), ("songs", songs))}

    # a real click on Jóga's star cell in the Discovery results
    row = row_of(results, "Jóga", 1)
    view = discovery.table
    cell = view.visualRect(results.index(row, STAR))
    assert not results.data(results.index(row, STAR), STAR_ROLE)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell.center())
    assert services.favourites.is_favourite("track", track_ids[1])

    assert results.data(results.index(row, STAR), STAR_ROLE) is True
    entry_row = row_of(entries, "Jóga", 2)
    assert entries.data(entries.index(entry_row, ENTRY_STAR), STAR_ROLE) is True
    song_row = row_of(songs, "Jóga", 1)  # starred elsewhere: appended to Favourites at once
    assert songs.data(songs.index(song_row, FAV_STAR), STAR_ROLE) is True
    assert favourites.tabs.tabText(0) == "Songs (2)"
    assert all(w.resets == 0 for w in watched.values())
    assert watched["entries"].changed == [(entry_row, ENTRY_STAR)]  # that cell only
    assert watched["results"].changed == [(row, STAR)]

    # and off again from the Favourites pane, with the keyboard (Space on the star cell)
    view = favourites.views[0]
    assert isinstance(view.itemDelegateForColumn(FAV_STAR), StarDelegate)
    view.setCurrentIndex(songs.index(row_of(songs, "Unravel", 1), FAV_STAR))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert not services.favourites.is_favourite("track", track_ids[2])
    unravel = row_of(results, "Unravel", 1)
    assert results.data(results.index(unravel, STAR), STAR_ROLE) is False
    assert entries.data(entries.index(row_of(entries, "Unravel", 2), ENTRY_STAR),
                        STAR_ROLE) is False
    assert songs.rowCount() == 2  # an unstarred row stays, with an empty star, until reloaded
    assert favourites.tabs.tabText(0) == "Songs (1)"
    assert all(w.resets == 0 for w in watched.values())


def test_the_star_in_the_playlist_view_toggles_on_click(qtbot, services, panes, track_ids):
    playlists = panes[2]
    view, entries = playlists.editor.table, playlists.editor.model
    index = entries.index(0, ENTRY_STAR)
    assert entries.data(index, FAVOURITE_KEY_ROLE) == ("track", track_ids[0])
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(index).center())
    assert services.favourites.is_favourite("track", track_ids[0])
    assert entries.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Remove from favourites")
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(index).center())
    assert not services.favourites.is_favourite("track", track_ids[0])
    assert entries.data(index, STAR_ROLE) is False
