"""Fixtures for the desktop shell: a context with an event bus, services, a shown main window."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cdcollector.externals import require_ffmpeg
from cdcollector.library.models import Track
from cdcollector.services.context import AppContext


@pytest.fixture
def make_window(qtbot, services):
    """Build (and show) a main window; several may be made in one test, one after another."""
    from cdcollector.ui.main_window import MainWindow

    def build(show: bool = True) -> MainWindow:
        window = MainWindow(services)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    return build


@pytest.fixture
def window(make_window):
    return make_window()


def add_tracks(ctx: AppContext, rows: list[tuple[str, str, str]], fmt: str = "mp3") -> None:
    """Insert library tracks (title, artist, album) through the real DB, one short session."""
    with ctx.db.session() as session:
        session.add_all(
            Track(title=title, artist_name=artist, album_title=album, duration_s=200 + i,
                  format=fmt, path=f"/music/{i:05}-{title}.{fmt}")
            for i, (title, artist, album) in enumerate(rows)
        )


SAMPLE_TRACKS = [
    ("Jóga", "Björk", "Homogenic"),
    ("Hunter", "Björk", "Homogenic"),
    ("Army of Me", "Björk", "Post"),
    ("Halo", "Beyoncé", "I Am... Sasha Fierce"),
    ("Teardrop", "Massive Attack", "Mezzanine"),
    ("Karma Police", "Radiohead", "OK Computer"),
]


@pytest.fixture
def sample_library(bus_ctx):
    add_tracks(bus_ctx, SAMPLE_TRACKS)
    return SAMPLE_TRACKS


def make_audio(folder: Path, name: str, title: str, artist: str, album: str) -> Path:
    """A one-second tagged MP3 made with the real ffmpeg."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    subprocess.run(
        [require_ffmpeg(), "-nostdin", "-loglevel", "error", "-f", "lavfi",
         "-i", "sine=frequency=440:duration=1", "-metadata", f"title={title}",
         "-metadata", f"artist={artist}", "-metadata", f"album={album}",
         "-codec:a", "libmp3lame", "-b:a", "64k", str(target)],
        check=True,
    )
    return target
