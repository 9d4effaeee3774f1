"""Soak: two CLI writers add tracks to one playlist for 60 s; every acknowledged add is there."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

from tests.soak.common import App, check, has_traceback
from tests.two_writers import overlapping_calls

NAME = "two writers"
DURATION_S = 60.0
PER_CALL = 20  # tracks added by one `playlist add`
POOL = 1_500  # tracks each writer may add, more than 60 s of calls can use
BARRIER_S = 120.0


def _seed(app: App, work: Path) -> tuple[list[int], list[int]]:
    """2 × POOL file-less library tracks (a playlist file of missing files makes them)."""
    lines = ["#EXTM3U"]
    for number in range(2 * POOL):
        lines += [f"#EXTINF:200,Writer Artist - Writer Song {number}",
                  str(work / "gone" / f"{number}.flac")]
    seed = work / "seed.m3u8"
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app.run("playlist", "import", str(seed))
    app.run("playlist", "create", "Shared")
    ids = [i for (i,) in app.rows("SELECT id FROM track ORDER BY id")]
    return ids[:POOL], ids[POOL:2 * POOL]


def _writer(app: App, pool: list[int], barrier: threading.Barrier, log: dict) -> None:
    barrier.wait(BARRIER_S)
    deadline = time.monotonic() + DURATION_S
    while time.monotonic() < deadline and len(pool) >= PER_CALL:
        batch, pool = pool[:PER_CALL], pool[PER_CALL:]
        start = time.monotonic_ns()
        result = app.run("playlist", "add", "Shared", *map(str, batch), "--duplicates", "add",
                         timeout=120)
        log["calls"].append((start, time.monotonic_ns()))
        if result.returncode == 0:
            log["acked"] += batch
        else:
            log["refused"] += 1
            log["tracebacks"] += has_traceback(result.stderr)


def run(work: Path, _rng: random.Random) -> list:
    """Two writers, released together by a barrier, each for DURATION_S of `playlist add`."""
    app = App.make(work / "home", CDCOLLECTOR_MUSIC_FOLDER=str(work / "music"))
    pools = _seed(app, work)
    barrier = threading.Barrier(2)
    logs = [{"calls": [], "acked": [], "refused": 0, "tracebacks": 0} for _ in pools]
    threads = [threading.Thread(target=_writer, args=(app, pool, barrier, log))
               for pool, log in zip(pools, logs, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DURATION_S + 300)
    rows = app.rows("SELECT e.track_id, e.position FROM playlist_entry e "
                    "JOIN playlist p ON p.id = e.playlist_id WHERE p.name = 'Shared'")
    acked = logs[0]["acked"] + logs[1]["acked"]
    positions = sorted(p for _, p in rows)
    present = Counter(t for t, _ in rows)
    return [
        check(NAME, "writers finished", True, not any(t.is_alive() for t in threads)),
        check(NAME, "calls of A overlapping calls of B", "> 0",
              overlapping_calls(logs[0]["calls"], logs[1]["calls"]),
              ok=overlapping_calls(logs[0]["calls"], logs[1]["calls"]) > 0),
        check(NAME, "rows = acknowledged adds", len(acked), len(rows)),
        check(NAME, "acknowledged tracks present exactly once", len(acked),
              sum(present[t] == 1 for t in acked)),
        check(NAME, "positions unique and dense (0..n-1)", True,
              positions == list(range(len(rows)))),
        check(NAME, "calls refused", 0, logs[0]["refused"] + logs[1]["refused"]),
        check(NAME, "refused calls with a traceback", 0,
              logs[0]["tracebacks"] + logs[1]["tracebacks"]),
        check(NAME, "library integrity_check", "ok", app.integrity()),
    ]
