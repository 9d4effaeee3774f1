"""Discovery fixtures: network guard (loopback only), fake catalogues, the service over them."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from cdcollector.catalog.base import SearchResults
from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.types import ArtistRef, Source
from cdcollector.services.discovery import DiscoveryService
from tests.fakes.catalogs import FakeCatalog
from tests.fakes.ytmusic import FakeYTMusic


def _loopback(address) -> bool:
    if not isinstance(address, tuple):
        return True  # unix sockets (Qt, the keyring) are local
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any attempt to reach a non-loopback address fails like a dead network would."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        if not _loopback(address):
            raise OSError(f"test network guard: {address!r} is not loopback")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def ytfake():
    return FakeYTMusic()


@pytest.fixture
def spotify_fake():
    fake = FakeCatalog()
    fake.add_album("sp-album-1", "Homogenic", "Björk", ["Hunter", "Jóga", "Unravel"],
                   year=1997)
    fake.add_album("sp-single-1", "Jóga", "Björk", ["Jóga"], year=1997)
    fake.add_artist("sp-artist-1", "Björk", ["sp-album-1", "sp-single-1"])
    fake.tracks["sp-track-1"] = fake.albums["sp-album-1"].tracks[1]
    fake.playlists["37i9dQZF1DX0XUsuxWHRQd"] = (
        "Icelandic gems", fake.albums["sp-album-1"].tracks[:2])
    fake.results["bjork"] = SearchResults(
        songs=fake.albums["sp-album-1"].tracks,
        albums=(fake.albums["sp-album-1"].album,),
        artists=(ArtistRef(name="Björk", source=Source.SPOTIFY, id="sp-artist-1"),),
    )
    return fake


@pytest.fixture
def discovery(ctx, ytfake, spotify_fake):
    return DiscoveryService(ctx, catalogs={"ytmusic": YTMusicCatalog(client=ytfake),
                                           "spotify": spotify_fake})



# --- the desktop side ------------------------------------------------------------------------


@pytest.fixture
def yt_catalog():
    """A scripted "YouTube Music" for the UI tests (the recorded fake answers one query)."""
    fake = FakeCatalog(name="YouTube Music", source=Source.YTMUSIC)
    page = fake.add_album("MPREb_homogenic", "Homogenic", "Björk",
                          ["Hunter", "Jóga", "Unravel"], year=1997)
    fake.add_album("MPREb_post", "Post", "Björk", ["Army of Me", "Hyperballad"], year=1995)
    fake.add_album("MPREb_single", "Jóga", "Björk", ["Jóga"], year=1997)
    fake.add_artist("UCbjork0000000000000000", "Björk",
                    ["MPREb_homogenic", "MPREb_post", "MPREb_single"])
    fake.results["bjork"] = SearchResults(
        songs=page.tracks, albums=(page.album,),
        artists=(ArtistRef(name="Björk", source=Source.YTMUSIC,
                           id="UCbjork0000000000000000"),))
    return fake


@pytest.fixture
def ui_services(bus_ctx, yt_catalog):
    """Services whose discovery answers from fakes and whose download queue stays paused
    (jobs are only recorded, never run)."""
    from PySide6.QtCore import QThreadPool

    from cdcollector.services.container import Services
    from cdcollector.services.download_provider import DownloadProvider
    from cdcollector.services.downloads import DownloadService

    services = Services(bus_ctx)
    services.__dict__["discovery"] = DiscoveryService(bus_ctx, catalogs={"ytmusic": yt_catalog})
    downloads = DownloadService(bus_ctx, provider=DownloadProvider(resolve=lambda ref: []))
    downloads.pause_all()
    services.__dict__["downloads"] = downloads
    yield services
    QThreadPool.globalInstance().waitForDone()
    downloads.shutdown()


@pytest.fixture
def pane(qtbot, ui_services):
    """The Discovery pane over `ui_services`, shown."""
    from cdcollector.ui.panes.discovery import DiscoveryPane

    widget = DiscoveryPane(ui_services)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
