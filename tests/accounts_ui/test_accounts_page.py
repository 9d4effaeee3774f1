"""Settings → Accounts against the loopback fake Spotify API: connect, choose, sync, pause."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cdcollector.ui.models.mirrors import FIRST_OPTION

CHECK = Qt.ItemDataRole.CheckStateRole


def tick(model, row: int, on: bool = True) -> bool:
    value = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    return model.setData(model.index(row, 0), value, CHECK)


def wait_playlists(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.remote_model.rowCount() > 1, timeout=10_000)


def wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.mirror_panel._syncing, timeout=10_000)


def test_without_a_client_id_the_page_says_not_connected(make_page):
    page = make_page()
    box = page.login_box
    assert "Not connected" in box.status_label.text()
    assert not box.login_button.isEnabled()
    assert not box.logout_button.isVisible()
    assert not page.remote_view.isVisible()
    assert "Log in to Spotify" in page.remote_hint.text()
    assert "http://127.0.0.1:" in box.help_label.text()
    assert "developer.spotify.com" in box.help_label.text()
    assert page.mirror_panel.empty_label.isVisible()


def test_with_a_client_id_but_no_login_offers_log_in(make_page, connected):
    page = make_page()
    assert page.login_box.login_button.isEnabled()
    assert page.login_box.status_label.text() == "Not logged in."


def test_logged_in_lists_playlists_and_a_ticked_one_syncs_with_history(
        qtbot, make_page, logged_in, services):
    page = make_page()
    wait_playlists(qtbot, page)
    model = page.remote_model
    assert model.data(model.index(0)) == "Liked Songs"
    names = [model.data(model.index(r)) for r in range(1, model.rowCount())]
    assert names[0].startswith("Wizzlers Big Playlist · 3 tracks")
    assert "Logged in" in page.login_box.status_label.text()

    page.remote_view.setCurrentIndex(model.index(1))
    page.remote_view.setFocus()
    qtbot.keyClick(page.remote_view, Qt.Key.Key_Space)  # as a user ticks it
    [mirror] = services.sync.mirrors()
    assert mirror.name == "Wizzlers Big Playlist"
    assert model.data(model.index(1), CHECK) == Qt.CheckState.Checked
    assert page.mirror_panel.current_mirror().id == mirror.id
    wait_idle(qtbot, page)  # ticking starts the first sync at once

    qtbot.mouseClick(page.mirror_panel.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, page)
    panel = page.mirror_panel
    assert "unchanged" in panel.model.data(panel.model.index(0, 2))

    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    history = panel.history_dialog.model
    rows = [[history.data(history.index(r, c)) for c in range(4)]
            for r in range(history.rowCount())]
    assert [r[1] for r in rows] == ["Unchanged", "Updated"]
    assert rows[1][2] == "+3 −0 moved 0"
    playlist_id = services.sync.mirror(mirror.id).playlist_id
    [local] = [p for p in services.playlists.list() if p.id == playlist_id]
    assert local.read_only and local.track_count == 3


def test_unticking_stops_the_mirror_and_keeps_the_playlist(
        qtbot, make_page, logged_in, services):
    page = make_page()
    wait_playlists(qtbot, page)
    tick(page.remote_model, 0)  # Liked Songs
    wait_idle(qtbot, page)
    [mirror] = services.sync.mirrors()
    assert mirror.name == "Liked Songs"
    playlist_id = services.sync.mirror(mirror.id).playlist_id
    assert tick(page.remote_model, 0, on=False)
    assert services.sync.mirrors() == []
    assert page.remote_model.data(page.remote_model.index(0), CHECK) == Qt.CheckState.Unchecked
    kept = [p for p in services.playlists.list() if p.id == playlist_id]
    assert kept and not kept[0].read_only


def test_options_are_saved_from_the_checkboxes(qtbot, make_page, logged_in, services):
    pid = logged_in.create_playlist("Options", logged_in.make_tracks(1))
    mirror = services.sync.add_spotify_playlist(pid, "Options")
    page = make_page()
    model = page.mirror_panel.model
    for offset, field in enumerate(("auto_download", "keep_removed", "enabled")):
        index = model.index(0, FIRST_OPTION + offset)
        before = getattr(services.sync.mirror(mirror.id), field)
        wanted = Qt.CheckState.Unchecked if before else Qt.CheckState.Checked
        assert model.setData(index, wanted, CHECK)
        assert getattr(services.sync.mirror(mirror.id), field) is (not before)
    assert model.data(model.index(0, 2)).startswith("Off")
    table = page.mirror_panel.table
    table.setCurrentIndex(model.index(0, FIRST_OPTION + 2))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)  # the keyboard ticks "Enabled" back on
    assert services.sync.mirror(mirror.id).enabled


def test_a_429_pauses_the_mirror_and_the_page_shows_why(
        qtbot, make_page, logged_in, services):
    pid = logged_in.create_playlist("Busy", logged_in.make_tracks(2))
    services.sync.add_spotify_playlist(pid, "Busy")
    page = make_page()
    wait_playlists(qtbot, page)
    logged_in.rate_limit(retry_after=600, path=r"/playlists/", times=None)
    assert page.mirror_panel.sync_current()
    wait_idle(qtbot, page)
    panel = page.mirror_panel
    state = panel.model.data(panel.model.index(0, 2))
    assert state.startswith("Paused: Spotify asks us to wait 10 min.")
    assert "Spotify asks us to wait 10 min" in panel.detail_label.text()

    logged_in.clear_faults()
    assert panel.sync_current()  # Spotify's wait is honoured even on demand: still paused
    wait_idle(qtbot, page)
    assert panel.model.data(panel.model.index(0, 2)).startswith("Paused: Spotify asks us")
    services.spotify.catalog().gate.clear()  # the 10 minutes have passed
    assert panel.sync_current()
    wait_idle(qtbot, page)
    assert "+2 −0 moved 0" in panel.model.data(panel.model.index(0, 2))


def test_a_bad_youtube_link_says_why_inline(qtbot, make_page, services):
    page = make_page()
    for text, expected in (
        ("", "Paste a playlist link first."),
        ("https://youtu.be/dQw4w9WgXcQ", "not a YouTube or YouTube Music playlist"),
        ("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M",
         "not a YouTube or YouTube Music playlist"),
        ("hello there", ""),
    ):
        page.youtube_link.setText(text)
        qtbot.mouseClick(page.youtube_button, Qt.MouseButton.LeftButton)
        assert page.youtube_error.isVisible()
        assert expected in page.youtube_error.text()
        assert "\n" not in page.youtube_error.text() and "Traceback" not in \
            page.youtube_error.text()
    assert services.sync.mirrors() == []


def test_duplicate_as_my_playlist_makes_an_editable_copy(qtbot, make_page, logged_in, services):
    pid = logged_in.create_playlist("Road trip", logged_in.make_tracks(4))
    mirror = services.sync.add_spotify_playlist(pid, "Road trip")
    services.sync.sync(mirror.id)
    page = make_page()
    panel = page.mirror_panel
    assert panel.duplicate_button.isEnabled()
    before = {p.id for p in services.playlists.list()}
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    [copy] = [p for p in services.playlists.list() if p.id not in before]
    assert not copy.read_only and copy.origin == "local"
    assert copy.track_count == 4
    assert copy.name in panel.message_label.text()
    services.playlists.rename(copy.id, "Mine now")  # editable: no ReadOnlyError


def test_remove_keeps_the_local_playlist(qtbot, make_page, logged_in, services):
    pid = logged_in.create_playlist("Leaving", logged_in.make_tracks(1))
    mirror = services.sync.add_spotify_playlist(pid, "Leaving")
    services.sync.sync(mirror.id)
    page = make_page()
    qtbot.mouseClick(page.mirror_panel.remove_button, Qt.MouseButton.LeftButton)
    assert services.sync.mirrors() == []
    assert "Stopped mirroring “Leaving”" in page.mirror_panel.message_label.text()
    assert page.mirror_panel.empty_label.isVisible()
