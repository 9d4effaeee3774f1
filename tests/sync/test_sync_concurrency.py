"""Two syncs of one mirror at once make one playlist; YouTube mirrors take the remote title."""

import threading

from cdcollector.domain.types import Source
from cdcollector.services.container import Services
from cdcollector.services.playlists import PlaylistService
from cdcollector.services.sync import SyncService
from tests.fakes.catalogs import FakeCatalog, track


class SlowYouTube(FakeCatalog):
    """Holds every playlist fetch until released, so two syncs overlap."""

    def __init__(self):
        super().__init__("YouTube Music", Source.YTMUSIC)
        self.release = threading.Event()
        self.fetching = threading.Semaphore(0)

    def playlist(self, playlist_id):
        self.fetching.release()
        self.release.wait(10)
        return super().playlist(playlist_id)


def test_concurrent_first_syncs_create_one_playlist(ctx):
    youtube = SlowYouTube()
    youtube.playlists["PLx"] = ("Summer 2026", tuple(
        track(f"Song {n}", "Band", f"v{n}", Source.YTMUSIC) for n in range(3)))
    sync = SyncService(ctx, youtube=lambda: youtube)
    mirror = sync.add_youtube_playlist("https://www.youtube.com/playlist?list=PLx")
    runs = []
    workers = [threading.Thread(target=lambda: runs.append(sync.sync(mirror.id)))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    assert youtube.fetching.acquire(timeout=10)
    youtube.release.set()
    for worker in workers:
        worker.join(10)
    assert sorted(r.added for r in runs) == [0, 3]
    playlists = [p for p in PlaylistService(ctx).list() if p.origin == "youtube"]
    assert len(playlists) == 1 and playlists[0].track_count == 3


def test_youtube_mirror_adopts_the_remote_title(ctx):
    youtube = FakeCatalog("YouTube Music", Source.YTMUSIC)
    youtube.playlists["PLy"] = ("Road Songs", (track("A", "B", "v1", Source.YTMUSIC),))
    sync = SyncService(ctx, youtube=lambda: youtube)
    mirror = sync.add_youtube_playlist("https://music.youtube.com/playlist?list=PLy")
    assert mirror.name == "YouTube playlist"
    sync.sync(mirror.id)
    mirror = sync.mirror(mirror.id)
    assert mirror.name == "Road Songs"
    assert PlaylistService(ctx).get(mirror.playlist_id).name == "Road Songs"


def test_the_container_sync_sees_a_login_held_only_in_memory(ctx, spotify_account,
                                                             fake_spotify):
    services = Services(ctx)
    services.__dict__["spotify"] = spotify_account
    pid = fake_spotify.create_playlist("Memory", fake_spotify.make_tracks(2))
    run = services.sync.sync(services.sync.add_spotify_playlist(pid).id)
    assert run.status == "ok" and run.added == 2
