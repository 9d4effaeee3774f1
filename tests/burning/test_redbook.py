"""Red Book arithmetic: sectors, seconds, MSF, capacities, ISRC."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdcollector.burning import redbook


def test_constants_fit_together():
    assert redbook.BYTES_PER_SECOND == 176_400
    assert redbook.SECTOR_BYTES == redbook.FRAMES_PER_SECTOR * 4 == 2352
    assert redbook.SECTOR_BYTES * redbook.SECTORS_PER_SECOND == redbook.BYTES_PER_SECOND
    assert redbook.MIN_TRACK_SECTORS == 300
    assert redbook.LEAD_PREGAP_SECTORS == 150
    assert redbook.MAX_TRACKS == 99


@pytest.mark.parametrize(("minutes", "sectors"),
                         [(74, 333_000), (80, 360_000), (90, 405_000), (99, 445_500)])
def test_media_capacities(minutes, sectors):
    assert redbook.media_sectors(minutes) == sectors


def test_unknown_media_size_is_refused():
    with pytest.raises(ValueError):
        redbook.media_sectors(63)


@pytest.mark.parametrize(("seconds", "sectors"), [
    (0, 0), (4.0, 300), (1 / 75, 1), (0.001, 1), (2.0, 150), (4.01, 301), (0.1 * 3, 23),
    (72 * 60 + 10, 324_750),
])
def test_seconds_round_up_to_whole_sectors(seconds, sectors):
    assert redbook.seconds_to_sectors(seconds) == sectors


def test_bytes_round_up_to_whole_sectors():
    assert redbook.bytes_to_sectors(0) == 0
    assert redbook.bytes_to_sectors(1) == 1
    assert redbook.bytes_to_sectors(2352) == 1
    assert redbook.bytes_to_sectors(2353) == 2


def test_short_tracks_are_padded_to_four_seconds():
    assert redbook.track_sectors(1) == 300
    assert redbook.track_sectors(300) == 300
    assert redbook.track_sectors(301) == 301


def test_msf_format_and_parse():
    assert redbook.to_msf(0) == "00:00:00"
    assert redbook.to_msf(150) == "00:02:00"
    assert redbook.to_msf(74) == "00:00:74"
    assert redbook.to_msf(360_000) == "80:00:00"
    assert redbook.parse_msf("79:59:74") == 359_999
    assert redbook.parse_msf("0:2:0") == 150


@pytest.mark.parametrize("bad", ["", "1:2", "00:60:00", "00:00:75", "a:b:c", "-1:00:00"])
def test_bad_msf_is_refused(bad):
    with pytest.raises(ValueError):
        redbook.parse_msf(bad)


def test_negative_sectors_have_no_msf():
    with pytest.raises(ValueError):
        redbook.to_msf(-1)


@given(st.integers(min_value=0, max_value=99 * 60 * 75))
def test_msf_round_trip(sectors):
    assert redbook.parse_msf(redbook.to_msf(sectors)) == sectors


def test_format_duration():
    assert redbook.format_duration(redbook.seconds_to_sectors(72 * 60 + 10)) == "72:10"
    assert redbook.format_duration(74) == "0:00"


def test_isrc_normalisation():
    assert redbook.normalize_isrc("gb-aaa-99-00001") == "GBAAA9900001"
    assert redbook.normalize_isrc("USRC17607839") == "USRC17607839"
    assert redbook.normalize_isrc("US-RC1-76-0783") is None
    assert redbook.normalize_isrc("") is None
    assert redbook.normalize_isrc(None) is None
