"""Mirror, remote-playlist and history models; the main window's sync action and timer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from cdcollector.catalog.spotify.parse import RemotePlaylist
from cdcollector.services.sync_views import MirrorKind, MirrorView, SyncRunView
from cdcollector.ui.dialogs.mirror_history_dialog import MirrorHistoryDialog, mirror_of_playlist
from cdcollector.ui.models.mirrors import MirrorRow, MirrorsModel
from cdcollector.ui.models.remote_playlists import LIKED_KEY, RemotePlaylistsModel
from cdcollector.ui.models.sync_history import SyncHistoryModel

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def run(n: int, status: str, **kw) -> SyncRunView:
    values = dict(id=n, source_id=1, started_at=NOW - timedelta(hours=n),
                  finished_at=NOW - timedelta(hours=n), status=status, added=0, removed=0,
                  moved=0, error=None, notes="")
    values.update(kw)
    return SyncRunView(**values)


def mirror(n: int, **kw) -> MirrorView:
    values = dict(id=n, kind=MirrorKind.SPOTIFY_PLAYLIST, remote_id=f"p{n}", name=f"Mix {n}",
                  playlist_id=None, auto_download=False, keep_removed=False, enabled=True,
                  paused_until=None, pause_reason=None, last_synced_at=None)
    values.update(kw)
    return MirrorView(**values)


def test_history_model_rows_and_modeltester(qtmodeltester):
    model = SyncHistoryModel()
    model.set_runs([
        run(1, "ok", added=3, removed=1, moved=2, notes="Skipped a local file: Demo\nSkipped an "
            "episode: Talk"),
        run(2, "paused", error="Spotify asks us to wait 10 min."),
        run(3, "unchanged"),
        run(4, "failed", error="Not logged in to Spotify."),
    ])
    qtmodeltester.check(model)
    cells = [[model.data(model.index(r, c)) for c in range(4)] for r in range(4)]
    assert cells[0][1:] == ["Updated", "+3 −1 moved 2", "Skipped a local file: Demo (+1 more)"]
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole).count("\n") == 1
    assert cells[1][1:] == ["Paused", "", "Spotify asks us to wait 10 min."]
    assert cells[2][1:3] == ["Unchanged", ""]
    assert cells[3][1] == "Failed"
    assert len(cells[0][0]) == len("2026-11-22 11:00")
    model.set_runs([])
    qtmodeltester.check(model)


def test_mirrors_model_modeltester_and_states(qtmodeltester):
    model = MirrorsModel()
    later = datetime.now(UTC) + timedelta(minutes=10)
    model.set_rows([
        MirrorRow(mirror(1), None),
        MirrorRow(mirror(2, paused_until=later, pause_reason="Spotify asks us to wait 10 min."),
                  run(1, "paused", error="Spotify asks us to wait 10 min.")),
        MirrorRow(mirror(3, enabled=False, kind=MirrorKind.SPOTIFY_LIKED), run(1, "ok", added=5)),
        MirrorRow(mirror(4), run(1, "ok"), syncing=True),
    ])
    qtmodeltester.check(model)
    states = [model.data(model.index(r, 2)) for r in range(4)]
    assert states[0] == "Never synced"
    assert states[1].startswith("Paused: Spotify asks us to wait 10 min. Next try after ")
    assert states[2].startswith("Off · ") and states[2].endswith("+5 −0 moved 0")
    assert states[3] == "Syncing…"
    assert model.data(model.index(2, 1)) == "Spotify Liked Songs"
    seen = []
    model.option_changed.connect(lambda *a: seen.append(a))
    assert model.setData(model.index(0, 3), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(0, 3), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(0, 0), "x", Qt.ItemDataRole.EditRole)
    assert seen == [(1, "auto_download", True)]
    qtmodeltester.check(model)


def test_remote_playlists_model_modeltester(qtmodeltester):
    model = RemotePlaylistsModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    model.set_playlists([
        RemotePlaylist("a", "Road trip", "s1", 12, "me", "Me"),
        RemotePlaylist("b", "Single", "s2", 1, "you", None),
    ])
    model.set_mirrored({LIKED_KEY, "b"})
    qtmodeltester.check(model)
    assert [model.data(model.index(r)) for r in range(3)] == [
        "Liked Songs", "Road trip · 12 tracks", "Single · 1 track"]
    checks = [model.data(model.index(r), Qt.ItemDataRole.CheckStateRole) for r in range(3)]
    assert checks == [Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.Checked]
    asked = []
    model.mirror_toggled.connect(lambda *a: asked.append(a))
    model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(2), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert asked == [("a", True), ("b", False)]


def test_history_dialog_for_a_mirror_playlist_follows_syncs(qtbot, logged_in, services):
    pid = logged_in.create_playlist("Follow", logged_in.make_tracks(2))
    added = services.sync.add_spotify_playlist(pid, "Follow")
    services.sync.sync(added.id)
    playlist_id = services.sync.mirror(added.id).playlist_id
    found = mirror_of_playlist(services.sync, playlist_id)
    assert found is not None and found.id == added.id
    assert mirror_of_playlist(services.sync, playlist_id + 1000) is None
    dialog = MirrorHistoryDialog(services, found.id)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1 and dialog.windowTitle() == "Sync history — Follow"
    logged_in.playlist_add(pid, logged_in.make_tracks(1, "Late"))
    services.sync.sync(added.id)  # emits sync_finished: the open dialog re-reads
    assert dialog.model.rowCount() == 2
    assert dialog.model.data(dialog.model.index(0, 2)) == "+1 −0 moved 0"


def test_main_window_syncs_mirrors_now_and_reports_in_the_status_bar(
        qtbot, logged_in, services, bus_ctx):
    from cdcollector.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.sync_scheduler.active  # default interval 60 min
    window.sync_action.trigger()
    assert "No mirrors yet" in window.statusBar().currentMessage()
    pid = logged_in.create_playlist("Status", logged_in.make_tracks(2))
    services.sync.add_spotify_playlist(pid, "Status")
    assert window.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Status: +2 −0 moved 0",
                    timeout=10_000)
    window.close()
    assert not window.sync_scheduler.active


def test_interval_setting_is_saved_and_applied(qtbot, make_page, services, bus_ctx):
    from cdcollector.services.sync_scheduler import SyncScheduler

    scheduler = SyncScheduler(services.sync)
    assert scheduler.active
    page = make_page(scheduler)
    spin = page.mirror_panel.interval
    assert spin.value() == 60
    spin.setValue(0)
    assert spin.text() == "off"
    qtbot.waitUntil(lambda: bus_ctx.settings.sync_interval_min == 0, timeout=5_000)
    assert not scheduler.active
    spin.setValue(15)
    page.close_down()  # closing the dialog saves a change still waiting
    assert bus_ctx.settings.sync_interval_min == 15 and scheduler.active


def test_settings_dialog_from_the_window_has_the_accounts_tab(qtbot, services, logged_in):
    from cdcollector.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog.tabs.tabText(1) == "Accounts"
    assert dialog.accounts.mirror_panel.scheduler is window.sync_scheduler
    qtbot.waitUntil(lambda: dialog.accounts.remote_model.rowCount() > 1, timeout=10_000)
    dialog.reject()


def test_a_mirror_playlist_in_the_playlists_pane_opens_its_sync_history(
        qtbot, logged_in, services):
    from cdcollector.ui.panes.playlists import PlaylistsPane

    pid = logged_in.create_playlist("Pane mirror", logged_in.make_tracks(2))
    added = services.sync.add_spotify_playlist(pid, "Pane mirror")
    services.sync.sync(added.id)
    own = services.playlists.create("Mine")
    pane = PlaylistsPane(services)
    qtbot.addWidget(pane)
    pane.select_playlist(own.id)
    assert not pane.history_action.isVisible()
    pane.select_playlist(services.sync.mirror(added.id).playlist_id)
    assert pane.history_action.isVisible()
    assert pane.history_action in pane.playlist_menu().actions()
    pane.history_action.trigger()
    dialog = pane.history_dialog
    assert dialog.mirror_id == added.id
    assert dialog.model.data(dialog.model.index(0, 2)) == "+2 −0 moved 0"
