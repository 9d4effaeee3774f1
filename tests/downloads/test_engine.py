"""The engine end to end: real yt-dlp → ffmpeg → mutagen against the loopback server."""

from __future__ import annotations

import pytest
from sqlmodel import select

from cdcollector.domain.types import DownloadState, Source, TrackRef
from cdcollector.library.models import Favourite, MatchChoice, Playlist, PlaylistEntry, Track
from tests.downloads.tagsupport import PNG, decodes_fully, read_tags
from tests.fakes.media_server import Fault

TIMEOUT = 60


def ref(title: str, n: int = 1, **extra) -> TrackRef:
    values = {"artists": ("Artist A", "Guest B"), "album": "The Album", "album_artist": "Artist A",
              "duration_s": 2.0, "source": Source.SPOTIFY, "id": f"sp{title}",
              "isrc": f"QZ{abs(hash(title)) % 10**10:010d}", "explicit": False,
              "track_number": n, "disc_number": 1, "year": 2024}
    values.update(extra)
    return TrackRef(title=title, **values)


@pytest.fixture
def serve(media_server, audio_cache, fake_media):
    """Serve a generated file for a title and register it with the fake matcher."""
    def add(title: str, ext: str = ".m4a", seconds: float = 2.0, frequency: int = 440,
            score: float = 95.0) -> str:
        url = media_server.add(f"{abs(hash(title))}{ext}", audio_cache.get(seconds, ext,
                                                                           frequency=frequency))
        fake_media.add_recording(title, url, score=score)
        return url
    return add


def states(service) -> dict[str, str]:
    return {job.title: job.state.value for job in service.list_jobs()}


def temp_leftovers(ctx) -> list[str]:
    root = ctx.paths.download_temp_dir
    files = root.rglob("*") if root.exists() else ()
    return [str(p) for p in files]


def music_files(ctx) -> list:
    from pathlib import Path

    return sorted(p for p in Path(ctx.settings.music_folder).rglob("*") if p.is_file())


def make_playlist(ctx, name: str) -> int:
    with ctx.db.session() as session:
        playlist = Playlist(name=name)
        session.add(playlist)
        session.flush()
        return playlist.id


def test_downloads_are_converted_tagged_placed_and_join_the_library(ctx, make_service, serve):
    for i, ext in enumerate((".m4a", ".opus", ".mp3")):
        serve(f"Song {i}", ext, frequency=300 + 100 * i)
    playlist_id = make_playlist(ctx, "Car")
    service = make_service(engine_options={"cover_fetcher": lambda url: PNG})
    refs = [ref(f"Song {i}", i + 1, cover_url="http://127.0.0.1:1/c.png") for i in range(3)]
    ids = service.enqueue(refs, playlist_id=playlist_id, favourite=True)
    assert len(ids) == 3
    assert service.wait_idle(TIMEOUT)
    assert set(states(service).values()) == {"done"}, [j.error for j in service.list_jobs()]
    files = music_files(ctx)
    assert [f.name for f in files] == ["01 Song 0.mp3", "02 Song 1.mp3", "03 Song 2.mp3"]
    assert all(f.parent.parent.name == "Artist A" for f in files)
    for number, path in enumerate(files, start=1):
        assert decodes_fully(path)
        tags = read_tags(path)
        assert tags["title"] == f"Song {number - 1}"
        assert tags["artists"] == ["Artist A", "Guest B"]
        assert (tags["album"], tags["album_artist"]) == ("The Album", "Artist A")
        assert (tags["track"], tags["disc"], tags["year"]) == (str(number), "1", "2024")
        assert tags["isrc"].startswith("QZ") and tags["explicit"] == "0"
        assert tags["source"].startswith("http://127.0.0.1:")
        assert tags["cover"] == PNG
    with ctx.db.session() as session:
        tracks = session.exec(select(Track)).all()
        assert sorted(t.path for t in tracks) == sorted(str(f) for f in files)
        assert {t.format for t in tracks} == {"mp3"}
        assert all(t.file_size and t.file_mtime_ns for t in tracks)
        entries = session.exec(select(PlaylistEntry).where(
            PlaylistEntry.playlist_id == playlist_id)).all()
        assert sorted(e.position for e in entries) == [0, 1, 2]
        assert len(session.exec(select(Favourite)).all()) == 3
    assert temp_leftovers(ctx) == []
    assert service.summary().done == 3


@pytest.mark.parametrize(("fmt", "source_ext", "expected"), [
    ("flac", ".mp3", ".flac"), ("opus", ".m4a", ".opus"), ("m4a", ".opus", ".m4a"),
    ("original", ".opus", ".opus"),
])
def test_every_download_format(ctx, make_service, serve, fmt, source_ext, expected):
    ctx.update_settings(download_format=fmt)
    serve("Format", source_ext)
    service = make_service()
    service.enqueue([ref("Format")])
    assert service.wait_idle(TIMEOUT)
    [job] = service.list_jobs()
    assert job.state == DownloadState.DONE, job.error
    [path] = music_files(ctx)
    assert path.suffix == expected
    assert decodes_fully(path)
    assert read_tags(path)["title"] == "Format"


def test_faults_end_in_done_or_failed_with_a_reason(ctx, make_service, serve, media_server,
                                                    fake_media):
    serve("Dropped", ".mp3", seconds=3.0)
    serve("Forbidden", ".mp3")
    serve("Broken", ".mp3")
    serve("Slow", ".mp3")
    service = make_service()
    name = {title: items[0]["url"].rsplit("/", 1)[1]
            for title, items in fake_media.recordings.items()}
    media_server.set_fault(Fault("drop", after_bytes=10_000, times=1, skip=1), name["Dropped"])
    media_server.set_fault(Fault("403"), name["Forbidden"])
    media_server.set_fault(Fault("500"), name["Broken"])
    media_server.set_fault(Fault("slow_start", delay_s=0.5, times=2), name["Slow"])
    service.enqueue([ref(t) for t in ("Dropped", "Forbidden", "Broken", "Slow")])
    assert service.wait_idle(TIMEOUT)
    jobs = {job.title: job for job in service.list_jobs()}
    assert jobs["Dropped"].state == DownloadState.DONE, jobs["Dropped"].error
    assert jobs["Slow"].state == DownloadState.DONE, jobs["Slow"].error
    assert jobs["Forbidden"].state == DownloadState.FAILED
    assert jobs["Forbidden"].error == "The source refused the download (HTTP 403)"
    assert jobs["Broken"].state == DownloadState.FAILED
    assert jobs["Broken"].error == "The source had a server error (HTTP 500)"
    assert sorted(p.name for p in music_files(ctx)) == ["01 Dropped.mp3", "01 Slow.mp3"]
    assert all(decodes_fully(p) for p in music_files(ctx))
    assert temp_leftovers(ctx) == []
    summary = service.summary()
    assert (summary.failed, summary.done, summary.active, summary.queued) == (2, 2, 0, 0)
    # Retry after the source recovers.
    media_server.clear_faults()
    assert len(service.retry_failed()) == 2
    assert service.wait_idle(TIMEOUT)
    assert set(states(service).values()) == {"done"}
    assert len(music_files(ctx)) == 4


def test_cancel_leaves_no_temp_or_partial_files(ctx, make_service, serve, media_server, qtbot):
    media_server.rate_limit_bps = 40_000
    serve("Long", ".mp3", seconds=20.0)
    service = make_service()
    [job_id] = service.enqueue([ref("Long")])
    qtbot.waitUntil(lambda: service.job(job_id).progress > 0.05, timeout=TIMEOUT * 1000)
    assert service.job(job_id).state == DownloadState.DOWNLOADING
    service.cancel(job_id)
    assert service.wait_idle(TIMEOUT)
    assert service.job(job_id).state == DownloadState.CANCELLED
    assert temp_leftovers(ctx) == []
    assert music_files(ctx) == []


def test_the_same_track_from_two_playlists_is_one_job(ctx, make_service, serve):
    serve("Twice")
    first, second = make_playlist(ctx, "One"), make_playlist(ctx, "Two")
    service = make_service()
    service.pause_all()
    ids_a = service.enqueue([ref("Twice")], playlist_id=first)
    ids_b = service.enqueue([ref("Twice", album="Other Album")], playlist_id=second)
    assert ids_a == ids_b and len(service.list_jobs()) == 1
    service.resume_all()
    assert service.wait_idle(TIMEOUT)
    assert len(music_files(ctx)) == 1
    with ctx.db.session() as session:
        entries = session.exec(select(PlaylistEntry)).all()
        assert sorted(e.playlist_id for e in entries) == [first, second]


def test_tracks_already_on_disk_are_not_downloaded_again(ctx, make_service, serve,
                                                         fake_media, tmp_path):
    serve("Have it")
    existing = tmp_path / "music" / "have.mp3"
    existing.parent.mkdir(parents=True, exist_ok=True)
    existing.write_bytes(b"x")
    with ctx.db.session() as session:
        session.add(Track(title="Have It", artist_name="artist a, guest b", duration_s=3.5,
                          path=str(existing)))
    playlist_id = make_playlist(ctx, "P")
    service = make_service()
    # No ISRC or ids: found by artist + title + duration (within 3 s).
    assert service.enqueue([ref("Have it", isrc=None, id=None, source=Source.LOCAL)],
                           playlist_id=playlist_id) == []
    assert fake_media.resolved == []
    with ctx.db.session() as session:
        assert len(session.exec(select(PlaylistEntry)).all()) == 1


def test_unsure_match_waits_for_review_and_the_choice_is_remembered(ctx, make_service, serve,
                                                                    fake_media):
    serve("Unsure", score=40.0)
    service = make_service()
    [job_id] = service.enqueue([ref("Unsure")])
    assert service.wait_idle(TIMEOUT)
    job = service.job(job_id)
    assert job.state == DownloadState.NEEDS_REVIEW
    assert job.score == 40.0 and len(job.candidates) == 1
    assert job.candidates[0].url.startswith("http://127.0.0.1")
    assert music_files(ctx) == []
    service.choose(job_id, job.candidates[0].url)
    assert service.wait_idle(TIMEOUT)
    assert service.job(job_id).state == DownloadState.DONE
    with ctx.db.session() as session:
        [choice] = session.exec(select(MatchChoice)).all()
        assert choice.source_url == job.candidates[0].url
        # The user deletes the file; a later download of the same track reuses the choice.
        track = session.exec(select(Track)).one()
        track.path, track.file_missing = None, True
    for path in music_files(ctx):
        path.unlink()
    service.remove(job_id)
    asked = len(fake_media.resolved)
    [again] = service.enqueue([ref("Unsure")])
    assert service.wait_idle(TIMEOUT)
    assert service.job(again).state == DownloadState.DONE
    assert len(fake_media.resolved) == asked  # the matcher was not asked again
    assert len(music_files(ctx)) == 1


def test_no_candidate_fails_with_a_reason(ctx, make_service):
    service = make_service()
    [job_id] = service.enqueue([ref("Nowhere")])
    assert service.wait_idle(TIMEOUT)
    assert service.job(job_id).error == "No recording of this track was found"


def test_pause_resume_remove(ctx, make_service, serve):
    serve("P1")
    serve("P2")
    service = make_service()
    service.pause_all()
    ids = service.enqueue([ref("P1"), ref("P2")])
    assert service.wait_idle(TIMEOUT)
    assert set(states(service).values()) == {"queued"}
    service.remove(ids[1])
    service.resume_all()
    assert service.wait_idle(TIMEOUT)
    assert states(service) == {"P1": "done"}


def test_interrupted_jobs_resume_and_orphaned_temp_folders_go(ctx, make_service, serve):
    serve("Resumed")
    service = make_service()
    service.pause_all()
    [job_id] = service.enqueue([ref("Resumed")])
    service.shutdown()
    from cdcollector.downloads import job_store

    job_store.update(ctx.db, job_id, state=DownloadState.DOWNLOADING, progress=0.4)
    orphan = ctx.paths.download_temp_dir / "job-999"
    orphan.mkdir(parents=True)
    (orphan / "source.mp3.part").write_bytes(b"half")
    restarted = make_service()
    assert restarted.wait_idle(TIMEOUT)
    assert restarted.job(job_id).state == DownloadState.DONE
    assert temp_leftovers(ctx) == []


def test_album_and_artist_requests_expand_into_tracks(ctx, make_service, serve, fake_media):
    for title in ("A1", "A2", "S1"):
        serve(title)
    tracks = [ref("A1", 1, album=None, album_artist=None),
              ref("A2", 2, album=None, album_artist=None)]
    fake_media.add_album("alb", "Long Player", ("Band",), tracks, year=1999)
    fake_media.add_album("sgl", "Single", ("Band",), [ref("S1", 1, album=None)])
    fake_media.artists["art"] = {"name": "Band", "albums": ["alb", "sgl"]}
    service = make_service()
    service.pause_all()
    assert len(service.enqueue_album("alb")) == 2
    assert len(service.enqueue_artist("art")) == 3  # the album's two join their jobs
    assert len(service.list_jobs()) == 3
    service.resume_all()
    assert service.wait_idle(TIMEOUT)
    assert set(states(service).values()) == {"done"}
    names = sorted(str(p.relative_to(ctx.settings.music_folder)) for p in music_files(ctx))
    assert names == ["Artist A/Single/01 S1.mp3", "Band/Long Player/01 A1.mp3",
                     "Band/Long Player/02 A2.mp3"]


def test_a_second_engine_on_the_same_library_shares_the_queue(ctx, make_service, serve):
    idle = make_service()  # an open window with nothing to do does not block the CLI
    serve("Second")
    busy = make_service()
    [job_id] = busy.enqueue([ref("Second")])
    assert busy.wait_settled([job_id], TIMEOUT) and idle.wait_idle(TIMEOUT)
    assert states(busy) == {"Second": "done"}


def test_a_file_placed_just_before_a_crash_is_joined_not_downloaded_again(
        ctx, make_service, serve, media_server, audio_cache, fake_media):
    import shutil

    from cdcollector.downloads import job_store

    serve("Placed")
    serve("Named only")
    service = make_service()
    service.pause_all()
    placed_id, named_id = service.enqueue([ref("Placed"), ref("Named only")])
    service.shutdown()
    placed = music_dir(ctx) / "Artist A" / "The Album" / "01 Placed.mp3"
    placed.parent.mkdir(parents=True)
    shutil.copyfile(audio_cache.get(1.0, ".mp3"), placed)
    job_store.update(ctx.db, placed_id, state=DownloadState.TAGGING, target_path=str(placed),
                     source_url="http://127.0.0.1:1/x.mp3")
    ghost = placed.with_name("01 Named only.mp3")
    job_store.update(ctx.db, named_id, state=DownloadState.TAGGING, target_path=str(ghost))
    restarted = make_service()
    assert restarted.wait_idle(TIMEOUT)
    assert restarted.job(placed_id).state == DownloadState.DONE
    assert restarted.job(named_id).state == DownloadState.DONE
    assert fake_media.resolved == ["Named only"]
    assert sorted(p.name for p in music_files(ctx)) == ["01 Named only.mp3", "01 Placed.mp3"]
    with ctx.db.session() as session:
        assert sorted(t.path for t in session.exec(select(Track))) == sorted(
            str(p) for p in music_files(ctx))


def music_dir(ctx):
    from pathlib import Path

    return Path(ctx.settings.music_folder)
