"""A full image folder during an image burn: one line naming it, no partial file, burn again."""

from __future__ import annotations

from cdcollector.services.burner import BurnerService, BurnRequest
from tests.burner_backends.library_helpers import library_snapshot, make_playlist
from tests.small_disk import files_in, fill, small_disk


def test_a_full_image_folder_fails_the_burn_naming_the_folder(ctx, tmp_path):
    playlist = make_playlist(ctx, tmp_path / "music")
    out = tmp_path / "images"
    before = library_snapshot(ctx.db.path)
    burner = BurnerService(ctx)
    with small_disk(out, size="8m"):
        filler = fill(out, leave_bytes=256 * 1024)
        outcome = burner.start(playlist, BurnRequest(backend="image", out_dir=str(out))
                               ).wait(120)
        assert not outcome.ok
        assert outcome.message.startswith(f"The disk holding {out} is full")
        assert "\n" not in outcome.message and "prepared audio" not in outcome.message
        assert files_in(out) == []
        [record] = burner.history()
        assert record.result == "failed"
        assert library_snapshot(ctx.db.path) == before
        filler.unlink()
        again = burner.burn_again(record.id).wait(120)
        assert again.ok, again.message
        assert len(files_in(out)) == 3
