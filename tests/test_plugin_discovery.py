"""The quick look for installed plugins: importlib.metadata is skipped only where no distribution on
the path can declare a dreg_lint entry point."""

from __future__ import annotations

import sys
import zipfile

import pytest

from dreg_lint.plugins import ENTRY_POINT_GROUP, may_declare_entry_points


@pytest.fixture
def path(tmp_path, monkeypatch):
    """A sys.path of one empty directory (plus a missing entry, which is skipped)."""
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    return tmp_path


def dist(directory, name: str, entry_points: str | None) -> None:
    info = directory / name
    info.mkdir()
    (info / "METADATA").write_text("Name: x\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_no_distribution_declares_the_group(path):
    dist(path, "tool-1.0.dist-info", "[console_scripts]\ntool = dreg_lint.cli:main\n")
    dist(path, "other-2.0.dist-info", None)
    (path / "legacy.egg-info").write_text("Name: legacy\n", encoding="utf-8")  # an egg-info file
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is False


@pytest.mark.parametrize("declared", ["[dreg_lint]\nmine = my_rules\n", "[console_scripts]\nx = y:z\n\n [ dreg_lint ] \nmine = m\n"])
def test_a_distribution_declaring_the_group_is_seen(path, declared):
    dist(path, "my_rules-0.1.dist-info", declared)
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is True


def test_an_egg_info_directory_is_read_too(path):
    dist(path, "my_rules.egg-info", "[dreg_lint]\nmine = my_rules\n")
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is True


def test_what_cannot_be_read_here_means_asking_importlib_metadata(path, monkeypatch):
    archive = path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("x.py", "")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is True
    monkeypatch.setattr(sys, "path", [str(path)])
    (path / "old.egg").mkdir()
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is True


def test_another_finder_of_distributions_means_asking_importlib_metadata(path, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert may_declare_entry_points(ENTRY_POINT_GROUP) is True
