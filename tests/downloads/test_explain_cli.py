"""`cdcollector download --explain`: the pick, what it beat, and the parts of each score."""

from __future__ import annotations

import pytest

from cdcollector import cli
from cdcollector.domain.types import Candidate
from cdcollector.downloads.matching import rank
from cdcollector.downloads.plan import ref_to_json
from cdcollector.services import download_provider
from cdcollector.services.download_provider import DownloadProvider, query_for
from tests.downloads.test_engine import ref
from tests.fakes.media_provider import FakeCatalog

VIDEO = "https://music.youtube.com/watch?v=AAAAAAAAAAA"


@pytest.fixture
def two_recordings(fake_media, media_server, audio_cache, monkeypatch, offline):
    """The real matcher ranks a studio song row against a live upload of the same title."""
    studio = media_server.add("studio.mp3", audio_cache.get(1.0, ".mp3", frequency=300))
    live = media_server.add("live.mp3", audio_cache.get(1.0, ".mp3", frequency=360))
    fake_media.tracks["AAAAAAAAAAA"] = ref_to_json(ref("Single Song"))

    def resolve(track):
        return rank(query_for(track), [
            Candidate(live, f"{track.title} (Live)", list(track.artists),
                      duration_s=track.duration_s, result_type="video", channel="Fans"),
            Candidate(studio, track.title, list(track.artists), album=track.album,
                      duration_s=track.duration_s, explicit=False),
        ])

    monkeypatch.setattr(download_provider, "PROVIDER_FACTORY",
                        lambda: DownloadProvider(resolve, FakeCatalog(fake_media)))
    return studio, live


def test_explain_prints_the_pick_and_what_it_beat(two_recordings, capsys):
    studio, live = two_recordings
    assert cli.main(["download", "--explain", VIDEO]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Artist A, Guest B - Single Song:")
    picked, picked_parts, beat, beat_parts = lines[start + 1:start + 5]
    assert picked.split()[0] == "picked" and picked.endswith(studio)
    assert picked_parts.strip().split("; ")[:3] == ["title 100 (+30)", "artists 1.00 (+25)",
                                            "duration ±0s (+20)"]
    assert "same album (+6)" in picked_parts
    assert beat.split()[0] == "beat" and beat.endswith(live)
    assert "live (not asked) (-30)" in beat_parts


def test_without_explain_no_breakdown_is_printed(two_recordings, capsys):
    assert cli.main(["download", VIDEO]) == 0
    assert "picked" not in capsys.readouterr().out
