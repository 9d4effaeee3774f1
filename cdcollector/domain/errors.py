"""User-facing errors: one base class, one subclass per area, each with a plain message."""


class CollectorError(Exception):
    """Base of every error a user may see; `str(err)` is a one-line, human message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(CollectorError):
    """Settings or environment are unusable."""


class LibraryError(CollectorError):
    """The local library (database, files) refused an operation."""


class LibraryTooNewError(LibraryError):
    """The library was written by a newer CD-Collector; it is left untouched."""


class LibraryDamagedError(LibraryError):
    """SQLite finds the library file damaged; a backup can be restored."""


class NotFoundError(LibraryError):
    """A playlist, track or other item does not exist."""


class ReadOnlyError(LibraryError):
    """An edit was attempted on a playlist that mirrors a remote one."""


class InstanceBusyError(LibraryError):
    """Another CD-Collector window holds this library and does not answer."""


class ImportFileError(LibraryError):
    """One audio file could not be read during import."""


class DiskError(CollectorError):
    """The disk holding a folder is full or failing; the message names the folder."""


class PlaylistFileError(CollectorError):
    """An M3U or .cdcplaylist file is malformed or unreadable."""


class LinkError(CollectorError):
    """Pasted text is not a link CD-Collector understands."""


class CatalogError(CollectorError):
    """An online catalogue (YouTube Music, Spotify) failed."""


class RateLimitedError(CatalogError):
    """The catalogue asked us to wait `retry_after_s` seconds before asking again."""

    def __init__(self, message: str, retry_after_s: float):
        super().__init__(message)
        self.retry_after_s = retry_after_s


class AuthError(CatalogError):
    """Login to an account failed or is missing."""


class OfflineError(CatalogError):
    """No network connection to the catalogue."""


class AccessRefusedError(CatalogError):
    """The catalogue refuses this request for good: asking again will not help."""


class PlaylistNotReadableError(AccessRefusedError):
    """Spotify gives the items only of playlists the user owns or collaborates on."""


class PremiumRequiredError(CatalogError):
    """Spotify refuses every call until the owner of the client id has Premium again."""


class DownloadError(CollectorError):
    """A download, conversion or tagging step failed."""


class CancelledError(CollectorError):
    """The user cancelled the operation."""

    def __init__(self, message: str = "Cancelled."):
        super().__init__(message)


class BurnError(CollectorError):
    """Burning or imaging a disc failed."""


class NoDriveError(BurnError):
    """No CD burner was found."""


class MediaError(BurnError):
    """The disc in the drive is missing, not blank or too small."""


class UpdateError(CollectorError):
    """Updating yt-dlp failed or was refused; what was installed before stays in use."""
