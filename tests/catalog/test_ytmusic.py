"""YTMusicCatalog against a fake ytmusicapi client answering with documented shapes."""

from __future__ import annotations

import pytest
import requests
from ytmusicapi.exceptions import YTMusicServerError, YTMusicUserError

from cdcollector.catalog.base import CandidateSource, Catalog
from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.errors import CatalogError, OfflineError, RateLimitedError
from cdcollector.domain.types import Source
from tests.fakes.ytmusic import FakeYTMusic


@pytest.fixture
def fake():
    return FakeYTMusic()


@pytest.fixture
def catalog(fake):
    return YTMusicCatalog(client=fake)


def test_implements_the_protocols(catalog):
    assert isinstance(catalog.name, str)
    for method in ("search", "album", "artist", "track", "playlist"):
        assert callable(getattr(catalog, method)) and hasattr(Catalog, method)
    for method in ("by_isrc", "by_text"):
        assert callable(getattr(catalog, method)) and hasattr(CandidateSource, method)


def test_client_is_created_lazily():
    made = []
    catalog = YTMusicCatalog(client_factory=lambda lang: made.append(lang) or FakeYTMusic())
    assert made == []
    catalog.search("oasis")
    catalog.search("blur")
    assert made == ["en"]


def test_search_songs_albums_artists(catalog, fake):
    results = catalog.search("  wonderwall ")
    assert [c[2]["filter"] for c in fake.calls] == ["songs", "albums", "artists"]
    assert all(c[1] == ("wonderwall",) for c in fake.calls)
    assert [t.id for t in results.songs] == ["ZrOKjDZOtkA", "6hzrDeceEKc", "r8OipmKFDeM",
                                             "hwdzg9VVR-o"]  # the unavailable one is left out
    assert all(t.source is Source.YTMUSIC for t in results.songs)
    assert [a.kind for a in results.albums] == ["album", "single"]
    assert results.artists[0].name == "Oasis"
    assert catalog.search("   ").songs == ()


def test_album_page(catalog, fake):
    page = catalog.album("MPREb_IInSY5QXXrW")
    assert len(page.tracks) == 4 and page.tracks[2].title == "Wonderwall"
    assert page.tracks[2].duration_s == 259 and page.album.cover_url


def test_album_from_an_audio_playlist_id(catalog, fake):
    page = catalog.album("OLAK5uy_kunInnOpcKECWIBQGB0Qj6ZjquxDvfckg")
    assert [c[0] for c in fake.calls] == ["get_album_browse_id", "get_album"]
    assert page.album.id == "MPREb_IInSY5QXXrW"
    with pytest.raises(CatalogError, match="no album"):
        catalog.album("OLAK5uy_unknown")
    with pytest.raises(CatalogError):
        catalog.album("PLnotanalbum")


def test_artist_page_follows_more_pages_and_keeps_albums_and_singles_only(catalog, fake):
    page = catalog.artist("UCmMUZbaYdNH0bEd1PAlAqsA")
    more = [c for c in fake.calls if c[0] == "get_artist_albums"]
    assert [c[1][1] for c in more] == ["6gPTAUNwc0JDbndLYlFBQVFB", "6gPTAUNwc0JDbndLYlFBQVFC"]
    assert all(c[2]["limit"] is None for c in more)
    titles = [a.title for a in page.albums]
    assert "Definitely Maybe" in titles and "Stand By Me (Mustique Demo)" in titles
    assert "Time Flies... 1994-2009" not in titles  # compilation
    assert "Wonderwall" not in [v for v in titles if titles.count(v) > 1]
    assert page.artist.name == "Oasis" and page.artist.id == "UCmMUZbaYdNH0bEd1PAlAqsA"


def test_artist_page_without_more_pages_uses_the_carousel(fake):
    def no_more(channel_id):
        data = FakeYTMusic().get_artist(channel_id)
        for key in ("albums", "singles"):
            data[key].pop("params")
        return data

    fake.get_artist = no_more
    page = YTMusicCatalog(client=fake).artist("UCmMUZbaYdNH0bEd1PAlAqsA")
    assert [a.title for a in page.albums] == ["(What's The Story) Morning Glory?", "Wonderwall"]
    assert not [c for c in fake.calls if c[0] == "get_artist_albums"]


def test_track_and_playlist(catalog):
    track = catalog.track("ZrOKjDZOtkA")
    assert (track.title, track.duration_s, track.year, track.artists) == (
        "Wonderwall", 259, 1995, ("Oasis",))
    with pytest.raises(CatalogError, match="no playable track"):
        catalog.track("AAAAAAAAAAA")
    title, tracks = catalog.playlist("PLQwVIlKxHM6qv-o99iX9R85og7IzF9YS_")
    assert title == "Britpop Essentials"
    assert [t.id for t in tracks] == ["ZrOKjDZOtkA", "1lyu1KKwC74"]


def test_candidates_by_isrc_and_text(catalog, fake):
    by_isrc = catalog.by_isrc("GBBKS9500214")
    assert fake.calls[-1] == ("search", ("GBBKS9500214",), {"filter": None, "limit": 20})
    assert [(c.video_id, c.result_type, c.found_by) for c in by_isrc] == [
        ("bx1Bh8ZvH84", "video", "isrc"), ("ZrOKjDZOtkA", "song", "isrc")]
    videos = catalog.by_text("oasis - wonderwall", "videos")
    assert fake.calls[-1][2]["filter"] == "videos"
    assert videos[1].channel == "Oasis - Topic" and videos[0].views == 1_900_000_000
    assert all(c.found_by == "text" for c in videos)
    with pytest.raises(CatalogError):
        catalog.by_text("x", "albums")


def test_catalog_feeds_the_matcher(catalog):
    from cdcollector.domain.types import TrackQuery
    from cdcollector.downloads.matching import search_and_rank

    wanted = TrackQuery(title="Wonderwall", artists=["Oasis"], duration_s=258.7,
                        isrc="GBBKS9500214")
    ranked = search_and_rank(wanted, catalog)
    assert ranked[0].candidate.video_id == "ZrOKjDZOtkA"  # the song, not the 4:38 video


@pytest.mark.parametrize(
    ("raised", "expected", "message"),
    [
        (requests.ConnectionError("Max retries exceeded"), OfflineError, "cannot be reached"),
        (requests.Timeout("read timed out"), OfflineError, "cannot be reached"),
        (YTMusicServerError("Server returned HTTP 429: Too Many Requests.\nslow"),
         RateLimitedError, "slow down"),
        (YTMusicServerError("Server returned HTTP 503: Service Unavailable.\n"), CatalogError,
         "trouble"),
        (YTMusicUserError("Invalid filter provided."), CatalogError, "Invalid filter"),
        (KeyError("contents"), CatalogError, "request failed"),
        (ValueError("Expecting value: line 1 column 1"), CatalogError, "request failed"),
    ],
)
def test_failures_become_one_line_catalog_errors(raised, expected, message):
    catalog = YTMusicCatalog(client=FakeYTMusic(fail_with=raised))
    for call in (lambda: catalog.search("x"), lambda: catalog.album("MPREb_x"),
                 lambda: catalog.artist("UCx"), lambda: catalog.by_isrc("X"),
                 lambda: catalog.track("ZrOKjDZOtkA"), lambda: catalog.playlist("PLx")):
        with pytest.raises(expected, match=message) as info:
            call()
        assert "\n" not in str(info.value)
    if expected is RateLimitedError:
        assert info.value.retry_after_s > 0


def test_unexpected_answer_shape_is_a_catalog_error(fake):
    fake.get_album = lambda browse_id: {"title": "X", "tracks": [{"videoId": "a", "artists": 5}]}
    with pytest.raises(CatalogError, match="unexpected"):
        YTMusicCatalog(client=fake).album("MPREb_x")


def test_client_creation_failure_is_a_catalog_error():
    def broken(language):
        raise requests.ConnectionError("no route")

    with pytest.raises(OfflineError):
        YTMusicCatalog(client_factory=broken).search("x")


def test_calls_from_several_threads_are_serialised():
    import threading
    import time

    class Counting(FakeYTMusic):
        def __init__(self):
            super().__init__()
            self.active = self.most = 0

        def search(self, *args, **kwargs):
            self.active += 1
            self.most = max(self.most, self.active)
            time.sleep(0.01)
            self.active -= 1
            return super().search(*args, **kwargs)

    made = []
    catalog = YTMusicCatalog(client_factory=lambda lang: made.append(1) or Counting())
    threads = [threading.Thread(target=catalog.by_text, args=("q", "songs")) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and catalog._client.most == 1
