"""A burn's working folder: the prepared WAVs under the names a burner program expects."""

from __future__ import annotations

import os
import shutil
import tempfile
import wave
from pathlib import Path

from cdcollector.burning.backends.base import DiscSpec
from cdcollector.burning.redbook import SECTOR_BYTES
from cdcollector.domain.errors import BurnError

_COPY_FRAMES = 588 * 256  # 256 sectors per read


def make_job_folder(prefix: str, near: Path | None = None) -> Path:
    """A fresh folder, beside `near` when possible so the WAVs can be hard-linked, not copied."""
    if near is not None:
        try:
            return Path(tempfile.mkdtemp(prefix=f".{prefix}-job-", dir=near))
        except OSError:
            pass
    return Path(tempfile.mkdtemp(prefix=f"cdcollector-{prefix}-"))


def track_name(number: int) -> str:
    return f"{number:02d}.wav"


def link_or_copy(src: Path, dst: Path) -> None:
    """A hard link costs nothing; across file systems fall back to a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def copy_with_silence(src: Path, dst: Path, extra_sectors: int) -> None:
    """Copy a WAV and append `extra_sectors` of digital silence (the next track's pregap)."""
    with wave.open(str(src), "rb") as reader, wave.open(str(dst), "wb") as writer:
        writer.setparams(reader.getparams())
        while True:
            frames = reader.readframes(_COPY_FRAMES)
            if not frames:
                break
            writer.writeframes(frames)
        writer.writeframes(b"\0" * (extra_sectors * SECTOR_BYTES))


def stage_tracks(disc: DiscSpec, folder: Path, gaps_in_files: bool) -> list[Path]:
    """NN.wav per track in `folder`; with `gaps_in_files`, each ends with the next pregap."""
    staged = []
    tracks = disc.tracks
    for index, track in enumerate(tracks):
        if not track.wav_path.is_file():
            raise BurnError(f"The prepared audio for track {track.number} is missing: "
                            f"{track.wav_path}")
        dst = folder / track_name(track.number)
        next_gap = tracks[index + 1].pregap_sectors if index + 1 < len(tracks) else 0
        if gaps_in_files and next_gap > 0:
            copy_with_silence(track.wav_path, dst, next_gap)
        else:
            link_or_copy(track.wav_path, dst)
        staged.append(dst)
    return staged


def remove_job_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
