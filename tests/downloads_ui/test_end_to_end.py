"""A real download (yt-dlp → ffmpeg → mutagen against the loopback server) seen in the pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSystemTrayIcon

from cdcollector.domain.types import DownloadState
from cdcollector.ui.models import download_jobs as cols
from tests.downloads_ui.conftest import Spy, ref


def test_a_download_runs_to_done_in_the_table_and_the_batch_notice_shows(
        services, make_pane, media_server, audio_cache, fake_media, qtbot):
    url = media_server.add("real-song.m4a", audio_cache.get(2.0, ".m4a"))
    fake_media.add_recording("Real Song", url, score=96.0)
    pane = make_pane()
    status: list[str] = []
    services.bus.status_message.connect(status.append)
    spy = Spy(pane.model)

    [job_id] = services.downloads.enqueue([ref("Real Song")])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1
                    and pane.model.job_at(0).state == DownloadState.DONE, timeout=60_000)
    row = [pane.model.data(pane.model.index(0, c)) for c in range(len(cols.COLUMNS))]
    target = Path(services.downloads.job(job_id).target_path)
    assert row == ["Real Song", "The Band", "Done", target.name, "", "", "96"]
    assert spy.inserted == 1 and spy.resets == spy.removed == 0  # one row, updated in place
    assert target.is_file() and target.stat().st_size > 0
    assert pane.summary.text() == "0 active · 0 queued · 0 failed · 1 done"

    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: the in-window fallback
    qtbot.waitUntil(pane.notice.isVisible)
    assert pane.notice.text() == "Downloads finished: 1 song downloaded."
    assert status == ["Downloads finished: 1 song downloaded."]
