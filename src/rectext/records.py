"""Plain records: what the stages produce before it becomes a model or JSON.

Each stage returns dicts keyed by the field names of :mod:`rectext.models`.
:func:`rectext.parse` validates them into the Pydantic models; the command
line writes them through :mod:`rectext.outputs.jsonout`, which checks them against the
JSON Schema of the same models, so both give the same bytes. Keeping the stages
free of Pydantic is what lets ``python -m rectext notice.txt`` start fast.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # the shapes exist for the type checker only: at run time records are plain dicts
    from typing import Any, TypedDict

    from typing_extensions import NotRequired

    Record = dict[str, Any]

    class SpanRecord(TypedDict):
        """:class:`rectext.models.Span`."""

        start: int
        end: int

    class Parts(TypedDict):
        """:class:`rectext.models.Parts`: header, preamble, body and closing cover the text."""

        header: SpanRecord
        preamble: SpanRecord
        body: SpanRecord
        closing: SpanRecord

    class DiagnosticRecord(TypedDict):
        """:class:`rectext.models.Diagnostic`."""

        level: str
        code: str
        message: str
        start: int
        end: int
        related: list[SpanRecord]

    class NodeRecord(TypedDict):
        """A node of the tree (:class:`rectext.models.Section`, ``Group``, … by ``kind``)."""

        marker: str
        style: str
        number: int | None
        heading: str | None
        body: str
        start: int
        end: int
        children: list[NodeRecord]
        kind: str
        progress: NotRequired[dict[str, Any] | None]  # on problems and measures

    class GenreRecord(TypedDict):
        """:class:`rectext.models.Genre`."""

        label: str
        confidence: float
        evidence: list[str]
else:
    Record = dict


def span(start: int, end: int) -> SpanRecord:
    """A :class:`rectext.models.Span` as a record."""
    return {"start": start, "end": end}
