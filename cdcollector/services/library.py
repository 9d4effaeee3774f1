"""Library service: searching and listing tracks for the UI and the CLI."""

from __future__ import annotations

from sqlmodel import col, select

from cdcollector.domain.bounds import finite_duration
from cdcollector.domain.errors import NotFoundError
from cdcollector.domain.types import TrackRow
from cdcollector.library import search
from cdcollector.library.models import Track
from cdcollector.services.context import AppContext


class LibraryService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def search(self, text: str, limit: int = 100, offset: int = 0) -> list[TrackRow]:
        with self.ctx.db.session() as session:
            return search.search_tracks(session, text, limit=limit, offset=offset)

    def count(self, text: str) -> int:
        with self.ctx.db.session() as session:
            return search.count_tracks(session, text)

    def track(self, track_id: int) -> TrackRow:
        rows = self.tracks([track_id])
        if not rows:
            raise NotFoundError(f"Track {track_id} is not in the library.")
        return rows[0]

    def tracks(self, track_ids: list[int]) -> list[TrackRow]:
        """Rows for the given ids, in the order asked (ids not found are left out)."""
        if not track_ids:
            return []
        with self.ctx.db.session() as session:
            rows = session.exec(select(Track).where(col(Track.id).in_(set(track_ids))))
            found = {t.id: t for t in rows}
        return [track_to_row(found[i]) for i in track_ids if i in found]


def track_to_row(track: Track) -> TrackRow:
    return TrackRow(
        id=track.id,
        title=track.title,
        artist=track.artist_name,
        album=track.album_title,
        duration_s=finite_duration(track.duration_s),
        format=track.format,
        path=track.path,
        isrc=track.isrc,
        track_number=track.track_number,
        disc_number=track.disc_number,
        year=track.year,
        spotify_id=track.spotify_id,
        youtube_id=track.youtube_id,
        file_missing=track.file_missing,
    )
