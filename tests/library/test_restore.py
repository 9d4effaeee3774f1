"""`cdcollector library restore` and the restore dialog: list, restore, keep the current file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from cdcollector.cli import main
from cdcollector.library.backups import list_backups
from cdcollector.library.db import Database
from cdcollector.paths import AppPaths
from tests.fakes.broken_library import write_garbage_pages
from tests.library.test_backups import library_with_real_backups


@pytest.fixture
def paths(isolated_home) -> AppPaths:
    return AppPaths.resolve(str(isolated_home)).ensure()


def note_in(path, text: str) -> None:
    with closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE IF NOT EXISTS keepsake (note TEXT)")
        con.execute("INSERT INTO keepsake VALUES (?)", (text,))


def notes(path) -> list[str]:
    with closing(sqlite3.connect(path)) as con:
        return [r[0] for r in con.execute("SELECT note FROM keepsake")]


def test_the_list_is_newest_first_with_dates_and_schema(paths, capsys):
    made = library_with_real_backups(paths.db_path, 2)
    assert main(["library", "restore"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["#", "made", "schema", "size"]
    assert str(made[-1]) in out[1] and str(made[0]) in out[2]  # newest first
    assert out[1].split()[0] == "1" and " 0001 " in out[1]
    listed = list_backups(paths.db_path)
    assert [b.path for b in listed] == [str(p) for p in reversed(made)]
    assert all(b.schema == "0001" for b in listed)  # each was taken before an upgrade


def test_restoring_a_damaged_library_keeps_it_aside_and_deletes_nothing(paths, capsys):
    Database.open(paths.db_path).close()
    note_in(paths.db_path, "from the backup")
    backup = paths.db_path.with_name("library.backup-20260101-000000-000000.sqlite3")
    with closing(sqlite3.connect(paths.db_path)) as src, closing(sqlite3.connect(backup)) as dst:
        src.backup(dst)
    note_in(paths.db_path, "after the backup")
    write_garbage_pages(paths.db_path, ("alembic_version", "track"))
    damaged = paths.db_path.read_bytes()
    assert main(["playlist", "list"]) == 1
    capsys.readouterr()

    assert main(["library", "restore", "1"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"Restored {backup}") and "before-restore-" in line
    aside = list(paths.data_dir.glob("library.before-restore-*.sqlite3"))
    assert len(aside) == 1
    assert aside[0].read_bytes()[100:] == damaged[100:]  # every page kept (bar the counters)
    assert backup.is_file()
    assert notes(paths.db_path) == ["from the backup"]
    assert main(["playlist", "list"]) == 0  # the library opens again


@pytest.mark.parametrize("argument", ["7", "not-a-backup.sqlite3", "⁰⁴⁵"])
def test_a_wrong_choice_is_one_line(argument, paths, capsys, tmp_path):
    library_with_real_backups(paths.db_path, 1)
    before = paths.db_path.read_bytes()
    assert main(["library", "restore", argument]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("cdcollector: ") and "\n" not in err
    assert paths.db_path.read_bytes() == before
    assert not list(paths.data_dir.glob("*.before-restore-*"))


def test_a_file_that_is_no_library_is_refused(paths, capsys, tmp_path):
    Database.open(paths.db_path).close()
    stray = tmp_path / "stray.sqlite3"
    with closing(sqlite3.connect(stray)) as con, con:
        con.execute("CREATE TABLE t (x)")
    assert main(["library", "restore", str(stray)]) == 1
    assert "is not a CD-Collector library backup" in capsys.readouterr().err


def test_the_settings_dialog_restores_off_the_ui_thread_and_says_restart(qtbot, bus_ctx):
    from cdcollector.services.settings_service import SettingsService
    from cdcollector.ui.dialogs.settings_dialog import SettingsDialog

    made = library_with_real_backups(bus_ctx.paths.db_path, 2)
    dialog = SettingsDialog(SettingsService(bus_ctx))
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    restore = dialog.restore_dialog
    qtbot.waitUntil(lambda: restore.model.rowCount() == 2)
    assert restore.model.row_at(0).path == str(made[-1])
    restore.view.selectRow(1)
    with qtbot.waitSignal(restore.restored) as restored:
        restore.restore_button.click()
    assert restored.args == [str(made[0])], restore.status.text()
    assert "start CD-Collector again" in restore.status.text()
    assert len(list(bus_ctx.paths.data_dir.glob("library.before-restore-*.sqlite3"))) == 1
