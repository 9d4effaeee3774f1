"""Text normalisation used by the matcher."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdcollector.downloads.normalize import fold, is_latin, name_tokens, split_title, versions_in


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Beyoncé", "beyonce"),
        ("Maurycy Żółtański", "maurycy zoltanski"),
        ("Потап и Настя", "potap i nastya"),
        ("Don't Stop Me Now!", "dont stop me now"),
        ("AC/DC", "ac dc"),
        ("  Ｆｕｌｌ－ｗｉｄｔｈ  ", "full width"),
        ("", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_name_tokens_drop_connectors():
    assert name_tokens("The Kid LAROI") == ["kid", "laroi"]
    assert name_tokens("Potap & Nastya") == name_tokens("Потап и Настя")
    assert name_tokens("The The") == ["the", "the"]


def test_versions_in():
    assert versions_in(fold("On My Way (Slowed + Reverb)")) == {"slowed"}
    assert versions_in(fold("Song (Live at Wembley) [Remix]")) == {"live", "remix"}
    assert versions_in(fold("Alive and Well")) == set()


def test_is_latin():
    assert is_latin("Mata, Pedro") and not is_latin("Потап и Настя") and is_latin("123")


def test_split_title_keeps_song_words_and_sorts_the_rest():
    t = split_title("Mira Vale - Northern Lights (feat. Jo) [Official Video] (Live)",
                    {"mira vale"})
    assert t.base == "northern lights"
    assert t.versions == {"live"}
    assert "jo" in t.features
    assert split_title("Let It Be - Remastered 2009").full == "let it be"
    assert split_title("Song Title - Live at Wembley").extras == ("live at wembley",)


@given(st.text())
def test_split_title_never_fails(text):
    title = split_title(text, {"someone"})
    assert isinstance(title.base, str) and title.parts


def test_master_words_and_outlines():
    from cdcollector.downloads.normalize import master_words, skeleton
    assert master_words(fold("Let It Be - Remastered 2009")) == (True, frozenset({"2009"}))
    assert master_words(fold("1999")) == (False, frozenset({"1999"}))
    assert master_words(fold("Live 8")) == (False, frozenset())
    assert skeleton(fold("Avi Aburomi")) == "vvrm"
    assert skeleton(fold("אבי אבורומי")).startswith("vvv")
