"""Typed settings stored in the config folder, with CDCOLLECTOR_* overrides; the log file."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

import platformdirs

from cdcollector.domain.bounds import echo
from cdcollector.domain.errors import ConfigError
from cdcollector.paths import APP_DIR_NAME, AppPaths

ENV_PREFIX = "CDCOLLECTOR_"
DOWNLOAD_FORMATS = ("original", "mp3", "opus", "flac", "m4a")
NORMALIZE_MODES = ("off", "track", "album")
# Browsers yt-dlp can read YouTube cookies from ("" = none): for "confirm you're not a bot".
COOKIE_BROWSERS = ("", "brave", "chrome", "chromium", "edge", "firefox", "opera", "safari",
                   "vivaldi", "whale")


def _default_music_folder() -> str:
    return str(Path(platformdirs.user_music_dir()) / APP_DIR_NAME)


@dataclass(frozen=True)
class Settings:
    """Everything a user can set; stored as JSON in the config folder."""

    music_folder: str = field(default_factory=_default_music_folder)
    library_folders: tuple[str, ...] = ()
    download_format: str = "mp3"
    mp3_bitrate_kbps: int = 256
    parallel_downloads: int = 3
    naming_template: str = "{album_artist}/{album}/{track:02} {title}"
    match_review_threshold: float = 70.0
    burner_backend: str = "auto"
    burner_device: str = ""
    burner_speed: int = 0  # 0 = the drive's choice
    burner_gap_s: float = 2.0
    burner_gapless_albums: bool = True
    burner_normalize: str = "off"
    burner_media_minutes: int = 80
    burner_eject: bool = True
    burner_simulate: bool = False
    spotify_client_id: str = ""
    spotify_redirect_port: int = 8765
    sync_interval_min: int = 60
    youtube_cookies_browser: str = ""
    ytdlp_weekly_check: bool = False  # opt-in: look for a newer yt-dlp once a week

    def validated(self) -> Settings:
        if self.download_format not in DOWNLOAD_FORMATS:
            raise ConfigError(
                f"Download format must be one of {', '.join(DOWNLOAD_FORMATS)}, "
                f"not {self.download_format!r}."
            )
        if not 1 <= self.parallel_downloads <= 16:
            raise ConfigError("Parallel downloads must be between 1 and 16.")
        if self.burner_normalize not in NORMALIZE_MODES:
            raise ConfigError(f"Levelling must be one of {', '.join(NORMALIZE_MODES)}.")
        if self.burner_media_minutes not in (74, 80, 90, 99):
            raise ConfigError("Disc size must be 74, 80, 90 or 99 minutes.")
        if not 0 <= self.burner_gap_s <= 10:  # written so that NaN fails too
            raise ConfigError("The gap between tracks must be between 0 and 10 seconds.")
        if not 0 <= self.sync_interval_min <= 10_080:  # 0: no timer
            raise ConfigError("The sync interval must be off or at most 7 days.")
        if self.youtube_cookies_browser not in COOKIE_BROWSERS:
            raise ConfigError("YouTube cookies can be read from "
                              f"{', '.join(COOKIE_BROWSERS[1:])}, or from no browser.")
        return self


def _coerce(name: str, raw: Any, kind: Any) -> Any:
    """Turn a JSON or environment value into the field's type, or say which field is wrong."""
    try:
        if raw is None:
            raise ValueError("null")  # JSON null would otherwise become the text "None"
        if kind is bool:
            if isinstance(raw, str):
                if raw.strip().lower() in ("1", "true", "yes", "on"):
                    return True
                if raw.strip().lower() in ("0", "false", "no", "off", ""):
                    return False
                raise ValueError(raw)
            return bool(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind == tuple[str, ...]:
            if isinstance(raw, str):
                return tuple(p for p in raw.split(os.pathsep) if p)
            return tuple(str(p) for p in raw)
        return str(raw)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ConfigError(f"Setting {name!r} has an invalid value: {echo(raw)!r}.") from exc


_HINTS = get_type_hints(Settings)


def load_settings(paths: AppPaths, environ: dict[str, str] | None = None) -> Settings:
    """Read the settings file (missing or damaged → defaults), then apply CDCOLLECTOR_* vars."""
    environ = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    if paths.settings_path.is_file():
        try:
            stored = json.loads(paths.settings_path.read_text(encoding="utf-8"))
            if isinstance(stored, dict):
                values.update(stored)
        except (OSError, ValueError, RecursionError):
            logging.getLogger(__name__).warning(
                "Settings file %s is unreadable; using defaults", paths.settings_path
            )
    known = {f.name for f in fields(Settings)}
    for name in known:
        env_value = environ.get(ENV_PREFIX + name.upper())
        if env_value is not None:
            values[name] = env_value
    typed = {k: _coerce(k, v, _HINTS[k]) for k, v in values.items() if k in known}
    return Settings(**typed).validated()


def save_settings(paths: AppPaths, settings: Settings) -> None:
    """Write atomically so a crash never leaves a half-written settings file."""
    settings.validated()
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data["library_folders"] = list(settings.library_folders)
    fd, tmp = tempfile.mkstemp(dir=paths.config_dir, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
        os.replace(tmp, paths.settings_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)  # a failed write leaves the old file and no debris
        raise


def update_settings(paths: AppPaths, settings: Settings, **changes: Any) -> Settings:
    updated = replace(settings, **changes).validated()
    save_settings(paths, updated)
    return updated


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> None:
    """Rotating log file in the log folder; idempotent so tests may call it repeatedly."""
    import logging.handlers  # only when the library opens: keeps the window's start light

    paths.log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    target = str(paths.log_path)
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == target:
            return
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
