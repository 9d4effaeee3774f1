"""The one interface every burner backend implements, and the values it exchanges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cdcollector.domain.cancel import CancelToken


@dataclass(frozen=True)
class DiscTrack:
    """One prepared track: a 44.1 kHz / 16-bit / stereo WAV whose data is whole sectors."""

    number: int  # 1-based
    wav_path: Path
    sectors: int  # audio length in 2352-byte sectors (≥ 300)
    pregap_sectors: int  # silence before this track (track 1: the fixed 150)
    title: str = ""  # CD-TEXT, already reduced to what a disc can hold
    performer: str = ""
    isrc: str | None = None


@dataclass(frozen=True)
class DiscSpec:
    tracks: tuple[DiscTrack, ...]
    title: str = ""
    performer: str = ""
    cdtext: bool = True

    @property
    def total_sectors(self) -> int:
        return sum(t.sectors + t.pregap_sectors for t in self.tracks)


@dataclass(frozen=True)
class BurnOptions:
    device: str | None = None
    speed: int = 0  # 0 = the drive's choice
    simulate: bool = False
    eject: bool = True
    burnfree: bool = True
    out_dir: Path | None = None  # image backend
    name: str = "disc"  # image backend: file stem


@dataclass(frozen=True)
class Drive:
    id: str  # what `device=` takes: /dev/sr0, 1,0,0, a recorder unique id
    vendor: str = ""
    model: str = ""

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.vendor, self.model) if p) or self.id


@dataclass(frozen=True)
class MediaInfo:
    present: bool
    blank: bool
    capacity_sectors: int | None = None  # usable sectors read from the disc (ATIP lead-out)
    detail: str = ""


@dataclass(frozen=True)
class BurnResult:
    ok: bool
    message: str
    output_files: tuple[Path, ...] = field(default_factory=tuple)


# phase ("preparing" | "writing" | "fixating" | "done"), fraction 0–1, one-line message
ProgressCallback = Callable[[str, float, str], None]


class BurnerBackend(Protocol):
    name: str
    writes_cdtext: bool

    def available(self) -> bool: ...

    def list_drives(self) -> list[Drive]: ...

    def probe_media(self, device: str) -> MediaInfo: ...

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        """Write the disc; raise a BurnError subclass with a clear message on failure."""
        ...

    def past_point_of_no_return(self) -> bool:
        """True once cancelling would ruin the disc (cdrecord: after 'Operation starts')."""
        ...
