"""Pure functions for wodim/cdrecord/cdrskin: arguments, .inf files, and reading their output."""

from __future__ import annotations

import re
import signal
from collections.abc import Sequence
from dataclasses import dataclass

from cdcollector.burning.backends.base import BurnOptions, DiscSpec, DiscTrack, Drive, MediaInfo
from cdcollector.burning.backends.failures import FailureTable, fallback_failure, match_failure
from cdcollector.burning.cdtext import reduce_text
from cdcollector.burning.redbook import normalize_isrc
from cdcollector.domain.errors import BurnError, MediaError, NoDriveError


def build_burn_args(tool: str, wav_names: Sequence[str], options: BurnOptions,
                    cdtext: bool = True) -> list[str]:
    """Disc-at-once audio: `-v dev=D -dao speed=N driveropts=burnfree gracetime=2 … -pad files`."""
    args = [tool, "-v"]
    if options.device:
        args.append(f"dev={options.device}")
    args.append("-dao")
    if options.speed > 0:
        args.append(f"speed={options.speed}")
    if options.burnfree:
        args.append("driveropts=burnfree")
    args.append("gracetime=2")
    if options.eject:
        args.append("-eject")
    if options.simulate:
        args.append("-dummy")
    if cdtext:
        args.append("-text")
    args += ["-useinfo", "-audio", "-pad", *wav_names]
    return args


def inf_text(track: DiscTrack, disc: DiscSpec, next_pregap: int) -> str:
    """The NN.inf sidecar for -useinfo.

    cdrecord takes a track's pregap from the end of the previous file: `Index0` is the sector
    where the next track's pregap starts (-1: no pregap), so a gap is stored as silence at the
    end of this track's file and `Tracklength` counts it.
    """
    length = track.sectors + next_pregap
    lines = ["# written by CD-Collector for cdrecord -useinfo"]
    if disc.cdtext:
        lines += [
            f"Albumtitle=\t'{reduce_text(disc.title)}'",
            f"Albumperformer=\t'{reduce_text(disc.performer)}'",
            f"Tracktitle=\t'{reduce_text(track.title)}'",
            f"Performer=\t'{reduce_text(track.performer)}'",
        ]
    isrc = normalize_isrc(track.isrc)
    lines += [
        f"ISRC=\t{isrc or ''}",
        f"Tracknumber=\t{track.number}",
        f"Tracklength=\t{length}, 0",
        f"Index0=\t{track.sectors if next_pregap > 0 else -1}",
        "Pre-emphasis=\tno",
        "Channels=\t2",
        "Copy_permitted=\tyes",
        "Endianess=\tlittle",
    ]
    return "\n".join(lines) + "\n"


# --- drives and media ----------------------------------------------------------------------

_DEVICES = re.compile(r"dev='([^']+)'.*?:\s*'([^']*)'\s*'([^']*)'")
_SCANBUS = re.compile(r"^\s*(\d+,\d+,\d+)\s+\d+\)\s+'([^']*)'\s+'([^']*)'")


def parse_devices(text: str) -> list[Drive]:
    """`wodim --devices`: ` 0  dev='/dev/sg1'  rwrw-- : 'VENDOR' 'MODEL'` lines."""
    drives = []
    for line in text.splitlines():
        m = _DEVICES.search(line)
        if m:
            drives.append(Drive(m.group(1), m.group(2).strip(), m.group(3).strip()))
    return drives


def parse_scanbus(text: str) -> list[Drive]:
    """`-scanbus`: `\t1,0,0\t  100) 'HP' 'DVD Writer' 'HH33' Removable CD-ROM`; `*` = empty."""
    drives = []
    for line in text.splitlines():
        m = _SCANBUS.match(line)
        if m:
            drives.append(Drive(m.group(1), m.group(2).strip(), m.group(3).strip()))
    return drives


_LEAD_OUT = re.compile(r"ATIP start of lead out:\s*(\d+)")
_CURRENT = re.compile(r"^\s*Current:\s*(.+?)\s*$", re.M)
_DISK_STATUS = re.compile(r"disk status:\s*(\w+)", re.I)


def parse_atip(text: str) -> MediaInfo:
    """`-atip`: no disc, or a disc with its profile (`Current:`) and usable size (ATIP lead-out)."""
    if "No disk / Wrong disk" in text or "burn_disc_empty" in text:
        return MediaInfo(present=False, blank=False, detail="No disc in the drive.")
    lead_out = _LEAD_OUT.search(text)
    capacity = int(lead_out.group(1)) if lead_out else None
    current = _CURRENT.search(text)
    profile = current.group(1) if current else ""
    status = _DISK_STATUS.search(text)
    if profile.upper().startswith("CD-ROM") or "burn_disc_full" in text:
        return MediaInfo(True, False, capacity, "The disc is already written and closed.")
    if status:
        blank = status.group(1).lower() in ("empty", "blank")
        detail = "Blank disc." if blank else f"The disc is not blank ({status.group(1)})."
        return MediaInfo(True, blank, capacity, detail)
    if "burn_disc_appendable" in text:
        return MediaInfo(True, False, capacity, "The disc already holds a session.")
    if capacity is not None or "burn_disc_blank" in text:
        kind = f"{profile} " if profile else ""
        return MediaInfo(True, True, capacity, f"Blank {kind}disc.".replace("  ", " "))
    if profile:
        return MediaInfo(True, False, None, f"{profile} disc without ATIP: not a blank CD-R.")
    return MediaInfo(False, False, None, "No disc information from the drive.")


# --- progress --------------------------------------------------------------------------------

_TRACK_WRITTEN = re.compile(
    r"Track\s+(\d+):\s+(\d+)\s+of\s+(\d+)\s+MB written(?:.*?(\d+(?:\.\d+)?)x\.)?"
)
_COUNTDOWN = re.compile(r"starting (?:real|dummy) write in\s+(\d+)\s+seconds", re.I)
PONR_MARKERS = ("Operation starts", "Starting new track at sector", "Sending CUE sheet",
                "Writing pregap for track", "Performing OPC")


@dataclass
class ProgressTracker:
    """Turns cdrecord's output lines into (phase, fraction of the burn, message) updates."""

    track_bytes: Sequence[int]
    past_point_of_no_return: bool = False

    def cancel_signal(self) -> int:
        return signal.SIGINT  # cdrecord aborts on Ctrl+C at any time

    def feed(self, line: str) -> tuple[str, float, str] | None:
        if any(marker in line for marker in PONR_MARKERS):
            self.past_point_of_no_return = True
        m = _TRACK_WRITTEN.search(line)
        if m:
            number, done_mb = int(m.group(1)), int(m.group(2))
            total = sum(self.track_bytes) or 1
            before = sum(self.track_bytes[: max(number - 1, 0)])
            current = self.track_bytes[number - 1] if 0 < number <= len(self.track_bytes) else 0
            done = before + min(done_mb * 1024 * 1024, current)
            speed = f" at {m.group(4)}x" if m.group(4) else ""
            return ("writing", min(done / total, 0.99),
                    f"Writing track {number} of {len(self.track_bytes)}{speed}")
        if "Fixating..." in line:
            return ("fixating", 1.0, "Fixating the disc (writing its table of contents)")
        countdown = _COUNTDOWN.search(line)
        if countdown and "Operation starts" not in line:
            return ("writing", 0.0, f"Starting in {countdown.group(1)} s — you can still cancel")
        return None


# --- failures ----------------------------------------------------------------------------------

NO_DRIVE = "No CD burner was found."
FAILURES: FailureTable = (
    # access problems first: their lines also say "Cannot open or use SCSI driver"
    ("Permission denied", BurnError,
     "You are not allowed to use the CD burner. On Linux, add yourself to the 'cdrom' "
     "group and log in again."),
    ("Device or resource busy", BurnError,
     "The burner is busy: another program is using it. Close that program and try again."),
    ("Sorry, no CD/DVD-Drive found on this target", NoDriveError, NO_DRIVE),
    ("Cannot open SCSI driver", NoDriveError,
     "No CD burner was found (the burner program could not open any drive)."),
    ("No disk / Wrong disk", MediaError,
     "There is no disc in the burner, or it is not a writable CD. Insert a blank CD-R."),
    ("Cannot open new session", MediaError,
     "The disc in the burner is not blank. Insert a blank CD-R (or erase a CD-RW)."),
    ("Cannot blank disk, aborting", MediaError,
     "The CD-RW could not be erased; try another disc."),
    ("Data may not fit on current disk", MediaError,
     "The tracks do not fit on this disc. Use a larger disc or split the playlist over "
     "several discs."),
    ("Too many tracks for this disk", MediaError,
     "Too many tracks for this disc (a CD holds at most 99)."),
    ("The current problem looks like a buffer underrun", BurnError,
     "The burn failed with a buffer underrun (the drive ran out of data). The disc is "
     "probably unusable; try again at a lower speed."),
    ("Cannot fixate disk", BurnError,
     "The disc could not be finalised; it is probably unusable."),
)


def classify_failure(returncode: int, lines: Sequence[str], tool: str = "wodim",
                     past_point_of_no_return: bool = False) -> BurnError:
    """The clear error for a run that exited non-zero (warnings alone never count)."""
    return match_failure(lines, FAILURES) or fallback_failure(
        tool, returncode, lines, past_point_of_no_return)
