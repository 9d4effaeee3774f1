"""A full music folder during a download: one line naming it, no partial file, a retry works."""

from __future__ import annotations

from pathlib import Path

from cdcollector.domain.types import DownloadState
from tests.downloads.test_engine import TIMEOUT, ref, serve, temp_leftovers  # noqa: F401
from tests.small_disk import files_in, fill, small_disk


def test_a_full_music_folder_fails_the_download_naming_the_folder(ctx, make_service, serve):  # noqa: F811
    music = Path(ctx.settings.music_folder)
    serve("Long Song", ".mp3", seconds=30.0)
    with small_disk(music):
        filler = fill(music, leave_bytes=16 * 1024)
        service = make_service()
        service.enqueue([ref("Long Song")])
        assert service.wait_idle(TIMEOUT)
        [job] = service.list_jobs()
        assert job.state == DownloadState.FAILED
        assert job.error.startswith(f"The disk holding {music} is full")
        assert "\n" not in job.error and "Errno" not in job.error
        assert files_in(music) == []  # no partial copy beside the target
        assert temp_leftovers(ctx) == []
        # Nothing is lost: with room again, a retry places the file.
        filler.unlink()
        assert len(service.retry_failed()) == 1
        assert service.wait_idle(TIMEOUT)
        [job] = service.list_jobs()
        assert job.state == DownloadState.DONE, job.error
        assert [Path(p).name for p in files_in(music)] == ["01 Long Song.mp3"]
