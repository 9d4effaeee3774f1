"""Find-or-create library tracks from references of any source (the one upsert everyone uses)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert
from sqlmodel import Session, col, select

from cdcollector.domain.types import Source, TrackRef
from cdcollector.library.models import Track, utcnow

DURATION_TOLERANCE_S = 3.0


def normalise_text(text: str | None) -> str:
    """Case- and spacing-insensitive form used to compare artist and title text."""
    return " ".join((text or "").casefold().split())


def find_track(session: Session, ref: TrackRef) -> Track | None:
    """The library track for `ref`: by library id, then ISRC, Spotify id, YouTube id, then
    artist + title + duration (the order a travelling playlist is resolved in)."""
    if ref.library_id is not None:
        return session.get(Track, ref.library_id)
    checks = []
    if ref.isrc:
        checks.append(Track.isrc == ref.isrc.upper())
    spotify_id, youtube_id = external_ids(ref)
    if spotify_id:
        checks.append(Track.spotify_id == spotify_id)
    if youtube_id:
        checks.append(Track.youtube_id == youtube_id)
    for check in checks:
        hit = session.exec(select(Track).where(check)).first()
        if hit:
            return hit
    return find_by_text(session, ref.artist_display, ref.title, ref.duration_s)


def external_ids(ref: TrackRef) -> tuple[str | None, str | None]:
    """(Spotify id, YouTube id) of a reference, whichever source it came from."""
    spotify_id = ref.spotify_id or (ref.id if ref.source == Source.SPOTIFY else None)
    youtube_id = ref.youtube_id or (
        ref.id if ref.source in (Source.YOUTUBE, Source.YTMUSIC) else None
    )
    return spotify_id, youtube_id


def find_by_text(session: Session, artist: str, title: str, duration_s: float | None
                 ) -> Track | None:
    """Same artist and title (case and spacing ignored) and, when known, duration within 3 s."""
    candidates = session.exec(
        select(Track).where(col(Track.title).ilike(title.strip()))
    ).all()
    for track in candidates:
        same_text = normalise_text(track.title) == normalise_text(title) and \
            normalise_text(track.artist_name) == normalise_text(artist)
        if not same_text:
            continue
        if duration_s is None or track.duration_s is None:
            return track
        if abs(track.duration_s - duration_s) <= DURATION_TOLERANCE_S:
            return track
    return None


def upsert_track(session: Session, ref: TrackRef) -> Track:
    """Return the library track for `ref`, creating it (without a file) when it is new.

    Known fields that the library lacks (ISRC, ids, duration, album) are filled in.
    """
    track = find_track(session, ref)
    if track is None:
        track = Track(title=ref.title or "Unknown title", artist_name=ref.artist_display)
        session.add(track)
    for name, value in known_fields(ref).items():
        if getattr(track, name) in (None, ""):
            setattr(track, name, value)
    session.flush()
    return track


def known_fields(ref: TrackRef) -> dict:
    """The track columns a reference fills in (ISRC, ids, duration, album…); empty ones left out."""
    spotify_id, youtube_id = external_ids(ref)
    fill = {
        "album_title": ref.album,
        "album_artist": ref.album_artist,
        "duration_s": ref.duration_s,
        "isrc": ref.isrc.upper() if ref.isrc else None,
        "explicit": ref.explicit,
        "track_number": ref.track_number,
        "disc_number": ref.disc_number,
        "year": ref.year,
        "spotify_id": spotify_id,
        "youtube_id": youtube_id,
    }
    return {name: value for name, value in fill.items() if value not in (None, "")}


def insert_tracks(session: Session, refs: Sequence[TrackRef]) -> list[int]:
    """New file-less tracks for `refs` (as upsert_track makes them) in one statement; their
    ids in order."""
    if not refs:
        return []
    now = utcnow()
    blank = {"album_title": "", "album_artist": "", "duration_s": None, "isrc": None,
             "explicit": None, "track_number": None, "disc_number": None, "year": None,
             "spotify_id": None, "youtube_id": None, "file_missing": False, "added_at": now}
    rows = [{**blank, **known_fields(ref), "title": ref.title or "Unknown title",
             "artist_name": ref.artist_display} for ref in refs]
    table = Track.__table__
    inserted = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return list(inserted.scalars())
