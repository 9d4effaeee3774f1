"""Preparation: ffmpeg decode to CD-ready WAVs, padding, cache, errors, cancel."""

import hashlib
import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from cdcollector.burning import prepare as prepare_mod
from cdcollector.burning import redbook
from cdcollector.burning.layout import GapPolicy, LayoutTrack
from cdcollector.burning.prepare import (
    PrepareItem,
    decode_command,
    prepare_audio,
    prepare_disc,
    prune_cache,
)
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError
from cdcollector.externals import require_ffmpeg


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


@pytest.fixture
def popen_calls(monkeypatch):
    """Counts the processes preparation starts (the real Popen still runs them)."""
    calls = []
    real = subprocess.Popen

    def counting(args, *a, **kw):
        calls.append(args)
        return real(args, *a, **kw)

    monkeypatch.setattr(prepare_mod.subprocess, "Popen", counting)
    return calls


def wav_data(path: Path):
    with wave.open(str(path), "rb") as handle:
        return handle.getparams(), handle.readframes(handle.getnframes())


def test_decode_command_forces_cd_format_and_adds_dithered_gain_only_when_asked():
    plain = decode_command("ffmpeg", Path("/m/a.mp3"))
    assert plain[-7:] == ["-f", "s16le", "-ar", "44100", "-ac", "2", "-"]
    graph = plain[plain.index("-i") + 1]
    assert graph.startswith("amovie=filename=")
    assert graph.endswith(",aresample=44100,aformat=sample_fmts=s16:channel_layouts=stereo,"
                          "asetnsamples=n=16384:p=0")
    assert "volume" not in graph
    gained = decode_command("ffmpeg", Path("/m/a.mp3"), -3.456)
    filters = gained[gained.index("-i") + 1]
    assert "volume=-3.46dB" in filters
    assert "dither_method=triangular_hp" in filters
    assert gained[-7:] == plain[-7:]


HOSTILE_NAMES = ["it's a [test], 50% ; off.mp3", r"back\slash:colon=eq.mp3",
                 "Sigur Rós – Hoppípolla 'live'.mp3", "''.mp3"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_any_file_name_decodes_exactly_like_plain_ffmpeg(name, sources, tmp_path, cache_dir):
    """The path sits inside a filter graph: quotes, brackets, colons must not break it."""
    path = tmp_path / name
    path.write_bytes(sources[0].path.read_bytes())
    [prepared] = prepare_audio([PrepareItem(path)], cache_dir)
    expected = subprocess.run(
        [require_ffmpeg(), "-v", "error", "-i", str(path), "-f", "s16le", "-ar", "44100",
         "-ac", "2", "-"], capture_output=True, check=True).stdout
    _params, data = wav_data(prepared.wav_path)
    assert prepared.audio_bytes == len(expected)
    assert data[:len(expected)] == expected


def test_prepared_wavs_are_cd_audio_in_whole_sectors(sources, cache_dir):
    items = [PrepareItem(s.path, 0.0, s.title) for s in sources]
    seen = []
    prepared = prepare_audio(items, cache_dir, progress=lambda n, total, label:
                             seen.append((n, total)))
    assert sorted(seen) == [(n, 4) for n in range(1, 5)]
    for source, result in zip(sources, prepared, strict=True):
        params, data = wav_data(result.wav_path)
        assert (params.nchannels, params.sampwidth, params.framerate) == (2, 2, 44100)
        assert len(data) == result.sectors * redbook.SECTOR_BYTES
        assert result.sectors >= redbook.MIN_TRACK_SECTORS
        assert hashlib.sha1(data).hexdigest() == result.sha1
        assert abs(result.audio_bytes / redbook.BYTES_PER_SECOND - source.seconds) < 0.1
        assert not any(data[result.audio_bytes:])  # the padding is silence
    short = prepared[2]  # the 2-second opus file is padded to 4 s
    assert short.audio_sectors == 150
    assert short.sectors == 300


def test_second_preparation_comes_from_the_cache_without_ffmpeg(sources, cache_dir,
                                                               popen_calls):
    items = [PrepareItem(s.path) for s in sources]
    first = prepare_audio(items, cache_dir)
    assert len(popen_calls) == 4
    second = prepare_audio(items, cache_dir)
    assert len(popen_calls) == 4
    assert all(p.cached for p in second)
    assert [p.sha1 for p in second] == [p.sha1 for p in first]
    assert [p.wav_path for p in second] == [p.wav_path for p in first]


def test_a_changed_file_or_gain_is_decoded_again(sources, tmp_path, cache_dir, popen_calls):
    path = tmp_path / sources[3].path.name
    path.write_bytes(sources[3].path.read_bytes())
    base = prepare_audio([PrepareItem(path)], cache_dir)[0]
    louder = prepare_audio([PrepareItem(path, gain_db=-6.0)], cache_dir)[0]
    assert len(popen_calls) == 2
    assert louder.wav_path != base.wav_path
    assert louder.sha1 != base.sha1
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = prepare_audio([PrepareItem(path)], cache_dir)[0]
    assert len(popen_calls) == 3
    assert not again.cached
    assert again.sha1 == base.sha1


def test_a_damaged_cache_entry_is_rebuilt(sources, cache_dir):
    first = prepare_audio([PrepareItem(sources[0].path)], cache_dir)[0]
    with open(first.wav_path, "r+b") as handle:
        handle.truncate(1000)
    again = prepare_audio([PrepareItem(sources[0].path)], cache_dir)[0]
    assert not again.cached
    assert again.sha1 == first.sha1


def test_corrupt_source_names_the_file_and_leaves_nothing(tmp_path, cache_dir, sources):
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"this is not audio at all" * 100)
    items = [PrepareItem(sources[0].path), PrepareItem(broken, label="Broken Song")]
    with pytest.raises(BurnError, match=r"Cannot decode “Broken Song” \(.*broken\.mp3\)"):
        prepare_audio(items, cache_dir)
    assert not list(cache_dir.glob("*.part"))


def test_missing_source_names_the_file(tmp_path, cache_dir):
    with pytest.raises(BurnError, match=r"gone\.flac is missing"):
        prepare_audio([PrepareItem(tmp_path / "gone.flac")], cache_dir)


def test_cancel_before_start(sources, cache_dir):
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        prepare_audio([PrepareItem(sources[0].path)], cache_dir, cancel=token)


@pytest.mark.skipif(sys.platform == "win32", reason="the slow fake ffmpeg is a POSIX script")
def test_cancel_kills_running_ffmpeg_and_removes_partial_files(tmp_path, cache_dir, sources):
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    slow = tmp_path / "slow-ffmpeg"
    slow.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time\n"
        f"open(os.path.join({str(pid_dir)!r}, str(os.getpid())), 'w').close()\n"
        "sys.stdout.buffer.write(bytes(8192)); sys.stdout.flush()\n"
        "time.sleep(60)\n"
    )
    slow.chmod(0o755)
    token = CancelToken()
    threading.Timer(0.5, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        prepare_audio([PrepareItem(s.path) for s in sources[:2]], cache_dir,
                      ffmpeg=str(slow), cancel=token)
    assert time.monotonic() - started < 30  # not the 60 s the fake would sleep
    pids = [int(p.name) for p in pid_dir.iterdir()]
    assert pids
    for pid in pids:
        with pytest.raises(OSError):
            os.kill(pid, 0)
    assert not list(cache_dir.iterdir())


def test_prune_cache_drops_least_recently_used(cache_dir):
    cache_dir.mkdir()
    for age, name in enumerate(["old", "mid", "new"]):
        wav = cache_dir / f"{name}.wav"
        wav.write_bytes(bytes(1000))
        (cache_dir / f"{name}.json").write_text("{}")
        os.utime(wav, (1_000_000 + age, 1_000_000 + age))
    removed = prune_cache(cache_dir, 2000, keep={cache_dir / "old.wav"})
    assert removed == 1
    assert sorted(p.name for p in cache_dir.glob("*.wav")) == ["new.wav", "old.wav"]
    assert not (cache_dir / "mid.json").exists()


def test_prepare_disc_gives_backends_exact_tracks_with_reduced_text(sources, cache_dir):
    tracks = [LayoutTrack(s.title, s.performer, s.album, s.seconds, path=s.path,
                          isrc="gb-aaa-99-00001" if i == 0 else "bogus")
              for i, s in enumerate(sources)]
    disc = prepare_disc(tracks, cache_dir, title="Trip “One”", performer="Various",
                        policy=GapPolicy(2.0, gapless_albums=True))
    spec = disc.spec
    assert [t.pregap_sectors for t in spec.tracks] == [150, 0, 150, 150]
    assert [t.sectors for t in spec.tracks] == [e.length for e in disc.layout.entries]
    assert spec.tracks[2].title == "?? Night 'Lódz' - Mix"
    assert spec.tracks[2].performer == "Coeur-Ame"
    assert [t.isrc for t in spec.tracks] == ["GBAAA9900001", None, None, None]
    assert spec.title == "Trip 'One'"
    assert disc.sha1s == tuple(a.sha1 for a in disc.audio)
    assert spec.total_sectors == disc.layout.used_sectors + redbook.LEAD_PREGAP_SECTORS


def test_prepare_disc_refuses_a_track_without_a_file(cache_dir):
    with pytest.raises(BurnError, match="“Ghost” has no audio file"):
        prepare_disc([LayoutTrack("Ghost", duration_s=10)], cache_dir)


def test_unusable_cache_folder_or_ffmpeg_is_a_clear_error(tmp_path, sources):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BurnError, match=r"Cannot use .* for prepared audio"):
        prepare_audio([PrepareItem(sources[0].path)], blocker / "cache")
    with pytest.raises(BurnError, match=r"Cannot run .*no-such-ffmpeg"):
        prepare_audio([PrepareItem(sources[0].path)], tmp_path / "cache",
                      ffmpeg=str(tmp_path / "no-such-ffmpeg"))
