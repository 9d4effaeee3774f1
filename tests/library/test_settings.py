"""Settings: defaults, CDCOLLECTOR_* overrides, one home folder, damaged files, atomic saves."""

from __future__ import annotations

import json
import os

import pytest

from cdcollector.domain.errors import ConfigError
from cdcollector.paths import AppPaths
from cdcollector.services.context import AppContext
from cdcollector.settings import Settings, load_settings, save_settings


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.resolve(tmp_path / "portable").ensure()


def test_defaults_without_file_or_environment(paths):
    settings = load_settings(paths, environ={})
    assert settings == Settings()
    assert settings.download_format == "mp3"
    assert 1 <= settings.parallel_downloads <= 16
    assert settings.library_folders == ()
    assert settings.music_folder  # a real folder path, never empty


def test_environment_overrides_each_type(paths):
    env = {
        "CDCOLLECTOR_DOWNLOAD_FORMAT": "flac",
        "CDCOLLECTOR_PARALLEL_DOWNLOADS": "5",
        "CDCOLLECTOR_BURNER_GAP_S": "0.5",
        "CDCOLLECTOR_BURNER_EJECT": "no",
        "CDCOLLECTOR_LIBRARY_FOLDERS": os.pathsep.join(["/a", "/b"]),
        "CDCOLLECTOR_MUSIC_FOLDER": "/somewhere/music",
    }
    settings = load_settings(paths, environ=env)
    assert settings.download_format == "flac"
    assert settings.parallel_downloads == 5
    assert settings.burner_gap_s == 0.5
    assert settings.burner_eject is False
    assert settings.library_folders == ("/a", "/b")
    assert settings.music_folder == "/somewhere/music"


def test_environment_beats_the_settings_file(paths):
    save_settings(paths, Settings(download_format="opus", parallel_downloads=2))
    settings = load_settings(paths, environ={"CDCOLLECTOR_PARALLEL_DOWNLOADS": "7"})
    assert settings.download_format == "opus"
    assert settings.parallel_downloads == 7


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("CDCOLLECTOR_PARALLEL_DOWNLOADS", "many", "parallel_downloads"),
        ("CDCOLLECTOR_PARALLEL_DOWNLOADS", "99", "Parallel downloads"),
        ("CDCOLLECTOR_BURNER_EJECT", "perhaps", "burner_eject"),
        ("CDCOLLECTOR_BURNER_GAP_S", "1,5", "burner_gap_s"),
        ("CDCOLLECTOR_DOWNLOAD_FORMAT", "wma", "Download format"),
        ("CDCOLLECTOR_BURNER_MEDIA_MINUTES", "60", "Disc size"),
    ],
)
def test_bad_environment_values_are_one_line_config_errors(paths, name, value, words):
    with pytest.raises(ConfigError) as info:
        load_settings(paths, environ={name: value})
    message = str(info.value)
    assert words in message
    assert "\n" not in message and "Traceback" not in message


def test_bad_environment_value_in_the_cli_is_one_line_without_traceback(monkeypatch, capsys):
    from cdcollector.cli import main

    monkeypatch.setenv("CDCOLLECTOR_PARALLEL_DOWNLOADS", "lots")
    assert main(["search", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "parallel_downloads" in err and "Traceback" not in err


def test_home_puts_everything_under_one_folder(tmp_path):
    home = tmp_path / "portable home"
    ctx = AppContext.open(home=str(home))
    try:
        ctx.update_settings(download_format="flac")
        for folder in (ctx.paths.config_dir, ctx.paths.data_dir, ctx.paths.cache_dir,
                       ctx.paths.log_dir):
            assert folder.is_relative_to(home.resolve())
        assert ctx.db.path == home.resolve() / "data" / "library.sqlite3"
        assert ctx.db.path.is_file()
        assert ctx.paths.settings_path.is_file()
        assert ctx.paths.log_path.parent.is_dir()
        assert ctx.paths.covers_dir.is_relative_to(ctx.paths.cache_dir)
    finally:
        ctx.close()


def test_home_environment_variable_is_used_when_no_flag(isolated_home):
    assert AppPaths.resolve().data_dir == isolated_home.resolve() / "data"


def test_home_flag_beats_the_environment_variable(tmp_path, isolated_home):
    assert AppPaths.resolve(tmp_path / "other").data_dir == (tmp_path / "other" / "data")


def test_cli_home_flag_creates_the_library_there(tmp_path, capsys):
    from cdcollector.cli import main

    home = tmp_path / "cli-home"
    assert main(["--home", str(home), "search", "anything"]) == 0
    assert (home / "data" / "library.sqlite3").is_file()
    assert "No tracks found." in capsys.readouterr().out


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2, 3]", "\x00\x01garbage"])
def test_damaged_settings_file_gives_defaults(paths, content):
    paths.settings_path.write_text(content, encoding="utf-8")
    assert load_settings(paths, environ={}) == Settings()


def test_unknown_keys_in_settings_file_are_ignored(paths):
    paths.settings_path.write_text(json.dumps({"download_format": "m4a", "old_key": 1}))
    assert load_settings(paths, environ={}).download_format == "m4a"


def test_save_round_trips_and_leaves_no_temp_files(paths):
    settings = Settings(download_format="opus", library_folders=("/m/one", "/m/two"))
    save_settings(paths, settings)
    assert load_settings(paths, environ={}) == settings
    assert sorted(p.name for p in paths.config_dir.iterdir()) == ["settings.json"]


def test_save_is_atomic_when_writing_fails(paths, monkeypatch):
    save_settings(paths, Settings(download_format="flac"))
    before = paths.settings_path.read_bytes()

    def broken_dump(data, handle, **kwargs):
        handle.write('{"download_format": "op')  # half written, then the disk fills up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cdcollector.settings.json.dump", broken_dump)
    with pytest.raises(OSError):
        save_settings(paths, Settings(download_format="opus"))
    assert paths.settings_path.read_bytes() == before
    monkeypatch.undo()
    assert load_settings(paths, environ={}).download_format == "flac"


def test_invalid_settings_are_not_saved(paths):
    save_settings(paths, Settings())
    with pytest.raises(ConfigError):
        save_settings(paths, Settings(parallel_downloads=0))
    assert load_settings(paths, environ={}) == Settings()


def test_update_settings_persists_through_the_context(ctx):
    ctx.update_settings(library_folders=("/music",))
    reloaded = load_settings(ctx.paths, environ={})
    assert reloaded.library_folders == ("/music",)
