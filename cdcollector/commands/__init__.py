"""CLI subcommands, one module each; every module has `register(subparsers)`."""

from __future__ import annotations

import importlib
from types import ModuleType

# Listed explicitly (not discovered) so frozen builds see every import.
COMMAND_MODULES: tuple[str, ...] = (
    "doctor",
    "search",
    "playlist",
    "favourite",
    "burn",
    "open_file",
    "import_music",
    "download",
    "sync",
    "ytdlp",
    "library",
)


def load_command(name: str) -> ModuleType:
    return importlib.import_module(f"cdcollector.commands.{name}")
