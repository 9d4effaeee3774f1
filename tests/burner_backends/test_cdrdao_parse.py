"""cdrdao pure functions: command line, TOC with CD-TEXT, progress, scanbus, disk-info, errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cdcollector.burning.backends.base import BurnOptions, DiscSpec, DiscTrack
from cdcollector.burning.backends.cdrdao_parse import (
    ProgressTracker,
    build_write_args,
    classify_failure,
    parse_disk_info,
    parse_scanbus,
)
from cdcollector.burning.backends.toolproc import split_output
from cdcollector.burning.toc import toc_text, wav_source
from cdcollector.domain.errors import BurnError, MediaError, NoDriveError
from tests.burner_backends import captured
from tests.burner_backends.conftest import make_disc


def test_write_and_simulate_command_lines():
    options = BurnOptions(device="/dev/sr0", speed=16, eject=True)
    assert build_write_args("cdrdao", "disc.toc", options) == [
        "cdrdao", "write", "--device", "/dev/sr0", "--speed", "16", "--eject", "-n", "-v", "2",
        "disc.toc"]
    dry = BurnOptions(device="1,0,0", speed=0, eject=False, simulate=True)
    assert build_write_args("cdrdao", "disc.toc", dry) == [
        "cdrdao", "simulate", "--device", "1,0,0", "-n", "-v", "2", "disc.toc"]


def test_toc_has_cd_text_for_the_disc_and_every_track(tmp_path):
    disc = make_disc(tmp_path)
    toc = toc_text(disc, [wav_source(f"{t.number:02d}.wav") for t in disc.tracks])
    assert toc.startswith("CD_DA\n")
    assert toc.count("CD_TEXT {") == 1 + len(disc.tracks)
    assert "LANGUAGE_MAP {" in toc and "0 : EN" in toc
    assert toc.count("TRACK AUDIO") == 3
    assert 'FILE "01.wav" 0' in toc and 'FILE "03.wav" 0' in toc
    assert 'TITLE "Premi\\350re"' in toc  # Latin-1 è as an octal escape: the file stays ASCII
    assert 'ISRC "GBAAA0100001"' in toc
    toc.encode("ascii")


def test_toc_pregaps_only_between_tracks_that_have_one(tmp_path):
    disc = make_disc(tmp_path)  # pregaps 150 (lead), 150, 0
    toc = toc_text(disc, [wav_source(f"{t.number:02d}.wav") for t in disc.tracks])
    blocks = toc.split("// Track ")[1:]
    assert "PREGAP" not in blocks[0]  # cdrdao writes track 1's 2 s itself
    assert "PREGAP 00:02:00" in blocks[1]
    assert "PREGAP" not in blocks[2]  # gapless


def test_toc_without_cd_text_has_none_at_all():
    track = DiscTrack(1, Path("/a/01.wav"), 300, 150, "T", "P")
    toc = toc_text(DiscSpec((track,), "D", "P", cdtext=False), [wav_source("01.wav")])
    assert "CD_TEXT" not in toc and "TITLE" not in toc


def test_toc_needs_one_source_per_track(tmp_path):
    with pytest.raises(ValueError):
        toc_text(make_disc(tmp_path), [wav_source("01.wav")])


@pytest.mark.skipif(shutil.which("cdrdao") is None or "fakebin" in (shutil.which("cdrdao") or ""),
                    reason="the real cdrdao is not installed")
def test_real_cdrdao_accepts_the_toc(tmp_path):
    disc = make_disc(tmp_path)
    for track in disc.tracks:
        shutil.copy(track.wav_path, tmp_path / f"{track.number:02d}.wav")
    (tmp_path / "disc.toc").write_text(
        toc_text(disc, [wav_source(f"{t.number:02d}.wav") for t in disc.tracks]), "ascii")
    shown = subprocess.run(["cdrdao", "show-toc", "disc.toc"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert shown.count("Mode AUDIO") == 3 and "ISRC GB AAA 01 00001" in shown
    assert shown.count("PREGAP") == 1 and "PREGAP 00:02:00(   150)" in shown
    assert "START  00:06:00(   450)" in shown  # track 2 after 300 sectors + its 2 s gap
    size = subprocess.run(["cdrdao", "toc-size", "disc.toc"], cwd=tmp_path,
                          capture_output=True, text=True, check=True).stdout
    assert int(size) == 300 + 150 + 320 + 310


def test_scanbus_lists_device_paths_and_bus_addresses():
    drives = parse_scanbus(captured.CDRDAO_SCANBUS)
    assert [(d.id, d.vendor, d.model) for d in drives] == [
        ("/dev/sr0", "HL-DT-ST", "DVDRAM GH24NSD1"), ("1,0,0", "PLEXTOR", "CD-R   PX-W4824A")]


def test_disk_info_blank_appendable_closed_and_missing():
    blank = parse_disk_info(captured.CDRDAO_DISK_INFO_BLANK)
    assert blank.present and blank.blank and blank.capacity_sectors == 359849
    appendable = parse_disk_info(captured.CDRDAO_DISK_INFO_APPENDABLE)
    assert appendable.present and not appendable.blank
    assert appendable.capacity_sectors == 239849  # Remaining Capacity wins
    closed = parse_disk_info(captured.CDRDAO_DISK_INFO_CLOSED)
    assert closed.present and not closed.blank and closed.capacity_sectors is None
    missing = parse_disk_info("WARNING: Unit not ready, still trying...\n"
                              "ERROR: Unit not ready, giving up.\n")
    assert not missing.present


def test_progress_fractions_tracks_and_point_of_no_return():
    tracker = ProgressTracker(track_count=2)
    lines, rest = split_output(captured.CDRDAO_WRITE)
    updates = []
    for line in [*lines, rest]:
        if "Pausing" in line:
            assert not tracker.past_point_of_no_return
        update = tracker.feed(line)
        if update:
            updates.append(update)
    assert tracker.past_point_of_no_return
    assert ("writing", pytest.approx(10 / 120), "Writing track 1 of 2 (10 of 120 MB)") in updates
    assert ("writing", pytest.approx(0.5), "Writing track 2 of 2 (60 of 120 MB)") in updates
    assert updates[-1][0] == "fixating"


@pytest.mark.parametrize(("lines", "kind", "words"), [
    (["WARNING: Unit not ready, still trying...", "ERROR: Unit not ready, giving up."],
     MediaError, "no disc"),
    (["ERROR: Inserted disk is not empty and not appendable."], MediaError, "not blank"),
    (["ERROR: Length of toc (80:00:00, 360000 blocks) exceeds capacity ",
      "of CD-R (74:00:00, 333000 blocks)."], MediaError, "do not fit"),
    (["ERROR: Write data failed.", "ERROR: Writing failed - buffer under run?"],
     BurnError, "buffer underrun"),
    (["ERROR: Cannot open SCSI device '/dev/sr0': Permission denied",
      "ERROR: Cannot setup device /dev/sr0."], BurnError, "not allowed"),
    (["ERROR: Cannot open SCSI device '/dev/sr0': Device or resource busy",
      "ERROR: Cannot setup device /dev/sr0."], BurnError, "busy"),
    (["ERROR: Cannot setup device /dev/sr9."], NoDriveError, "No CD burner"),
])
def test_errors_map_to_clear_messages(lines, kind, words):
    error = classify_failure(1, lines)
    assert type(error) is kind and words.lower() in error.message.lower()


def test_real_cdrdao_without_any_drive(monkeypatch):
    """Captured from cdrdao 1.2.4 in a container without optical drives."""
    assert parse_scanbus(captured.CDRDAO_SCANBUS_NO_SYSFS) == []
    error = classify_failure(1, captured.CDRDAO_DISK_INFO_NO_DEVICE.splitlines())
    assert isinstance(error, NoDriveError)


def test_unknown_cdrdao_error_quotes_its_last_line():
    error = classify_failure(1, ["ERROR: Something new."])
    assert error.message == "cdrdao failed (exit status 1): ERROR: Something new."
