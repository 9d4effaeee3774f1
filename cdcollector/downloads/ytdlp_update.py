"""Installs the newest yt-dlp and its matching yt-dlp-ejs from the package index as an overlay.

The index is PyPI's JSON API at https://pypi.org, or the base URL in the environment variable
CDCOLLECTOR_PYPI_URL (tests point it at a loopback fake; `PackageIndex(base)` does the same).
Only files on the index's own hosts are fetched: pypi.org and files.pythonhosted.org for PyPI,
the base URL's host for any other index. Nothing here changes the running process: the new
copy is recorded for the next start (see ytdlp_overlay).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from cdcollector.domain.errors import UpdateError
from cdcollector.downloads import ytdlp_overlay as overlay

INDEX_ENV = "CDCOLLECTOR_PYPI_URL"
DEFAULT_INDEX = "https://pypi.org"
PYPI_HOSTS = frozenset({"pypi.org", "files.pythonhosted.org"})
HTTP_TIMEOUT_S = 30
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_WHEEL_BYTES = 100 * 1024 * 1024
CHUNK = 256 * 1024
SELF_CHECK_TIMEOUT_S = 180
_EJS_PIN = re.compile(r"^\s*yt[-_.]dlp[-_.]ejs\s*==\s*([0-9.]+)\s*;(.*)$", re.IGNORECASE)
_DEFAULT_EXTRA = re.compile(r"extra\s*==\s*['\"]default['\"]")
_DENO_MIN = re.compile(
    r"class\s+DenoJsRuntime\b.*?MIN_SUPPORTED_VERSION\s*=\s*\(\s*([\d,\s]+?)\s*\)", re.DOTALL)
_PYTHON_MIN = re.compile(r">=\s*(\d+)\.(\d+)")

Progress = Callable[[str, float], None]  # (what is happening, fraction done 0–1)


@dataclass(frozen=True)
class WheelFile:
    filename: str
    url: str
    sha256: str


@dataclass(frozen=True)
class UpdateResult:
    installed: bool  # False: nothing newer (or already installed for the next start)
    version: str
    message: str


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a host the index allows."""

    def __init__(self, index: PackageIndex):
        super().__init__()
        self.index = index

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.index.check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _ssl_context():
    import ssl

    try:
        import certifi  # bundled with requests; a frozen app has no system CA path on macOS

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


class PackageIndex:
    """The few calls of PyPI's JSON API the updater makes, on the index's own hosts only."""

    def __init__(self, base: str | None = None):
        self.base = (base or os.environ.get(INDEX_ENV) or DEFAULT_INDEX).rstrip("/")
        parts = urlsplit(self.base)
        self.scheme = parts.scheme
        self.host = parts.hostname or ""
        self.hosts = PYPI_HOSTS if self.host == "pypi.org" else frozenset({self.host})
        handlers = [_SameHostRedirects(self)]
        if self.scheme == "https":
            handlers.append(urllib.request.HTTPSHandler(context=_ssl_context()))
        self._opener = urllib.request.build_opener(*handlers)

    def check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.hostname not in self.hosts or parts.scheme not in ("https", self.scheme):
            raise UpdateError(f"The package index offered a file from {parts.hostname or url}, "
                              "which is not one of its own hosts; nothing was installed.")

    def _open(self, url: str):
        self.check_url(url)
        try:
            return self._opener.open(url, timeout=HTTP_TIMEOUT_S)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise UpdateError(f"The package index does not offer {urlsplit(url).path}; "
                                  "nothing was installed.") from exc
            raise UpdateError(f"The package index answered HTTP {exc.code}; "
                              "try again later.") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise UpdateError(f"Could not reach the package index at {self.host}: "
                              "check the internet connection and try again.") from exc

    def project(self, name: str, version: str | None = None) -> dict:
        """GET {base}/pypi/{name}/json, or /pypi/{name}/{version}/json."""
        path = f"/pypi/{quote(name)}/" + (f"{quote(version)}/" if version else "") + "json"
        try:
            with self._open(self.base + path) as response:
                data = json.loads(response.read(MAX_JSON_BYTES + 1)[:MAX_JSON_BYTES])
        except (ValueError, OSError) as exc:
            raise UpdateError("The package index sent an answer that could not be read; "
                              "try again later.") from exc
        if not isinstance(data, dict) or not isinstance(data.get("info"), dict):
            raise UpdateError("The package index sent an answer that could not be read; "
                              "try again later.")
        return data

    def download(self, wheel: WheelFile, folder: Path, progress: Progress) -> Path:
        """Fetch one wheel, checking its sha256 as it arrives; a mismatch keeps nothing."""
        target = folder / wheel.filename
        digest = hashlib.sha256()
        done = 0
        try:
            with self._open(wheel.url) as response, open(target, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                while chunk := response.read(CHUNK):
                    done += len(chunk)
                    if done > MAX_WHEEL_BYTES:
                        raise UpdateError(f"{wheel.filename} is larger than any yt-dlp release; "
                                          "nothing was installed.")
                    digest.update(chunk)
                    out.write(chunk)
                    progress(f"Downloading {wheel.filename}", done / total if total else 0.0)
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise UpdateError(f"The download of {wheel.filename} broke off; "
                              "try again later.") from exc
        if digest.hexdigest() != wheel.sha256.lower():
            target.unlink(missing_ok=True)
            raise UpdateError(f"{wheel.filename} does not match the checksum the package index "
                              "published; nothing was installed.")
        return target


# --- reading the index's answers ----------------------------------------------------------

def release_version(data: dict, what: str) -> str:
    version = data["info"].get("version")
    if not overlay.plain_version(version):
        raise UpdateError(f"The package index names {what} version {version!r}, which "
                          "CD-Collector does not recognise; nothing was installed.")
    return version


def ejs_pin(requires_dist: list[str] | None) -> str | None:
    """The exact yt-dlp-ejs version yt-dlp's "default" extra requires, if it pins one."""
    for requirement in requires_dist or ():
        match = _EJS_PIN.match(requirement)
        if match and _DEFAULT_EXTRA.search(match.group(2)) and \
                overlay.plain_version(match.group(1)):
            return match.group(1)
    return None


def pure_wheel(data: dict, what: str) -> WheelFile:
    """The release's py3-none-any wheel with its published sha256."""
    for item in data.get("urls") or ():
        filename = str(item.get("filename", ""))
        sha256 = (item.get("digests") or {}).get("sha256")
        if (item.get("packagetype") == "bdist_wheel" and sha256 and item.get("url")
                and re.search(r"-(py3|py2\.py3)-none-any\.whl$", filename)
                and "/" not in filename and "\\" not in filename):
            return WheelFile(filename, str(item["url"]), str(sha256))
    raise UpdateError(f"The package index offers no pure-Python wheel of {what}; "
                      "nothing was installed.")


def check_python(data: dict, what: str) -> None:
    match = _PYTHON_MIN.search(str(data["info"].get("requires_python") or ""))
    if match and sys.version_info[:2] < (int(match.group(1)), int(match.group(2))):
        raise UpdateError(f"{what} needs Python {match.group(1)}.{match.group(2)} or newer; "
                          "a new CD-Collector release is needed for it.")


# --- installing ---------------------------------------------------------------------------

def unpack(wheel: Path, staged: Path, package: str) -> None:
    """Extract the wheel's `package/` folder (and nothing else) into `staged`."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.infolist()
                       if m.filename.startswith(package + "/") and not m.is_dir()]
            for member in members:
                parts = Path(member.filename).parts
                if ".." in parts or Path(member.filename).is_absolute():
                    raise UpdateError(f"{wheel.name} holds a file outside its package; "
                                      "nothing was installed.")
                archive.extract(member, staged)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise UpdateError(f"{wheel.name} is damaged; nothing was installed.") from exc
    if not (staged / package / "__init__.py").is_file():
        raise UpdateError(f"{wheel.name} does not contain {package}; nothing was installed.")


def deno_minimum(jsruntime_py: Path) -> tuple[int, ...] | None:
    """DenoJsRuntime.MIN_SUPPORTED_VERSION, read from yt-dlp's source text (not imported)."""
    try:
        match = _DENO_MIN.search(jsruntime_py.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if not match:
        return None
    return tuple(int(p) for p in match.group(1).replace(" ", "").split(",") if p)


def bundled_deno_version() -> str | None:
    from cdcollector.downloads.js_runtime import deno_path, deno_version

    path = deno_path()
    return deno_version(path) if path else None


def check_deno(staged: Path, version: str, deno_version: Callable[[], str | None]) -> None:
    needed = deno_minimum(staged / "yt_dlp" / "utils" / "_jsruntime.py")
    if needed is None:
        raise UpdateError(f"Cannot tell which deno yt-dlp {version} needs; nothing was installed.")
    found = deno_version()
    wanted = ".".join(map(str, needed))
    if found is None:
        raise UpdateError(f"yt-dlp {version} needs deno {wanted} or newer, and no deno was "
                          "found; nothing was installed.")
    if overlay.version_key(found) < needed:
        raise UpdateError(f"yt-dlp {version} needs deno {wanted} or newer, but CD-Collector "
                          f"comes with deno {found}; wait for a new CD-Collector release.")


def self_command() -> list[str]:
    """How to start this program again: the frozen executable, or this interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "cdcollector"]


def run_self_check(folder: Path, version: str, ejs_version: str) -> None:
    """Start a fresh process on the candidate folder; raise with its reason when it fails.

    The answer comes back in a file: a windowed frozen app may have no usable stdout.
    """
    env = dict(os.environ, **{overlay.DIR_ENV: str(folder)})
    report = folder.parent / f".self-check-{os.getpid()}.json"
    command = [*self_command(), "ytdlp", "self-check", "--dir", str(folder),
               "--version", version, "--ejs", ejs_version, "--report", str(report)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=SELF_CHECK_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UpdateError(f"The self-check of yt-dlp {version} could not run ({exc}); "
                          "nothing was changed.") from exc
    try:
        problem = json.loads(report.read_text(encoding="utf-8")).get("problem")
    except (OSError, ValueError, AttributeError):  # it died before answering
        problem = (done.stderr.strip().splitlines() or ["no answer"])[-1]
    finally:
        report.unlink(missing_ok=True)
    if done.returncode != 0 or problem:
        raise UpdateError(f"yt-dlp {version} failed its self-check ({problem}); "
                          "nothing was changed.")


def _move_into_place(staged: Path, target: Path) -> None:
    if target.exists():  # left by an earlier attempt that never became active
        trash = target.with_name(f".old-{target.name}-{os.getpid()}")
        os.replace(target, trash)
        shutil.rmtree(trash, ignore_errors=True)
    os.replace(staged, target)


def prune(data_dir: Path, keep: set[str | None]) -> None:
    """Remove version folders other than `keep` (the active, previous and running ones)."""
    root = overlay.overlay_root(data_dir)
    for child in root.iterdir() if root.is_dir() else ():
        if child.is_dir() and overlay.plain_version(child.name) and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def running_overlay_version() -> str | None:
    activation = overlay.current_activation()
    return activation.version if activation.source == "overlay" else None


def running_version() -> str:
    from yt_dlp.version import __version__

    return __version__


def update(data_dir: Path, index: PackageIndex | None = None,
           progress: Progress | None = None,
           deno_version: Callable[[], str | None] = bundled_deno_version) -> UpdateResult:
    """Install the newest yt-dlp for the next start, or explain in one sentence why not."""
    index = index or PackageIndex()
    report = progress or (lambda text, fraction: None)
    report("Asking the package index…", 0.0)
    latest = index.project("yt-dlp")
    version = release_version(latest, "yt-dlp")
    current = running_version()
    state = overlay.read_state(data_dir)
    if overlay.version_key(version) <= overlay.version_key(current):
        return UpdateResult(False, current,
                            f"yt-dlp {current} is the newest version; nothing to do.")
    target = overlay.version_folder(data_dir, version)
    if state.get("active") == version and overlay.quick_check(target, version) is None:
        return UpdateResult(False, version, f"yt-dlp {version} is already installed, "
                                            "active from the next start.")
    check_python(latest, f"yt-dlp {version}")
    ejs = ejs_pin(latest["info"].get("requires_dist"))
    if ejs is None:
        raise UpdateError(f"yt-dlp {version} names no matching yt-dlp-ejs; "
                          "nothing was installed.")
    ejs_release = index.project("yt-dlp-ejs", ejs)
    if ejs_release["info"].get("version") != ejs:
        raise UpdateError(f"The package index has no yt-dlp-ejs {ejs}; nothing was installed.")
    wheels = (pure_wheel(latest, f"yt-dlp {version}"), pure_wheel(ejs_release, f"yt-dlp-ejs {ejs}"))
    root = overlay.overlay_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=root, prefix=".incoming-"))
    try:
        files = [index.download(wheel, work, report) for wheel in wheels]
        report("Unpacking…", 1.0)
        staged = work / "unpacked"
        unpack(files[0], staged, "yt_dlp")
        unpack(files[1], staged, "yt_dlp_ejs")
        check_deno(staged, version, deno_version)
        (staged / overlay.MANIFEST).write_text(
            json.dumps({"yt_dlp": version, "yt_dlp_ejs": ejs,
                        "sha256": {w.filename: w.sha256 for w in wheels}}, indent=2),
            encoding="utf-8")
        _move_into_place(staged, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(f"Checking yt-dlp {version}…", 1.0)
    try:
        run_self_check(target, version, ejs)
    except UpdateError:
        shutil.rmtree(target, ignore_errors=True)
        raise
    state = overlay.read_state(data_dir)
    previous = state.get("active") or running_overlay_version()
    state.update(active=version, previous=previous if previous != version else None,
                 fallback=None)
    overlay.write_state(data_dir, state)
    prune(data_dir, {version, state["previous"], running_overlay_version()})
    return UpdateResult(True, version, f"yt-dlp {version} is installed, active from the next "
                                       "start.")


def rollback(data_dir: Path) -> str:
    """Go back to the previous overlay, or to the bundled copy; effective at the next start."""
    state = overlay.read_state(data_dir)
    active, previous = state.get("active"), state.get("previous")
    if not active:
        raise UpdateError("Nothing to roll back: the bundled yt-dlp is already the one for the "
                          "next start.")
    if overlay.plain_version(previous) and overlay.quick_check(
            overlay.version_folder(data_dir, previous), previous) is None:
        state.update(active=previous, previous=None)
        message = f"yt-dlp {previous} will be used from the next start."
    else:
        state.update(active=None, previous=None)
        message = "The bundled yt-dlp will be used from the next start."
    state["fallback"] = None
    overlay.write_state(data_dir, state)
    prune(data_dir, {state["active"], running_overlay_version()})
    return message


def newest_version(index: PackageIndex | None = None) -> str:
    """The index's newest yt-dlp version (the weekly check asks nothing else)."""
    return release_version((index or PackageIndex()).project("yt-dlp"), "yt-dlp")
