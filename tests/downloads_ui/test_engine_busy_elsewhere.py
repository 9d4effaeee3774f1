"""The window still opens while another CD-Collector process runs the download engine."""

from PySide6.QtCore import QLockFile

from cdcollector.downloads.engine import LOCK_NAME
from cdcollector.ui.main_window import MainWindow


def test_main_window_opens_when_downloads_are_busy_elsewhere(qtbot, services):
    temp_root = services.ctx.paths.download_temp_dir
    temp_root.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(temp_root / LOCK_NAME))  # as a running `cdcollector download` holds it
    assert lock.tryLock(0)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
        for key in ("discovery", "favourites", "downloads"):
            window.show_pane(key)
        assert window.current_pane() == "downloads"
    finally:
        lock.unlock()
