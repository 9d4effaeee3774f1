"""Folder import speed: `cdcollector import` on 2,000 generated files vs a one-process mutagen loop.

The files (mp3, m4a, flac, ogg, opus, wav; 1 s each, every one tagged differently) are made
once with ffmpeg + mutagen and cached under ~/.cache/cdcollector-bench/. Each side runs five
times in alternating order, each run in a fresh interpreter: ours is ImportService.import_paths
(the path `cdcollector import` and the app take) into a fresh temp home, the reference lists
the files and reads them with mutagen in one process. The whole `cdcollector import` command
against the whole reference script (interpreter start, imports, DB creation) is reported too.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import REPO_ROOT, Timer, median, write_result

FORMATS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    "m4a": ["-c:a", "aac", "-b:a", "128k"],
    "flac": ["-c:a", "flac"],
    "ogg": ["-c:a", "libvorbis", "-q:a", "3"],
    "opus": ["-c:a", "libopus", "-b:a", "64k"],
    "wav": ["-c:a", "pcm_s16le"],
}
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cdcollector-bench"

REFERENCE_LOOP = """
import os, sys, mutagen
count = 0
for folder, _dirs, names in os.walk(sys.argv[1]):
    for name in names:
        audio = mutagen.File(os.path.join(folder, name))
        if audio is not None and audio.info.length > 0:
            tags = dict(audio.tags or {})
            count += 1
print(count)
"""


def make_sources(ffmpeg: str, folder: Path) -> dict[str, Path]:
    """One short source per format, encoded in parallel."""
    def encode(ext: str) -> Path:
        target = folder / f"source.{ext}"
        subprocess.run(
            [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
             "-ac", "2", *FORMATS[ext], str(target)],
            check=True,
        )
        return target

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(FORMATS, pool.map(encode, FORMATS), strict=True))


def tag(path: Path, index: int, ext: str) -> None:
    import mutagen
    from mutagen.easyid3 import EasyID3
    from mutagen.id3 import TALB, TCON, TDRC, TIT2, TPE1, TRCK
    from mutagen.mp4 import MP4
    from mutagen.wave import WAVE

    title, artist = f"Song {index:04d} {ext}", f"Artist {index % 97}"
    album, track, year = f"Album {index % 211}", index % 20 + 1, 1960 + index % 60
    if ext == "mp3":
        audio = EasyID3()
        audio.update({"title": title, "artist": artist, "album": album,
                      "tracknumber": str(track), "date": str(year), "genre": "Bench"})
        audio.save(path)
    elif ext == "m4a":
        audio = MP4(path)
        audio.update({"©nam": title, "©ART": artist, "©alb": album, "trkn": [(track, 20)],
                      "©day": str(year), "©gen": "Bench"})
        audio.save()
    elif ext == "wav":
        audio = WAVE(path)
        audio.add_tags()
        for frame in (TIT2(text=title), TPE1(text=artist), TALB(text=album),
                      TRCK(text=str(track)), TDRC(text=str(year)), TCON(text="Bench")):
            audio.tags.add(frame)
        audio.save()
    else:  # flac, ogg, opus: Vorbis comments
        audio = mutagen.File(path)
        audio.update({"title": title, "artist": artist, "album": album,
                      "tracknumber": str(track), "date": str(year), "genre": "Bench"})
        audio.save()


def generate(count: int) -> Path:
    """The cached folder of `count` files, in album-like subfolders of 100."""
    folder = CACHE / f"import_scan-{count}"
    marker = folder / ".complete"
    if marker.is_file():
        return folder
    from cdcollector.externals import require_ffmpeg

    shutil.rmtree(folder, ignore_errors=True)
    sources_dir = CACHE / "sources"
    sources_dir.mkdir(parents=True, exist_ok=True)
    sources = make_sources(require_ffmpeg(), sources_dir)
    exts = list(FORMATS)
    started = time.perf_counter()
    for index in range(count):
        ext = exts[index % len(exts)]
        target = folder / f"disc{index // 100:02d}" / f"{index % 100 + 1:02d} track{index}.{ext}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[ext], target)
        tag(target, index, ext)
    marker.write_text(str(count))
    print(f"generated {count} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def run_cli(folder: Path) -> float:
    """Wall time of the real command, interpreter start to exit, with a fresh home."""
    home = tempfile.mkdtemp(prefix="cdc-bench-home-")
    try:
        with Timer() as timer:
            out = subprocess.run(
                [sys.executable, "-m", "cdcollector", "--home", home, "--json", "import",
                 str(folder)],
                check=True, capture_output=True, text=True, cwd=REPO_ROOT,
            )
        if json.loads(out.stdout)["added"] == 0:
            raise SystemExit(f"nothing imported: {out.stdout[:300]}")
        return timer.seconds
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_reference_process(folder: Path) -> float:
    with Timer() as timer:
        subprocess.run([sys.executable, "-c", REFERENCE_LOOP, str(folder)], check=True,
                       capture_output=True)
    return timer.seconds


# Run with `python -c`, so the measuring interpreter has no main script. `cdcollector import`
# runs as a package's __main__, which multiprocessing does not import into the workers; this
# benchmark's own main script would be imported by every worker as it starts.
FRESH_PROCESS = """
import json, sys
from pathlib import Path
from import_scan import measure_reference, measure_service
measure = measure_service if sys.argv[1] == "service" else measure_reference
print(json.dumps(measure(Path(sys.argv[2]))))
"""


def measure_in_fresh_process(what: str, folder: Path) -> dict:
    """`what` ("service" or "reference") in a new interpreter (cold workers, cold imports)."""
    out = subprocess.run([sys.executable, "-c", FRESH_PROCESS, what, str(folder)],
                         check=True, capture_output=True, text=True, cwd=Path(__file__).parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_service(folder: Path) -> dict:
    """ImportService.import_paths on a fresh home (opened and migrated before the clock)."""
    from cdcollector.services.context import AppContext
    from cdcollector.services.importer import ImportService

    home = tempfile.mkdtemp(prefix="cdc-bench-home-")
    ctx = AppContext.open(home=home)
    try:
        cpu = time.process_time()
        with Timer() as timer:
            summary = ImportService(ctx).import_paths([str(folder)])
        return {"seconds": timer.seconds, "parent_cpu_s": time.process_time() - cpu,
                "added": summary.added, "skipped": len(summary.skipped)}
    finally:
        ctx.close()
        shutil.rmtree(home, ignore_errors=True)


def measure_reference(folder: Path) -> dict:
    import mutagen  # noqa: F401  (imported before the clock, like ours)

    namespace = {"__name__": "reference", "sys": sys}
    sys.argv = ["reference", str(folder)]
    code = compile(REFERENCE_LOOP.replace("print(count)", ""), "reference-loop", "exec")
    with Timer() as timer:
        exec(code, namespace)
    return {"seconds": timer.seconds, "files": namespace["count"]}


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity() -> float:
    """How much faster two busy processes finish than one doing both jobs, right now."""
    import multiprocessing

    n = 3_000_000
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [10, 10])
        with Timer() as serial:
            pool.apply(_burn, (n * 2,))
        with Timer() as parallel:
            pool.map(_burn, [n, n], chunksize=1)
    return serial.seconds / parallel.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)  # one side alone swings ±30% here
    args = parser.parse_args()
    folder = generate(args.count)
    # Compiled bytecode, as a user's machine has after the first run (and the frozen app);
    # where PYTHONDONTWRITEBYTECODE is set, the workers would compile the modules every time.
    compileall.compile_dir(REPO_ROOT / "cdcollector", quiet=1)
    # Files in the page cache for both sides: otherwise whichever runs first reads the disk
    # and the other one does not (ours ran first in the first pair, at up to twice its time).
    for path in folder.rglob("*"):
        if path.is_file():
            path.read_bytes()
    runs: dict[str, list[float]] = {"service": [], "reference": [], "cli": [],
                                    "reference_process": [], "parallel_capacity": [],
                                    "service_parent_cpu": []}
    for rep in range(args.repeat):
        runs["parallel_capacity"].append(parallel_capacity())
        for side in (("ours", "ref") if rep % 2 == 0 else ("ref", "ours")):
            if side == "ours":
                result = measure_in_fresh_process("service", folder)
                if result["added"] != args.count:
                    raise SystemExit(f"import did not add every file: {result}")
                runs["service"].append(result["seconds"])
                runs["service_parent_cpu"].append(result["parent_cpu_s"])
                runs["cli"].append(run_cli(folder))
            else:
                result = measure_in_fresh_process("reference", folder)
                if result["files"] != args.count:
                    raise SystemExit(f"reference did not read every file: {result}")
                runs["reference"].append(result["seconds"])
                runs["reference_process"].append(run_reference_process(folder))
    med = {name: median(values) for name, values in runs.items()}
    # Each repetition ran both sides back to back: on a shared machine the ratio within a
    # pair drifts less than either side alone.
    paired = [o / r for o, r in zip(runs["service"], runs["reference"], strict=True)]
    figures = {
        "files": args.count,
        "formats": list(FORMATS),
        "repetitions": args.repeat,
        "workers": os.cpu_count(),
        "runs_s": runs,
        "service_import_median_s": med["service"],
        "reference_loop_median_s": med["reference"],
        "cli_import_median_s": med["cli"],
        "reference_process_median_s": med["reference_process"],
        "paired_ratios": paired,
        "ratio_of_medians": med["service"] / med["reference"],
        "cli_ratio_including_interpreter_and_db_start": med["cli"] / med["reference_process"],
        "parallel_capacity_median": med["parallel_capacity"],
        "note": "ratio = median over repetitions of ImportService.import_paths / the mutagen "
                "loop run back to back, each timed inside a "
                "fresh interpreter (ours: fresh migrated home, tag reading on a process pool, "
                "DB writes with FTS); cli_ratio adds interpreter start, imports and the "
                "migration of a fresh DB to ours. parallel_capacity = speed-up two busy "
                "processes got over one on this machine during the run (2.0 = two free cores); "
                "service_parent_cpu = CPU time of the importing process itself (scan, DB "
                "writes, reading while workers start), the workers' time excluded.",
    }
    write_result(
        "import_scan",
        figures,
        reference="mutagen.File over os.walk in one process (same files, same run)",
        ratio=median(paired),
    )


if __name__ == "__main__":
    main()
