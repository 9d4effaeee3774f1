"""A restart cleans what a kill or a full disk left behind, and nothing else (issue 13, #5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from cdcollector.library.models import BurnJob
from cdcollector.services.leftovers import clean_leftovers

HOLD_BURN = """
import sys
from cdcollector.paths import AppPaths
from cdcollector.services.leftovers import burn_lock
lock = burn_lock(AppPaths.resolve(sys.argv[1]), int(sys.argv[2]))
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def burn_row(ctx, result: str, out_dir: Path | None = None, backend: str = "image") -> int:
    with ctx.db.session() as session:
        row = BurnJob(playlist_name="Road Trip", backend=backend, result=result,
                      output_path=str(out_dir) if out_dir else None,
                      options_json=json.dumps({"backend": backend}))
        session.add(row)
        session.flush()
        return int(row.id)


def results(ctx) -> dict[int, tuple[str, str | None]]:
    with ctx.db.session() as session:
        rows = session.execute(text("SELECT id, result, error FROM burn_job"))
        return {r[0]: (r[1], r[2]) for r in rows}


@pytest.fixture
def debris(ctx, tmp_path) -> dict[str, list[Path]]:
    """Leftovers of killed runs ("gone") beside files that must stay ("kept")."""
    cache = ctx.paths.burn_cache_dir
    images = tmp_path / "images"
    music = Path(ctx.settings.music_folder)
    gone = [
        touch(cache / ".0123abcd.k2j3h4.part", bytes(4096)),
        touch(cache / ".meta.x1y2.part"),
        touch(images / ".Road Trip.bin.part", bytes(8192)),
        touch(images / ".Road Trip.cue.part"),
        touch(images / ".Road Trip.toc.part"),
        touch(music / "Band" / "Album" / "01 Song.mp3.cdcollector-part", bytes(2048)),
    ]
    kept = [
        touch(cache / "0123abcd.wav"), touch(cache / "0123abcd.json"),
        touch(images / "Road Trip.bin"), touch(images / "holiday.part"),
        touch(images / ".my-own.part"),
        touch(music / "Band" / "Album" / "01 Song.mp3"),
        touch(music / "Band" / "Album" / "video.part"),
    ]
    return {"gone": gone, "kept": kept, "images": [images]}


def test_a_restart_removes_the_apps_own_leftovers_only(ctx, debris):
    running = burn_row(ctx, "running", debris["images"][0])
    done = burn_row(ctx, "ok", debris["images"][0])

    cleaned = clean_leftovers(ctx)

    assert [p for p in debris["gone"] if p.exists()] == []
    assert [p for p in debris["kept"] if not p.exists()] == []
    assert cleaned.files == len(debris["gone"])
    state = results(ctx)
    assert state[running][0] == "interrupted"
    assert state[running][1] == "Interrupted (the app stopped); burn it again."
    assert state[done] == ("ok", None)
    assert cleaned.burns == 1
    assert clean_leftovers(ctx).files == 0  # nothing left the second time


def test_a_burn_running_in_another_process_is_left_alone(ctx, debris, isolated_home):
    running = burn_row(ctx, "running", debris["images"][0])
    holder = subprocess.Popen([sys.executable, "-c", HOLD_BURN, str(isolated_home),
                               str(running)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        cleaned = clean_leftovers(ctx)
        # Its row stays running and its temporary files stay where it writes them.
        assert results(ctx)[running] == ("running", None)
        assert cleaned.burns == 0
        assert all(p.exists() for p in debris["gone"][:5])
    finally:
        holder.stdin.close()
        holder.wait(60)
    assert clean_leftovers(ctx).burns == 1
    assert results(ctx)[running][0] == "interrupted"
    assert [p for p in debris["gone"] if p.exists()] == []


def test_the_copy_of_a_download_in_progress_stays(ctx):
    from cdcollector.library.models import DownloadJob

    music = Path(ctx.settings.music_folder)
    target = music / "Band" / "02 Now.mp3"
    placing = touch(Path(f"{target}.cdcollector-part"))
    with ctx.db.session() as session:
        session.add(DownloadJob(dedupe_key="now", state="tagging", target_path=str(target)))
    assert clean_leftovers(ctx).files == 0
    assert placing.exists()


def test_the_burn_command_cleans_up_after_a_killed_burn_first(ctx, debris):
    from cdcollector import cli

    running = burn_row(ctx, "running", debris["images"][0])
    assert cli.main(["burn", "no such playlist", "--backend", "image"]) != 0  # refused later
    assert [p for p in debris["gone"] if p.exists()] == []
    assert results(ctx)[running][0] == "interrupted"
