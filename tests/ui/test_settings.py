"""Settings: the thin service and the dialog that edits it."""

from __future__ import annotations

import json

import pytest

from cdcollector.domain.errors import ConfigError
from cdcollector.services.settings_service import SettingsService
from cdcollector.ui.dialogs.settings_dialog import SettingsDialog


def test_service_saves_valid_changes(bus_ctx):
    service = SettingsService(bus_ctx)
    service.update(parallel_downloads=5, burner_gap_s=0.0)
    stored = json.loads(bus_ctx.paths.settings_path.read_text(encoding="utf-8"))
    assert stored["parallel_downloads"] == 5
    assert stored["burner_gap_s"] == 0.0
    assert service.get().parallel_downloads == 5


def test_service_refuses_bad_values_and_saves_nothing(bus_ctx):
    service = SettingsService(bus_ctx)
    with pytest.raises(ConfigError):
        service.update(parallel_downloads=99)
    with pytest.raises(ConfigError):
        service.update(no_such_setting=1)
    assert not bus_ctx.paths.settings_path.exists()
    assert service.get().parallel_downloads == 3


def test_dialog_round_trip(qtbot, window, bus_ctx):
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    assert dialog.parallel_downloads.value() == bus_ctx.settings.parallel_downloads
    dialog.parallel_downloads.setValue(6)
    dialog.download_format.setCurrentText("flac")
    dialog.levelling.setCurrentText("album")
    dialog.media.setCurrentIndex(dialog.media.findData(74))
    dialog.simulate.setChecked(True)
    dialog.spotify_client_id.setText("  abc123  ")
    dialog.accept()
    assert not dialog.isVisible()
    s = bus_ctx.settings
    assert (s.parallel_downloads, s.download_format, s.burner_normalize) == (6, "flac", "album")
    assert (s.burner_media_minutes, s.burner_simulate, s.spotify_client_id) == (74, True, "abc123")
    assert window.statusBar().currentMessage() == "Settings saved."


def test_dialog_keeps_open_on_an_invalid_value(qtbot, window, bus_ctx):
    window.settings_action.trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.music_folder.setText("   ")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "music folder" in dialog.error_label.text()
    assert not bus_ctx.paths.settings_path.exists()


def test_dialog_shows_current_values(qtbot, bus_ctx):
    SettingsService(bus_ctx).update(burner_gapless_albums=False, burner_eject=False)
    dialog = SettingsDialog(SettingsService(bus_ctx))
    qtbot.addWidget(dialog)
    assert not dialog.gapless_albums.isChecked()
    assert not dialog.eject.isChecked()
    assert dialog.changes()["burner_media_minutes"] == bus_ctx.settings.burner_media_minutes


def test_dialog_offers_youtube_cookies_from_a_browser_with_a_warning(qtbot, bus_ctx):
    dialog = SettingsDialog(SettingsService(bus_ctx))
    qtbot.addWidget(dialog)
    assert dialog.cookies_browser.currentData() == ""  # off by default
    assert dialog.cookies_browser.currentText() == "None"
    dialog.cookies_browser.setCurrentIndex(dialog.cookies_browser.findData("firefox"))
    dialog.accept()
    assert bus_ctx.settings.youtube_cookies_browser == "firefox"
    again = SettingsDialog(SettingsService(bus_ctx))
    qtbot.addWidget(again)
    assert again.cookies_browser.currentText() == "Firefox"
    labels = " ".join(label.text() for label in again.findChildren(type(again.error_label)))
    assert "YouTube session" in labels
