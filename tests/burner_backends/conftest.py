"""Fixtures for the burner backends: the fake burner programs on PATH and prepared WAVs."""

from __future__ import annotations

import json
import os
import stat
import sys
import wave
from pathlib import Path

import pytest

from cdcollector.burning.backends.base import DiscSpec, DiscTrack

FAKE_SCRIPT = Path(__file__).resolve().parent.parent / "fakes" / "fake_cdrecord.py"
SECTOR = 2352


def write_wav(path: Path, sectors: int, value: int = 0) -> Path:
    """A prepared track: 44.1 kHz / 16-bit / stereo, `sectors` whole sectors of one sample value."""
    frame = int(value).to_bytes(2, "little", signed=True) * 2
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(frame * (588 * sectors))
    return path


def make_disc(folder: Path, sectors=(300, 320, 310), gaps=(150, 150, 0),
              titles=("Première", "Zweite Straße", "東京 Night")) -> DiscSpec:
    folder.mkdir(parents=True, exist_ok=True)
    tracks = []
    for number, (count, gap, title) in enumerate(zip(sectors, gaps, titles, strict=True), 1):
        wav = write_wav(folder / f"prepared-{number}.wav", count, value=number * 100)
        tracks.append(DiscTrack(number, wav, count, gap, title=title, performer="Björk",
                                isrc="GB-AAA-01-00001" if number == 1 else None))
    return DiscSpec(tuple(tracks), title="Road Trip ’26", performer="Various Artists")


class FakeBurners:
    def __init__(self, bin_dir: Path, log: Path, monkeypatch):
        self.bin_dir = bin_dir
        self.log = log
        self._monkeypatch = monkeypatch

    def scenario(self, name: str, step_s: float = 0.0) -> None:
        self._monkeypatch.setenv("FAKE_BURNER_SCENARIO", name)
        self._monkeypatch.setenv("FAKE_BURNER_STEP_S", str(step_s))

    def runs(self) -> list[dict]:
        if not self.log.is_file():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def path(self, name: str) -> str:
        return str(self.bin_dir / name)


@pytest.fixture
def fake_burners(tmp_path, monkeypatch) -> FakeBurners:
    """`wodim`, `cdrecord` and `cdrdao` (the fake) first on PATH."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    source = FAKE_SCRIPT.read_text(encoding="utf-8")
    for name in ("wodim", "cdrecord", "cdrdao"):
        target = bin_dir / name
        target.write_text(f"#!{sys.executable}\n{source}", encoding="utf-8")
        target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    log = tmp_path / "fake-burner-log.jsonl"
    monkeypatch.setenv("FAKE_BURNER_LOG", str(log))
    monkeypatch.setenv("FAKE_BURNER_SCENARIO", "ok")
    return FakeBurners(bin_dir, log, monkeypatch)


@pytest.fixture
def disc(tmp_path) -> DiscSpec:
    return make_disc(tmp_path / "prepared")
