"""Turns download requests into jobs: one job per recording, nothing the library already has."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace

from sqlmodel import Session

from cdcollector.catalog.base import Catalog
from cdcollector.domain.types import Source, TrackRef
from cdcollector.library.tracks import DURATION_TOLERANCE_S, find_track

DURATION_BUCKET_S = 5


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def track_key(ref: TrackRef) -> str:
    """One key per recording: ISRC, else a Spotify/YouTube id, else artist|title|~duration.

    Also the key of a remembered match (MatchChoice.track_key)."""
    if ref.isrc:
        return f"isrc:{ref.isrc.strip().upper()}"
    spotify = ref.spotify_id or (ref.id if ref.source == Source.SPOTIFY else None)
    if spotify:
        return f"spotify:{spotify}"
    youtube = ref.youtube_id or (ref.id if ref.source in (Source.YOUTUBE, Source.YTMUSIC)
                                 else None)
    if youtube:
        return f"youtube:{youtube}"
    duration = "" if ref.duration_s is None else str(round(ref.duration_s / DURATION_BUCKET_S))
    return f"text:{_fold(ref.artist_display)}|{_fold(ref.title)}|{duration}"


def ref_to_json(ref: TrackRef) -> dict:
    data = asdict(ref)
    data["source"] = str(ref.source)
    data["artists"] = list(ref.artists)
    return data


def ref_from_json(data: dict) -> TrackRef:
    known = set(TrackRef.__dataclass_fields__)
    values = {k: v for k, v in data.items() if k in known}
    values["artists"] = tuple(values.get("artists") or ())
    values["source"] = Source(values.get("source") or Source.LOCAL)
    return TrackRef(**values)


@dataclass
class JobRequest:
    """What one job must fetch and where the finished track goes (playlists, favourites)."""

    ref: TrackRef
    key: str
    playlist_ids: list[int] = field(default_factory=list)
    favourite: bool = False

    def to_json(self) -> str:
        return json.dumps({"ref": ref_to_json(self.ref), "playlist_ids": self.playlist_ids,
                           "favourite": self.favourite}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, key: str = "") -> JobRequest:
        data = json.loads(text or "{}")
        ref = ref_from_json(data.get("ref") or data)
        return cls(ref, key or track_key(ref), list(data.get("playlist_ids") or []),
                   bool(data.get("favourite")))


@dataclass(frozen=True)
class Existing:
    """A requested track the library already has on disk."""

    ref: TrackRef
    track_id: int


@dataclass
class Plan:
    new: list[JobRequest] = field(default_factory=list)
    existing: list[Existing] = field(default_factory=list)
    duplicates: int = 0


def _same_recording(a: TrackRef, b: TrackRef) -> bool:
    """Same artist and title already known; different ISRCs or lengths mean other recordings."""
    if a.isrc and b.isrc:
        return a.isrc.strip().upper() == b.isrc.strip().upper()
    if a.duration_s is None or b.duration_s is None:
        return True
    return abs(a.duration_s - b.duration_s) <= DURATION_TOLERANCE_S


def plan_requests(session: Session, refs: Iterable[TrackRef], playlist_id: int | None = None,
                  favourite: bool = False) -> Plan:
    """Group `refs` into one request per recording and set aside those already on disk."""
    plan = Plan()
    by_key: dict[str, JobRequest] = {}
    by_text: dict[str, list[TrackRef]] = {}
    for ref in refs:
        key = track_key(ref)
        text = f"{_fold(ref.artist_display)}|{_fold(ref.title)}"
        if key in by_key or any(_same_recording(ref, seen) for seen in by_text.get(text, ())):
            plan.duplicates += 1
            continue
        by_text.setdefault(text, []).append(ref)
        track = find_track(session, ref)
        if track is not None and track.path and not track.file_missing:
            plan.existing.append(Existing(ref, track.id))
            by_key[key] = JobRequest(ref, key)  # later duplicates are not downloads either
            continue
        request = JobRequest(ref, key, [playlist_id] if playlist_id else [], favourite)
        by_key[key] = request
        plan.new.append(request)
    return plan


def _with_album(track: TrackRef, album_title: str, album_artists: Sequence[str],
                year: int | None, cover: str | None) -> TrackRef:
    return replace(track, album=track.album or album_title,
                   album_artist=track.album_artist or ", ".join(album_artists) or None,
                   year=track.year or year, cover_url=track.cover_url or cover)


def expand_album(catalog: Catalog, album_id: str) -> list[TrackRef]:
    """The album's tracks, each carrying the album's title, artist, year and cover."""
    page = catalog.album(album_id)
    album = page.album
    return [_with_album(t, album.title, album.artists, album.year, album.cover_url)
            for t in page.tracks]


def expand_artist(catalog: Catalog, artist_id: str) -> list[TrackRef]:
    """A discography: every album and single of the artist, in the catalogue's order."""
    tracks: list[TrackRef] = []
    seen: set[str] = set()
    for album in catalog.artist(artist_id).albums:
        if album.id is None:
            continue
        for track in expand_album(catalog, album.id):
            key = track_key(track)
            if key not in seen:  # a single is often on the album too
                seen.add(key)
                tracks.append(track)
    return tracks
