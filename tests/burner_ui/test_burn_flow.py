"""Burning from the pane: an image end to end, refusals with their ways forward, cancel."""

from __future__ import annotations

from sqlmodel import select

from cdcollector.library.models import Track
from cdcollector.services.downloads import DownloadService
from tests.burner_ui.conftest import add_tracks, choose, settle
from tests.fakes.media_provider import FakeMedia

LONG_S = 40 * 60  # tags that claim 40 minutes: three tracks need two 80-minute discs


def test_image_burn_runs_to_completion_in_the_pane(qtbot, services, pane, playlist,
                                                   image_folder):
    choose(qtbot, pane, playlist, "image")
    assert pane.burn_button.text() == "Create disc image…" and pane.burn_button.isEnabled()
    assert not pane.refusal.isVisible()
    phases = []
    services.bus.burn_progress.connect(lambda phase, fraction, message: phases.append(phase))
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.burn_button.click()
    job_id, result, message = finished.args
    assert result == "ok", message
    assert sorted(p.name for p in image_folder.iterdir()) == [
        "Sunday Drive.bin", "Sunday Drive.cue", "Sunday Drive.toc"]
    cue = (image_folder / "Sunday Drive.cue").read_text(encoding="latin-1")
    assert cue.count("TRACK ") == 3 and "Première" in cue
    assert "preparing" in phases and "writing" in phases
    assert pane.progress.result == "ok" and pane.progress.phase.text() == "Finished"
    assert pane.progress.bar.value() == pane.progress.bar.maximum()
    assert "Sunday Drive.cue" in pane.progress.message.text()
    assert pane.progress.files_button.isVisibleTo(pane)
    assert pane.state == "idle" and pane.burn_button.isEnabled()
    [record] = services.burner.history()
    assert record.id == job_id and record.result == "ok" and len(record.checksums) == 3


def test_missing_files_are_refused_and_can_be_downloaded(qtbot, services, pane, playlist,
                                                         tmp_path, image_folder):
    [ghost] = add_tracks(services.ctx, tmp_path, [("Ghost Song", "Nobody", "", 200.0, None)],
                         with_files=False)
    services.playlists.add_tracks(playlist, [ghost], on_duplicate="add")
    media = FakeMedia()  # knows no recording: the job fails offline, which is fine here
    services.__dict__["downloads"] = DownloadService(services.ctx, provider=media.provider())
    choose(qtbot, pane, playlist, "image")
    assert pane.refusal.kind == "missing_files"
    assert "1 track has no audio file" in pane.refusal.text()
    assert "Ghost Song" in pane.refusal.text()
    pane.burn_button.click()  # refused again, nothing written
    assert not list(image_folder.iterdir()) and pane.state == "idle"
    assert services.burner.history() == []

    pane.refusal.button("Download missing").click()
    jobs = services.downloads.list_jobs()
    assert [j.title for j in jobs] == ["Ghost Song"]
    assert pane.refusal.kind == "downloading" and "1 download queued" in pane.refusal.text()


def test_over_capacity_offers_the_plan_and_burns_disc_two(qtbot, services, pane, playlist,
                                                          image_folder):
    with services.ctx.db.session() as session:
        for track in session.exec(select(Track)).all():
            track.duration_s = LONG_S
    choose(qtbot, pane, playlist, "image")
    assert pane.refusal.kind == "over_capacity"
    assert "It fits on 2 discs" in pane.refusal.text()
    assert pane.meter.overflow_sectors > 0
    pane.refusal.button("Show disc plan…").click()
    dialog = pane.plan_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 2
    assert [len(d.tracks) for d in dialog.plan.discs] == [2, 1]  # Debut kept together
    dialog.select_disc(2)
    assert dialog.burn_button.text() == "Burn disc 2"
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        dialog.burn_button.click()
    assert finished.args[1] == "ok", finished.args[2]
    stem = "Sunday Drive (disc 2 of 2)"
    cue = (image_folder / f"{stem}.cue").read_text(encoding="latin-1")
    assert cue.count("TRACK ") == 1 and "Last One" in cue


def test_no_drive_offers_a_disc_image(qtbot, services, fake_burners, make_pane, playlist,
                                      image_folder):
    fake_burners.scenario("no_drive")
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    assert pane.drive_picker.no_drive
    assert pane.refusal.kind == "no_drive" and "No CD burner" in pane.refusal.text()
    assert pane.burn_button.text() == "Create disc image…"
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.burn_button.click()
    assert finished.args[1] == "ok", finished.args[2]
    assert (image_folder / "Sunday Drive.cue").is_file()
    assert not fake_burners.runs() or all("-dao" not in r["argv"] for r in fake_burners.runs())


def test_non_blank_disc_is_refused_with_a_way_forward(qtbot, services, fake_burners,
                                                      make_pane, playlist):
    fake_burners.scenario("not_blank")
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    assert pane.drive_picker.drives
    assert pane.drive_picker.media is not None, pane.drive_picker.status.text()
    assert not pane.drive_picker.media.blank
    assert pane.refusal.kind == "not_blank" and "not blank" in pane.refusal.text()
    assert pane.refusal.button("Check again") and pane.refusal.button("Create disc image…")
    assert pane.burn_button.text() == "Burn CD"
    pane.burn_button.click()
    assert pane.state == "idle" and services.burner.history() == []


def test_cancel_while_writing_warns_that_the_disc_is_lost(qtbot, services, fake_burners,
                                                          make_pane, playlist, monkeypatch):
    fake_burners.scenario("ok", step_s=0.3)
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    assert pane.drive_picker.media is not None and pane.drive_picker.media.blank
    asked = []
    monkeypatch.setattr(pane, "confirm", lambda title, text: asked.append(text) or True)
    pane.burn_button.click()
    qtbot.waitUntil(lambda: pane.job is not None and pane.job.past_point_of_no_return(),
                    timeout=60_000)
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.progress.cancel_button.click()
    assert asked and "Writing has started" in asked[0]
    assert finished.args[1] == "cancelled"
    assert pane.progress.phase.text() == "Cancelled" and pane.state == "idle"


def test_a_declined_cancel_keeps_burning(qtbot, services, pane, playlist, image_folder,
                                         monkeypatch):
    choose(qtbot, pane, playlist, "image")
    asked = []
    monkeypatch.setattr(pane, "confirm", lambda title, text: asked.append(text) or False)
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.burn_button.click()
        pane.cancel()
    assert asked and "untouched" in asked[0]
    assert finished.args[1] == "ok"
    settle(qtbot, pane)


def test_a_non_blank_disc_can_still_become_an_image(qtbot, services, fake_burners, make_pane,
                                                    playlist, image_folder):
    fake_burners.scenario("not_blank")
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    assert pane.refusal.kind == "not_blank"
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.refusal.button("Create disc image…").click()
    assert finished.args[1] == "ok", finished.args[2]
    assert (image_folder / "Sunday Drive.cue").is_file()


def test_history_burns_the_same_disc_again(qtbot, qtmodeltester, services, pane, playlist,
                                           image_folder):
    choose(qtbot, pane, playlist, "image")
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000):
        pane.burn_button.click()
    first = (image_folder / "Sunday Drive.bin").read_bytes()
    (image_folder / "Sunday Drive.bin").unlink()
    entries = services.playlists.entries(playlist)
    services.playlists.remove_entries(playlist, [entries[0].entry_id])  # the playlist changes
    qtbot.waitUntil(lambda: pane.tracks.rowCount() == 2)

    pane.history_button.click()
    dialog = pane.history_dialog
    assert dialog.model.rowCount() == 1
    qtmodeltester.check(dialog.model, force_py=True)
    assert dialog.model.data(dialog.model.index(0, 4)) == "Done"
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        dialog.again_button.click()
    assert finished.args[1] == "ok", finished.args[2]
    assert (image_folder / "Sunday Drive.bin").read_bytes() == first  # all three tracks again
    records = services.burner.history()
    assert [r.track_count for r in records] == [3, 3]



def test_a_failed_burn_shows_the_reason(qtbot, services, fake_burners, make_pane, playlist):
    fake_burners.scenario("underrun")
    pane = make_pane()
    choose(qtbot, pane, playlist, "cdrecord")
    with qtbot.waitSignal(services.bus.burn_finished, timeout=60_000) as finished:
        pane.burn_button.click()
    assert finished.args[1] == "failed"
    assert pane.progress.phase.text() == "Failed"
    assert "underrun" in pane.progress.message.text().lower()
    assert pane.progress.message.text() == finished.args[2]
    assert not pane.progress.files_button.isVisibleTo(pane)
    assert pane.burn_button.isEnabled() and pane.state == "idle"


def test_download_missing_says_so_when_the_library_thinks_the_file_exists(
        qtbot, services, pane, playlist, tmp_path):
    services.__dict__["downloads"] = DownloadService(services.ctx,
                                                     provider=FakeMedia().provider())
    with services.ctx.db.session() as session:
        path = session.exec(select(Track).where(Track.title == "Last One")).one().path
    (tmp_path / "music" / path.rsplit("/", 1)[-1]).unlink()  # deleted behind the library's back
    choose(qtbot, pane, playlist, "image")
    assert pane.refusal.kind == "missing_files" and "Last One" in pane.refusal.text()
    pane.refusal.button("Download missing").click()
    assert services.downloads.list_jobs() == []
    assert pane.refusal.kind == "download_nothing"
    assert "Add the music folder again" in pane.refusal.text()
