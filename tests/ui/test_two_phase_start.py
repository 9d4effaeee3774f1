"""The window's frame appears before the library opens; files forwarded meanwhile wait for it."""

from PySide6.QtGui import QKeySequence

from cdcollector.ui.main_window import PANE_KEYS, MainWindow


def test_frame_first_then_panes_when_the_library_is_attached(qtbot, services, tmp_path):
    window = MainWindow(paths=services.ctx.paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.attached and window.panes == {}
    assert window.sidebar.count() == len(PANE_KEYS)
    assert not window.add_folder_action.isEnabled() and not window.find_action.isEnabled()
    assert window.quit_action.shortcut().isEmpty()  # bound with the library (see _apply_shortcuts)

    playlist = tmp_path / "road.m3u8"
    playlist.write_text("#EXTM3U\n", encoding="utf-8")
    opened = []
    services.bus.open_file_requested.connect(opened.append)
    window.receive_files([str(playlist)])  # a second launch forwarded a file while loading
    assert opened == []

    window.attach(services)
    assert window.attached and set(window.panes) == set(PANE_KEYS)
    assert window.add_folder_action.isEnabled()
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert opened == [str(playlist)]
    assert window.current_pane() == "burner"
    window.show_pane("discovery")
    assert window.stack.currentWidget() is window.panes["discovery"]
