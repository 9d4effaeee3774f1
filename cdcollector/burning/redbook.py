"""Red Book audio CD constants and pure helpers: sectors, seconds, MSF, media capacities."""

from __future__ import annotations

import math
import re

from cdcollector.domain.bounds import MAX_DURATION_S

SAMPLE_RATE = 44_100
BITS_PER_SAMPLE = 16
CHANNELS = 2
BYTES_PER_FRAME = CHANNELS * BITS_PER_SAMPLE // 8  # one stereo sample frame: 4 bytes
BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_FRAME  # 176,400
SECTOR_BYTES = 2352
FRAMES_PER_SECTOR = SECTOR_BYTES // BYTES_PER_FRAME  # 588
SECTORS_PER_SECOND = 75
LEAD_PREGAP_SECTORS = 150  # the fixed 2 s before track 1
MAX_TRACKS = 99
MIN_TRACK_SECTORS = 4 * SECTORS_PER_SECOND  # 300
DEFAULT_GAP_SECTORS = 2 * SECTORS_PER_SECOND

MEDIA_MINUTES = (74, 80, 90, 99)
MEDIA_SECTORS = {minutes: minutes * 60 * SECTORS_PER_SECOND for minutes in MEDIA_MINUTES}
SAFE_LIMIT_SECTORS = 404_700  # past this most recorders refuse to write (overburning)

_MSF = re.compile(r"^\s*(\d{1,3}):([0-5]?\d):([0-7]?\d)\s*$")


def media_sectors(minutes: int) -> int:
    """Nominal capacity of 74/80/90/99-minute media in sectors."""
    try:
        return MEDIA_SECTORS[minutes]
    except KeyError:
        raise ValueError(f"unknown disc size: {minutes} minutes") from None


def seconds_to_sectors(seconds: float) -> int:
    """Whole sectors needed for `seconds` of audio (rounded up; float noise ignored).

    A guard, not a door: NaN counts as nothing and anything past 24 h as 24 h, so no caller
    ever meets an OverflowError; the doors have dropped such values already."""
    if not seconds > 0:
        return 0
    return math.ceil(round(min(seconds, MAX_DURATION_S) * SECTORS_PER_SECOND, 6))


def sectors_to_seconds(sectors: int) -> float:
    return sectors / SECTORS_PER_SECOND


def bytes_to_sectors(size: int) -> int:
    """Whole sectors needed to hold `size` bytes of PCM (rounded up)."""
    return -(-size // SECTOR_BYTES)


def track_sectors(audio_sectors: int) -> int:
    """Sectors a track takes on disc: its audio, padded to the 4-second minimum."""
    return max(MIN_TRACK_SECTORS, audio_sectors)


def to_msf(sectors: int) -> str:
    """`mm:ss:ff` for a sector count (75 frames a second); minutes may exceed 99."""
    if sectors < 0:
        raise ValueError("MSF needs a non-negative sector count")
    minutes, rest = divmod(sectors, 60 * SECTORS_PER_SECOND)
    seconds, frames = divmod(rest, SECTORS_PER_SECOND)
    return f"{minutes:02d}:{seconds:02d}:{frames:02d}"


def parse_msf(text: str) -> int:
    """Sector count from `mm:ss:ff`; raises ValueError for anything else."""
    match = _MSF.match(text)
    if not match:
        raise ValueError(f"not an MSF time (mm:ss:ff): {text!r}")
    minutes, seconds, frames = (int(g) for g in match.groups())
    if frames >= SECTORS_PER_SECOND:
        raise ValueError(f"MSF frames must be below 75: {text!r}")
    return (minutes * 60 + seconds) * SECTORS_PER_SECOND + frames


def format_duration(sectors: int) -> str:
    """`m:ss` (rounded down to whole seconds), as a disc plan or capacity meter shows it."""
    total = sectors // SECTORS_PER_SECOND
    return f"{total // 60}:{total % 60:02d}"


_ISRC = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}\d{7}$")


def normalize_isrc(isrc: str | None) -> str | None:
    """`CCOOOYYSSSSS` (12 characters, dashes and case ignored), or None if it is not valid."""
    if not isrc:
        return None
    code = isrc.replace("-", "").strip().upper()
    return code if _ISRC.match(code) else None
