"""Folder import speed: `cdcollector import` on 2,000 generated files vs a one-process mutagen loop.

The files (mp3, m4a, flac, ogg, opus, wav; 1 s each, every one tagged differently) are made
once with ffmpeg + mutagen and cached under ~/.cache/cdcollector-bench/. Each side runs three
times in alternating order, both as a fresh interpreter so start-up counts on both sides:
ours is the real command with a fresh temp home (migration, scan, tag reading on all cores,
DB writes); the reference only lists the files and reads them with mutagen in one process.
The in-process times of ImportService.import_paths and of the bare loop are reported too.
"""

from __future__ import annotations

import argparse
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
    home = tempfile.mkdtemp(prefix="cdc-bench-home-")
    try:
        with Timer() as timer:
            out = subprocess.run(
                [sys.executable, "-m", "cdcollector", "--home", home, "--json", "import",
                 str(folder)],
                check=True, capture_output=True, text=True, cwd=REPO_ROOT,
            )
        if '"added"' not in out.stdout:
            raise SystemExit(f"unexpected output: {out.stdout[:200]}")
        return timer.seconds
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_reference_cli(folder: Path) -> float:
    with Timer() as timer:
        subprocess.run([sys.executable, "-c", REFERENCE_LOOP, str(folder)], check=True,
                       capture_output=True)
    return timer.seconds


def run_service(folder: Path) -> tuple[float, dict]:
    from cdcollector.services.context import AppContext
    from cdcollector.services.importer import ImportService

    home = tempfile.mkdtemp(prefix="cdc-bench-home-")
    ctx = AppContext.open(home=home)
    try:
        with Timer() as timer:
            summary = ImportService(ctx).import_paths([str(folder)])
        return timer.seconds, {"added": summary.added, "skipped": len(summary.skipped)}
    finally:
        ctx.close()
        shutil.rmtree(home, ignore_errors=True)


def run_reference_loop(folder: Path) -> float:
    namespace = {"__name__": "reference"}
    argv = sys.argv
    sys.argv = ["reference", str(folder)]
    try:
        with Timer() as timer:
            exec(compile(REFERENCE_LOOP.replace("print(count)", ""), "loop", "exec"), namespace)
    finally:
        sys.argv = argv
    return timer.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = generate(args.count)
    cli, ref_cli, service, ref_loop = [], [], [], []
    summary = {}
    for rep in range(args.repeat):
        ours_first = rep % 2 == 0
        for side in (("ours", "ref") if ours_first else ("ref", "ours")):
            if side == "ours":
                cli.append(run_cli(folder))
                seconds, summary = run_service(folder)
                service.append(seconds)
            else:
                ref_cli.append(run_reference_cli(folder))
                ref_loop.append(run_reference_loop(folder))
    if summary.get("added") != args.count:
        raise SystemExit(f"import did not add every file: {summary}")
    figures = {
        "files": args.count,
        "formats": list(FORMATS),
        "repetitions": args.repeat,
        "cli_import_s": cli,
        "reference_process_s": ref_cli,
        "service_import_s": service,
        "reference_loop_s": ref_loop,
        "cli_median_s": median(cli),
        "reference_process_median_s": median(ref_cli),
        "service_median_s": median(service),
        "reference_loop_median_s": median(ref_loop),
        "service_ratio": median(service) / median(ref_loop),
        "files_per_s_ours": args.count / median(cli),
        "files_per_s_reference": args.count / median(ref_cli),
    }
    write_result(
        "import_scan",
        figures,
        reference=f"{sys.executable} -c '<os.walk + mutagen.File loop>' (one process) vs "
                  f"{sys.executable} -m cdcollector --home TMP --json import DIR",
        ratio=median(cli) / median(ref_cli),
    )


if __name__ == "__main__":
    main()
