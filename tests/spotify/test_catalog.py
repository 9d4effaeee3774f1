"""SpotifyCatalog via the real spotipy against the fake: pages, paging, playlists, Liked Songs."""

from __future__ import annotations

import pytest

from cdcollector.catalog.spotify.client import PLAYLIST_FIELDS
from cdcollector.domain.errors import CatalogError
from cdcollector.domain.types import Source

MR_BRIGHTSIDE = "3n3Ppam7vgaVa1iaRUc9Lp"
WIZZLER_PLAYLIST = "53Y8wT46QIMz5H4WQ8O22c"


def test_search_pages_past_ten_with_offset(catalog, fake_spotify):
    fake_spotify.make_tracks(15, title_prefix="Muse Tribute")
    results = catalog.search("Muse", limit=20)
    assert len(results.songs) == 20 and len({s.id for s in results.songs}) == 20
    assert results.albums and results.artists
    song = results.songs[0]
    assert song.source == Source.SPOTIFY and song.id and song.spotify_id == song.id
    assert song.isrc and song.duration_s and song.album and song.cover_url
    assert all("Muse" in s.artist_display or "Muse" in s.title or "muse" in (s.album or "").lower()
               for s in results.songs)
    assert results.artists[0].source == Source.SPOTIFY
    first, second = fake_spotify.requests_to("^/v1/search$")
    assert (first.query["offset"], second.query["offset"]) == ("0", "10")
    assert first.query["limit"] == second.query["limit"] == "10"
    assert first.query["type"] == "track,album,artist"
    fake_spotify.clear_log()
    assert len(catalog.search("Muse", limit=5).songs) == 5
    (only,) = fake_spotify.requests_to("^/v1/search$")
    assert only.query["limit"] == "5"


def test_search_by_isrc_finds_the_track(catalog):
    songs = catalog.search("isrc:GBFFP0300052").songs
    assert [s.title for s in songs] == ["Mr. Brightside"]


def test_blank_search_asks_nothing(catalog, fake_spotify):
    assert catalog.search("   ").songs == ()
    assert fake_spotify.requests_to("search") == []


def test_track_keeps_matching_fields(catalog):
    track = catalog.track(f"spotify:track:{MR_BRIGHTSIDE}")
    assert track.title == "Mr. Brightside" and track.artists == ("The Killers",)
    assert track.isrc == "GBFFP0300052" and track.duration_s == pytest.approx(222.2)
    assert (track.track_number, track.disc_number, track.explicit) == (2, 1, False)
    assert track.album == "Hot Fuss (Deluxe Version)" and track.album_artist == "The Killers"
    assert track.cover_url.endswith("ac68a9e4a867ec3ce8249cd90a2d7c73755fb487")


def test_album_page_follows_next_over_all_tracks(catalog, fake_spotify):
    artist = fake_spotify.catalog.add_artist("Box Set Band")
    album_id = fake_spotify.catalog.add_album("Complete Works", artist, n_tracks=73)
    page = catalog.album(album_id)
    assert page.album.title == "Complete Works" and page.album.total_tracks == 73
    assert [t.track_number for t in page.tracks] == list(range(1, 74))
    assert {t.album for t in page.tracks} == {"Complete Works"}
    assert all(t.year == 2020 and t.artists == ("Box Set Band",) for t in page.tracks)
    paged = fake_spotify.requests_to(f"^/v1/albums/{album_id}/tracks$")
    assert [r.query["offset"] for r in paged] == ["50"]


def test_fixture_album(catalog):
    page = catalog.album("0sNOF9WDwhWunNAHPD3Baj")
    assert page.album.title == "She's So Unusual" and page.album.year == 1983
    assert page.tracks[0].title == "Money Changes Everything"
    assert page.tracks[0].album == "She's So Unusual"


def test_artist_discography_is_albums_and_singles_only(catalog, fake_spotify):
    data = fake_spotify.catalog
    artist = data.add_artist("Prolific")
    for i in range(4):
        data.add_album(f"LP {i}", artist, n_tracks=2)
    for i in range(9):
        data.add_album(f"Single {i}", artist, n_tracks=1, album_type="single")
    data.add_album("Best Of", artist, n_tracks=2, album_type="compilation")
    data.add_album("Various Artists Sampler", artist, n_tracks=1, group="appears_on")
    page = catalog.artist(artist)
    assert page.artist.name == "Prolific"
    titles = [a.title for a in page.albums]
    assert titles == [f"LP {i}" for i in range(4)] + [f"Single {i}" for i in range(9)]
    assert {a.kind for a in page.albums} == {"album", "single"}
    requests = fake_spotify.requests_to(f"^/v1/artists/{artist}/albums$")
    assert len(requests) == 2  # 13 albums, at most 10 per page
    assert all(r.query["include_groups"] == "album,single" for r in requests)


def test_fixture_artist_singles(catalog):
    page = catalog.artist("1vCWHaC5f2uS3yhpwWbIA6")
    assert [a.title for a in page.albums] == [
        "Heaven (David Guetta & MORTEN Remix)", "Tough Love (Tiësto Remix)"]
    assert page.albums[0].kind == "single" and page.albums[0].year == 2019


def test_user_playlists_all_pages(catalog, fake_spotify):
    for i in range(60):
        fake_spotify.create_playlist(f"Mix {i:02d}", fake_spotify.make_tracks(i % 3))
    playlists = catalog.user_playlists()
    assert len(playlists) == 63
    first = playlists[0]
    assert (first.id, first.name, first.owner_id) == (
        WIZZLER_PLAYLIST, "Wizzlers Big Playlist", "wizzler")
    assert first.snapshot_id == fake_spotify.playlists[WIZZLER_PLAYLIST].snapshot_id
    assert first.track_count == 3
    assert playlists[-1].name == "Mix 59" and playlists[-1].track_count == 2
    assert len(fake_spotify.requests_to("^/v1/me/playlists$")) == 2


def test_playlist_items_pages_in_order_and_skips_local_and_episodes(catalog, fake_spotify):
    ids = fake_spotify.make_tracks(120)
    pid = fake_spotify.create_playlist("Long", ids[:60])
    fake_spotify.playlist_add_local(pid, "Demo Tape", "Me")
    fake_spotify.playlist_add_episode(pid)
    fake_spotify.playlist_add(pid, ids[60:])
    content = catalog.playlist_items(pid)
    assert [t.id for t in content.tracks] == ids
    assert [(s.position, s.kind) for s in content.skipped] == [(60, "local"), (61, "episode")]
    assert "Demo Tape" in content.skipped[0].note and "episode" in content.skipped[1].note
    pages = fake_spotify.requests_to(f"^/v1/playlists/{pid}/items$")
    assert [r.query.get("offset", "0") for r in pages] == ["0", "50", "100"]
    assert pages[0].query["additional_types"] == "track,episode"


def test_playlist_snapshot_changes_with_add_remove_and_reorder(catalog, fake_spotify):
    ids = fake_spotify.make_tracks(5)
    pid = fake_spotify.create_playlist("Edits", ids)
    fake_spotify.clear_log()
    first = catalog.playlist_info(pid).snapshot_id
    assert first == catalog.playlist_info(pid).snapshot_id
    assert fake_spotify.requests_to("/items$") == []
    assert all(r.query["fields"] == PLAYLIST_FIELDS
               for r in fake_spotify.requests_to("playlists"))

    fake_spotify.playlist_move(pid, range_start=0, insert_before=5)
    moved = catalog.playlist_info(pid).snapshot_id
    assert moved != first
    assert [t.id for t in catalog.playlist_items(pid).tracks] == [*ids[1:], ids[0]]
    fake_spotify.playlist_remove(pid, [ids[2]])
    fake_spotify.playlist_add(pid, fake_spotify.make_tracks(1), position=0)
    assert catalog.playlist_info(pid).snapshot_id not in (first, moved)
    assert len(catalog.playlist_items(pid).tracks) == 5


def test_playlist_name_and_tracks(catalog):
    name, tracks = catalog.playlist(f"https://open.spotify.com/playlist/{WIZZLER_PLAYLIST}")
    assert name == "Wizzlers Big Playlist" and len(tracks) == 3


def test_unknown_playlist_is_a_clear_error(catalog):
    with pytest.raises(CatalogError, match="does not know"):
        catalog.playlist_items("0000000000000000000000")
    with pytest.raises(CatalogError, match="not a Spotify playlist"):
        catalog.playlist_items("spotify:album:0sNOF9WDwhWunNAHPD3Baj")
    with pytest.raises(CatalogError, match="not a Spotify album"):
        catalog.album("https://example.com/not/spotify")


def test_liked_songs_over_one_hundred_are_paged(catalog, fake_spotify):
    fake_spotify.unlike([e["id"] for e in fake_spotify.liked])
    ids = fake_spotify.make_tracks(130)
    fake_spotify.like(ids)  # liked one after the other: the last is the newest
    liked = catalog.liked_songs()
    assert [t.id for t in liked.tracks] == ids[::-1] and liked.skipped == ()
    assert len(fake_spotify.requests_to("^/v1/me/tracks$")) == 3
