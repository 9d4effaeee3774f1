"""Folder import: the tinytag samples, incremental re-import, moves, deletions, cancel, the CLI."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import mutagen
import pytest
from sqlmodel import select

from cdcollector.cli import main
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import LibraryError
from cdcollector.library import importer, parallel_read, scanner, tag_reader
from cdcollector.library.importer import import_paths
from cdcollector.library.models import Playlist, PlaylistEntry, Track
from cdcollector.services.importer import ImportService
from tests.library.conftest import SMALL_SET


def tracks_by_path(ctx) -> dict[str, Track]:
    with ctx.db.session() as session:
        return {t.path: t for t in session.exec(select(Track))}


def mutagen_playable(path: Path) -> bool:
    """The independent check: mutagen itself opens it and finds audio with a duration."""
    try:
        audio = mutagen.File(path)
    except Exception:
        return False
    return (audio is not None and type(audio).__name__ != "OggTheora"
            and (audio.info.length or 0) > 0)


@pytest.fixture
def read_counter(monkeypatch):
    """Counts files opened with mutagen in this process (the inline reading path)."""
    opened: list[str] = []
    real = tag_reader._load

    def counting(path):
        opened.append(path)
        return real(path)

    monkeypatch.setattr(tag_reader, "_load", counting)
    return opened


def test_tinytag_samples_every_good_file_in_every_bad_one_explained(ctx, tinytag_dir, bus_log):
    summary = ImportService(ctx).import_paths([str(tinytag_dir)])  # on the process pool
    stored = tracks_by_path(ctx)
    skipped = dict(summary.skipped)
    candidates = [p for p in sorted(tinytag_dir.iterdir()) if not scanner.is_ignored(p.name)]
    assert summary.scanned == len(candidates)
    assert summary.added == len(stored) and summary.cancelled is False
    for path in candidates:
        key = str(path.resolve())
        if mutagen_playable(path):
            assert key in stored, f"{path.name} is playable but was not imported"
            assert key not in skipped
        else:
            assert key not in stored, f"{path.name} was imported but mutagen cannot play it"
            assert skipped.get(key), f"{path.name} was neither imported nor explained"
    assert len(stored) >= 150 and len(skipped) >= 60
    assert str(tinytag_dir / "LICENSE.CC0-1.0.txt") not in skipped  # ignored quietly

    cbr = stored[str(tinytag_dir / "cbr.mp3")]
    assert (cbr.title, cbr.artist_name, cbr.album_title) == (
        "I Can Walk On Water I Can Fly", "Basshunter", "I Can Walk On Water I Can Fly")
    assert cbr.duration_s == pytest.approx(0.444, abs=0.001)
    assert (cbr.track_number, cbr.year, cbr.genre, cbr.format, cbr.bitrate_kbps) == (
        1, 2007, "Dance", "mp3", 128)
    assert cbr.file_size == (tinytag_dir / "cbr.mp3").stat().st_size
    assert cbr.file_mtime_ns == (tinytag_dir / "cbr.mp3").stat().st_mtime_ns
    assert cbr.file_missing is False
    m4a = stored[str(tinytag_dir / "test.m4a")]
    assert (m4a.title, m4a.artist_name, m4a.format) == ("Nothing", "Marian", "m4a")
    assert m4a.duration_s == pytest.approx(314.979, abs=0.001)
    assert stored[str(tinytag_dir / "test.opus")].album_artist == "Alstroemeria Records"
    assert stored[str(tinytag_dir / "test2.wma")].title == "Doll"
    assert stored[str(tinytag_dir / "alac_silence.m4a")].format == "alac"
    assert skipped[str(tinytag_dir / "empty_file.wav")] == "empty file"
    assert skipped[str(tinytag_dir / "incomplete.mp3")].startswith("no audio stream")
    assert skipped[str(tinytag_dir / "106-invalid-streaminfo.flac")].startswith("corrupt: ")

    # The bus saw progress (ending at total), one library change and the summary.
    progress = [e for e in bus_log if e[0] == "import_progress"]
    assert progress and progress[-1][1:3] == (summary.scanned, summary.scanned)
    assert ("library_changed",) in bus_log
    assert bus_log[-1] == ("import_finished", summary)
    assert ctx.settings.library_folders == (str(tinytag_dir.resolve()),)


def test_pool_and_inline_reading_agree(tinytag_dir):
    paths = [str(p) for p in sorted(tinytag_dir.iterdir())]
    with parallel_read.TagReader(2) as pool, parallel_read.TagReader(1) as here:
        pooled = dict(r for group in pool.read_all(paths) for r in group)
        inline = dict(r for group in here.read_all(paths) for r in group)
    assert pooled == inline
    assert sorted(pooled) == paths


def test_reimport_skips_unchanged_files_without_opening_them(ctx, music_copy, read_counter):
    first = import_paths(ctx.db, [str(music_copy)])
    assert (first.added, first.unchanged) == (len(SMALL_SET), 0)
    assert len(read_counter) == len(SMALL_SET)
    before = tracks_by_path(ctx)
    read_counter.clear()

    second = import_paths(ctx.db, [str(music_copy)])
    assert read_counter == []
    assert (second.scanned, second.unchanged, second.added, second.updated) == (
        len(SMALL_SET), len(SMALL_SET), 0, 0)
    assert {p: t.id for p, t in tracks_by_path(ctx).items()} == {
        p: t.id for p, t in before.items()}


def test_modified_file_is_read_again_and_updated_in_place(ctx, music_copy, read_counter):
    import_paths(ctx.db, [str(music_copy)])
    target = music_copy / "Album" / "flac1sMono.flac"
    old = tracks_by_path(ctx)[str(target)]
    audio = mutagen.File(target)
    audio["title"] = "A New Title"
    audio.save()
    os.utime(target, ns=(old.file_mtime_ns + 2_000_000_000,) * 2)
    read_counter.clear()

    summary = import_paths(ctx.db, [str(music_copy)])
    assert read_counter == [str(target)]
    assert (summary.updated, summary.unchanged, summary.added) == (1, len(SMALL_SET) - 1, 0)
    new = tracks_by_path(ctx)[str(target)]
    assert new.id == old.id
    assert new.title == "A New Title" and new.artist_name == "art"
    assert new.file_mtime_ns == target.stat().st_mtime_ns
    assert new.file_size == target.stat().st_size


def add_to_playlist(ctx, track_id: int) -> int:
    with ctx.db.session() as session:
        playlist = Playlist(name="Car")
        session.add(playlist)
        session.flush()
        session.add(PlaylistEntry(playlist_id=playlist.id, track_id=track_id, position=0))
        return playlist.id


def playlist_track_ids(ctx, playlist_id: int) -> list[int]:
    with ctx.db.session() as session:
        return [e.track_id for e in session.exec(
            select(PlaylistEntry).where(PlaylistEntry.playlist_id == playlist_id))]


def test_moved_file_keeps_its_track_id(ctx, music_copy):
    import_paths(ctx.db, [str(music_copy)])
    source = music_copy / "Album" / "composer.ogg"
    track = tracks_by_path(ctx)[str(source)]
    playlist = add_to_playlist(ctx, track.id)
    target = music_copy / "Renamed Album" / "02 composer.ogg"
    target.parent.mkdir()
    source.rename(target)

    summary = import_paths(ctx.db, [str(music_copy)])
    assert (summary.moved, summary.added, summary.removed) == (1, 0, 0)
    stored = tracks_by_path(ctx)
    assert str(source) not in stored
    assert stored[str(target)].id == track.id
    assert stored[str(target)].file_missing is False
    assert playlist_track_ids(ctx, playlist) == [track.id]
    assert len(stored) == len(SMALL_SET)


def test_move_between_separately_imported_folders(ctx, music_copy, tmp_path):
    import_paths(ctx.db, [str(music_copy)])
    source = music_copy / "Album" / "cbr.mp3"
    track_id = tracks_by_path(ctx)[str(source)].id
    other = tmp_path / "Other Music"
    other.mkdir()
    shutil.move(source, other / "cbr.mp3")

    summary = import_paths(ctx.db, [str(other)])  # the old folder is not rescanned
    assert (summary.moved, summary.added) == (1, 0)
    assert tracks_by_path(ctx)[str(other / "cbr.mp3")].id == track_id


def test_deleted_file_is_marked_missing_then_found_again(ctx, music_copy, tmp_path):
    import_paths(ctx.db, [str(music_copy)])
    target = music_copy / "Album" / "test.opus"
    track = tracks_by_path(ctx)[str(target)]
    playlist = add_to_playlist(ctx, track.id)
    kept = tmp_path / "kept.opus"
    shutil.move(target, kept)

    summary = import_paths(ctx.db, [str(music_copy)])
    assert (summary.removed, summary.unchanged) == (1, len(SMALL_SET) - 1)
    row = tracks_by_path(ctx)[str(target)]
    assert row.id == track.id and row.file_missing is True
    assert playlist_track_ids(ctx, playlist) == [track.id]
    again = import_paths(ctx.db, [str(music_copy)])
    assert again.removed == 0  # already known to be missing

    shutil.move(kept, target)  # same size and mtime: it came back
    back = import_paths(ctx.db, [str(music_copy)])
    assert (back.updated, back.added) == (1, 0)
    assert tracks_by_path(ctx)[str(target)].file_missing is False


def test_missing_track_is_claimed_by_the_file_when_it_turns_up_elsewhere(ctx, music_copy,
                                                                         tmp_path):
    import_paths(ctx.db, [str(music_copy)])
    source = music_copy / "Album" / "classical.m4a"
    track_id = tracks_by_path(ctx)[str(source)].id
    parked = tmp_path / "parked.m4a"
    shutil.move(source, parked)
    import_paths(ctx.db, [str(music_copy)])  # now flagged missing
    new_home = tmp_path / "Found" / "classical.m4a"
    new_home.parent.mkdir()
    shutil.move(parked, new_home)

    summary = import_paths(ctx.db, [str(new_home.parent)])
    assert summary.moved == 1
    row = tracks_by_path(ctx)[str(new_home)]
    assert row.id == track_id and row.file_missing is False


def test_copy_of_a_present_file_is_a_new_track(ctx, music_copy):
    import_paths(ctx.db, [str(music_copy)])
    shutil.copy2(music_copy / "Album" / "cbr.mp3", music_copy / "Album" / "cbr copy.mp3")
    summary = import_paths(ctx.db, [str(music_copy)])
    assert (summary.added, summary.moved) == (1, 0)


def test_untagged_files_are_named_from_the_file_name(ctx, tinytag_dir, tmp_path):
    folder = tmp_path / "untagged"
    folder.mkdir()
    shutil.copy2(tinytag_dir / "test.wav", folder / "03 - Some Artist - Some Song.wav")
    shutil.copy2(tinytag_dir / "vbr8.mp3", folder / "04. Just A Title.mp3")
    import_paths(ctx.db, [str(folder)])
    stored = {t.title: t for t in tracks_by_path(ctx).values()}
    assert stored["Some Song"].artist_name == "Some Artist"
    assert stored["Just A Title"].artist_name == ""
    assert stored["Just A Title"].duration_s == pytest.approx(9.04)


def test_single_file_and_hidden_files(ctx, music_copy):
    (music_copy / "Album" / ".hidden.mp3").write_bytes(b"junk")
    (music_copy / "Album" / "cover.jpg").write_bytes(b"\xff\xd8 not audio")
    summary = import_paths(ctx.db, [str(music_copy)])
    assert summary.scanned == len(SMALL_SET) and summary.skipped == ()
    one = music_copy / "Album" / "cbr.mp3"
    single = import_paths(ctx.db, [str(one)])
    assert (single.scanned, single.unchanged) == (1, 1)


def test_a_path_that_does_not_exist_is_a_one_line_error(ctx, tmp_path):
    with pytest.raises(LibraryError, match="No such file or folder"):
        import_paths(ctx.db, [str(tmp_path / "nope")])


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_early_and_says_so(ctx, tinytag_dir, workers):
    token = CancelToken()
    calls = []

    def progress(done, total, path):
        calls.append(done)
        if done > 0:
            token.cancel()

    summary = import_paths(ctx.db, [str(tinytag_dir)], progress=progress, cancel=token,
                           workers=workers)
    assert summary.cancelled is True
    assert summary.added + len(summary.skipped) < summary.scanned
    assert summary.removed == 0
    rest = import_paths(ctx.db, [str(tinytag_dir)], workers=workers)
    assert rest.cancelled is False
    assert rest.unchanged == summary.added
    assert rest.added + summary.added == len(tracks_by_path(ctx))


def test_cancel_before_start_reads_nothing(ctx, music_copy, read_counter):
    token = CancelToken()
    token.cancel()
    summary = import_paths(ctx.db, [str(music_copy)], cancel=token)
    assert summary.cancelled is True and summary.added == 0 and read_counter == []


def test_service_remembers_folders_once(ctx, music_copy, tinytag_dir):
    service = ImportService(ctx, workers=1)
    service.import_paths([str(music_copy), str(music_copy / "Album" / "cbr.mp3")])
    service.import_paths([str(music_copy)])
    assert ctx.settings.library_folders == (str(music_copy.resolve()),)
    assert service.rescan().unchanged == len(SMALL_SET)


def test_no_library_changed_event_when_nothing_changed(ctx, music_copy, bus_log):
    service = ImportService(ctx, workers=1)
    service.import_paths([str(music_copy)])
    bus_log.clear()
    service.import_paths([str(music_copy)])
    assert ("library_changed",) not in bus_log
    assert bus_log[-1][0] == "import_finished"


def test_cli_import_prints_summary_and_every_skipped_file(tinytag_dir, capsys):
    assert main(["import", str(tinytag_dir)]) == 0
    out = capsys.readouterr().out
    assert "Import finished" in out and "added" in out and "missing 0" in out
    assert f"{tinytag_dir / 'empty_file.mp3'}: empty file" in out
    assert f"{tinytag_dir / 'incomplete.mp3'}: no audio stream" in out

    assert main(["--json", "import", str(tinytag_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["added"] == 0 and data["unchanged"] > 150 and data["cancelled"] is False
    assert {"path": str(tinytag_dir / "empty_file.ogg"), "reason": "empty file"} in data[
        "skipped"]


def test_cli_import_of_a_missing_path_fails_in_one_line(tmp_path, capsys):
    assert main(["import", str(tmp_path / "no such folder")]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"cdcollector: No such file or folder: {tmp_path}/no such folder"
    assert "Traceback" not in captured.err


def test_cli_import_in_a_real_process_uses_the_worker_pool(tinytag_dir, tmp_path):
    import subprocess
    import sys

    home = tmp_path / "cli-home"
    result = subprocess.run(
        [sys.executable, "-m", "cdcollector", "--home", str(home), "--json", "import",
         str(tinytag_dir)],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["added"] > 150 and data["scanned"] > parallel_read.INLINE_LIMIT


def test_many_files_named_one_by_one(ctx, tinytag_dir):
    """What the playlist importer does: every file a root of its own."""
    files = [str(p) for p in sorted(tinytag_dir.iterdir()) if p.suffix in (".mp3", ".flac")]
    first = ImportService(ctx).import_paths(files)
    assert first.scanned == len(files) and first.added > 50
    assert ctx.settings.library_folders == ()  # files are not remembered as folders
    again = import_paths(ctx.db, files)
    assert (again.unchanged, again.added, again.removed) == (first.added, 0, 0)


def test_workers_start_during_the_scan_of_a_folder_new_to_the_library(ctx, tinytag_dir,
                                                                       monkeypatch):
    events: list[str] = []
    real_scan, real_warm_up = importer.scan, parallel_read.TagReader.warm_up

    def scan(roots, on_folder=None):
        result = real_scan(roots, on_folder)
        events.append("scan done")
        return result

    def warm_up(reader):
        events.append("workers start")
        real_warm_up(reader)

    monkeypatch.setattr(importer, "scan", scan)
    monkeypatch.setattr(parallel_read.TagReader, "warm_up", warm_up)
    first = import_paths(ctx.db, [str(tinytag_dir)], workers=2)
    assert first.scanned > parallel_read.INLINE_LIMIT and first.added > 150
    assert events[:2] == ["workers start", "scan done"]
    events.clear()
    again = import_paths(ctx.db, [str(tinytag_dir)], workers=2)  # known files: no early start
    assert again.added == 0 and events == ["scan done"]
