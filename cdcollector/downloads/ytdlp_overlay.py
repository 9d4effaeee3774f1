"""Loads an updated yt-dlp (and its yt-dlp-ejs) from the user data folder ahead of the bundle.

Layout under `<data>/yt-dlp/`:
    state.json          {"active": version or null, "previous": version or null,
                         "fallback": {"version", "reason", "announced"} or null,
                         "last_check": epoch seconds of the last weekly check}
    <version>/yt_dlp/       the unpacked packages of one update
    <version>/yt_dlp_ejs/
    <version>/overlay.json  {"yt_dlp": version, "yt_dlp_ejs": version}; written last

`activate()` runs once at process start, before anything imports yt_dlp; the updater only
writes folders and the state file, so an update takes effect at the next start. When
CDCOLLECTOR_YTDLP_DIR names a folder, exactly that folder is loaded and the state file is
ignored (the updater's self-check runs a candidate this way).

This module is imported on every start: it keeps to os and sys until it has work to do.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder
from pathlib import Path

FOLDER = "yt-dlp"
STATE_FILE = "state.json"
MANIFEST = "overlay.json"
DIR_ENV = "CDCOLLECTOR_YTDLP_DIR"
PACKAGES = ("yt_dlp", "yt_dlp_ejs")
# What a complete overlay holds (relative paths); checked at every start, without importing.
REQUIRED_FILES = (
    "yt_dlp/__init__.py", "yt_dlp/version.py", "yt_dlp/extractor/__init__.py",
    "yt_dlp/utils/_jsruntime.py", "yt_dlp_ejs/__init__.py",
    "yt_dlp_ejs/yt/solver/core.min.js", "yt_dlp_ejs/yt/solver/lib.min.js", MANIFEST,
)


class Activation:
    """What `activate()` did in this process (a plain class: no namedtuple to build at start)."""

    __slots__ = ("folder", "note", "source", "version")

    def __init__(self, source: str, version: str | None = None, folder: str | None = None,
                 note: str | None = None):
        self.source = source  # "overlay", "bundled", or "unchanged" (yt_dlp imported already)
        self.version = version  # the overlay's yt-dlp version
        self.folder = folder
        self.note = note  # why a recorded overlay is not used


_activation = Activation("bundled")


def plain_version(text: object) -> bool:
    """Digits and dots only (e.g. 2026.10.26): safe as a folder name and comparable."""
    return isinstance(text, str) and bool(text) and all(
        part.isdigit() and part.isascii() for part in text.split("."))


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def overlay_root(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / FOLDER


def version_folder(data_dir: str | os.PathLike[str], version: str) -> Path:
    return overlay_root(data_dir) / version


def current_activation() -> Activation:
    return _activation


# --- state file ---------------------------------------------------------------------------

def read_state(data_dir: str | os.PathLike[str]) -> dict:
    """The state file's contents; an empty state when it is missing or damaged."""
    import json

    path = overlay_root(data_dir) / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(data_dir: str | os.PathLike[str], state: dict) -> None:
    """Replace the state file atomically: a reader sees the old state or the new one."""
    import json
    import tempfile

    root = overlay_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".state-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=2)
        os.replace(tmp, root / STATE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record_fallback(data_dir: str | os.PathLike[str], version: str, reason: str) -> None:
    """The overlay `version` is unusable: use the bundled copy from now on and say why once."""
    state = read_state(data_dir)
    if state.get("active") == version:
        state["active"] = None
    state["fallback"] = {"version": version, "reason": reason, "announced": False}
    try:
        write_state(data_dir, state)
    except OSError:
        pass  # a read-only data folder: the check simply fails again at the next start


# --- checks -------------------------------------------------------------------------------

def source_version(version_py: str | os.PathLike[str]) -> str | None:
    """`__version__` of a yt_dlp/version.py, read as text (nothing is imported)."""
    import re

    try:
        text = Path(version_py).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", text, re.MULTILINE)
    return match.group(1) if match else None


def quick_check(folder: str | os.PathLike[str], version: str) -> str | None:
    """Why the overlay in `folder` cannot be used (a short phrase), or None when it looks whole."""
    folder = Path(folder)
    if not folder.is_dir():
        return f"its folder {folder} is missing"
    for relative in REQUIRED_FILES:
        if not (folder / relative).is_file():
            return f"{relative} is missing from {folder}"
    found = source_version(folder / "yt_dlp" / "version.py")
    if found != version:
        return f"its yt_dlp/version.py says {found or 'nothing'}, not {version}"
    return None


# --- the import hook ----------------------------------------------------------------------

class OverlayFinder:
    """Resolves yt_dlp and yt_dlp_ejs (and their submodules) from the overlay folder only.

    It sits at sys.meta_path[0]: a frozen app's own importer comes before PathFinder and would
    otherwise hand out the bundled copy, so a sys.path entry alone is not enough.
    """

    def __init__(self, folder: str, version: str | None, data_dir: str | None):
        self.folder = folder
        self.version = version
        self.data_dir = data_dir  # None: a candidate under test, nothing to record

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top not in PACKAGES:
            return None
        # A submodule is looked up in its parent's __path__, which is inside the overlay.
        spec = PathFinder.find_spec(fullname, [self.folder] if top == fullname else path)
        if spec is not None and fullname == "yt_dlp" and spec.loader is not None:
            spec.loader = _FallbackLoader(spec.loader, self)
        return spec

    def invalidate_caches(self) -> None:
        PathFinder.invalidate_caches()

    def fall_back(self, error: BaseException) -> None:
        """Importing the overlay failed: forget it in this process and, if recorded, for good."""
        global _activation
        import logging

        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for name in list(sys.modules):
            if name.partition(".")[0] in PACKAGES:
                del sys.modules[name]
        reason = f"importing it failed ({type(error).__name__}: {error})"
        logging.getLogger(__name__).error("yt-dlp %s from %s: %s; using the bundled copy",
                                          self.version, self.folder, reason)
        _activation = Activation("bundled", note=f"yt-dlp {self.version} was not used: {reason}")
        if self.data_dir is not None and self.version is not None:
            record_fallback(self.data_dir, self.version, reason)


class _FallbackLoader:
    """Runs the overlay's yt_dlp; if that raises, loads the bundled copy in its place."""

    def __init__(self, loader, finder: OverlayFinder):
        self.loader = loader
        self.finder = finder

    def __getattr__(self, name):  # get_source, get_resource_reader, … of the real loader
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        try:
            self.loader.exec_module(module)
        except Exception as exc:
            self.finder.fall_back(exc)
            import importlib

            # The import system takes the module from sys.modules after this returns: the
            # bundled copy, imported now (this thread already holds the module's import lock).
            importlib.import_module(module.__name__)


def _install(folder: str, version: str | None, data_dir: str | None) -> Activation:
    if any(name in sys.modules for name in PACKAGES):  # never mix two copies in one process
        import logging

        logging.getLogger(__name__).warning(
            "yt_dlp was imported before the update in %s could be activated; keeping that copy",
            folder)
        return Activation("unchanged", note="yt_dlp was imported before the update was loaded")
    sys.meta_path.insert(0, OverlayFinder(folder, version, data_dir))
    return Activation("overlay", version=version, folder=folder)


def activate(data_dir: str | os.PathLike[str]) -> Activation:
    """Make the recorded overlay (or CDCOLLECTOR_YTDLP_DIR) the yt-dlp of this process.

    Cheap when there is no overlay (one stat). A recorded overlay that fails the quick check is
    dropped for the bundled copy, and the reason is kept in the state file for the user.
    """
    global _activation
    if any(isinstance(f, OverlayFinder) for f in sys.meta_path):
        return _activation  # already done in this process (tests call cli.main repeatedly)
    forced = os.environ.get(DIR_ENV)
    if forced:
        _activation = _install(str(Path(forced).resolve()), None, None)
        return _activation
    if not (overlay_root(data_dir) / STATE_FILE).is_file():
        _activation = Activation("bundled")
        return _activation
    version = read_state(data_dir).get("active")
    if not plain_version(version):
        _activation = Activation("bundled")
        return _activation
    folder = version_folder(data_dir, version)
    problem = quick_check(folder, version)
    if problem:
        record_fallback(data_dir, version, problem)
        _activation = Activation("bundled", note=f"yt-dlp {version} was not used: {problem}")
        return _activation
    _activation = _install(str(folder.resolve()), version, str(data_dir))
    return _activation
