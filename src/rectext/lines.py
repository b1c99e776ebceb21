"""Line geometry, computed once: where each line starts, its content and its end."""

from __future__ import annotations

from dataclasses import dataclass

_SPACE = " \t\r\ufeff\u200b"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: ``text[start:end]`` without its line break."""

    start: int  # first character of the line
    content: int  # first non-space character (== end for a blank line)
    end: int  # the line break, or len(text)
    next: int  # start of the next line

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
