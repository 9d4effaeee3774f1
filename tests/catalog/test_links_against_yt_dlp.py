"""Every URL in the pinned yt-dlp's YouTube extractor tests, read by our own link parser.

The parser is written here; yt-dlp's classes only say what each URL is (a video, a playlist,
a channel or one of its tabs, a search or a feed), so the two are compared, not yt-dlp with
itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yt_dlp.extractor.youtube as youtube_extractors

from cdcollector.catalog.links import parse_link
from cdcollector.catalog.youtube_links import guess_bare_id
from cdcollector.domain.errors import LinkError

VIDEO = {"YoutubeIE", "YoutubeYtBeIE", "YoutubeConsentRedirectIE"}
PLAYLIST = {"YoutubePlaylistIE"}
TABS = {"YoutubeTabIE"}
# Searches, feeds and yt-dlp's own ":yt…"/"ytsearch:" shorthands are not music to open.
REFUSED = {"YoutubeSearchURLIE", "YoutubeMusicSearchURLIE", "YoutubeSearchIE",
           "YoutubeFavouritesIE", "YoutubeHistoryIE", "YoutubeNotificationsIE",
           "YoutubeRecommendedIE", "YoutubeSubscriptionsIE", "YoutubeWatchLaterIE",
           "YoutubeTruncatedIDIE", "YoutubeTruncatedURLIE", "YoutubeYtUserIE",
           "YoutubeShortsAudioPivotIE"}
# Where we answer differently on purpose, and why.
DELIBERATE = {
    # A clip's URL holds the clip's id, not the video's: nothing to open offline.
    "YoutubeClipIE": None,
    # A channel's live-stream embed names the channel; which video is live is not in the URL.
    "YoutubeLivestreamEmbedIE": "artist",
}
FEEDS = ("/feed/", "/hashtag/", "/course", "/news")


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for name in sorted(n for n in dir(youtube_extractors) if n.endswith("IE")):
        extractor = getattr(youtube_extractors, name)
        for test in getattr(extractor, "__dict__", {}).get("_TESTS") or ():
            if test.get("url"):
                cases.append((name, test["url"], (test.get("info_dict") or {}).get("id", "")))
    return cases


CASES = _cases()


def _tab_kind(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.path in ("", "/") or any(parts.path.startswith(feed) for feed in FEEDS):
        return None
    if "/browse/MPREb" in url:
        return "album"
    if "list=RD" in url:
        return "track"  # a mix made around the video is just the video (the rule)
    if "list=" in url or "/browse/VL" in url:
        return "playlist"
    return "artist"


def _expected(extractor: str, url: str) -> str | None:
    if extractor in DELIBERATE:
        return DELIBERATE[extractor]
    if extractor in VIDEO:
        return "track"
    if extractor in PLAYLIST:
        return "playlist"
    if extractor in TABS:
        return _tab_kind(url)
    assert extractor in REFUSED, f"a new YouTube extractor to classify: {extractor}"
    return None


def _read(url: str):
    if "/" not in url and ":" not in url:  # a bare id: offered ("open video X?"), not opened
        return guess_bare_id(url)
    try:
        return parse_link(url)
    except LinkError:
        return None


def test_the_pinned_yt_dlp_still_has_its_youtube_tests():
    assert len(CASES) >= 150


@pytest.mark.parametrize(("extractor", "url", "info_id"), CASES,
                         ids=[f"{e}-{i}" for i, (e, _u, _d) in enumerate(CASES)])
def test_our_parser_agrees_with_the_extractor_that_claims_the_url(extractor, url, info_id):
    expected = _expected(extractor, url)
    ref = _read(url)
    if expected is None:
        assert ref is None, f"{url} is {extractor}: a search or feed, but we read {ref}"
        return
    assert ref is not None, f"{url} is {extractor} ({expected}) but we refuse it"
    # A video opened from a playlist offers that playlist: both readings name the playlist.
    same = ref.kind == expected or (expected == "album" and ref.kind == "playlist") or (
        expected == "playlist" and (ref.kind == "album" or ref.playlist is not None))
    assert same, f"{url}: {extractor} says {expected}, we say {ref}"
    if info_id and info_id in url and ref.kind == expected:
        assert ref.id == info_id or ref.id.endswith(info_id), f"{url}: id {ref.id}, not {info_id}"
