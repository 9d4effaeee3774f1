"""Album and artist pages: tracks, cover art (placeholder first), Download album/discography."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from cdcollector.library.models import DownloadJob
from cdcollector.ui.models.online_results import TITLE
from tests.fakes.cover_server import CoverServer


def queued_titles(ctx) -> list[str]:
    import json

    with ctx.db.session() as session:
        jobs = session.exec(select(DownloadJob).order_by(DownloadJob.id)).all()
        return [(job.state, json.loads(job.request_json)["ref"]["title"]) for job in jobs]


def activate(qtbot, view, index):
    """Open an item the keyboard way (Enter); a double-click emits the same `activated`."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def open_album_from_results(qtbot, pane):
    qtbot.keyClicks(pane.search_box, "bjork")
    section = pane.browser.online
    qtbot.waitUntil(lambda: section.albums.rowCount() == 1)
    section.tabs.setCurrentIndex(1)
    activate(qtbot, section.albums_view, section.albums.index(0, 0))
    page = pane.browser.album_page
    qtbot.waitUntil(lambda: page.tracks.rowCount() == 3)
    return page


def test_album_page_lists_tracks_and_download_album_queues_them(qtbot, pane, bus_ctx):
    page = open_album_from_results(qtbot, pane)
    assert pane.browser.currentWidget() is page
    tracks = page.tracks
    assert [tracks.data(tracks.index(r, TITLE)) for r in range(3)] == [
        "Hunter", "Jóga", "Unravel"]
    assert [tracks.data(tracks.index(r, 5)) for r in range(3)] == ["3:01", "3:02", "3:03"]
    assert page.header.title.text() == "Homogenic"
    assert page.header.subtitle.text() == "Björk"
    assert "1997" in page.header.facts.text() and "3 tracks" in page.header.facts.text()
    assert page.header.cover.property("placeholder") is True  # no cover URL: placeholder
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(queued_titles(bus_ctx)) == 3)
    assert queued_titles(bus_ctx) == [("queued", "Hunter"), ("queued", "Jóga"),
                                      ("queued", "Unravel")]
    job = pane.services.downloads.list_jobs()[0]
    assert job.album == "Homogenic"
    qtbot.waitUntil(page.download_button.isEnabled)
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)  # again: no duplicates
    qtbot.waitUntil(page.download_button.isEnabled)
    assert len(queued_titles(bus_ctx)) == 3


def test_album_cover_replaces_the_placeholder(qtbot, pane, yt_catalog, ui_services):
    with CoverServer() as server:
        yt_catalog.add_album("MPREb_vespertine", "Vespertine", "Björk", ["Hidden Place"],
                             cover_url=server.url("/cover/vespertine.png"))
        pane.browser.open_album("ytmusic", "MPREb_vespertine")
        header = pane.browser.album_page.header
        qtbot.waitUntil(lambda: header.cover.property("placeholder") is False)
        assert not header.cover.pixmap().isNull()
        covers = ui_services.ctx.paths.covers_dir
        assert len(list(covers.iterdir())) == 1


def test_album_star_adds_the_album_to_favourites(qtbot, pane, ui_services):
    page = open_album_from_results(qtbot, pane)
    assert page.header.star.isVisibleTo(page) and not page.header.star.isChecked()
    qtbot.mouseClick(page.header.star, Qt.MouseButton.LeftButton)
    assert [a.title for a in ui_services.favourites.albums()] == ["Homogenic"]
    assert page.header.star.isChecked()


def test_artist_page_lists_albums_and_singles_and_downloads_the_discography(
        qtbot, pane, bus_ctx):
    qtbot.keyClicks(pane.search_box, "bjork")
    section = pane.browser.online
    qtbot.waitUntil(lambda: section.artists.rowCount() == 1)
    section.tabs.setCurrentIndex(2)
    activate(qtbot, section.artists_view, section.artists.index(0, 0))
    page = pane.browser.artist_page
    qtbot.waitUntil(lambda: page.releases.rowCount() == 3)
    assert pane.browser.currentWidget() is page
    assert [page.releases.item_at(r).title for r in range(3)] == ["Homogenic", "Post", "Jóga"]
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(queued_titles(bus_ctx)) == 5)
    assert [t for _, t in queued_titles(bus_ctx)] == [
        "Hunter", "Jóga", "Unravel", "Army of Me", "Hyperballad"]  # the single's Jóga once

    activate(qtbot, page.grid, page.releases.index(1, 0))
    album = pane.browser.album_page
    qtbot.waitUntil(lambda: album.header.title.text() == "Post")
    qtbot.mouseClick(album.header.back, Qt.MouseButton.LeftButton)
    assert pane.browser.currentWidget() is page  # back to the artist, not the results
    qtbot.mouseClick(page.header.back, Qt.MouseButton.LeftButton)
    assert pane.browser.currentWidget() is pane.browser.results


def test_a_failing_page_goes_back_and_says_why(qtbot, pane, ui_services):
    errors = []
    ui_services.bus.error.connect(errors.append)
    pane.browser.open_album("ytmusic", "MPREb_unknown")
    qtbot.waitUntil(lambda: errors != [])
    assert "no album" in errors[0]
    assert pane.browser.currentWidget() is pane.browser.results


def test_typing_leaves_a_page_for_the_results(qtbot, pane):
    open_album_from_results(qtbot, pane)
    qtbot.keyClicks(pane.search_box, "x")
    assert pane.browser.currentWidget() is pane.browser.results


def test_a_playlist_link_opens_a_page_with_download_all_and_add_to_playlist(
        qtbot, pane, yt_catalog, ui_services, bus_ctx):
    homogenic = yt_catalog.albums["MPREb_homogenic"].tracks
    yt_catalog.playlists["PLmix00001"] = ("Road trip", homogenic[:2])
    road = ui_services.playlists.create("Road")
    pane.search_box.setText("https://www.youtube.com/playlist?list=PLmix00001")
    page = pane.browser.album_page
    qtbot.waitUntil(lambda: page.header.title.text() == "Road trip")
    assert page.download_button.text() == "Download all"
    assert not page.table.isColumnHidden(4)  # each track's own album is shown
    assert not page.header.star.isVisibleTo(page)  # a remote playlist is not starred
    qtbot.mouseClick(page.playlist_button, Qt.MouseButton.LeftButton)
    assert [a.text() for a in page.context_menu.actions() if a.text()] == [
        "Road", "New playlist…"]
    page.context_menu.actions()[0].trigger()
    page.context_menu.close()
    assert [e.track.title for e in ui_services.playlists.entries(road.id)] == ["Hunter", "Jóga"]
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    assert [t for _, t in queued_titles(bus_ctx)] == ["Hunter", "Jóga"]
