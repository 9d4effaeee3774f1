"""Fixtures for library tests: sample tracks, copies of fixture audio, a recording event bus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cdcollector.library.models import Track

TINYTAG = "audio/tinytag-samples"

# A handful of small, well-tagged fixture files of different formats.
SMALL_SET = ("cbr.mp3", "composer.ogg", "flac1sMono.flac", "test.opus", "classical.m4a",
             "test-tagged.wav")


@pytest.fixture
def tinytag_dir(fixtures_dir) -> Path:
    return fixtures_dir / TINYTAG


@pytest.fixture
def music_copy(tmp_path, tinytag_dir) -> Path:
    """A private folder with copies (mtimes kept) of SMALL_SET, safe to edit and move."""
    folder = tmp_path / "Music"
    (folder / "Album").mkdir(parents=True)
    for name in SMALL_SET:
        shutil.copy2(tinytag_dir / name, folder / "Album" / name)
    return folder


def add_tracks(ctx, *specs: tuple[str, str, str]) -> list[int]:
    """Insert (title, artist, album) tracks; returns their ids."""
    with ctx.db.session() as session:
        tracks = [Track(title=t, artist_name=a, album_title=b) for t, a, b in specs]
        session.add_all(tracks)
        session.flush()
        return [t.id for t in tracks]


@pytest.fixture
def bus_log(ctx):
    """Attach a real EventBus to ctx and record the import signals it carries."""
    from cdcollector.services.events import EventBus

    log: list[tuple] = []
    bus = EventBus()
    bus.import_progress.connect(lambda d, t, p: log.append(("import_progress", d, t, p)))
    bus.library_changed.connect(lambda: log.append(("library_changed",)))
    bus.import_finished.connect(lambda s: log.append(("import_finished", s)))
    ctx.bus = bus
    yield log
    ctx.bus = None
