"""What the command-line backends share: the burn loop (stage, run, report, clean up) and a
base class for the tool, its queries' failures and the burn in progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cdcollector.burning.backends import staging
from cdcollector.burning.backends.base import BurnOptions, BurnResult, DiscSpec, ProgressCallback
from cdcollector.burning.backends.failures import raise_access_problem
from cdcollector.burning.backends.toolproc import ToolProcess, ToolResult
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError

if TYPE_CHECKING:  # only in annotations
    from cdcollector.burning.backends.base import Drive, MediaInfo

CANCELLED_CLEANLY = "Burn cancelled before anything was written; the disc is untouched."
CANCELLED_LATE = ("Burn cancelled while writing: the disc is probably unusable "
                  "(a CD-R cannot be written twice).")


class Tracker(Protocol):
    past_point_of_no_return: bool

    def feed(self, line: str) -> tuple[str, float, str] | None: ...

    def cancel_signal(self) -> int: ...


def cancel_message(simulate: bool, past_point_of_no_return: bool) -> str:
    if simulate:
        return "Simulation cancelled; nothing was written."
    return CANCELLED_LATE if past_point_of_no_return else CANCELLED_CLEANLY


def run_tool_burn(
    disc: DiscSpec, options: BurnOptions, progress: ProgressCallback, cancel: CancelToken,
    tracker: Tracker, prepare: Callable[[Path], Sequence[str]],
    classify: Callable[[int, Sequence[str], bool], BurnError],
) -> BurnResult:
    """`prepare(folder)` writes the job files and returns the command line to run there."""
    cancel.raise_if_cancelled()
    near = disc.tracks[0].wav_path.parent if disc.tracks else None
    folder = staging.make_job_folder("burn", near)
    try:
        progress("writing", 0.0, "Getting the tracks ready for the burner")
        argv = prepare(folder)
        cancel.raise_if_cancelled()
        process = ToolProcess(argv, cwd=folder, cancel_signal=tracker.cancel_signal)

        def on_line(line: str) -> None:
            update = tracker.feed(line)
            if update:
                progress(*update)

        result = process.run(on_line, cancel)
    finally:
        staging.remove_job_folder(folder)
    late = tracker.past_point_of_no_return and not options.simulate
    if process.interrupted and result.returncode != 0:
        raise CancelledError(cancel_message(options.simulate, late))
    if result.returncode != 0:
        raise classify(result.returncode, result.lines, late)
    done = ("Simulation finished: the disc would burn fine (nothing was written)."
            if options.simulate else f"Audio CD written: {len(disc.tracks)} tracks.")
    progress("done", 1.0, done)
    return BurnResult(True, done)


class ToolBackend:
    """Base of the backends that run a burner program (`tool`, None when not installed).

    Subclasses set `missing` (the error when the tool is absent) and `_classify` (the clear
    error for a run that exited non-zero).
    """

    missing = "The burner program is not installed."

    def __init__(self, tool: str | None):
        self.tool = tool
        self._tracker: Tracker | None = None
        self._simulate = False

    def available(self) -> bool:
        return self.tool is not None

    def _require_tool(self) -> str:
        if self.tool is None:
            raise BurnError(self.missing)
        return self.tool

    def _classify(self, returncode: int, lines: Sequence[str], late: bool = False) -> BurnError:
        raise NotImplementedError

    def _checked_drives(self, drives: list[Drive], result: ToolResult) -> list[Drive]:
        """The drives found; none after a failed query → the access problem it reported."""
        if not drives and result.returncode != 0:
            raise_access_problem(self._classify(result.returncode, result.lines))
        return drives

    def _checked_media(self, media: MediaInfo, result: ToolResult) -> MediaInfo:
        """The disc found; none after a failed query raises, unless the tool said "no disc"."""
        if result.returncode != 0 and not media.present:
            failure = self._classify(result.returncode, result.lines)
            if "no disc" not in failure.message.lower():
                raise failure
        return media

    def past_point_of_no_return(self) -> bool:
        return bool(self._tracker and self._tracker.past_point_of_no_return
                    and not self._simulate)

    def _burn_with(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
                   cancel: CancelToken, tracker: Tracker,
                   prepare: Callable[[Path], Sequence[str]]) -> BurnResult:
        self._simulate = options.simulate
        self._tracker = tracker
        return run_tool_burn(disc, options, progress, cancel, tracker, prepare, self._classify)
