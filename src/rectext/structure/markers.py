"""Stage 2: find numbering markers, as a flat list in document order.

A marker is either a *block* marker (at a line start, or after white space
where line breaks were lost) or a *run-in* marker inside a paragraph: 一是/二是
after a boundary, or 1./（1） right after a measure label (整改措施：1.…；2.…).
Nesting is decided later, in :mod:`rectext.structure.tree`.
"""

from __future__ import annotations

from collections import namedtuple
from functools import lru_cache

import regex

from .. import rx
from .. import vocab as V
from ..text import patterns as P
from ..text.figures import marker_number
from ..text.fold import fold
from ..text.lines import Line
from ..text.numerals import cn_to_int

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

# Before a marker found after white space mid-line, the text must end a sentence.
_SENTENCE_BEFORE = set("。;!?”\")）")
# How far a run-in list may reach from one item to the next (bounds the work per marker).
_RUN_WINDOW = 3000
# Styles distinctive enough to trust after any white space.
_STRONG = {V.CN_DUN, V.CN_PAREN}


class Mark(namedtuple("Mark", "start end style number inline after_label", defaults=(False, False))):
    """One marker: ``text[start:end]`` is the marker as written.

    ``style``: a key of patterns.STYLE_LABEL; ``number``: its value; ``inline``: run into a
    paragraph rather than opening a line; ``after_label``: directly after a measure label
    such as 整改措施：.
    """

    __slots__ = ()
    start: int
    end: int
    style: str
    number: int
    inline: bool
    after_label: bool


def _number(match: regex.Match[str]) -> tuple[str, int] | None:
    style = match.lastgroup
    if style is None:
        return None
    value = marker_number(style, match.group(style))
    return (style, value) if value else None


def _label_before(folded: str, pos: int, floor: int) -> bool:
    """True when the text right before ``pos`` is a measure label (整改措施：)."""
    head = folded[max(floor, pos - 16):pos].rstrip(" \t\r\n")
    return head.endswith(P.LABEL_END) and bool(P.MEASURE_LABEL.search(head))


def block_marks(folded: str, lines: list[Line], start: int, flat: bool) -> list[Mark]:
    """Markers that open a line (or follow white space where breaks were lost).

    Where breaks were lost without leaving white space (……成效。二、……情况（一）……), a marker glued
    to the text before it counts when it is the first of its list or continues it: （一） after
    anything, other styles after a sentence end (:func:`_glued_ok`).
    """
    marks: list[Mark] = []
    last: dict[str, int] = {}
    for line in lines:
        if line.end <= start or line.blank:
            continue
        spaced = list(_candidates(folded, line))
        glued = _glued_candidates(folded, line) if flat else []
        for pos in sorted({*spaced, *glued}):
            m = P.BLOCK_MARKER.match(folded, pos, line.end) or _long_number(folded, pos, line, last)
            got = _number(m) if m else None
            if m is None or not got or (pos != line.content and not _trusted(folded, pos, got[0], flat)):
                continue
            if pos not in spaced and not _glued_ok(folded, pos, got, last):
                continue
            style, value = got
            last[style] = value
            marks.append(Mark(pos, m.end(), style, value, after_label=_label_before(folded, pos, 0)))
    return marks


def _long_number(folded: str, pos: int, line: Line, last: dict[str, int]) -> regex.Match[str] | None:
    """1000.…… opening a line right after item 999 of its list (a long table of problems)."""
    m = P.LONG_NUMBER.match(folded, pos, line.end) if pos == line.content and V.AR_DOT in last else None
    return m if m is not None and int(m.group(V.AR_DOT)) == last[V.AR_DOT] + 1 else None


def _candidates(folded: str, line: Line) -> Iterator[int]:
    yield line.content
    pos = folded.find(" ", line.content, line.end)
    while pos >= 0:
        nxt = pos
        while nxt < line.end and folded[nxt] in " \t":
            nxt += 1
        if nxt < line.end:
            yield nxt
        pos = folded.find(" ", nxt, line.end)


def _glued_candidates(folded: str, line: Line) -> list[int]:
    """Positions right after a sentence end, and every （ — where a glued marker may stand."""
    found = [m.end() for m in _GLUED_BEFORE.finditer(folded, line.content, line.end) if m.end() < line.end]
    found.extend(m.start() for m in _PAREN_NUMERAL.finditer(folded, line.content, line.end))
    return found


def _glued_ok(folded: str, pos: int, got: tuple[str, int], last: dict[str, int]) -> bool:
    """A glued marker continues its list (二、 after 一、), or opens one: （一） anywhere, another
    style's first item after a sentence end."""
    style, value = got
    if value == last.get(style, 0) + 1 and (style == V.CN_PAREN or folded[pos - 1] in _SENTENCE_BEFORE):
        return True
    return value == 1 and (style == V.CN_PAREN or folded[pos - 1] in "。;!?")


_GLUED_BEFORE = rx.compile(r"[。;!?]")
_PAREN_NUMERAL = rx.compile(r"\((?=[一二三四五六七八九十]{1,3}\))")


def _trusted(folded: str, pos: int, style: str, flat: bool) -> bool:
    if style == V.CN_SHI:
        return False  # run-in 一是 is found by inline_marks
    if style in _STRONG or flat:
        return True
    while pos > 0 and folded[pos - 1] in " \t":
        pos -= 1
    return pos > 0 and folded[pos - 1] in _SENTENCE_BEFORE


def shi_marks(folded: str, lines: list[Line], start: int) -> list[Mark]:
    """Run-in 一是/二是 markers inside paragraphs (not at a line start)."""
    marks: list[Mark] = []
    for line in lines:
        if line.end <= start or line.blank:
            continue
        for m in P.INLINE_SHI.finditer(folded, line.content + 1, line.end):
            value = cn_to_int(m.group("num"))
            before = folded[m.start() - 1]
            if value and _shi_accepted(folded, m, before, value, line):
                marks.append(Mark(m.start(), m.end(), V.CN_SHI, value, inline=True,
                                  after_label=_label_before(folded, m.start(), line.start)))
    return marks


def _shi_accepted(folded: str, m: regex.Match[str], before: str, value: int, line: Line) -> bool:
    if before in P.SHI_BOUNDARY:
        return True
    # 党委一是……；二是…… : a run-in list glued to its subject, but never 统一是/唯一是
    if value != 1 or before in P.SHI_WORD_BEFORE or len(m.group("num")) != 1:
        return False
    follow = folded.find("二是", m.end(), min(line.end, m.end() + _RUN_WINDOW))
    return follow > 0 and folded[follow - 1] in P.SHI_BOUNDARY


def label_marks(folded: str, lines: list[Line], start: int) -> list[Mark]:
    """Numbered measures run in after a label: 整改措施：1.…；2.…；3.…

    A list whose first item follows the label and whose next items open the following
    lines (整改措施：1.…\n2.…) gets its first item here, as a block marker like the others.
    """
    marks: list[Mark] = []
    for i, line in enumerate(lines):
        if line.end <= start or line.blank:
            continue
        for lab in P.MEASURE_LABEL.finditer(folded, line.content, line.end):
            run = _run_after(folded, lab.end(), line.end)
            head = None if run else _list_head(folded, lab.end(), line.end, lines[i + 1:i + 3])
            marks.extend(run if head is None else [head])
        marks.extend(_circled_runs(folded, line))
    return marks


def _circled_runs(folded: str, line: Line) -> list[Mark]:
    """①②③ run on in one paragraph without a label (问题一：……。①……；②……): circled numbers are
    markers wherever they stand after a boundary, when ② follows ①."""
    runs: list[Mark] = []
    pos = folded.find("①", line.content, line.end)
    while pos >= 0:
        if pos == line.content or folded[pos - 1] in P.INLINE_BEFORE or folded[pos - 1] in ",":
            runs.extend(_run_after(folded, pos, line.end))
        pos = folded.find("①", pos + 1, line.end)
    return runs


def _list_head(folded: str, pos: int, end: int, below: list[Line]) -> Mark | None:
    """Item 1 right after a label when item 2 opens the next non-blank line."""
    while pos < end and folded[pos] in " \t":
        pos += 1
    first = P.INLINE_NUMBER.match(folded, pos, end)
    got = _number(first) if first else None
    nxt = next((ln for ln in below if not ln.blank), None)
    if first is None or got is None or got[1] != 1 or nxt is None:
        return None
    second = P.BLOCK_MARKER.match(folded, nxt.content, nxt.end)
    if second is None or _number(second) != (got[0], 2):
        return None
    return Mark(first.start(), first.end(), got[0], 1, after_label=True)


def _run_after(folded: str, pos: int, end: int) -> list[Mark]:
    while pos < end and folded[pos] in " \t":
        pos += 1
    first = P.INLINE_NUMBER.match(folded, pos, end)
    got = _number(first) if first else None
    if first is None or got is None or got[1] != 1:
        return []
    style = first.lastgroup
    run = [Mark(first.start(), first.end(), style, 1, inline=True, after_label=True)]
    for m in P.INLINE_NUMBER.finditer(folded, first.end(), end):
        if m.start() - run[-1].end > _RUN_WINDOW:
            break
        got = _number(m)
        if not got or got[0] != style or folded[m.start() - 1] not in P.INLINE_BEFORE:
            continue
        if got[1] != run[-1].number + 1:
            break  # another list starts: this one has ended
        run.append(Mark(m.start(), m.end(), style, got[1], inline=True))
    return run if len(run) > 1 else []


def find_marks(folded: str, lines: list[Line], start: int, stop: int, flat: bool) -> list[Mark]:
    """All markers in ``[start, stop)``, in document order, one per position.

    A run after a label comes first: its items may follow white space (整改措施：1.……； 2.……),
    where a block marker would otherwise claim them.
    """
    found: dict[int, Mark] = {}
    for mark in (*label_marks(folded, lines, start), *block_marks(folded, lines, start, flat),
                 *shi_marks(folded, lines, start)):
        if start <= mark.start < stop:
            found.setdefault(mark.start, mark)
    return [found[k] for k in sorted(found)]



# Every character a marker can start with: the alternation is tried only there (regex works out no first
# set for it, and tried everywhere it cost a quarter of a long text's parse in the node guard's count).
MARKER_START = r"(?=[\d一二三四五六七八九十(①-⑳第【\[反巡问整措])"


@lru_cache(maxsize=2)
def any_marker(start: str = MARKER_START) -> regex.Pattern[str]:
    """Every marker pattern in one alternation (for folded text), compiled on first use:
    the benchmark's floor and the node guard's count."""
    alternation = "|".join(f"(?:{p.pattern})" for p in (P.BLOCK_MARKER, P.LONG_NUMBER, P.INLINE_SHI, P.INLINE_NUMBER))
    return rx.compile(f"{start}(?:{alternation})", regex.VERBOSE)


def count_candidates(text: str) -> int:
    """How many places in the text could start a node (an upper bound on the nodes a parse builds)."""
    return sum(1 for _ in any_marker().finditer(fold(text)))
