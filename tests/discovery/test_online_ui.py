"""The Discovery pane's online half with pytest-qt: local first, online later, stale answers
dropped, links opened directly, offline banner, source choice, song actions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cdcollector.catalog.base import SearchResults
from cdcollector.domain.errors import OfflineError
from cdcollector.library.models import Track
from cdcollector.services.discovery import DiscoveryService
from cdcollector.ui.models.online_results import STAR, STATUS, TITLE
from cdcollector.ui.panes.discovery import DiscoveryPane
from tests.fakes.catalogs import FakeCatalog, track


def add_local(ctx, *rows):
    with ctx.db.session() as session:
        for i, (title, artist, extra) in enumerate(rows):
            session.add(Track(title=title, artist_name=artist, format="mp3",
                              path=f"/music/{i}-{title}.mp3", **extra))


def local_titles(pane):
    return [pane.model.data(pane.model.index(r, 0)) for r in range(pane.model.rowCount())]


def online_titles(pane):
    songs = pane.browser.online.songs
    return [songs.data(songs.index(r, TITLE)) for r in range(songs.rowCount())]


def test_local_results_at_once_online_results_when_the_provider_answers(
        qtbot, pane, bus_ctx, yt_catalog):
    add_local(bus_ctx, ("Jóga", "Björk", {}), ("Teardrop", "Massive Attack", {}))
    bus_ctx.bus.library_changed.emit()
    release = yt_catalog.hold("bjork")
    qtbot.keyClicks(pane.search_box, "bjork")
    qtbot.waitUntil(lambda: local_titles(pane) == ["Jóga"])
    qtbot.waitUntil(lambda: yt_catalog.searched("bjork"))
    assert online_titles(pane) == []  # the provider has not answered yet
    assert pane.browser.online.isVisible()
    release.set()
    qtbot.waitUntil(lambda: online_titles(pane) == ["Hunter", "Jóga", "Unravel"])
    assert pane.browser.online.tabs.tabText(0) == "Songs (3)"
    assert pane.browser.online.albums.rowCount() == 1
    assert pane.browser.online.artists.rowCount() == 1
    assert local_titles(pane) == ["Jóga"]


def test_an_older_answer_never_overwrites_a_newer_one(qtbot, pane, yt_catalog):
    yt_catalog.results["second"] = SearchResults(
        songs=(track("Second Song", "B", "yt-2", yt_catalog.source),))
    yt_catalog.results["first"] = SearchResults(
        songs=(track("First Song", "A", "yt-1", yt_catalog.source),))
    slow = yt_catalog.hold("first")
    section = pane.browser.online
    qtbot.keyClicks(pane.search_box, "first")
    qtbot.waitUntil(lambda: yt_catalog.searched("first"))
    pane.search_box.clear()
    qtbot.keyClicks(pane.search_box, "second")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Second Song"])
    slow.set()  # the first query answers last
    qtbot.waitUntil(lambda: section.calls.dropped >= 1)
    assert online_titles(pane) == ["Second Song"]
    assert [c for c in yt_catalog.calls if c[0] == "search"] == [("search", "first"),
                                                                 ("search", "second")]


def test_typing_quickly_sends_one_online_query(qtbot, pane, yt_catalog):
    qtbot.keyClicks(pane.search_box, "bjork")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Hunter", "Jóga", "Unravel"])
    assert [c for c in yt_catalog.calls if c[0] == "search"] == [("search", "bjork")]


def test_a_pasted_link_opens_its_page_without_searching(qtbot, pane, yt_catalog):
    yt_catalog.albums["OLAK5uy_homogenic"] = yt_catalog.albums["MPREb_homogenic"]
    pane.search_box.setText("https://music.youtube.com/playlist?list=OLAK5uy_homogenic")
    browser = pane.browser
    qtbot.waitUntil(lambda: browser.currentWidget() is browser.album_page)
    page = browser.album_page
    assert page.header.title.text() == "Homogenic"
    assert page.tracks.rowCount() == 3
    assert not [c for c in yt_catalog.calls if c[0] == "search"]
    qtbot.mouseClick(page.header.back, Qt.MouseButton.LeftButton)
    assert browser.currentWidget() is browser.results


def test_a_pasted_track_link_shows_the_song(qtbot, pane, yt_catalog):
    yt_catalog.tracks["ZrOKjDZOtkA"] = track("Wonderwall", "Oasis", "ZrOKjDZOtkA",
                                             yt_catalog.source)
    pane.search_box.setText("https://youtu.be/ZrOKjDZOtkA")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Wonderwall"])


def test_a_bare_video_id_is_searched_and_offered_as_a_video(qtbot, pane, yt_catalog):
    yt_catalog.tracks["ZrOKjDZOtkA"] = track("Wonderwall", "Oasis", "ZrOKjDZOtkA",
                                             yt_catalog.source)
    section = pane.browser.online
    qtbot.keyClicks(pane.search_box, "ZrOKjDZOtkA")
    qtbot.waitUntil(lambda: yt_catalog.searched("ZrOKjDZOtkA"))  # searched as words, too
    assert section.offer.isVisible()
    assert section.offer.text() == "Open YouTube video ZrOKjDZOtkA"
    qtbot.mouseClick(section.offer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: online_titles(pane) == ["Wonderwall"])
    assert not section.offer.isVisible()


def test_a_video_opened_from_a_playlist_offers_the_playlist(qtbot, pane, yt_catalog):
    yt_catalog.tracks["ZrOKjDZOtkA"] = track("Wonderwall", "Oasis", "ZrOKjDZOtkA",
                                             yt_catalog.source)
    yt_catalog.playlists["PLroadtrip12345"] = ("Road trip", (yt_catalog.tracks["ZrOKjDZOtkA"],))
    section = pane.browser.online
    pane.search_box.setText("https://www.youtube.com/watch?v=ZrOKjDZOtkA&list=PLroadtrip12345")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Wonderwall"])
    assert section.offer.text() == "Open the playlist this video was in"
    qtbot.mouseClick(section.offer, Qt.MouseButton.LeftButton)
    browser = pane.browser
    qtbot.waitUntil(lambda: browser.currentWidget() is browser.album_page)
    assert browser.album_page.header.title.text() == "Road trip"


def test_a_video_from_a_mix_offers_nothing(qtbot, pane, yt_catalog):
    yt_catalog.tracks["ZrOKjDZOtkA"] = track("Wonderwall", "Oasis", "ZrOKjDZOtkA",
                                             yt_catalog.source)
    pane.search_box.setText("https://www.youtube.com/watch?v=ZrOKjDZOtkA&list=RDZrOKjDZOtkA")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Wonderwall"])
    assert not pane.browser.online.offer.isVisible()


def test_a_link_we_cannot_open_says_why_instead_of_searching(qtbot, pane, yt_catalog):
    section = pane.browser.online
    pane.search_box.setText("https://open.spotify.com/show/" + "A" * 22)
    qtbot.waitUntil(section.message.isVisible)
    assert section.message.text().startswith("Unsupported Spotify link")
    assert not yt_catalog.calls
    pane.search_box.setText("mr. brightside")  # ordinary words are searched
    qtbot.waitUntil(lambda: yt_catalog.searched("mr. brightside"))
    qtbot.waitUntil(lambda: "No online results" in section.status.text())
    assert not section.message.isVisible()


def test_offline_shows_a_banner_and_local_search_keeps_working(qtbot, pane, bus_ctx,
                                                               yt_catalog):
    add_local(bus_ctx, ("Hunter", "Björk", {}))
    bus_ctx.bus.library_changed.emit()
    yt_catalog.fail_with = OfflineError("YouTube Music cannot be reached.")
    qtbot.keyClicks(pane.search_box, "hunter")
    banner = pane.browser.online.banner
    qtbot.waitUntil(banner.isVisible)
    assert "offline" in banner.label.text() and "library still works" in banner.label.text()
    assert local_titles(pane) == ["Hunter"]
    assert not pane.services.discovery.is_online()
    pane.search_box.setText("https://open.spotify.com/show/abc")  # refused without the network
    section = pane.browser.online
    qtbot.waitUntil(section.message.isVisible)
    assert section.message.text().startswith("Unsupported Spotify link")
    assert "Unsupported" not in banner.label.text()
    pane.search_box.setText("hunter")
    yt_catalog.fail_with = None
    yt_catalog.results["hunter"] = SearchResults(
        songs=(track("Hunter", "Björk", "yt-h", yt_catalog.source),))
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: online_titles(pane) == ["Hunter"])
    assert not banner.isVisible()


def test_source_choice_only_with_spotify(qtbot, ui_services, bus_ctx, yt_catalog):
    spotify = FakeCatalog()
    spotify.results["bjork"] = SearchResults(songs=(track("Spotify Jóga", "Björk", "sp1"),))
    ui_services.__dict__["discovery"] = DiscoveryService(
        bus_ctx, catalogs={"ytmusic": yt_catalog, "spotify": spotify})
    pane = DiscoveryPane(ui_services)
    qtbot.addWidget(pane)
    pane.show()
    section = pane.browser.online
    qtbot.keyClicks(pane.search_box, "bjork")
    qtbot.waitUntil(lambda: online_titles(pane) == ["Hunter", "Jóga", "Unravel"])
    box = section.source_box
    assert box.isVisible() and [box.itemText(i) for i in range(box.count())] == [
        "YouTube Music", "Spotify"]
    box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: online_titles(pane) == ["Spotify Jóga"])
    assert spotify.searched("bjork")


def test_no_source_choice_with_youtube_music_only(pane):
    assert not pane.browser.online.source_box.isVisibleTo(pane)
    assert "YouTube Music" in pane.browser.online.title.text()


def test_badges_and_stars_on_online_songs(qtbot, pane, bus_ctx, ui_services):
    add_local(bus_ctx, ("Jóga", "Björk", {"youtube_id": "MPREb_homogenic-2"}))
    with bus_ctx.db.session() as session:
        session.add(Track(title="Hunter", artist_name="Björk", youtube_id="MPREb_homogenic-1"))
    qtbot.keyClicks(pane.search_box, "bjork")
    songs = pane.browser.online.songs
    qtbot.waitUntil(lambda: songs.data(songs.index(1, STATUS)) == "Downloaded")
    assert songs.data(songs.index(0, STATUS)) == "In library"
    assert songs.data(songs.index(2, STATUS)) == ""
    view = pane.browser.online.songs_view
    star = songs.index(2, STAR)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(star).center())
    track_id = songs.track_id(2)
    assert track_id is not None and songs.is_favourite(2)
    assert track_id in ui_services.favourites.favourite_ids("track")
    ui_services.favourites.set("track", track_id, False)  # from another pane: the star follows
    assert not songs.is_favourite(2)
    in_library = songs.index(0, STAR)  # already a library track: toggled directly
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(in_library).center())
    assert songs.track_id(0) in ui_services.favourites.favourite_ids("track")
    assert songs.is_favourite(0)


def test_song_context_menu_downloads_and_adds_to_a_playlist(qtbot, pane, ui_services):
    mix = ui_services.playlists.create("Car mix")
    qtbot.keyClicks(pane.search_box, "bjork")
    qtbot.waitUntil(lambda: len(online_titles(pane)) == 3)
    section = pane.browser.online
    view = section.songs_view
    point = view.visualRect(section.songs.index(1, TITLE)).center()
    view.customContextMenuRequested.emit(point)
    menu = section.context_menu
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Download", "Add to playlist"] and "Add to favourites" in texts
    playlists = menu.actions()[1].menu()
    assert [a.text() for a in playlists.actions() if a.text()] == ["Car mix", "New playlist…"]
    playlists.actions()[0].trigger()
    entries = ui_services.playlists.entries(mix.id)
    assert [e.track.title for e in entries] == ["Jóga"]
    menu.actions()[0].trigger()
    jobs = ui_services.downloads.list_jobs()
    assert [j.title for j in jobs] == ["Jóga"]
    menu.close()
