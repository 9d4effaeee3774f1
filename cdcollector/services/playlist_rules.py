"""Pure rules of playlist editing: names, where moved entries land, how a playlist fills a CD."""

from __future__ import annotations

from collections.abc import Sequence

from cdcollector.burning import redbook
from cdcollector.domain.bounds import without_surrogates
from cdcollector.domain.errors import LibraryError
from cdcollector.domain.types import PlaylistEntryRow
from cdcollector.services.playlist_types import CdFit

MAX_NAME = 500


def clean_name(name: str) -> str:
    cleaned = without_surrogates(name or "").strip()
    if not cleaned:
        raise LibraryError("A playlist needs a name.")
    if len(cleaned) > MAX_NAME:
        raise LibraryError(f"A playlist name can have at most {MAX_NAME} characters.")
    return cleaned


def cd_fit(rows: Sequence[PlaylistEntryRow]) -> CdFit:
    """Red Book: 150-sector lead pregap, each track whole sectors and at least 4 s, 2 s gaps
    between tracks unless an entry overrides its gap; 74 and 80-minute capacities."""
    known = [r.track.duration_s for r in rows if r.track.duration_s is not None]
    sectors = redbook.LEAD_PREGAP_SECTORS + sum(
        redbook.track_sectors(redbook.seconds_to_sectors(r.track.duration_s or 0.0))
        for r in rows
    )
    for row in rows[:-1]:
        gap = row.gap_after_s
        sectors += (redbook.DEFAULT_GAP_SECTORS if gap is None
                    else redbook.seconds_to_sectors(gap))
    too_many = len(rows) > redbook.MAX_TRACKS
    return CdFit(
        track_count=len(rows),
        duration_s=float(sum(known)),
        unknown_durations=len(rows) - len(known),
        sectors=sectors if rows else 0,
        fits_74=not too_many and sectors <= redbook.media_sectors(74),
        fits_80=not too_many and sectors <= redbook.media_sectors(80),
        too_many_tracks=too_many,
    )


def move_order(entries: list, selected: set, to_position: int) -> list:
    """The list with `selected` items moved (in order) before the item now at `to_position`."""
    to_position = max(0, min(to_position, len(entries)))
    moving = [e for e in entries if e.id in selected]
    rest = [e for e in entries if e.id not in selected]
    at = sum(1 for e in entries[:to_position] if e.id not in selected)
    return rest[:at] + moving + rest[at:]


def shift_order(entries: list, selected: set, delta: int) -> list:
    order = list(entries)
    if delta < 0:
        for i in range(1, len(order)):
            if order[i].id in selected and order[i - 1].id not in selected:
                order[i - 1], order[i] = order[i], order[i - 1]
    elif delta > 0:
        for i in range(len(order) - 2, -1, -1):
            if order[i].id in selected and order[i + 1].id not in selected:
                order[i], order[i + 1] = order[i + 1], order[i]
    return order
