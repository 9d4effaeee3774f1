"""Converts a downloaded file to the chosen format with ffmpeg (cancellable, pure arguments)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, ConfigError, DownloadError
from cdcollector.externals import require_ffmpeg

# codec name as ffmpeg prints it → (extension, encoder) for the formats a user can pick
TARGETS = {
    "mp3": (".mp3", "libmp3lame"),
    "opus": (".opus", "libopus"),
    "flac": (".flac", "flac"),
    "m4a": (".m4a", "aac"),
}
# "original": streams that can be kept bit-for-bit, and the container that tags them
ORIGINAL_CONTAINERS = {"mp3": ".mp3", "opus": ".opus", "vorbis": ".ogg", "aac": ".m4a",
                       "alac": ".m4a", "flac": ".flac"}
FORMAT_CODECS = {"mp3": "mp3", "opus": "opus", "flac": "flac", "m4a": "aac"}
_STREAM = re.compile(r"Stream #\d+:\d+(?:\[\w+\])?(?:\(\w+\))?: Audio: (\w+)")
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
OPUS_BITRATE_KBPS = 160
AAC_BITRATE_KBPS = 256


@dataclass(frozen=True)
class AudioInfo:
    codec: str | None
    duration_s: float | None


def parse_probe(stderr: str) -> AudioInfo:
    """Codec and duration from the banner `ffmpeg -i FILE` prints."""
    stream = _STREAM.search(stderr)
    duration = _DURATION.search(stderr)
    seconds = None
    if duration:
        hours, minutes, secs = duration.groups()
        seconds = int(hours) * 3600 + int(minutes) * 60 + float(secs)
    return AudioInfo(stream.group(1) if stream else None, seconds)


def probe(path: str | Path, ffmpeg: str | None = None) -> AudioInfo:
    ffmpeg = ffmpeg or require_ffmpeg()
    result = subprocess.run([ffmpeg, "-hide_banner", "-i", str(path)], capture_output=True,
                            text=True, errors="replace", timeout=60)
    return parse_probe(result.stderr)


def plan_output(fmt: str, codec: str | None) -> tuple[str, bool]:
    """(extension, copy-the-stream?) for converting a `codec` stream to format `fmt`."""
    if fmt == "original":
        if codec in ORIGINAL_CONTAINERS:
            return ORIGINAL_CONTAINERS[codec], True
        return TARGETS["flac"][0], False  # unknown stream: keep every bit, in a taggable file
    if fmt not in TARGETS:
        raise ConfigError(f"Unknown download format {fmt!r}.")
    return TARGETS[fmt][0], FORMAT_CODECS[fmt] == codec


def build_args(ffmpeg: str, source: Path, target: Path, fmt: str, copy: bool,
               mp3_bitrate_kbps: int = 256) -> list[str]:
    """The ffmpeg command line: first audio stream only, no source metadata or pictures."""
    args = [ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-i", str(source),
            "-map", "0:a:0", "-map_metadata", "-1", "-vn", "-sn", "-dn"]
    if copy:
        args += ["-c:a", "copy"]
    else:
        encoder = TARGETS["flac" if fmt == "original" else fmt][1]
        args += ["-c:a", encoder]
        if fmt == "mp3":
            args += ["-b:a", f"{mp3_bitrate_kbps}k"]
        elif fmt == "opus":
            args += ["-b:a", f"{OPUS_BITRATE_KBPS}k"]
        elif fmt == "m4a":
            args += ["-b:a", f"{AAC_BITRATE_KBPS}k"]
    if target.suffix == ".m4a":
        args += ["-movflags", "+faststart"]
    args.append(str(target))
    return args


def run_ffmpeg(args: list[str], token: CancelToken | None = None, what: str = "Conversion"
               ) -> None:
    """Run ffmpeg to completion; terminate it on cancel; DownloadError with its last message."""
    try:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    except OSError as exc:
        raise DownloadError(f"{what} could not start ffmpeg: {exc}") from exc
    try:
        while True:
            try:
                _out, err = process.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if token is not None and token.cancelled:
                    process.terminate()
                    process.communicate()
                    raise CancelledError() from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit code {process.returncode}"
        raise DownloadError(f"{what} failed: {reason}")


def transcode(source: str | Path, out_dir: str | Path, fmt: str, mp3_bitrate_kbps: int = 256,
              token: CancelToken | None = None, stem: str = "converted") -> Path:
    """Convert `source` to `fmt` ("original" keeps the stream) as `out_dir/stem.ext`."""
    ffmpeg = require_ffmpeg()
    source = Path(source)
    info = probe(source, ffmpeg)
    if info.codec is None:
        raise DownloadError("The downloaded file contains no audio.")
    extension, copy = plan_output(fmt, info.codec)
    target = Path(out_dir) / f"{stem}{extension}"
    run_ffmpeg(build_args(ffmpeg, source, target, fmt, copy, mp3_bitrate_kbps), token)
    return target
