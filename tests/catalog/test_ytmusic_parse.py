"""Pure mapping of ytmusicapi answers: counts, durations, references, candidates."""

from __future__ import annotations

import pytest

from cdcollector.catalog import ytmusic_parse as parse
from cdcollector.domain.types import Source
from tests.fakes.ytmusic import load


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2M", 1_200_000),
        ("1,2\u00a0Mio.", 1_200_000),
        ("1,7\u00a0Mrd. Aufrufe", 1_700_000_000),
        ("386M views", 386_000_000),
        ("1.9B", 1_900_000_000),
        ("98K", 98_000),
        ("88\u00a0k\u00a0vues", 88_000),
        ("3406万回視聴", 34_060_000),
        ("2,3\u00a0mln", 2_300_000),
        ("12,345", 12_345),
        ("12.345 Aufrufe", 12_345),
        ("402", 402),
        (1500, 1500),
        ("", None),
        (None, None),
        ("views", None),
        ("Maroon 5", None),
    ],
)
def test_parse_views(text, expected):
    assert parse.parse_views(text) == expected


def test_parse_clock_and_duration():
    assert parse.parse_clock("4:19") == 259
    assert parse.parse_clock("1:02:03") == 3723
    assert parse.parse_clock("2,343") is None and parse.parse_clock(None) is None
    assert parse.duration_of({"duration_seconds": 259}) == 259
    assert parse.duration_of({"length": "3:07"}) == 187
    assert parse.duration_of({"duration": " "}) is None


def test_song_result_to_track_and_candidate():
    item = load("search_songs")[0]
    track = parse.track_from(item)
    assert track.source is Source.YTMUSIC and track.id == "ZrOKjDZOtkA" == track.youtube_id
    assert (track.title, track.artists, track.duration_s) == ("Wonderwall", ("Oasis",), 259)
    assert track.album.startswith("(What's The Story)") and track.explicit is False
    assert track.cover_url.endswith("w120-h120-l90-rj")  # the largest thumbnail
    cand = parse.candidate_from(item, "text")
    assert (cand.video_id, cand.result_type, cand.views, cand.channel) == (
        "ZrOKjDZOtkA", "song", 1_200_000_000, None)
    assert cand.duration_s == 259 and cand.artists == ["Oasis"] and cand.found_by == "text"
    assert cand.artist_ids == ("UCmMUZbaYdNH0bEd1PAlAqsA",)  # the artist's channel, for matching


def test_video_result_candidate_has_the_uploader_as_channel():
    lyric = parse.candidate_from(load("search_videos")[2], "text")
    assert lyric.result_type == "video" and lyric.channel == "7clouds Rock"
    assert lyric.explicit is None and lyric.views == 98_000 and lyric.album is None


def test_unplayable_and_non_track_results_are_skipped():
    assert parse.track_from(load("search_songs")[4]) is None  # isAvailable false
    isrc = load("search_isrc")
    assert [parse.candidate_from(r, "isrc") is None for r in isrc] == [False, False, True, True]


def test_album_and_artist_results():
    album = parse.album_from(load("search_albums")[1])
    assert (album.id, album.kind, album.year, album.artists) == (
        "MPREb_F9ZYBtRJpr8", "single", 1995, ("Oasis",))
    artist = parse.artist_from(load("search_artists")[0])
    assert (artist.name, artist.id, artist.source) == ("Oasis", "UCmMUZbaYdNH0bEd1PAlAqsA",
                                                       Source.YTMUSIC)
    assert parse.artist_from({"resultType": "artist"}) is None


def test_album_page_numbers_tracks_and_inherits_album_data():
    page = parse.album_page(load("get_album"), "MPREb_IInSY5QXXrW")
    assert page.album.title == "(What's The Story) Morning Glory?" and page.album.year == 1995
    assert [t.track_number for t in page.tracks] == [1, 2, 3, 5]  # unavailable one skipped
    assert all(t.album_artist == "Oasis" and t.cover_url == page.album.cover_url
               for t in page.tracks)
    assert page.tracks[-1].duration_s == 341


def test_discography_drops_compilations_and_duplicates():
    albums = parse.discography("Oasis", [load("get_artist_albums_albums"),
                                         load("get_artist_albums_singles"),
                                         load("get_artist_albums_singles")])
    titles = [a.title for a in albums]
    assert "Time Flies... 1994-2009" not in titles
    assert len(titles) == len(set(a.id for a in albums)) == 6
    assert {a.kind for a in albums} == {"album", "single", "ep"}
    assert all(a.artists == ("Oasis",) for a in albums)
