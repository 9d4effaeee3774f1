"""Pure functions for cdrdao: command line, progress, scanbus, disk-info and its errors."""

from __future__ import annotations

import re
import signal
from collections.abc import Sequence
from dataclasses import dataclass

from cdcollector.burning.backends.base import BurnOptions, Drive, MediaInfo
from cdcollector.burning.backends.failures import FailureTable, fallback_failure, match_failure
from cdcollector.domain.errors import BurnError, MediaError, NoDriveError


def build_write_args(tool: str, toc_name: str, options: BurnOptions) -> list[str]:
    """`cdrdao write|simulate --device D --speed N [--eject] -n -v 2 disc.toc`."""
    args = [tool, "simulate" if options.simulate else "write"]
    if options.device:
        args += ["--device", options.device]
    if options.speed > 0:
        args += ["--speed", str(options.speed)]
    if options.eject:
        args.append("--eject")
    args += ["-n", "-v", "2", toc_name]
    return args


_SCANBUS = re.compile(
    r"^\s*((?:/dev/\S+?)|(?:[A-Z]+:)?\d+,\d+,\d+|IODVDServices\S*)\s*:?\s+"
    r"([^,]+?)\s*,\s*([^,]+?)\s*,\s*(\S*)\s*$"
)


def parse_scanbus(text: str) -> list[Drive]:
    """`cdrdao scanbus`: `/dev/sr0 : HL-DT-ST, DVDRAM GH24NSD1, LG00` (or `1,0,0 : …`)."""
    drives = []
    for line in text.splitlines():
        m = _SCANBUS.match(line)
        if m:
            drives.append(Drive(m.group(1), m.group(2), m.group(3)))
    return drives


_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z -]*?)\s*:\s*(.*?)\s*$", re.M)
_BLOCKS = re.compile(r"\((\d+) blocks")


def _fields(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) for m in _FIELD.finditer(text)}


def parse_disk_info(text: str) -> MediaInfo:
    """`cdrdao disk-info`: `CD-R empty : yes`, `Total Capacity` (blank) or `Remaining Capacity`."""
    if "Unit not ready" in text or "No disk" in text or "Medium not present" in text:
        return MediaInfo(False, False, None, "No disc in the drive.")
    fields = _fields(text)
    empty = fields.get("cd-r empty", "n/a")
    capacity = None
    for key in ("remaining capacity", "total capacity"):
        m = _BLOCKS.search(fields.get(key, ""))
        if m:
            capacity = int(m.group(1))
            break
    if empty == "yes":
        return MediaInfo(True, True, capacity, "Blank disc.")
    if empty == "no":
        appendable = fields.get("appendable") == "yes"
        detail = ("The disc already holds a session." if appendable
                  else "The disc is already written and closed.")
        return MediaInfo(True, False, capacity if appendable else None, detail)
    return MediaInfo(False, False, None, "No disc information from the drive.")


_WROTE = re.compile(r"Wrote\s+(\d+)\s+of\s+(\d+)\s+MB")
_TRACK = re.compile(r"Writing track\s+(\d+)")
PONR_MARKERS = ("Executing power calibration", "Writing lead-in", "Writing CD-TEXT lead-in",
                "Writing track", "Turning BURN-Proof on")


@dataclass
class ProgressTracker:
    """cdrdao output lines → (phase, fraction of the burn, message)."""

    track_count: int
    track: int = 0
    past_point_of_no_return: bool = False

    def cancel_signal(self) -> int:
        """cdrdao blocks SIGINT while writing and says "abort with QUIT signal" instead."""
        if self.past_point_of_no_return and hasattr(signal, "SIGQUIT"):
            return signal.SIGQUIT
        return signal.SIGINT

    def feed(self, line: str) -> tuple[str, float, str] | None:
        if any(marker in line for marker in PONR_MARKERS):
            self.past_point_of_no_return = True
        m = _TRACK.search(line)
        if m:
            self.track = int(m.group(1))
        m = _WROTE.search(line)
        if m:
            done, total = int(m.group(1)), max(int(m.group(2)), 1)
            where = f"track {self.track} of {self.track_count}" if self.track else "the disc"
            return ("writing", min(done / total, 0.99), f"Writing {where} ({done} of {total} MB)")
        if "Writing lead-out" in line or "Flushing cache" in line:
            return ("fixating", 1.0, "Finishing the disc (writing its lead-out)")
        if "Pausing" in line and "CTRL-C" in line:
            return ("writing", 0.0, "Starting soon — you can still cancel")
        return None


FAILURES: FailureTable = (
    ("Unit not ready", MediaError,
     "There is no disc in the burner, or the drive is not ready. Insert a blank CD-R."),
    ("Inserted disk is not empty and not appendable", MediaError,
     "The disc in the burner is not blank. Insert a blank CD-R (or erase a CD-RW)."),
    ("exceeds capacity", MediaError,
     "The tracks do not fit on this disc. Use a larger disc or split the playlist over "
     "several discs."),
    ("buffer under run", BurnError,
     "The burn failed with a buffer underrun (the drive ran out of data). The disc is "
     "probably unusable; try again at a lower speed."),
    ("Permission denied", BurnError,
     "You are not allowed to use the CD burner. On Linux, add yourself to the 'cdrom' "
     "group and log in again."),
    ("Device or resource busy", BurnError,
     "The burner is busy: another program is using it. Close that program and try again."),
    ("No device specified, no default device found", NoDriveError, "No CD burner was found."),
    ("Cannot setup device", NoDriveError,
     "No CD burner was found (cdrdao could not open the drive)."),
    ("Cannot open SCSI driver", NoDriveError,
     "No CD drive could be opened: cdrdao found no burner it may use. Connect one (or "
     "check that it is switched on) and try again."),
)


def classify_failure(returncode: int, lines: Sequence[str],
                     past_point_of_no_return: bool = False) -> BurnError:
    return match_failure(lines, FAILURES) or fallback_failure(
        "cdrdao", returncode, lines, past_point_of_no_return)
