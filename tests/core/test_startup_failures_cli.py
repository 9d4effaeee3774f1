"""A newer, damaged or misconfigured library: each CLI command says so in one line, exit 1."""

from __future__ import annotations

import hashlib

import pytest

from cdcollector.cli import main
from cdcollector.paths import AppPaths
from cdcollector.services.context import AppContext
from tests.fakes.broken_library import (
    stamp_newer_schema,
    write_garbage_pages,
    write_invalid_setting,
)

COMMANDS = {
    "import": lambda music: ["import", str(music)],
    "playlist list": lambda music: ["playlist", "list"],
    "doctor": lambda music: ["doctor"],
}


@pytest.fixture
def paths(isolated_home) -> AppPaths:
    AppContext.open(str(isolated_home)).close()
    return AppPaths.resolve(str(isolated_home))


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("cdcollector: ")
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_damaged_library_is_named_with_a_way_out(command, paths, tmp_path, capsys):
    write_garbage_pages(paths.db_path)
    (tmp_path / "music").mkdir(exist_ok=True)
    assert main(COMMANDS[command](tmp_path / "music")) == 1
    line = one_line_error(capsys)
    assert str(paths.db_path) in line
    assert "damaged" in line and "cdcollector library restore" in line


@pytest.mark.parametrize("command", COMMANDS)
def test_a_library_from_a_newer_version_is_refused_untouched(command, paths, tmp_path, capsys):
    stamp_newer_schema(paths.db_path)
    before = hashlib.sha256(paths.db_path.read_bytes()).hexdigest()
    (tmp_path / "music").mkdir(exist_ok=True)
    assert main(COMMANDS[command](tmp_path / "music")) == 1
    line = one_line_error(capsys)
    assert "newer CD-Collector" in line and str(paths.db_path) in line
    assert hashlib.sha256(paths.db_path.read_bytes()).hexdigest() == before
    assert not list(paths.data_dir.glob("*.backup-*"))


@pytest.mark.parametrize("command", COMMANDS)
def test_an_invalid_setting_is_one_line(command, paths, tmp_path, capsys):
    write_invalid_setting(paths.settings_path)
    (tmp_path / "music").mkdir(exist_ok=True)
    assert main(COMMANDS[command](tmp_path / "music")) == 1
    assert "Parallel downloads" in one_line_error(capsys)
