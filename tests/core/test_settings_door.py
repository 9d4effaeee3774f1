"""Settings read from the file or the environment: hostile values give one line, never a crash."""

from __future__ import annotations

import json

import pytest

from cdcollector.domain.errors import ConfigError
from cdcollector.paths import AppPaths
from cdcollector.settings import Settings, load_settings


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.resolve(str(tmp_path)).ensure()


def write(paths: AppPaths, text: str) -> None:
    paths.settings_path.write_text(text, encoding="utf-8")


def test_deeply_nested_settings_fall_back_to_defaults(paths):
    write(paths, "[" * 100_000 + "]" * 100_000)
    assert load_settings(paths, environ={}) == Settings()


@pytest.mark.parametrize("stored", [
    '{"parallel_downloads": 1e999}',
    '{"music_folder": null}',
    '{"sync_interval_min": 99999999}',
    '{"burner_gap_s": NaN}',
])
def test_impossible_values_are_refused_with_one_line(paths, stored):
    write(paths, stored)
    with pytest.raises(ConfigError) as refused:
        load_settings(paths, environ={})
    assert "\n" not in str(refused.value)


def test_a_nan_gap_from_the_environment_is_refused(paths):
    with pytest.raises(ConfigError, match="gap"):
        load_settings(paths, environ={"CDCOLLECTOR_BURNER_GAP_S": "nan"})


def test_a_huge_value_is_quoted_short(paths):
    write(paths, json.dumps({"download_format": "x" * 100_000, "parallel_downloads": "y" * 10**6}))
    with pytest.raises(ConfigError) as refused:
        load_settings(paths, environ={})
    assert len(str(refused.value)) < 400
