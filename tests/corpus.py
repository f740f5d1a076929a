"""Where the shared corpus and specs are: ../shared beside the repository, when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED = REPOSITORY.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"
RULES_MD = SHARED / "spec" / "RULES.md"

needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared (the seed pages and specs) is not beside this repository"
)


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def real_files() -> list[Path]:
    return sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
