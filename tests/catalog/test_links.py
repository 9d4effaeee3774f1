"""parse_link: real pasted link forms, rejects with clear messages, and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdcollector.catalog.links import LinkRef, parse_link
from cdcollector.catalog.youtube_links import canonical_url, guess_bare_id
from cdcollector.domain.errors import CollectorError, LinkError

SP_TRACK = "4uLU6hMCjMI75M1A2tKUQC"
SP_ALBUM = "1DFixLWuPkv3KT3TnV35m3"
SP_PL = "37i9dQZF1DXcBWIGoYBM5M"
SP_ARTIST = "0OdUWJ0sBjDrqHygGUXeCF"
VID = "dQw4w9WgXcQ"
VID2 = "jNQXAC9IVRw"
PL = "PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI"
OLAK = "OLAK5uy_kJHgqvQNc2Wm3Dq5TXGnf0UFi6vHhP7Po"
UC = "UCuAXFkgsw1L7xaCfnd5JJOw"
MPREB = "MPREb_BQZvl3BFGay"

VALID = [
    # Spotify web links
    (f"https://open.spotify.com/track/{SP_TRACK}", "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/track/{SP_TRACK}?si=1a2b3c4d5e", "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/track/{SP_TRACK}/", "spotify", "track", SP_TRACK),
    (f"http://open.spotify.com/track/{SP_TRACK}", "spotify", "track", SP_TRACK),
    (f"open.spotify.com/track/{SP_TRACK}", "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/intl-de/track/{SP_TRACK}?si=abc", "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/intl-pt/album/{SP_ALBUM}", "spotify", "album", SP_ALBUM),
    (f"https://open.spotify.com/intl-ja/artist/{SP_ARTIST}?si=x", "spotify", "artist", SP_ARTIST),
    (f"https://open.spotify.com/album/{SP_ALBUM}?si=q&nd=1&dlsi=9", "spotify", "album", SP_ALBUM),
    (f"https://open.spotify.com/playlist/{SP_PL}?si=55aa&pi=u-Xy", "spotify", "playlist", SP_PL),
    (f"https://open.spotify.com/artist/{SP_ARTIST}", "spotify", "artist", SP_ARTIST),
    (f"https://open.spotify.com/embed/track/{SP_TRACK}?utm_source=generator",
     "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/embed/playlist/{SP_PL}", "spotify", "playlist", SP_PL),
    (f"https://open.spotify.com/user/spotify/playlist/{SP_PL}", "spotify", "playlist", SP_PL),
    (f"https://play.spotify.com/album/{SP_ALBUM}", "spotify", "album", SP_ALBUM),
    (f"https://www.open.spotify.com/track/{SP_TRACK}", "spotify", "track", SP_TRACK),
    (f"https://open.spotify.com/track/{SP_TRACK}#top", "spotify", "track", SP_TRACK),
    # Spotify URIs
    (f"spotify:track:{SP_TRACK}", "spotify", "track", SP_TRACK),
    (f"spotify:album:{SP_ALBUM}", "spotify", "album", SP_ALBUM),
    (f"spotify:playlist:{SP_PL}", "spotify", "playlist", SP_PL),
    (f"spotify:artist:{SP_ARTIST}", "spotify", "artist", SP_ARTIST),
    (f"spotify:user:spotify:playlist:{SP_PL}", "spotify", "playlist", SP_PL),
    (f"  spotify:track:{SP_TRACK}\n", "spotify", "track", SP_TRACK),
    # YouTube watch links
    (f"https://www.youtube.com/watch?v={VID}", "youtube", "track", VID),
    (f"https://youtube.com/watch?v={VID}", "youtube", "track", VID),
    (f"http://www.youtube.com/watch?v={VID}", "youtube", "track", VID),
    (f"www.youtube.com/watch?v={VID}", "youtube", "track", VID),
    (f"youtube.com/watch?v={VID}", "youtube", "track", VID),
    (f"https://www.youtube.com/watch?v={VID}&t=42s", "youtube", "track", VID),
    (f"https://www.youtube.com/watch?feature=share&v={VID}", "youtube", "track", VID),
    (f"https://www.youtube.com/watch?v={VID}&list={PL}&index=3", "youtube", "track", VID),
    (f"https://www.youtube.com/watch?v={VID}&list=RD{VID}&start_radio=1", "youtube", "track", VID),
    (f"https://m.youtube.com/watch?v={VID}&pp=ygUEc29uZw%3D%3D", "youtube", "track", VID),
    (f"https://www.youtube.com/watch?list={PL}", "youtube", "playlist", PL),
    (f"\t https://www.youtube.com/watch?v={VID}  ", "youtube", "track", VID),
    (f"https://www.youtube.com/watch/?v={VID}", "youtube", "track", VID),
    # youtu.be and other video paths
    (f"https://youtu.be/{VID}", "youtube", "track", VID),
    (f"https://youtu.be/{VID}?si=AbCdEfGh12345678", "youtube", "track", VID),
    (f"https://youtu.be/{VID}?t=30", "youtube", "track", VID),
    (f"youtu.be/{VID}?list={PL}", "youtube", "track", VID),
    (f"https://www.youtube.com/shorts/{VID2}", "youtube", "track", VID2),
    (f"https://youtube.com/shorts/{VID2}?feature=share", "youtube", "track", VID2),
    (f"https://www.youtube.com/embed/{VID}?autoplay=1", "youtube", "track", VID),
    (f"https://www.youtube-nocookie.com/embed/{VID}", "youtube", "track", VID),
    (f"https://www.youtube.com/live/{VID2}?si=x", "youtube", "track", VID2),
    # YouTube playlists and channels
    (f"https://www.youtube.com/playlist?list={PL}", "youtube", "playlist", PL),
    (f"https://m.youtube.com/playlist?list={PL}&si=abc", "youtube", "playlist", PL),
    (f"https://www.youtube.com/playlist?list={OLAK}", "youtube", "album", OLAK),
    (f"https://www.youtube.com/channel/{UC}", "youtube", "artist", UC),
    (f"https://www.youtube.com/channel/{UC}/videos", "youtube", "artist", UC),
    # YouTube Music
    (f"https://music.youtube.com/watch?v={VID}", "ytmusic", "track", VID),
    (f"https://music.youtube.com/watch?v={VID}&si=abc", "ytmusic", "track", VID),
    (f"https://music.youtube.com/watch?v={VID}&list=RDAMVM{VID}", "ytmusic", "track", VID),
    (f"https://music.youtube.com/watch?v={VID}&list={OLAK}", "ytmusic", "track", VID),
    (f"music.youtube.com/watch?v={VID}", "ytmusic", "track", VID),
    (f"https://music.youtube.com/playlist?list={PL}", "ytmusic", "playlist", PL),
    (f"https://music.youtube.com/playlist?list={OLAK}&si=x", "ytmusic", "album", OLAK),
    (f"https://music.youtube.com/browse/{MPREB}", "ytmusic", "album", MPREB),
    (f"https://music.youtube.com/browse/{UC}", "ytmusic", "artist", UC),
    (f"https://music.youtube.com/channel/{UC}?si=z", "ytmusic", "artist", UC),
    (f"https://music.youtube.com/browse/VL{PL}", "ytmusic", "playlist", PL),
    (f"HTTPS://MUSIC.YOUTUBE.COM/watch?v={VID}", "ytmusic", "track", VID),
    ("https://music.youtube.com/playlist?list=RDCLAK5uy_kmPRjHDECIcuVwnKsx2Ng7fyNgFKWNJFs",
     "ytmusic", "playlist", "RDCLAK5uy_kmPRjHDECIcuVwnKsx2Ng7fyNgFKWNJFs"),
    (f"<https://youtu.be/{VID}>", "youtube", "track", VID),
    (f'"https://open.spotify.com/track/{SP_TRACK}"', "spotify", "track", SP_TRACK),
    (f"https://www.youtube.com/watch?app=desktop&v={VID}#t=30", "youtube", "track", VID),
    (f"https://m.youtube.com/shorts/{VID2}", "youtube", "track", VID2),
    # Channels by handle, /c/, /user/ and vanity name (resolved to an id when opened)
    ("https://www.youtube.com/@RickAstleyYT", "youtube", "artist", "@RickAstleyYT"),
    ("https://www.youtube.com/@RickAstleyYT/videos", "youtube", "artist", "@RickAstleyYT"),
    ("https://music.youtube.com/@RickAstleyYT", "ytmusic", "artist", "@RickAstleyYT"),
    ("https://www.youtube.com/c/SomeChannel", "youtube", "artist", "c/SomeChannel"),
    ("https://www.youtube.com/user/NASAgovVideo/videos", "youtube", "artist",
     "user/NASAgovVideo"),
    ("https://www.youtube.com/NASAgovVideo/videos", "youtube", "artist", "NASAgovVideo"),
    # Embeds and other hosts
    (f"https://www.youtube.com/embed/videoseries?list={PL}", "youtube", "playlist", PL),
    (f"https://www.youtube.com/embed/live_stream?channel={UC}", "youtube", "artist", UC),
    (f"https://www.youtube-nocookie.com/embed/{VID}?rel=0", "youtube", "track", VID),
    (f"https://www.youtubekids.com/watch?v={VID}", "youtube", "track", VID),
    (f"https://youtu.be/{VID}?si=x&t=5&feature=shared", "youtube", "track", VID),
    ("https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2Flive%2F"
     f"{VID}%3Fcbrd%3D1&gl=NL&m=0&pc=yt&hl=en&src=1", "youtube", "track", VID),
]

REJECTS = [
    "",
    "   ",
    "hello world",
    "https://example.com/watch?v=dQw4w9WgXcQ",
    "https://open.spotify.com/",
    "https://open.spotify.com/track/",
    "https://open.spotify.com/track/tooshort",
    f"https://open.spotify.com/episode/{SP_TRACK}",
    f"https://open.spotify.com/show/{SP_TRACK}",
    "https://open.spotify.com/user/spotify",
    "spotify:",
    "spotify:track:",
    f"spotify:episode:{SP_TRACK}",
    "spotify:user:someone:collection",
    "https://spotify.link/AbCdEf",
    "https://www.youtube.com/",
    "https://www.youtube.com/watch",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQtoolong",
    "https://youtu.be/",
    "https://www.youtube.com/playlist",
    "https://www.youtube.com/results?search_query=song",
    "https://music.youtube.com/browse/FEmusic_home",
    "https://music.youtube.com/search?q=abba",
    "ftp://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
    "file:///home/user/song.mp3",
    "http://[::1",
    "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
    "https://open.spotify.com/collection/tracks",
    "https://evil.com\\@open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
    "https://evil.com\\@www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://open.spotify.com@evil.com/track/4uLU6hMCjMI75M1A2tKUQC",
    "https://www.youtube.com/hashtag/music",
    "https://www.youtube.com/feed/trending",
    "https://www.youtube.com/clip/UgytZKpehg-hEMBSn3F4AaABCQ",
    "https://www.youtube.com/@SomeChannel/unknown-tab",
    "dQw4w9WgXcQ",
    "<>",
    "x" * 5000,
]


def test_table_has_at_least_40_forms():
    assert len(VALID) >= 40


@pytest.mark.parametrize(("text", "source", "kind", "ident"), VALID)
def test_valid_forms(text, source, kind, ident):
    ref = parse_link(text)
    assert (ref.source, ref.kind, ref.id) == (source, kind, ident)


@pytest.mark.parametrize(("text", "offered"), [
    (f"https://www.youtube.com/watch?v={VID}&list={PL}&index=3", PL),
    (f"youtu.be/{VID}?list={PL}", PL),
    (f"https://music.youtube.com/watch?v={VID}&list={OLAK}", OLAK),
    (f"https://www.youtube.com/embed/{VID}?list={PL}", PL),
    (f"https://www.youtube.com/watch?v={VID}&list=RD{VID}&start_radio=1", None),  # a mix
    (f"https://music.youtube.com/watch?v={VID}&list=RDAMVM{VID}", None),
    (f"https://www.youtube.com/watch?v={VID}", None),
])
def test_a_video_from_a_playlist_offers_the_playlist_but_a_mix_is_just_the_video(text, offered):
    assert parse_link(text) == LinkRef(parse_link(text).source, "track", VID, playlist=offered)


@pytest.mark.parametrize(("text", "expected"), [
    (VID, LinkRef("youtube", "track", VID)),
    (f"  {PL} ", LinkRef("youtube", "playlist", PL)),
    (OLAK, LinkRef("youtube", "album", OLAK)),
    (UC, LinkRef("youtube", "artist", UC)),
    ("hello world", None),
    ("Beethoven", None),
])
def test_a_bare_id_is_only_a_guess_to_offer(text, expected):
    assert guess_bare_id(text) == expected
    with pytest.raises(LinkError):
        parse_link(text)  # never opened (or searched as a link) without asking


def test_the_offer_opens_the_plain_url_of_the_guess():
    for text in (VID, PL, OLAK, UC):
        guess = guess_bare_id(text)
        opened = parse_link(canonical_url(guess))
        assert (opened.kind, opened.id) == (guess.kind, guess.id)


@pytest.mark.parametrize("text", REJECTS)
def test_rejects_with_one_line_message(text):
    with pytest.raises(LinkError) as info:
        parse_link(text)
    message = str(info.value)
    assert isinstance(info.value, CollectorError)
    assert message and "\n" not in message and len(message) < 200


def test_non_text_is_rejected():
    with pytest.raises(LinkError):
        parse_link(None)  # type: ignore[arg-type]


def test_linkref_is_frozen():
    ref = parse_link(f"spotify:track:{SP_TRACK}")
    with pytest.raises(AttributeError):
        ref.id = "x"  # type: ignore[misc]


def _only_link_errors(text: str) -> None:
    try:
        ref = parse_link(text)
    except LinkError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert ref.source in ("spotify", "youtube", "ytmusic")
    assert ref.kind in ("track", "album", "playlist", "artist")
    assert ref.id


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_fuzz_any_text(text):
    _only_link_errors(text)


_hosts = st.sampled_from([
    "open.spotify.com", "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
    "music.youtube.com", "spotify.link", "[::1", "example.org", "", "WWW.YOUTUBE.COM",
])
_segments = st.lists(
    st.one_of(
        st.sampled_from(["watch", "playlist", "browse", "channel", "track", "album", "artist",
                         "playlist", "intl-de", "embed", "user", "shorts", "", "..", "%00"]),
        st.text(max_size=30),
    ),
    max_size=5,
)
_query = st.dictionaries(
    st.sampled_from(["v", "list", "si", "t", "feature", ""]), st.text(max_size=40), max_size=3
)


@settings(max_examples=250, deadline=None)
@given(
    st.sampled_from(["https://", "http://", "", "//", "spotify:", "ftp://", " "]),
    _hosts,
    _segments,
    _query,
)
def test_fuzz_url_like(scheme, host, segments, query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    _only_link_errors(f"{scheme}{host}/{'/'.join(segments)}" + (f"?{qs}" if qs else ""))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([t for t, *_ in VALID]), st.text(max_size=8), st.integers(0, 200))
def test_fuzz_mutated_valid_links(text, junk, position):
    position = min(position, len(text))
    _only_link_errors(text[:position] + junk + text[position:])
