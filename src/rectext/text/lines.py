"""Line geometry, computed once: where each line starts, its content and its end."""

from __future__ import annotations

from collections import namedtuple

from .. import rx

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

_SPACE = " \t\r\ufeff\u200b"
# A run of white space (and the invisible characters that come with it): a break where it
# holds a line break; else its spaces and tabs are breaks, what else it holds is text. Each
# run is matched once, from its first character (a pattern that looked for a line break
# from every position of the run took time in its square).
_RUN = rx.compile(r"(?<![ \t\r\ufeff\u200b\n])[ \t\r\ufeff\u200b\n]++")
_BLANKS = rx.compile(r"[ \t]++")


# The small internal records of the stages are named tuples rather than dataclasses:
# importing dataclasses (and inspect with it) costs as much as a whole parse.
class Line(namedtuple("Line", "start content end next")):
    """One line of the text: ``text[start:end]`` without its line break.

    ``start``: first character; ``content``: first non-space character (== ``end`` for
    a blank line); ``end``: the line break, or len(text); ``next``: start of the next line.
    """

    __slots__ = ()
    start: int
    content: int
    end: int
    next: int

    @property
    def blank(self) -> bool:
        return self.content >= self.end


def split_lines(folded: str) -> list[Line]:
    """Split the (folded) text into lines at \\n; a \\r before it is not content."""
    lines: list[Line] = []
    pos, n = 0, len(folded)
    while pos < n:
        nl = folded.find("\n", pos)
        nxt = n if nl < 0 else nl + 1
        end = n if nl < 0 else nl
        if end > pos and folded[end - 1] == "\r":
            end -= 1
        content = pos
        while content < end and folded[content] in _SPACE:
            content += 1
        trimmed = end
        while trimmed > content and folded[trimmed - 1] in _SPACE:
            trimmed -= 1
        lines.append(Line(pos, content, trimmed, nxt))
        pos = nxt
    return lines


def split_chunks(folded: str) -> list[Line]:
    """For text whose line breaks were lost: a break at every run of white space too."""
    chunks: list[Line] = []
    pos = 0
    for start, end in _breaks(folded):
        if start > pos:
            chunks.append(Line(pos, pos, start, end))
        pos = end
    if pos < len(folded):
        chunks.append(Line(pos, pos, len(folded), len(folded)))
    return chunks


def _breaks(folded: str) -> Iterator[tuple[int, int]]:
    """The breaks of :func:`split_chunks`, in order: in a run of white space that holds line
    breaks, one from each line break (the first from the run's start) to the next; in a run
    that holds none, each run of spaces and tabs."""
    for run in _RUN.finditer(folded):
        start, end = run.span()
        nl = folded.find("\n", start, end)
        if nl < 0:
            yield from (blanks.span() for blanks in _BLANKS.finditer(folded, start, end))
        while nl >= 0:
            nxt = folded.find("\n", nl + 1, end)
            yield start, end if nxt < 0 else nxt
            start = nl = nxt


def is_flat(folded: str, lines: list[Line]) -> bool:
    """Text whose line breaks were lost: a handful of lines, or very long ones."""
    body = [ln for ln in lines if not ln.blank]
    return len(body) <= 3 or len(body) * 300 < len(folded)
