"""A full data folder during a library write: one line naming it, nothing half-written."""

from __future__ import annotations

import json

from cdcollector.cli import main
from cdcollector.paths import AppPaths
from tests.small_disk import fill, small_disk


def one_line_full(err: str, folder) -> None:
    assert err.startswith(f"cdcollector: The disk holding {folder} is full")
    assert err.count("\n") == 1 and "Traceback" not in err and "sqlite3" not in err


def playlist_names(capsys) -> list[str]:
    assert main(["--json", "playlist", "list"]) == 0
    return [p["name"] for p in json.loads(capsys.readouterr().out)]


def test_a_full_data_folder_fails_a_write_naming_the_folder(isolated_home, tmp_path, capsys):
    data = AppPaths.resolve(isolated_home).data_dir
    listing = tmp_path / "big.m3u"
    listing.write_text("#EXTM3U\n" + "".join(
        f"#EXTINF:200,Band {n} - A rather long song title number {n}\n/gone/song-{n}.mp3\n"
        for n in range(4000)), encoding="utf-8")
    with small_disk(data, size="3m"):
        assert main(["playlist", "create", "Kept"]) == 0
        capsys.readouterr()
        filler = fill(data)  # not even room to open the library
        assert main(["playlist", "list"]) == 1
        one_line_full(capsys.readouterr().err, data)
        filler.unlink()
        filler = fill(data, leave_bytes=128 * 1024)  # room to open, not to import
        assert main(["playlist", "import", str(listing)]) == 1
        one_line_full(capsys.readouterr().err, data)
        filler.unlink()
        assert playlist_names(capsys) == ["Kept"]  # the failed import left nothing behind
        assert main(["playlist", "import", str(listing)]) == 0
        capsys.readouterr()
        assert sorted(playlist_names(capsys)) == ["Kept", "big"]
