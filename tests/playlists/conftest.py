"""Fixtures for playlist and favourite tests: services, library tracks, real audio files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from cdcollector.externals import require_ffmpeg
from cdcollector.library.models import Playlist, Track
from cdcollector.paths import AppPaths
from cdcollector.services.playlists import PlaylistService


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """A library file migrated once; copied into each test's home (migrations take ~1 s)."""
    from cdcollector.services.context import AppContext

    home = tmp_path_factory.mktemp("template-home")
    AppContext.open(home=str(home)).close()
    return AppPaths.resolve(home).db_path


def seed_home(template: Path, home: Path) -> Path:
    target = AppPaths.resolve(home).ensure().db_path
    shutil.copyfile(template, target)
    return home


@pytest.fixture(autouse=True)
def _premigrated(isolated_home, migrated_db):
    seed_home(migrated_db, isolated_home)


@pytest.fixture
def other_ctx(tmp_path, migrated_db):
    """A second, separate library (another machine)."""
    from cdcollector.services.context import AppContext

    context = AppContext.open(home=str(seed_home(migrated_db, tmp_path / "other-home")))
    yield context
    context.close()


@pytest.fixture
def svc(ctx) -> PlaylistService:
    return PlaylistService(ctx)


def add_tracks(ctx, specs: list[dict]) -> list[int]:
    """Insert library tracks (dicts of Track fields); returns their ids in order."""
    with ctx.db.session() as session:
        tracks = [Track(**{"artist_name": "Artist", **spec}) for spec in specs]
        session.add_all(tracks)
        session.flush()
        return [t.id for t in tracks]


def numbered_tracks(ctx, count: int, **extra) -> list[int]:
    return add_tracks(ctx, [{"title": f"Song {i}", "duration_s": 180.0 + i, **extra}
                            for i in range(count)])


def add_mirror(ctx, name: str = "Discover Weekly", origin: str = "spotify",
               track_ids: list[int] = ()) -> int:
    """A read-only playlist as the sync service creates it."""
    from cdcollector.library import playlists as store
    from cdcollector.library.playlists import EntrySnap

    with ctx.db.session() as session:
        playlist = Playlist(name=name, origin=origin, remote_id="remote1", read_only=True)
        session.add(playlist)
        session.flush()
        store.write_entries(session, playlist.id, [EntrySnap(None, t) for t in track_ids])
        return playlist.id


def db_content(ctx) -> dict[str, list]:
    """Every row of the tables an import may touch, to prove nothing changed."""
    with ctx.db.session() as session:
        return {
            table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("playlist", "playlist_entry", "track", "album", "artist", "favourite")
        }


def positions(ctx, playlist_id: int) -> list[int]:
    with ctx.db.session() as session:
        return list(session.execute(
            text("SELECT position FROM playlist_entry WHERE playlist_id = :p ORDER BY position"),
            {"p": playlist_id},
        ).scalars())


@pytest.fixture(scope="session")
def audio_templates(tmp_path_factory) -> dict[str, Path]:
    """One short real MP3 and FLAC (ffmpeg sine tone), copied under many names by tests."""
    ffmpeg = require_ffmpeg()
    folder = tmp_path_factory.mktemp("audio")
    made = {}
    for suffix, codec in ((".mp3", ["-c:a", "libmp3lame", "-b:a", "64k"]), (".flac", [])):
        target = folder / f"tone{suffix}"
        subprocess.run(
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi",
             "-i", "sine=frequency=440:duration=1.5", "-ac", "2", "-ar", "44100", *codec,
             "-metadata", "title=Tone", "-metadata", "artist=Generator", str(target)],
            check=True,
        )
        made[suffix] = target
    return made


def make_audio(templates: dict[str, Path], path: Path) -> Path:
    """A real audio file at `path` (format from its suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(templates[path.suffix.lower()], path)
    return path
