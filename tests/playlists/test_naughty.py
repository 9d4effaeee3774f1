"""Hostile names and titles (Big List of Naughty Strings) survive create, rename, export, import."""

from __future__ import annotations

import json

import pytest

from cdcollector.domain.errors import LibraryError
from cdcollector.library.m3u import _LINE_BREAKS
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import add_tracks


@pytest.fixture
def naughty(fixtures_dir) -> list[str]:
    return json.loads((fixtures_dir / "naughty" / "blns.json").read_text(encoding="utf-8"))


def test_names_survive_create_rename_export_import(svc, other_ctx, tmp_path, naughty):
    other = PlaylistService(other_ctx)
    usable = [s for s in naughty if s.strip()]
    for blank in (s for s in naughty if not s.strip()):
        with pytest.raises(LibraryError, match="needs a name"):
            svc.create(blank)
    for i, name in enumerate(usable):
        created = svc.create(name)
        assert created.name == name.strip()
        renamed_to = usable[(i + 1) % len(usable)]
        assert svc.rename(created.id, renamed_to).name == renamed_to.strip()
        target = tmp_path / f"{i}.cdcplaylist"
        svc.export_file(created.id, target)
        assert other.import_file(target).playlist.name == renamed_to.strip()
        m3u_target = tmp_path / f"{i}.m3u8"
        svc.export_file(created.id, m3u_target)
        # M3U is line based: line breaks inside a name become spaces.
        expected = _LINE_BREAKS.sub(" ", renamed_to).strip()
        assert svc.import_file(m3u_target).playlist.name == expected
    names = {p.name for p in other.list()}
    assert names == {s.strip() for s in usable}


def test_titles_survive_export_and_import(ctx, svc, other_ctx, tmp_path, naughty):
    ids = add_tracks(ctx, [
        {"title": s, "artist_name": s, "album_title": s, "duration_s": 100.0 + 10 * i,
         "path": str(tmp_path / "music" / f"track {i}.mp3")}
        for i, s in enumerate(naughty)
    ])
    p = svc.create("naughty")
    svc.add_tracks(p.id, ids, on_duplicate="add")

    # .cdcplaylist into another library: every title, artist and album comes back exactly.
    travel = tmp_path / "naughty.cdcplaylist"
    svc.export_file(p.id, travel)
    other = PlaylistService(other_ctx)
    result = other.import_file(travel)
    rows = other.entries(result.playlist.id)
    assert len(rows) == len(naughty)
    for row, s in zip(rows, naughty, strict=True):
        assert row.track.title == (s or "Unknown title")
        assert row.track.artist == s
        assert row.track.album == s

    # M3U in the same library: resolved by path, so the same tracks in the same order.
    for suffix in (".m3u8", ".m3u"):
        listing = tmp_path / f"naughty{suffix}"
        svc.export_file(p.id, listing)
        again = svc.import_file(listing)
        assert [r.track.id for r in svc.entries(again.playlist.id)] == ids
        # In a library without those files every entry is kept and marked missing.
        elsewhere = other.import_file(listing)
        assert elsewhere.playlist.track_count == len(naughty)
        assert elsewhere.missing == len(naughty)
