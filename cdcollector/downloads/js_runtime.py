"""Finds the deno binary yt-dlp solves YouTube's JavaScript challenges with, in one place."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

DENO_ENV = "CDCOLLECTOR_DENO"  # an explicit binary wins (tests, unusual installs)
BUNDLE_FOLDER = "deno"  # where cdcollector.spec puts the binary inside the frozen app
_EXE = "deno" + (sysconfig.get_config_var("EXE") or "")
_VERSION_LINE = re.compile(r"^deno (\d+\.\d+\.\d+)", re.MULTILINE)


def _bundled() -> Path | None:
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or base is None:
        return None
    return Path(base) / BUNDLE_FOLDER / _EXE


def _venv_scripts() -> Path:
    # The PyPI `deno` wheel installs its binary beside the interpreter's scripts.
    return Path(sysconfig.get_path("scripts")) / _EXE


def _candidates() -> list[Path | None]:
    override = os.environ.get(DENO_ENV)
    if override:
        return [Path(override)]  # when set, nothing else is tried: a wrong path is reported
    on_path = shutil.which("deno")
    return [_bundled(), _venv_scripts(), Path(on_path) if on_path else None]


@functools.cache
def deno_path() -> str | None:
    """The deno binary yt-dlp is told to use: the frozen bundle's, the venv's, else PATH's."""
    for candidate in _candidates():
        if candidate is not None and candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


@functools.cache
def deno_version(path: str) -> str | None:
    """`deno --version`'s number, e.g. "2.9.8"; None when the binary does not run."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION_LINE.search(out or "")
    return match.group(1) if match else None


def js_runtimes_option() -> dict[str, dict[str, str]]:
    """yt-dlp's `js_runtimes` parameter: deno only, at the path resolved above."""
    path = deno_path() or os.environ.get(DENO_ENV)  # a wrong override must fail in yt-dlp too
    return {"deno": {"path": path} if path else {}}
