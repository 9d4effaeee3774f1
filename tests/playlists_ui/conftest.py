"""Fixtures for the Playlists/Favourites UI: services on a bus, library tracks, a playlist."""

from __future__ import annotations

import pytest

from tests.playlists.conftest import _premigrated, add_tracks, migrated_db  # noqa: F401

TITLES = ("Hunter", "Jóga", "Unravel", "Bachelorette", "All Neon Like", "5 Years")


@pytest.fixture
def track_ids(bus_ctx) -> list[int]:
    """Six library tracks on "disk" (the last one has no file yet)."""
    specs = [{"title": t, "artist_name": "Björk", "album_title": "Homogenic",
              "duration_s": 200.0 + 10 * i, "format": "mp3", "path": f"/music/{i}.mp3"}
             for i, t in enumerate(TITLES)]
    specs[-1].update(path=None, format=None)
    return add_tracks(bus_ctx, specs)


@pytest.fixture
def playlist_id(services, track_ids) -> int:
    """"Road trip" with the first four tracks; the undo stack starts empty."""
    info = services.playlists.create("Road trip")
    services.playlists.add_tracks(info.id, track_ids[:4])
    services.playlists.history.clear()
    return info.id


class RecordingDownloads:
    """Stands in for DownloadService.enqueue (no engine threads in UI tests)."""

    def __init__(self):
        self.calls: list[tuple[list, int | None]] = []

    def enqueue(self, refs, playlist_id=None, favourite=False):
        self.calls.append((list(refs), playlist_id))
        return list(range(1, len(refs) + 1))


@pytest.fixture
def downloads(services) -> RecordingDownloads:
    fake = RecordingDownloads()
    services.__dict__["downloads"] = fake  # the container caches services in its __dict__
    return fake


def titles(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]

