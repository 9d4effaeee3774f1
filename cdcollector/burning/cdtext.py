"""CD-TEXT reduced to what a disc holds (ISO-8859-1, length limits) and a preview of it."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

FIELD_LIMIT = 160  # characters per field, as K3b caps them
# One CD-TEXT block holds 256 packs of 12 text bytes; 3 packs carry the size information.
TEXT_PACKS = 253
PACK_TEXT_BYTES = 12
UNKNOWN = "?"

# Letters NFKD cannot take apart, and typographic marks with a plain Latin-1 stand-in.
# `/ " \` are forbidden in cdrecord .inf fields (as K3b does), so quotes become apostrophes.
_SUBSTITUTES = {
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ŀ": "L",
    "ŀ": "l", "Œ": "OE", "œ": "oe", "Ŋ": "N", "ŋ": "n", "Ŧ": "T", "ŧ": "t", "ƒ": "f",
    "ẞ": "SS", "Ə": "E", "ə": "e", "“": "'", "”": "'", "„": "'", "‟": "'", "«": "'",
    "»": "'", "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "″": "'", "–": "-",
    "—": "-", "―": "-", "‐": "-", "‑": "-", "−": "-", "…": "...", "•": "*", "€": "EUR",
    "™": "(TM)", "/": "-", "\\": "-", '"': "'", "\u00a0": " ", "\u00ad": "",
}


def _latin1_printable(char: str) -> bool:
    code = ord(char)
    return 0x20 <= code < 0x7F or 0xA0 <= code <= 0xFF


def reduce_char(char: str) -> str:
    """One character as the disc can hold it: itself, a stand-in, its base letter, or '?'."""
    if char in _SUBSTITUTES:
        return _SUBSTITUTES[char]
    if _latin1_printable(char):
        return char
    if char.isspace():  # tabs, line breaks and exotic spaces
        return " "
    category = unicodedata.category(char)
    if category.startswith("C"):  # control, format, unassigned: not text
        return ""
    base = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    if base and all(_latin1_printable(c) or c in _SUBSTITUTES for c in base):
        return "".join(_SUBSTITUTES.get(c, c) for c in base)
    return UNKNOWN


def reduce_text(text: str | None, limit: int = FIELD_LIMIT) -> str:
    """ISO-8859-1 only, no control or forbidden characters, single spaces, ≤ `limit` chars."""
    reduced = "".join(reduce_char(c) for c in unicodedata.normalize("NFC", text or ""))
    return " ".join(reduced.split())[:limit].rstrip()


@dataclass(frozen=True)
class TextEntry:
    title: str
    performer: str


@dataclass(frozen=True)
class CdTextPreview:
    """Exactly the strings that will be written, and what had to change to get there."""

    disc: TextEntry
    tracks: tuple[TextEntry, ...]
    notes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.notes)

    def lines(self) -> list[str]:
        out = [f"Disc: {self.disc.title} — {self.disc.performer}"]
        out += [f"{n:02d}  {t.title} — {t.performer}" for n, t in enumerate(self.tracks, 1)]
        return out


def _packs(strings: Sequence[str]) -> int:
    """Packs one CD-TEXT item type (titles or performers) takes: NUL-terminated strings."""
    return math.ceil(sum(len(s) + 1 for s in strings) / PACK_TEXT_BYTES)


def _fits(entries: Sequence[TextEntry]) -> bool:
    return (_packs([e.title for e in entries]) + _packs([e.performer for e in entries])
            <= TEXT_PACKS)


def _capped(entries: Sequence[TextEntry], limit: int) -> list[TextEntry]:
    return [TextEntry(e.title[:limit].rstrip(), e.performer[:limit].rstrip()) for e in entries]


def preview(disc_title: str, disc_performer: str,
            tracks: Sequence[tuple[str, str]]) -> CdTextPreview:
    """Reduce disc and track (title, performer) pairs; shorten all fields evenly if needed."""
    originals = [TextEntry(disc_title or "", disc_performer or "")]
    originals += [TextEntry(t or "", p or "") for t, p in tracks]
    entries = [TextEntry(reduce_text(e.title), reduce_text(e.performer)) for e in originals]
    limit = FIELD_LIMIT
    while not _fits(entries) and limit > 1:
        limit -= 1
        entries = _capped(entries, limit)
    notes = []
    for index, (before, after) in enumerate(zip(originals, entries, strict=True)):
        where = "Disc" if index == 0 else f"Track {index}"
        for field in ("title", "performer"):
            old, new = getattr(before, field), getattr(after, field)
            if " ".join(old.split()) != new:
                notes.append(f"{where} {field}: “{old}” will read “{new}”")
    if limit < FIELD_LIMIT:
        notes.append(f"CD-TEXT space is limited: every field shortened to {limit} characters.")
    return CdTextPreview(entries[0], tuple(entries[1:]), tuple(notes))
