"""A killed import leaves no tag worker behind (issue 13, finding 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

FILES = 4000
EXIT_WAIT_S = 30  # an upper bound for the workers to go; they normally go at once
START_WAIT_S = 120

# Reads the files on the pool the way the window does (no fork: a warm forkserver).
FORKSERVER_READ = """
import sys
from cdcollector.library import parallel_read
parallel_read._fork_is_safe = lambda: False
paths = [line for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if line]
with parallel_read.TagReader(2) as reader:
    for _group in reader.read_all(paths):
        pass
"""


@pytest.fixture
def many_files(tmp_path, tinytag_dir) -> Path:
    folder = tmp_path / "Many"
    folder.mkdir()
    source = tinytag_dir / "cbr.mp3"
    for number in range(FILES):
        os.link(source, folder / f"{number:05}.mp3")
    return folder


def wait_for_workers(proc: subprocess.Popen, minimum: int) -> list[psutil.Process]:
    """The import's descendants once at least `minimum` exist (the workers have started)."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the import ended before its workers were seen"
        found = parent.children(recursive=True)
        if len(found) >= minimum:
            return found
        psutil.wait_procs([parent], timeout=0.02)  # yields the CPU; returns when it ends
    pytest.fail("the tag workers never started")


def survivors(procs: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running (a zombie is gone: it holds no file)."""
    alive = []
    for proc in procs:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
        except psutil.NoSuchProcess:
            pass
    return alive


def holders(path: Path) -> list[int]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if any(f.path.startswith(str(path)) for f in proc.open_files()):
                found.append(proc.pid)
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    return found


def kill_and_check(proc: subprocess.Popen, minimum: int, db_path: Path | None) -> None:
    descendants = wait_for_workers(proc, minimum)
    proc.send_signal(signal.SIGKILL)
    try:
        assert proc.wait(timeout=EXIT_WAIT_S) == -signal.SIGKILL
        deadline = time.monotonic() + EXIT_WAIT_S
        left = survivors(descendants)
        while left and time.monotonic() < deadline:
            psutil.wait_procs(left, timeout=0.2)
            left = survivors(descendants)
        assert left == [], f"orphaned workers: {[(p.pid, p.name()) for p in left]}"
        # Nobody holds the caller's pipes either: they reach end-of-file.
        proc.communicate(timeout=EXIT_WAIT_S)
        if db_path is not None:
            assert holders(db_path) == []
    finally:
        for orphan in survivors(descendants):
            orphan.kill()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_a_cli_import_leaves_no_worker(many_files, tmp_path):
    home = tmp_path / "cli-home"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cdcollector", "--home", str(home), "--json", "import",
         str(many_files)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    kill_and_check(proc, minimum=2, db_path=home / "data" / "library.sqlite3")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_a_forkserver_reader_leaves_no_worker(many_files, tmp_path):
    listing = tmp_path / "paths.txt"
    listing.write_text("\n".join(str(p) for p in sorted(many_files.iterdir())),
                       encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", FORKSERVER_READ, str(listing)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # The forkserver and its two workers (plus, maybe, the resource tracker).
    kill_and_check(proc, minimum=3, db_path=None)
