"""File-level entry points."""

from __future__ import annotations

import os

from .parser import parse_record, to_notice, with_analysis
from .read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES, Source, read_source
from .records import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from .models import Notice


def parse_source(source: Source, path: str | None = None, analyze: bool = False) -> Notice:
    """Parse text already read by :mod:`rectext.read.reader`, recording how it was read."""
    notice = to_notice(record_source(source, path))
    return with_analysis(notice) if analyze else notice


def record_source(source: Source, path: str | None = None) -> Record:
    """The unvalidated parse record of text already read, with ``input`` filled in (no Pydantic)."""
    record = parse_record(source.text)
    record["input"] = source.info(path)
    return record


def parse_file(path: str | os.PathLike[str], encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               analyze: bool = False, max_nodes: int | None = DEFAULT_MAX_NODES) -> Notice:
    """Read and parse one notice file: plain text in any common Chinese encoding, or a saved web page.

    Raises :class:`rectext.InputError` when the file cannot be read as text, is over
    ``max_bytes``, or holds more numbered markers than ``max_nodes`` (None: no limit).
    ``analyze=True`` adds the analysis layer.
    """
    return parse_source(read_source(path, encoding, max_bytes, max_nodes), str(path), analyze)
