"""Disc images: one BIN of all tracks with a CUE sheet and a cdrdao TOC, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathvalidate import sanitize_filename

from cdcollector.burning import redbook
from cdcollector.burning.backends.base import DiscSpec, ProgressCallback
from cdcollector.burning.cdtext import reduce_text
from cdcollector.burning.toc import toc_string, toc_text
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.disk import naming_the_disk
from cdcollector.domain.errors import BurnError

_SECTORS_PER_READ = 256
_CUE_INDEX = re.compile(r"^\s*(TRACK\s+(\d+)\s+AUDIO|INDEX\s+(\d+)\s+(\S+))\s*$", re.I)


@dataclass(frozen=True)
class ImageTrack:
    """Where a track lies in the BIN, in sectors from its start."""

    number: int
    gap_start: int  # INDEX 00 (equals `start` when there is no stored gap)
    start: int  # INDEX 01
    sectors: int


def image_tracks(disc: DiscSpec) -> list[ImageTrack]:
    """Track 1's lead pregap is not stored (as usual for BIN/CUE); later gaps are silence."""
    placed, position = [], 0
    for index, track in enumerate(disc.tracks):
        gap = 0 if index == 0 else track.pregap_sectors
        placed.append(ImageTrack(track.number, position, position + gap, track.sectors))
        position += gap + track.sectors
    return placed


def image_name(name: str) -> str:
    """A file stem valid on Windows, macOS and Linux, in Latin-1 like the CUE and TOC text."""
    # Room for ".<stem>.bin.part" within the usual 255-byte file name limit.
    cleaned = sanitize_filename(reduce_text(name, limit=200), replacement_text="_",
                                platform="universal").strip(" .")
    return cleaned or "disc"


def cue_sheet(disc: DiscSpec, bin_name: str) -> str:
    lines = []
    if disc.cdtext:
        lines += [f'TITLE "{reduce_text(disc.title)}"',
                  f'PERFORMER "{reduce_text(disc.performer)}"']
    lines.append(f'FILE "{bin_name}" BINARY')
    for track, placed in zip(disc.tracks, image_tracks(disc), strict=True):
        lines.append(f"  TRACK {track.number:02d} AUDIO")
        if disc.cdtext:
            lines += [f'    TITLE "{reduce_text(track.title)}"',
                      f'    PERFORMER "{reduce_text(track.performer)}"']
        isrc = redbook.normalize_isrc(track.isrc)
        if isrc:
            lines.append(f"    ISRC {isrc}")
        if placed.gap_start != placed.start:
            lines.append(f"    INDEX 00 {redbook.to_msf(placed.gap_start)}")
        lines.append(f"    INDEX 01 {redbook.to_msf(placed.start)}")
    return "\n".join(lines) + "\n"


def toc_file(disc: DiscSpec, bin_name: str) -> str:
    """A cdrdao TOC reading each track from the BIN; gaps come from PREGAP, not the BIN."""
    sources = [f"FILE {toc_string(bin_name)} {redbook.to_msf(placed.start)} "
               f"{redbook.to_msf(placed.sectors)}" for placed in image_tracks(disc)]
    header = [
        "// Written by CD-Collector. The BIN holds little-endian PCM (as BIN/CUE does) and",
        "// cdrdao reads raw files big-endian, so burn this file with:",
        f"//   cdrdao write --swap {bin_name[:-4]}.toc",
        "",
    ]
    return "\n".join(header) + toc_text(disc, sources)


def _pcm_chunks(track_wav: Path, sectors: int) -> Iterator[bytes]:
    """The track's PCM in pieces; only reading errors are "cannot read" (writing is the
    caller's, and a full output disk must not be blamed on the prepared audio)."""
    try:
        with wave.open(str(track_wav), "rb") as source:
            shape = (source.getnchannels(), source.getsampwidth(), source.getframerate())
            if shape != (redbook.CHANNELS, 2, redbook.SAMPLE_RATE):
                raise BurnError(f"{track_wav.name} is not 44.1 kHz / 16-bit / stereo audio.")
            if source.getnframes() != sectors * redbook.FRAMES_PER_SECTOR:
                raise BurnError(f"{track_wav.name} does not hold the {sectors} sectors expected.")
            while frames := source.readframes(_SECTORS_PER_READ * redbook.FRAMES_PER_SECTOR):
                yield frames
    except (OSError, EOFError, wave.Error) as exc:
        raise BurnError(f"Cannot read prepared audio {track_wav}: {exc}") from None


def write_image(disc: DiscSpec, out_dir: Path, name: str, progress: ProgressCallback,
                cancel: CancelToken) -> tuple[Path, ...]:
    """Write `<name>.bin`, `.cue` and `.toc` into `out_dir`; nothing is left behind on failure."""
    if not disc.tracks:
        raise BurnError("There are no tracks to write.")
    if len(disc.tracks) > redbook.MAX_TRACKS:
        raise BurnError(f"An audio CD holds at most {redbook.MAX_TRACKS} tracks.")
    stem = image_name(name)
    out_dir.mkdir(parents=True, exist_ok=True)
    finals = [out_dir / f"{stem}{ext}" for ext in (".bin", ".cue", ".toc")]
    temps = [out_dir / f".{p.name}.part" for p in finals]
    total = sum(t.sectors + t.pregap_sectors for t in disc.tracks[1:]) + disc.tracks[0].sectors
    with naming_the_disk(out_dir):
        _write_files(disc, finals, temps, total, progress, cancel)
    return tuple(finals)


def _write_files(disc: DiscSpec, finals: list[Path], temps: list[Path], total: int,
                 progress: ProgressCallback, cancel: CancelToken) -> None:
    try:
        with open(temps[0], "wb") as out:
            written = 0
            for index, (track, placed) in enumerate(zip(disc.tracks, image_tracks(disc),
                                                        strict=True)):
                progress("writing", written / total,
                         f"Writing track {track.number} of {len(disc.tracks)}")
                gap = placed.start - placed.gap_start
                out.write(bytes(gap * redbook.SECTOR_BYTES))
                for frames in _pcm_chunks(track.wav_path, track.sectors):
                    cancel.raise_if_cancelled()
                    out.write(frames)
                written += gap + track.sectors
                if index == len(disc.tracks) - 1:
                    progress("writing", 1.0, f"Wrote {len(disc.tracks)} tracks")
        temps[1].write_bytes(cue_sheet(disc, finals[0].name).encode("latin-1"))
        temps[2].write_bytes(toc_file(disc, finals[0].name).encode("latin-1"))
        cancel.raise_if_cancelled()
        for temp, final in zip(temps, finals, strict=True):
            os.replace(temp, final)
    except BaseException:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise


def cue_indexes(cue: str) -> dict[int, dict[int, int]]:
    """{track: {index: sector}} from a single-file CUE sheet."""
    found: dict[int, dict[int, int]] = {}
    current = None
    for line in cue.splitlines():
        match = _CUE_INDEX.match(line)
        if not match:
            continue
        if match.group(2):
            current = found.setdefault(int(match.group(2)), {})
        elif current is not None:
            current[int(match.group(3))] = redbook.parse_msf(match.group(4))
    return found


def verify_image(bin_path: Path, cue_path: Path, sha1s: list[str]) -> list[bool]:
    """Slice the BIN at each INDEX 01 and compare every track's SHA-1 with the prepared one."""
    indexes = cue_indexes(cue_path.read_text(encoding="latin-1"))
    starts = [indexes[n][1] for n in sorted(indexes)]
    ends = [indexes[n].get(0, indexes[n][1]) for n in sorted(indexes)][1:]
    ends.append(bin_path.stat().st_size // redbook.SECTOR_BYTES)
    matches = []
    with open(bin_path, "rb") as image:
        for start, end, expected in zip(starts, ends, sha1s, strict=True):
            image.seek(start * redbook.SECTOR_BYTES)
            digest = hashlib.sha1()
            remaining = (end - start) * redbook.SECTOR_BYTES
            while remaining > 0:
                chunk = image.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                digest.update(chunk)
                remaining -= len(chunk)
            matches.append(digest.hexdigest() == expected)
    return matches
