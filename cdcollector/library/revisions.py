"""The migrations this version knows, read from the revision files' text (no Alembic import)."""

from __future__ import annotations

import re
from pathlib import Path

from cdcollector.domain.errors import LibraryError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*['\"]?([\w-]+|None)['\"]?\s*$", re.M)


def _graph() -> tuple[set[str], set[str | None]]:
    revisions, parents = set(), set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION_LINE.findall(script.read_text("utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision"))
    return revisions, parents


def known_revisions() -> set[str]:
    """Every schema revision this version can read or upgrade from."""
    return _graph()[0]


def head_revision() -> str | None:
    """The newest migration.

    Alembic itself (≈0.15 s to import) is only loaded when a migration is due, which keeps
    every ordinary start fast. The migration tests check this against Alembic's own answer.
    """
    revisions, parents = _graph()
    heads = revisions - parents
    if len(heads) > 1:
        raise LibraryError(f"The library's migrations have several heads: {sorted(heads)}.")
    return next(iter(heads), None)
