"""Wheels built from the installed yt-dlp and yt-dlp-ejs, and a loopback index serving them."""

from __future__ import annotations

import functools
import importlib.util
import io
import re
import zipfile
from pathlib import Path

import pytest

from cdcollector.downloads.ytdlp_update import INDEX_ENV
from cdcollector.paths import AppPaths
from tests.fakes.package_index import FakeIndex, Release

NEW = "2099.1.1"  # newer than any real yt-dlp: the update under test
EJS = "0.8.0"  # the installed yt-dlp-ejs, which the bumped yt-dlp pins
EJS_PIN = f'yt-dlp-ejs=={EJS}; extra == "default"'


def _installed(package: str) -> Path:
    return Path(importlib.util.find_spec(package).submodule_search_locations[0])


@functools.cache
def wheel(package: str, version: str, requires: tuple[str, ...] = (),
          replace: tuple[tuple[str, str, str], ...] = ()) -> bytes:
    """A py3-none-any wheel of the installed `package` at `version` (built once per session).

    `replace`: (relative path, pattern, replacement) edits of the copied source.
    """
    source = _installed(package)
    dist = {"yt_dlp": "yt-dlp", "yt_dlp_ejs": "yt-dlp-ejs"}[package]
    edits = {"yt_dlp": [("version.py", r"(?m)^(__version__|_pkg_version) = '[^']*'",
                         rf"\1 = '{version}'")],
             "yt_dlp_ejs": [("_version.py", r"(?m)^__version__ = version = '[^']*'",
                             f"__version__ = version = '{version}'")]}[package]
    edits += [(path, pattern, new) for path, pattern, new in replace]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(source.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(source).as_posix()
            data = path.read_bytes()
            for target, pattern, new in edits:
                if target == relative:
                    text, count = re.subn(pattern, new, data.decode("utf-8"))
                    assert count, f"{pattern} not found in {relative}"
                    data = text.encode("utf-8")
            archive.writestr(f"{package}/{relative}", data)
        info = f"{package}-{version}.dist-info"
        metadata = ["Metadata-Version: 2.4", f"Name: {dist}", f"Version: {version}",
                    *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{info}/METADATA", "\n".join(metadata) + "\n")
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"
                                          "Tag: py3-none-any\n")
        archive.writestr(f"{info}/RECORD", "")
    return buffer.getvalue()


def wheel_name(package: str, version: str) -> str:
    return f"{package}-{version}-py3-none-any.whl"


@pytest.fixture(scope="session", autouse=True)
def built_wheels():
    """Build the common wheels up front, once per session."""
    return wheel("yt_dlp", NEW, (EJS_PIN,)), wheel("yt_dlp_ejs", EJS)


@pytest.fixture
def index(monkeypatch):
    fake = FakeIndex().start()
    monkeypatch.setenv(INDEX_ENV, fake.base)
    yield fake
    fake.stop()


def publish(index: FakeIndex, version: str = NEW, requires: tuple[str, ...] = (EJS_PIN,),
            data: bytes | None = None, **entry) -> None:
    """Offer yt-dlp `version` (by default the wheel of NEW) and yt-dlp-ejs EJS."""
    if data is None:
        data = wheel("yt_dlp", NEW, (EJS_PIN,))
    files = [index.file_entry(wheel_name("yt_dlp", version), data, **entry)]
    index.publish(Release("yt-dlp", version, list(requires), files=files))
    ejs_files = [index.file_entry(wheel_name("yt_dlp_ejs", EJS), wheel("yt_dlp_ejs", EJS))]
    index.publish(Release("yt-dlp-ejs", EJS, files=ejs_files))


@pytest.fixture
def data_dir(isolated_home) -> Path:
    return AppPaths.resolve(isolated_home).ensure().data_dir
