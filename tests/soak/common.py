"""Shared by the soak scenarios: app subprocesses, SIGKILL with orphan checks, leftovers, rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO_ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.05  # how often a bounded wait looks again
ORPHAN_WAIT_S = 20.0  # how long a killed process's children get to notice and exit
# What the app's writers name their partial files (prepare, image, job runner, atomic writes,
# yt-dlp, covers); none may outlive a finished run.
LEFTOVER_SUFFIXES = (".part", ".cdcollector-part", ".tmp", ".ytdl", ".temp")


@dataclass(frozen=True)
class Check:
    scenario: str
    name: str
    expected: object
    got: object
    ok: bool


def check(scenario: str, name: str, expected: object, got: object, ok: bool | None = None
          ) -> Check:
    return Check(scenario, name, expected, got, expected == got if ok is None else ok)


@dataclass
class App:
    """`python -m cdcollector --home HOME` with the environment a scenario needs."""

    home: Path
    env: dict[str, str]

    @classmethod
    def make(cls, home: Path, **extra: str) -> App:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen",
               "CDCOLLECTOR_OFFLINE_TESTS": "1", **extra}
        env.pop("CDCOLLECTOR_HOME", None)  # --home decides
        home.mkdir(parents=True, exist_ok=True)
        return cls(home, env)

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "cdcollector", "--home", str(self.home), *args]

    def run(self, *args: str, timeout: float = 600.0) -> subprocess.CompletedProcess:
        """Runs to the end, or is killed at `timeout` (returncode None, "timeout" in stderr)."""
        process = self.start(*args)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(process)
            out, err = process.communicate()
            return subprocess.CompletedProcess(process.args, None, out,
                                               f"{err}\ntimeout after {timeout:.0f} s")
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(self.argv(*args), cwd=REPO_ROOT, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                stdin=subprocess.DEVNULL)

    @property
    def db_path(self) -> Path:
        return self.home / "data" / "library.sqlite3"

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read-only; [] while the file does not exist yet or is being created."""
        if not self.db_path.exists():
            return []
        try:
            with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5) as db:
                return db.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []

    def integrity(self) -> str:
        rows = self.rows("PRAGMA integrity_check")
        return rows[0][0] if rows else "unreadable"


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, timeout: float) -> bool:
    """True once `condition` holds while `process` still runs; False when it ended first or
    `timeout` passed (the soak never waits without a bound)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(POLL_S)
    return False


def sigkill(process: subprocess.Popen) -> int:
    """SIGKILL the process alone (a crash, not a shutdown); the number of its child processes
    still alive ORPHAN_WAIT_S later (each is then killed, so the soak leaves none behind)."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.send_signal(signal.SIGKILL)
    process.communicate()
    _gone, alive = psutil.wait_procs(children, timeout=ORPHAN_WAIT_S)
    for child in alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    return len(alive)


def kill_tree(process: subprocess.Popen) -> None:
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    for victim in [*children]:
        try:
            victim.kill()
        except psutil.NoSuchProcess:
            pass
    process.kill()


def leftovers(*folders: Path) -> list[Path]:
    """Partial files anywhere under `folders`: what a kill or a failure must not leave."""
    found = []
    for folder in folders:
        if folder.exists():
            found += [p for p in folder.rglob("*") if p.is_file() and (
                p.name.endswith(LEFTOVER_SUFFIXES) or p.name.startswith(".part-")
                or ".part-Frag" in p.name or "download-tmp" in p.parts)]
    return sorted(found)


def leftover_check(scenario: str, name: str, *folders: Path) -> Check:
    """0 expected; what was found is named (the first one) so the table says where to look."""
    found = leftovers(*folders)
    got = f"{len(found)} (e.g. {found[0].name})" if found else 0
    return check(scenario, name, 0, got, ok=not found)


def last_line(result: subprocess.CompletedProcess) -> str:
    lines = (result.stderr or "").strip().splitlines() or (result.stdout or "").strip().splitlines()
    return lines[-1][:160] if lines else ""


def has_traceback(text: str | None) -> bool:
    return "Traceback (most recent call last)" in (text or "")
