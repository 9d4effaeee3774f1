"""make package-check: the frozen app updates yt-dlp from a loopback index and then runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cdcollector.downloads.ytdlp_update import INDEX_ENV  # noqa: E402
from tests.downloads_update.conftest import NEW, publish  # noqa: E402
from tests.fakes.package_index import FakeIndex  # noqa: E402

FROZEN = ROOT / "dist" / "cdcollector" / ("cdcollector.exe" if os.name == "nt" else "cdcollector")


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([str(FROZEN), *args], env=env, capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"frozen update check: {' '.join(args)} failed: "
                         f"{(done.stderr or done.stdout).strip()[-600:]}")
    return done.stdout


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cdcollector-frozen-update-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        index = FakeIndex().start()
        try:
            publish(index)
            run(["--home", home, "ytdlp", "update"], {**env, INDEX_ENV: index.base})
        finally:
            index.stop()
        status = json.loads(run(["--home", home, "ytdlp", "status", "--json"], env))
        overlay = Path(home).resolve()
        for key in ("file", "ejs_file"):
            if not Path(status[key]).resolve().is_relative_to(overlay):
                raise SystemExit(f"frozen update check: {key} {status[key]} is not under {home}")
        if (status["version"], status["source"]) != (NEW, "overlay"):
            raise SystemExit(f"frozen update check: runs {status['version']} "
                             f"({status['source']}), expected {NEW} from the update")
    print(f"frozen update check: ok (yt-dlp {NEW} loaded from the update folder)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
