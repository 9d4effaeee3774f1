"""Backend selection, doctor lines, and the burn job's phases, progress and honest cancel."""

from __future__ import annotations

import threading

import pytest

from cdcollector.burning.backends import registry
from cdcollector.burning.backends.base import BurnOptions, BurnResult
from cdcollector.burning.job import BurnJob, overall_fraction
from cdcollector.domain.errors import BurnError, ConfigError, MediaError
from cdcollector.settings import Settings


@pytest.fixture
def no_tools(monkeypatch, tmp_path):
    """A PATH with no burner programs on it."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


def test_order_by_platform():
    assert registry.platform_order("win32") == ("imapi2", "image")
    assert registry.platform_order("linux") == ("cdrecord", "cdrdao", "image")
    assert registry.platform_order("darwin") == ("cdrecord", "cdrdao", "image")


def test_auto_picks_the_cdrecord_family_when_present(fake_burners):
    assert [b.name for b in registry.available_backends("linux")] == [
        "cdrecord", "cdrdao", "image"]
    chosen = registry.get_backend("auto")
    assert chosen.name == "cdrecord" and chosen.tool.endswith("/wodim")


def test_auto_falls_back_to_the_image_backend(no_tools):
    assert [b.name for b in registry.available_backends()] == ["image"]
    assert registry.get_backend("auto").name == "image"
    assert registry.get_backend("auto", Settings(burner_backend="auto")).name == "image"


def test_asking_for_a_missing_backend_says_how_to_get_it(no_tools):
    with pytest.raises(BurnError, match="apt install wodim"):
        registry.get_backend("cdrecord")
    with pytest.raises(BurnError, match="only available on Windows"):
        registry.get_backend("imapi2")
    with pytest.raises(ConfigError, match="Unknown burner backend"):
        registry.get_backend("nero")


def test_the_setting_is_used_when_auto(fake_burners):
    assert registry.get_backend("auto", Settings(burner_backend="cdrdao")).name == "cdrdao"
    assert registry.get_backend("image", Settings(burner_backend="cdrdao")).name == "image"


def test_doctor_lists_backends_and_drives(fake_burners):
    checks = {name: (ok, detail) for name, ok, detail in registry.doctor_checks(Settings())}
    ok, detail = checks["burner cdrecord"]
    assert ok and "FAKE CD-RW 52X (/dev/sr0)" in detail
    assert checks["burner cdrdao"][0] and "/dev/sr0" in checks["burner cdrdao"][1]
    assert checks["burner image"][0]
    assert checks["burner backend"] == (True, "auto → cdrecord")


def test_doctor_without_a_drive_says_no_burner_found(fake_burners):
    fake_burners.scenario("no_drive")
    checks = {name: (ok, detail) for name, ok, detail in registry.doctor_checks(Settings())}
    assert checks["burner cdrecord"][0] is False
    assert "no burner found" in checks["burner cdrecord"][1]


def test_doctor_without_tools(no_tools):
    checks = {name: (ok, detail) for name, ok, detail in registry.doctor_checks(Settings())}
    assert checks["burner cdrecord"] == (False, registry.NOT_AVAILABLE["cdrecord"])
    assert checks["burner backend"] == (True, "auto → image")


def test_cdcollector_doctor_shows_the_burners(fake_burners, capsys):
    from cdcollector.cli import main

    assert main(["doctor"]) in (0, 1)
    out = capsys.readouterr().out
    assert "burner cdrecord" in out and "/dev/sr0" in out


# --- the job -----------------------------------------------------------------------------------

class ScriptedBackend:
    """A backend whose burn() reports a fixed story and can wait for a cancel."""

    name = "scripted"
    writes_cdtext = True

    def __init__(self, fail: Exception | None = None, block: threading.Event | None = None):
        self.fail, self.block = fail, block
        self.late = False
        self.disc = None

    def past_point_of_no_return(self) -> bool:
        return self.late

    def burn(self, disc, options, progress, cancel):
        self.disc = disc
        progress("writing", 0.0, "Starting in 2 s — you can still cancel")
        if self.block is not None:
            self.block.set()
            while not cancel.wait(0.05):
                pass
            cancel.raise_if_cancelled()
        self.late = True
        for n in range(1, 3):
            progress("writing", n / 2, f"Writing track {n} of 2")
        if self.fail:
            raise self.fail
        progress("fixating", 1.0, "Fixating the disc")
        progress("done", 1.0, "Audio CD written: 2 tracks.")
        return BurnResult(True, "Audio CD written: 2 tracks.")


def prepared(disc):
    def prepare(progress, cancel):
        for n in range(1, 3):
            progress(n / 2, f"Preparing track {n} of 2")
        return disc
    return prepare


def test_job_runs_through_every_phase_in_order(disc):
    updates = []
    job = BurnJob(ScriptedBackend(), BurnOptions(), prepared(disc), updates.append)
    job.start()
    outcome = job.wait(30)
    assert outcome.ok and outcome.message == "Audio CD written: 2 tracks."
    phases = [u.phase for u in updates]
    assert phases[0] == "preparing" and phases[-1] == "done"
    assert phases.index("writing") < phases.index("fixating") < phases.index("done")
    fractions = [u.fraction for u in updates]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert updates[-1].past_point_of_no_return


def test_job_reports_a_backend_failure_as_its_message(disc):
    job = BurnJob(ScriptedBackend(fail=MediaError("The disc is full.")), BurnOptions(),
                  prepared(disc))
    outcome = job.run()
    assert outcome.result == "failed" and outcome.message == "The disc is full."


def test_job_survives_a_bug_with_a_message(disc):
    outcome = BurnJob(ScriptedBackend(fail=ZeroDivisionError("x")), BurnOptions(),
                      prepared(disc)).run()
    assert outcome.result == "failed" and "internal error" in outcome.message


def test_cancel_before_the_point_of_no_return(disc):
    started = threading.Event()
    backend = ScriptedBackend(block=started)
    finished = []
    job = BurnJob(backend, BurnOptions(), prepared(disc), on_finished=finished.append)
    job.start()
    assert started.wait(30)
    assert "untouched" in job.cancel_warning()
    assert "untouched" in job.cancel()
    outcome = job.wait(30)
    assert outcome.result == "cancelled" and finished == [outcome]


def test_cancel_warning_after_the_point_of_no_return(disc):
    backend = ScriptedBackend()
    job = BurnJob(backend, BurnOptions(), prepared(disc))
    backend.late = True
    assert "ruin the disc" in job.cancel_warning()
    simulated = BurnJob(backend, BurnOptions(simulate=True), prepared(disc))
    assert "safe" in simulated.cancel_warning()


def test_cancel_during_preparation_never_reaches_the_backend(disc):
    backend = ScriptedBackend()

    def prepare(progress, cancel):
        cancel.cancel()
        return disc

    outcome = BurnJob(backend, BurnOptions(), prepare).run()
    assert outcome.result == "cancelled" and backend.disc is None


def test_overall_fraction_bands():
    assert overall_fraction("preparing", 1.0) == pytest.approx(0.35)
    assert overall_fraction("writing", 0.0) == pytest.approx(0.35)
    assert overall_fraction("writing", 1.0) == pytest.approx(0.97)
    assert overall_fraction("fixating", 1.0) == pytest.approx(0.97)
    assert overall_fraction("done", 0.2) == 1.0
