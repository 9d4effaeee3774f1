"""Disc preparation speed: prepare_audio on a 20-track, ~78-minute playlist vs ffmpeg one by one.

The sources (mp3, m4a, opus, flac in turn; stereo music-like signals) are generated once with
ffmpeg and cached under ~/.cache/cdcollector-bench/disc_prepare/. The reference decodes the
same files one after another with the ffmpeg command line to 44.1 kHz / 16-bit / stereo WAV;
ours is prepare_audio with an empty cache (one ffmpeg per core, SHA-1, sector padding). Both
run `--rounds` times in alternating order and the medians are compared. Finally the same
playlist is prepared again from the warm cache, which is what a second burn sees.
CPU seconds (ffmpeg included) and the load average are recorded too: on a shared machine the
wall-clock ratio depends on how many cores are really free.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import Timer, median, write_result

try:
    import resource
except ImportError:
    resource = None

from cdcollector.burning.prepare import PrepareItem, prepare_audio
from cdcollector.externals import require_ffmpeg

TRACKS = 20
TRACK_SECONDS = 234  # 20 × 3:54 = 78:00
ENCODERS = (
    ("mp3", ["-c:a", "libmp3lame", "-b:a", "192k"]),
    ("m4a", ["-c:a", "aac", "-b:a", "160k"]),
    ("opus", ["-c:a", "libopus", "-b:a", "128k"]),
    ("flac", ["-c:a", "flac"]),
)
CACHE = (Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
         / "cdcollector-bench" / "disc_prepare")


def make_sources(ffmpeg: str) -> list[Path]:
    """Twenty tracks, generated once: a chord over pink noise, so every codec has work to do."""
    CACHE.mkdir(parents=True, exist_ok=True)

    def encode(index: int) -> Path:
        ext, encoder = ENCODERS[index % len(ENCODERS)]
        target = CACHE / f"{index + 1:02d}.{ext}"
        if target.is_file() and target.stat().st_size > 0:
            return target
        base = 110 * (1 + index % 5)
        graph = (f"sine=f={base}:r=44100,volume=0.25[a];sine=f={base * 1.5}:r=44100,volume=0.2[b];"
                 "anoisesrc=c=pink:r=44100:a=0.1[c];[a][b][c]amix=inputs=3,"
                 "aformat=channel_layouts=stereo")
        partial = target.with_suffix(".part" + target.suffix)
        subprocess.run([ffmpeg, "-v", "error", "-y", "-filter_complex", graph,
                        "-t", str(TRACK_SECONDS), *encoder, str(partial)], check=True)
        partial.rename(target)
        return target

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(encode, range(TRACKS)))


def cpu_seconds() -> float:
    """CPU used so far by this process and its finished children (ffmpeg), user + system."""
    if resource is None:  # Windows: no child accounting; the CPU figures read 0
        return 0.0
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def settle() -> None:
    """Write back what the previous run left dirty (about 800 MB of WAVs), so that neither
    side pays for the other's writes in the kernel's flusher threads."""
    if hasattr(os, "sync"):
        os.sync()


def reference(ffmpeg: str, sources: list[Path], out: Path) -> None:
    """What a user would do by hand: one ffmpeg after another."""
    for index, source in enumerate(sources):
        subprocess.run([ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source),
                        "-c:a", "pcm_s16le", "-ar", "44100", "-ac", "2",
                        str(out / f"{index:02d}.wav")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    ffmpeg = require_ffmpeg()
    with Timer() as generation:
        sources = make_sources(ffmpeg)
    items = [PrepareItem(path) for path in sources]
    ours, theirs, warm = [], [], []
    cpu: dict[str, list[float]] = {"ours": [], "reference": []}
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else -1.0
    with tempfile.TemporaryDirectory(prefix="cdc-bench-prep-") as scratch:
        root = Path(scratch)
        for round_ in range(args.rounds):
            cache, out = root / f"cache{round_}", root / f"ref{round_}"
            out.mkdir()
            runs = [("ours", lambda c=cache: prepare_audio(items, c)),
                    ("reference", lambda o=out: reference(ffmpeg, sources, o))]
            for name, run in (runs if round_ % 2 == 0 else runs[::-1]):
                settle()
                cpu_start = cpu_seconds()
                with Timer() as timer:
                    run()
                cpu[name].append(cpu_seconds() - cpu_start)
                (ours if name == "ours" else theirs).append(timer.seconds)
            with Timer() as timer:
                again = prepare_audio(items, cache)
            assert all(p.cached for p in again)
            warm.append(timer.seconds)
            shutil.rmtree(out)
        playlist_seconds = sum(p.audio_bytes for p in again) / 176_400
    ratio = median(ours) / median(theirs)
    write_result(
        "disc_prepare",
        {
            "tracks": TRACKS,
            "playlist_minutes": round(playlist_seconds / 60, 2),
            "formats": [ext for ext, _ in ENCODERS],
            "rounds": args.rounds,
            "prepare_cold_s": [round(s, 3) for s in ours],
            "reference_sequential_s": [round(s, 3) for s in theirs],
            "prepare_cold_median_s": round(median(ours), 3),
            "reference_median_s": round(median(theirs), 3),
            "prepare_cached_s": [round(s, 4) for s in warm],
            "prepare_cached_median_s": round(median(warm), 4),
            "cached_vs_reference": round(median(warm) / median(theirs), 5),
            "prepare_cpu_median_s": round(median(cpu["ours"]), 2),
            "reference_cpu_median_s": round(median(cpu["reference"]), 2),
            # cores busy on average: ffmpeg 7's command line already decodes and writes on
            # separate threads, so even the one-by-one reference keeps more than one core busy
            "prepare_cores_used": round(median(cpu["ours"]) / median(ours), 2),
            "reference_cores_used": round(median(cpu["reference"]) / median(theirs), 2),
            "best_round_ratio": round(min(ours) / min(theirs), 3),
            "load_average_before_after": [
                round(load_before, 2),
                round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0],
            "workers": os.cpu_count(),
            "source_generation_s": round(generation.seconds, 2),
            "target_ratio": 0.6,
        },
        reference="ffmpeg -i SRC -c:a pcm_s16le -ar 44100 -ac 2 OUT.wav, one file after another",
        ratio=round(ratio, 3),
    )


if __name__ == "__main__":
    main()
