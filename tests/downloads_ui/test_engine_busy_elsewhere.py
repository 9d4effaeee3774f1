"""The window opens, downloads pane and all, while another process runs a download engine."""

from cdcollector.services.context import AppContext
from cdcollector.services.downloads import DownloadService
from cdcollector.ui.main_window import MainWindow


def test_main_window_opens_when_downloads_run_elsewhere(qtbot, services, isolated_home):
    other_ctx = AppContext.open(home=str(isolated_home))  # as `cdcollector download` runs
    other = DownloadService(other_ctx, provider=None)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
        for key in ("discovery", "favourites", "downloads"):
            window.show_pane(key)
        assert window.current_pane() == "downloads"
    finally:
        other.shutdown()
        other_ctx.close()
