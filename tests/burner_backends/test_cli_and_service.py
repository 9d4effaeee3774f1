"""`cdcollector burn` and BurnerService: images, playlist files, refusals, history, burn again."""

from __future__ import annotations

import json

from sqlmodel import select

from cdcollector.cli import main
from cdcollector.library.models import Track
from cdcollector.services.burner import BurnerService, BurnRequest
from cdcollector.services.playlists import PlaylistService
from tests.burner_backends.library_helpers import library_snapshot, make_playlist, write_tone


def test_image_backend_writes_cue_bin_and_toc(ctx, tmp_path, capsys):
    make_playlist(ctx, tmp_path / "music", name="Sunday Drive")
    out_dir = tmp_path / "image"
    before = library_snapshot(ctx.db.path)
    code = main(["burn", "Sunday Drive", "--backend", "image", "--out", str(out_dir),
                 "--gap", "0"])
    out = capsys.readouterr()
    assert code == 0, out.err
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["Sunday Drive.bin", "Sunday Drive.cue", "Sunday Drive.toc"]
    cue = (out_dir / "Sunday Drive.cue").read_text(encoding="utf-8", errors="replace")
    assert cue.count("TRACK ") == 3
    assert "Sunday Drive.cue" in out.out
    assert library_snapshot(ctx.db.path) == before


def test_json_output_names_the_files_and_the_burn_job(ctx, tmp_path, capsys):
    playlist = make_playlist(ctx, tmp_path / "music")
    code = main(["--json", "burn", str(playlist), "--backend", "image", "--out",
                 str(tmp_path / "img")])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["result"] == "ok" and len(data["files"]) == 3
    assert BurnerService(ctx).history()[0].id == data["burn_job"]


def test_playlist_file_burns_with_the_cdrecord_fake(ctx, tmp_path, fake_burners, capsys):
    music = tmp_path / "files"
    music.mkdir()
    for n, freq in enumerate((440, 550), 1):
        write_tone(music / f"song{n}.wav", 4.2, freq)
    m3u = music / "mix.m3u8"
    m3u.write_text("#EXTM3U\n#EXTINF:4,Band - Song One\nsong1.wav\n"
                   "#EXTINF:4,Band - Song Two\nsong2.wav\n", encoding="utf-8")
    code = main(["burn", str(m3u), "--backend", "cdrecord", "--simulate", "--device",
                 "/dev/sr0"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Simulation finished" in out.out
    [run] = fake_burners.runs()
    assert "-dummy" in run["argv"] and len(run["sectors"]) == 2


def test_missing_files_are_refused_with_a_way_forward(ctx, tmp_path, capsys):
    playlist = make_playlist(ctx, tmp_path / "music")
    (tmp_path / "music" / "02.wav").unlink()
    before = library_snapshot(ctx.db.path)
    code = main(["burn", str(playlist), "--backend", "image", "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 track has no audio file" in err and "東京 Night" in err and "Download" in err
    assert library_snapshot(ctx.db.path) == before
    assert not (tmp_path / "x").exists()
    plan = BurnerService(ctx).plan(playlist)
    [refusal] = BurnerService(ctx).refusals(plan)
    assert refusal.kind == "missing_files" and refusal.action == "download"


def test_over_capacity_offers_the_multi_disc_plan(ctx, tmp_path, capsys):
    playlist = make_playlist(ctx, tmp_path / "music")
    with ctx.db.session() as session:  # the tags claim 40 minutes each
        for track in session.exec(select(Track)).all():
            track.duration_s = 40 * 60
    code = main(["burn", str(playlist), "--backend", "image", "--out", str(tmp_path / "x"),
                 "--media", "80"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Disc 1:" in err and "Disc 2:" in err
    assert "fits on 2 discs" in err
    service = BurnerService(ctx)
    refusal = service.refusals(service.plan(playlist))[0]
    assert refusal.kind == "over_capacity" and refusal.action == "multi_disc"


def test_non_blank_media_is_refused(ctx, tmp_path, fake_burners):
    playlist = make_playlist(ctx, tmp_path / "music")
    fake_burners.scenario("not_blank")
    service = BurnerService(ctx)
    media = service.probe_media("/dev/sr0", "cdrecord")
    [refusal] = service.refusals(service.plan(playlist), media)
    assert refusal.kind == "not_blank" and "not blank" in refusal.message


def test_history_and_burn_the_same_disc_again(ctx, tmp_path, fake_burners):
    playlist = make_playlist(ctx, tmp_path / "music")
    service = BurnerService(ctx)
    first = service.start(playlist, BurnRequest(backend="cdrecord", device="/dev/sr0"))
    assert first.wait(120).ok
    [record] = service.history()
    assert record.result == "ok" and record.track_count == 3 and len(record.checksums) == 3
    playlists = PlaylistService(ctx)
    entries = playlists.entries(playlist)
    playlists.remove_entries(playlist, [entries[0].entry_id])  # the playlist changes later
    again = service.burn_again(record.id)
    outcome = again.wait(120)
    assert outcome.ok and len(outcome.disc.tracks) == 3
    second = fake_burners.runs()[1]
    assert "Tracktitle=\t'Première'" in second["inf"]["01.wav"]
    newest = service.history()[0]
    assert newest.id != record.id and newest.checksums == record.checksums


def test_progress_reaches_the_event_bus(tmp_path, fake_burners, qtbot):
    from cdcollector.services.context import AppContext

    ctx = AppContext.open(with_bus=True)
    try:
        playlist = make_playlist(ctx, tmp_path / "music")
        seen, finished = [], []
        ctx.bus.burn_progress.connect(lambda *a: seen.append(a))
        ctx.bus.burn_finished.connect(lambda *a: finished.append(a))
        job = BurnerService(ctx).start(playlist, BurnRequest(backend="cdrecord",
                                                             device="/dev/sr0"))
        qtbot.waitUntil(lambda: bool(finished), timeout=120_000)
        assert job.outcome.ok
        assert finished[0][1] == "ok"
        assert {p[0] for p in seen} >= {"preparing", "writing", "done"}
    finally:
        ctx.close()


def test_one_disc_of_the_multi_disc_plan_can_be_burned(ctx, tmp_path, capsys):
    playlist = make_playlist(ctx, tmp_path / "music")
    with ctx.db.session() as session:
        for track in session.exec(select(Track)).all():
            track.duration_s = 40 * 60
    code = main(["burn", str(playlist), "--backend", "image", "--out", str(tmp_path / "img"),
                 "--media", "80", "--disc", "2"])
    assert code == 0, capsys.readouterr().err
    [cue] = (tmp_path / "img").glob("*.cue")
    assert cue.name == "Road Trip (disc 2 of 2).cue"
    text = cue.read_text(encoding="utf-8", errors="replace")
    assert text.count("TRACK ") == 1 and "Last One" in text
    assert main(["burn", str(playlist), "--backend", "image", "--out", str(tmp_path / "img"),
                 "--media", "80", "--disc", "3"]) == 1
    assert "there is no disc 3" in capsys.readouterr().err


def test_image_needs_a_folder_before_anything_starts(ctx, tmp_path):
    import pytest

    from cdcollector.domain.errors import BurnError

    playlist = make_playlist(ctx, tmp_path / "music")
    with pytest.raises(BurnError, match="Choose a folder"):
        BurnerService(ctx).start(playlist, BurnRequest(backend="image"))
    assert BurnerService(ctx).history() == []


def test_backends_are_listed_with_why_one_is_missing(ctx, fake_burners):
    infos = {b.name: b for b in BurnerService(ctx).backends()}
    assert set(infos) == {"cdrecord", "cdrdao", "image"}
    assert all(i.available for i in infos.values())
    assert infos["cdrecord"].writes_cdtext


def test_levelling_is_measured_then_prepared_with_one_rising_bar(ctx, tmp_path):
    playlist = make_playlist(ctx, tmp_path / "music")
    updates = []
    job = BurnerService(ctx).start(
        playlist, BurnRequest(backend="image", out_dir=str(tmp_path / "img"), normalize="track"),
        on_update=updates.append)
    outcome = job.wait(120)
    assert outcome.ok, outcome.message
    messages = [u.message for u in updates if u.phase == "preparing"]
    assert any(m.startswith("Measuring loudness") for m in messages)
    fractions = [u.fraction for u in updates]
    assert fractions == sorted(fractions)


def test_history_reads_the_checksums_of_burns_recorded_by_0_1_0(ctx, tmp_path, fake_burners):
    from cdcollector.library.models import BurnJob

    playlist = make_playlist(ctx, tmp_path / "music")
    service = BurnerService(ctx)
    assert service.start(playlist, BurnRequest(backend="cdrecord", device="/dev/sr0")).wait(120).ok
    [record] = service.history()
    assert all(len(c) == 40 for c in record.checksums)  # SHA-1, hex
    with ctx.db.session() as session:  # 0.1.0 wrote MD5s under another key
        row = session.get(BurnJob, record.id)
        row.checksums_json = json.dumps([{"number": n, "md5": f"{n:032x}", "sectors": 300}
                                         for n in (1, 2, 3)])
    assert service.history()[0].checksums == tuple(f"{n:032x}" for n in (1, 2, 3))
