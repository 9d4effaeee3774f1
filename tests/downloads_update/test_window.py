"""Help → Update yt-dlp…, the weekly check (opt-in) and the fallback notice, in the window."""

from __future__ import annotations

import socket

import pytest

from cdcollector.downloads import ytdlp_overlay as overlay
from cdcollector.services.settings_service import SettingsService
from cdcollector.services.ytdlp_updates import WEEK_S, YtdlpUpdateService
from cdcollector.ui.dialogs.settings_dialog import SettingsDialog
from cdcollector.ui.main_window import MainWindow
from tests.downloads_update.conftest import NEW, publish

NOW = 2_000_000_000.0
UPDATE_TIMEOUT_MS = 120_000  # the self-check starts a fresh interpreter


@pytest.fixture
def window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def open_dialog(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "&Update yt-dlp…")
    assert action.isEnabled()
    action.trigger()
    dialog = window.ytdlp_dialog
    qtbot.waitUntil(lambda: "is running" in dialog.status_label.text())
    return dialog


def test_update_and_rollback_from_the_help_menu(qtbot, window, index):
    publish(index)
    dialog = open_dialog(qtbot, window)
    assert "(the bundled copy)" in dialog.status_label.text()
    assert not dialog.rollback_button.isEnabled()
    seen = []
    dialog._relay.changed.connect(lambda text, fraction: seen.append(text))
    dialog.update_button.click()
    assert not dialog.update_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=UPDATE_TIMEOUT_MS)
    assert dialog.result_label.text() == f"yt-dlp {NEW} is installed, active from the next start."
    assert any(text.startswith("Downloading yt_dlp-") for text in seen)
    qtbot.waitUntil(dialog.rollback_button.isEnabled)
    assert f"yt-dlp {NEW} is installed, active from the next start." in \
        dialog.status_label.text()

    dialog.rollback_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.result_label.text() == "The bundled yt-dlp will be used from the next start."
    qtbot.waitUntil(lambda: not dialog.rollback_button.isEnabled())
    assert overlay.read_state(window.services.ctx.paths.data_dir)["active"] is None


def test_offline_update_says_so_in_the_dialog(qtbot, window, monkeypatch):
    monkeypatch.setenv("CDCOLLECTOR_PYPI_URL", closed_port_url())
    dialog = open_dialog(qtbot, window)
    dialog.update_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.result_label.text().startswith("Could not reach the package index")
    assert dialog.update_button.isEnabled() and not dialog.progress.isVisible()


def test_weekly_check_is_off_by_default_and_asks_nothing(bus_ctx, index):
    publish(index)
    service = YtdlpUpdateService(bus_ctx, clock=lambda: NOW)
    assert service.start_up_notices() == (None, None)
    assert index.requests == []


def test_weekly_check_at_most_once_a_week(bus_ctx, index):
    publish(index)
    bus_ctx.update_settings(ytdlp_weekly_check=True)
    clock = [NOW]
    service = YtdlpUpdateService(bus_ctx, clock=lambda: clock[0])
    expected = f"yt-dlp {NEW} is available: Help → Update yt-dlp… installs it."
    assert service.start_up_notices() == (None, expected)
    assert overlay.read_state(bus_ctx.paths.data_dir)["last_check"] == NOW
    clock[0] = NOW + WEEK_S - 1
    assert service.start_up_notices() == (None, None)
    assert index.requests == ["/pypi/yt-dlp/json"]
    clock[0] = NOW + WEEK_S
    assert service.start_up_notices() == (None, expected)
    assert len(index.requests) == 2


def test_weekly_check_offline_stays_quiet(bus_ctx, monkeypatch):
    monkeypatch.setenv("CDCOLLECTOR_PYPI_URL", closed_port_url())
    bus_ctx.update_settings(ytdlp_weekly_check=True)
    assert YtdlpUpdateService(bus_ctx, clock=lambda: NOW).start_up_notices() == (None, None)


def test_fallback_is_announced_once_in_the_window(qtbot, services):
    data_dir = services.ctx.paths.data_dir
    overlay.record_fallback(data_dir, NEW, "its folder is missing")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.text() == (f"The yt-dlp update {NEW} did not work, so the bundled copy "
                                    "is in use (Help → Update yt-dlp… shows why).")
    assert services.ytdlp.start_up_notices() == (None, None)


def test_update_available_shows_in_the_status_bar(qtbot, services, index):
    publish(index)
    services.ctx.update_settings(ytdlp_weekly_check=True)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "is available" in window.statusBar().currentMessage())
    assert not window.banner.isVisible()


def test_settings_dialog_offers_the_weekly_check(qtbot, bus_ctx):
    dialog = SettingsDialog(SettingsService(bus_ctx))
    qtbot.addWidget(dialog)
    assert not dialog.ytdlp_weekly_check.isChecked()
    dialog.ytdlp_weekly_check.setChecked(True)
    dialog.accept()
    assert bus_ctx.settings.ytdlp_weekly_check is True
