"""FavouriteService: stars for tracks, albums and artists, lists, online items, bus signals."""

from __future__ import annotations

import pytest

from cdcollector.domain.errors import LibraryError, NotFoundError
from cdcollector.domain.types import AlbumRef, ArtistRef, FavouriteKind, Source, TrackRef
from cdcollector.services.events import EventBus
from cdcollector.services.favourites import FavouriteService
from tests.playlists.conftest import add_tracks, db_content


@pytest.fixture
def fav(ctx) -> FavouriteService:
    return FavouriteService(ctx)


@pytest.fixture
def signals(ctx, qapp) -> list[tuple]:
    ctx.bus = EventBus()
    seen: list[tuple] = []
    ctx.bus.favourite_changed.connect(lambda kind, item, on: seen.append((kind, item, on)))
    return seen


@pytest.fixture
def library(ctx) -> list[int]:
    return add_tracks(ctx, [
        {"title": "Halo", "artist_name": "Beyoncé", "album_title": "I Am... Sasha Fierce",
         "album_artist": "Beyoncé", "track_number": 2, "path": "/m/halo.flac"},
        {"title": "If I Were a Boy", "artist_name": "Beyoncé",
         "album_title": "I Am... Sasha Fierce", "album_artist": "Beyoncé", "track_number": 1},
        {"title": "Crazy in Love", "artist_name": "Beyoncé, JAY-Z",
         "album_title": "Dangerously in Love", "path": "/m/crazy.mp3", "file_missing": True},
        {"title": "Numb", "artist_name": "Linkin Park", "album_title": "Meteora",
         "path": "/m/numb.mp3"},
    ])


def test_toggle_set_and_ids(fav, library, signals):
    halo, _boy, _crazy, numb = library
    assert fav.toggle("track", halo) is True
    assert fav.is_favourite(FavouriteKind.TRACK, halo)
    assert fav.set("track", numb, True) is True
    assert fav.set("track", numb, True) is True  # already on: no second signal
    assert fav.favourite_ids("track") == {halo, numb}
    assert fav.toggle("track", halo) is False
    assert fav.favourite_ids(FavouriteKind.TRACK) == {numb}
    assert signals == [("track", halo, True), ("track", numb, True), ("track", halo, False)]


def test_set_many_reports_what_changed(fav, library, signals):
    halo, boy, crazy, numb = library
    fav.set("track", halo, True)
    assert fav.set_many("track", [halo, boy, crazy, boy], True) == [boy, crazy]
    assert fav.set_many("track", [halo, numb], False) == [halo]
    assert fav.favourite_ids("track") == {boy, crazy}
    assert signals[-1] == ("track", halo, False)


def test_unknown_items_and_kinds_are_refused(ctx, fav, library):
    before = db_content(ctx)
    with pytest.raises(NotFoundError, match="no track 999"):
        fav.toggle("track", 999)
    with pytest.raises(NotFoundError, match="no album 5"):
        fav.set("album", 5, True)
    with pytest.raises(LibraryError, match="Unknown favourite kind"):
        fav.toggle("playlist", library[0])
    assert db_content(ctx) == before
    assert fav.set("track", 999, False) is False  # unstarring something absent is harmless


def test_track_list_counts_and_filter(fav, library):
    halo, _boy, crazy, numb = library
    for track in (numb, halo, crazy):
        fav.set("track", track, True)
    assert [t.id for t in fav.tracks()] == [crazy, halo, numb]  # newest first
    assert [t.id for t in fav.tracks("beyonce")] == [crazy, halo]  # accents ignored
    assert [t.id for t in fav.tracks("LOVE jay")] == [crazy]  # all words, any field
    assert fav.tracks("nothing like this") == []
    assert fav.counts() == {FavouriteKind.TRACK: 3, FavouriteKind.ALBUM: 0,
                            FavouriteKind.ARTIST: 0}
    assert fav.counts("meteora")[FavouriteKind.TRACK] == 1


def test_deleted_items_drop_out_of_lists_and_counts(ctx, fav, library):
    from cdcollector.library.models import Track

    fav.set("track", library[0], True)
    with ctx.db.session() as session:
        session.delete(session.get(Track, library[0]))
    assert fav.tracks() == [] and fav.counts()[FavouriteKind.TRACK] == 0


def test_favourite_online_items_upserts_into_the_library(ctx, fav, library, signals):
    song = TrackRef(title="Single Ladies", artists=("Beyoncé",), duration_s=193.0,
                    source=Source.YTMUSIC, id="yt123", isrc="USSM10804556")
    kind, track_id = fav.favourite_ref(song)
    assert kind == FavouriteKind.TRACK
    assert fav.favourite_ref(song) == (kind, track_id)  # found again, not duplicated
    [row] = fav.tracks()
    assert (row.id, row.youtube_id, row.isrc, row.path) == (track_id, "yt123",
                                                             "USSM10804556", None)

    album = AlbumRef(title="I Am... Sasha Fierce", artists=("Beyoncé",), source=Source.SPOTIFY,
                     id="spAlb", year=2008)
    kind, album_id = fav.favourite_ref(album)
    assert kind == FavouriteKind.ALBUM
    same_by_name = AlbumRef(title="i am... sasha fierce", artists=("beyoncé",))
    assert fav.library_id(same_by_name) == album_id
    [view] = fav.albums()
    assert (view.id, view.year, view.spotify_id, view.track_count) == (album_id, 2008,
                                                                      "spAlb", 2)
    assert view.to_ref().source == Source.SPOTIFY and view.to_ref().id == "spAlb"

    kind, artist_id = fav.favourite_ref(ArtistRef(name="Beyoncé", source=Source.SPOTIFY,
                                                  id="spArt"))
    [artist] = fav.artists()
    assert (artist.id, artist.spotify_id) == (artist_id, "spArt")
    assert artist.track_count == 4  # incl. "Beyoncé, JAY-Z" and the starred online song
    assert fav.favourite_ref(ArtistRef(name="Beyoncé"), on=False) == (kind, artist_id)
    assert fav.artists() == []
    assert signals == [("track", track_id, True), ("album", album_id, True),
                       ("artist", artist_id, True), ("artist", artist_id, False)]


def test_album_and_artist_filters(fav, library):
    a = fav.favourite_ref(AlbumRef(title="Meteora", artists=("Linkin Park",)))[1]
    b = fav.favourite_ref(AlbumRef(title="Dangerously in Love", artists=("Beyoncé",)))[1]
    fav.favourite_ref(ArtistRef(name="Linkin Park"))
    assert [x.id for x in fav.albums()] == [b, a]
    assert [x.id for x in fav.albums("linkin")] == [a]
    assert [x.name for x in fav.artists("park")] == ["Linkin Park"]
    assert fav.artists("beyonce") == []


def test_add_all_to_playlist_and_missing(ctx, fav, library):
    from cdcollector.services.playlists import PlaylistService

    halo, boy, crazy, numb = library
    for track in (halo, crazy, numb):
        fav.set("track", track, True)
    playlists = PlaylistService(ctx)
    p = playlists.create("Loved")
    result = fav.add_all_to_playlist(p.id)
    assert [r.track.id for r in playlists.entries(p.id)] == [numb, crazy, halo]
    assert fav.add_all_to_playlist(p.id).skipped == 3  # already there: skipped
    assert playlists.undo_text.startswith("Add 3 tracks")  # one undoable step
    assert len(result.entry_ids) == 3

    fav.favourite_ref(AlbumRef(title="I Am... Sasha Fierce", artists=("Beyoncé",)))
    q = playlists.create("Albums")
    fav.add_all_to_playlist(q.id, kind="album")
    assert [r.track.id for r in playlists.entries(q.id)] == [boy, halo]  # disc order

    missing = fav.missing()
    assert [(m.library_id, m.title) for m in missing] == [(crazy, "Crazy in Love")]
    assert missing[0].artists == ("Beyoncé", "JAY-Z")
    assert [m.library_id for m in fav.missing("album")] == [boy]  # no file at all
