"""Where downloads find recordings and albums: YouTube Music in the app, a fake in tests."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from cdcollector.catalog.base import Catalog
from cdcollector.domain.errors import CatalogError, ConfigError
from cdcollector.domain.types import ScoredCandidate, TrackQuery, TrackRef
from cdcollector.downloads.fetch import OFFLINE_ENV
from cdcollector.downloads.job_runner import Resolver

PROVIDER_ENV = "CDCOLLECTOR_DOWNLOAD_PROVIDER"  # "module:factory", honoured in offline tests


@dataclass
class DownloadProvider:
    resolve: Resolver
    catalog: Catalog | None = None


def query_for(ref: TrackRef) -> TrackQuery:
    return TrackQuery(title=ref.title, artists=list(ref.artists), album=ref.album,
                      duration_s=ref.duration_s, isrc=ref.isrc, explicit=ref.explicit)


def _youtube_music_provider() -> DownloadProvider:
    try:
        from cdcollector.catalog.ytmusic import YTMusicCatalog
        from cdcollector.downloads.matching import search_and_rank
    except ImportError as exc:
        raise CatalogError(f"YouTube Music search is not available: {exc}") from exc
    catalog = YTMusicCatalog()

    def resolve(ref: TrackRef) -> list[ScoredCandidate]:
        return search_and_rank(query_for(ref), catalog)

    return DownloadProvider(resolve, catalog)


# Tests in this process may replace this; other processes use PROVIDER_ENV.
PROVIDER_FACTORY: Callable[[], DownloadProvider] | None = None


def make_provider() -> DownloadProvider:
    if PROVIDER_FACTORY is not None:
        return PROVIDER_FACTORY()
    spec = os.environ.get(PROVIDER_ENV)
    if spec and os.environ.get(OFFLINE_ENV) == "1":
        module_name, _, attr = spec.partition(":")
        try:
            return getattr(importlib.import_module(module_name), attr or "make_provider")()
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"{PROVIDER_ENV}={spec} cannot be loaded: {exc}") from exc
    return _youtube_music_provider()
