"""Soak: `cdcollector import` of 16,000 files, SIGKILLed twice mid-import, then run to the end."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tests.fakes.media_server import AudioCache
from tests.soak.common import App, check, leftover_check, sigkill, wait_for

NAME = "import"
FILES = 16_000
PER_FOLDER = 200
KILLS = 2
WAIT_S = 600.0


def make_files(audio: AudioCache, root: Path) -> list[Path]:
    """16,000 real audio files (copies of eight short ones, in the formats the app reads)."""
    sources = [audio.get(0.5, ext, frequency=300 + 60 * i)
               for i, ext in enumerate((".mp3", ".flac", ".ogg", ".m4a") * 2)]
    made = []
    for number in range(FILES):
        source = sources[number % len(sources)]
        target = root / f"album-{number // PER_FOLDER:03}" / f"{number:05} song{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        made.append(target)
    return made


def run(work: Path, rng: random.Random) -> list:
    root = work / "music"
    made = make_files(AudioCache(work / "generated"), root)
    app = App.make(work / "home", CDCOLLECTOR_MUSIC_FOLDER=str(root))

    def stored() -> int:
        rows = app.rows("SELECT count(*) FROM track WHERE path IS NOT NULL")
        return rows[0][0] if rows else 0

    landed = orphans = 0
    for _ in range(KILLS):
        # Each run is killed after it stored between 1/12 and 1/4 of the files more.
        target = stored() + rng.randrange(FILES // 12, FILES // 4)
        process = app.start("import", str(root))
        if wait_for(lambda target=target: stored() >= target, process, WAIT_S):
            landed += 1
            orphans += sigkill(process)
        else:
            sigkill(process)
    final = app.run("import", str(root), timeout=1800)
    paths = [p for (p,) in app.rows("SELECT path FROM track WHERE path IS NOT NULL")]
    wanted = {str(p.resolve()) for p in made}
    return [
        check(NAME, "SIGKILLs landed mid-import", KILLS, landed),
        check(NAME, "tag workers orphaned by the kills", 0, orphans),
        check(NAME, "final import exit code", 0, final.returncode),
        check(NAME, "files in the library", FILES, len(wanted & set(paths))),
        check(NAME, "library rows for them (each once)", FILES, len(paths)),
        leftover_check(NAME, "partial/temp files left", app.home, root),
        check(NAME, "library integrity_check", "ok", app.integrity()),
    ]
