"""Favourites storage: the polymorphic favourite table, and find-or-create of albums and artists."""

from __future__ import annotations

from sqlalchemy import delete, func, text
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, select

from cdcollector.domain.bounds import ascii_int
from cdcollector.domain.errors import LibraryError, NotFoundError
from cdcollector.domain.types import AlbumRef, ArtistRef, FavouriteKind, Source, TrackRow
from cdcollector.library.models import Album, Artist, Favourite, Track, utcnow
from cdcollector.library.search import TRACK_ROW_COLUMNS, row_to_track
from cdcollector.library.tracks import normalise_text

FAVOURITE = Favourite.__table__
_TABLES = {FavouriteKind.TRACK: Track, FavouriteKind.ALBUM: Album, FavouriteKind.ARTIST: Artist}


def kind_of(kind: str | FavouriteKind) -> FavouriteKind:
    try:
        return FavouriteKind(kind)
    except ValueError:
        raise LibraryError(f"Unknown favourite kind “{kind}”: use track, album or artist."
                           ) from None


def set_favourite(session: Session, kind: FavouriteKind, item_id: int, on: bool) -> bool:
    """Mark or unmark; True when something changed."""
    if on:
        if session.get(_TABLES[kind], item_id) is None:
            raise NotFoundError(f"There is no {kind.value} {item_id} in the library.")
        stmt = insert(FAVOURITE).values(kind=kind.value, item_id=item_id, created_at=utcnow())
        result = session.execute(stmt.on_conflict_do_nothing())
    else:
        result = session.execute(
            delete(FAVOURITE).where(FAVOURITE.c.kind == kind.value,
                                    FAVOURITE.c.item_id == item_id)
        )
    return result.rowcount > 0


def favourite_ids(session: Session, kind: FavouriteKind) -> set[int]:
    return set(session.execute(
        select(FAVOURITE.c.item_id).where(FAVOURITE.c.kind == kind.value)
    ).scalars())


def is_favourite(session: Session, kind: FavouriteKind, item_id: int) -> bool:
    return session.execute(
        select(FAVOURITE.c.id).where(FAVOURITE.c.kind == kind.value,
                                     FAVOURITE.c.item_id == item_id)
    ).first() is not None


def counts(session: Session) -> dict[FavouriteKind, int]:
    """Favourites per kind, counting only items that still exist."""
    result = {}
    for kind, model in _TABLES.items():
        table = model.__table__
        result[kind] = session.execute(
            select(func.count()).select_from(FAVOURITE.join(table, table.c.id ==
                                                            FAVOURITE.c.item_id))
            .where(FAVOURITE.c.kind == kind.value)
        ).scalar_one()
    return result


def favourite_tracks(session: Session) -> list[TrackRow]:
    """Favourite songs, most recently starred first."""
    rows = session.execute(text(
        f"SELECT {TRACK_ROW_COLUMNS} FROM favourite f JOIN track t ON t.id = f.item_id "
        "WHERE f.kind = 'track' ORDER BY f.created_at DESC, f.id DESC"
    ))
    return [row_to_track(r) for r in rows]


def favourite_items(session: Session, kind: FavouriteKind) -> list:
    """Favourite Album or Artist rows, most recently starred first."""
    model = _TABLES[kind]
    return list(session.exec(
        select(model).join(Favourite, Favourite.item_id == model.id)
        .where(Favourite.kind == kind.value)
        .order_by(col(Favourite.created_at).desc(), col(Favourite.id).desc())
    ))


def album_tracks(session: Session, album: Album) -> list[Track]:
    """Library tracks of an album: linked by id, or with the same album title and artist."""
    linked = session.exec(select(Track).where(Track.album_id == album.id)).all()
    by_name = same_text(session, Track.album_title, album.title)
    artist = normalise_text(album.artist_name)
    same = [t for t in by_name if normalise_text(t.album_title) == normalise_text(album.title) and (
        not artist or artist in (normalise_text(t.album_artist), normalise_text(t.artist_name)))]
    tracks = {t.id: t for t in [*linked, *same]}.values()
    return sorted(tracks, key=lambda t: (t.disc_number or 0, t.track_number or 0, t.id))


def artist_tracks(session: Session, artist: Artist) -> list[Track]:
    """Library tracks by an artist: linked by id, or naming the artist among their artists."""
    linked = session.exec(select(Track).where(Track.artist_id == artist.id)).all()
    name = normalise_text(artist.name)
    like = session.exec(
        select(Track).where(col(Track.artist_name).contains(artist.name.strip(), autoescape=True))
    ).all()
    named = [t for t in like if name in {normalise_text(a) for a in t.artist_name.split(",")}]
    tracks = {t.id: t for t in [*linked, *named]}.values()
    return sorted(tracks, key=lambda t: (normalise_text(t.album_title), t.disc_number or 0,
                                         t.track_number or 0, t.id))


def like_text(value: str) -> str:
    """`value` as a LIKE pattern that matches only itself (case aside)."""
    stripped = value.strip()
    return stripped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def same_text(session: Session, column, value: str) -> list:
    """Rows whose `column` equals `value` ignoring (ASCII) case; callers compare exactly."""
    pattern = like_text(value)
    return list(session.exec(
        select(column.class_).where(col(column).ilike(pattern, escape="\\"))
    ))


def _remote_ids(source: Source, remote_id: str | None) -> dict[str, str]:
    if not remote_id:
        return {}
    if source == Source.SPOTIFY:
        return {"spotify_id": remote_id}
    if source in (Source.YOUTUBE, Source.YTMUSIC):
        return {"youtube_id": remote_id}
    return {}


def _find_by_id(session: Session, model, source: Source, ref_id: str | None):
    """A row by its library id (local references) or its Spotify/YouTube id, else None."""
    number = ascii_int(ref_id) if source == Source.LOCAL and ref_id else None
    if number is not None:
        found = session.get(model, number)
        if found:
            return found
    for column, value in _remote_ids(source, ref_id).items():
        found = session.exec(select(model).where(getattr(model, column) == value)).first()
        if found:
            return found
    return None


def _fill_and_save(session: Session, row, values: dict):
    """Fill the fields the row lacks, then flush so it has an id."""
    for name, value in values.items():
        if value is not None and getattr(row, name) is None:
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def upsert_album(session: Session, ref: AlbumRef) -> Album:
    """The library album for `ref`: by library id (local source), remote id, then title+artist."""
    found = _find_by_id(session, Album, ref.source, ref.id)
    if found:
        return found
    artist = ref.artist_display
    for album in same_text(session, Album.title, ref.title):
        same_title = normalise_text(album.title) == normalise_text(ref.title)
        if same_title and normalise_text(album.artist_name) == normalise_text(artist):
            break
    else:
        album = Album(title=ref.title.strip() or "Unknown album", artist_name=artist)
    album.kind = album.kind or ref.kind
    return _fill_and_save(session, album, {
        **_remote_ids(ref.source, ref.id), "year": ref.year, "cover_url": ref.cover_url,
        "total_tracks": ref.total_tracks})


def upsert_artist(session: Session, ref: ArtistRef) -> Artist:
    """The library artist for `ref`: by library id (local source), remote id, then name."""
    found = _find_by_id(session, Artist, ref.source, ref.id)
    if found:
        return found
    for artist in same_text(session, Artist.name, ref.name):
        if normalise_text(artist.name) == normalise_text(ref.name):
            break
    else:
        artist = Artist(name=ref.name.strip() or "Unknown artist")
    return _fill_and_save(session, artist,
                          {**_remote_ids(ref.source, ref.id), "image_url": ref.image_url})
