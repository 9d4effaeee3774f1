"""The JS runtime and solver scripts yt-dlp needs for YouTube, passed by one factory."""

from __future__ import annotations

import ast
import importlib.metadata
from pathlib import Path

import pytest
import yt_dlp_ejs

from cdcollector.downloads import js_runtime, solver_check
from cdcollector.downloads.ytdl_factory import youtube_dl

PACKAGE = Path(__file__).resolve().parents[2] / "cdcollector"
FACTORY = PACKAGE / "downloads" / "ytdl_factory.py"


class Captured:
    def __init__(self):
        self.lines: list[str] = []

    def debug(self, msg):
        self.lines.append(msg)

    info = warning = error = debug


@pytest.fixture
def fresh_runtime(monkeypatch):
    """deno_path() is cached per process: clear it around tests that change the environment."""
    js_runtime.deno_path.cache_clear()
    yield monkeypatch
    js_runtime.deno_path.cache_clear()


def _deno_solver(ydl):
    ie = ydl.get_info_extractor("Youtube")
    ie.initialize()
    return next(p for p in ie._jsc_director.providers.values() if p.PROVIDER_NAME == "deno")


def test_yt_dlp_itself_reports_the_resolved_deno(fresh_runtime):
    fresh_runtime.delenv(js_runtime.DENO_ENV, raising=False)
    resolved = js_runtime.deno_path()
    assert resolved is not None, "the deno wheel is a dependency: it must be found"
    log = Captured()
    with youtube_dl({"verbose": True, "logger": log}) as ydl:
        info = ydl._js_runtimes["deno"].info
        assert (info.path, info.supported) == (resolved, True)
    version = js_runtime.deno_version(resolved)
    assert f"[debug] JS runtimes: deno-{version}" in log.lines


def test_both_solver_scripts_load_from_the_installed_package_at_the_pinned_version():
    from yt_dlp.extractor.youtube.jsc._builtin import vendor
    from yt_dlp.extractor.youtube.jsc._builtin.ejs import ScriptSource

    log = Captured()
    with youtube_dl({"verbose": True, "logger": log}) as ydl:
        solver = _deno_solver(ydl)
        scripts = (solver._lib_script, solver._core_script)
    pinned = [r for r in importlib.metadata.requires("yt-dlp") or () if r.startswith("yt-dlp-ejs")]
    assert pinned and pinned[0].startswith(f"yt-dlp-ejs=={yt_dlp_ejs.version}")
    for script in scripts:
        assert script.source is ScriptSource.PYPACKAGE
        assert script.version == yt_dlp_ejs.version
        assert script.version.split(".")[:2] == vendor.VERSION.split(".")[:2]
    for kind in ("lib", "core"):
        assert any(f"Using challenge solver {kind} script v{yt_dlp_ejs.version} "
                   "(source: python package" in line for line in log.lines)


def test_the_factory_keeps_the_cache_off_and_never_allows_remote_components():
    with youtube_dl({"remote_components": ["ejs:github"], "cachedir": False}) as ydl:
        assert ydl.params["cachedir"] is False
        assert not ydl.params["remote_components"]
        assert set(ydl.params["js_runtimes"]) == {"deno"}


def test_the_solver_answers_a_stand_in_challenge_under_deno():
    report = solver_check.check_solver()
    assert report.ok, report.detail
    assert report.scripts == (f"lib {yt_dlp_ejs.version} (python package), "
                              f"core {yt_dlp_ejs.version} (python package)")
    assert report.runtime.startswith("deno ")


def test_a_wrong_answer_from_the_solver_is_a_failure(monkeypatch):
    # The stand-in player rewrites n the other way: the expected answer no longer comes back.
    monkeypatch.setattr(solver_check, "STAND_IN_PLAYER",
                        solver_check.STAND_IN_PLAYER.replace(".reverse()", ""))
    report = solver_check.check_solver()
    assert not report.ok and "expected" in report.detail


def test_without_deno_youtube_is_reported_as_unable_to_work(fresh_runtime, tmp_path):
    fresh_runtime.setenv(js_runtime.DENO_ENV, str(tmp_path / "no-deno"))
    assert js_runtime.deno_path() is None
    report = solver_check.check_solver()
    assert not report.ok
    assert report.detail == "deno was not found"


def test_the_venv_binary_is_found_before_path(fresh_runtime, tmp_path):
    fresh_runtime.delenv(js_runtime.DENO_ENV, raising=False)
    decoy = tmp_path / "deno"
    decoy.write_text("#!/bin/sh\necho deno 0.1.0\n")
    decoy.chmod(0o755)
    fresh_runtime.setenv("PATH", str(tmp_path))
    assert js_runtime.deno_path() == str(js_runtime._venv_scripts())


def test_the_frozen_bundle_is_found_first(fresh_runtime, tmp_path):
    import sys

    fresh_runtime.delenv(js_runtime.DENO_ENV, raising=False)
    bundled = tmp_path / js_runtime.BUNDLE_FOLDER / Path(js_runtime._venv_scripts()).name
    bundled.parent.mkdir()
    bundled.write_text("#!/bin/sh\necho deno 2.9.8\n")
    bundled.chmod(0o755)
    fresh_runtime.setattr(sys, "frozen", True, raising=False)
    fresh_runtime.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert js_runtime.deno_path() == str(bundled)


def _names_youtube_dl(tree: ast.AST) -> bool:
    return any((isinstance(node, ast.Attribute) and node.attr == "YoutubeDL")
               or (isinstance(node, ast.Name) and node.id == "YoutubeDL")
               or (isinstance(node, ast.alias) and node.name.split(".")[-1] == "YoutubeDL")
               for node in ast.walk(tree))


def test_no_module_but_the_factory_constructs_youtube_dl():
    offenders = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
                 if path != FACTORY and _names_youtube_dl(ast.parse(path.read_text("utf-8")))]
    assert offenders == []
    assert _names_youtube_dl(ast.parse(FACTORY.read_text("utf-8")))
