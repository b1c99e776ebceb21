"""File-level entry points."""

from __future__ import annotations

from pathlib import Path

from .models import Notice
from .parser import parse
from .reader import read_source


def parse_file(path: str | Path, encoding: str | None = None) -> Notice:
    """Read and parse one notice file (plain text or a saved web page).

    Raises :class:`rectext.InputError` when the file cannot be read as text.
    """
    return parse(read_source(path, encoding).text)
