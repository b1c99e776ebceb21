"""Stage 3: nest the flat markers into a tree; :mod:`.kinds` then decides each node's kind.

Nesting follows the order in which numbering styles appear, per branch: a
style already open on the path from the root closes everything below it and
opens a sibling; a new style opens a child. Depth therefore comes from the
notice itself, not from a fixed table: problems may sit at the second, third
or fourth level, and numbering may run on or restart per group.

Kinds are decided by content and context (:func:`rectext.structure.kinds.assign_kinds`).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator

from .. import rx
from ..text import patterns as P
from ..vocab import CN_SHI, PROBLEM
from .markers import Mark

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

# How a node nests: its marker's style, whether it runs in a paragraph (1.… inside a
# sentence), and whether it opens a list after a measure label (整改措施：1.…).
Key = namedtuple("Key", "style inline label", defaults=(False, False))

_OPEN = "“「『《(‘["
_CLOSE = "”」』》)’]"
_TRAILING = " \t\r\n。;:,!?、.…"


class Raw:
    """A node under construction."""

    __slots__ = ("body", "children", "end", "finding", "heading", "key", "kind", "mark", "progress", "rule")

    def __init__(self, mark: Mark, key: Key) -> None:
        self.mark = mark
        self.key = key
        self.end = 0
        self.children: list[Raw] = []
        self.kind = ""
        self.rule = ""  # the name of the rule that decided the kind (KIND_RULES, --explain)
        self.heading: tuple[int, int] | None = None  # span of the heading, if any
        self.body = (0, 0)  # span of the body
        self.finding: bool | None = None  # does it state a finding (cached by _finding)
        self.progress: dict[str, Any] | None = None  # what became of it (rectext.facts.progress)

    def __repr__(self) -> str:
        return f"Raw({self.kind or '?'} {self.mark.style} {self.mark.number} @{self.mark.start}-{self.end})"

    @property
    def content_end(self) -> int:
        """Where the node's own text stops: its first child, or its end."""
        return self.children[0].mark.start if self.children else self.end


def walk(nodes: list[Raw]) -> Iterator[Raw]:
    """Every node of the trees, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def own_nodes(problem: Raw) -> list[Raw]:
    """The nodes below a problem that are its own: not problems nor below a problem nested in it."""
    found: list[Raw] = []
    for child in problem.children:
        if child.kind != PROBLEM:
            found.append(child)
            found.extend(own_nodes(child))
    return found


def cut_tail(folded: str, node: Raw, cut: int) -> None:
    """End the node's last descendants at ``cut``: the text from there on is the node's own (its
    progress lines, after its last measure), so no child keeps it."""
    child = node.children[-1] if node.children else None
    while child is not None and child.mark.start < cut <= child.end:
        child.end = cut
        if not child.children:
            child.body = trim(folded, child.body[0], min(child.body[1], cut))
        child = child.children[-1] if child.children else None


def _run_in(mark: Mark) -> bool:
    """一是/二是 and markers run into a paragraph: always leaves of the node they sit in."""
    return mark.inline or mark.style == CN_SHI


PREAMBLE_RUN_IN = "run-in before the body: preamble text"  # the rule --explain names for them


def leading_run_ins(marks: list[Mark]) -> tuple[list[Mark], list[Mark]]:
    """(run-in markers before the body, the rest). A marker run into a paragraph (……工作。一是……；二是……)
    is never a top-level part: before the first marker that opens a line it is text of the preamble.
    When a marker that opens a line follows, 一是/二是 that open lines before it are preamble text too
    (a 一是 list in the opening paragraph, then 一、); a body of 一是/二是 lines alone keeps them."""
    first_block = next((i for i, m in enumerate(marks) if not _run_in(m)), None)
    if first_block is None:
        lead = [m for m in marks if m.inline]
        return lead, [m for m in marks if not m.inline]
    return marks[:first_block], marks[first_block:]


def build(marks: list[Mark], stop: int, folded: str) -> list[Raw]:
    """Nest markers by style; every node ends where the next node that closes it starts.

    Items of a list after a measure label keep the label's key, so a problem numbered in
    the same style (1.…问题 / 整改措施：1.… 2.… / 3.…问题) is told from the next measure by
    what its line says: a finding resumes the problems, anything else the measures.
    """
    roots: list[Raw] = []
    stack: list[Raw] = []

    def close(depth: int, at: int) -> None:
        while len(stack) > depth:
            stack.pop().end = at

    for mark in marks:
        key = Key(mark.style, mark.inline and mark.style != CN_SHI)
        if not mark.inline:
            while stack and stack[-1].mark.inline:
                close(len(stack) - 1, mark.start)
        # a run-in marker never closes a block node: it can only follow run-in siblings
        floor = 0 if not mark.inline else 1 + max((i for i, r in enumerate(stack) if not _run_in(r.mark)), default=-1)
        same = [i for i, r in enumerate(stack) if i >= floor and r.key._replace(label=False) == key]
        resume = [i for i in same if stack[i].mark.number + 1 == mark.number]
        if resume:
            at = resume[-1]
            outer = [i for i in resume if not stack[i].key.label]
            if stack[at].key.label and outer and _states_finding_line(folded, mark):
                at = outer[-1]
            key = stack[at].key
            close(at, mark.start)
        elif same and mark.after_label and mark.number == 1 and not mark.inline:
            key = key._replace(label=True)  # 整改措施：\n1.… under a problem numbered 1. too
        elif same:
            close(same[0], mark.start)
        node = Raw(mark, key)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    close(0, stop)
    return roots


def _states_finding_line(folded: str, mark: Mark) -> bool:
    """Does the rest of the marker's line read as a finding (……的问题, ……不到位)?"""
    end = folded.find("\n", mark.end)
    line = folded[mark.end:end if end >= 0 else len(folded)].rstrip(_TRAILING)
    return bool(line) and P.FINDING_HEADING.search(line) is not None and not P.NOT_FINDING.search(line)


def split_heading(
    folded: str, start: int, stop: int, flat: bool = False
) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Split a node's own text into heading and body spans.

    The heading is the first sentence of the first line, ended by 。；！？ outside
    quotes and brackets (so 关于“……。……”的问题 stays whole), or the whole line
    when no sentence ends on it.
    """
    while start < stop and folded[start] in " \t\u3000":
        start += 1
    line_end = _line_end(folded, start, stop, flat)
    cut = _sentence_end(folded, start, line_end)
    if cut is None and not flat:
        line_end, cut = _wrapped_heading(folded, start, line_end, stop)
    h_end = cut if cut is not None else line_end
    b_start = h_end + 1 if cut is not None else line_end
    run_on = P.HEADING_RUN_ON.match(folded, start, h_end) if flat else None
    if run_on and not P.FINDING_HEADING.search(folded, start, h_end):
        # no break after the heading: 一、整改工作组织情况局党组高度重视…… (not ……成效不佳的问题)
        h_end = b_start = run_on.end()
    h_start, h_trim = start, h_end
    while h_trim > h_start and folded[h_trim - 1] in _TRAILING:
        h_trim -= 1
    b_start, b_end = trim(folded, b_start, stop)
    heading = (h_start, h_trim) if h_trim > h_start else None
    return heading, (b_start, b_end)


def _wrapped_heading(folded: str, start: int, line_end: int, stop: int) -> tuple[int, int | None]:
    """A finding's heading wrapped once onto the next line (2.……未按规定 / 及时结算并公示的问题。):
    the next line is short, opens no marker or label, and only with it does the heading state a
    finding. Returns the heading's line end and sentence end, unchanged when it is not wrapped."""
    nxt = line_end + 1
    while nxt < stop and folded[nxt] in " \t\r\u3000":
        nxt += 1
    nxt_end = folded.find("\n", nxt, stop)
    nxt_end = stop if nxt_end < 0 else nxt_end
    if not 0 < nxt_end - nxt <= 40 or P.BLOCK_MARKER.match(folded, nxt, nxt_end) or \
            P.MEASURE_LABEL.match(folded, nxt, nxt_end):
        return line_end, None
    cut = _sentence_end(folded, nxt, nxt_end)
    end = nxt_end if cut is None else cut
    first, joined = folded[start:line_end].rstrip(), folded[start:line_end].rstrip() + folded[nxt:end]
    if P.FINDING_HEADING.search(first) or not P.FINDING_HEADING.search(joined.rstrip(_TRAILING)):
        return line_end, None
    return nxt_end, cut


def _line_end(folded: str, start: int, stop: int, flat: bool) -> int:
    """End of the heading's line; where line breaks were lost, white space ends it."""
    end = folded.find("\n", start, stop)
    end = stop if end < 0 else end
    if flat:
        space = folded.find(" ", start, end)
        end = end if space < 0 else space
    return end


def trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " \t\r\n":
        start += 1
    while end > start and folded[end - 1] in " \t\r\n":
        end -= 1
    return start, end


_SIGNIFICANT = rx.compile(r"[“「『《(‘\[”」』》)’\]\"。;!?]")


def _sentence_end(folded: str, start: int, end: int) -> int | None:
    """First sentence terminator at quote depth 0; any depth if quotes never balance."""
    depth, first_any, ascii_open = 0, None, False
    for m in _SIGNIFICANT.finditer(folded, start, end):  # jump from one quote or stop to the next
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            ascii_open = not ascii_open
        else:
            if depth == 0 and not ascii_open:
                return m.start()
            if first_any is None:
                first_any = m.start()
    return first_any if (depth or ascii_open) else None


def add_spans(folded: str, nodes: list[Raw], flat: bool = False) -> None:
    """Fill heading and body spans of every node."""
    for node in nodes:
        node.heading, node.body = split_heading(folded, node.mark.end, node.content_end, flat)
        add_spans(folded, node.children, flat)
