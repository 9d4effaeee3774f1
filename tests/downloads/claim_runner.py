"""Runs a download engine on a shared queue once told to start, printing each job it claims.

Usage: python -m tests.downloads.claim_runner; prints "ready", waits for a line on stdin (the
start barrier), then "claimed ID" per job and "done". Environment as for crash_runner.
"""

from __future__ import annotations

import logging
import sys

from cdcollector.services.context import AppContext
from cdcollector.services.downloads import DownloadService


class Claims(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Download %d claimed"):
            print(f"claimed {record.args[0]}", flush=True)


def main() -> int:
    ctx = AppContext.open()
    engine_log = logging.getLogger("cdcollector.downloads.engine")
    engine_log.setLevel(logging.INFO)
    engine_log.addHandler(Claims())
    print("ready", flush=True)
    sys.stdin.readline()
    service = DownloadService(ctx, parallel=1)
    service.wait_idle()
    service.shutdown()
    ctx.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
