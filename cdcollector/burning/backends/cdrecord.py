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
from cdcollector.burning.backends.failures import raise_access_problem
from cdcollector.burning.backends.toolburn import run_tool_burn
from cdcollector.burning.backends.toolproc import run_quick
from cdcollector.burning.redbook import SECTOR_BYTES
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError
from cdcollector.externals import find_burner_tools

CDRECORD_FAMILY = ("wodim", "cdrecord", "cdrskin")
class CdrecordBackend:
    name = "cdrecord"
    writes_cdtext = True

    def __init__(self, tool_path: str | None = None):
        if tool_path is None:
            tools = find_burner_tools()
            tool_path = next((tools[n] for n in CDRECORD_FAMILY if n in tools), None)
        self.tool = tool_path
        self._tracker: ProgressTracker | None = None
        self._simulate = False

    @property
    def tool_name(self) -> str:
        return Path(self.tool).name if self.tool else "wodim"

    def available(self) -> bool:
        return self.tool is not None

    def _require_tool(self) -> str:
        if self.tool is None:
            raise BurnError("wodim/cdrecord is not installed.")
        return self.tool

    def list_drives(self) -> list[Drive]:
        """`--devices` first (device paths), `-scanbus` as the fallback; none → []."""
        tool = self._require_tool()
        drives = parse_devices(run_quick([tool, "--devices"]).text)
        if drives:
            return drives
        result = run_quick([tool, "-scanbus"])
        drives = parse_scanbus(result.text)
        if not drives and result.returncode != 0:
            raise_access_problem(classify_failure(result.returncode, result.lines, self.tool_name))
        return drives

    def probe_media(self, device: str) -> MediaInfo:
        result = run_quick([self._require_tool(), f"dev={device}", "-atip"])
        media = parse_atip(result.text)
        if result.returncode != 0 and media.present is False:
            failure = classify_failure(result.returncode, result.lines, self.tool_name)
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
        sizes = [(t.sectors + gap) * SECTOR_BYTES for t, gap in zip(disc.tracks, _next_gaps(disc),
                                                                     strict=True)]
        self._tracker = ProgressTracker(sizes)

        def prepare(folder: Path) -> list[str]:
            staged = staging.stage_tracks(disc, folder, gaps_in_files=True)
            for track, wav, gap in zip(disc.tracks, staged, _next_gaps(disc), strict=True):
                wav.with_suffix(".inf").write_text(inf_text(track, disc, gap), encoding="latin-1")
            return build_burn_args(tool, [p.name for p in staged], options, disc.cdtext)

        def classify(returncode: int, lines, late: bool) -> BurnError:
            return classify_failure(returncode, lines, self.tool_name, late)

        return run_tool_burn(disc, options, progress, cancel, self._tracker, prepare, classify)


def _next_gaps(disc: DiscSpec) -> list[int]:
    """The pregap that follows each track (0 after the last)."""
    return [t.pregap_sectors for t in disc.tracks[1:]] + [0]
