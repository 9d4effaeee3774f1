"""Crash safety: SIGKILL the engine's process at random moments, restart, and find no mess."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cdcollector.downloads import job_store
from cdcollector.downloads.plan import ref_to_json
from cdcollector.services.context import AppContext
from tests.conftest import REPO_ROOT
from tests.downloads.tagsupport import decodes_fully
from tests.downloads.test_engine import ref
from tests.fakes.media_provider import SPEC_ENV, FakeMedia
from tests.fakes.media_server import Fault

RUNS = 5
TRACKS = 3
ACTIVE = ("matching", "downloading", "converting", "tagging")
WAIT_S = 60.0  # an upper bound for a state to be reached on a busy machine, never a timing


def wait_for_progress(db_path: Path, finished: int) -> str:
    """Poll the runner's library until `finished` jobs are over and one is mid-work; the state
    it is in. Kills then land at a chosen point of progress, not after a guessed delay."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
                states = [state for (state,) in db.execute("SELECT state FROM download_job")]
        except sqlite3.Error:  # the runner is still creating the file
            states = []
        active = [state for state in states if state in ACTIVE]
        if active and sum(state in ("done", "failed") for state in states) >= finished:
            return active[0]
        time.sleep(0.005)
    raise AssertionError(f"no job was mid-work after {finished} finished within {WAIT_S} s")


def runner_env(home: Path, music: Path, spec: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CDCOLLECTOR_HOME": str(home), "CDCOLLECTOR_MUSIC_FOLDER": str(music),
        "CDCOLLECTOR_OFFLINE_TESTS": "1",
        "CDCOLLECTOR_DOWNLOAD_PROVIDER": "tests.fakes.media_provider:make_provider",
        SPEC_ENV: str(spec), "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen",
    })
    return env


def start_runner(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.downloads.crash_runner", str(TRACKS),
                             *args],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)


def check_no_mess(home: Path, music: Path, context: str) -> None:
    ctx = AppContext.open(home=str(home))
    try:
        jobs = {job.id: job for job in job_store.all_jobs(ctx.db)}
        assert len(jobs) == TRACKS, context
        for job in jobs.values():
            assert job.state in ("done", "failed"), (context, job.state)
            if job.state == "failed":
                assert job.error, context
            else:
                assert job.target_path and Path(job.target_path).is_file(), context
        files = sorted(p for p in music.rglob("*") if p.is_file())
        done = [j for j in jobs.values() if j.state == "done"]
        assert sorted(Path(j.target_path) for j in done) == files, context  # no stray copies
        for path in files:
            assert decodes_fully(path), (context, path)
        leftovers = [p for p in home.rglob("*") if p.is_file() and (
            "download-tmp" in p.parts or p.name.endswith((".part", ".cdcollector-part")))]
        assert leftovers == [], context
    finally:
        ctx.close()
    with sqlite3.connect(home / "data" / "library.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", context


@pytest.mark.slow
def test_sigkill_at_random_moments_then_restart_leaves_no_mess(tmp_path, media_server,
                                                               audio_cache):
    media_server.rate_limit_bps = 400_000
    media = FakeMedia()
    refs = []
    for i in range(TRACKS):
        title = f"Crash {i}"
        source = audio_cache.get(2.0, ".m4a", frequency=200 + 50 * i)
        url = media_server.add(f"crash{i}.m4a", source)
        media.add_recording(title, url)
        refs.append(ref(title, i + 1))
    # One job must fail, with its reason.
    media_server.set_fault(Fault("403"), f"crash{TRACKS - 1}.m4a")
    rng = random.Random(20261122)
    killed_in: set[str] = set()
    for run in range(RUNS):
        home, music = tmp_path / f"home{run}", tmp_path / f"music{run}"
        home.mkdir()
        spec = media.save(tmp_path / f"spec{run}.json")
        refs_file = tmp_path / f"refs{run}.json"
        refs_file.write_text(json.dumps([ref_to_json(r) for r in refs]), encoding="utf-8")
        env = runner_env(home, music, spec)
        first = start_runner(env, str(refs_file))
        assert first.stdout.readline().strip() == "started"
        # Each run is killed while a job is mid-work, after a random number of jobs ended.
        finished = rng.randrange(TRACKS)
        state = wait_for_progress(home / "data" / "library.sqlite3", finished)
        first.send_signal(signal.SIGKILL)
        first.wait(30)
        killed_in.add(state)
        context = f"run {run}, killed in {state} after {finished} jobs ended"
        second = start_runner(env)
        second.communicate(timeout=120)
        assert second.returncode == 0, context
        check_no_mess(home, music, context)
    assert killed_in <= set(ACTIVE), killed_in  # every kill interrupted work in progress
