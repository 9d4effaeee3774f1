"""A full disk under the prepared-audio cache: one line naming it, no partial file left."""

from __future__ import annotations

import pytest

from cdcollector.burning.prepare import PrepareItem, prepare_audio
from cdcollector.domain.errors import BurnError
from tests.small_disk import files_in, fill, small_disk


def test_a_full_cache_disk_is_named_and_keeps_nothing_half_written(tmp_path, sources):
    cache = tmp_path / "cache"
    with small_disk(cache):
        filler = fill(cache, leave_bytes=64 * 1024)
        with pytest.raises(BurnError) as caught:
            prepare_audio([PrepareItem(s.path) for s in sources], cache)
        assert str(caught.value).startswith(f"The disk holding {cache} is full")
        assert files_in(cache) == []
        filler.unlink()
        assert len(prepare_audio([PrepareItem(sources[0].path)], cache)) == 1
