"""The frozen onedir (make package): its size, and `--self-test` time vs the same from source.

Both commands open a DB in a temp home, migrate, build the main window offscreen and exit;
they run interleaved, 5 times each, and the medians are compared. Skips (exit 0, saying so)
when dist/cdcollector has not been built.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO_ROOT, write_result

FROZEN = REPO_ROOT / "dist" / "cdcollector" / ("cdcollector.exe" if os.name == "nt" else
                                                "cdcollector")
RUNS = 5
SIZE_BUDGET_MB = 400  # decimal megabytes


def tree_size_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=REPO_ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0 or "self-test ok" not in done.stdout:
        raise RuntimeError(f"{cmd[0]} --self-test failed: {done.stderr.strip()[-400:]}")
    return seconds


def main() -> int:
    if not FROZEN.is_file():
        print(f"SKIPPED: {FROZEN} is not built (run `make package` first)")
        return 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    frozen_cmd = [str(FROZEN), "--self-test"]
    source_cmd = [sys.executable, "-m", "cdcollector", "--self-test"]
    timed(frozen_cmd, env)  # first run warms the page cache for both sides
    timed(source_cmd, env)
    frozen_s, source_s = [], []
    for _ in range(RUNS):
        frozen_s.append(timed(frozen_cmd, env))
        source_s.append(timed(source_cmd, env))
    size = tree_size_bytes(FROZEN.parent)
    figures = {
        "onedir_size_mb": round(size / 1_000_000, 1),  # decimal megabytes
        "onedir_size_mib": round(size / 2**20, 1),
        "frozen_self_test_median_s": round(statistics.median(frozen_s), 3),
        "source_self_test_median_s": round(statistics.median(source_s), 3),
        "frozen_runs_s": [round(s, 3) for s in frozen_s],
        "source_runs_s": [round(s, 3) for s in source_s],
        "targets": {},
    }
    ratio = round(figures["frozen_self_test_median_s"] / figures["source_self_test_median_s"], 2)
    # One budget for the onedir: deno (~96 MB) and the playback backend fit inside it.
    figures["targets"] = {"size_at_most_400mb": figures["onedir_size_mb"] <= SIZE_BUDGET_MB,
                          "start_at_most_1_3x": ratio <= 1.3}
    write_result("frozen_app", figures,
                 reference="python -m cdcollector --self-test from the source tree", ratio=ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
