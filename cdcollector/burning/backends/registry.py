"""Chooses the burner backend by platform and availability, and tells `doctor` what it found."""

from __future__ import annotations

import sys

from cdcollector.burning.backends.base import BurnerBackend
from cdcollector.domain.errors import BurnError, CollectorError, ConfigError
from cdcollector.settings import Settings

BACKEND_NAMES = ("image", "cdrecord", "cdrdao", "imapi2")
NOT_AVAILABLE = {
    "cdrecord": "wodim/cdrecord/cdrskin is not installed (on Debian/Ubuntu: apt install wodim).",
    "cdrdao": "cdrdao is not installed (on Debian/Ubuntu: apt install cdrdao).",
    "imapi2": "Windows' built-in burner (IMAPI2) is only available on Windows.",
}


def create_backend(name: str) -> BurnerBackend:
    """A new backend object by name (without checking it can run here)."""
    if name == "image":
        from cdcollector.burning.backends.image import ImageBackend

        return ImageBackend()
    if name == "cdrecord":
        from cdcollector.burning.backends.cdrecord import CdrecordBackend

        return CdrecordBackend()
    if name == "cdrdao":
        from cdcollector.burning.backends.cdrdao import CdrdaoBackend

        return CdrdaoBackend()
    if name == "imapi2":
        from cdcollector.burning.backends.imapi2 import Imapi2Backend

        return Imapi2Backend()
    raise ConfigError(f"Unknown burner backend {name!r}: choose one of "
                      f"{', '.join(('auto', *BACKEND_NAMES))}.")


def platform_order(platform: str | None = None) -> tuple[str, ...]:
    """Disc burners in order of preference on this platform; the image backend comes last."""
    platform = platform or sys.platform
    drives = ("imapi2",) if platform == "win32" else ("cdrecord", "cdrdao")
    return (*drives, "image")


def available_backends(platform: str | None = None) -> list[BurnerBackend]:
    """Every backend that can run here, most preferred first (the image backend always can)."""
    found = []
    for name in platform_order(platform):
        backend = create_backend(name)
        if backend.available():
            found.append(backend)
    return found


def get_backend(name: str | None = "auto", settings: Settings | None = None) -> BurnerBackend:
    """`name` (or the settings' choice when "auto"); "auto" = the best available here."""
    choice = (name or "auto").lower()
    if choice == "auto" and settings is not None:
        choice = (settings.burner_backend or "auto").lower()
    if choice == "auto":
        return available_backends()[0]
    backend = create_backend(choice)
    if not backend.available():
        raise BurnError(NOT_AVAILABLE.get(choice, f"The {choice} backend is not available."))
    return backend


def _drives_detail(backend: BurnerBackend) -> tuple[bool, str]:
    try:
        drives = backend.list_drives()
    except CollectorError as exc:
        return False, f"no burner found ({exc})"
    if not drives:
        return False, "no burner found"
    return True, "; ".join(f"{d.label} ({d.id})" for d in drives)


def doctor_checks(settings: Settings) -> list[tuple[str, bool, str]]:
    """One line per disc burner found (and the drives it sees), the image backend, the choice."""
    checks = []
    for name in platform_order()[:-1]:
        backend = create_backend(name)
        if not backend.available():
            checks.append((f"burner {name}", False, NOT_AVAILABLE[name]))
            continue
        ok, detail = _drives_detail(backend)
        tool = getattr(backend, "tool", None)
        checks.append((f"burner {name}", ok, f"{tool}: {detail}" if tool else detail))
        if not backend.writes_cdtext:
            checks.append((f"burner {name} CD-TEXT", False, getattr(backend, "cdtext_note", "")))
    checks.append(("burner image", True, "disc images (BIN/CUE + TOC) can always be written"))
    try:
        chosen = get_backend("auto", settings).name
        checks.append(("burner backend", True, f"{settings.burner_backend} → {chosen}"))
    except CollectorError as exc:
        checks.append(("burner backend", False, str(exc)))
    return checks
