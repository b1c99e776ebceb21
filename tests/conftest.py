from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-traditional.txt"
UPDATE_GOLDENS = os.environ.get("RECTEXT_UPDATE_GOLDENS") == "1"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_text):
    import rectext

    return rectext.parse(seed_text)
