"""Disc layout: where each track starts, its gap and padding, and whether it all fits."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cdcollector.burning import redbook
from cdcollector.domain.errors import BurnError


class LayoutError(BurnError):
    """The tracks do not make a valid disc (too long, too many tracks, nothing to burn)."""


@dataclass(frozen=True)
class LayoutTrack:
    """One playlist track as the layout needs it; `sectors` wins over `duration_s` when set."""

    title: str
    performer: str = ""
    album: str = ""
    duration_s: float | None = None
    sectors: int | None = None  # exact audio length once prepared
    path: Path | None = None
    gap_after_s: float | None = None  # per-transition override (playlist_entry.gap_after_s)
    isrc: str | None = None
    album_artist: str = ""  # tells apart same-named albums ("Greatest Hits") when known

    @property
    def audio_sectors(self) -> int:
        if self.sectors is not None:
            return self.sectors
        return redbook.seconds_to_sectors(self.duration_s or 0.0)

    @property
    def disc_sectors(self) -> int:
        return redbook.track_sectors(self.audio_sectors)


@dataclass(frozen=True)
class GapPolicy:
    """2 s between tracks by default; none inside an album when `gapless_albums` is on."""

    default_s: float = 2.0
    gapless_albums: bool = True

    def gap_sectors(self, track: LayoutTrack, following: LayoutTrack) -> int:
        """Silence between `track` and `following` (the pregap of `following`)."""
        if track.gap_after_s is not None:
            return redbook.seconds_to_sectors(max(0.0, track.gap_after_s))
        if self.gapless_albums and same_album(track, following):
            return 0
        return redbook.seconds_to_sectors(max(0.0, self.default_s))


def same_album(a: LayoutTrack, b: LayoutTrack) -> bool:
    key_a, key_b = a.album.strip().casefold(), b.album.strip().casefold()
    if not key_a or key_a != key_b:
        return False
    artist_a, artist_b = a.album_artist.strip().casefold(), b.album_artist.strip().casefold()
    return not (artist_a and artist_b and artist_a != artist_b)


def transition_gaps(tracks: Sequence[LayoutTrack], policy: GapPolicy) -> list[int]:
    """gaps[i] = sectors of silence between tracks[i] and tracks[i + 1]."""
    return [policy.gap_sectors(a, b) for a, b in itertools.pairwise(tracks)]


@dataclass(frozen=True)
class LayoutEntry:
    number: int
    track: LayoutTrack
    start: int  # LBA of INDEX 01 (track 1 starts at 0, after the 150-sector lead pregap)
    pregap: int  # silence before INDEX 01
    length: int  # sectors on disc, ≥ 300
    audio_sectors: int

    @property
    def padding(self) -> int:
        return self.length - self.audio_sectors

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class FitCheck:
    """Whether a layout fits a disc; `problems` stop the burn, `warnings` only inform."""

    used_sectors: int
    capacity_sectors: int
    track_count: int
    problems: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def free_sectors(self) -> int:
        return self.capacity_sectors - self.used_sectors

    def enforce(self) -> FitCheck:
        if self.problems:
            raise LayoutError(" ".join(self.problems))
        return self


@dataclass(frozen=True)
class DiscLayout:
    entries: tuple[LayoutEntry, ...]

    @property
    def used_sectors(self) -> int:
        """Program area from track 1 INDEX 01 to the lead-out: what must fit the disc."""
        return self.entries[-1].end if self.entries else 0

    def check(self, capacity_sectors: int) -> FitCheck:
        return check_fit(self.used_sectors, len(self.entries), capacity_sectors)


def check_fit(used: int, count: int, capacity: int) -> FitCheck:
    problems: list[str] = []
    warnings: list[str] = []
    if count == 0:
        problems.append("There are no tracks to burn.")
    if count > redbook.MAX_TRACKS:
        problems.append(
            f"{count} tracks are more than the {redbook.MAX_TRACKS} an audio CD can hold; "
            "split the playlist over several discs."
        )
    if used > capacity:
        over = used - capacity
        problems.append(
            f"The tracks need {redbook.format_duration(used)} but the disc holds "
            f"{redbook.format_duration(capacity)}: {over} sector{'s' if over != 1 else ''} "
            f"({over / redbook.SECTORS_PER_SECOND:.1f} s) too long; remove tracks or split "
            "the playlist over several discs."
        )
    elif used > redbook.SAFE_LIMIT_SECTORS:
        warnings.append(
            f"{redbook.format_duration(used)} is past what most recorders write "
            f"({redbook.format_duration(redbook.SAFE_LIMIT_SECTORS)}); the burn may be refused."
        )
    return FitCheck(used, capacity, count, tuple(problems), tuple(warnings))


def build_layout(tracks: Sequence[LayoutTrack], policy: GapPolicy | None = None) -> DiscLayout:
    """Place `tracks` in order: lead pregap, then each track padded to ≥ 4 s with its gap."""
    policy = policy or GapPolicy()
    gaps = transition_gaps(tracks, policy)
    entries: list[LayoutEntry] = []
    position = 0
    for index, track in enumerate(tracks):
        pregap = redbook.LEAD_PREGAP_SECTORS if index == 0 else gaps[index - 1]
        position += 0 if index == 0 else pregap
        entry = LayoutEntry(index + 1, track, position, pregap, track.disc_sectors,
                            track.audio_sectors)
        entries.append(entry)
        position = entry.end
    return DiscLayout(tuple(entries))


def capacity_sectors(media_minutes: int, disc_sectors: int | None = None) -> int:
    """The size read from a blank disc when known, else the nominal size of the media."""
    return disc_sectors if disc_sectors else redbook.media_sectors(media_minutes)
