"""Discovery pane: typing in the search box shows local results from the real library."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import add_tracks


def titles(pane) -> list[str]:
    model = pane.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_typing_shows_matching_tracks(qtbot, sample_library, window):
    pane = window.panes["discovery"]
    assert pane.stack.currentWidget() is pane.table  # the whole library before any query
    assert len(titles(pane)) == len(sample_library)
    qtbot.keyClicks(pane.search_box, "bjo")
    qtbot.waitUntil(lambda: pane.model.query == "bjo")
    assert sorted(titles(pane)) == ["Army of Me", "Hunter", "Jóga"]
    assert pane.table.isVisible()


def test_search_ignores_accents_and_ands_words(qtbot, sample_library, window):
    pane = window.panes["discovery"]
    qtbot.keyClicks(pane.search_box, "jog")
    qtbot.waitUntil(lambda: titles(pane) == ["Jóga"])
    pane.search_box.clear()
    qtbot.keyClicks(pane.search_box, "beyo halo")
    qtbot.waitUntil(lambda: titles(pane) == ["Halo"])
    artist = pane.model.data(pane.model.index(0, 1))
    assert artist == "Beyoncé"


def test_enter_searches_at_once(qtbot, sample_library, window):
    pane = window.panes["discovery"]
    pane.search_box.setText("karma")
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
    assert titles(pane) == ["Karma Police"]


def test_no_match_says_so_instead_of_the_empty_library_state(qtbot, sample_library, window):
    pane = window.panes["discovery"]
    qtbot.keyClicks(pane.search_box, "zzzz")
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.no_results)
    assert "zzzz" in pane.no_results.text()


def test_empty_library_offers_add_music_folder(qtbot, window, monkeypatch):
    pane = window.panes["discovery"]
    assert pane.stack.currentWidget() is pane.empty
    asked = []
    monkeypatch.setattr("cdcollector.ui.main_window.QFileDialog.getExistingDirectory",
                        lambda *a, **k: asked.append(a) or "")
    qtbot.mouseClick(pane.empty.button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1


def test_new_tracks_appear_when_the_library_changes(qtbot, window, bus_ctx, services):
    pane = window.panes["discovery"]
    assert pane.stack.currentWidget() is pane.empty
    add_tracks(bus_ctx, [("Unfinished Sympathy", "Massive Attack", "Blue Lines")])
    services.bus.library_changed.emit()
    assert titles(pane) == ["Unfinished Sympathy"]
    assert pane.stack.currentWidget() is pane.table
