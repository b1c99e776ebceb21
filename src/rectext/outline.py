"""An indented outline of the tree: the form a reviewer reads and a diff shows.

One node per line: ``kind marker heading``, indented two spaces per level,
optionally with its ``[start:end]`` span.
"""

from __future__ import annotations

from .models import Notice


def render_outline(notice: Notice, spans: bool = False) -> str:
    """The tree as text, one node per line.

    >>> from rectext import parse
    >>> print(render_outline(parse("一、整改情况\\n1.学习不够的问题\\n一是加强学习。\\n")))
    section 一、 整改情况
      problem 1. 学习不够的问题
        measure 一是 加强学习
    """
    out: list[str] = []

    def visit(nodes, depth: int) -> None:
        for node in nodes:
            span = f" [{node.start}:{node.end}]" if spans else ""
            heading = f" {node.heading}" if node.heading else ""
            out.append(f"{'  ' * depth}{node.kind} {node.marker}{span}{heading}")
            visit(node.children, depth + 1)

    visit(notice.sections, 0)
    return "\n".join(out) + ("\n" if out else "")
