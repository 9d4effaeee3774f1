"""naming.py: templates, placeholders, and names valid everywhere that never leave the folder."""

from __future__ import annotations

import json
import os
import re

import pytest

from cdcollector.domain.errors import ConfigError
from cdcollector.downloads.naming import NameFields, render_relative, target_path, unique_target

TEMPLATE = "{album_artist}/{album}/{track:02} {title}"
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{d}" for p in ("COM", "LPT") for d in "123456789¹²³"
}


def assert_valid_everywhere(component: str) -> None:
    """Windows rules (the strictest of the three) plus the 255-byte limit of Linux/macOS."""
    assert component, "empty name"
    assert component not in (".", "..")
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', component), repr(component)
    assert not component.endswith((" ", ".")), repr(component)
    assert not component.startswith("."), repr(component)
    assert component.split(".")[0].rstrip(" ").upper() not in WINDOWS_RESERVED, repr(component)
    assert len(component.encode("utf-8")) <= 255, len(component.encode("utf-8"))


def assert_safe(music, path) -> None:
    music = os.path.abspath(music)
    assert os.path.commonpath([music, os.path.abspath(path)]) == music, path
    relative = os.path.relpath(path, music)
    for component in relative.split(os.sep):
        assert_valid_everywhere(component)


def test_renders_the_default_template(tmp_path):
    fields = NameFields(title="Yellow", artist="Coldplay", album="Parachutes", track=5)
    path = target_path(tmp_path, TEMPLATE, fields, "mp3")
    assert path == tmp_path / "Coldplay" / "Parachutes" / "05 Yellow.mp3"


def test_missing_values_get_placeholders(tmp_path):
    path = render_relative(TEMPLATE + " ({year})", NameFields(), "opus")
    assert path.parts == ("Unknown Artist", "Unknown Album", "Unknown Title (Unknown Year).opus")


def test_album_artist_falls_back_to_artist():
    path = render_relative(TEMPLATE, NameFields(title="t", artist="Solo", track=1), "flac")
    assert path.parts[0] == "Solo"


@pytest.mark.parametrize("template", ["{nope}/{title}", "{title", "", "///", "{title!z}"])
def test_bad_templates_raise_config_error(template):
    with pytest.raises(ConfigError):
        render_relative(template, NameFields(title="x"), "mp3")


@pytest.mark.parametrize("evil", ["../../etc/passwd", "/etc/passwd", "C:\\Windows\\x", "..",
                                  ".", "\\\\server\\share", "~/x", "a/../../b"])
def test_traversal_is_neutralised(tmp_path, evil):
    fields = NameFields(title=evil, artist=evil, album=evil, album_artist=evil)
    path = target_path(tmp_path / "music", TEMPLATE, fields, "mp3")
    assert_safe(tmp_path / "music", path)
    assert len(path.relative_to(tmp_path / "music").parts) == 3


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT9", "aux .mp3", "CON.txt", "COM¹"])
def test_windows_reserved_names_are_changed(tmp_path, name):
    path = target_path(tmp_path, "{title}", NameFields(title=name), "mp3")
    assert_valid_everywhere(path.name)
    assert_valid_everywhere(path.stem)


def test_every_naughty_string_gives_a_valid_name_inside_the_folder(tmp_path, fixtures_dir):
    music = tmp_path / "music"
    strings = json.loads((fixtures_dir / "naughty" / "blns.json").read_text(encoding="utf-8"))
    assert len(strings) > 500
    for text in strings:
        for fields in (NameFields(title=text, artist="A", album="B", track=1),
                       NameFields(title="t", artist=text, album="B", track=1),
                       NameFields(title="t", artist="A", album=text, album_artist=text)):
            path = target_path(music, TEMPLATE, fields, "m4a")
            assert_safe(music, path)
            assert path.suffix == ".m4a"


def test_long_titles_fit_255_bytes_with_extension_and_suffix(tmp_path):
    for title in ("x" * 300, "ü" * 300, "🎵" * 300, "a" * 250 + "." * 50):
        path = target_path(tmp_path, TEMPLATE, NameFields(title=title, artist=title,
                                                           album=title, track=3), "flac")
        assert_safe(tmp_path, path)
        assert path.name.endswith(".flac")
        second = target_path(tmp_path, TEMPLATE, NameFields(title=title, track=3), "flac",
                             suffix=" (2)")
        assert second.name.endswith(" (2).flac")
        assert_safe(tmp_path, second)


def test_collisions_get_numbered(tmp_path):
    fields = NameFields(title="Same", artist="A", album="B", track=1)
    first = unique_target(tmp_path, TEMPLATE, fields, "mp3")
    first.parent.mkdir(parents=True)
    first.write_bytes(b"x")
    second = unique_target(tmp_path, TEMPLATE, fields, "mp3")
    assert second.name == "01 Same (2).mp3"
    third = unique_target(tmp_path, TEMPLATE, fields, "mp3", taken={str(second)})
    assert third.name == "01 Same (3).mp3"
