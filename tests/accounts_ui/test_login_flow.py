"""The Spotify login through the page: the browser is a function that visits the URL."""

from __future__ import annotations

import threading

import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices


def visit(url) -> bool:
    """What the user's browser does: open the authorize URL, follow the redirect home."""
    answer = requests.get(url.toString(), timeout=5, allow_redirects=True)
    assert answer.status_code == 200
    return True


def test_full_login_through_the_page_ends_logged_in(
        qtbot, make_page, connected, monkeypatch, services, memory_keyring):
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(visit))
    page = make_page()
    box = page.login_box
    assert not box.logged_in
    qtbot.mouseClick(box.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.logged_in, timeout=10_000)
    assert box.status_label.text() == "Logged in as JM Wizzler."
    assert box.logout_button.isVisible() and not box.login_button.isVisible()
    assert not box.cancel_button.isVisible()
    assert memory_keyring.store  # remembered in the keyring
    qtbot.waitUntil(lambda: page.remote_model.rowCount() > 1, timeout=10_000)

    qtbot.mouseClick(box.logout_button, Qt.MouseButton.LeftButton)
    assert not box.logged_in
    assert "Logged out" in box.status_label.text()
    assert not memory_keyring.store
    assert page.remote_model.rowCount() == 0


def test_the_page_is_not_logged_in_until_the_account_is_checked(
        qtbot, make_page, connected, monkeypatch, services):
    """The token is stored before the account check ends: no "logged in" in between."""
    checking = threading.Event()
    release = threading.Event()
    verify = services.spotify._verify_account

    def slow_verify():
        checking.set()
        release.wait(10)
        verify()

    monkeypatch.setattr(services.spotify, "_verify_account", slow_verify)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(visit))
    page = make_page()
    box = page.login_box
    qtbot.mouseClick(box.login_button, Qt.MouseButton.LeftButton)
    assert checking.wait(10)
    box.refresh()
    assert not box.logged_in
    assert box.status_label.text() == "Checking your Spotify account…"
    assert box.cancel_button.isVisible() and not box.logout_button.isVisible()
    release.set()
    qtbot.waitUntil(lambda: box.logged_in, timeout=10_000)
    assert box.status_label.text() == "Logged in as JM Wizzler."


def test_client_id_typed_on_the_page_is_saved_before_the_login(
        qtbot, make_page, connected, monkeypatch, services, bus_ctx):
    bus_ctx.update_settings(spotify_client_id="")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url) or True))
    page = make_page()
    box = page.login_box
    assert not box.login_button.isEnabled()
    box.client_id.setText("  test-client-id ")
    box.client_id.editingFinished.emit()
    assert bus_ctx.settings.spotify_client_id == "test-client-id"
    assert box.login_button.isEnabled()

    qtbot.mouseClick(box.login_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and "client_id=test-client-id" in opened[0].toString()
    assert box.cancel_button.isVisible() and not box.login_button.isEnabled()
    assert box.client_id.isReadOnly()
    assert "Waiting for the Spotify login" in box.status_label.text()
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.status_label.text() == "Login cancelled.", timeout=10_000)
    assert box.login_button.isEnabled() and not box.cancel_button.isVisible()
    assert not services.spotify.status().logged_in


def test_a_denied_login_shows_spotifys_answer(qtbot, make_page, connected, monkeypatch):
    connected.deny_authorize = True
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(visit))
    page = make_page()
    qtbot.mouseClick(page.login_box.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "denied" in page.login_box.status_label.text(), timeout=10_000)
    assert not page.login_box.logged_in


def test_closing_the_dialog_abandons_a_waiting_login(qtbot, connected, monkeypatch, services,
                                                       bus_ctx):
    from cdcollector.services.settings_service import SettingsService
    from cdcollector.ui.dialogs.settings_dialog import SettingsDialog
    from cdcollector.ui.widgets.accounts_page import AccountsPage

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    settings = SettingsService(bus_ctx)
    dialog = SettingsDialog(settings, accounts=AccountsPage(services, settings))
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "General", "Accounts"]
    assert dialog.spotify_client_id is dialog.accounts.client_id_edit
    dialog.accounts.login_box.log_in()
    assert services.spotify.status().login_pending
    dialog.reject()
    qtbot.waitUntil(lambda: not services.spotify.status().login_pending, timeout=10_000)


def test_without_a_keyring_the_page_says_the_login_is_not_remembered(
        qtbot, make_page, connected, monkeypatch):
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(visit))
        page = make_page()
        qtbot.mouseClick(page.login_box.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.login_box.logged_in, timeout=10_000)
        text = page.login_box.status_label.text()
        assert text.startswith("Logged in as JM Wizzler.")
        assert "cannot be remembered on this computer" in text
    finally:
        keyring.set_keyring(previous)
