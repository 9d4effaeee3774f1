"""Soak: an image burn SIGKILLed while preparing and while writing, then run to the end."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

from cdcollector.burning import redbook
from cdcollector.burning.image import cue_indexes, verify_image
from cdcollector.externals import require_ffmpeg
from cdcollector.paths import AppPaths
from tests.fakes.media_server import AudioCache
from tests.soak.common import App, check, leftover_check, sigkill, wait_for

NAME = "image burn"
TRACKS = 6
SECONDS = 25.0
WAIT_S = 300.0


def pcm(path: Path) -> bytes:
    """The track as the disc must carry it: 44.1 kHz stereo 16-bit little-endian."""
    return subprocess.run(
        [require_ffmpeg(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "2",
         "-ar", "44100", "-"], check=True, capture_output=True).stdout


def matches_sources(bin_path: Path, cue_path: Path, sources: list[Path]) -> int:
    """How many tracks of the BIN hold exactly their source's samples, then only silence."""
    indexes = cue_indexes(cue_path.read_text(encoding="latin-1"))
    numbers = sorted(indexes)
    starts = [indexes[n][1] * redbook.SECTOR_BYTES for n in numbers]
    ends = [indexes[n].get(0, indexes[n][1]) * redbook.SECTOR_BYTES for n in numbers[1:]]
    data = bin_path.read_bytes()
    ends.append(len(data))
    good = 0
    for start, end, source in zip(starts, ends, sources, strict=False):
        samples = pcm(source)
        region = data[start:end]
        if region[:len(samples)] == samples and not any(region[len(samples):]):
            good += 1
    return good


def run(work: Path, _rng: random.Random) -> list:
    """The kill points are fixed moments (preparing, writing): nothing here is random."""
    audio = AudioCache(work / "generated")
    music, out = work / "music", work / "out"
    music.mkdir()
    out.mkdir()
    sources = []
    for number in range(TRACKS):
        source = audio.get(SECONDS, ".flac", frequency=250 + 70 * number)
        sources.append(shutil.copy(source, music / f"{number + 1:02} tone.flac"))
    sources = [Path(s) for s in sources]
    playlist = work / "disc.m3u8"
    playlist.write_text("\n".join(str(s) for s in sources) + "\n", encoding="utf-8")
    app = App.make(work / "home", CDCOLLECTOR_MUSIC_FOLDER=str(music))
    setup = [app.run("import", str(music)), app.run("playlist", "import", str(playlist))]
    cache = AppPaths.resolve(app.home).burn_cache_dir
    args = ("--json", "burn", "1", "--backend", "image", "--out", str(out),
            "--normalize", "off")

    def has_files(folder: Path) -> bool:
        return folder.exists() and any(p.is_file() for p in folder.rglob("*"))

    landed = orphans = 0
    # First while the audio is being prepared, then while the image is being written.
    for moment in (lambda: has_files(cache), lambda: has_files(out)):
        process = app.start(*args)
        if wait_for(moment, process, WAIT_S):
            landed += 1
            orphans += sigkill(process)
        else:
            sigkill(process)
    final = app.run(*args, timeout=900)
    return _checks(app, setup, final, out, cache, sources, landed, orphans)


def _checks(app, setup, final, out: Path, cache: Path, sources, landed, orphans) -> list:
    try:
        report = json.loads(final.stdout[final.stdout.index("{"):])
    except ValueError:
        report = {}
    files = [Path(p) for p in report.get("files", [])]
    bins = [p for p in files if p.suffix == ".bin" and p.is_file()]
    cues = [p for p in files if p.suffix == ".cue" and p.is_file()]
    verified = matched = 0
    if bins and cues:
        row = app.rows("SELECT checksums_json FROM burn_job WHERE id = ?",
                       (report.get("burn_job"),))
        sha1s = [t["sha1"] for t in json.loads(row[0][0])] if row else []
        if len(sha1s) == TRACKS:
            verified = sum(verify_image(bins[0], cues[0], sha1s))
        matched = matches_sources(bins[0], cues[0], sources)
    results = [r for (r,) in app.rows("SELECT result FROM burn_job")]
    return [
        check(NAME, "library and playlist set up", True, all(r.returncode == 0 for r in setup)),
        check(NAME, "SIGKILLs landed (preparing, writing)", 2, landed),
        check(NAME, "orphaned child processes after kills", 0, orphans),
        check(NAME, "final burn exit code", 0, final.returncode),
        check(NAME, "BIN and CUE written", (1, 1), (len(bins), len(cues))),
        check(NAME, "tracks matching the recorded SHA-1s", TRACKS, verified),
        check(NAME, "tracks holding exactly the source samples", TRACKS, matched),
        leftover_check(NAME, "partial files left (out, cache, home)", out, cache, app.home),
        check(NAME, "files in the output folder (BIN, CUE, TOC)", ["disc.bin", "disc.cue",
              "disc.toc"], sorted(p.name for p in out.rglob("*") if p.is_file())),
        check(NAME, "burn_job rows still 'running'", 0, results.count("running")),
        check(NAME, "library integrity_check", "ok", app.integrity()),
    ]
