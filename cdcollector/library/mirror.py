"""Applies a remote playlist's current order to its local mirror: one transaction, counted."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from cdcollector.domain.types import TrackRef
from cdcollector.library.models import Playlist, PlaylistEntry, utcnow
from cdcollector.library.tracks import upsert_track


@dataclass(frozen=True)
class MirrorChange:
    added: int
    removed: int
    moved: int
    new_track_ids: tuple[int, ...]  # tracks that entered the mirror (for auto-download)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.moved)


def _tag_occurrences(items: Sequence[int]) -> list[tuple[int, int]]:
    """(item, n-th occurrence) pairs: makes repeated tracks distinguishable."""
    seen: Counter[int] = Counter()
    tagged = []
    for item in items:
        tagged.append((item, seen[item]))
        seen[item] += 1
    return tagged


def count_moved(old: Sequence[int], new: Sequence[int]) -> int:
    """How many items present in both lists left their relative order (n − LIS, O(n log n))."""
    old_index = {tag: i for i, tag in enumerate(_tag_occurrences(old))}
    sequence = [old_index[tag] for tag in _tag_occurrences(new) if tag in old_index]
    tails: list[int] = []
    for value in sequence:
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
        else:
            tails[slot] = value
    return len(sequence) - len(tails)


def apply_remote_order(session: Session, playlist_id: int, remote: Sequence[TrackRef],
                       keep_removed: bool = False) -> MirrorChange:
    """Make the mirror list `remote` in order; entries of tracks still there keep their ids.

    With `keep_removed`, tracks deleted remotely stay, after the remote ones. Local files are
    never touched: only playlist entries change. The caller owns the transaction.
    """
    playlist = session.get(Playlist, playlist_id)
    if playlist is None:
        raise ValueError(f"playlist {playlist_id} does not exist")
    entries = session.exec(
        select(PlaylistEntry)
        .where(PlaylistEntry.playlist_id == playlist_id)
        .order_by(PlaylistEntry.position)
    ).all()
    old_ids = [e.track_id for e in entries]
    new_ids = [upsert_track(session, ref).id for ref in remote]

    reusable: dict[int, list[PlaylistEntry]] = {}
    for entry in entries:
        reusable.setdefault(entry.track_id, []).append(entry)
    ordered: list[PlaylistEntry] = []
    added_ids: list[int] = []
    for track_id in new_ids:
        pool = reusable.get(track_id)
        if pool:
            ordered.append(pool.pop(0))
        else:
            entry = PlaylistEntry(playlist_id=playlist_id, track_id=track_id, position=0)
            session.add(entry)
            ordered.append(entry)
            added_ids.append(track_id)
    remaining = {id(e) for pool in reusable.values() for e in pool}
    leftovers = [e for e in entries if id(e) in remaining]
    if keep_removed:
        ordered.extend(leftovers)
    else:
        for entry in leftovers:
            session.delete(entry)
    # Two passes so positions never collide with a stale value mid-update.
    for index, entry in enumerate(ordered):
        entry.position = -1 - index
    session.flush()
    for index, entry in enumerate(ordered):
        entry.position = index
    playlist.updated_at = utcnow()
    session.flush()
    return MirrorChange(
        added=len(added_ids),
        removed=0 if keep_removed else len(leftovers),
        moved=count_moved(old_ids, new_ids),
        new_track_ids=tuple(dict.fromkeys(added_ids)),
    )

