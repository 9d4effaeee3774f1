"""Mirrors under the 2026 Development-mode rules: refused playlists stop, logins refresh."""

from cdcollector.catalog.spotify.parse import NOT_READABLE

FOLLOWED = "1AVZz0mBuGbCEoNRQdYQju"  # wizzlersmate's playlist, followed by the user


def test_a_followed_playlist_is_refused_once_and_left_alone_by_the_timer(sync, fake_spotify):
    mirror = sync.add_spotify_playlist(FOLLOWED, "Another Playlist")
    run = sync.sync(mirror.id)
    assert (run.status, run.error) == ("refused", NOT_READABLE)
    stored = sync.mirror(mirror.id)
    assert stored.refused_reason == NOT_READABLE and stored.paused_until is None
    assert fake_spotify.requests_to("/items$") == []  # the owner field said it: no 403 asked

    fake_spotify.clear_log()
    assert sync.due() == []
    for _tick in range(3):  # what each pass of the 15-minute timer runs
        assert sync.sync_all(only_due=True) == []
    assert fake_spotify.requests_to("/playlists/") == []
    assert [r.status for r in sync.history(mirror.id)] == ["refused"]


def test_a_collaborative_playlist_the_user_is_not_part_of_is_refused_by_its_403(
        sync, fake_spotify):
    pid = fake_spotify.create_playlist("Open", fake_spotify.make_tracks(2), owner_id="friend",
                                       collaborative=True)
    mirror = sync.add_spotify_playlist(pid)
    run = sync.sync(mirror.id)
    assert (run.status, run.error) == ("refused", NOT_READABLE)
    assert len(fake_spotify.requests_to(f"/playlists/{pid}/items$")) == 1
    assert sync.due() == []

    fake_spotify.playlists[pid].collaborators.add("wizzler")  # the owner invites the user
    run = sync.sync(mirror.id)  # "Sync now" still works, and clears the refusal
    assert (run.status, run.added) == ("ok", 2)
    assert sync.mirror(mirror.id).refused_reason is None
    assert [m.id for m in sync.due()] == [mirror.id]


def test_the_owner_without_premium_pauses_with_the_cause_not_a_refusal(sync, fake_spotify):
    pid = fake_spotify.create_playlist("Mine", fake_spotify.make_tracks(2))
    mirror = sync.add_spotify_playlist(pid)
    fake_spotify.owner_premium = False
    run = sync.sync(mirror.id)
    assert run.status == "paused" and "the app's owner needs Spotify Premium" in run.error
    stored = sync.mirror(mirror.id)
    assert stored.refused_reason is None and stored.pause_reason == run.error


def test_a_quota_429_pauses_the_mirror_for_our_own_backoff(sync, fake_spotify):
    pid = fake_spotify.create_playlist("Mine", fake_spotify.make_tracks(2))
    mirror = sync.add_spotify_playlist(pid)
    fake_spotify.quota_exceeded = True
    run = sync.sync(mirror.id)
    assert run.status == "paused" and "quota" in run.error
    assert sync.mirror(mirror.id).paused_until is not None and sync.due() == []


def test_an_expired_access_token_is_refreshed_during_a_sync(sync, fake_spotify):
    pid = fake_spotify.create_playlist("Mine", fake_spotify.make_tracks(3))
    mirror = sync.add_spotify_playlist(pid)
    fake_spotify.expire_access_tokens()
    run = sync.sync(mirror.id)
    assert (run.status, run.added) == ("ok", 3)


def test_a_revoked_login_fails_the_sync_and_logs_out(sync, fake_spotify, spotify_account):
    pid = fake_spotify.create_playlist("Mine", fake_spotify.make_tracks(3))
    mirror = sync.add_spotify_playlist(pid)
    fake_spotify.expire_access_tokens()
    fake_spotify.revoke_refresh_tokens()
    run = sync.sync(mirror.id)
    assert run.status == "failed" and "revoked" in run.error
    assert not spotify_account.status().logged_in
