"""The services' shared context: paths, settings, the open library and the event bus."""

from __future__ import annotations

from dataclasses import dataclass, field

from cdcollector.library.db import Database
from cdcollector.paths import AppPaths
from cdcollector.services.undo import UndoStack
from cdcollector.settings import Settings, load_settings, setup_logging, update_settings


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    db: Database
    bus: object | None = field(default=None)  # an EventBus when running with Qt
    undo: UndoStack = field(default_factory=UndoStack)  # one history per running app

    @classmethod
    def open(cls, home: str | None = None, with_bus: bool = False) -> AppContext:
        paths = AppPaths.resolve(home).ensure()
        setup_logging(paths)
        settings = load_settings(paths)
        db = Database.open(paths.db_path)
        bus = None
        if with_bus:
            from cdcollector.services.events import EventBus

            bus = EventBus()
        return cls(paths=paths, settings=settings, db=db, bus=bus)

    def update_settings(self, **changes) -> Settings:
        self.settings = update_settings(self.paths, self.settings, **changes)
        return self.settings

    def emit(self, signal_name: str, *args) -> None:
        """Emit on the bus when there is one (the CLI runs without Qt signals)."""
        if self.bus is not None:
            getattr(self.bus, signal_name).emit(*args)

    def close(self) -> None:
        self.db.close()
