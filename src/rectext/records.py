"""Plain records: what the stages produce before it becomes a model or JSON.

Each stage returns dicts keyed by the field names of :mod:`rectext.models`.
:func:`rectext.parse` validates them into the Pydantic models; the command
line writes them through :mod:`rectext.jsonout`, which checks them against the
JSON Schema of the same models, so both give the same bytes. Keeping the stages
free of Pydantic is what lets ``python -m rectext notice.txt`` start fast.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
else:
    Record = dict


def span(start: int, end: int) -> Record:
    """A :class:`rectext.models.Span` as a record."""
    return {"start": start, "end": end}
