"""The matcher's rules, one at a time, on small hand-made candidate lists."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdcollector.domain.types import Candidate, TrackQuery
from cdcollector.downloads.matching import REVIEW_THRESHOLD, rank

WANTED = TrackQuery(
    title="Northern Lights", artists=["Mira Vale"], album="Skyline", duration_s=214.0,
    isrc="GBAAA2400001", explicit=False,
)


def cand(video_id: str, title: str = "Northern Lights", **kw) -> Candidate:
    fields = dict(artists=["Mira Vale"], duration_s=214.0, result_type="song", views=100_000)
    fields.update(kw)
    return Candidate(video_id=video_id, title=title, **fields)


def ids(track: TrackQuery, candidates: list[Candidate]) -> list[str]:
    return [s.candidate.video_id for s in rank(track, candidates)]


@pytest.mark.parametrize(
    ("version_title", "reason"),
    [
        ("Northern Lights (Live)", "live"),
        ("Northern Lights - Live at Wembley", "live"),
        ("Northern Lights (DJ Flux Remix)", "remix"),
        ("Northern Lights (Cover)", "cover"),
        ("Northern Lights (Instrumental)", "instrumental"),
        ("Northern Lights (Karaoke Version)", "karaoke"),
        ("Northern Lights (Acoustic)", "acoustic"),
        ("Northern Lights (Sped Up)", "sped up"),
        ("Northern Lights (Slowed + Reverb)", "slowed"),
        ("Northern Lights [8D Audio]", "8d"),
        ("Northern Lights (Nightcore)", "sped up"),
        ("Northern Lights (Extended Mix)", "extended"),
        ("Northern Lights (Radio Edit)", "edit"),
        ("Northern Lights (Demo)", "demo"),
        ("Northern Lights (Piano Version)", "piano"),
    ],
)
def test_unrequested_versions_lose_to_the_original(version_title, reason):
    ranked = rank(WANTED, [cand("version", version_title), cand("original")])
    assert ranked[0].candidate.video_id == "original"
    version = next(s for s in ranked if s.candidate.video_id == "version")
    assert f"{reason} (not asked)" in version.reasons
    assert version.score < REVIEW_THRESHOLD


def test_version_asked_for_in_the_title_is_preferred():
    wanted = TrackQuery(title="Northern Lights - Live", artists=["Mira Vale"], duration_s=214.0)
    assert ids(wanted, [cand("studio"), cand("live", "Northern Lights (Live)")])[0] == "live"


def test_remix_asked_for_beats_the_original():
    wanted = TrackQuery(title="Northern Lights (DJ Flux Remix)", artists=["Mira Vale"],
                        duration_s=214.0)
    ranked = rank(wanted, [cand("original"), cand("remix", "Northern Lights (DJ Flux Remix)")])
    assert ranked[0].candidate.video_id == "remix"
    assert "not the remix version asked for" in ranked[1].reasons


def test_live_album_counts_as_a_version():
    ranked = rank(WANTED, [cand("live", album="Live in Berlin 2019"), cand("studio")])
    assert [s.candidate.video_id for s in ranked] == ["studio", "live"]


def test_duration_far_off_is_excluded_and_closeness_decides():
    candidates = [cand("far", duration_s=300.0), cand("near8", duration_s=222.0),
                  cand("near1", duration_s=215.0)]
    assert ids(WANTED, candidates) == ["near1", "near8"]


def test_unknown_durations_are_kept():
    assert ids(WANTED, [cand("x", duration_s=None)]) == ["x"]
    no_duration = TrackQuery(title="Northern Lights", artists=["Mira Vale"])
    assert ids(no_duration, [cand("x", duration_s=500.0)]) == ["x"]


def test_another_song_is_excluded():
    assert ids(WANTED, [cand("other", "Southern Comfort"), cand("ok")]) == ["ok"]


def test_same_title_by_another_artist_is_excluded():
    assert ids(WANTED, [cand("other", artists=["Tom Brisk"]), cand("ok")]) == ["ok"]


def test_other_scripts_are_not_excluded_for_artist_spelling():
    wanted = TrackQuery(title="Чумачечая весна", artists=["Потап и Настя"], duration_s=194.0)
    found = Candidate("a", "Чумачечая весна", ["Potap & Nastya"], duration_s=194.0)
    ranked = rank(wanted, [found])
    assert ranked and ranked[0].score >= REVIEW_THRESHOLD  # transliteration matches


def test_topic_channel_preferred_over_a_random_upload():
    upload = cand("upload", "Mira Vale - Northern Lights", result_type="video",
                  artists=["music4you"], channel="music4you")
    topic = cand("topic", result_type="video", artists=["Mira Vale - Topic"],
                 channel="Mira Vale - Topic")
    assert ids(WANTED, [upload, topic])[0] == "topic"


def test_artist_channel_preferred_over_a_lyrics_channel():
    lyrics = cand("lyrics", "Mira Vale - Northern Lights (Lyrics)", result_type="video",
                  artists=["Lyric Land"], channel="Lyric Land", views=5_000_000)
    official = cand("official", "Mira Vale - Northern Lights (Official Video)",
                    result_type="video", artists=["Mira Vale"], channel="MiraValeVEVO",
                    views=900_000)
    ranked = rank(WANTED, [lyrics, official])
    assert ranked[0].candidate.video_id == "official"
    assert "artist channel" in ranked[0].reasons


def test_song_result_preferred_over_video():
    video = cand("video", result_type="video", channel="Mira Vale", views=2_000_000)
    assert ids(WANTED, [video, cand("song")])[0] == "song"


def test_upload_noise_does_not_hurt_the_title():
    for noisy in ("Northern Lights (Official Audio)", "Northern Lights [Official Video] HD",
                  "Northern Lights (Lyrics)", "Northern Lights - Remastered 2011",
                  "Mira Vale - Northern Lights (Official Music Video)",
                  'Mira Vale "Northern Lights"', "NORTHERN LIGHTS!!"):
        ranked = rank(WANTED, [cand("x", noisy, result_type="video")])
        assert ranked and ranked[0].reasons[0] in ("title 100", "title 95"), noisy


def test_featured_artists_are_not_part_of_the_title():
    wanted = TrackQuery(title="Northern Lights (feat. Jo Quill)", artists=["Mira Vale", "Jo Quill"],
                        duration_s=214.0)
    ranked = rank(wanted, [cand("a", "Northern Lights (ft. Jo Quill)", artists=["Mira Vale"])])
    assert ranked[0].reasons[:2] == ("title 100", "artists 1.00")


def test_accents_and_case_are_ignored():
    wanted = TrackQuery(title="Café Olé", artists=["Zoë Brønn"], duration_s=180.0)
    ranked = rank(wanted, [Candidate("a", "CAFE OLE", ["Zoe Bronn"], duration_s=181.0)])
    assert ranked[0].reasons[:2] == ("title 100", "artists 1.00")


def test_explicit_flag_match_is_a_small_bonus():
    clean, explicit = cand("clean", explicit=False), cand("explicit", explicit=True)
    assert ids(WANTED, [explicit, clean])[0] == "clean"
    wants_explicit = TrackQuery(title="Northern Lights", artists=["Mira Vale"],
                                duration_s=214.0, explicit=True)
    assert ids(wants_explicit, [clean, explicit])[0] == "explicit"


def test_first_isrc_result_carries_the_isrc():
    by_isrc = [cand("owner", result_type="video", channel="Label", artists=["Label"],
                    title="Mira Vale - Northern Lights", found_by="isrc"),
               cand("related", found_by="isrc", album="Skyline")]
    ranked = rank(WANTED, by_isrc)
    assert ranked[0].candidate.video_id == "owner"
    assert "carries the ISRC" in ranked[0].reasons


def test_isrc_owner_without_sane_title_or_duration_gets_no_bonus():
    by_isrc = [cand("live", "Northern Lights (Live)", found_by="isrc"),
               cand("long", found_by="isrc", duration_s=240.0), cand("studio", found_by="isrc")]
    ranked = rank(WANTED, by_isrc)
    assert ranked[0].candidate.video_id == "studio"
    assert all("carries the ISRC" not in s.reasons for s in ranked)


def test_isrc_results_keep_a_foreign_title_only_from_the_right_artist():
    unrelated = cand("unrelated", "Totally Different", artists=["Someone Else"], found_by="isrc")
    translated = cand("translated", "Nordlichter", found_by="isrc")
    assert ids(WANTED, [unrelated, translated]) == ["translated"]


def test_duplicates_are_scored_once_and_scores_are_bounded_and_sorted():
    candidates = [cand("a"), cand("a", "Northern Lights (Live)"), cand("b", duration_s=220.0),
                  cand("c", found_by="isrc")]
    ranked = rank(WANTED, candidates)
    assert [s.candidate.video_id for s in ranked].count("a") == 1
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)


def test_nothing_to_rank():
    assert rank(WANTED, []) == []


_texts = st.text(max_size=40)
_candidates = st.builds(
    Candidate,
    video_id=st.text(min_size=1, max_size=11),
    title=_texts,
    artists=st.lists(_texts, max_size=3),
    album=st.none() | _texts,
    duration_s=st.none() | st.floats(0, 4000),
    views=st.none() | st.integers(0, 10**11),
    result_type=st.sampled_from(["song", "video", "episode"]),
    explicit=st.none() | st.booleans(),
    channel=st.none() | _texts,
    found_by=st.sampled_from(["isrc", "text"]),
)


@settings(max_examples=150, deadline=None)
@given(_texts, st.lists(_texts, max_size=3), st.none() | st.floats(0, 4000),
       st.lists(_candidates, max_size=6))
def test_any_input_ranks_without_error(title, artists, duration, candidates):
    wanted = TrackQuery(title=title, artists=artists, duration_s=duration)
    ranked = rank(wanted, candidates)
    assert all(0 <= s.score <= 100 for s in ranked)
    assert len({s.candidate.video_id for s in ranked}) == len(ranked)


def test_the_parts_add_up_to_the_score_and_name_the_reasons():
    ranked = rank(WANTED, [cand("a", album="Skyline", explicit=False, found_by="isrc"),
                           cand("b", "Northern Lights (Live)", duration_s=220.0)])
    for scored in ranked:
        assert scored.reasons == tuple(p.what for p in scored.parts)
        assert scored.score == pytest.approx(
            max(0.0, min(100.0, sum(p.points for p in scored.parts))), abs=0.2)
    live = ranked[1].parts
    assert any(p.what == "live (not asked)" and p.points == -30 for p in live)


def test_isrc_owner_at_another_length_loses_to_the_song_row():
    """A video carrying the ISRC but 8 s longer is another cut; the song row is the track."""
    wanted = TrackQuery(title="Paper Boats", artists=["Ilse Marr", "Kofi Dune"],
                        album="Harbour", duration_s=201.0, isrc="DEAAA2400002")
    video = cand("video", "Ilse Marr - Paper Boats", result_type="video", channel="Ilse Marr",
                 artists=["Ilse Marr"], duration_s=209.0, found_by="isrc")
    row = cand("row", "Paper Boats", artists=["Ilse Marr", "Kofi Dune"], album="Harbour",
               duration_s=201.0, found_by="isrc")
    assert ids(wanted, [video, row])[0] == "row"
    same_length = cand("video", "Ilse Marr - Paper Boats", result_type="video",
                       channel="Ilse Marr", artists=["Ilse Marr"], duration_s=202.0,
                       found_by="isrc")
    ranked = rank(wanted, [same_length, row])
    assert "carries the ISRC" in ranked[0].reasons and ranked[0].candidate.video_id == "video"


def test_remaster_asked_for_prefers_the_remastered_album_copy():
    wanted = TrackQuery(title="Northern Lights - 2011 Remaster", artists=["Mira Vale"],
                        album="Skyline (Deluxe)", duration_s=214.0)
    compilation = cand("best-of", album="The Best of Mira Vale", views=90_000_000)
    remaster = cand("remaster", "Northern Lights (2011 Remaster)", album="Skyline",
                    views=200_000)
    other_year = cand("2019", "Northern Lights (2019 Remaster)", album="Skyline")
    ranked = rank(wanted, [compilation, other_year, remaster])
    assert ranked[0].candidate.video_id == "remaster"
    assert "same remaster" in ranked[0].reasons
    assert "year 2019 differs" in next(s for s in ranked if s.candidate.video_id == "2019").reasons


def test_artist_in_another_script_is_recognised_by_its_outline():
    wanted = TrackQuery(title="אומרים עליה", artists=["Avi Aburomi"], duration_s=212.5)
    hebrew = Candidate("row", "אומרים עליה", ["אבי אבורומי"], duration_s=213.0)
    stranger = Candidate("other", "אומרים עליה", ["Mizrahit Hits"], duration_s=213.0,
                         result_type="video", channel="Mizrahit Hits")
    ranked = rank(wanted, [stranger, hebrew])
    assert ranked[0].candidate.video_id == "row" and "artists 1.00" in ranked[0].reasons


def test_length_counts_for_more_when_several_candidates_are_close():
    loose = rank(WANTED, [cand("a", duration_s=219.0)])[0]
    tight = rank(WANTED, [cand("a", duration_s=219.0), cand("b", duration_s=214.0)])
    a = next(s for s in tight if s.candidate.video_id == "a")
    assert a.score < loose.score and any("close rivals" in r for r in a.reasons)


AIMER = "UCaimer000000000000000AA"
AIMER_JP = TrackQuery(title="Brave Shine", artists=["Aimer"], duration_s=200.0)


def artist_part(track: TrackQuery, candidates: list[Candidate], video_id: str) -> str:
    scored = {s.candidate.video_id: s for s in rank(track, candidates)}
    return next(p.what for p in scored[video_id].parts if p.what.startswith("artists"))


def test_an_artist_channel_the_source_knows_credits_a_name_in_another_script():
    row = cand("jp", "Brave Shine", artists=["エメ"], duration_s=200.0, artist_ids=(AIMER,))
    assert artist_part(AIMER_JP, [row], "jp") == "artists 0.00"  # the names alone: no match
    known = TrackQuery(title="Brave Shine", artists=["Aimer"], duration_s=200.0,
                       artist_ids=(AIMER,))
    assert artist_part(known, [row], "jp") == "artists 1.00"


def test_the_isrc_owner_vouches_for_its_artist_channel_on_other_rows():
    owner = cand("isrc", "Brave Shine", artists=["エメ"], duration_s=200.0,
                 artist_ids=(AIMER,), found_by="isrc")
    same_artist = cand("row", "Brave Shine (TV size)", artists=["エメ"], duration_s=200.0,
                       artist_ids=(AIMER,))
    stranger = cand("other", "Brave Shine", artists=["エメ"], duration_s=200.0,
                    artist_ids=("UCsomeoneelse0000000000A",))
    candidates = [owner, same_artist, stranger]
    assert artist_part(AIMER_JP, candidates, "row") == "artists 1.00"
    assert artist_part(AIMER_JP, candidates, "other") == "artists 0.00"


def test_song_rows_named_after_the_artist_vouch_for_their_channel():
    latin = cand("latin", "Brave Shine", artists=["Aimer"], duration_s=200.0,
                 artist_ids=(AIMER,))
    video = cand("jp-video", "Brave Shine (Music Video)", artists=["エメ"], duration_s=201.0,
                 result_type="video", artist_ids=(AIMER,))
    assert artist_part(AIMER_JP, [latin, video], "jp-video") == "artists 1.00"
    assert artist_part(AIMER_JP, [video], "jp-video") == "artists 0.00"
