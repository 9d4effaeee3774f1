"""Where CD-Collector keeps its files: the platform's user folders, or one portable home."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_DIR_NAME = "CD-Collector"
HOME_ENV = "CDCOLLECTOR_HOME"


class AppPaths(NamedTuple):
    """The four data folders; everything under `home` when one is given.

    A NamedTuple, not a dataclass: the window's frame needs these paths, and importing
    dataclasses (and platformdirs, for a portable home) would slow every start.
    """

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None) -> AppPaths:
        home = home or os.environ.get(HOME_ENV) or None
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "config", root / "data", root / "cache", root / "logs")
        import platformdirs

        return cls(
            Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for folder in self:
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def db_path(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def settings_path(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_path(self) -> Path:
        return self.log_dir / "cdcollector.log"

    @property
    def covers_dir(self) -> Path:
        return self.cache_dir / "covers"

    @property
    def burn_cache_dir(self) -> Path:
        return self.cache_dir / "prepared-audio"

    @property
    def download_temp_dir(self) -> Path:
        return self.cache_dir / "download-tmp"
