"""Spotify (optional, the user's own client id): PKCE login, keyring token cache, API client."""

from cdcollector.catalog.spotify.client import SpotifyCatalog
from cdcollector.catalog.spotify.parse import PlaylistItems, RemotePlaylist, SkippedItem
from cdcollector.catalog.spotify.rate_limits import RateLimitGate, RetryPlan

__all__ = [
    "PlaylistItems",
    "RateLimitGate",
    "RemotePlaylist",
    "RetryPlan",
    "SkippedItem",
    "SpotifyCatalog",
]
