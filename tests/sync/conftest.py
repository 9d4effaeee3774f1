"""Sync fixtures: the loopback fake Spotify API and a SyncService logged in to it."""

import pytest

from cdcollector.services.sync import SyncService
from tests.fakes.spotify_api import fake_spotify, spotify_account  # noqa: F401 (fixtures)


class RecordingDownloads:
    """Stands in for the download engine: records what sync asks it to queue."""

    def __init__(self):
        self.calls = []

    def enqueue(self, refs, playlist_id=None, favourite=False):
        self.calls.append((list(refs), playlist_id))
        return list(range(len(refs)))


@pytest.fixture
def downloads():
    return RecordingDownloads()


@pytest.fixture
def sync(ctx, spotify_account, downloads):  # noqa: F811
    return SyncService(ctx, spotify=spotify_account.catalog, downloads=lambda: downloads)
