"""Download throughput: the engine (4 parallel, to mp3) vs `yt-dlp -x --audio-format mp3` one
after another, over the same 24 loopback URLs (~4 MB each, 2 MB/s per connection)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import REPO_ROOT, Timer, write_result

TRACKS = 24
TRACK_SECONDS = 144  # ~4 MB of AAC at 256 kb/s (noise does not compress)
RATE_BPS = 2_000_000
PARALLEL = 4
MP3_KBPS = 256


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def make_sources(folder: Path) -> list[str]:
    from tests.fakes.media_server import generate_audio

    master = generate_audio(folder / "master.m4a", TRACK_SECONDS, kind="noise", bitrate_kbps=256)
    names = []
    for i in range(TRACKS):
        name = f"track{i:02}.m4a"
        os.link(master, folder / name)
        names.append(name)
    master.unlink()
    return names


def start_server(folder: Path) -> tuple[subprocess.Popen, int]:
    # A process of its own, so its CPU time is not counted as the engine's.
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.media_server", str(folder), "--rate", str(RATE_BPS)],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return server, int(server.stdout.readline())


def run_engine(urls: list[str], work: Path) -> tuple[float, float, int]:
    from cdcollector.domain.types import TrackRef
    from cdcollector.services.context import AppContext
    from cdcollector.services.downloads import DownloadService
    from tests.fakes.media_provider import FakeMedia

    os.environ["CDCOLLECTOR_HOME"] = str(work / "home")
    os.environ["CDCOLLECTOR_MUSIC_FOLDER"] = str(work / "music-engine")
    os.environ["CDCOLLECTOR_OFFLINE_TESTS"] = "1"
    ctx = AppContext.open()
    ctx.update_settings(download_format="mp3", mp3_bitrate_kbps=MP3_KBPS)
    media = FakeMedia()
    refs = []
    for i, url in enumerate(urls):
        title = f"Bench {i:02}"
        media.add_recording(title, url)
        refs.append(TrackRef(title=title, artists=("Bench",), album="Throughput",
                             track_number=i + 1, duration_s=TRACK_SECONDS))
    service = DownloadService(ctx, provider=media.provider(), parallel=PARALLEL)
    cpu_before = cpu_seconds()
    with Timer() as timer:
        service.enqueue(refs)
        service.wait_idle()
    cpu = cpu_seconds() - cpu_before
    done = sum(1 for job in service.list_jobs() if job.state == "done")
    service.shutdown()
    ctx.close()
    return timer.seconds, cpu, done


def run_reference(urls: list[str], work: Path, ffmpeg: str) -> tuple[float, int]:
    tools = work / "tools"
    tools.mkdir()
    (tools / "ffmpeg").symlink_to(ffmpeg)  # yt-dlp recognises ffmpeg by its file name
    out = work / "music-ytdlp"
    ytdlp = str(Path(sys.executable).with_name("yt-dlp"))
    with Timer() as timer:
        for url in urls:
            subprocess.run([ytdlp, "-q", "--no-progress", "-x", "--audio-format", "mp3",
                            "--audio-quality", f"{MP3_KBPS}K", "--ffmpeg-location", str(tools),
                            "-o", str(out / "%(title)s.%(ext)s"), url], check=True)
    return timer.seconds, len(list(out.glob("*.mp3")))


def main() -> None:
    from cdcollector.externals import require_ffmpeg

    work = Path(tempfile.mkdtemp(prefix="cdc-bench-dl-"))
    try:
        source_dir = work / "served"
        source_dir.mkdir()
        names = make_sources(source_dir)
        size_mb = (source_dir / names[0]).stat().st_size / 1e6
        server, port = start_server(source_dir)
        try:
            urls = [f"http://127.0.0.1:{port}/{name}" for name in names]
            engine_s, engine_cpu, engine_done = run_engine(urls, work)
            reference_s, reference_done = run_reference(urls, work, require_ffmpeg())
        finally:
            server.stdin.close()
            server.wait(10)
        ratio = engine_s / reference_s
        write_result(
            "download_throughput",
            {
                "tracks": TRACKS, "track_mb": round(size_mb, 2), "rate_limit_bps": RATE_BPS,
                "engine_parallel": PARALLEL, "engine_seconds": round(engine_s, 2),
                "engine_done": engine_done, "reference_seconds": round(reference_s, 2),
                "reference_done": reference_done,
                "engine_cpu_seconds_per_track": round(engine_cpu / TRACKS, 3),
                "target_ratio": 0.30, "meets_target": ratio <= 0.30,
            },
            reference=(f"yt-dlp -x --audio-format mp3 --audio-quality {MP3_KBPS}K "
                       "--ffmpeg-location <imageio-ffmpeg>, one URL after another"),
            ratio=round(ratio, 3),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
