"""File-level entry points."""

from __future__ import annotations

from pathlib import Path

from .models import InputInfo, Notice
from .parser import parse, with_analysis
from .reader import DEFAULT_MAX_BYTES, Source, read_source


def parse_source(source: Source, path: str | None = None, analyze: bool = False) -> Notice:
    """Parse text already read by :mod:`rectext.reader`, recording how it was read."""
    notice = parse(source.text)
    if analyze:
        notice = with_analysis(notice)
    info = InputInfo(path=path, encoding=source.encoding, format=source.format, bytes=source.size,
                     sha256=source.sha256, cleaned=source.cleaned)
    return notice.model_copy(update={"input": info})


def parse_file(path: str | Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               analyze: bool = False) -> Notice:
    """Read and parse one notice file: plain text in any common Chinese encoding, or a saved web page.

    Raises :class:`rectext.InputError` when the file cannot be read as text.
    ``analyze=True`` adds the analysis layer.
    """
    return parse_source(read_source(path, encoding, max_bytes), str(path), analyze)
