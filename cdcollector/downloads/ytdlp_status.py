"""Which yt-dlp runs and which one the next start will load; the self-check of a new copy."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from cdcollector.downloads import ytdlp_overlay as overlay

# A watch URL every yt-dlp's YouTube extractor has accepted for years.
YOUTUBE_URL = "https://www.youtube.com/watch?v=BaW_jenozKc"


@dataclass(frozen=True)
class YtdlpStatus:
    """No network: what is loaded in this process and what the state file records."""

    version: str  # the running yt-dlp
    file: str  # its yt_dlp.__file__
    source: str  # "overlay" or "bundled"
    ejs_version: str | None
    ejs_file: str | None
    next_start: str | None  # the overlay version recorded for the next start; None: bundled
    previous: str | None  # where a rollback goes (None: the bundled copy)
    pending: bool  # the next start loads another yt-dlp than the one running now
    fallback: str | None  # why a recorded update is not in use
    last_check: float | None

    def as_json(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        copy = "an update" if self.source == "overlay" else "the bundled copy"
        lines = [f"yt-dlp {self.version} is running ({copy}).",
                 f"yt-dlp-ejs {self.ejs_version or 'is missing'}"
                 + (" is loaded." if self.ejs_version else ".")]
        if self.pending:
            lines.append(f"yt-dlp {self.next_start} is installed, active from the next start."
                         if self.next_start else
                         "The bundled yt-dlp will be used from the next start.")
        if self.fallback:
            lines.append(f"Fell back to the bundled copy: {self.fallback}")
        if self.next_start:
            lines.append(f"Rollback goes to yt-dlp {self.previous}." if self.previous else
                         "Rollback goes to the bundled copy.")
        return lines


def status(data_dir: Path) -> YtdlpStatus:
    import yt_dlp
    from yt_dlp.version import __version__

    try:
        import yt_dlp_ejs

        ejs_version, ejs_file = yt_dlp_ejs.version, yt_dlp_ejs.__file__
    except ImportError:
        ejs_version = ejs_file = None
    state = overlay.read_state(data_dir)
    activation = overlay.current_activation()
    running = activation.version if activation.source == "overlay" else None
    next_start = state.get("active") if overlay.plain_version(state.get("active")) else None
    fallback = state.get("fallback") if isinstance(state.get("fallback"), dict) else None
    note = activation.note or (f"yt-dlp {fallback.get('version')} was not used: "
                               f"{fallback.get('reason')}." if fallback else None)
    last_check = state.get("last_check")
    return YtdlpStatus(
        version=__version__, file=yt_dlp.__file__,
        source="overlay" if activation.source == "overlay" else "bundled",
        ejs_version=ejs_version, ejs_file=ejs_file, next_start=next_start,
        previous=state.get("previous") if next_start else None,
        pending=next_start != running, fallback=note,
        last_check=float(last_check) if isinstance(last_check, int | float) else None)


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and Path(path).resolve().is_relative_to(folder.resolve())


def self_check(folder: Path, version: str, ejs_version: str) -> str | None:
    """Run in a fresh process started on `folder`: the first problem found, or None."""
    try:
        import yt_dlp
        from yt_dlp.dependencies import yt_dlp_ejs as ejs_seen
        from yt_dlp.extractor import YoutubeIE
        from yt_dlp.version import __version__
    except Exception as exc:
        return f"importing yt_dlp failed: {exc}"
    if overlay.current_activation().source != "overlay" or not _inside(yt_dlp.__file__, folder):
        return overlay.current_activation().note or f"yt_dlp was not loaded from {folder}"
    if __version__ != version:
        return f"it says it is version {__version__}"
    if not YoutubeIE.suitable(YOUTUBE_URL):
        return "its YouTube extractor does not accept YouTube links"
    try:
        import yt_dlp_ejs
        import yt_dlp_ejs.yt.solver as solver

        scripts = solver.core(), solver.lib()
    except Exception as exc:
        return f"the solver scripts do not load: {exc}"
    if not _inside(yt_dlp_ejs.__file__, folder) or ejs_seen is None:
        return f"yt_dlp_ejs was not loaded from {folder}"
    if yt_dlp_ejs.version != ejs_version:
        return f"yt-dlp-ejs says it is version {yt_dlp_ejs.version}, not {ejs_version}"
    if not all(script.strip() for script in scripts):
        return "the solver scripts are empty"
    from cdcollector.downloads.js_runtime import deno_path

    if deno_path() is None:
        return "no deno was found"
    return None
