"""Fixtures for the Burner pane: services with a bus, real audio files, a playlist, the pane."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from cdcollector.externals import require_ffmpeg
from cdcollector.library.models import Track
from cdcollector.services.container import Services
from cdcollector.services.context import AppContext
from tests.burner_backends.conftest import fake_burners  # noqa: F401  (the fake burners on PATH)

# (title, artist, album, seconds, format): short real files of three formats
TRACKS = [
    ("Première", "Björk", "Debut", 4.5, "mp3"),
    ("Human Behaviour", "Björk", "Debut", 5.0, "flac"),
    ("Last One", "Other Artist", "", 4.2, "wav"),
]


def make_audio(path: Path, seconds: float, freq: int, **tags: str) -> Path:
    """A real encoded file (mp3/flac/wav by suffix) from ffmpeg's sine source, with tags."""
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = [arg for key, value in tags.items() for arg in ("-metadata", f"{key}={value}")]
    subprocess.run([require_ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", f"sine=frequency={freq}:duration={seconds}", "-ac", "2",
                    "-ar", "44100", *metadata, str(path)], check=True)
    return path


def add_tracks(ctx, folder: Path, specs, with_files: bool = True) -> list[int]:
    ids = []
    with ctx.db.session() as session:
        for number, (title, artist, album, seconds, fmt) in enumerate(specs, 1):
            path = None
            if with_files and fmt:
                path = str(make_audio(folder / f"{number:02d}-{fmt}.{fmt}", seconds,
                                      300 + 110 * number))
            track = Track(title=title, artist_name=artist, album_title=album,
                          duration_s=seconds, path=path, format=fmt or None,
                          track_number=number)
            session.add(track)
            session.flush()
            ids.append(track.id)
    return ids


@pytest.fixture
def services(qapp, isolated_home):
    container = Services(AppContext.open(home=str(isolated_home), with_bus=True))
    yield container
    QThreadPool.globalInstance().waitForDone()
    container.close()


@pytest.fixture
def playlist(services, tmp_path) -> int:
    """'Sunday Drive': three short real files (mp3, flac, wav)."""
    ids = add_tracks(services.ctx, tmp_path / "music", TRACKS)
    created = services.playlists.create("Sunday Drive")
    services.playlists.add_tracks(created.id, ids, on_duplicate="add")
    return created.id


@pytest.fixture
def make_pane(qtbot, services):
    from cdcollector.ui.panes.burner import BurnerPane

    def build():
        pane = BurnerPane(services)
        qtbot.addWidget(pane)
        pane.resize(1100, 700)
        pane.show()
        qtbot.waitUntil(lambda: pane.options.backend.count() > 0)
        return pane

    return build


@pytest.fixture
def pane(make_pane):
    return make_pane()


def settle(qtbot, pane) -> None:
    """Wait for the drive search, the disc check and the re-plan to be over."""
    qtbot.waitUntil(lambda: not pane.drive_picker.searching
                    and not pane.drive_picker._calls.is_busy("media")
                    and not pane._replan_timer.isActive())


def choose(qtbot, pane, playlist_id: int, backend: str) -> None:
    pane.options.choose_backend(backend)
    pane.open_playlist(playlist_id)
    settle(qtbot, pane)


@pytest.fixture
def image_folder(tmp_path, monkeypatch) -> Path:
    """The folder chooser answers with this folder (no modal dialog in tests)."""
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "image"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(folder)))
    return folder
