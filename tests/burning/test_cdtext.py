"""CD-TEXT reduction to ISO-8859-1, field limits, forbidden characters, and the preview."""

import json

import pytest

from cdcollector.burning import cdtext


@pytest.mark.parametrize(("original", "written"), [
    ("Zoë Ørsted – Straße", "Zoë Ørsted - Straße"),  # Latin-1 letters stay, dash is plain
    ("Łódź “live”", "Lódz 'live'"),
    ("Œuvre … fin", "OEuvre ... fin"),
    ("Dvořák: Symfonie č. 9", "Dvorák: Symfonie c. 9"),
    ("東京 Night", "?? Night"),
    ("Мир", "???"),
    ("AC/DC \\ \"Back\"", "AC-DC - 'Back'"),
    ("tab\there\nnew\x00line\x1b", "tab here newline"),
    ("ﬁne ½", "fine ½"),  # ligature decomposes; ½ is Latin-1
    ("  many   spaces\u00a0", "many spaces"),
    ("😀 smile", "? smile"),
    (None, ""),
])
def test_reduction(original, written):
    assert cdtext.reduce_text(original) == written


def test_reduced_text_is_latin1_without_forbidden_characters(fixtures_dir):
    naughty = json.loads((fixtures_dir / "naughty" / "blns.json").read_text(encoding="utf-8"))
    for text in naughty:
        reduced = cdtext.reduce_text(text)
        reduced.encode("latin-1")  # raises if anything outside ISO-8859-1 slipped through
        assert not set(reduced) & set('/"\\')
        assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) < 0xA0 for c in reduced)
        assert len(reduced) <= cdtext.FIELD_LIMIT
        assert cdtext.reduce_text(reduced) == reduced  # idempotent


def test_fields_are_capped_at_160_characters():
    assert len(cdtext.reduce_text("x" * 500)) == 160
    assert cdtext.reduce_text("word " * 40) == ("word " * 32).strip()


def test_preview_shows_exactly_what_is_written_and_what_changed():
    preview = cdtext.preview("Road Trip “2024”", "Mix", [("東京 Night", "Ryū"), ("Plain", "Band")])
    assert preview.disc == cdtext.TextEntry("Road Trip '2024'", "Mix")
    assert preview.tracks == (cdtext.TextEntry("?? Night", "Ryu"),
                              cdtext.TextEntry("Plain", "Band"))
    assert preview.changed
    assert "Track 1 title: “東京 Night” will read “?? Night”" in preview.notes
    assert not any("Track 2" in note for note in preview.notes)
    assert preview.lines() == ["Disc: Road Trip '2024' — Mix", "01  ?? Night — Ryu",
                               "02  Plain — Band"]


def test_preview_of_clean_text_has_no_notes():
    preview = cdtext.preview("Album", "Artist", [("One", "Artist")])
    assert not preview.changed


def test_preview_shortens_all_fields_when_the_disc_cannot_hold_the_text():
    tracks = [(f"{i:02d} " + "very long title " * 12, "a performer " * 10) for i in range(99)]
    preview = cdtext.preview("Disc", "Artist", tracks)
    entries = [preview.disc, *preview.tracks]
    total = sum(len(e.title) + 1 for e in entries), sum(len(e.performer) + 1 for e in entries)
    assert sum(-(-t // cdtext.PACK_TEXT_BYTES) for t in total) <= cdtext.TEXT_PACKS
    assert preview.tracks[5].title.startswith("05 very")  # still recognisable
    assert any("CD-TEXT space is limited" in note for note in preview.notes)
