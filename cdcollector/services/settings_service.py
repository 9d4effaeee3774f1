"""Settings for the UI: read the current settings and save validated changes."""

from __future__ import annotations

from dataclasses import fields

from cdcollector.domain.errors import ConfigError
from cdcollector.services.backups import BackupService
from cdcollector.services.context import AppContext
from cdcollector.settings import COOKIE_BROWSERS, DOWNLOAD_FORMATS, NORMALIZE_MODES, Settings

MEDIA_MINUTES = (74, 80, 90, 99)
_KNOWN = frozenset(f.name for f in fields(Settings))


class SettingsService:
    """A thin layer so widgets never touch the settings file or AppContext directly."""

    download_formats = DOWNLOAD_FORMATS
    normalize_modes = NORMALIZE_MODES
    cookie_browsers = COOKIE_BROWSERS
    media_minutes = MEDIA_MINUTES

    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def get(self) -> Settings:
        return self.ctx.settings

    def backups(self) -> BackupService:
        return BackupService(self.ctx.paths)

    def update(self, **changes) -> Settings:
        """Save the changed fields; raises ConfigError (nothing saved) when a value is invalid."""
        unknown = sorted(set(changes) - _KNOWN)
        if unknown:
            raise ConfigError(f"Unknown setting: {', '.join(unknown)}.")
        current = self.ctx.settings
        changed = {k: v for k, v in changes.items() if getattr(current, k) != v}
        if not changed:
            return current
        try:
            settings = self.ctx.update_settings(**changed)
        except OSError as exc:
            raise ConfigError(f"Could not save settings: {exc.strerror or exc}.") from exc
        self.ctx.emit("status_message", "Settings saved.")
        return settings
