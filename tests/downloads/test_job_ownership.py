"""One owner per download job across processes (issue 13, finding 10)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from cdcollector.domain.types import DownloadState
from cdcollector.downloads import job_store
from cdcollector.downloads.plan import JobRequest, track_key
from cdcollector.library.models import DownloadJob
from tests.conftest import REPO_ROOT
from tests.downloads.test_crash_safety import runner_env
from tests.downloads.test_engine import TIMEOUT, ref

JOBS = 4


def queue(ctx, titles: list[str]) -> list[int]:
    refs = [ref(title, n) for n, title in enumerate(titles, start=1)]
    return job_store.add_requests(ctx.db, [JobRequest(r, track_key(r)) for r in refs])


def test_two_processes_share_one_queue_and_run_each_job_once(
        ctx, tmp_path, isolated_home, media_server, audio_cache, fake_media):
    media_server.rate_limit_bps = 400_000  # a job lasts long enough for the other to claim
    titles = [f"Shared {n}" for n in range(JOBS)]
    for n, title in enumerate(titles):
        url = media_server.add(f"shared{n}.m4a", audio_cache.get(4.0, ".m4a",
                                                                 frequency=300 + 40 * n))
        fake_media.add_recording(title, url)
    job_ids = queue(ctx, titles)
    env = runner_env(isolated_home, tmp_path / "music", fake_media.save(tmp_path / "spec.json"))
    runners = [subprocess.Popen([sys.executable, "-m", "tests.downloads.claim_runner"],
                                cwd=REPO_ROOT, env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for runner in runners:
        assert runner.stdout.readline().strip() == "ready"
    for runner in runners:  # the start barrier: both engines start on the same queue
        runner.stdin.write("go\n")
        runner.stdin.flush()
    outputs = [runner.communicate(timeout=300)[0].split() for runner in runners]

    assert [runner.returncode for runner in runners] == [0, 0]
    claims = [[int(word) for prev, word in pairwise(out) if prev == "claimed"]
              for out in outputs]
    assert all(claims), claims  # both engines ran jobs from the one queue
    assert sorted(claims[0] + claims[1]) == sorted(job_ids)  # each exactly once
    jobs = job_store.all_jobs(ctx.db)
    assert [job.state for job in jobs] == ["done"] * JOBS, [job.error for job in jobs]
    assert len(list((tmp_path / "music").rglob("*.mp3"))) == JOBS


def hold(ctx, job_id: int, owner: str, lease_until: datetime) -> None:
    """A job another engine is running, as that engine left it in the library."""
    with ctx.db.session() as session:
        job = session.get(DownloadJob, job_id)
        job.state, job.owner, job.lease_until = "downloading", owner, lease_until


def test_a_job_another_engine_holds_is_recovered_only_once_its_lease_expires(
        ctx, make_service, fake_media, media_server, audio_cache):
    url = media_server.add("held.m4a", audio_cache.get(2.0, ".m4a"))
    fake_media.add_recording("Held", url)
    [job_id] = queue(ctx, ["Held"])
    now = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    clock = [now]
    hold(ctx, job_id, "another-host/4242/abc", now + timedelta(seconds=30))

    service = make_service(engine_options={"clock": lambda: clock[0]})
    assert service.wait_idle(TIMEOUT)  # nothing for this engine: the job is someone else's
    assert job_store.get(ctx.db, job_id).state == DownloadState.DOWNLOADING

    clock[0] = now + timedelta(seconds=29)
    service.engine.tick()
    assert job_store.get(ctx.db, job_id).state == DownloadState.DOWNLOADING

    clock[0] = now + timedelta(seconds=31)  # the owner stopped renewing: it is gone
    service.engine.tick()
    assert service.wait_idle(TIMEOUT)
    job = job_store.get(ctx.db, job_id)
    assert (job.state, job.owner) == (DownloadState.DONE, None), job.error


@pytest.mark.skipif(os.name != "posix", reason="elsewhere only the lease tells")
def test_an_engine_whose_process_exited_loses_its_jobs_at_once(ctx, make_service, fake_media,
                                                               media_server, audio_cache):
    url = media_server.add("orphan.m4a", audio_cache.get(2.0, ".m4a"))
    fake_media.add_recording("Orphan", url)
    [job_id] = queue(ctx, ["Orphan"])
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    far = datetime.now(UTC) + timedelta(hours=1)
    hold(ctx, job_id, f"{socket.gethostname()}/{gone.stdout.strip()}/dead", far)

    service = make_service()
    assert service.wait_idle(TIMEOUT)
    assert job_store.get(ctx.db, job_id).state == DownloadState.DONE


def wait_for_state(ctx, job_id: int, state: DownloadState) -> None:
    deadline = datetime.now(UTC) + timedelta(seconds=TIMEOUT)
    while job_store.get(ctx.db, job_id).state != state:
        assert datetime.now(UTC) < deadline, f"job {job_id} never reached {state}"
        threading.Event().wait(0.01)


def test_a_cancel_from_another_process_stops_the_job_where_it_runs_and_stays(
        ctx, make_service, fake_media, media_server, audio_cache):
    media_server.rate_limit_bps = 30_000  # ~3 s of downloading: ample room for the cancel
    url = media_server.add("long.m4a", audio_cache.get(6.0, ".m4a"))
    fake_media.add_recording("Long", url)
    [job_id] = queue(ctx, ["Long"])
    running = make_service()
    wait_for_state(ctx, job_id, DownloadState.DOWNLOADING)
    elsewhere = make_service()  # another window or command: it does not run this job
    elsewhere.cancel(job_id)
    assert running.wait_idle(TIMEOUT)  # the running engine noticed and stopped
    job = job_store.get(ctx.db, job_id)
    assert (job.state, job.owner) == (DownloadState.CANCELLED, None)
    assert not [p for p in Path(ctx.settings.music_folder).rglob("*") if p.is_file()]


def test_writes_of_a_job_taken_over_never_overwrite_the_new_owner(ctx):
    [job_id] = queue(ctx, ["Taken"])
    hold(ctx, job_id, "new-owner", datetime.now(UTC) + timedelta(minutes=1))
    assert not job_store.update(ctx.db, job_id, held_by="old-owner", state="failed")
    assert job_store.update(ctx.db, job_id, held_by="new-owner", progress=0.5)
    assert job_store.get(ctx.db, job_id).state == DownloadState.DOWNLOADING
