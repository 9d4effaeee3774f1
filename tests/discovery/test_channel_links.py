"""Channel links by handle, /c/, /user/ or vanity name open the channel's artist page."""

from __future__ import annotations

import pytest
import yt_dlp

from cdcollector.catalog.youtube_channels import resolve_channel
from cdcollector.catalog.ytmusic import YTMusicCatalog
from cdcollector.domain.errors import CatalogError, OfflineError
from cdcollector.services.discovery import DiscoveryService
from tests.fakes.ytmusic import FakeYTMusic

UC = "UCmMUZbaYdNH0bEd1PAlAqsA"


def test_a_handle_is_resolved_once_then_the_artist_page_is_read(ctx):
    asked = []
    client = FakeYTMusic()

    def resolver(name):
        asked.append(name)
        return UC

    discovery = DiscoveryService(ctx, catalogs={
        "ytmusic": YTMusicCatalog(client=client, channel_resolver=resolver)})
    opened = discovery.resolve_link("https://www.youtube.com/@SomeBand/videos")
    assert asked == ["@SomeBand"]
    assert opened.kind == "artist"
    assert ("get_artist", (UC,), {}) in client.calls
    assert opened.page.albums  # the discography of the resolved channel


def test_a_channel_id_is_never_resolved(ctx):
    catalog = YTMusicCatalog(client=FakeYTMusic(), channel_resolver=pytest.fail)
    assert catalog.artist(UC).albums


class _Page:
    """Stands in for yt_dlp.YoutubeDL: records the URL and answers like YoutubeTabIE."""

    answer: dict | Exception = {}
    seen: list = []

    def __init__(self, params):
        self.params = params

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def extract_info(self, url, download, process):
        _Page.seen.append((url, download, process, self.params.get("extract_flat")))
        if isinstance(_Page.answer, Exception):
            raise _Page.answer
        return _Page.answer


@pytest.fixture
def page(monkeypatch):
    monkeypatch.setattr(yt_dlp, "YoutubeDL", _Page)
    _Page.seen = []
    return _Page


def test_the_resolver_reads_one_channel_page_without_its_videos(page):
    page.answer = {"channel_id": UC, "title": "Some Band - Videos"}
    assert resolve_channel("c/SomeBand") == UC
    assert page.seen == [("https://www.youtube.com/c/SomeBand", False, False, True)]


def test_an_unknown_channel_is_one_line(page):
    page.answer = yt_dlp.utils.DownloadError("ERROR: [youtube:tab] Unable to download webpage: "
                                             "HTTP Error 404: Not Found")
    with pytest.raises(CatalogError, match="YouTube has no channel @nobody"):
        resolve_channel("@nobody")


def test_no_network_while_resolving_is_offline(page):
    page.answer = yt_dlp.utils.DownloadError("ERROR: Unable to download webpage: "
                                             "<urlopen error [Errno 111] Connection refused>")
    with pytest.raises(OfflineError):
        resolve_channel("@SomeBand")


def test_an_answer_without_a_channel_id_is_refused(page):
    page.answer = {"title": "not a channel"}
    with pytest.raises(CatalogError, match="did not say which channel"):
        resolve_channel("SomeVanityName")
