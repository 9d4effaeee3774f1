"""Playlist scale: import and burn-plan time for 5,000 and 50,000 entries, M3U and .cdcplaylist.

Each playlist file lists N entries: even ones point at eight real 1–3 s WAV files (the same
eight over and over), odd ones at files that are not there (each its own name), all with
artist, title and length. For each format and size, in a fresh `--home`:
(a) `cdcollector playlist import FILE`;
(b) `cdcollector burn 1 --backend image --simulate`: plans the discs (twice: the command's
    summary and the start) and stops at the refusal (missing files, too long for one disc)
    before any audio is prepared; the burn-plan time.
Every run has a timeout (--timeout, 300 s by default), so a quadratic cliff shows as
"timeout", never as a hang. The reference is a plain Python loop reading the same file
(lines, or json.load) in a fresh interpreter; the ratio is ours / reference.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from _common import REPO_ROOT, write_result

SIZES = (5_000, 50_000)
RATE = 44_100
REFERENCE = {
    "m3u": "import sys\nn = 0\nfor line in open(sys.argv[1], encoding='utf-8'):\n"
           "    line = line.strip()\n    if line and not line.startswith('#'):\n        n += 1\n"
           "print(n)\n",
    "cdcplaylist": "import json, sys\nprint(len(json.load(open(sys.argv[1], encoding='utf-8'))"
                   "['tracks']))\n",
}


def write_wav(path: Path, seconds: float, frequency: float) -> None:
    frames = int(RATE * seconds)
    samples = (int(8000 * math.sin(2 * math.pi * frequency * i / RATE)) for i in range(frames))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<hh", s, s) for s in samples))


def make_audio(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(8):
        path = folder / f"tone-{number}.wav"
        write_wav(path, 1 + number % 3, 220 + 55 * number)
        files.append(path)
    return files


def entries(n: int, audio: list[Path], missing: Path):
    """(path, artist, title, seconds) per entry: real files and missing ones alternate."""
    for i in range(n):
        if i % 2 == 0:
            number = (i // 2) % len(audio)
            yield audio[number], f"Tone {number}", f"Tone {number}", 1 + number % 3
        else:
            yield missing / f"gone-{i:06}.flac", f"Artist {i % 997}", f"Song {i}", 120 + i % 180


def write_m3u(path: Path, n: int, audio: list[Path], missing: Path) -> None:
    lines = ["#EXTM3U", f"#PLAYLIST:Scale {n}"]
    for location, artist, title, seconds in entries(n, audio, missing):
        lines += [f"#EXTINF:{seconds},{artist} - {title}", str(location)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_cdc(path: Path, n: int, audio: list[Path], missing: Path) -> None:
    tracks = [{"title": title, "artists": [artist], "album": "", "duration_s": seconds,
               "isrc": None, "external_ids": {"spotify": None, "youtube": None},
               "path": str(location)}
              for location, artist, title, seconds in entries(n, audio, missing)]
    doc = {"format": "cdcplaylist", "version": 1, "name": f"Scale {n}", "description": "",
           "tracks": tracks}
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")


def timed(command: list[str], timeout: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=REPO_ROOT)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "outcome": f"timeout after {timeout:.0f} s"}
    seconds = round(time.perf_counter() - start, 3)
    last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or [""]
    return {"seconds": seconds, "exit": done.returncode, "last_line": last[0][:200]}


def measure(kind: str, n: int, work: Path, audio: list[Path], timeout: float) -> dict:
    home, out = work / f"home-{kind}-{n}", work / f"out-{kind}-{n}"
    out.mkdir()
    playlist = work / f"scale-{n}.{'m3u8' if kind == 'm3u' else 'cdcplaylist'}"
    (write_m3u if kind == "m3u" else write_cdc)(playlist, n, audio, work / "missing")
    app = [sys.executable, "-m", "cdcollector", "--home", str(home)]
    reference = timed([sys.executable, "-c", REFERENCE[kind], str(playlist)], timeout)
    imported = timed([*app, "playlist", "import", str(playlist)], timeout)
    figures = {"entries": n, "reference_s": reference["seconds"], "import": imported}
    if imported.get("exit") == 0:
        figures["burn_plan"] = timed([*app, "burn", "1", "--backend", "image", "--simulate",
                                      "--out", str(out)], timeout)
    else:
        figures["burn_plan"] = {"seconds": None, "outcome": "not run: the import failed"}
    print(f"{kind:12} {n:>6}: import {_show(imported)}, burn plan {_show(figures['burn_plan'])}, "
          f"reference {reference['seconds']} s", flush=True)
    return figures


def _show(run: dict) -> str:
    return f"{run['seconds']} s" if run.get("seconds") is not None else run["outcome"]


def _ratio(figures: dict, step: str) -> float | None:
    seconds = figures[step].get("seconds")
    return round(seconds / figures["reference_s"], 1) if seconds and figures["reference_s"] \
        else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--label", default="", help="suffix of the results file (e.g. before)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="cdc-playlist-scale-") as tmp:
        work = Path(tmp)
        audio = make_audio(work / "audio")
        for kind in ("m3u", "cdcplaylist"):
            for n in sizes:
                figures[f"{kind}_{n}"] = measure(kind, n, work, audio, args.timeout)
    ratio = {key: {"import": _ratio(f, "import"), "burn_plan": _ratio(f, "burn_plan")}
             for key, f in figures.items()}
    name = f"playlist_scale_{args.label}" if args.label else "playlist_scale"
    write_result(name, figures, "a plain Python loop reading the same playlist file", ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
