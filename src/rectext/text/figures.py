"""Figures derived from a tree, worked out in one place for the checks, the review page,
the tables and the outline: the notice's aspects and problems as a reader counts them,
a marker's number, the inspection period as text.

The functions take any node with ``kind`` and ``children`` (the parser's ``tree.Raw`` or
the models' nodes); where a heading is needed, ``heading(node)`` gives its folded text.

>>> from rectext import parse
>>> notice = parse("一、整改情况\\n（一）学习方面\\n1.学习不够的问题\\n2.制度不全的问题\\n")
>>> len(aspects(notice.sections, lambda n: n.heading or "")), len(leaf_problems(notice.sections))
(1, 2)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..vocab import CIRCLED, GROUP, PROBLEM, SECTION
from .numerals import cn_to_int
from .patterns import GROUP_HEADING

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from ..models import Inspection


def _walk(nodes: Sequence[Any], up: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    for node in nodes:
        yield node, up
        yield from _walk(node.children, (*up, node))


def is_aspect(node: Any, heading: Callable[[Any], str]) -> bool:
    """A 方面 part: a group, or a section headed ……方面."""
    return node.kind == GROUP or (node.kind == SECTION and bool(GROUP_HEADING.search(heading(node))))


def aspects(nodes: Sequence[Any], heading: Callable[[Any], str]) -> list[Any]:
    """The outermost 方面 parts (an aspect inside an aspect is not counted again)."""
    found = []
    for node in nodes:
        if is_aspect(node, heading):
            found.append(node)
        else:
            found.extend(aspects(node.children, heading))
    return found


def problems(nodes: Sequence[Any]) -> list[Any]:
    return [n for n, _ in _walk(nodes) if n.kind == PROBLEM]


def top_problems(nodes: Sequence[Any]) -> list[Any]:
    """Problems with no problem above them."""
    return [n for n, up in _walk(nodes) if n.kind == PROBLEM and not any(a.kind == PROBLEM for a in up)]


def leaf_problems(nodes: Sequence[Any]) -> list[Any]:
    """Problems with no problem below them: the findings a notice counts when it nests them."""
    return [p for p in problems(nodes) if not problems(p.children)]


def marker_number(style: str, raw: str) -> int | None:
    """The value a marker's numeral stands for: ①→1, 十二→12, 3→3; None when it is no number."""
    return (ord(raw) - ord("①") + 1 if style == CIRCLED else cn_to_int(raw)) or None


def period(inspection: Inspection) -> str | None:
    """The inspection period as a reader writes it: 2024-03-01 – 2024-05-31, or the notice's words."""
    if inspection.start or inspection.end:
        return f"{inspection.start or '?'} – {inspection.end or '?'}"
    return inspection.period_text
