"""Hand-written matching cases: dev cases' recorded searches with perturbed source metadata.

Each case names the dev case it starts from, what was changed (on the Spotify side, and where
needed in the recorded rows), the answer a careful collector would accept, and why. `expected`
None means: no offered recording is the wanted one, so nothing may be picked with confidence.
Searches are given by kind; the text query is filled in as the flow makes it (a search the
case does not list finds nothing, as in the dev cases).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass


@dataclass(frozen=True)
class NewCase:
    name: str
    base: int  # the dev case whose recordings it starts from
    track: dict  # fields of the source track that change
    searches: dict  # kind ("isrc" | "songs" | "videos") -> edit of that recorded search
    expected: tuple[str, ...] | None
    why: str
    keep_isrc: bool = True


def _keep(*ids):
    return lambda rows: [r for r in rows if r["video_id"] in ids]


def _without(*ids):
    return lambda rows: [r for r in rows if r["video_id"] not in ids]


def _edit(video_id, **changes):
    def apply(rows):
        return [dict(r, **changes) if r["video_id"] == video_id else r for r in rows]
    return apply


def _chain(*edits):
    def apply(rows):
        for e in edits:
            rows = e(rows)
        return rows
    return apply


def _add(*rows):
    return lambda existing: [*existing, *rows]


def _row(video_id, title, artists, album, duration_s, views, result_type="song", channel=None):
    return {"video_id": video_id, "title": title, "artists": artists, "album": album,
            "duration_s": duration_s, "views": views, "result_type": result_type,
            "explicit": None if result_type != "song" else False, "channel": channel}


CASES: tuple[NewCase, ...] = (
    NewCase(
        "isrc video longer than the song row (67-410)", 28, {},
        {"isrc": _edit("ecSYydwNRZM", duration_s=318.0)},
        ("F9d-Qz-CITw",),
        "Both carry the ISRC; the song row names all three credited artists, has the album and "
        "the exact length; the video names two and runs 7 s longer (clip footage).",
    ),
    NewCase(
        "isrc video longer than the song row (OWOCE 33)", 44, {},
        {"isrc": _edit("KD5ncAFjRzY", duration_s=203.0)},
        ("jGj763hM4ps",),
        "Same recording; the song row is on the album OWOCE 33 and 195 s like the source; the "
        "video is 8 s longer.",
    ),
    NewCase(
        "isrc video longer than the song row (Piszę to na matmie)", 0, {},
        {"isrc": _edit("YlY71g3kzDU", duration_s=266.0)},
        ("SbnzkyaYlIE",),
        "The song row credits Mata and Moo Latte on the source's album at 258 s; the label's "
        "video credits neither artist as such and runs 9 s longer.",
    ),
    NewCase(
        "remix asked for", 4,
        {"title": "On My Way (Da Tweekaz Remix)", "album": "On My Way (Da Tweekaz Remix)",
         "duration_s": 204.6},
        {"songs": None}, ("NKMfIXG9X6E",),
        "The source names the Da Tweekaz remix; exactly one row is that remix, by the same "
        "artists and length.",
    ),
    NewCase(
        "slowed version asked for", 4,
        {"title": "On My Way - Slowed Remix", "album": "Slowed", "duration_s": 218.7},
        {"songs": None}, ("VDEirgfToZ0",),
        "The source is the slowed remix on the album Slowed; the plain song (194 s) is a "
        "different recording.",
    ),
    NewCase(
        "live version asked for", 8,
        {"title": "Чумачечая весна - Live", "album": "Золотые киты - 10 лет (Live in Kiev)",
         "duration_s": 205.3},
        {"songs": None}, ("MpeELiD0RrM",),
        "The source is the live recording from the Kiev album: the (Live) row on that album, "
        "not the studio hit.",
    ),
    NewCase(
        "studio source, a live row is more popular", 8, {},
        {"songs": _chain(_keep("Bjia3dKZqfo", "MpeELiD0RrM"),
                         _edit("MpeELiD0RrM", views=90_000_000))},
        ("Bjia3dKZqfo",),
        "Nothing in the source asks for a live version; popularity must not buy the live row.",
    ),
    NewCase(
        "Latin artist on Spotify, Cyrillic on YouTube Music", 8,
        {"artists": ["Potap & Nastya"]},
        {"songs": None}, ("Bjia3dKZqfo",),
        "Same artist written in two scripts (Потап и Настя = Potap i Nastya); the studio row "
        "on the album Все пучком is the recording.",
    ),
    NewCase(
        "Cyrillic artist on Spotify, Latin on YouTube Music", 8,
        {"title": "Вместе", "album": "Вместе", "duration_s": 192.9, "isrc": None},
        {"songs": None}, ("Zh_SCaSeq0U",),
        "YouTube Music lists this single under 'Potap & Nastya'; that is Потап и Настя, with "
        "the same title, album and length.",
        keep_isrc=False,
    ),
    NewCase(
        "Hebrew artist on YouTube Music, an upload has the Latin name", 40,
        {},
        {"songs": [_row("LfD4z-7arZQ", "אומרים עליה", ["אבי אבורומי"], "אומרים עליה", 213.0,
                        120_000)],
         "videos": [_row("hbwUpload01", "Avi Aburomi - Omrim Aleha אומרים עליה",
                         ["Mizrahit Hits"], None, 219.0, 900_000, "video", "Mizrahit Hits")]},
        ("LfD4z-7arZQ",),
        "The song row by אבי אבורומי (Avi Aburomi in Hebrew letters) is the official release; "
        "the upload by a hits channel is 7 s longer and not the artist's.",
    ),
    NewCase(
        "remaster asked for: the original album's copy, not a compilation's", 12,
        {"title": "Piano Man - 2011 Remaster", "album": "Piano Man (Legacy Edition)",
         "isrc": None},
        {"songs": [
            _row("pmEssential", "Piano Man", ["Billy Joel"], "The Essential Billy Joel", 338.0,
                 210_000_000),
            _row("pmLegacy011", "Piano Man (2011 Remaster)", ["Billy Joel"],
                 "Piano Man (Legacy Edition)", 339.0, 4_000_000),
            _row("7H09QSDUjkc", "Piano Man (The Old Grey Whistle Test)", ["Billy Joel"],
                 "Piano Man (Legacy Edition)", 319.0, 1_000_000)]},
        ("pmLegacy011",),
        "The source is the 2011 remaster on the Legacy Edition; the remastered row on that album "
        "is it. The compilation's copy may be an older master.",
        keep_isrc=False,
    ),
    NewCase(
        "remaster asked for, only compilations and a live take offered", 8,
        {"title": "Чумачечая весна - Remastered 2011", "album": "Всё пучком (Remastered)"},
        {"songs": _chain(_keep("Bjia3dKZqfo", "MpeELiD0RrM"),
                         _add(_row("chumRemast1", "Чумачечая весна (Remastered 2011)",
                                   ["Потап и Настя"], "Все пучком (Remastered)", 194.0,
                                   300_000)))},
        ("chumRemast1",),
        "The remastered row on the remastered album matches title words, album and length; "
        "the plain row is the older master.",
    ),
    NewCase(
        "only covers and karaoke are left", 4, {},
        {"songs": _without("ZM8rAsTT7yE", "NKMfIXG9X6E", "VDEirgfToZ0")},
        None,
        "With the original gone, every 'On My Way' row is a cover, karaoke, remix or another "
        "song; a careful person picks none and asks.",
    ),
    NewCase(
        "song row missing: the official video of the same length", 20, {},
        {"isrc": _without("XfEMj-z3TtA")},
        ("JiwEjXFcBhs",),
        "The official video names both artists and is 142 s like the source; the other rows "
        "are a nightcore edit and a mashup.",
    ),
    NewCase(
        "song row missing: only a TV performance and a long video", 12, {},
        {"isrc": _without("LLbew85exp0")},
        None,
        "What is left is a TV performance (319 s), a music video 49 s longer and a concert "
        "recording: none is the album track.",
    ),
)


def _query(track: dict) -> str:
    return f"{', '.join(track['artists'])} - {track['title']}".strip(" -").casefold()


def build(dev_cases: list[dict]) -> list[dict]:
    """The new cases in the dev cases' shape, plus "name" and "why"."""
    by_number = {c["case"]: c for c in dev_cases}
    built = []
    for spec in CASES:
        base = copy.deepcopy(by_number[spec.base])
        track = {**base["track"], **spec.track}
        if not spec.keep_isrc:
            track["isrc"] = None
        recorded = {("isrc" if s["kind"] == "isrc" else s["filter"]): s["results"]
                    for s in base["searches"]}
        searches = []
        for kind, edit in spec.searches.items():
            if isinstance(edit, list):
                results = edit
            elif edit is None:
                results = recorded.get(kind, [])
            else:
                results = edit(recorded.get(kind, []))
            if kind == "isrc":
                if not track.get("isrc"):
                    continue
                searches.append({"query": track["isrc"], "filter": None, "kind": "isrc",
                                 "results": results})
            else:
                searches.append({"query": _query(track), "filter": kind, "kind": "text",
                                 "results": results})
        built.append({"case": spec.name, "base": spec.base, "track": track,
                      "searches": searches, "expected": list(spec.expected or []),
                      "expect_none": spec.expected is None, "why": spec.why})
    return built
