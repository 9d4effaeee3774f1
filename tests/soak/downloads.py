"""Soak: 20 downloads from the loopback media server, the CLI SIGKILLed 8 times mid-work."""

from __future__ import annotations

import random
from pathlib import Path

from cdcollector.domain.types import Source, TrackRef
from cdcollector.downloads.plan import ref_to_json
from tests.downloads.tagsupport import decodes_fully
from tests.fakes.media_provider import SPEC_ENV, FakeMedia
from tests.fakes.media_server import AudioCache, Fault, MediaServer
from tests.soak.common import App, check, leftover_check, sigkill, wait_for

NAME = "downloads"
TRACKS = 20
KILLS = 8
REFUSED = 19  # this one's server answers 403: it must end "failed" with a reason
RATE_BPS = 250_000  # per connection: a download lasts long enough to be killed in
ACTIVE = ("matching", "downloading", "converting", "tagging")
WAIT_S = 120.0


def _catalogue(server: MediaServer, audio: AudioCache, work: Path) -> tuple[Path, Path]:
    media = FakeMedia()
    queries = []
    for number in range(TRACKS):
        title = f"Soak Song {number:02}"
        source = audio.get(15.0, ".m4a", frequency=200 + 40 * number)
        url = server.add(f"soak{number:02}.m4a", source)
        media.add_recording(title, url)
        ref = TrackRef(title=title, artists=("Soak Artist",), album="Soak Sessions",
                       duration_s=15.0, source=Source.YTMUSIC, id=f"soak{number:02}",
                       track_number=number + 1)
        media.tracks[ref.id] = ref_to_json(ref)
        queries.append(title)
    server.set_fault(Fault("403"), f"soak{REFUSED:02}.m4a")
    listing = work / "downloads.txt"
    listing.write_text("\n".join(queries) + "\n", encoding="utf-8")
    return media.save(work / "media.json"), listing


def run(work: Path, rng: random.Random) -> list:
    audio = AudioCache(work / "generated")
    music = work / "music"
    with MediaServer(rate_limit_bps=RATE_BPS) as server:
        spec, listing = _catalogue(server, audio, work)
        app = App.make(work / "home", CDCOLLECTOR_MUSIC_FOLDER=str(music),
                       CDCOLLECTOR_DOWNLOAD_PROVIDER="tests.fakes.media_provider:make_provider",
                       **{SPEC_ENV: str(spec)})
        args = ("download", "--from", str(listing), "--parallel", "3")
        landed = orphans = 0
        for _ in range(KILLS):
            ended = app.rows("SELECT count(*) FROM download_job WHERE state IN ('done', "
                             "'failed')")
            target = (ended[0][0] if ended else 0) + rng.randrange(2)

            def mid_work(target=target) -> bool:
                states = [s for (s,) in app.rows("SELECT state FROM download_job")]
                finished = sum(s in ("done", "failed") for s in states)
                return finished >= target and any(s in ACTIVE for s in states)

            process = app.start(*args)
            if wait_for(mid_work, process, WAIT_S):
                landed += 1
                orphans += sigkill(process)
            else:
                sigkill(process)  # it ended (or hung): no kill mid-work counted
        final = app.run(*args, timeout=900)
    return _checks(app, music, landed, orphans, final)


def _checks(app: App, music: Path, landed: int, orphans: int, final) -> list:
    jobs = app.rows("SELECT id, state, error, target_path FROM download_job")
    settled = [j for j in jobs if j[1] == "done" or (j[1] == "failed" and j[2])]
    done = [Path(j[3]) for j in jobs if j[1] == "done" and j[3]]
    files = sorted(p for p in music.rglob("*") if p.is_file())
    decoding = [p for p in done if p.is_file() and decodes_fully(p)]
    refused = [j for j in jobs if j[1] == "failed"]
    return [
        check(NAME, "SIGKILLs landed mid-download", KILLS, landed),
        check(NAME, "orphaned child processes after kills", 0, orphans),
        check(NAME, "final run ended (exit 0 or 1)", True, final.returncode in (0, 1)),
        check(NAME, "jobs in the queue", TRACKS, len(jobs)),
        check(NAME, "jobs done, or failed with a reason", TRACKS, len(settled)),
        check(NAME, "jobs failed (the 403 one)", 1, len(refused)),
        check(NAME, "done files that decode fully", TRACKS - 1, len(decoding)),
        check(NAME, "files in the music folder (all done ones, nothing else)", len(done),
              len(files), ok=sorted(done) == files),
        leftover_check(NAME, "partial/temp files left", app.home, music),
        check(NAME, "library integrity_check", "ok", app.integrity()),
    ]
