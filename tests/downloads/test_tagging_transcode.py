"""transcode.py + tagging.py on real files: every format converts, decodes and keeps its tags."""

from __future__ import annotations

import threading

import pytest

from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import CancelledError, DownloadError
from cdcollector.downloads import transcode
from cdcollector.downloads.tagging import TrackTags, write_tags
from tests.downloads.tagsupport import PNG, decodes_fully, read_tags

TAGS = TrackTags(
    title="Ünïcode – Song", artists=("Beyoncé", "JAY-Z"), album="Album ✓", album_artist="Beyoncé",
    track_number=7, disc_number=2, year=2003, isrc="usrc10301234", explicit=True,
    source_url="http://127.0.0.1:1/x.mp3", cover=PNG,
)


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "opus", "flac"])
def test_convert_then_tag_every_format(tmp_path, audio_cache, fmt):
    source = audio_cache.get(2.0, ".wav")
    out = transcode.transcode(source, tmp_path, fmt, mp3_bitrate_kbps=128)
    assert out.suffix == "." + fmt
    assert transcode.probe(out).codec == transcode.FORMAT_CODECS[fmt]
    write_tags(out, TAGS)
    assert decodes_fully(out)
    tags = read_tags(out)
    assert tags["title"] == TAGS.title
    assert tags["artists"] == ["Beyoncé", "JAY-Z"]
    assert (tags["album"], tags["album_artist"]) == ("Album ✓", "Beyoncé")
    assert (tags["track"], tags["disc"], tags["year"]) == ("7", "2", "2003")
    assert tags["isrc"] == "USRC10301234"
    assert tags["explicit"] == "1"
    assert tags["source"] == TAGS.source_url
    assert tags["cover"] == PNG
    if fmt == "mp3":
        assert tags["version"][:2] == (2, 4)


@pytest.mark.parametrize(("source_ext", "expected"), [(".mp3", ".mp3"), (".opus", ".opus"),
                                                      (".m4a", ".m4a"), (".wav", ".flac"),
                                                      (".webm", ".opus")])
def test_original_keeps_the_stream_in_a_taggable_file(tmp_path, audio_cache, source_ext,
                                                       expected):
    source = audio_cache.get(1.0, source_ext)
    out = transcode.transcode(source, tmp_path, "original")
    assert out.suffix == expected
    write_tags(out, TrackTags(title="x", artists=("y",)))
    assert decodes_fully(out)


def test_plan_output_copies_same_codec_and_refuses_unknown():
    assert transcode.plan_output("mp3", "mp3") == (".mp3", True)
    assert transcode.plan_output("mp3", "aac") == (".mp3", False)
    assert transcode.plan_output("original", "pcm_s16le") == (".flac", False)
    with pytest.raises(Exception, match="Unknown download format"):
        transcode.plan_output("wma", "mp3")


def test_build_args_uses_the_bitrate_setting(tmp_path):
    args = transcode.build_args("ffmpeg", tmp_path / "a.m4a", tmp_path / "b.mp3", "mp3", False,
                                mp3_bitrate_kbps=192)
    assert args[args.index("-c:a") + 1] == "libmp3lame"
    assert args[args.index("-b:a") + 1] == "192k"
    assert args[-1].endswith("b.mp3")


def test_parse_probe_reads_ffmpeg_banner():
    banner = (
        "Input #0, ogg, from 'x.opus':\n"
        "  Duration: 00:03:25.51, start: 0.007500, bitrate: 130 kb/s\n"
        "  Stream #0:0(eng): Audio: opus, 48000 Hz, stereo, fltp\n"
    )
    info = transcode.parse_probe(banner)
    assert info.codec == "opus"
    assert info.duration_s == pytest.approx(205.51)


def test_garbage_input_is_a_download_error(tmp_path):
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    with pytest.raises(DownloadError):
        transcode.transcode(bad, tmp_path, "mp3")


def test_tagging_a_non_audio_file_is_a_download_error(tmp_path):
    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"nope")
    with pytest.raises(DownloadError, match="Could not write tags"):
        write_tags(bad, TAGS)
    with pytest.raises(DownloadError, match="Cannot tag"):
        write_tags(tmp_path / "x.wav", TAGS)


def test_cancel_terminates_ffmpeg(tmp_path, audio_cache):
    source = audio_cache.get(1.0, ".wav")
    token = CancelToken()
    # An endless input: only the cancel can end it.
    args = ["-re", "-f", "lavfi", "-i", "sine=frequency=200"]
    ffmpeg = transcode.require_ffmpeg()
    threading.Timer(0.3, token.cancel).start()
    with pytest.raises(CancelledError):
        transcode.run_ffmpeg([ffmpeg, *args, "-f", "null", "-"], token)
    assert source.is_file()
