"""Favourite service: stars for tracks, albums and artists; every change is announced on the bus."""

from __future__ import annotations

from collections.abc import Iterable

from cdcollector.domain.types import AlbumRef, ArtistRef, FavouriteKind, TrackRef, TrackRow
from cdcollector.library import favourites as store
from cdcollector.library.models import Album, Artist
from cdcollector.library.tracks import upsert_track
from cdcollector.services.context import AppContext
from cdcollector.services.favourite_views import FavouriteAlbum, FavouriteArtist, matches
from cdcollector.services.library import track_to_row
from cdcollector.services.playlist_types import AddResult


class FavouriteService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    # --- stars ----------------------------------------------------------------------------

    def set(self, kind: str | FavouriteKind, item_id: int, on: bool) -> bool:
        """Star or unstar one item; returns the new state. Emits favourite_changed on change."""
        self.set_many(kind, [item_id], on)
        return on

    def set_many(self, kind: str | FavouriteKind, item_ids: Iterable[int], on: bool) -> list[int]:
        """Star or unstar several items in one transaction; returns the ids that changed."""
        kind = store.kind_of(kind)
        with self.ctx.db.write_session() as session:
            changed = [i for i in dict.fromkeys(item_ids)
                       if store.set_favourite(session, kind, i, on)]
        for item_id in changed:
            self.ctx.emit("favourite_changed", kind.value, item_id, on)
        return changed

    def toggle(self, kind: str | FavouriteKind, item_id: int) -> bool:
        kind = store.kind_of(kind)
        with self.ctx.db.write_session() as session:
            on = not store.is_favourite(session, kind, item_id)
            store.set_favourite(session, kind, item_id, on)
        self.ctx.emit("favourite_changed", kind.value, item_id, on)
        return on

    def is_favourite(self, kind: str | FavouriteKind, item_id: int) -> bool:
        kind = store.kind_of(kind)
        with self.ctx.db.session() as session:
            return store.is_favourite(session, kind, item_id)

    def favourite_ids(self, kind: str | FavouriteKind) -> set[int]:
        """All starred ids of a kind (one query; star delegates cache this)."""
        kind = store.kind_of(kind)
        with self.ctx.db.session() as session:
            return store.favourite_ids(session, kind)

    def favourite_ref(self, ref: TrackRef | AlbumRef | ArtistRef, on: bool = True
                      ) -> tuple[FavouriteKind, int]:
        """Star something found online: it is added to the library first (without a file)."""
        with self.ctx.db.write_session() as session:
            if isinstance(ref, TrackRef):
                kind, item = FavouriteKind.TRACK, upsert_track(session, ref)
            elif isinstance(ref, AlbumRef):
                kind, item = FavouriteKind.ALBUM, store.upsert_album(session, ref)
            else:
                kind, item = FavouriteKind.ARTIST, store.upsert_artist(session, ref)
            changed = store.set_favourite(session, kind, item.id, on)
        if changed:
            self.ctx.emit("favourite_changed", kind.value, item.id, on)
        return kind, item.id

    def library_id(self, ref: AlbumRef | ArtistRef) -> int:
        """The library album/artist id for a reference (created when new), so lists of albums or
        artists built from track tags can show and toggle a star."""
        with self.ctx.db.write_session() as session:
            if isinstance(ref, AlbumRef):
                return store.upsert_album(session, ref).id
            return store.upsert_artist(session, ref).id

    # --- lists ----------------------------------------------------------------------------

    def counts(self, filter_text: str = "") -> dict[FavouriteKind, int]:
        if not filter_text.strip():
            with self.ctx.db.session() as session:
                return store.counts(session)
        return {
            FavouriteKind.TRACK: len(self.tracks(filter_text)),
            FavouriteKind.ALBUM: len(self.albums(filter_text)),
            FavouriteKind.ARTIST: len(self.artists(filter_text)),
        }

    def tracks(self, filter_text: str = "") -> list[TrackRow]:
        with self.ctx.db.session() as session:
            rows = store.favourite_tracks(session)
        return [r for r in rows if matches(filter_text, r.title, r.artist, r.album)]

    def albums(self, filter_text: str = "") -> list[FavouriteAlbum]:
        with self.ctx.db.session() as session:
            return [
                _album_view(a, len(store.album_tracks(session, a)))
                for a in store.favourite_items(session, FavouriteKind.ALBUM)
                if matches(filter_text, a.title, a.artist_name)
            ]

    def artists(self, filter_text: str = "") -> list[FavouriteArtist]:
        with self.ctx.db.session() as session:
            return [
                _artist_view(a, len(store.artist_tracks(session, a)))
                for a in store.favourite_items(session, FavouriteKind.ARTIST)
                if matches(filter_text, a.name)
            ]

    def tracks_of(self, kind: str | FavouriteKind, filter_text: str = "") -> list[TrackRow]:
        """The library tracks behind the favourites of a kind (album tracks in disc order)."""
        kind = store.kind_of(kind)
        if kind == FavouriteKind.TRACK:
            return self.tracks(filter_text)
        with self.ctx.db.session() as session:
            found: dict[int, TrackRow] = {}
            for item in store.favourite_items(session, kind):
                if kind == FavouriteKind.ALBUM:
                    if matches(filter_text, item.title, item.artist_name):
                        rows = store.album_tracks(session, item)
                    else:
                        continue
                elif matches(filter_text, item.name):
                    rows = store.artist_tracks(session, item)
                else:
                    continue
                for track in rows:
                    found.setdefault(track.id, track_to_row(track))
            return list(found.values())

    def add_all_to_playlist(self, playlist_id: int, kind: str | FavouriteKind = "track",
                            filter_text: str = "", on_duplicate: str = "skip") -> AddResult:
        """"Add all to playlist" in the Favourites pane (undoable like any playlist edit)."""
        from cdcollector.services.playlists import PlaylistService

        rows = self.tracks_of(kind, filter_text)
        return PlaylistService(self.ctx).add_tracks(playlist_id, rows, on_duplicate=on_duplicate)

    def missing(self, kind: str | FavouriteKind = "track", filter_text: str = ""
                ) -> list[TrackRef]:
        """Favourite tracks with no file on disk, as references for the download service."""
        return [r.to_ref() for r in self.tracks_of(kind, filter_text)
                if r.path is None or r.file_missing]


def _album_view(album: Album, track_count: int) -> FavouriteAlbum:
    return FavouriteAlbum(
        id=album.id, title=album.title, artist=album.artist_name, year=album.year,
        kind=album.kind, cover_url=album.cover_url, spotify_id=album.spotify_id,
        youtube_id=album.youtube_id, track_count=track_count,
    )


def _artist_view(artist: Artist, track_count: int) -> FavouriteArtist:
    return FavouriteArtist(
        id=artist.id, name=artist.name, image_url=artist.image_url,
        spotify_id=artist.spotify_id, youtube_id=artist.youtube_id, track_count=track_count,
    )
