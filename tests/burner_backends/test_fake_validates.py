"""The fake burner is strict: bad tracks, sidecars and TOCs are refused like a real tool would."""

from __future__ import annotations

import subprocess
import wave

import pytest

from tests.burner_backends.conftest import write_wav

WODIM_ARGS = ["-v", "dev=/dev/sr0", "-dao", "gracetime=2", "-text", "-useinfo", "-audio",
              "-pad", "01.wav"]
GOOD_INF = ("Tracktitle=\t'Song'\nTracklength=\t300, 0\nIndex0=\t-1\nChannels=\t2\n"
            "Endianess=\tlittle\n")


def run(fake_burners, tool, args, cwd):
    done = subprocess.run([fake_burners.path(tool), *args], cwd=cwd, capture_output=True,
                          timeout=60)  # bytes: text mode would turn the \r redraws into \n
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def test_a_good_track_is_accepted(fake_burners, tmp_path):
    write_wav(tmp_path / "01.wav", 300)
    (tmp_path / "01.inf").write_text(GOOD_INF, encoding="latin-1")
    done = run(fake_burners, "wodim", WODIM_ARGS, tmp_path)
    assert done.returncode == 0, done.stdout
    assert "\rTrack 01:" in done.stdout and "Fixating..." in done.stdout


@pytest.mark.parametrize(("setup", "words"), [
    ("short", "shorter than 4 seconds"),
    ("48k", "not 44.1 kHz"),
    ("odd", "not a whole number of sectors"),
    ("no_inf", "needed by -useinfo"),
    ("utf8_inf", "UTF-8, not ISO-8859-1"),
    ("wrong_length", "Tracklength 999"),
])
def test_bad_input_is_refused(fake_burners, tmp_path, setup, words):
    wav = tmp_path / "01.wav"
    write_wav(wav, 200 if setup == "short" else 300)
    inf = GOOD_INF
    if setup == "48k":
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(48000)
            w.writeframes(b"\0" * 2352 * 300)
    if setup == "odd":
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(44100)
            w.writeframes(b"\0" * (2352 * 300 + 4))
    if setup == "utf8_inf":
        inf = GOOD_INF.replace("'Song'", "'Café'")
    if setup == "wrong_length":
        inf = GOOD_INF.replace("300, 0", "999, 0")
    if setup != "no_inf":
        encoding = "utf-8" if setup == "utf8_inf" else "latin-1"
        (tmp_path / "01.inf").write_text(inf, encoding=encoding)
    done = run(fake_burners, "wodim", WODIM_ARGS, tmp_path)
    assert done.returncode == 255
    assert words in done.stdout


def test_missing_disc_at_once_flags_are_refused(fake_burners, tmp_path):
    write_wav(tmp_path / "01.wav", 300)
    (tmp_path / "01.inf").write_text(GOOD_INF, encoding="latin-1")
    done = run(fake_burners, "wodim", [a for a in WODIM_ARGS if a != "-dao"], tmp_path)
    assert done.returncode == 255 and "-dao" in done.stdout


def test_cdrdao_refuses_partial_cd_text(fake_burners, tmp_path):
    write_wav(tmp_path / "01.wav", 300)
    write_wav(tmp_path / "02.wav", 300)
    (tmp_path / "disc.toc").write_text(
        'CD_DA\nCD_TEXT {\n  LANGUAGE_MAP {\n    0 : EN\n  }\n}\n'
        'TRACK AUDIO\nCD_TEXT {\n}\nFILE "01.wav" 0\n'
        'TRACK AUDIO\nFILE "02.wav" 0\n', encoding="ascii")
    done = run(fake_burners, "cdrdao", ["write", "--device", "/dev/sr0", "-n", "disc.toc"],
               tmp_path)
    assert done.returncode == 1 and "or not at all" in done.stdout
