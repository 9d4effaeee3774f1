"""Values the playlist service hands to the UI and CLI: results, the duplicate question, CD fit."""

from __future__ import annotations

from dataclasses import dataclass, field

from cdcollector.domain.errors import LibraryError
from cdcollector.domain.types import PlaylistInfo, TrackRef, TrackRow

DUPLICATE_CHOICES = ("ask", "add", "skip")


class DuplicateQuestion(LibraryError):
    """Raised by add_tracks(on_duplicate="ask") when some tracks are already in the playlist.

    Nothing was changed; ask the user, then call add_tracks again with "add" or "skip".
    """

    def __init__(self, playlist: PlaylistInfo, duplicates: list[TrackRow], requested: int):
        n = len(duplicates)
        what = "1 track is" if n == 1 else f"{n} tracks are"
        super().__init__(
            f"{what} already in “{playlist.name}”: add them again or skip them?"
        )
        self.playlist = playlist
        self.duplicates = duplicates
        self.requested = requested


@dataclass(frozen=True)
class AddResult:
    entry_ids: tuple[int, ...]  # the new entries, in playlist order
    skipped: int = 0  # duplicates left out with on_duplicate="skip"


@dataclass(frozen=True)
class DuplicateGroup:
    """A track that appears more than once; `entry_ids` in playlist order."""

    track: TrackRow
    entry_ids: tuple[int, ...]
    positions: tuple[int, ...]


@dataclass(frozen=True)
class CdFit:
    """How the playlist fills an audio CD (Red Book: lead pregap, 4 s minimum, gaps)."""

    track_count: int
    duration_s: float  # sum of known track durations
    unknown_durations: int  # tracks whose length is not known (counted as 0)
    sectors: int  # disc sectors incl. the 150-sector lead pregap and gaps
    fits_74: bool
    fits_80: bool
    too_many_tracks: bool  # more than 99 tracks never fit

    @property
    def disc_seconds(self) -> float:
        return self.sectors / 75


@dataclass(frozen=True)
class PlaylistImportResult:
    playlist: PlaylistInfo
    unresolved: list[TrackRef] = field(default_factory=list)  # not found here: download them
    missing: int = 0  # entries whose file is not on disk
    notes: list[str] = field(default_factory=list)  # lines skipped and why


@dataclass(frozen=True)
class PlaylistExportResult:
    path: str
    written: int
    skipped: list[str] = field(default_factory=list)  # tracks without a file (M3U needs one)
