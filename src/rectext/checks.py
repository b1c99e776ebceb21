"""Stage 6: diagnostics — numbering gaps, duplicates, restarts, and what has no place.

Every diagnostic quotes the text it is about and points at it with a span.
"""

from __future__ import annotations

from typing import Any

from .models import Diagnostic, Parts
from .tree import Raw

_QUOTE = 24  # characters of context quoted in a message


def _quote(text: str, start: int, end: int | None = None) -> str:
    end = start + _QUOTE if end is None else min(end, start + _QUOTE)
    snippet = text[start:end].split("\n", 1)[0].strip()
    return f"“{snippet}”"


def run(text: str, roots: list[Raw], parts: Parts, found: dict[str, Any]) -> list[Diagnostic]:
    """All diagnostics for a parse, in document order."""
    out: list[Diagnostic] = []
    if not roots:
        out.append(Diagnostic(
            level="warning", code="no-structure",
            message="no numbered sections (一、 / （一） / 1.) were found; the whole text is preamble",
            start=parts.preamble.start, end=parts.preamble.end))
    if found.get("title") is None:
        out.append(Diagnostic(level="info", code="no-title", message="no title line was found",
                              start=0, end=0))
    _numbering(text, roots, out, previous={})
    out.sort(key=lambda d: (d.start, d.code))
    return out


def _numbering(text: str, siblings: list[Raw], out: list[Diagnostic], previous: dict[str, int]) -> None:
    """Check one list of siblings, style by style, then recurse.

    ``previous`` maps a style to the last number used by the same style in the
    preceding cousin list, so numbering that runs on across groups is no gap.
    """
    last: dict[str, Raw] = {}
    for node in siblings:
        key = node.key
        prev = last.get(key)
        if prev is None:
            expected = {1, previous.get(key, 0) + 1}
            if node.mark.number not in expected:
                _add(out, text, node, "numbering-start", "info",
                     f"numbering starts at {node.mark.number}")
        else:
            _compare(out, text, prev, node)
        last[key] = node
    carried: dict[str, int] = {}
    for node in siblings:
        _numbering(text, node.children, out, carried)
        for child in node.children:
            carried[child.key] = child.mark.number


def _compare(out: list[Diagnostic], text: str, prev: Raw, node: Raw) -> None:
    a, b = prev.mark.number, node.mark.number
    what = "measure" if node.kind == "measure" else node.kind or "node"
    if b == a + 1:
        return
    if b > a + 1:
        missing = ", ".join(str(n) for n in range(a + 1, min(b, a + 6)))
        _add(out, text, node, "numbering-gap", "warning",
             f"{what} numbering jumps from {a} to {b} (missing {missing})")
    elif b == a:
        _add(out, text, node, "numbering-duplicate", "warning", f"{what} number {b} appears twice")
    elif b == 1:
        _add(out, text, node, "numbering-restart", "warning", f"{what} numbering restarts at 1 after {a}")
    else:
        _add(out, text, node, "numbering-order", "warning", f"{what} number {b} follows {a}")


def _add(out: list[Diagnostic], text: str, node: Raw, code: str, level: str, message: str) -> None:
    line_end = text.find("\n", node.mark.start, node.end)
    end = node.end if line_end < 0 else line_end
    out.append(Diagnostic(level=level, code=code, message=f"{message}: {_quote(text, node.mark.start, end)}",
                          start=node.mark.start, end=min(end, node.mark.start + 200)))
