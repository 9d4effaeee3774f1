"""Mirrors against the loopback fake Spotify API: create, follow changes, skip, pause, resume."""

from sqlalchemy import text

from cdcollector.services.playlists import PlaylistService
from cdcollector.services.sync import SyncService


def local_titles(ctx, playlist_id):
    return [e.track.title for e in PlaylistService(ctx).entries(playlist_id)]


def remote_titles(fake, pid):
    return [fake.catalog.tracks[t]["name"] for t in fake.playlist_track_ids(pid) if t]


def test_first_sync_creates_a_read_only_playlist_in_remote_order(ctx, sync, fake_spotify):
    ids = fake_spotify.make_tracks(5)
    pid = fake_spotify.create_playlist("Road trip", ids)
    mirror = sync.add_spotify_playlist(pid, "Road trip")
    run = sync.sync(mirror.id)
    assert (run.status, run.added, run.removed, run.moved) == ("ok", 5, 0, 0)
    mirror = sync.mirror(mirror.id)
    info = PlaylistService(ctx).get(mirror.playlist_id)
    assert info.read_only and info.origin == "spotify" and info.track_count == 5
    assert local_titles(ctx, mirror.playlist_id) == remote_titles(fake_spotify, pid)


def test_add_remove_and_reorder_between_syncs(ctx, sync, fake_spotify):
    ids = fake_spotify.make_tracks(6)
    pid = fake_spotify.create_playlist("Mix", ids[:4])
    mirror = sync.add_spotify_playlist(pid, "Mix")
    sync.sync(mirror.id)
    fake_spotify.playlist_add(pid, ids[4:6])          # +2
    fake_spotify.playlist_remove(pid, [ids[1]])        # −1
    fake_spotify.playlist_move(pid, 0, 3)              # first track now third
    run = sync.sync(mirror.id)
    assert (run.status, run.added, run.removed) == ("ok", 2, 1)
    assert run.moved >= 1
    playlist_id = sync.mirror(mirror.id).playlist_id
    assert local_titles(ctx, playlist_id) == remote_titles(fake_spotify, pid)
    assert [h.status for h in sync.history(mirror.id)] == ["ok", "ok"]
    assert sync.history(mirror.id)[0].summary.startswith("+2 −1 moved")


def test_unchanged_snapshot_makes_no_item_requests(sync, fake_spotify):
    pid = fake_spotify.create_playlist("Same", fake_spotify.make_tracks(3))
    mirror = sync.add_spotify_playlist(pid)
    sync.sync(mirror.id)
    fake_spotify.clear_log()
    run = sync.sync(mirror.id)
    assert run.status == "unchanged"
    assert fake_spotify.requests_to(r"/items|/tracks") == []
    assert len(fake_spotify.requests_to(rf"/playlists/{pid}$")) == 1


def test_rate_limit_mid_paging_keeps_previous_state_then_completes(ctx, sync, fake_spotify):
    ids = fake_spotify.make_tracks(150)
    pid = fake_spotify.create_playlist("Big", ids[:120])
    mirror = sync.add_spotify_playlist(pid)
    sync.sync(mirror.id)
    playlist_id = sync.mirror(mirror.id).playlist_id
    before = local_titles(ctx, playlist_id)
    fake_spotify.playlist_add(pid, ids[120:])
    fake_spotify.playlist_remove(pid, ids[:10])
    fake_spotify.rate_limit(retry_after=120, path=r"/items", skip=1)  # page 2 answers 429
    run = sync.sync(mirror.id)
    assert run.status == "paused" and "wait" in run.error.lower()
    assert local_titles(ctx, playlist_id) == before
    paused = sync.mirror(mirror.id)
    assert paused.paused_until is not None and paused.pause_reason
    assert mirror.id not in [m.id for m in sync.due()]
    spotify_gate_cleared = SyncService(ctx, spotify=lambda: _fresh_catalog(ctx))
    run = spotify_gate_cleared.sync(mirror.id)
    assert (run.status, run.added, run.removed) == ("ok", 30, 10)
    assert local_titles(ctx, playlist_id) == remote_titles(fake_spotify, pid)
    assert sync.mirror(mirror.id).paused_until is None


def _fresh_catalog(ctx):
    from cdcollector.services.spotify_account import SpotifyAccountService

    return SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01).catalog()


def test_liked_songs_over_100_are_paged(ctx, sync, fake_spotify):
    ids = fake_spotify.make_tracks(130, title_prefix="Liked")
    fake_spotify.like(ids)
    mirror = sync.add_liked_songs()
    run = sync.sync(mirror.id)
    expected = len(fake_spotify.liked)
    assert expected > 100 and run.added == expected
    assert len(local_titles(ctx, sync.mirror(mirror.id).playlist_id)) == expected
    assert len(fake_spotify.requests_to(r"/me/tracks")) >= 2


def test_local_files_and_episodes_are_skipped_with_a_note(ctx, sync, fake_spotify):
    pid = fake_spotify.create_playlist("Odd", fake_spotify.make_tracks(2))
    fake_spotify.playlist_add_local(pid, "Home demo", "Me")
    fake_spotify.playlist_add_episode(pid)
    mirror = sync.add_spotify_playlist(pid)
    run = sync.sync(mirror.id)
    assert run.status == "ok" and run.added == 2
    assert "local file" in run.notes and "podcast episode" in run.notes


def test_auto_download_queues_only_new_tracks(sync, fake_spotify, downloads):
    ids = fake_spotify.make_tracks(4)
    pid = fake_spotify.create_playlist("Auto", ids[:2])
    mirror = sync.add_spotify_playlist(pid, auto_download=True)
    sync.sync(mirror.id)
    fake_spotify.playlist_add(pid, ids[2:])
    sync.sync(mirror.id)
    assert [len(refs) for refs, _ in downloads.calls] == [2, 2]
    assert all(pl == sync.mirror(mirror.id).playlist_id for _, pl in downloads.calls)
    assert all(r.isrc or r.spotify_id for refs, _ in downloads.calls for r in refs)


def test_removing_a_mirror_keeps_the_playlist_as_the_users_own(ctx, sync, fake_spotify):
    pid = fake_spotify.create_playlist("Keep", fake_spotify.make_tracks(2))
    mirror = sync.add_spotify_playlist(pid)
    sync.sync(mirror.id)
    playlist_id = sync.mirror(mirror.id).playlist_id
    sync.remove(mirror.id)
    info = PlaylistService(ctx).get(playlist_id)
    assert not info.read_only and info.track_count == 2


def test_sync_never_deletes_local_files(ctx, sync, fake_spotify, tmp_path):
    ids = fake_spotify.make_tracks(2)
    pid = fake_spotify.create_playlist("Files", ids)
    mirror = sync.add_spotify_playlist(pid)
    sync.sync(mirror.id)
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3 not really audio")
    with ctx.db.session() as s:
        s.execute(text("UPDATE track SET path = :p WHERE spotify_id = :sid"),
                  {"p": str(song), "sid": ids[0]})
    fake_spotify.playlist_remove(pid, [ids[0]])
    run = sync.sync(mirror.id)
    assert run.removed == 1 and song.exists()
