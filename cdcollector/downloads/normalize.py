"""Text normalisation for matching: fold scripts and accents, split titles into core and noise."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

# Words that join artist names or introduce guests; they carry no identity of their own.
CONNECTORS = frozenset((
    "and", "und", "y", "et", "i", "e", "x", "with", "feat", "ft", "featuring", "vs", "the",
    "prod", "produced", "by",
))
# A bracket or " - " part made only of these words is upload noise, not part of the title.
NOISE_WORDS = frozenset((
    "official", "music", "lyric", "lyrics", "video", "videoclip", "clip", "audio", "visualizer",
    "visualiser", "hd", "hq", "4k", "1080p", "720p", "mv", "m", "v", "explicit", "clean",
    "remaster", "remastered", "remastering", "digital", "stereo", "mono", "version", "color",
    "colour", "coded", "with", "letra", "paroles", "subtitulado", "legendado", "sub", "subs",
    "eng", "full", "song", "new", "single", "album", "original", "mix", "topic", "premiere",
    "vevo", "performance", "audiovisual",
))
# Versions a user gets only when asked for: category -> pattern on folded text.
VERSIONS: dict[str, str] = {
    "live": r"live|en vivo|ao vivo|live at|in concert",
    "remix": r"remix|rmx|remixed|bootleg|vip mix|club mix",
    "cover": r"cover|covered by|tribute|originally performed|in the style of|made famous",
    "instrumental": r"instrumental|inst|backing track|minus one",
    "karaoke": r"karaoke|sing along|singalong",
    "acoustic": r"acoustic|unplugged|stripped",
    "sped up": r"sped up|speed up|spedup|nightcore|chipmunk",
    "slowed": r"slowed|reverb|slowed reverb",
    "8d": r"8d|8d audio|16d|3d audio",
    "extended": r"extended|extended mix|long version",
    "edit": r"radio edit|edit|short version",
    "demo": r"demo|rough mix|rehearsal",
    "mashup": r"mashup|medley|megamix",
    "piano": r"piano version|piano cover|piano karaoke|on piano|guitar cover|orchestral|"
             r"symphonic|a cappella|acapella|acappella|lullaby|music box|8 bit|16 bit|"
             r"chiptune|emulation",
    "altered": r"bass boosted|lofi|lo fi|lower key|higher key|switching vocals|reversed|"
               r"1 hour|10 hours|loop|parody|reaction|tutorial|lesson|how to play",
}
_VERSION_RES = {name: re.compile(rf"\b(?:{pattern})\b") for name, pattern in VERSIONS.items()}

_BRACKETS = re.compile(r"[(\[{【「『〔](.*?)[)\]}】」』〕]")
_QUOTED = re.compile(r"[\"“”„«»](.+?)[\"“”„«»]")
_SEPARATORS = re.compile(r"\s[-–—~|•·:]\s|\s*[|ǀ｜]\s*|\s[-–—]|[-–—]\s")
_APOSTROPHES = re.compile(r"['’`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_FEATURE_START = re.compile(r"^(?:feat|ft|featuring|with|prod|produced by|starring)\b")


def fold(text: str) -> str:
    """Lower-case ASCII words: accents removed, any script transliterated, punctuation gone."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", anyascii(text).casefold())
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def name_tokens(name: str) -> list[str]:
    """Identity-bearing words of an artist name ("The Kid LAROI" -> ["kid", "laroi"])."""
    words = fold(name).split()
    kept = [w for w in words if w not in CONNECTORS]
    return kept or words


_REMASTER = re.compile(r"\bremaster(?:ed|ing)?\b")
_YEAR = re.compile(r"\b(?:19[3-9]\d|20[0-4]\d)\b")
_SKELETON_DROP = re.compile(r"[aeiouyh\s]")


def master_words(folded: str) -> tuple[bool, frozenset[str]]:
    """Does the text name a remaster, and which year tags does it carry ("2011 Remaster")?"""
    return bool(_REMASTER.search(folded)), frozenset(_YEAR.findall(folded))


def skeleton(folded: str) -> str:
    """A name's consonant outline, to compare transliterations that spell vowels differently
    (Hebrew "אבי אבורומי" folds to "vy vvrvmy"; in Latin it is "avi aburomi")."""
    return _SKELETON_DROP.sub("", folded.replace("b", "v").replace("w", "v"))


def versions_in(folded: str) -> set[str]:
    return {name for name, regex in _VERSION_RES.items() if regex.search(folded)}


def is_noise(folded: str) -> bool:
    words = folded.split()
    return bool(words) and all(w in NOISE_WORDS or w.isdigit() for w in words)


def is_latin(text: str) -> bool:
    """True when most letters are Latin, so comparing transliterations is meaningful."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin >= 0.8 * len(letters)


@dataclass(frozen=True)
class Title:
    """A title split into what identifies the song and what only describes an upload."""

    full: str  # core words plus descriptive brackets (folded)
    base: str  # core words only (folded)
    parts: tuple[str, ...]  # core separator-parts, each folded ("Artist - Song" -> song alone)
    extras: tuple[str, ...]  # descriptive brackets/parts that are not noise ("just sza")
    versions: frozenset[str]  # version categories named anywhere in the title
    features: str = ""  # folded guest names from "(feat. …)" / "(with …)"


def split_title(title: str, credits: set[str] = frozenset()) -> Title:
    """Split `title`; `credits` are folded artist names whose mentions are credits, not title."""
    versions: set[str] = set()
    extras: list[str] = []
    features: list[str] = []

    def bracket(match: re.Match) -> str:
        inner = fold(match.group(1))
        versions.update(versions_in(inner))
        if _FEATURE_START.match(inner):
            features.append(inner)
        elif inner and not is_noise(inner) and not _is_credit(inner, credits):
            extras.append(inner)
        return " | "

    quoted = [fold(q) for q in _QUOTED.findall(title)]
    stripped = _BRACKETS.sub(bracket, title)
    parts: list[str] = []
    described: list[str] = []  # " - Live at Wembley" parts: descriptive, like a bracket
    for raw in _SEPARATORS.split(stripped):
        part = fold(raw)
        found = versions_in(part)
        versions.update(found)
        if not part or is_noise(part) or _is_credit(part, credits):
            continue
        if _FEATURE_START.match(part):
            features.append(part)
            continue
        core, guests = _split_feature(part)
        features.extend(guests)
        (described if found else parts).append(core)
    parts = [p for p in parts if p] or [p for p in described if p]
    extras[:0] = [d for d in described if d not in parts]
    base = " ".join(parts) or fold(title)
    # Variants for "Artist "Song"" and "Artist Song" uploads: quoted text, credits cut out.
    variants = [*quoted, *(_without_credits(p, credits) for p in parts)]
    parts.extend(v for v in variants if v and v not in parts)
    full = " ".join([base, *extras]).strip()
    return Title(full=full, base=base, parts=tuple(parts) or (base,), extras=tuple(extras),
                 versions=frozenset(versions), features=" ".join(features))


def _split_feature(part: str) -> tuple[str, list[str]]:
    """"song feat someone" -> ("song", ["someone"])."""
    pieces = re.split(r"\b(?:feat|ft|featuring)\b", part, maxsplit=1)
    return pieces[0].strip(), [p.strip() for p in pieces[1:] if p.strip()]


def _without_credits(folded: str, credits: set[str]) -> str:
    for credit in sorted(credits, key=len, reverse=True):
        if credit and len(credit) >= 3:
            folded = re.sub(rf"\b{re.escape(credit)}\b", " ", folded)
    return " ".join(w for w in folded.split() if w not in CONNECTORS)


def _is_credit(folded: str, credits: set[str]) -> bool:
    """A part that only names known artists ("Mata", "Alan Walker, Sabrina Carpenter")."""
    if not credits:
        return False
    words = [w for w in folded.split() if w not in CONNECTORS]
    known = {w for credit in credits for w in credit.split()}
    return bool(words) and all(w in known for w in words)
