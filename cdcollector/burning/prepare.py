"""Decodes tracks to CD-ready WAVs (44.1 kHz/16-bit/stereo, whole sectors) in parallel, cached."""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import struct
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from cdcollector.burning import cdtext, redbook
from cdcollector.burning.backends.base import DiscSpec, DiscTrack
from cdcollector.burning.cdtext import CdTextPreview
from cdcollector.burning.layout import DiscLayout, GapPolicy, LayoutTrack, build_layout
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.disk import disk_problem, full_disk, says_disk_full
from cdcollector.domain.errors import BurnError, CancelledError
from cdcollector.externals import require_ffmpeg

CACHE_FORMAT = 2  # bump when the decoded output for the same input would change
CACHE_LIMIT_BYTES = 3_000_000_000  # about four discs of prepared audio
WAV_HEADER_BYTES = 44
BATCH_FRAMES = "asetnsamples=n=16384:p=0"  # samples per frame leaving the graph

T = TypeVar("T")
Item = TypeVar("Item")
# completed count, total count, label of the item just finished
CountProgress = Callable[[int, int, str], None]


class ProcessGroup:
    """External processes started by worker threads, so that one cancel can kill them all."""

    def __init__(self, cancel: CancelToken):
        self.cancel = cancel
        self._procs: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._aborted = False

    def popen(self, args: list[str], **kwargs) -> subprocess.Popen:
        with self._lock:
            if self._aborted or self.cancel.cancelled:
                raise CancelledError()
            try:
                proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, **kwargs)
            except OSError as exc:
                raise BurnError(f"Cannot run {args[0]}: {exc.strerror or exc}") from None
            self._procs.add(proc)
            return proc

    def release(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._procs.discard(proc)

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            for proc in self._procs:
                if proc.poll() is None:
                    proc.kill()


def run_parallel(work: Callable[[Item, ProcessGroup], T], items: Sequence[Item],
                 labels: Sequence[str], cancel: CancelToken | None = None,
                 progress: CountProgress | None = None, workers: int | None = None) -> list[T]:
    """`work(item, group)` for every item on a thread pool; results in input order.

    The first failure or a cancel kills every running process and is raised here.
    """
    cancel = cancel or CancelToken()
    group = ProcessGroup(cancel)
    results: list[T | None] = [None] * len(items)
    workers = max(1, min(workers or os.cpu_count() or 1, len(items) or 1))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="burn-prepare")
    try:
        pending = {pool.submit(work, item, group): i for i, item in enumerate(items)}
        completed = 0
        while pending:
            done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                results[index] = future.result()
                completed += 1
                if progress:
                    progress(completed, len(items), labels[index])
            if cancel.cancelled:
                raise CancelledError()
    except BaseException:
        group.abort()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results  # type: ignore[return-value]


@dataclass(frozen=True)
class PrepareItem:
    path: Path
    gain_db: float = 0.0
    label: str = ""  # shown in progress and errors; the file name when empty


@dataclass(frozen=True)
class PreparedAudio:
    source: Path
    wav_path: Path
    audio_bytes: int  # decoded PCM before padding
    sectors: int  # on disc: whole sectors, at least 300
    # SHA-1 of the padded PCM, exactly what the disc holds (hashed twice as fast as MD5 on
    # CPUs with SHA extensions; preparing is CPU-bound)
    sha1: str
    cached: bool = False

    @property
    def audio_sectors(self) -> int:
        return redbook.bytes_to_sectors(self.audio_bytes)


def _filter_quoted(text: str) -> str:
    """One level of ffmpeg filter-graph quoting: inside '…' only a quote is special."""
    return "'" + text.replace("'", "'\\''") + "'"


def decode_command(ffmpeg: str, source: Path, gain_db: float = 0.0) -> list[str]:
    """ffmpeg arguments writing raw s16le 44.1 kHz stereo PCM of `source` to stdout.

    The file is read and decoded by an `amovie` source inside one filter graph, which then
    converts it and cuts it into big frames. ffmpeg 7 hands every packet and frame between
    its threads, and decoders make frames of about 1,000 samples: decoding on the command
    line's own input spent a third of its CPU on those hand-offs. The samples are the same,
    byte for byte, as `ffmpeg -i SOURCE -f s16le -ar 44100 -ac 2`.
    """
    if gain_db:
        # Stereo first, gain in float, then one conversion to 16 bit with triangular dither.
        convert = ["aformat=channel_layouts=stereo", f"volume={gain_db:.2f}dB:precision=float",
                   "aresample=osr=44100:osf=s16:dither_method=triangular_hp"]
    else:
        convert = ["aresample=44100", "aformat=sample_fmts=s16:channel_layouts=stereo"]
    # The path is an option value inside a graph description: two levels of quoting.
    reader = f"amovie=filename={_filter_quoted(_filter_quoted(str(source)))}"
    graph = ",".join([reader, *convert, BATCH_FRAMES])
    # One filter thread: one ffmpeg already runs per core.
    return [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-filter_threads", "1",
            "-f", "lavfi", "-i", graph,
            "-f", "s16le", "-ar", "44100", "-ac", "2", "-"]


def wav_header(data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16, 1,
        redbook.CHANNELS, redbook.SAMPLE_RATE, redbook.BYTES_PER_SECOND,
        redbook.BYTES_PER_FRAME, redbook.BITS_PER_SAMPLE, b"data", data_bytes,
    )


def cache_key(source: Path, stat: os.stat_result, gain_db: float) -> str:
    raw = f"{CACHE_FORMAT}|{source}|{stat.st_size}|{stat.st_mtime_ns}|{gain_db:.2f}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _label(item: PrepareItem) -> str:
    return item.label or item.path.name


def _cached(cache_dir: Path, key: str, source: Path) -> PreparedAudio | None:
    wav, meta_path = cache_dir / f"{key}.wav", cache_dir / f"{key}.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if wav.stat().st_size != WAV_HEADER_BYTES + meta["sectors"] * redbook.SECTOR_BYTES:
            return None
        os.utime(wav)  # most recently used: kept longest by prune_cache
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return PreparedAudio(source, wav, meta["audio_bytes"], meta["sectors"], meta["sha1"], True)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _decode(item: PrepareItem, group: ProcessGroup, cache_dir: Path, ffmpeg: str
            ) -> PreparedAudio:
    source = Path(os.path.abspath(item.path))
    try:
        stat = source.stat()
    except OSError:
        raise BurnError(f"Cannot prepare “{_label(item)}”: {source} is missing.") from None
    key = cache_key(source, stat, item.gain_db)
    hit = _cached(cache_dir, key, source)
    if hit:
        return hit
    fd, tmp_name = tempfile.mkstemp(dir=cache_dir, prefix=f".{key}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as out, tempfile.TemporaryFile() as errors:
            out.write(wav_header(0))
            out.flush()
            # ffmpeg appends the PCM to the file itself: no copy through this process.
            proc = group.popen(decode_command(ffmpeg, source, item.gain_db), stdout=out,
                               stderr=errors)
            try:
                code = proc.wait()
            except BaseException:
                proc.kill()
                proc.wait()
                raise
            finally:
                group.release(proc)
            group.cancel.raise_if_cancelled()
            size = os.fstat(out.fileno()).st_size - WAV_HEADER_BYTES
            if code != 0 or size <= 0:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                reason = lines[-1] if lines else "it holds no audio"
                if says_disk_full(reason):  # ffmpeg writes the prepared file itself
                    raise BurnError(full_disk(cache_dir))
                raise BurnError(f"Cannot decode “{_label(item)}” ({source}): {reason}")
            sectors = redbook.track_sectors(redbook.bytes_to_sectors(size))
            out.seek(0, os.SEEK_END)
            out.write(bytes(sectors * redbook.SECTOR_BYTES - size))
            out.seek(0)
            out.write(wav_header(sectors * redbook.SECTOR_BYTES))
            out.flush()
            # Fresh in the page cache: hashed through a mapping, not copied into this process.
            with (mmap.mmap(out.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
                  memoryview(mapped) as whole):
                digest = hashlib.sha1(whole[WAV_HEADER_BYTES:])
        wav = cache_dir / f"{key}.wav"
        os.replace(tmp, wav)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BurnError(disk_problem(exc, cache_dir) or
                        f"Cannot write prepared audio to {cache_dir}: {exc.strerror or exc}"
                        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    result = PreparedAudio(source, wav, size, sectors, digest.hexdigest())
    _write_atomic(cache_dir / f"{key}.json", json.dumps(
        {"source": str(source), "audio_bytes": size, "sectors": sectors, "sha1": result.sha1}))
    return result


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def prepare_audio(items: Sequence[PrepareItem], cache_dir: Path, *, ffmpeg: str | None = None,
                  progress: CountProgress | None = None, cancel: CancelToken | None = None,
                  workers: int | None = None,
                  cache_limit_bytes: int = CACHE_LIMIT_BYTES) -> list[PreparedAudio]:
    """Decode (or take from the cache) every item, one ffmpeg per core; input order kept."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BurnError(f"Cannot use {cache_dir} for prepared audio: {exc.strerror or exc}"
                        ) from None
    ffmpeg = ffmpeg or require_ffmpeg()
    # Biggest files first, so that no long decode is left running alone at the end.
    order = sorted(range(len(items)), key=lambda i: -_file_size(items[i].path))
    decoded = run_parallel(
        lambda item, group: _decode(item, group, cache_dir, ffmpeg),
        [items[i] for i in order], [_label(items[i]) for i in order], cancel, progress, workers,
    )
    prepared: list[PreparedAudio] = [None] * len(items)  # type: ignore[list-item]
    for position, result in zip(order, decoded, strict=True):
        prepared[position] = result
    prune_cache(cache_dir, cache_limit_bytes, keep={p.wav_path for p in prepared})
    return prepared


def prune_cache(cache_dir: Path, limit_bytes: int, keep: set[Path] | None = None) -> int:
    """Delete least recently used prepared audio beyond `limit_bytes`; returns files removed."""
    keep = keep or set()
    entries = []
    for wav in cache_dir.glob("*.wav"):
        try:
            stat = wav.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime, stat.st_size, wav))
    total = sum(size for _, size, _ in entries)
    removed = 0
    for _, size, wav in sorted(entries):
        if total <= limit_bytes:
            break
        if wav in keep:
            continue
        wav.unlink(missing_ok=True)
        wav.with_suffix(".json").unlink(missing_ok=True)
        total -= size
        removed += 1
    return removed


@dataclass(frozen=True)
class PreparedDisc:
    """Everything a backend needs, plus the exact layout, CD-TEXT preview and checksums."""

    spec: DiscSpec
    layout: DiscLayout
    audio: tuple[PreparedAudio, ...]
    cdtext: CdTextPreview

    @property
    def sha1s(self) -> tuple[str, ...]:
        return tuple(a.sha1 for a in self.audio)


def prepare_disc(tracks: Sequence[LayoutTrack], cache_dir: Path, *, title: str = "",
                 performer: str = "", policy: GapPolicy | None = None,
                 gains: Sequence[float] | None = None, with_cdtext: bool = True,
                 **options) -> PreparedDisc:
    """Decode the tracks, lay them out with their exact lengths and attach reduced CD-TEXT.

    `options` go to prepare_audio (ffmpeg, progress, cancel, workers, cache_limit_bytes).
    """
    missing = [t.title or "A track" for t in tracks if t.path is None]
    if missing:
        raise BurnError(f"“{missing[0]}” has no audio file to burn.")
    gains = list(gains) if gains is not None else [0.0] * len(tracks)
    items = [PrepareItem(Path(t.path), g, t.title) for t, g in zip(tracks, gains, strict=True)]
    audio = prepare_audio(items, cache_dir, **options)
    exact = [replace(t, sectors=a.audio_sectors) for t, a in zip(tracks, audio, strict=True)]
    layout = build_layout(exact, policy)
    text = cdtext.preview(title, performer, [(t.title, t.performer) for t in tracks])
    disc_tracks = tuple(
        DiscTrack(entry.number, prepared.wav_path, prepared.sectors, entry.pregap,
                  entry_text.title, entry_text.performer,
                  redbook.normalize_isrc(entry.track.isrc))
        for entry, prepared, entry_text in zip(layout.entries, audio, text.tracks, strict=True)
    )
    spec = DiscSpec(disc_tracks, text.disc.title, text.disc.performer, with_cdtext)
    return PreparedDisc(spec, layout, tuple(audio), text)
