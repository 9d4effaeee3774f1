"""yt-dlp updates for the window: status, update, rollback, and the opt-in weekly check.

Every method may touch the disk, the network or import yt_dlp: call them off the UI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cdcollector.domain.errors import CollectorError
from cdcollector.services.context import AppContext

log = logging.getLogger(__name__)
WEEK_S = 7 * 24 * 3600


@dataclass(frozen=True)
class YtdlpSummary:
    """What the Update yt-dlp dialog shows."""

    lines: tuple[str, ...]
    can_roll_back: bool


class YtdlpUpdateService:
    """The UI's door to cdcollector.downloads' yt-dlp overlay and updater."""

    def __init__(self, ctx: AppContext, clock: Callable[[], float] = time.time,
                 index_url: str | None = None):
        self.ctx = ctx
        self.clock = clock
        self.index_url = index_url  # None: CDCOLLECTOR_PYPI_URL or PyPI

    @property
    def data_dir(self) -> Path:
        return self.ctx.paths.data_dir

    def _index(self):
        from cdcollector.downloads.ytdlp_update import PackageIndex

        return PackageIndex(self.index_url)

    def summary(self) -> YtdlpSummary:
        from cdcollector.downloads.ytdlp_status import status

        report = status(self.data_dir)
        return YtdlpSummary(tuple(report.lines()), report.next_start is not None)

    def update(self, progress: Callable[[str, float], None] | None = None) -> str:
        """Install the newest yt-dlp for the next start; the one-line outcome."""
        from cdcollector.downloads.ytdlp_update import update

        return update(self.data_dir, index=self._index(), progress=progress).message

    def rollback(self) -> str:
        from cdcollector.downloads.ytdlp_update import rollback

        return rollback(self.data_dir)

    def start_up_notices(self) -> tuple[str | None, str | None]:
        """(why an installed update was dropped, if not yet said; a newer yt-dlp, if the weekly
        check is on, due, and finds one). The fallback is said once."""
        return self._fallback_notice(), self._weekly_check()

    def _fallback_notice(self) -> str | None:
        from cdcollector.downloads import ytdlp_overlay as overlay

        state = overlay.read_state(self.data_dir)
        fallback = state.get("fallback")
        if not isinstance(fallback, dict) or fallback.get("announced"):
            return None
        fallback["announced"] = True
        overlay.write_state(self.data_dir, state)
        return (f"The yt-dlp update {fallback.get('version')} did not work, so the bundled "
                "copy is in use (Help → Update yt-dlp… shows why).")

    def _weekly_check(self) -> str | None:
        from cdcollector.downloads import ytdlp_overlay as overlay

        if not self.ctx.settings.ytdlp_weekly_check:
            return None
        state = overlay.read_state(self.data_dir)
        last = state.get("last_check")
        now = self.clock()
        if isinstance(last, int | float) and 0 <= now - last < WEEK_S:
            return None
        state["last_check"] = now
        overlay.write_state(self.data_dir, state)
        from cdcollector.downloads.ytdlp_update import newest_version, running_version

        try:
            newest = newest_version(self._index())
        except CollectorError as exc:
            log.info("Weekly yt-dlp check: %s", exc)
            return None
        known = [running_version()] + ([state["active"]] if overlay.plain_version(
            state.get("active")) else [])
        if all(overlay.version_key(newest) > overlay.version_key(v) for v in known):
            return f"yt-dlp {newest} is available: Help → Update yt-dlp… installs it."
        return None
