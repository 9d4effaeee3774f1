"""The wodim / cdrecord / cdrskin backend: disc-at-once audio with CD-TEXT from .inf files."""

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
from cdcollector.burning.backends.cdrecord_parse import (
    ProgressTracker,
    build_burn_args,
    classify_failure,
    inf_text,
    parse_atip,
    parse_devices,
    parse_scanbus,
)
from cdcollector.burning.backends.toolburn import ToolBackend
from cdcollector.burning.backends.toolproc import run_quick
from cdcollector.burning.redbook import SECTOR_BYTES
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError
from cdcollector.externals import find_burner_tools

CDRECORD_FAMILY = ("wodim", "cdrecord", "cdrskin")
class CdrecordBackend(ToolBackend):
    name = "cdrecord"
    writes_cdtext = True
    missing = "wodim/cdrecord is not installed."

    def __init__(self, tool_path: str | None = None):
        if tool_path is None:
            tools = find_burner_tools()
            tool_path = next((tools[n] for n in CDRECORD_FAMILY if n in tools), None)
        super().__init__(tool_path)

    @property
    def tool_name(self) -> str:
        return Path(self.tool).name if self.tool else "wodim"

    def _classify(self, returncode: int, lines, late: bool = False) -> BurnError:
        return classify_failure(returncode, lines, self.tool_name, late)

    def list_drives(self) -> list[Drive]:
        """`--devices` first (device paths), `-scanbus` as the fallback; none → []."""
        tool = self._require_tool()
        drives = parse_devices(run_quick([tool, "--devices"]).text)
        if drives:
            return drives
        result = run_quick([tool, "-scanbus"])
        return self._checked_drives(parse_scanbus(result.text), result)

    def probe_media(self, device: str) -> MediaInfo:
        result = run_quick([self._require_tool(), f"dev={device}", "-atip"])
        return self._checked_media(parse_atip(result.text), result)

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        tool = self._require_tool()
        sizes = [(t.sectors + gap) * SECTOR_BYTES for t, gap in zip(disc.tracks, _next_gaps(disc),
                                                                     strict=True)]

        def prepare(folder: Path) -> list[str]:
            staged = staging.stage_tracks(disc, folder, gaps_in_files=True)
            for track, wav, gap in zip(disc.tracks, staged, _next_gaps(disc), strict=True):
                wav.with_suffix(".inf").write_text(inf_text(track, disc, gap), encoding="latin-1")
            return build_burn_args(tool, [p.name for p in staged], options, disc.cdtext)

        return self._burn_with(disc, options, progress, cancel, ProgressTracker(sizes), prepare)


def _next_gaps(disc: DiscSpec) -> list[int]:
    """The pregap that follows each track (0 after the last)."""
    return [t.pregap_sectors for t in disc.tracks[1:]] + [0]
