"""plan.py: one job per recording, skip what is on disk, keys for remembered choices."""

from __future__ import annotations

from cdcollector.domain.types import Candidate, ScoredCandidate, Source, TrackRef
from cdcollector.downloads import job_store
from cdcollector.downloads.plan import JobRequest, plan_requests, track_key
from cdcollector.library.models import Track


def test_track_keys_prefer_isrc_then_ids_then_text():
    assert track_key(TrackRef("x", isrc=" usabc1234567 ")) == "isrc:USABC1234567"
    assert track_key(TrackRef("x", source=Source.SPOTIFY, id="sp1")) == "spotify:sp1"
    assert track_key(TrackRef("x", source=Source.YTMUSIC, id="yt1")) == "youtube:yt1"
    assert track_key(TrackRef("Café (Live!)", ("Beyoncé",), duration_s=200.0)) == \
        "text:beyonce|cafe live|40"


def test_the_same_song_from_different_sources_is_one_request(ctx):
    spotify = TrackRef("Yellow", ("Coldplay",), duration_s=266.7, source=Source.SPOTIFY,
                       id="sp")
    youtube = TrackRef("yellow", ("coldplay",), duration_s=268.0, source=Source.YTMUSIC,
                       id="yt")
    other_length = TrackRef("Yellow", ("Coldplay",), duration_s=320.0, source=Source.YTMUSIC,
                            id="yt-live")
    with ctx.db.session() as session:
        plan = plan_requests(session, [spotify, youtube, spotify, other_length])
    assert [r.ref.id for r in plan.new] == ["sp", "yt-live"]
    assert plan.duplicates == 2


def test_different_isrcs_are_different_recordings(ctx):
    a = TrackRef("Song", ("A",), isrc="AAA000000001")
    b = TrackRef("Song", ("A",), isrc="AAA000000002")
    with ctx.db.session() as session:
        assert len(plan_requests(session, [a, b]).new) == 2


def test_tracks_with_files_are_existing_and_missing_files_are_downloaded(ctx, tmp_path):
    with ctx.db.session() as session:
        session.add(Track(title="On disk", artist_name="A", isrc="ISRC00000001",
                          path=str(tmp_path / "a.mp3")))
        session.add(Track(title="Gone", artist_name="A", isrc="ISRC00000002",
                          path=str(tmp_path / "b.mp3"), file_missing=True))
        session.add(Track(title="No file", artist_name="A", isrc="ISRC00000003"))
    refs = [TrackRef(t, ("A",), isrc=f"ISRC0000000{i}")
            for i, t in enumerate(("On disk", "Gone", "No file"), start=1)]
    with ctx.db.session() as session:
        plan = plan_requests(session, refs, playlist_id=None, favourite=True)
    assert [e.ref.title for e in plan.existing] == ["On disk"]
    assert [r.ref.title for r in plan.new] == ["Gone", "No file"]
    assert all(r.favourite for r in plan.new)


def test_request_and_candidates_survive_json():
    ref = TrackRef("T", ("A", "B"), album="Al", duration_s=12.5, source=Source.SPOTIFY, id="x",
                   explicit=True, track_number=3)
    request = JobRequest(ref, track_key(ref), [4, 5], True)
    again = JobRequest.from_json(request.to_json())
    assert again == request
    scored = [ScoredCandidate(Candidate("vid", "T", ["A"], duration_s=12.0, channel="A - Topic"),
                              77.5, ("duration", "title"))]
    assert job_store.candidates_from_json(job_store.candidates_to_json(scored)) == scored
