"""The checks every door uses: finite, believable durations; bounded numbers; clean, short text."""

from __future__ import annotations

import math

import pytest

from cdcollector.burning import redbook
from cdcollector.domain.bounds import (
    MAX_DURATION_S,
    ascii_int,
    bounded_int,
    clean_text,
    finite_duration,
)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e308, 0, 0.0, -1.0,
                                   MAX_DURATION_S + 0.5, "12", None, True, 10**400])
def test_unbelievable_durations_are_none(value):
    assert finite_duration(value) is None


@pytest.mark.parametrize("value", [0.4, 1, 7200.0, MAX_DURATION_S])
def test_believable_durations_pass_as_floats(value):
    result = finite_duration(value)
    assert result == float(value) and type(result) is float


def test_bounded_int():
    assert bounded_int(7, 1, 99) == 7
    assert bounded_int(0, 1, 99) is None and bounded_int(100, 1, 99) is None
    assert bounded_int(10**5000, 0, 2**31 - 1) is None
    assert bounded_int(2.0, 0, 9) is None and bounded_int(True, 0, 9) is None


@pytest.mark.parametrize("text, expected", [("12", 12), (" 3 ", 3), ("⁰⁴⁵", None),
                                            ("٣", None), ("1_000", None), ("-4", None),
                                            ("9" * 5001, None), ("", None)])
def test_ascii_int_takes_only_ascii_digits(text, expected):
    assert ascii_int(text) == expected


def test_clean_text_strips_lone_surrogates_and_caps_length():
    assert clean_text("bad\udcffname", 100) == "badname"
    assert clean_text("😀 emoji", 100) == "😀 emoji"
    capped = clean_text("x" * 10_000_000, 1000)
    assert len(capped) == 1000 and capped.endswith("…")
    assert clean_text(None, 10) == ""


@pytest.mark.parametrize("seconds", [math.inf, math.nan, 1e308, -1e308])
def test_sectors_never_overflow(seconds):
    sectors = redbook.seconds_to_sectors(seconds)
    assert 0 <= sectors <= redbook.seconds_to_sectors(MAX_DURATION_S)
