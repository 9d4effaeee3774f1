"""Track actions without optional services: their menu entries are hidden, errors reach the bus."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cdcollector.domain.errors import DownloadError
from cdcollector.services.events import EventBus
from cdcollector.ui.widgets.track_actions import TrackActions
from tests.fakes.catalogs import track


class BareServices:
    """A build without playlists, favourites or downloads: their properties fail to import."""

    def __init__(self):
        self.bus = EventBus()

    @property
    def playlists(self):
        raise ImportError("no playlists in this build")

    @property
    def favourites(self):
        raise ImportError("no favourites in this build")

    @property
    def downloads(self):
        raise ImportError("no downloads in this build")


def test_missing_services_hide_their_entries(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = TrackActions(BareServices())
    menu = actions.menu([track("Hunter", "Björk", "a")], parent)
    assert menu.actions() == []
    assert not actions.can_star()
    assert actions.download([track("Hunter", "Björk", "a")]) == []
    assert actions.set_favourite(track("Hunter", "Björk", "a"), True) is None


def test_a_failing_download_is_reported_on_the_bus(qtbot):
    services = BareServices()

    class Refusing:
        def enqueue(self, refs):
            raise DownloadError("The music folder is not writable.")

    services.__class__ = type("WithDownloads", (BareServices,), {"downloads": Refusing()})
    errors, statuses = [], []
    services.bus.error.connect(errors.append)
    services.bus.status_message.connect(statuses.append)
    assert TrackActions(services).download([track("Hunter", "Björk", "a")]) == []
    assert errors == ["The music folder is not writable."] and statuses == []


def test_download_reports_what_was_queued(qtbot):
    services = BareServices()

    class Recording:
        def __init__(self):
            self.refs = []

        def enqueue(self, refs):
            self.refs.extend(refs)
            return [11]  # one of two was already in the library

    recorder = Recording()
    services.__class__ = type("WithDownloads", (BareServices,), {"downloads": recorder})
    statuses = []
    services.bus.status_message.connect(statuses.append)
    refs = [track("Hunter", "Björk", "a"), track("Jóga", "Björk", "b")]
    assert TrackActions(services).download(refs, "“Homogenic”") == [11]
    assert recorder.refs == refs
    assert statuses == ["Queued 1 download for “Homogenic” (1 already in the library or "
                        "queue)."]
