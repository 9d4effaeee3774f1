"""Search splits words exactly where FTS5 does, and a failed settings write leaves no debris."""

import json

import pytest

from cdcollector.library.models import Track
from cdcollector.library.search import fts_query
from cdcollector.services.library import LibraryService
from cdcollector.settings import Settings, save_settings


@pytest.mark.parametrize(("typed", "query"), [
    ("AC _ DC", '"AC"* AND "DC"*'),
    ("snake_case", '"snake"* AND "case"*'),
    ("x\ue000y", '"x\ue000y"*'),
    ("😀 beyo", '"beyo"*'),
    ("_", None),
])
def test_query_words_follow_the_fts5_tokenizer(typed, query):
    assert fts_query(typed) == query


def test_underscores_and_private_use_titles_are_found(ctx):
    with ctx.db.session() as session:
        session.add(Track(title="Back In Black", artist_name="AC/DC", album_title="x"))
        session.add(Track(title="pr\ue000ivate", artist_name="Someone", album_title="y"))
    library = LibraryService(ctx)
    assert [r.artist for r in library.search("AC _ DC")] == ["AC/DC"]
    assert [r.title for r in library.search("pr\ue000ivate")] == ["pr\ue000ivate"]


def test_a_failed_settings_write_keeps_the_old_file_and_leaves_no_temp(ctx, monkeypatch):
    save_settings(ctx.paths, Settings(parallel_downloads=2))

    def broken_dump(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", broken_dump)
    with pytest.raises(OSError):
        save_settings(ctx.paths, Settings(parallel_downloads=5))
    assert list(ctx.paths.config_dir.glob(".settings-*")) == []
    monkeypatch.undo()
    assert json.loads(ctx.paths.settings_path.read_text())["parallel_downloads"] == 2
