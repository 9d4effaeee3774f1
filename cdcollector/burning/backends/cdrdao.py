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
from cdcollector.burning.backends.toolburn import ToolBackend
from cdcollector.burning.backends.toolproc import run_quick
from cdcollector.burning.toc import toc_text, wav_source
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError
from cdcollector.externals import find_burner_tools

TOC_NAME = "disc.toc"


class CdrdaoBackend(ToolBackend):
    name = "cdrdao"
    writes_cdtext = True
    missing = "cdrdao is not installed."

    def __init__(self, tool_path: str | None = None):
        super().__init__(tool_path if tool_path is not None else find_burner_tools().get("cdrdao"))

    def _classify(self, returncode: int, lines, late: bool = False) -> BurnError:
        return classify_failure(returncode, lines, late)

    def list_drives(self) -> list[Drive]:
        result = run_quick([self._require_tool(), "scanbus"])
        return self._checked_drives(parse_scanbus(result.text), result)

    def probe_media(self, device: str) -> MediaInfo:
        result = run_quick([self._require_tool(), "disk-info", "--device", device])
        return self._checked_media(parse_disk_info(result.text), result)

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        tool = self._require_tool()

        def prepare(folder: Path) -> list[str]:
            staged = staging.stage_tracks(disc, folder, gaps_in_files=False)
            toc = toc_text(disc, [wav_source(p.name) for p in staged])
            (folder / TOC_NAME).write_text(toc, encoding="ascii")
            return build_write_args(tool, TOC_NAME, options)

        return self._burn_with(disc, options, progress, cancel,
                               ProgressTracker(len(disc.tracks)), prepare)
