"""Screenshot of the Downloads pane with real jobs in several states (not a test).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.downloads_ui.screenshot [OUT.png]
The real engine downloads from a throttled loopback server with the fake provider, so the
running rows show live progress, speed and ETA.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from cdcollector.domain.types import DownloadState
from tests.downloads_ui.conftest import ref
from tests.fakes.media_provider import FakeMedia
from tests.fakes.media_server import AudioCache, Fault, MediaServer

SONGS = [  # title, artist, seconds of audio, score (None: nothing found), fault
    ("Karma Police", "Radiohead", 1, 97.0, None),
    ("Jóga", "Björk", 1, 94.0, None),
    ("Hunter", "Björk", 1, 95.0, "403"),
    ("Song With No Match", "Nobody", 1, None, None),
    ("Unfinished Sympathy", "Massive Attack", 1, 52.0, None),
    ("Teardrop", "Massive Attack", 90, 92.0, None),
    ("Halo", "Beyoncé", 90, 88.0, None),
    ("Army of Me", "Björk", 90, 90.0, None),
    ("Windowlicker", "Aphex Twin", 90, 91.0, None),
]


def wait(app, condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the jobs did not reach the wanted states")
        app.processEvents()
        time.sleep(0.02)



def main(out: str = "resources/screenshots/downloads.png") -> int:
    home = Path(tempfile.mkdtemp(prefix="cdc-shot-"))
    os.environ.update(CDCOLLECTOR_HOME=str(home / "home"),
                      CDCOLLECTOR_MUSIC_FOLDER=str(home / "music"),
                      CDCOLLECTOR_OFFLINE_TESTS="1")
    from cdcollector.app import create_application
    from cdcollector.services import download_provider
    from cdcollector.services.container import Services
    from cdcollector.services.context import AppContext
    from cdcollector.ui.panes.downloads import DownloadsPane

    app = create_application([])
    media, cache = FakeMedia(), AudioCache(home / "audio")
    download_provider.PROVIDER_FACTORY = media.provider
    with MediaServer(rate_limit_bps=120_000) as server:
        for title, _artist, seconds, score, fault in SONGS:
            if score is None:
                continue
            name = f"{abs(hash(title))}.mp3"
            url = server.add(name, cache.get(seconds, ".mp3", kind="noise"))
            media.add_recording(title, url, score=score, channel=f"{title} - Topic")
            if score < 70:
                media.recordings[title].append({"url": url + "?live", "score": 41.0,
                                                "title": f"{title} (Live)", "duration_s": 262.0,
                                                "channel": "Concert Uploads"})
            if fault:
                server.set_fault(Fault(fault), name)
        services = Services(AppContext.open(with_bus=True))
        services.ctx.update_settings(parallel_downloads=2)
        services.downloads.engine.set_parallel(2)
        pane = DownloadsPane(services)
        pane.setGeometry(200, 200, 1060, 430)  # away from the offscreen cursor at 0,0 (hover)
        pane.show()
        services.downloads.enqueue([ref(t, a, duration_s=200.0) for t, a, *_ in SONGS])

        def ready() -> bool:
            jobs = {j.title: j for j in pane.model.jobs()}
            return (len(jobs) == len(SONGS)
                    and sum(j.state == DownloadState.DONE for j in jobs.values()) >= 2
                    and sum(j.state == DownloadState.DOWNLOADING and j.progress > 0.15
                            and j.speed_bps is not None for j in jobs.values()) == 2)

        wait(app, ready)
        pane.table.selectRow(6)
        pane.table.setFocus()
        app.processEvents()
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        pane.grab().save(out)
        print(f"saved {out}")
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
