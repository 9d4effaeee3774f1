"""Builds a small library for burn tests: real audio files, track rows and a playlist."""

from __future__ import annotations

import math
import sqlite3
import struct
import wave
from pathlib import Path

from cdcollector.library.models import Track
from cdcollector.services.playlists import PlaylistService

TABLES_COMPARED = ("artist", "album", "track", "playlist", "playlist_entry", "favourite",
                   "download_job", "sync_source", "sync_run", "match_choice")


def write_tone(path: Path, seconds: float, freq: float, rate: int = 44100) -> Path:
    """A stereo 16-bit sine WAV (a source file, not yet prepared: any length)."""
    frames = int(seconds * rate)
    data = bytearray()
    for i in range(frames):
        sample = int(8000 * math.sin(2 * math.pi * freq * i / rate))
        data += struct.pack("<hh", sample, sample)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(data))
    return path


def make_playlist(ctx, folder: Path, specs=None, name: str = "Road Trip") -> int:
    """Tracks with files in `folder` and a playlist of them; returns the playlist id."""
    specs = specs or [("Première", "Björk", "Debut", 4.5, 440.0),
                      ("東京 Night", "Björk", "Debut", 5.0, 660.0),
                      ("Last One", "Other Artist", "", 4.2, 550.0)]
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    with ctx.db.session() as session:
        for number, (title, artist, album, seconds, freq) in enumerate(specs, 1):
            path = write_tone(folder / f"{number:02d}.wav", seconds, freq)
            track = Track(title=title, artist_name=artist, album_title=album,
                          duration_s=seconds, path=str(path), format="wav", track_number=number)
            session.add(track)
            session.flush()
            ids.append(track.id)
    service = PlaylistService(ctx)
    playlist = service.create(name)
    service.add_tracks(playlist.id, ids, on_duplicate="add")
    return playlist.id


def library_snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every library table except burn_job, for before/after comparisons."""
    connection = sqlite3.connect(db_path)
    try:
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
                for table in TABLES_COMPARED}
    finally:
        connection.close()
