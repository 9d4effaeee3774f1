"""Short audio sources of several formats, generated once per session with the real ffmpeg."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cdcollector.externals import require_ffmpeg


@dataclass(frozen=True)
class Source:
    path: Path
    title: str
    performer: str
    album: str
    seconds: float


# (file name, lavfi source, seconds, encoder arguments, title, performer, album)
_SOURCES = (
    ("01.mp3", "sine=frequency=440:sample_rate=48000", 5.3,
     ["-c:a", "libmp3lame", "-b:a", "128k"], "Première Ouverture", "Zoë Ørsted", "Live 1999"),
    ("02.m4a", "sine=frequency=660:sample_rate=44100", 4.1,
     ["-c:a", "aac", "-b:a", "96k"], "Second Song", "Zoë Ørsted", "Live 1999"),
    ("03.opus", "anoisesrc=color=pink:amplitude=0.3:sample_rate=48000", 2.0,
     ["-c:a", "libopus", "-b:a", "64k"], "東京 Night “Łódź” – Mix", "Cœur/Ame", ""),
    ("04.flac", "sine=frequency=220:sample_rate=44100", 3.7,
     ["-c:a", "flac", "-ac", "1"], "Mono Coda", "Various", "Singles"),
)


def generate(path: Path, lavfi: str, seconds: float, encoder: list[str]) -> None:
    subprocess.run(
        [require_ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", lavfi, "-t", f"{seconds}", *encoder, str(path)],
        check=True,
    )


@pytest.fixture(scope="session")
def sources(tmp_path_factory) -> list[Source]:
    folder = tmp_path_factory.mktemp("sources")
    made = []
    for name, lavfi, seconds, encoder, title, performer, album in _SOURCES:
        path = folder / name
        generate(path, lavfi, seconds, encoder)
        made.append(Source(path, title, performer, album, seconds))
    return made
