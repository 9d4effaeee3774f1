"""Runs the real download engine in a process of its own, for the crash-safety test.

Usage: python -m tests.downloads.crash_runner PARALLEL [REFS.json]
Environment: CDCOLLECTOR_HOME, CDCOLLECTOR_MUSIC_FOLDER, CDCOLLECTOR_OFFLINE_TESTS=1 and the
fake provider variables (tests/fakes/media_provider.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cdcollector.downloads.plan import ref_from_json
from cdcollector.services.context import AppContext
from cdcollector.services.downloads import DownloadService


def main(argv: list[str]) -> int:
    ctx = AppContext.open()
    service = DownloadService(ctx, parallel=int(argv[0]))
    if len(argv) > 1:
        refs = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        service.enqueue([ref_from_json(r) for r in refs])
    print("started", flush=True)
    service.wait_idle()
    service.shutdown()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
