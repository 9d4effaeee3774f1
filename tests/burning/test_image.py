"""Image backend end to end: BIN/CUE/TOC checked against independent decodes and real tools."""

import dataclasses
import hashlib
import re
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest

from cdcollector.burning import redbook
from cdcollector.burning.backends.base import BurnerBackend, BurnOptions, DiscSpec, DiscTrack
from cdcollector.burning.backends.image import ImageBackend
from cdcollector.burning.image import cue_sheet, image_name, toc_file, verify_image
from cdcollector.burning.layout import GapPolicy, LayoutTrack
from cdcollector.burning.prepare import prepare_disc
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError
from cdcollector.externals import require_ffmpeg

EXPECTED_GAPS = [0, 0, 150, 225]  # track 1's lead pregap is not stored; 3 s override before 4


def independent_decode(path: Path) -> bytes:
    """The reference: ffmpeg's own command line, padded to whole sectors and the 4 s minimum."""
    pcm = subprocess.run([require_ffmpeg(), "-v", "error", "-i", str(path), "-f", "s16le",
                          "-ar", "44100", "-ac", "2", "-"], capture_output=True, check=True).stdout
    sectors = max(redbook.MIN_TRACK_SECTORS, -(-len(pcm) // redbook.SECTOR_BYTES))
    return pcm + bytes(sectors * redbook.SECTOR_BYTES - len(pcm))


def cue_positions(cue: str) -> list[dict[int, int]]:
    """Per track {index: sector}, parsed here independently of the code under test."""
    tracks: list[dict[int, int]] = []
    for line in cue.splitlines():
        if re.match(r"\s*TRACK \d\d AUDIO", line):
            tracks.append({})
        elif match := re.match(r"\s*INDEX (\d\d) (\d\d):(\d\d):(\d\d)", line):
            m, s, f = (int(g) for g in match.groups()[1:])
            tracks[-1][int(match.group(1))] = (m * 60 + s) * 75 + f
    return tracks


@pytest.fixture(scope="module")
def image(sources, tmp_path_factory):
    """The four mixed-format sources imaged once; levelling off."""
    root = tmp_path_factory.mktemp("image")
    tracks = [LayoutTrack(s.title, s.performer, s.album, s.seconds, path=s.path,
                          gap_after_s=3.0 if i == 2 else None,
                          isrc="GB-AAA-99-00001" if i == 0 else None)
              for i, s in enumerate(sources)]
    disc = prepare_disc(tracks, root / "cache", title="Road/Trip “Ω”", performer="Various",
                        policy=GapPolicy(2.0, gapless_albums=True))
    events = []
    result = ImageBackend().burn(disc.spec, BurnOptions(out_dir=root / "out", name="Road: Trip?"),
                                 lambda *e: events.append(e), CancelToken())
    return disc, result, events


def test_backend_shape():
    backend: BurnerBackend = ImageBackend()
    assert backend.name == "image"
    assert backend.writes_cdtext
    assert backend.available()
    assert backend.list_drives() == []
    media = backend.probe_media("")
    assert (media.present, media.blank, media.capacity_sectors) == (True, True, None)
    assert not backend.past_point_of_no_return()


def test_writes_sanitised_bin_cue_toc_and_reports_progress(image):
    _, result, events = image
    assert result.ok
    assert [p.name for p in result.output_files] == ["Road_ Trip_.bin", "Road_ Trip_.cue",
                                                     "Road_ Trip_.toc"]
    folder = result.output_files[0].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in result.output_files)
    writing = [e for e in events if e[0] == "writing"]
    assert [e[2] for e in writing[:4]] == [f"Writing track {n} of 4" for n in range(1, 5)]
    assert [e[1] for e in writing] == sorted(e[1] for e in writing)
    assert writing[-1][1] == 1.0
    assert events[-1][0] == "done"


def test_bin_slices_match_independent_ffmpeg_decodes_and_gaps_are_silence(image, sources):
    _, result, _ = image
    data = result.output_files[0].read_bytes()
    positions = cue_positions(result.output_files[1].read_text(encoding="latin-1"))
    assert len(positions) == 4
    ends = [p.get(0, p[1]) for p in positions[1:]] + [len(data) // redbook.SECTOR_BYTES]
    for source, where, end, gap in zip(sources, positions, ends, EXPECTED_GAPS, strict=True):
        expected = independent_decode(source.path)
        piece = data[where[1] * redbook.SECTOR_BYTES:end * redbook.SECTOR_BYTES]
        assert piece == expected, source.path.name
        gap_start = where.get(0, where[1])
        assert where[1] - gap_start == gap
        assert not any(data[gap_start * redbook.SECTOR_BYTES:where[1] * redbook.SECTOR_BYTES])
    assert len(data) % redbook.SECTOR_BYTES == 0
    two_second = positions[2]
    assert ends[2] - two_second[1] == 300  # the 2 s opus track padded to the 4 s minimum


def test_cue_sheet_carries_reduced_cd_text(image):
    disc, result, _ = image
    cue = result.output_files[1].read_bytes().decode("latin-1")
    assert cue.startswith('TITLE "Road-Trip \'?\'"\nPERFORMER "Various"\nFILE "Road_ Trip_.bin" '
                          'BINARY\n')
    assert 'TITLE "Première Ouverture"' in cue
    assert 'PERFORMER "Zoë Ørsted"' in cue
    assert 'TITLE "?? Night \'Lódz\' - Mix"' in cue
    assert "ISRC GBAAA9900001" in cue
    assert "CATALOG" not in cue
    assert verify_image(result.output_files[0], result.output_files[1], list(disc.sha1s)) == [
        True] * 4


def test_verify_image_detects_a_changed_track(image, tmp_path):
    disc, result, _ = image
    damaged = tmp_path / "damaged.bin"
    data = bytearray(result.output_files[0].read_bytes())
    data[2352 * 500] ^= 0xFF  # inside track 2
    damaged.write_bytes(bytes(data))
    assert verify_image(damaged, result.output_files[1], list(disc.sha1s)) == [
        True, False, True, True]


def test_cancel_removes_partial_files(image, tmp_path):
    disc, _, _ = image
    token = CancelToken()

    def progress(phase, fraction, message):
        if message == "Writing track 2 of 4":
            token.cancel()

    with pytest.raises(CancelledError):
        ImageBackend().burn(disc.spec, BurnOptions(out_dir=tmp_path / "out"), progress, token)
    assert list((tmp_path / "out").iterdir()) == []


def test_no_folder_or_a_broken_track_is_a_clear_error(image, tmp_path):
    disc, _, _ = image
    with pytest.raises(BurnError, match="Choose a folder"):
        ImageBackend().burn(disc.spec, BurnOptions(), lambda *e: None, CancelToken())
    bad = tmp_path / "bad.wav"
    with wave.open(str(bad), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(22050)
        handle.writeframes(bytes(1000))
    broken = DiscSpec((DiscTrack(1, bad, 300, 150, "x", "y"),))
    with pytest.raises(BurnError, match=r"not 44\.1 kHz"):
        ImageBackend().burn(broken, BurnOptions(out_dir=tmp_path / "o2"), lambda *e: None,
                            CancelToken())
    assert list((tmp_path / "o2").iterdir()) == []


@pytest.mark.parametrize(("name", "stem"), [
    ("Road: Trip?", "Road_ Trip_"), ("../../etc/passwd", "-..-etc-passwd"), ("", "disc"),
    ("CON", "CON_"), ("  . ", "disc"), ("Ωmega/東京", "_mega-__"), ("x" * 300, "x" * 200),
    ("Zoë's Mix", "Zoë's Mix"),
])
def test_image_names_are_safe(name, stem):
    assert image_name(name) == stem
    stem.encode("latin-1")  # the CUE and TOC that name the BIN are Latin-1


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed (Debian package: "
                    f"{'bchunk' if tool == 'bchunk' else 'cdrdao'}); cross-check skipped")
    return path


def test_cdrdao_show_toc_agrees_with_the_layout(image):
    disc, result, _ = image
    cdrdao = need("cdrdao")
    toc = result.output_files[2]
    out = subprocess.run([cdrdao, "show-toc", toc.name], cwd=toc.parent, capture_output=True,
                         text=True, check=True).stdout
    starts = [int(n) for n in re.findall(r"START\s+\S+\(\s*(\d+)\)", out)]
    ends = [int(n) for n in re.findall(r"END\s+\S+\(\s*(\d+)\)", out)]
    pregaps = [int(n) for n in re.findall(r"PREGAP\s+\S+\(\s*(\d+)\)", out)]
    layout = disc.layout.entries
    assert starts == [e.start for e in layout]
    assert ends == [e.end for e in layout]
    assert pregaps == [e.pregap for e in layout[1:] if e.pregap]
    assert "ISRC GB AAA 99 00001" in out
    size = subprocess.run([cdrdao, "toc-size", toc.name], cwd=toc.parent, capture_output=True,
                          text=True, check=True).stdout
    assert int(size.split()[-1]) == disc.layout.used_sectors


def test_cdrdao_reads_the_toc_cd_text(image):
    disc, result, _ = image
    toc2cddb = need("toc2cddb")
    toc = result.output_files[2]
    out = subprocess.run([toc2cddb, toc.name], cwd=toc.parent, capture_output=True,
                         check=True).stdout.decode("latin-1")
    titles = re.findall(r"^TTITLE\d+=(.*)$", out, re.M)
    assert titles == [t.title for t in disc.spec.tracks]
    offsets = [int(n) for n in re.findall(r"^#\s+(\d+)$", out, re.M)]
    assert offsets == [e.start + redbook.LEAD_PREGAP_SECTORS for e in disc.layout.entries]


def _show_data(cdrdao: str, toc: Path, swap: bool, frames: int) -> list[tuple[int, int]]:
    args = [cdrdao, "show-data", *(["--swap"] if swap else []), toc.name]
    proc = subprocess.Popen(args, cwd=toc.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    samples = []
    try:
        for line in proc.stdout:
            match = re.match(r"\s*\d+:\s+(-?\d+)\s+(-?\d+)", line)
            if match:
                samples.append((int(match.group(1)), int(match.group(2))))
                if len(samples) == frames:
                    break
    finally:
        proc.kill()
        proc.wait()
    return samples


def test_toc_byte_order_needs_swap_as_its_header_says(image, sources):
    _, result, _ = image
    cdrdao = need("cdrdao")
    toc = result.output_files[2]
    assert "cdrdao write --swap Road_ Trip_.toc" in toc.read_text(encoding="latin-1")
    frames = 2000
    pcm = independent_decode(sources[0].path)[:frames * 4]
    expected = list(struct.iter_unpack("<hh", pcm))
    assert _show_data(cdrdao, toc, swap=True, frames=frames) == expected
    assert _show_data(cdrdao, toc, swap=False, frames=frames) != expected


def test_bchunk_splits_the_bin_cue_into_the_same_tracks(image, sources, tmp_path):
    _, result, _ = image
    bchunk = need("bchunk")
    subprocess.run([bchunk, "-w", str(result.output_files[0]), str(result.output_files[1]),
                    str(tmp_path / "track")], capture_output=True, check=True)
    wavs = sorted(tmp_path.glob("track*.wav"))
    assert len(wavs) == 4
    for source, wav in zip(sources, wavs, strict=True):
        with wave.open(str(wav), "rb") as handle:
            assert (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) == (
                2, 2, 44100)
            data = handle.readframes(handle.getnframes())
        assert hashlib.sha1(data).hexdigest() == hashlib.sha1(
            independent_decode(source.path)).hexdigest(), wav.name


def test_without_cd_text_the_cue_and_toc_carry_no_text(image):
    disc, _, _ = image
    plain = dataclasses.replace(disc.spec, cdtext=False)
    cue = cue_sheet(plain, "x.bin")
    assert "TITLE" not in cue and "PERFORMER" not in cue
    assert cue.count("INDEX 01") == 4
    toc = toc_file(plain, "x.bin")
    assert "CD_TEXT" not in toc
    assert toc.count('FILE "x.bin"') == 4
