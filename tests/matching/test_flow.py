"""search_and_rank: order of searches, early stop, de-duplication across searches."""

from __future__ import annotations

from cdcollector.domain.types import Candidate, TrackQuery
from cdcollector.downloads.matching import CONFIDENT_SCORE, REVIEW_THRESHOLD, search_and_rank

WANTED = TrackQuery(title="Paper Boats", artists=["Ilse Marr", "Kofi Dune"], duration_s=201.0,
                    isrc="DEAAA2400002")


class ScriptedSource:
    def __init__(self, isrc=(), songs=(), videos=()):
        self.answers = {"isrc": list(isrc), "songs": list(songs), "videos": list(videos)}
        self.calls: list[tuple[str, str]] = []

    def by_isrc(self, isrc):
        self.calls.append(("isrc", isrc))
        return self.answers["isrc"]

    def by_text(self, query, kind):
        self.calls.append((kind, query))
        return self.answers[kind]


def song(video_id, title="Paper Boats", found_by="text", **kw):
    fields = dict(artists=["Ilse Marr", "Kofi Dune"], duration_s=201.0, result_type="song")
    fields.update(kw)
    return Candidate(video_id, title, found_by=found_by, **fields)


def test_confident_isrc_hit_stops_the_search():
    source = ScriptedSource(isrc=[song("owner", found_by="isrc")])
    ranked = search_and_rank(WANTED, source)
    assert source.calls == [("isrc", "DEAAA2400002")]
    assert ranked[0].candidate.video_id == "owner" and ranked[0].score >= CONFIDENT_SCORE


def test_songs_then_videos_with_the_artists_dash_title_query():
    source = ScriptedSource(songs=[song("live", "Paper Boats (Live)")],
                            videos=[song("video", result_type="video", channel="Ilse Marr")])
    ranked = search_and_rank(WANTED, source)
    assert source.calls == [("isrc", "DEAAA2400002"),
                            ("songs", "ilse marr, kofi dune - paper boats"),
                            ("videos", "ilse marr, kofi dune - paper boats")]
    assert [s.candidate.video_id for s in ranked] == ["video", "live"]


def test_no_isrc_starts_with_songs():
    wanted = TrackQuery(title="Paper Boats", artists=["Ilse Marr"], duration_s=201.0)
    source = ScriptedSource(songs=[song("s")])
    search_and_rank(wanted, source)
    assert source.calls[0] == ("songs", "ilse marr - paper boats")


def test_candidates_are_deduplicated_across_searches():
    same = song("same", found_by="isrc", duration_s=212.0)
    source = ScriptedSource(isrc=[same], songs=[song("same", duration_s=212.0)],
                            videos=[song("same", result_type="video", duration_s=212.0)])
    ranked = search_and_rank(WANTED, source)
    assert [s.candidate.video_id for s in ranked] == ["same"]
    assert ranked[0].candidate.found_by == "isrc"  # the first sighting is kept


def test_nothing_found_gives_an_empty_list_and_weak_results_need_review():
    assert search_and_rank(WANTED, ScriptedSource()) == []
    weak = song("weak", "Paper Boats (Instrumental)", duration_s=214.0)
    ranked = search_and_rank(WANTED, ScriptedSource(songs=[weak]))
    assert ranked and ranked[0].score < REVIEW_THRESHOLD


def test_a_confident_pick_without_a_clear_lead_asks_the_next_search():
    """Two song rows that both score high: the flow asks videos too before deciding; one
    clearly ahead stops it after songs."""
    source = ScriptedSource(songs=[song("a", views=100_000_000), song("b", views=5_000)])
    ranked = search_and_rank(WANTED, source)
    assert ranked[0].score >= CONFIDENT_SCORE
    assert [kind for kind, _ in source.calls] == ["isrc", "songs", "videos"]
    source = ScriptedSource(songs=[song("a", views=100_000_000), song("b", "Paper Boats (Live)")])
    search_and_rank(WANTED, source)
    assert [kind for kind, _ in source.calls] == ["isrc", "songs"]


def test_clearly_ahead_needs_confidence_and_a_lead():
    from cdcollector.domain.types import ScoredCandidate
    from cdcollector.downloads.matching import CLEAR_LEAD, clearly_ahead

    def scored(*scores):
        return [ScoredCandidate(song(str(i)), s) for i, s in enumerate(scores)]
    assert clearly_ahead(scored(CONFIDENT_SCORE))
    assert not clearly_ahead(scored(CONFIDENT_SCORE - 1))
    assert clearly_ahead(scored(95, 95 - CLEAR_LEAD))
    assert not clearly_ahead(scored(95, 95 - CLEAR_LEAD + 1))
