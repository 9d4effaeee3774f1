"""Levelling: ebur128 parsing on captured output, ReplayGain tags, peak-capped gains, real runs."""

import math
import shutil
import subprocess
from pathlib import Path

import mutagen
import pytest
from mutagen.id3 import TXXX
from mutagen.mp4 import MP4FreeForm

from cdcollector.burning import loudness, prepare
from cdcollector.burning.loudness import (
    LevelItem,
    Measurement,
    capped_gain,
    combine,
    parse_ebur128,
    parse_replaygain,
    plan_gains,
    read_replaygain_tags,
)
from cdcollector.burning.prepare import PrepareItem, prepare_audio
from cdcollector.domain.errors import BurnError
from cdcollector.externals import require_ffmpeg

from .conftest import generate

DATA = Path(__file__).parent / "data"


def test_parse_captured_ebur128_summary():
    tone = parse_ebur128((DATA / "ebur128_tone.txt").read_text())
    assert tone == Measurement(-27.8, -27.1)


def test_silence_has_no_loudness_to_level():
    silence = parse_ebur128((DATA / "ebur128_silence.txt").read_text())
    assert silence.loudness_lufs is None
    assert silence.peak_db == -math.inf
    assert capped_gain(silence) == 0.0


def test_output_without_summary_is_an_error():
    with pytest.raises(ValueError):
        parse_ebur128("[in#0 @ 0x1] Error opening input: Invalid data found")


def test_parse_replaygain_values():
    tags = {"REPLAYGAIN_TRACK_GAIN": "-6.50 dB", "replaygain_track_peak": "0.891251",
            "replaygain_album_gain": "+1,25 dB", "replaygain_album_peak": "0.5"}
    track = parse_replaygain(tags, "track")
    assert track.loudness_lufs == pytest.approx(-11.5)
    assert track.peak_db == pytest.approx(-1.0, abs=0.01)
    assert track.origin == "replaygain"
    album = parse_replaygain(tags, "album")
    assert album.loudness_lufs == pytest.approx(-19.25)
    assert parse_replaygain({"replaygain_track_gain": "-3 dB"}) is None  # no peak: measure
    assert parse_replaygain({}) is None


def test_gain_reaches_the_target_unless_the_peak_would_pass_minus_one():
    assert capped_gain(Measurement(-20.0, -10.0)) == 4.0
    assert capped_gain(Measurement(-20.0, -2.5)) == 1.5  # capped: peak lands on -1 dBTP
    assert capped_gain(Measurement(-8.0, 0.4)) == -8.0  # loud master turned down
    assert capped_gain(Measurement(-20.0, -10.0), target_lufs=-23.0) == -3.0
    # a ReplayGain peak is a sample peak: keep a margin for inter-sample peaks
    assert capped_gain(Measurement(-20.0, -2.5, "replaygain")) == 1.0


def test_album_measurement_is_an_energy_mean_with_the_highest_peak():
    same = combine([Measurement(-14.0, -3.0), Measurement(-14.0, -1.5)], [100, 300])
    assert same.loudness_lufs == pytest.approx(-14.0)
    assert same.peak_db == -1.5
    mixed = combine([Measurement(-10.0, -1.0), Measurement(-20.0, -9.0)], [60, 60])
    assert mixed.loudness_lufs == pytest.approx(10 * math.log10((0.1 + 0.01) / 2))
    assert combine([Measurement(None, -math.inf)], [10]).loudness_lufs is None


def _tag(path: Path, gain: str, peak: str) -> None:
    audio = mutagen.File(path)
    if path.suffix == ".mp3":
        if audio.tags is None:
            audio.add_tags()
        audio.tags.add(TXXX(encoding=3, desc="REPLAYGAIN_TRACK_GAIN", text=[gain]))
        audio.tags.add(TXXX(encoding=3, desc="REPLAYGAIN_TRACK_PEAK", text=[peak]))
    elif path.suffix == ".m4a":
        audio["----:com.apple.iTunes:replaygain_track_gain"] = [MP4FreeForm(gain.encode())]
        audio["----:com.apple.iTunes:replaygain_track_peak"] = [MP4FreeForm(peak.encode())]
    else:
        audio["REPLAYGAIN_TRACK_GAIN"] = gain
        audio["REPLAYGAIN_TRACK_PEAK"] = peak
    audio.save()


@pytest.fixture
def tagged(sources, tmp_path):
    copies = []
    for source in sources:
        copy = tmp_path / source.path.name
        shutil.copy(source.path, copy)
        _tag(copy, "-4.00 dB", "0.5")
        copies.append(copy)
    return copies


def test_replaygain_tags_are_read_from_every_container(tagged):
    for path in tagged:
        tags = read_replaygain_tags(path)
        assert parse_replaygain(tags) == Measurement(-14.0, 20 * math.log10(0.5), "replaygain")


def test_tagged_files_are_levelled_without_running_ffmpeg(tagged, monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError("ffmpeg must not run when ReplayGain tags are present")

    monkeypatch.setattr(prepare.subprocess, "Popen", no_process)
    gains = plan_gains([LevelItem(p) for p in tagged], "track")
    assert gains == [-2.0] * len(tagged)


def test_off_mode_is_all_zero_and_bad_mode_is_refused(sources):
    assert plan_gains([LevelItem(s.path) for s in sources], "off") == [0.0] * 4
    with pytest.raises(BurnError, match="Levelling must be one of"):
        plan_gains([LevelItem(sources[0].path)], "loud")


def measure(path: Path) -> Measurement:
    run = subprocess.run(loudness.measure_command(require_ffmpeg(), path),
                         capture_output=True, check=True)
    return parse_ebur128(run.stderr.decode())


def test_track_levelling_measured_by_ffmpeg_reaches_the_target(tmp_path):
    quiet = tmp_path / "quiet.flac"
    generate(quiet, "sine=frequency=330:sample_rate=44100", 6.0, ["-af", "volume=-12dB"])
    [gain] = plan_gains([LevelItem(quiet)], "track", use_tags=False)
    assert gain > 10
    [levelled] = prepare_audio([PrepareItem(quiet, gain)], tmp_path / "cache")
    after = measure(levelled.wav_path)
    assert after.loudness_lufs == pytest.approx(loudness.TARGET_LUFS, abs=0.6)


def test_loud_track_is_capped_so_the_true_peak_stays_below_minus_one(tmp_path):
    loud = tmp_path / "loud.flac"
    generate(loud, "anoisesrc=color=white:amplitude=0.4:sample_rate=44100", 4.0, [])
    spiky = tmp_path / "spiky.flac"  # quiet on average, with full-scale clicks
    generate(spiky, "aevalsrc='if(lt(mod(t,1),0.001),0.95,0.01*sin(2*PI*200*t))':s=44100",
             4.0, [])
    gains = plan_gains([LevelItem(loud), LevelItem(spiky)], "track", use_tags=False)
    assert gains[1] < loudness.TARGET_LUFS - measure(spiky).loudness_lufs  # the cap bit
    prepared = prepare_audio([PrepareItem(loud, gains[0]), PrepareItem(spiky, gains[1])],
                             tmp_path / "cache")
    for result in prepared:
        assert measure(result.wav_path).peak_db <= -0.9  # dither adds at most a hair


def test_album_mode_gives_an_album_one_gain(tmp_path):
    paths = []
    for n, volume in enumerate(["-6dB", "-18dB"]):
        path = tmp_path / f"{n}.flac"
        generate(path, "sine=frequency=440:sample_rate=44100", 4.0, ["-af", f"volume={volume}"])
        paths.append(path)
    items = [LevelItem(paths[0], "Same Album", 4.0), LevelItem(paths[1], "Same Album", 4.0)]
    album = plan_gains(items, "album", use_tags=False)
    assert album[0] == album[1]
    track = plan_gains(items, "track", use_tags=False)
    assert track[0] != track[1]
