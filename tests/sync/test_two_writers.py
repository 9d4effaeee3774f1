"""Two processes syncing one mirror at once leave one playlist in one remote order (issue 13)."""

from __future__ import annotations

from sqlalchemy import text

from cdcollector.domain.types import Source
from cdcollector.services.sync import SyncService
from tests.fakes.catalogs import FakeCatalog, track
from tests.two_writers import overlapping_calls, run_two_writers

LINK = "https://www.youtube.com/playlist?list=PLshared"
SONGS = 30
SYNCS = 60


def remote_order(reverse: bool) -> list[str]:
    ids = [f"v{n}" for n in range(SONGS)]
    return ids[::-1] if reverse else ids


def sync_once(ctx, job: tuple[int, bool]) -> None:
    mirror_id, reverse = job
    youtube = FakeCatalog("YouTube Music", Source.YTMUSIC)
    youtube.playlists["PLshared"] = ("Shared", tuple(
        track(f"Song {v}", "Band", v, Source.YTMUSIC) for v in remote_order(reverse)))
    run = SyncService(ctx, youtube=lambda: youtube).sync(mirror_id)
    assert run.error is None, run.error


def test_two_processes_syncing_one_mirror_keep_one_dense_playlist(ctx, isolated_home):
    mirror = SyncService(ctx).add_youtube_playlist(LINK)

    a, b = run_two_writers(isolated_home, sync_once, [(mirror.id, False)] * SYNCS,
                           [(mirror.id, True)] * SYNCS)

    assert overlapping_calls(a, b) > 0 and overlapping_calls(b, a) > 0
    with ctx.db.session() as session:
        playlists = session.execute(text(
            "SELECT id FROM playlist WHERE origin = 'youtube'")).scalars().all()
        assert len(playlists) == 1
        rows = session.execute(text(
            "SELECT t.youtube_id, e.position FROM playlist_entry e JOIN track t "
            "ON t.id = e.track_id WHERE e.playlist_id = :p ORDER BY e.position"),
            {"p": playlists[0]}).all()
        tracks = session.execute(text("SELECT count(*) FROM track")).scalar_one()
    assert [p for _, p in rows] == list(range(SONGS))
    assert [v for v, _ in rows] in (remote_order(False), remote_order(True))
    assert tracks == SONGS
