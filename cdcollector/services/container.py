"""All services of one running app, built lazily on first use from one AppContext."""

from __future__ import annotations

from functools import cached_property

from cdcollector.services.context import AppContext


class Services:
    """The UI receives this and nothing below it."""

    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    @property
    def bus(self):
        return self.ctx.bus

    @cached_property
    def library(self):
        from cdcollector.services.library import LibraryService

        return LibraryService(self.ctx)

    @cached_property
    def importer(self):
        from cdcollector.services.importer import ImportService

        return ImportService(self.ctx)

    @cached_property
    def playlists(self):
        from cdcollector.services.playlists import PlaylistService

        return PlaylistService(self.ctx)

    @cached_property
    def favourites(self):
        from cdcollector.services.favourites import FavouriteService

        return FavouriteService(self.ctx)

    @cached_property
    def discovery(self):
        from cdcollector.services.discovery import DiscoveryService

        return DiscoveryService(self.ctx, spotify_factory=lambda: self.spotify)

    @cached_property
    def downloads(self):
        from cdcollector.services.downloads import DownloadService

        return DownloadService(self.ctx)

    @cached_property
    def burner(self):
        from cdcollector.services.burner import BurnerService

        return BurnerService(self.ctx)

    @cached_property
    def spotify(self):
        from cdcollector.services.spotify_account import SpotifyAccountService

        return SpotifyAccountService(self.ctx)

    @cached_property
    def sync(self):
        from cdcollector.services.sync import SyncService

        # The one Spotify account: a login kept only in memory (no keyring) is still seen.
        return SyncService(self.ctx, spotify=lambda: self.spotify.catalog(),
                           downloads=lambda: self.downloads)

    @cached_property
    def ytdlp(self):
        from cdcollector.services.ytdlp_updates import YtdlpUpdateService

        return YtdlpUpdateService(self.ctx)

    def close(self) -> None:
        for name in ("downloads", "burner", "sync", "spotify"):
            service = self.__dict__.get(name)
            if service is not None and hasattr(service, "shutdown"):
                service.shutdown()
        self.ctx.close()
