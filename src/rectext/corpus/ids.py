"""The ids that join the tables: one place for the batch, the tables and the cross-notice analyses.

A notice is known by ``notice_id`` (``n`` and the first 16 hex digits of the SHA-256 of the
input's bytes, or of its text for ``parse(text)``) and its ``path``. The letter keeps the id text
wherever it goes: without it a spreadsheet reads ``128550828650e963`` as a number (1.3E+977, shown
as ``inf``) and ``8148964318272495`` loses its last digits, and ``pandas.read_csv`` makes the column
float64. The same id is in every table, in SQLite, in errors.csv, in the journal's error records and
in the review pages' names.
"""

from __future__ import annotations

import hashlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..models import Notice


PREFIX = "n"


def content_id(data: bytes | str) -> str:
    """The notice id: ``n`` and 16 hex digits of the SHA-256 of the input's bytes (UTF-8 for text).

    >>> content_id("一、整改情况")
    'n66a77b8ec2468c74'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return from_sha256(hashlib.sha256(raw).hexdigest())


def from_sha256(digest: str) -> str:
    """The notice id of an input whose SHA-256 is ``digest`` (hex); "" for none."""
    return PREFIX + digest[:16] if digest else ""


def normal(notice_id: str | None) -> str:
    """An id as this version writes it: one written before the prefix (16 bare hex digits, in the journal
    of an older batch) gets it, so that --resume knows the input."""
    if notice_id and len(notice_id) == 16 and not notice_id.startswith(PREFIX):
        return PREFIX + notice_id
    return notice_id or ""


def notice_id(notice: Notice) -> str:
    """The id of a parsed notice: from its input's bytes when it was read from a file."""
    return from_sha256(notice.input.sha256) if notice.input else content_id(notice.text)


def notice_path(notice: Notice) -> str:
    return notice.input.path or "" if notice.input else ""
