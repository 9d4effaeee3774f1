"""`cdcollector sync` end to end against the fake API, and the in-app timer."""

import threading

from cdcollector.cli import main
from cdcollector.services.sync import SyncService
from cdcollector.services.sync_scheduler import SyncScheduler


def test_cli_adds_syncs_lists_and_shows_history(ctx, spotify_account, fake_spotify, capsys):
    pid = fake_spotify.create_playlist("CLI mix", fake_spotify.make_tracks(3))
    assert main(["sync", "--add-spotify", pid, "--name", "CLI mix"]) == 0
    assert main(["sync"]) == 0
    out = capsys.readouterr().out
    assert "CLI mix: +3 −0 moved 0" in out
    assert main(["sync", "--list"]) == 0
    assert "CLI mix" in capsys.readouterr().out
    assert main(["sync", "--history", "1"]) == 0
    assert "+3 −0 moved 0" in capsys.readouterr().out


def test_cli_exits_non_zero_with_the_reason_when_spotify_says_wait(
        ctx, spotify_account, fake_spotify, capsys):
    pid = fake_spotify.create_playlist("Busy", fake_spotify.make_tracks(2))
    main(["sync", "--add-spotify", pid])
    fake_spotify.rate_limit(retry_after=600, path=r"/playlists/", times=None)
    assert main(["sync"]) == 1
    assert "Spotify asks us to wait 10 min" in capsys.readouterr().out


def test_cli_rejects_a_non_playlist_youtube_link(ctx, capsys):
    assert main(["sync", "--add-youtube", "https://youtu.be/dQw4w9WgXcQ"]) == 1
    assert "not a YouTube" in capsys.readouterr().err


def test_timer_runs_due_mirrors_in_a_worker(qtbot, ctx, spotify_account, fake_spotify):
    pid = fake_spotify.create_playlist("Timer", fake_spotify.make_tracks(2))
    sync = SyncService(ctx, spotify=spotify_account.catalog)
    mirror = sync.add_spotify_playlist(pid)
    ctx.update_settings(sync_interval_min=30)
    scheduler = SyncScheduler(sync)
    assert scheduler.active
    main_thread = threading.get_ident()
    seen = []
    original = sync.sync_all

    def recording_sync_all(only_due=True):
        seen.append(threading.get_ident())
        return original(only_due)

    sync.sync_all = recording_sync_all
    assert scheduler.run_now()
    qtbot.waitUntil(lambda: any(r.status == "ok" for r in sync.history(mirror.id)),
                    timeout=10_000)
    assert seen[0] != main_thread
    ctx.update_settings(sync_interval_min=0)
    scheduler.apply_interval()
    assert not scheduler.active
