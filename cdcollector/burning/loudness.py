"""Levelling: one static gain per track or per album, from ffmpeg EBU R128 or ReplayGain tags."""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cdcollector.burning.prepare import CountProgress, ProcessGroup, run_parallel
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError
from cdcollector.externals import require_ffmpeg

MODES = ("off", "track", "album")
TARGET_LUFS = -16.0
PEAK_CEILING_DBTP = -1.0
REPLAYGAIN_REFERENCE_LUFS = -18.0  # ReplayGain 2.0: gain = −18 LUFS − loudness
SILENCE_LUFS = -70.0  # ebur128 reports this when nothing passes the gate
# ReplayGain stores the sample peak; the true (inter-sample) peak can be higher.
SAMPLE_PEAK_MARGIN_DB = 0.5

_SUMMARY_I = re.compile(r"Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-?inf)\s*LUFS")
_SUMMARY_PEAK = re.compile(r"True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-?inf)\s*dBFS")
_NUMBER = re.compile(r"[-+−]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Measurement:
    loudness_lufs: float | None  # None: silent (nothing to level)
    peak_db: float  # true peak in dBTP (ReplayGain: sample peak in dBFS); -inf when silent
    origin: str = "ffmpeg"  # ffmpeg | replaygain


@dataclass(frozen=True)
class LevelItem:
    path: Path
    album: str = ""  # album mode levels tracks of the same album with one gain
    duration_s: float | None = None


def parse_ebur128(output: str) -> Measurement:
    """Integrated loudness and true peak from the summary ffmpeg's ebur128 filter prints."""
    loudness, peak = _SUMMARY_I.search(output), _SUMMARY_PEAK.search(output)
    if not loudness or not peak:
        raise ValueError("no ebur128 summary (integrated loudness and true peak) in output")
    lufs = float(loudness.group(1))
    return Measurement(None if lufs <= SILENCE_LUFS else lufs, float(peak.group(1)))


def _number(text: str) -> float | None:
    match = _NUMBER.search(text.replace(",", "."))
    return float(match.group(0).replace("−", "-")) if match else None


def parse_replaygain(tags: dict[str, str], scope: str = "track") -> Measurement | None:
    """Measurement from `replaygain_<scope>_gain` / `_peak` values (keys in any case)."""
    lowered = {k.lower(): v for k, v in tags.items()}
    gain = _number(lowered.get(f"replaygain_{scope}_gain", ""))
    peak = _number(lowered.get(f"replaygain_{scope}_peak", ""))
    if gain is None or peak is None or peak < 0:
        return None
    peak_db = 20 * math.log10(peak) if peak > 0 else -math.inf
    return Measurement(REPLAYGAIN_REFERENCE_LUFS - gain, peak_db, "replaygain")


def _tag_text(value) -> str:
    value = getattr(value, "text", value)  # ID3 frames
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    if isinstance(value, bytes):  # MP4 freeform atoms
        value = value.decode("utf-8", "replace")
    return str(value)


def read_replaygain_tags(path: Path) -> dict[str, str]:
    """ReplayGain values of an audio file, keyed `replaygain_…`; empty when it has none."""
    import mutagen

    try:
        audio = mutagen.File(path)
    except Exception:  # mutagen raises many types for damaged files; they are measured instead
        return {}
    if audio is None or audio.tags is None:
        return {}
    found = {}
    for key, value in audio.tags.items():
        name = str(key).rsplit(":", 1)[-1].lower()
        if name.startswith("replaygain_"):
            found[name] = _tag_text(value)
    return found


def measure_command(ffmpeg: str, path: Path) -> list[str]:
    return [ffmpeg, "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0",
            "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]


def measure_file(path: Path, group: ProcessGroup, ffmpeg: str) -> Measurement:
    proc = group.popen(measure_command(ffmpeg, path), stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate()
    finally:
        group.release(proc)
    group.cancel.raise_if_cancelled()
    text = err.decode("utf-8", "replace")
    try:
        return parse_ebur128(text)
    except ValueError:
        lines = text.strip().splitlines()
        reason = lines[-1] if lines else f"ffmpeg exited with {proc.returncode}"
        raise BurnError(f"Cannot measure the loudness of {path}: {reason}") from None


def capped_gain(measurement: Measurement, target_lufs: float = TARGET_LUFS,
                ceiling_dbtp: float = PEAK_CEILING_DBTP) -> float:
    """Gain (dB) bringing the loudness to the target, lowered so the peak stays ≤ the ceiling."""
    if measurement.loudness_lufs is None:
        return 0.0
    gain = target_lufs - measurement.loudness_lufs
    if math.isfinite(measurement.peak_db):
        peak = measurement.peak_db
        if measurement.origin == "replaygain":
            peak += SAMPLE_PEAK_MARGIN_DB
        gain = min(gain, ceiling_dbtp - peak)
    return round(gain, 2)


def combine(measurements: Sequence[Measurement], durations: Sequence[float | None]
            ) -> Measurement:
    """One album measurement: energy mean of the loudness weighted by duration, highest peak."""
    weighted = [(m.loudness_lufs, d or 1.0) for m, d in zip(measurements, durations, strict=True)
                if m.loudness_lufs is not None]
    peak = max((m.peak_db for m in measurements), default=-math.inf)
    if not weighted:
        return Measurement(None, peak)
    energy = sum(w * 10 ** (lufs / 10) for lufs, w in weighted) / sum(w for _, w in weighted)
    return Measurement(10 * math.log10(energy), peak)


def _album_key(item: LevelItem, index: int) -> str:
    key = item.album.strip().casefold()
    return f"album:{key}" if key else f"single:{index}"


def plan_gains(items: Sequence[LevelItem], mode: str = "track", *, use_tags: bool = True,
               ffmpeg: str | None = None, cancel: CancelToken | None = None,
               progress: CountProgress | None = None, target_lufs: float = TARGET_LUFS
               ) -> list[float]:
    """The gain in dB for each item: 0 for "off", per track, or shared by an album's tracks."""
    if mode not in MODES:
        raise BurnError(f"Levelling must be one of {', '.join(MODES)}, not {mode!r}.")
    if mode == "off" or not items:
        return [0.0] * len(items)
    tags = [read_replaygain_tags(i.path) if use_tags else {} for i in items]
    scope = "album" if mode == "album" else "track"
    from_tags = [parse_replaygain(t, scope) for t in tags]
    if mode == "album":
        groups: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            groups.setdefault(_album_key(item, index), []).append(index)
        for members in groups.values():  # album tags count only if every track has them
            if any(from_tags[i] is None for i in members):
                for i in members:
                    from_tags[i] = None
    to_measure = [i for i, m in enumerate(from_tags) if m is None]
    ffmpeg_exe = ffmpeg or (require_ffmpeg() if to_measure else "")
    measured = run_parallel(lambda item, group: measure_file(item.path, group, ffmpeg_exe),
                            [items[i] for i in to_measure],
                            [items[i].path.name for i in to_measure], cancel, progress)
    results = list(from_tags)
    for index, measurement in zip(to_measure, measured, strict=True):
        results[index] = measurement
    if mode == "track":
        return [capped_gain(m, target_lufs) for m in results]
    gains = [0.0] * len(items)
    for members in groups.values():
        if all(results[i].origin == "replaygain" for i in members):
            album = results[members[0]]
        else:
            album = combine([results[i] for i in members], [items[i].duration_s for i in members])
        for i in members:
            gains[i] = capped_gain(album, target_lufs)
    return gains
