"""`make soak`: kills, restarts and two writers against real app processes; a table of checks.

Run from the repository root: python -m tests.soak.run_soak [--only NAME ...] [--seed N].
Not collected by pytest (no test_ prefix) and not part of `make test`. Exits 1 when any check
fails: a lost write, a leftover partial file, an orphaned process, an image that does not verify.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from tests.soak import downloads, folder_import, image_burn, writers
from tests.soak.common import Check, check

SCENARIOS = {"downloads": downloads.run, "import": folder_import.run,
             "image-burn": image_burn.run, "writers": writers.run}


def run_scenario(name: str, work: Path, seed: int) -> list[Check]:
    started = time.monotonic()
    try:
        checks = SCENARIOS[name](work, random.Random(seed))
    except Exception as exc:  # a broken scenario is a failed row, and the others still run
        traceback.print_exc(file=sys.stderr)
        checks = [check(name, "scenario ran", "no error", f"{type(exc).__name__}: {exc}"[:80],
                        ok=False)]
    print(f"  {name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return checks


def table(checks: list[Check]) -> str:
    rows = [("scenario", "check", "expected", "got", "ok")]
    rows += [(c.scenario, c.name, str(c.expected), str(c.got), "ok" if c.ok else "FAIL")
             for c in checks]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(SCENARIOS), help="run only these")
    parser.add_argument("--seed", type=int, default=13, help="where the random kills land")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    args = parser.parse_args(argv)
    checks: list[Check] = []
    root = Path(tempfile.mkdtemp(prefix="cdc-soak-"))
    try:
        for name in args.only or list(SCENARIOS):
            print(f"soak: {name} (seed {args.seed}) in {root / name}", file=sys.stderr,
                  flush=True)
            (root / name).mkdir()
            checks += run_scenario(name, root / name, args.seed)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(table(checks))
    failed = [c for c in checks if not c.ok]
    print(f"\n{len(checks) - len(failed)} of {len(checks)} checks passed.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
