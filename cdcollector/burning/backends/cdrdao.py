"""The cdrdao backend: always disc-at-once, CD-TEXT from a generated TOC file."""

from __future__ import annotations

from pathlib import Path

from cdcollector.burning.backends import staging
from cdcollector.burning.backends.base import (
    BurnOptions,
    BurnResult,
    DiscSpec,
    Drive,
    MediaInfo,
    ProgressCallback,
)
from cdcollector.burning.backends.cdrdao_parse import (
    ProgressTracker,
    build_write_args,
    classify_failure,
    parse_disk_info,
    parse_scanbus,
)
from cdcollector.burning.backends.failures import raise_access_problem
from cdcollector.burning.backends.toolburn import run_tool_burn
from cdcollector.burning.backends.toolproc import run_quick
from cdcollector.burning.toc import toc_text, wav_source
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError
from cdcollector.externals import find_burner_tools

TOC_NAME = "disc.toc"


class CdrdaoBackend:
    name = "cdrdao"
    writes_cdtext = True

    def __init__(self, tool_path: str | None = None):
        self.tool = tool_path if tool_path is not None else find_burner_tools().get("cdrdao")
        self._tracker: ProgressTracker | None = None
        self._simulate = False

    def available(self) -> bool:
        return self.tool is not None

    def _require_tool(self) -> str:
        if self.tool is None:
            raise BurnError("cdrdao is not installed.")
        return self.tool

    def list_drives(self) -> list[Drive]:
        result = run_quick([self._require_tool(), "scanbus"])
        drives = parse_scanbus(result.text)
        if not drives and result.returncode != 0:
            raise_access_problem(classify_failure(result.returncode, result.lines))
        return drives

    def probe_media(self, device: str) -> MediaInfo:
        result = run_quick([self._require_tool(), "disk-info", "--device", device])
        media = parse_disk_info(result.text)
        if result.returncode != 0 and not media.present:
            failure = classify_failure(result.returncode, result.lines)
            if "no disc" not in failure.message.lower():
                raise failure
        return media

    def past_point_of_no_return(self) -> bool:
        return bool(self._tracker and self._tracker.past_point_of_no_return
                    and not self._simulate)

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        tool = self._require_tool()
        self._simulate = options.simulate
        self._tracker = ProgressTracker(len(disc.tracks))

        def prepare(folder: Path) -> list[str]:
            staged = staging.stage_tracks(disc, folder, gaps_in_files=False)
            toc = toc_text(disc, [wav_source(p.name) for p in staged])
            (folder / TOC_NAME).write_text(toc, encoding="ascii")
            return build_write_args(tool, TOC_NAME, options)

        return run_tool_burn(disc, options, progress, cancel, self._tracker, prepare,
                             classify_failure)
