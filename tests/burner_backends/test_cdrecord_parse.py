"""wodim/cdrecord pure functions against real-format output: arguments, .inf, progress, errors."""

from __future__ import annotations

import pytest

from cdcollector.burning.backends.base import BurnOptions, DiscSpec, DiscTrack
from cdcollector.burning.backends.cdrecord_parse import (
    ProgressTracker,
    build_burn_args,
    classify_failure,
    inf_text,
    parse_atip,
    parse_devices,
    parse_scanbus,
)
from cdcollector.burning.backends.toolproc import split_output
from cdcollector.domain.errors import BurnError, MediaError, NoDriveError
from tests.burner_backends import captured


def test_disc_at_once_arguments_in_the_documented_order():
    options = BurnOptions(device="/dev/sr0", speed=16, simulate=True, eject=True)
    assert build_burn_args("wodim", ["01.wav", "02.wav"], options) == [
        "wodim", "-v", "dev=/dev/sr0", "-dao", "speed=16", "driveropts=burnfree", "gracetime=2",
        "-eject", "-dummy", "-text", "-useinfo", "-audio", "-pad", "01.wav", "02.wav"]


def test_arguments_leave_out_what_was_not_asked_for():
    options = BurnOptions(device="1,0,0", speed=0, simulate=False, eject=False, burnfree=False)
    args = build_burn_args("cdrskin", ["01.wav"], options, cdtext=False)
    assert args == ["cdrskin", "-v", "dev=1,0,0", "-dao", "gracetime=2", "-useinfo", "-audio",
                    "-pad", "01.wav"]


def _track(number, sectors=300, pregap=150, title="Title", performer="Artist", isrc=None):
    return DiscTrack(number, __import__("pathlib").Path(f"/x/{number:02d}.wav"), sectors, pregap,
                     title, performer, isrc)


def test_inf_file_carries_cd_text_length_and_the_next_pregap():
    disc = DiscSpec((_track(1, 1000, isrc="us-s1z-99-00001"),), "Straße Album", "Motörhead")
    text = inf_text(disc.tracks[0], disc, next_pregap=150)
    lines = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert lines["Albumtitle"].strip() == "'Straße Album'"
    assert lines["Albumperformer"].strip() == "'Motörhead'"
    assert lines["Tracklength"].strip() == "1150, 0"  # the next pregap lives in this file
    assert lines["Index0"].strip() == "1000"  # where that pregap starts
    assert lines["ISRC"].strip() == "USS1Z9900001"
    for key, value in (("Pre-emphasis", "no"), ("Channels", "2"), ("Copy_permitted", "yes"),
                       ("Endianess", "little")):
        assert lines[key].strip() == value
    text.encode("latin-1")  # the file is written as ISO-8859-1


def test_inf_without_a_following_gap_says_index0_minus_one():
    disc = DiscSpec((_track(1, 400),))
    text = inf_text(disc.tracks[0], disc, next_pregap=0)
    assert "Index0=\t-1" in text and "Tracklength=\t400, 0" in text


def test_inf_text_is_reduced_to_latin1_and_a_bad_isrc_is_dropped():
    track = _track(2, title="東京 “Night”/Day", performer="Ærøskøbing\nBand", isrc="nonsense")
    text = inf_text(track, DiscSpec((track,)), 0)
    text.encode("latin-1")
    assert "Tracktitle=\t'?? 'Night'-Day'" in text
    assert "Performer=\t'Ærøskøbing Band'" in text
    assert "ISRC=\t\n" in text


def test_inf_without_cdtext_has_no_text_fields():
    track = _track(1)
    text = inf_text(track, DiscSpec((track,), cdtext=False), 0)
    assert "Tracktitle" not in text and "Albumtitle" not in text


def test_devices_and_scanbus_become_drives():
    [drive] = parse_devices(captured.WODIM_DEVICES)
    assert (drive.id, drive.vendor, drive.model) == ("/dev/scd0", "TSSTcorp", "CD/DVDW SH-S183L")
    assert parse_devices(captured.WODIM_DEVICES_NONE) == []
    [bus] = parse_scanbus(captured.WODIM_SCANBUS)
    assert (bus.id, bus.vendor, bus.model) == ("1,0,0", "HL-DT-ST", "DVDRAM GH22NS50")
    assert parse_scanbus(captured.WODIM_NO_SCSI) == []


def test_atip_of_a_blank_disc_gives_its_real_size():
    media = parse_atip(captured.WODIM_ATIP_BLANK)
    assert media.present and media.blank
    assert media.capacity_sectors == 359845
    assert parse_atip(captured.CDRSKIN_ATIP_BLANK).capacity_sectors == 359846


def test_atip_of_a_pressed_or_closed_disc_and_of_no_disc():
    pressed = parse_atip(captured.WODIM_ATIP_PRESSED)
    assert pressed.present and not pressed.blank
    empty = parse_atip(captured.WODIM_ATIP_NO_DISC)
    assert not empty.present and "No disc" in empty.detail


def test_atip_disk_status_line_decides_blankness_when_present():
    assert not parse_atip("Current: CD-R\ndisk status: complete\n").blank
    assert parse_atip("Current: CD-RW\ndisk status: empty\n").blank


def test_stream_is_split_on_carriage_returns_newlines_and_backspaces():
    lines, _ = split_output(captured.WODIM_BURN)
    assert all("\r" not in line and "\b" not in line for line in lines)
    assert "   1 seconds." in lines
    # a redraw cut in the middle of a read waits for the rest of its line
    lines, rest = split_output(" MB written.\rTrack 01:   1 of", "Track 01:   0 of   4")
    assert lines == ["Track 01:   0 of   4 MB written."]
    assert rest == "Track 01:   1 of"


def test_progress_walks_through_countdown_tracks_and_fixating():
    mb = 1024 * 1024
    tracker = ProgressTracker([44 * mb, 30 * mb])
    lines, rest = split_output(captured.WODIM_BURN)
    updates = []
    for line in [*lines, rest]:
        before = tracker.past_point_of_no_return
        update = tracker.feed(line)
        if update:
            updates.append((update, before))
    phases = [u[0][0] for u in updates]
    assert phases[0] == "writing" and "you can still cancel" in updates[0][0][2]
    assert updates[0][1] is False  # the countdown is before the point of no return
    assert tracker.past_point_of_no_return
    written = [u[0] for u in updates if u[0][2].startswith("Writing track")]
    assert written[1] == ("writing", pytest.approx(12 / 74), "Writing track 1 of 2 at 16.0x")
    assert written[-1][1] == pytest.approx((44 + 15) / 74)
    fractions = [u[1] for u in written]
    assert fractions == sorted(fractions)
    assert phases[-1] == "fixating"


def test_point_of_no_return_is_operation_starts_not_the_countdown():
    tracker = ProgressTracker([1])
    tracker.feed("Last chance to quit, starting real write in    2 seconds.")
    assert not tracker.past_point_of_no_return
    tracker.feed("   0 seconds. Operation starts.")
    assert tracker.past_point_of_no_return


@pytest.mark.parametrize(("line", "kind", "words"), [
    ("wodim: No disk / Wrong disk!", MediaError, "no disc"),
    ("wodim: Cannot blank disk, aborting.", MediaError, "could not be erased"),
    ("wodim: WARNING: Data may not fit on current disk.", MediaError, "do not fit"),
    ("wodim: The current problem looks like a buffer underrun.", BurnError, "buffer underrun"),
    ("wodim: Cannot fixate disk.", BurnError, "could not be finalised"),
    ("wodim: Too many tracks for this disk.", MediaError, "at most 99"),
    ("Cannot open SCSI driver!", NoDriveError, "No CD burner was found"),
    ("wodim: Permission denied. Cannot open '/dev/sr0'. Cannot open or use SCSI driver.",
     BurnError, "not allowed"),
    ("wodim: Device or resource busy. Cannot open '/dev/sr0'.", BurnError, "busy"),
    ("wodim: Sorry, no CD/DVD-Drive found on this target.", NoDriveError, "No CD burner"),
    ("wodim: Cannot open new session.", MediaError, "not blank"),
])
def test_every_known_message_maps_to_a_clear_error(line, kind, words):
    error = classify_failure(255, ["Device type    : Removable CD-ROM", line])
    assert type(error) is kind
    assert words.lower() in error.message.lower()
    assert "\n" not in error.message


def test_a_permission_warning_does_not_hide_the_real_failure():
    lines = ["/usr/bin/cdrecord: Permission denied. WARNING: Cannot set priority using "
             "setpriority().", "wodim: No disk / Wrong disk!"]
    assert isinstance(classify_failure(255, lines), MediaError)


def test_unknown_failures_and_kills_say_what_happened():
    error = classify_failure(254, ["wodim: Something odd happened"])
    assert "exit status 254" in error.message and "Something odd happened" in error.message
    killed = classify_failure(-9, [], past_point_of_no_return=True)
    assert "signal 9" in killed.message and "unusable" in killed.message


def test_warnings_alone_do_not_make_a_failure_of_a_good_burn(fake_burners, disc):
    """RLIMIT_MEMLOCK is printed on every run; with exit status 0 the burn succeeded."""
    from cdcollector.burning.backends.cdrecord import CdrecordBackend
    from cdcollector.domain.cancel import CancelToken

    result = CdrecordBackend().burn(disc, BurnOptions(device="/dev/sr0"), lambda *a: None,
                                    CancelToken())
    assert result.ok


def test_a_failing_listener_stops_the_burner_program(tmp_path):
    import sys

    from cdcollector.burning.backends.toolproc import ToolProcess
    from cdcollector.domain.cancel import CancelToken

    script = "import time\nfor i in range(1000):\n    print('line', i, flush=True)\n" \
             "    time.sleep(0.01)\n"
    process = ToolProcess([sys.executable, "-c", script])

    def listener(line):
        raise RuntimeError("the UI went away")

    with pytest.raises(RuntimeError):
        process.run(listener, CancelToken())
    assert process._proc.poll() is not None  # not left running
