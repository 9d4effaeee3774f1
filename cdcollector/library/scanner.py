"""Walk the folders given to an import and list candidate audio files with size and mtime."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cdcollector.domain.errors import LibraryError

# Files every music folder has beside its audio; never worth a "skipped" line in the report.
IGNORED_SUFFIXES = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".heic", ".svg",
    ".txt", ".nfo", ".log", ".cue", ".md", ".pdf", ".htm", ".html", ".url", ".ini", ".json",
    ".xml", ".db", ".sfv", ".md5", ".ffp", ".accurip", ".lrc", ".toml", ".yaml", ".yml",
    ".m3u", ".m3u8", ".pls", ".xspf", ".cdcplaylist", ".part", ".tmp", ".torrent",
    ".zip", ".rar", ".7z",
})


@dataclass(frozen=True)
class FoundFile:
    path: str  # absolute and resolved
    size: int
    mtime_ns: int


@dataclass
class ScanResult:
    files: dict[str, FoundFile] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def resolve_roots(paths: list[str]) -> list[Path]:
    """Absolute, resolved roots; a path that does not exist is a one-line error."""
    if not paths:
        raise LibraryError("Nothing to import: give at least one file or folder.")
    roots: list[Path] = []
    for raw in paths:
        root = Path(raw).expanduser()
        if not root.exists():
            raise LibraryError(f"No such file or folder: {raw}")
        root = root.resolve()
        if root not in roots:
            roots.append(root)
    return roots


def is_ignored(name: str) -> bool:
    return name.startswith(".") or os.path.splitext(name)[1].lower() in IGNORED_SUFFIXES


def scan(roots: list[Path], on_folder: Callable[[int], None] | None = None) -> ScanResult:
    """Every non-ignored regular file under the roots (a root may itself be a file).

    `on_folder(files found so far)` is called after each folder is listed.
    """
    result = ScanResult()
    visited_dirs: set[tuple[int, int]] = set()
    for root in roots:
        if root.is_dir():
            _walk(str(root), result, visited_dirs, on_folder)
        else:
            _add(str(root), result)  # a file named explicitly is always tried
    return result


def _walk(folder: str, result: ScanResult, visited: set[tuple[int, int]],
          on_folder: Callable[[int], None] | None) -> None:
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = os.stat(current)
            key = (info.st_dev, info.st_ino)
            if key in visited:  # a symlink loop or the same folder given twice
                continue
            visited.add(key)
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            result.problems.append((current, f"cannot read folder: {exc.strerror or exc}"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
                elif entry.is_file() and not is_ignored(entry.name):
                    # Links are kept under their own name so every path stays under a root.
                    _add(entry.path, result, entry.stat())
            except OSError as exc:
                result.problems.append((entry.path, f"cannot read: {exc.strerror or exc}"))
        pending.extend(reversed(subfolders))
        if on_folder is not None:
            on_folder(len(result.files))


def _add(path: str, result: ScanResult, info: os.stat_result | None = None) -> None:
    try:
        info = info or os.stat(path)
    except OSError as exc:
        result.problems.append((path, f"cannot read: {exc.strerror or exc}"))
        return
    result.files[path] = FoundFile(path, info.st_size, info.st_mtime_ns)
