"""Online result models pass qtmodeltester, empty and full, and report badges and stars."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from cdcollector.domain.types import AlbumRef, ArtistRef, Source
from cdcollector.services.events import EventBus
from cdcollector.ui.models.online_results import (
    REF_ROLE,
    STAR,
    STATUS,
    TIME,
    TITLE,
    TRACK_ID_ROLE,
    OnlineAlbumsModel,
    OnlineArtistsModel,
    OnlineSongsModel,
)
from cdcollector.ui.models.stars import FAVOURITE_KEY_ROLE, STAR_ROLE
from tests.fakes.catalogs import track
from tests.fakes.cover_server import png_bytes

SONGS = [track("Hunter", "Björk", "a", duration_s=255.0, track_number=1),
         track("Jóga", "Björk", "b", duration_s=305.4, album="Homogenic"),
         track("Untitled", "", "c", duration_s=None)]
ALBUMS = [AlbumRef(title="Homogenic", artists=("Björk",), source=Source.SPOTIFY, id="x",
                   year=1997, cover_url="http://127.0.0.1:1/h.png"),
          AlbumRef(title="Jóga", artists=("Björk",), kind="single")]
ARTISTS = [ArtistRef(name="Björk", source=Source.YTMUSIC, id="UC1",
                     image_url="http://127.0.0.1:1/b.png"), ArtistRef(name="Sigur Rós")]


def test_songs_model(qapp, qtmodeltester):
    bus = EventBus()
    model = OnlineSongsModel(SimpleNamespace(favourite_ids=lambda kind: {8}), bus)
    qtmodeltester.check(model)
    model.set_items(SONGS)
    qtmodeltester.check(model)
    assert model.data(model.index(0, TITLE)) == "Hunter"
    assert model.data(model.index(1, TIME)) == "5:05"
    assert model.data(model.index(2, TIME)) == ""  # unknown length
    assert model.data(model.index(1, TITLE), REF_ROLE) is SONGS[1]
    status = [SimpleNamespace(badge="downloaded", track_id=7),
              SimpleNamespace(badge="in library", track_id=8),
              SimpleNamespace(badge=None, track_id=None)]
    model.set_library_status(status)
    qtmodeltester.check(model)
    assert [model.data(model.index(r, STATUS)) for r in range(3)] == [
        "Downloaded", "In library", ""]
    assert [model.is_favourite(r) for r in range(3)] == [False, True, False]
    assert model.data(model.index(1, STAR), TRACK_ID_ROLE) == 8
    assert model.data(model.index(1, STAR), STAR_ROLE) is True
    assert model.data(model.index(1, STAR), FAVOURITE_KEY_ROLE) == ("track", 8)
    assert model.data(model.index(2, STAR), FAVOURITE_KEY_ROLE) is None  # not in the library
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    bus.favourite_changed.emit("track", 7, True)  # starred elsewhere: only that row changes
    assert model.is_favourite(0) and changed == [0]
    bus.favourite_changed.emit("album", 8, False)
    assert model.is_favourite(1)
    model.set_library_status(status[:1])  # an answer for other rows is ignored
    assert model.badge(1) == "in library"
    model.set_items(SONGS[:1])
    assert model.badge(0) is None and model.track_id(0) is None
    qtmodeltester.check(model)


def test_albums_model_with_covers(qapp, qtmodeltester, tmp_path):
    model = OnlineAlbumsModel()
    qtmodeltester.check(model)
    model.set_items(ALBUMS)
    qtmodeltester.check(model)
    assert [model.data(model.index(0, c)) for c in range(4)] == [
        "Homogenic", "Björk", "1997", "Album"]
    assert model.data(model.index(1, 3)) == "Single"
    placeholder = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert not placeholder.isNull()  # until the cover arrives
    cover = tmp_path / "h.png"
    cover.write_bytes(png_bytes())
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append(a.row()))
    model.set_cover("http://127.0.0.1:1/h.png", cover)
    assert changed == [0]
    cover_icon = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert not cover_icon.isNull() and cover_icon.cacheKey() != placeholder.cacheKey()
    qtmodeltester.check(model)


def test_artists_model(qapp, qtmodeltester, tmp_path):
    model = OnlineArtistsModel()
    qtmodeltester.check(model)
    model.set_items(ARTISTS)
    qtmodeltester.check(model)
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["Björk", "Sigur Rós"]
    cover = tmp_path / "b.png"
    cover.write_bytes(png_bytes())
    model.set_cover("http://127.0.0.1:1/b.png", cover)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, 0), REF_ROLE) is ARTISTS[0]
    qtmodeltester.check(model)
