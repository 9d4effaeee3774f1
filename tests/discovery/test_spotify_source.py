"""Discovery through the real Spotify client (spotipy) against the loopback fake Spotify API."""

from __future__ import annotations

from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.types import Source
from cdcollector.services.discovery import DiscoveryService
from tests.fakes.spotify_api import fake_spotify, spotify_account  # noqa: F401 (fixtures)

MR_BRIGHTSIDE = "3n3Ppam7vgaVa1iaRUc9Lp"


def test_logged_in_spotify_is_offered_and_searched(ctx, spotify_account, ytfake):  # noqa: F811
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=ytfake)},
                               spotify_factory=lambda: spotify_account)
    assert service.sources() == ["ytmusic", "spotify"]
    results = service.search_online("Muse", "spotify")
    assert results.songs and all(s.source == Source.SPOTIFY for s in results.songs)
    link = service.resolve_link(f"https://open.spotify.com/intl-fr/track/{MR_BRIGHTSIDE}?si=x")
    assert (link.source, link.kind, link.page.title) == ("spotify", "track", "Mr. Brightside")
    album = service.resolve_link("spotify:album:0sNOF9WDwhWunNAHPD3Baj").page
    assert album.tracks and all(t.source == Source.SPOTIFY for t in album.tracks)


def test_logging_out_hides_spotify(ctx, spotify_account, ytfake):  # noqa: F811
    service = DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=ytfake)},
                               spotify_factory=lambda: spotify_account)
    spotify_account.logout()
    assert service.sources() == ["ytmusic"]
