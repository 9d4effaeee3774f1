"""What this machine offers CD-Collector: ffmpeg, keyring, database, burner tools, runtimes."""

from __future__ import annotations

from dataclasses import dataclass

from cdcollector import __version__
from cdcollector.externals import find_burner_tools, find_ffmpeg
from cdcollector.services.context import AppContext


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def keyring_check() -> Check:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return Check("keyring", False, "no keyring backend: Spotify logins are not remembered")
        return Check("keyring", True, f"{type(backend).__module__}.{type(backend).__name__}")
    except Exception as exc:  # a broken keyring install must not break `doctor`
        return Check("keyring", False, f"keyring unavailable: {exc}")


def run_checks(ctx: AppContext) -> list[Check]:
    ffmpeg = find_ffmpeg()
    tools = find_burner_tools()
    checks = [
        Check("version", True, __version__),
        Check("ffmpeg", ffmpeg is not None, ffmpeg or "not found"),
        keyring_check(),
        Check("database", True, str(ctx.db.path)),
        Check("schema", ctx.db.schema_version() is not None, ctx.db.schema_version() or "none"),
        Check("music folder", True, ctx.settings.music_folder),
        Check(
            "burner tools",
            bool(tools),
            ", ".join(f"{n} ({p})" for n, p in tools.items())
            or "none found; disc images (BIN/CUE) still work",
        ),
        Check("spotify", bool(ctx.settings.spotify_client_id),
              "client id set" if ctx.settings.spotify_client_id else "not connected (optional)"),
    ]
    return checks + youtube_checks(ctx) + burner_checks(ctx)


def _ytdlp_line(running) -> str:
    line = f"{running.version} ({'an update' if running.source == 'overlay' else 'bundled'})"
    if running.pending and running.next_start:
        line += f"; {running.next_start} from the next start"
    return line + (f"; {running.fallback}" if running.fallback else "")


def youtube_checks(ctx: AppContext) -> list[Check]:
    """What yt-dlp itself will use for YouTube, asked of yt-dlp, and a real offline solve."""
    from yt_dlp.extractor.youtube.jsc._builtin.vendor import VERSION as expected_ejs

    from cdcollector.downloads.solver_check import check_solver
    from cdcollector.downloads.ytdlp_status import status

    try:
        import yt_dlp_ejs

        ejs = yt_dlp_ejs.version
    except ImportError:
        ejs = None
    ejs_matches = ejs is not None and ejs.split(".")[:2] == expected_ejs.split(".")[:2]
    solver = check_solver()
    cookies = ctx.settings.youtube_cookies_browser
    return [
        Check("yt-dlp", True, _ytdlp_line(status(ctx.paths.data_dir))),
        Check("yt-dlp-ejs", ejs_matches,
              f"{ejs or 'missing'} (this yt-dlp expects {expected_ejs})"),
        Check("javascript runtime", solver.runtime is not None,
              solver.runtime or "deno not found (yt-dlp uses only deno unless told otherwise)"),
        Check("youtube", solver.ok,
              f"ready: {solver.detail} with {solver.scripts}" if solver.ok
              else f"YouTube downloads cannot work: {solver.detail}"),
        Check("youtube cookies", True, f"read from {cookies}" if cookies else "not used"),
    ]


def burner_checks(ctx: AppContext) -> list[Check]:
    """Each burner backend of this platform and the drives it sees."""
    from cdcollector.burning.backends.registry import doctor_checks  # runs tools: only here

    return [Check(name, ok, detail) for name, ok, detail in doctor_checks(ctx.settings)]
