"""Main window: panes via sidebar and Ctrl+1..5, Ctrl+F, remembered layout, About, errors."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton

from cdcollector import __version__
from cdcollector.ui.main_window import PANE_KEYS
from cdcollector.ui.panes.burner import BurnerPane
from cdcollector.ui.panes.discovery import DiscoveryPane
from cdcollector.ui.panes.downloads import DownloadsPane
from cdcollector.ui.panes.favourites import FavouritesPane
from cdcollector.ui.panes.playlists import PlaylistsPane
from cdcollector.ui.widgets.empty_state import EmptyState

PANE_TYPES = {
    "discovery": DiscoveryPane,
    "playlists": PlaylistsPane,
    "favourites": FavouritesPane,
    "downloads": DownloadsPane,
    "burner": BurnerPane,
}


def test_every_pane_is_reached_by_clicking_the_sidebar(qtbot, window):
    seen = []
    window.pane_changed.connect(seen.append)
    for row in reversed(range(window.sidebar.count())):
        rect = window.sidebar.visualItemRect(window.sidebar.item(row))
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        key = PANE_KEYS[row]
        assert window.current_pane() == key
        assert isinstance(window.stack.currentWidget(), PANE_TYPES[key])
        assert window.stack.currentWidget().isVisible()
    assert seen == list(reversed(PANE_KEYS))


def test_ctrl_number_shortcuts_switch_panes(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    for number, key in reversed(list(enumerate(PANE_KEYS, start=1))):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_pane() == key
        assert window.sidebar.currentRow() == number - 1


def test_ctrl_f_goes_to_discovery_and_focuses_search(qtbot, window):
    window.show_pane("burner")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane() == "discovery"
    qtbot.waitUntil(lambda: window.panes["discovery"].search_box.hasFocus())


def visible_empty_state(qtbot, window, key: str) -> EmptyState:
    """The empty state a pane shows (found by type, so pane bodies may be restructured;
    waited for, since some panes load their contents off the UI thread)."""
    window.show_pane(key)

    def shown() -> list[EmptyState]:
        return [e for e in window.panes[key].findChildren(EmptyState) if e.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
    return shown()[0]


def test_each_pane_has_an_empty_state_that_says_what_to_do(qtbot, window):
    expected = {
        "discovery": "Your library is empty",
        "playlists": "No playlists yet",
        "favourites": "No favourites yet",
        "downloads": "Nothing downloading",
        "burner": "Choose a playlist to burn",
    }
    for key, headline in expected.items():
        empty = visible_empty_state(qtbot, window, key)
        assert empty.headline.text() == headline
        assert empty.sentence.text().endswith(".")
        assert empty.button.isVisible() and empty.button.text()
    assert visible_empty_state(qtbot, window, "favourites").sentence.text().startswith(
        "Star songs, albums and artists")


def test_empty_state_buttons_navigate(qtbot, window):
    for key, goes_to in (("burner", "playlists"), ("downloads", "discovery")):
        button = visible_empty_state(qtbot, window, key).button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.current_pane() == goes_to


def test_geometry_and_last_pane_are_remembered(qtbot, make_window, bus_ctx):
    first = make_window()
    # Not the default size, within the offscreen screen (800x600) as far as the panes' minimum
    # allows: a restored geometry larger than the screen is clamped by Qt.
    size = QSize(first.minimumSizeHint().width(), first.minimumSizeHint().height() + 21)
    assert size != first.size()
    first.resize(size)
    first.show_pane("downloads")
    qtbot.waitUntil(lambda: first.size() == size)
    first.close()
    assert (bus_ctx.paths.config_dir / "window.ini").is_file()

    second = make_window()
    assert second.current_pane() == "downloads"
    assert second.size() == size
    second.show_pane("favourites")
    second.close()
    assert make_window(show=False).current_pane() == "favourites"


def test_unknown_pane_in_settings_falls_back_to_discovery(make_window, bus_ctx):
    ini = bus_ctx.paths.config_dir / "window.ini"
    ini.write_text("[window]\npane=no-such-pane\ngeometry=garbage\n", encoding="utf-8")
    window = make_window()
    assert window.current_pane() == "discovery"
    assert window.width() > 0


def test_about_shows_the_version(qtbot, window):
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.version_label.text()
    assert dialog.windowTitle() == "About CD-Collector"
    assert not dialog.isModal() or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    dialog.findChild(QPushButton).click()
    assert not dialog.isVisible()


def test_menus_hold_the_expected_actions(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert set(menus) == {"File", "Edit", "Help"}
    edit_actions = [a.text() for a in menus["Edit"].actions()]
    assert edit_actions[0].startswith("Undo") and edit_actions[1].startswith("Redo")
    file_actions = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    required = ["Add music folder…", "Settings…", "Quit"]  # other areas may add their own
    assert [a for a in file_actions if a in required] == required
    assert window.add_folder_action.shortcut().toString() == "Ctrl+O"
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_an_error_on_the_bus_shows_in_status_bar_and_banner(qtbot, window, services):
    services.bus.error.emit("The disc is not blank.\nTraceback (most recent call last): x")
    assert window.banner.isVisible()
    assert window.banner.text() == "The disc is not blank."
    assert window.statusBar().currentMessage() == window.banner.text()
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_status_messages_show_in_the_status_bar(window, services):
    services.bus.status_message.emit("Settings saved.")
    assert window.statusBar().currentMessage() == "Settings saved."


def test_forwarded_files_open_the_burner_pane(qtbot, window, services, tmp_path):
    playlist = tmp_path / "road trip.m3u8"
    playlist.write_text("#EXTM3U\n", encoding="utf-8")
    with qtbot.waitSignal(services.bus.open_file_requested) as blocker:
        window.receive_files([str(playlist)])
    assert blocker.args == [str(playlist)]
    assert window.current_pane() == "burner"
    assert "road trip.m3u8" in window.statusBar().currentMessage()


def test_forward_with_no_files_only_raises(qtbot, window, services):
    window.showMinimized()
    with qtbot.assertNotEmitted(services.bus.open_file_requested):
        window.receive_files([])
    assert window.isVisible()
    assert not window.isMinimized()
