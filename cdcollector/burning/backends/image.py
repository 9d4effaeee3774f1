"""The image backend: writes BIN/CUE (with CD-TEXT) and a cdrdao TOC instead of burning."""

from __future__ import annotations

from cdcollector.burning.backends.base import (
    BurnOptions,
    BurnResult,
    DiscSpec,
    Drive,
    MediaInfo,
    ProgressCallback,
)
from cdcollector.burning.image import write_image
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError


class ImageBackend:
    """Always available: a product feature (burn later, mount) and the end-to-end test target."""

    name = "image"
    writes_cdtext = True

    def available(self) -> bool:
        return True

    def list_drives(self) -> list[Drive]:
        return []

    def probe_media(self, device: str) -> MediaInfo:
        return MediaInfo(present=True, blank=True, capacity_sectors=None,
                         detail="A disc image has no size limit of its own.")

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        if options.out_dir is None:
            raise BurnError("Choose a folder to write the disc image to.")
        files = write_image(disc, options.out_dir, options.name, progress, cancel)
        progress("done", 1.0, f"Disc image written: {files[1].name}")
        return BurnResult(
            ok=True,
            message=(f"Disc image written to {options.out_dir}: open {files[1].name} with any "
                     f"burning tool, or burn {files[2].name} with `cdrdao write --swap`."),
            output_files=files,
        )

    def past_point_of_no_return(self) -> bool:
        return False
