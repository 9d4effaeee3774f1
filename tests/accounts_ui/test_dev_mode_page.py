"""Settings → Accounts under Spotify's 2026 rules: others' playlists, refusals, requirements."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.accounts_ui.test_accounts_page import tick, wait_idle, wait_playlists

FOLLOWED = "1AVZz0mBuGbCEoNRQdYQju"  # wizzlersmate's playlist, followed by the user
WHY = ("Spotify lets CD-Collector read only playlists you own or collaborate on: save a copy "
       "in Spotify, then mirror the copy.")


def _row(model, name: str) -> int:
    return next(r for r in range(1, model.rowCount())
                if model.data(model.index(r)).startswith(name))


def test_others_playlists_are_greyed_out_with_the_reason(qtbot, make_page, logged_in, services):
    page = make_page()
    wait_playlists(qtbot, page)
    model = page.remote_model
    other, own = _row(model, "Another Playlist"), _row(model, "Wizzlers Big Playlist")
    assert not model.flags(model.index(other)) & Qt.ItemFlag.ItemIsEnabled
    assert model.flags(model.index(own)) & Qt.ItemFlag.ItemIsEnabled
    assert model.data(model.index(other), Qt.ItemDataRole.ToolTipRole) == WHY
    assert "by wizzlersmate, cannot be mirrored" in model.data(model.index(other))
    assert WHY in page.remote_hint.text()
    assert not tick(model, other)
    assert services.sync.mirrors() == []


def test_a_refused_mirror_says_why_and_is_not_retried(qtbot, make_page, logged_in, services):
    mirror = services.sync.add_spotify_playlist(FOLLOWED, "Another Playlist")
    page = make_page()
    wait_playlists(qtbot, page)
    panel = page.mirror_panel
    assert panel.sync_current(mirror.id)
    wait_idle(qtbot, page)
    state = panel.model.data(panel.model.index(0, 2))
    assert state == f"Not synced automatically: {WHY}"
    assert WHY in panel.detail_label.text()
    assert services.sync.due() == []  # the timer leaves it alone
    model = page.remote_model
    other = _row(model, "Another Playlist")
    assert model.flags(model.index(other)) & Qt.ItemFlag.ItemIsEnabled  # may still be unticked
    assert tick(model, other, on=False) and services.sync.mirrors() == []


def test_the_owner_without_premium_is_named_on_the_page(qtbot, make_page, logged_in):
    logged_in.owner_premium = False
    page = make_page()
    qtbot.waitUntil(lambda: "Premium" in page.remote_hint.text(), timeout=10_000)
    assert "the app's owner needs Spotify Premium" in page.remote_hint.text()


def test_the_page_says_what_a_spotify_user_needs(make_page, connected):
    page = make_page()
    text = page.login_box.help_label.text()
    assert "Premium" in text and "at most 5 Spotify accounts" in text
    assert "own or collaborate on" in text
