"""The ids that join the tables: one place for the batch, the tables and the cross-notice analyses.

A notice is known by ``notice_id`` (the first 16 hex digits of the SHA-256 of the input's
bytes, or of its text for ``parse(text)``) and its ``path``.
"""

from __future__ import annotations

import hashlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..models import Notice


def content_id(data: bytes | str) -> str:
    """The notice id: 16 hex digits of the SHA-256 of the input's bytes (UTF-8 for text)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:16]


def notice_id(notice: Notice) -> str:
    """The id of a parsed notice: from its input's bytes when it was read from a file."""
    return notice.input.sha256[:16] if notice.input else content_id(notice.text)


def notice_path(notice: Notice) -> str:
    return notice.input.path or "" if notice.input else ""
