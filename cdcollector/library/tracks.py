"""Find-or-create library tracks from references of any source (the one upsert everyone uses)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from cdcollector.domain.types import Source, TrackRef
from cdcollector.library.models import Track

DURATION_TOLERANCE_S = 3.0


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def find_track(session: Session, ref: TrackRef) -> Track | None:
    """The library track for `ref`: by library id, then Spotify/YouTube id, ISRC, then text."""
    if ref.library_id is not None:
        return session.get(Track, ref.library_id)
    spotify_id = ref.spotify_id or (ref.id if ref.source == Source.SPOTIFY else None)
    youtube_id = ref.youtube_id or (
        ref.id if ref.source in (Source.YOUTUBE, Source.YTMUSIC) else None
    )
    if spotify_id:
        hit = session.exec(select(Track).where(Track.spotify_id == spotify_id)).first()
        if hit:
            return hit
    if youtube_id:
        hit = session.exec(select(Track).where(Track.youtube_id == youtube_id)).first()
        if hit:
            return hit
    if ref.isrc:
        hit = session.exec(select(Track).where(Track.isrc == ref.isrc.upper())).first()
        if hit:
            return hit
    return find_by_text(session, ref.artist_display, ref.title, ref.duration_s)


def find_by_text(session: Session, artist: str, title: str, duration_s: float | None
                 ) -> Track | None:
    """Same artist and title (case and spacing ignored) and, when known, duration within 3 s."""
    candidates = session.exec(
        select(Track).where(col(Track.title).ilike(title.strip()))
    ).all()
    for track in candidates:
        if _norm(track.artist_name) != _norm(artist) or _norm(track.title) != _norm(title):
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
    spotify_id = ref.spotify_id or (ref.id if ref.source == Source.SPOTIFY else None)
    youtube_id = ref.youtube_id or (
        ref.id if ref.source in (Source.YOUTUBE, Source.YTMUSIC) else None
    )
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
    for name, value in fill.items():
        if value not in (None, "") and getattr(track, name) in (None, ""):
            setattr(track, name, value)
    session.flush()
    return track
