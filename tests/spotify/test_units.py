"""Pure parts: Retry-After and plans, the keyring token cache, response parsing, redaction."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import keyring
import pytest
from keyring.backends import fail

from cdcollector.catalog.spotify import parse
from cdcollector.catalog.spotify.rate_limits import (
    DEFAULT_RETRY_AFTER_S,
    RateLimitGate,
    RetryPlan,
    parse_retry_after,
    rate_limited,
    wait_message,
)
from cdcollector.catalog.spotify.redact import SecretFilter, redact
from cdcollector.catalog.spotify.token_cache import (
    MAX_SECRET_CHARS,
    SERVICE,
    KeyringTokenCache,
    compact,
    expand,
    keyring_status,
)
from cdcollector.domain.errors import RateLimitedError
from tests.fakes.spotify_data import load

# --- rate limits --------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "expected"), [
    ("86400", 86400), ("0", 0), (" 12 ", 12), ("1.5", 1.5), ("-3", 0),
    (None, DEFAULT_RETRY_AFTER_S), ("", DEFAULT_RETRY_AFTER_S), ("soon", DEFAULT_RETRY_AFTER_S),
])
def test_parse_retry_after_seconds(header, expected):
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date():
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(minutes=5), usegmt=True)
    assert parse_retry_after(header, now_wall=now.timestamp()) == pytest.approx(300)


@pytest.mark.parametrize(("seconds", "text"), [
    (1, "Spotify asks us to wait 1 min."), (61, "Spotify asks us to wait 2 min."),
    (86400, "Spotify asks us to wait 1440 min (about 24 h)."),
])
def test_wait_message(seconds, text):
    assert wait_message(seconds) == text
    err = rate_limited(seconds)
    assert isinstance(err, RateLimitedError) and err.retry_after_s == seconds


def test_retry_plan_and_gate_with_a_fake_clock():
    now = [1000.0]
    gate = RateLimitGate(clock=lambda: now[0])
    assert gate.plan() is None
    gate.check()
    plan = gate.note(rate_limited(120))
    assert plan.delay_s(now[0]) == 120 and not plan.due(now[0])
    gate.note(rate_limited(30))  # a shorter wait never shortens the pending one
    now[0] += 100
    with pytest.raises(RateLimitedError) as caught:
        gate.check()
    assert caught.value.retry_after_s == pytest.approx(20)
    now[0] += 20
    assert gate.plan() is None
    gate.check()


def test_retry_plan_wall_time():
    plan = RetryPlan.from_error(rate_limited(600), now_monotonic=5.0, now_wall=0.0)
    assert plan.not_before_wall == datetime(1970, 1, 1, 0, 10, tzinfo=UTC)
    assert plan.message.startswith("Spotify asks us to wait 10 min")


# --- token cache --------------------------------------------------------------------------

TOKEN = {"access_token": "BQ" + "a" * 300, "refresh_token": "AQ" + "r" * 130,
         "scope": "playlist-read-private playlist-read-collaborative user-library-read",
         "token_type": "Bearer", "expires_in": 3600, "expires_at": 2_000_000_000}


def test_compact_round_trip_is_small():
    secret = compact(TOKEN)
    assert len(secret) < MAX_SECRET_CHARS
    back = expand(secret)
    assert {k: back[k] for k in ("access_token", "refresh_token", "scope", "expires_at")} == {
        k: TOKEN[k] for k in ("access_token", "refresh_token", "scope", "expires_at")}


def test_oversized_token_keeps_only_the_refresh_token(memory_keyring):
    cache = KeyringTokenCache("cid")
    cache.save_token_to_cache({**TOKEN, "access_token": "x" * 2000})
    stored = json.loads(memory_keyring.store[(SERVICE, "cid")])
    assert "a" not in stored and stored["e"] == 0 and cache.remembered
    assert KeyringTokenCache("cid").get_cached_token()["expires_at"] == 0  # refresh at once


@pytest.mark.parametrize("secret", ["not json", "[]", '{"a": "x"}', '{"r": ""}'])
def test_unreadable_stored_secret_means_logged_out(memory_keyring, secret):
    memory_keyring.store[(SERVICE, "cid")] = secret
    assert KeyringTokenCache("cid").get_cached_token() is None


def test_no_keyring_keeps_the_token_in_memory_only():
    keyring.set_keyring(fail.Keyring())
    cache = KeyringTokenCache("cid")
    assert cache.get_cached_token() is None and not cache.remembered
    cache.save_token_to_cache(TOKEN)
    assert not cache.remembered
    assert cache.get_cached_token()["refresh_token"] == TOKEN["refresh_token"]
    cache.clear()
    assert cache.get_cached_token() is None


def test_keyring_status():
    assert keyring_status()[0]  # the tests' in-memory keyring
    keyring.set_keyring(fail.Keyring())
    usable, name = keyring_status()
    assert not usable and name.endswith("fail.Keyring")


def test_clear_removes_the_keyring_entry(memory_keyring):
    cache = KeyringTokenCache("cid")
    cache.save_token_to_cache(TOKEN)
    assert (SERVICE, "cid") in memory_keyring.store
    cache.clear()
    assert memory_keyring.store == {} and not cache.has_token()
    cache.clear()  # twice is fine


# --- parsing the real fixture responses ---------------------------------------------------


def _renamed(item):
    """A fixture playlist entry (recorded before 2026) as Spotify sends it now: `item`."""
    renamed = {k: v for k, v in item.items() if k != "track"}
    return {**renamed, "item": item.get("track")}


def test_playlist_fixture_in_the_2026_shape():
    raw = load("GetPlaylistRequest")
    track = parse.playlist_entry(0, _renamed(raw["tracks"]["items"][0]))
    assert track.title == "I'm Not The Only One - Radio Edit" and track.isrc == "GBUM71403920"
    listing = parse.remote_playlist({**raw, "items": raw["tracks"]}, user_id="wizzler")
    assert listing.track_count == 105 and listing.owner_id == "spotify"
    assert listing.unreadable_reason == parse.NOT_READABLE  # someone else's playlist
    assert parse.remote_playlist(raw, user_id="spotify").unreadable_reason is None
    assert parse.remote_playlist({**raw, "collaborative": True}, "x").unreadable_reason is None


def test_playlist_entries_are_read_from_item_only():
    """`track` was renamed `item` for Development-mode apps; it is no longer read."""
    stale = load("GetPlaylistsItemsRequest")["items"][0]
    assert parse.playlist_entry(0, stale).kind == "unavailable"


def test_playlist_item_without_a_track_is_skipped_as_unavailable():
    items = [_renamed(i) for i in load("GetPlaylistsItemsRequest")["items"]]
    assert parse.playlist_entry(0, items[0]).artists == ("Zion & Lennox", "J Balvin")
    skipped = parse.playlist_entry(1, items[1])
    assert isinstance(skipped, parse.SkippedItem) and skipped.kind == "unavailable"


def test_episode_fixture_is_skipped_with_a_note():
    item = _renamed(load("GetPlaylistsItemsRequest_Episode")["items"][0])
    skipped = parse.playlist_entry(3, item)
    assert (skipped.position, skipped.kind) == (3, "episode")
    assert "The Giant Beastcast" in skipped.note


def test_saved_tracks_keep_their_track_field():
    saved = load("GetUsersSavedTracksRequest")["items"][0]
    assert parse.playlist_entry(0, saved, "track").isrc


def test_albums_are_typed_by_album_type_not_the_removed_album_group():
    raw = {**load("GetArtistsAlbumsRequest")["items"][0], "album_group": "appears_on"}
    assert parse.album_ref(raw).kind == "single"


def test_album_and_artist_fixtures():
    album = parse.album_ref(load("GetArtistsAlbumsRequest")["items"][0])
    assert (album.kind, album.year, album.total_tracks) == ("single", 2019, 2)
    assert album.artists == ("Avicii", "David Guetta", "MORTEN")
    artist = parse.artist_ref(load("GetArtistRequest"))
    assert artist.name == "Band of Horses" and artist.image_url.endswith("f91903")


# --- redaction ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Headers: {'Authorization': 'Bearer BQsecret123'}",
    "Body: {'refresh_token': 'AQsecret123', 'grant_type': 'refresh_token'}",
    "Body: {'code': 'AQsecret123', 'code_verifier': 'AQsecret123'}",
    '"access_token": "BQsecret123"',
    "GET /callback?code=AQsecret123&state=abc HTTP/1.1",
])
def test_redact_removes_secrets(text):
    assert "secret123" not in redact(text)


def test_filter_rewrites_formatted_records():
    record = logging.LogRecord("spotipy.client", logging.DEBUG, __file__, 1,
                               "Headers: %s", ({"Authorization": "Bearer BQsecret123"},), None)
    assert SecretFilter().filter(record)
    assert "secret123" not in record.getMessage()
