"""Every fake burner scenario end to end: what the user is told, and the library untouched."""

from __future__ import annotations

import json
import threading

import pytest

from cdcollector.burning.backends.base import BurnOptions
from cdcollector.burning.backends.cdrdao import CdrdaoBackend
from cdcollector.burning.backends.cdrecord import CdrecordBackend
from cdcollector.cli import main
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError, MediaError, NoDriveError
from tests.burner_backends.library_helpers import library_snapshot, make_playlist

# scenario → words the one-line message must contain
CDRECORD_SCENARIOS = {
    "no_disc": "no disc in the burner",
    "not_blank": "not blank",
    "no_fit": "do not fit",
    "underrun": "buffer underrun",
    "permission": "not allowed to use the CD burner",
    "busy": "busy",
    "killed": "killed by signal 9",
    "no_drive": "No CD burner was found",
}


def burn_jobs(ctx) -> list[dict]:
    import sqlite3

    connection = sqlite3.connect(ctx.db.path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute("SELECT * FROM burn_job ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def playlist(ctx, tmp_path):
    return make_playlist(ctx, tmp_path / "music")


def test_ok_scenario_burns_and_records_the_job(ctx, playlist, fake_burners, capsys):
    before = library_snapshot(ctx.db.path)
    code = main(["burn", "Road Trip", "--backend", "cdrecord", "--speed", "16"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Audio CD written: 3 tracks." in out.out
    [run] = fake_burners.runs()
    assert run["tool"] == "wodim" and "speed=16" in run["argv"] and "-dao" in run["argv"]
    assert "Tracktitle=\t'Première'" in run["inf"]["01.wav"]
    assert library_snapshot(ctx.db.path) == before
    [job] = burn_jobs(ctx)
    assert job["result"] == "ok" and job["backend"] == "cdrecord" and job["device"] == "/dev/sr0"
    assert len(json.loads(job["checksums_json"])) == 3
    assert [s["title"] for s in json.loads(job["snapshot_json"])] == [
        "Première", "東京 Night", "Last One"]


@pytest.mark.parametrize("scenario", sorted(CDRECORD_SCENARIOS))
def test_failure_scenarios_tell_the_user_and_change_nothing(ctx, playlist, fake_burners, capsys,
                                                            scenario):
    fake_burners.scenario(scenario)
    before = library_snapshot(ctx.db.path)
    code = main(["burn", str(playlist), "--backend", "cdrecord"])
    err = capsys.readouterr().err
    assert code == 1
    message = [line for line in err.splitlines() if line.startswith("cdcollector: ")]
    assert len(message) == 1, err
    assert CDRECORD_SCENARIOS[scenario].lower() in message[0].lower()
    assert "Traceback" not in err
    assert library_snapshot(ctx.db.path) == before
    for job in burn_jobs(ctx):  # refused before starting: no record; failed while burning: one
        assert job["result"] == "failed" and job["error"]


@pytest.mark.parametrize(("scenario", "kind", "words"), [
    ("no_disc", MediaError, "no disc"),
    ("not_blank", MediaError, "not blank"),
    ("no_fit", MediaError, "do not fit"),
    ("underrun", BurnError, "buffer underrun"),
    ("permission", BurnError, "not allowed"),
    ("busy", BurnError, "busy"),
    ("killed", BurnError, "killed by signal 9"),
    ("no_drive", NoDriveError, "no cd drive could be opened"),
])
def test_cdrdao_scenarios(fake_burners, disc, scenario, kind, words):
    fake_burners.scenario(scenario)
    with pytest.raises(kind) as caught:
        CdrdaoBackend().burn(disc, BurnOptions(device="/dev/sr0"), lambda *a: None,
                             CancelToken())
    assert words in caught.value.message.lower()


def test_cdrdao_ok_writes_a_toc_the_fake_accepts(fake_burners, disc):
    updates = []
    result = CdrdaoBackend().burn(disc, BurnOptions(device="/dev/sr0", simulate=True),
                                  lambda *a: updates.append(a), CancelToken())
    assert result.ok and "Simulation" in result.message
    [run] = fake_burners.runs()
    assert run["argv"][0] == "simulate" and run["sectors"] == [300, 320, 310]
    assert [u[0] for u in updates][-2:] == ["fixating", "done"]


def test_probe_and_drives_through_both_tools(fake_burners):
    for backend in (CdrecordBackend(), CdrdaoBackend()):
        [drive] = backend.list_drives()
        assert drive.id == "/dev/sr0" and drive.vendor == "FAKE"
        media = backend.probe_media("/dev/sr0")
        assert media.present and media.blank and media.capacity_sectors > 359000
    fake_burners.scenario("not_blank")
    assert not CdrecordBackend().probe_media("/dev/sr0").blank
    assert not CdrdaoBackend().probe_media("/dev/sr0").blank
    fake_burners.scenario("no_disc")
    assert not CdrecordBackend().probe_media("/dev/sr0").present
    assert not CdrdaoBackend().probe_media("/dev/sr0").present
    fake_burners.scenario("no_drive")
    assert CdrecordBackend().list_drives() == []


def _burn_in_thread(backend, disc, options, wait_for: str):
    seen = threading.Event()
    box: dict = {}
    token = CancelToken()

    def progress(phase, fraction, message):
        if wait_for in message:
            seen.set()

    def work():
        try:
            box["result"] = backend.burn(disc, options, progress, token)
        except Exception as exc:
            box["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    assert seen.wait(60), "the burn never reached the expected point"
    return token, thread, box


def test_cancel_during_the_countdown_is_clean(fake_burners, disc):
    fake_burners.scenario("ok", step_s=0.5)
    backend = CdrecordBackend()
    token, thread, box = _burn_in_thread(backend, disc, BurnOptions(device="/dev/sr0"),
                                         "you can still cancel")
    assert not backend.past_point_of_no_return()
    token.cancel()
    thread.join(60)
    assert isinstance(box.get("error"), CancelledError)
    assert "untouched" in box["error"].message


def test_cancel_while_writing_says_the_disc_is_lost(fake_burners, disc):
    fake_burners.scenario("ok", step_s=0.3)
    backend = CdrecordBackend()
    token, thread, box = _burn_in_thread(backend, disc, BurnOptions(device="/dev/sr0"),
                                         "Writing track 1")
    assert backend.past_point_of_no_return()
    token.cancel()
    thread.join(60)
    assert isinstance(box.get("error"), CancelledError)
    assert "probably unusable" in box["error"].message


def test_cancel_of_a_simulation_is_always_harmless(fake_burners, disc):
    fake_burners.scenario("ok", step_s=0.3)
    backend = CdrdaoBackend()
    token, thread, box = _burn_in_thread(
        backend, disc, BurnOptions(device="/dev/sr0", simulate=True), "Writing track 1")
    assert not backend.past_point_of_no_return()
    token.cancel()
    thread.join(60)
    assert "nothing was written" in box["error"].message


def test_job_folder_sits_beside_the_prepared_audio_and_is_removed(fake_burners, disc):
    folder = disc.tracks[0].wav_path.parent
    CdrecordBackend().burn(disc, BurnOptions(device="/dev/sr0"), lambda *a: None, CancelToken())
    [run] = fake_burners.runs()
    assert run["cwd"].startswith(str(folder))  # same file system: WAVs are hard-linked
    assert run["sectors"] == [450, 320, 310]  # track 1 carries track 2's 2-second pregap
    assert not list(folder.glob(".burn-job-*"))


def test_staging_links_tracks_without_a_following_gap(disc, tmp_path):
    from cdcollector.burning.backends import staging

    out = tmp_path / "job"
    out.mkdir()
    staged = staging.stage_tracks(disc, out, gaps_in_files=True)
    assert staged[2].stat().st_ino == disc.tracks[2].wav_path.stat().st_ino  # linked
    assert staged[0].stat().st_size == disc.tracks[0].wav_path.stat().st_size + 150 * 2352
    with open(staged[0], "rb") as handle:
        handle.seek(-150 * 2352, 2)
        assert handle.read() == b"\0" * 150 * 2352  # the gap is digital silence


def test_cdrdao_is_stopped_with_quit_once_writing(fake_burners, disc):
    """cdrdao ignores Ctrl+C while writing; the cancel must still stop it, and say the cost."""
    fake_burners.scenario("ok", step_s=0.3)
    backend = CdrdaoBackend()
    token, thread, box = _burn_in_thread(backend, disc, BurnOptions(device="/dev/sr0"),
                                         "Writing track 1")
    assert backend.past_point_of_no_return()
    token.cancel()
    thread.join(60)
    assert not thread.is_alive()
    assert isinstance(box.get("error"), CancelledError)
    assert "probably unusable" in box["error"].message
