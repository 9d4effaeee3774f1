"""DiscoveryService over fake catalogues: search, links, pages, badges, offline state."""

from __future__ import annotations

import pytest
import requests

from cdcollector.catalog.base import AlbumPage, ArtistPage
from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.errors import AuthError, CatalogError, LinkError, OfflineError
from cdcollector.domain.types import AlbumRef, ArtistRef, Source, TrackRef
from cdcollector.library.models import Track
from cdcollector.services.discovery import (
    DOWNLOADED,
    IN_LIBRARY,
    DiscoveryService,
    is_link,
    looks_like_link,
)
from cdcollector.services.favourites import FavouriteService
from tests.fakes.ytmusic import FakeYTMusic


def test_search_online_youtube_music_and_spotify(discovery, ytfake, spotify_fake):
    yt = discovery.search_online("  wonderwall ", "ytmusic")
    assert yt.songs[0].title == "Wonderwall" and yt.songs[0].source is Source.YTMUSIC
    assert yt.albums and yt.artists[0].name == "Oasis"
    assert {c[1] for c in ytfake.calls} == {("wonderwall",)}
    sp = discovery.search_online("bjork", "spotify")
    assert [t.title for t in sp.songs] == ["Hunter", "Jóga", "Unravel"]
    assert discovery.search_online("   ", "ytmusic").songs == ()
    with pytest.raises(CatalogError, match="Unknown catalogue"):
        discovery.search_online("x", "napster")


def test_sources_follow_the_spotify_login(ctx, ytfake):
    class Account:
        logged_in = False

        def status(self):
            return type("S", (), {"logged_in": self.logged_in})()

        def catalog(self):
            return "the spotify catalog"

    account = Account()
    ctx.update_settings(spotify_client_id="my-app")  # a login needs the user's client id
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=ytfake)},
                               spotify_factory=lambda: account)
    assert service.sources() == ["ytmusic"]
    with pytest.raises(AuthError, match="Log in to Spotify"):
        service.catalog("spotify")
    account.logged_in = True
    assert service.sources() == ["ytmusic", "spotify"]
    assert service.catalog("spotify") == "the spotify catalog"


def test_without_a_client_id_only_youtube_music_is_offered(ctx):
    assert DiscoveryService(ctx).sources() == ["ytmusic"]


def test_resolve_links_of_every_kind(discovery):
    album = discovery.resolve_link(
        "https://music.youtube.com/playlist?list=OLAK5uy_kunInnOpcKECWIBQGB0Qj6ZjquxDvfckg")
    assert (album.kind, album.source) == ("album", "ytmusic")
    assert isinstance(album.page, AlbumPage) and album.page.tracks[2].title == "Wonderwall"

    artist = discovery.resolve_link("https://music.youtube.com/channel/UCmMUZbaYdNH0bEd1PAlAqsA")
    assert isinstance(artist.page, ArtistPage) and artist.page.artist.name == "Oasis"

    song = discovery.resolve_link("https://youtu.be/ZrOKjDZOtkA?si=abc")
    assert song.kind == "track" and isinstance(song.page, TrackRef)
    assert song.page.title == "Wonderwall"

    playlist = discovery.resolve_link(
        "https://www.youtube.com/playlist?list=PLQwVIlKxHM6qv-o99iX9R85og7IzF9YS_")
    assert playlist.kind == "playlist" and playlist.page.album.kind == "playlist"
    assert playlist.page.album.title == "Britpop Essentials"
    assert [t.id for t in playlist.page.tracks] == ["ZrOKjDZOtkA", "1lyu1KKwC74"]


def test_resolve_spotify_links(discovery, spotify_fake):
    album = "https://open.spotify.com/intl-de/album/" + "A" * 22
    spotify_fake.albums["A" * 22] = spotify_fake.albums["sp-album-1"]
    assert discovery.resolve_link(album).page.album.title == "Homogenic"
    spotify_fake.artists["B" * 22] = spotify_fake.artists["sp-artist-1"]
    page = discovery.resolve_link(f"spotify:artist:{'B' * 22}").page
    assert [a.title for a in page.albums] == ["Homogenic", "Jóga"]
    spotify_fake.tracks["C" * 22] = spotify_fake.tracks["sp-track-1"]
    assert discovery.resolve_link(f"open.spotify.com/track/{'C' * 22}").page.title == "Jóga"
    found = discovery.resolve_link("https://open.spotify.com/playlist/37i9dQZF1DX0XUsuxWHRQd")
    assert found.page.album.title == "Icelandic gems" and len(found.page.tracks) == 2


def test_link_errors_pass_through_with_their_message(discovery):
    with pytest.raises(LinkError, match="Not a Spotify or YouTube link"):
        discovery.resolve_link("https://example.com/song")
    assert not is_link("wonderwall oasis") and is_link("https://youtu.be/ZrOKjDZOtkA")


@pytest.mark.parametrize(("text", "linkish"), [
    ("https://example.com/x", True), ("spotify:show:abc", True), ("www.example.org", True),
    ("open.spotify.com/show/abc", True), ("https://youtu.be/ZrOKjDZOtkA", True),
    ("bjork", False), ("AC/DC", False), ("R.E.M.", False), ("mr. brightside", False),
    ("10cc - I'm Not in Love", False),
])
def test_what_counts_as_a_pasted_link(text, linkish):
    assert looks_like_link(text) is linkish


def test_spotify_link_without_login_says_how_to_log_in(ctx, ytfake):
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=ytfake)})
    with pytest.raises(AuthError, match="Settings → Accounts"):
        service.resolve_link("spotify:album:" + "A" * 22)


def test_album_and_artist_pages_are_cached(discovery, spotify_fake):
    page = discovery.album("spotify", "sp-album-1")
    assert [t.title for t in page.tracks] == ["Hunter", "Jóga", "Unravel"]
    assert discovery.album("spotify", "sp-album-1") is page
    assert spotify_fake.calls.count(("album", "sp-album-1")) == 1
    artist = discovery.artist("spotify", "sp-artist-1")
    assert [a.kind for a in artist.albums] == ["album", "album"]


def test_ytmusic_artist_page_has_albums_and_singles_only(discovery):
    page = discovery.artist("ytmusic", "UCmMUZbaYdNH0bEd1PAlAqsA")
    titles = [a.title for a in page.albums]
    assert "Definitely Maybe" in titles and "Time Flies... 1994-2009" not in titles
    assert {a.kind for a in page.albums} <= {"album", "single", "ep"}


def test_album_tracks_and_discography_for_downloads(discovery, spotify_fake):
    tracks = discovery.album_tracks("spotify", "sp-album-1")
    assert [(t.album, t.album_artist, t.year) for t in tracks] == [("Homogenic", "Björk", 1997)] * 3
    everything = discovery.discography("spotify", "sp-artist-1")
    assert [t.title for t in everything] == ["Hunter", "Jóga", "Unravel"]  # the single once
    assert spotify_fake.calls.count(("album", "sp-album-1")) == 1


def test_badges_in_library_and_downloaded(ctx, discovery, tmp_path):
    on_disk = tmp_path / "joga.mp3"
    on_disk.write_bytes(b"x")
    with ctx.db.session() as session:
        session.add(Track(title="Jóga", artist_name="Björk", duration_s=182.0,
                          path=str(on_disk), spotify_id="sp-album-1-2"))
        session.add(Track(title="Hunter", artist_name="Björk", duration_s=181.0))
        session.add(Track(title="Unravel", artist_name="Björk", duration_s=183.0,
                          path=str(tmp_path / "gone.mp3"), file_missing=True))
    page = discovery.album("spotify", "sp-album-1")
    by_title = dict(zip([t.title for t in page.tracks], discovery.badges(page.tracks),
                        strict=True))
    assert by_title == {"Hunter": IN_LIBRARY, "Jóga": DOWNLOADED, "Unravel": IN_LIBRARY}
    stranger = TrackRef(title="Nothing", artists=("Nobody",), source=Source.SPOTIFY, id="zz")
    assert discovery.badges([stranger]) == [None]
    statuses = discovery.library_status(page.tracks)
    assert all(s.track_id for s in statuses)


def test_album_star_lookup_adds_nothing(ctx, discovery):
    album = AlbumRef(title="Homogenic", artists=("Björk",), source=Source.SPOTIFY, id="sp-a")
    artist = ArtistRef(name="Björk", source=Source.SPOTIFY, id="sp-artist-1")
    assert not discovery.is_favourite(album) and not discovery.is_favourite(artist)
    with ctx.db.session() as session:
        assert session.exec(Track.metadata.tables["album"].select()).all() == []
    FavouriteService(ctx).favourite_ref(album)
    assert discovery.is_favourite(album) and not discovery.is_favourite(artist)


def test_offline_state_is_set_and_cleared(ctx):
    fake = FakeYTMusic(fail_with=requests.ConnectionError("no route"))
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=fake)})
    assert service.is_online()
    with pytest.raises(OfflineError):
        service.search_online("wonderwall")
    assert not service.is_online() and "cannot be reached" in service.offline_message
    with pytest.raises(OfflineError):
        service.resolve_link("https://youtu.be/ZrOKjDZOtkA")
    fake.fail_with = None
    assert service.search_online("wonderwall").songs
    assert service.is_online() and service.offline_message is None


def test_a_catalogue_error_means_the_network_works(ctx):
    fake = FakeYTMusic(fail_with=requests.ConnectionError("down"))
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=fake)})
    with pytest.raises(OfflineError):
        service.album("ytmusic", "MPREb_IInSY5QXXrW")
    with pytest.raises(CatalogError, match="Not a YouTube Music album id"):
        service.album("ytmusic", "nonsense")
    assert service.is_online()


def test_real_default_catalogue_goes_offline_behind_the_network_guard(ctx):
    service = DiscoveryService(ctx)  # the real YTMusic client; the guard refuses the internet
    with pytest.raises(OfflineError):
        service.search_online("wonderwall")
    assert not service.is_online()


def test_without_a_client_id_spotify_is_not_loaded_to_answer_sources(ctx):
    from cdcollector.services.discovery import DiscoveryService

    loaded = []
    service = DiscoveryService(ctx, spotify_factory=lambda: loaded.append(1))
    assert service.sources() == ["ytmusic"]
    assert loaded == []
