"""Hard-wrapped text (copied from a PDF or a fixed-width export): paragraphs put back together,
page numbers (— 3 —) taken out.

Such text breaks every line at the same width, in the middle of words, headings and measures:
理论学习不够深 / 入的问题. It is recognised by its lines: at least three of them cut in
mid-sentence at one length, hardly any longer. A full line then runs on into the next unless
it ends a sentence, is a complete heading or the title, or is a page-header line, and unless
the next line is blank, indented, a label (整改措施：) or opens with a marker that does not
continue the line's own run-in list (……①整改……；/ ②选派…… does). Text that is not wrapped
so is returned unchanged. Used when a file is read (``input.cleaned`` counts the joins);
``parse`` itself never changes the caller's text.
"""

from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Callable
from itertools import pairwise

from .. import vocab as V
from ..structure.layout import is_page_header, is_title
from ..text import patterns as P
from ..text.figures import marker_number
from ..text.fold import fold

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    import regex

_MIN_WIDTH = 15  # narrower "wraps" are lists of short lines, not wrapped paragraphs
_INDENT = (" ", "\t", "\u3000")
_HEADING_STYLES = {V.CN_DUN, V.CN_PAREN}  # 一、 （一）: headings more often than paragraphs
_TITLE_LINES = 5
_DANGLING = ("的", "和", "与", "及", "对", "在", "并", "或", "等", "之", "“", "《")


def unwrap(text: str, full: frozenset[int] | None = None) -> tuple[str, dict[str, int]]:
    """The text with page numbers and the line breaks of hard wrapping removed, and how many of
    each (``{"page_numbers": n, "line_breaks": n}``, zero counts left out).

    ``full``: the numbers of the lines that run to the right margin, when a PDF's layout shows
    them (its page numbers are gone already); else fullness is told from the text.
    """
    lines = text.split("\n")
    kept = drop_page_numbers(lines) if full is None else lines
    dropped = len(lines) - len(kept)
    joined, joins = _join(kept, full)
    counts = {name: n for name, n in (("page_numbers", dropped), ("line_breaks", joins)) if n}
    return (joined if counts else text), counts


def drop_page_numbers(lines: list[str]) -> list[str]:
    """The lines without the page numbers a PDF copy carries (— 3 —, 第3页 共5页), when there are
    at least two of them and they count up."""
    numbers = [(i, int(m.group("n"))) for i, ln in enumerate(lines) if (m := P.PAGE_NUMBER.match(ln))]
    if len(numbers) < 2 or any(b <= a for (_, a), (_, b) in pairwise(numbers)):
        return lines
    drop = {i for i, _ in numbers}
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _join(lines: list[str], full: frozenset[int] | None = None) -> tuple[str, int]:
    if full is None:
        wrap = wrap_width(lines)
        if wrap is None:
            return "\n".join(lines), 0
        full = frozenset(i for i, line in enumerate(lines) if wrap.full(line))
    out: list[str] = []
    joins = 0
    for i, line in enumerate(lines):
        if out and i - 1 in full and _cut(lines, i - 1):
            out[-1] = out[-1].rstrip("\r") + line
            joins += 1
        else:
            out.append(line)
    return "\n".join(out), joins


def columns(line: str) -> int:
    """The line's width in columns as Chinese print sets it: a Chinese character or any other
    character beyond ASCII (full-width signs, “”) takes two, a Latin letter, a digit or a
    half-width sign one. (Counted by encoding to ASCII, in C: a 10 MB text is measured in a
    twentieth of a second, where a loop over ``unicodedata`` took half.)

    >>> columns("截至2024年4月"), len("截至2024年4月")
    (13, 9)
    """
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


class Wrap(namedtuple("Wrap", "measure width below above")):  # not typing.NamedTuple: start-up time
    """How a text was wrapped: its width (``width``), in the measure it was wrapped by
    (``measure``, characters or printed columns), with the slack a full line may have
    below and above it (``below``, ``above``)."""

    __slots__ = ()
    measure: Callable[[str], int]
    width: int
    below: int
    above: int

    def full(self, line: str) -> bool:
        return self.width - self.below <= self.measure(line) <= self.width + self.above


def _characters(line: str) -> int:
    return len(line.strip())


def _printed(line: str) -> int:
    """Printed columns, quotation marks counted narrow: a word processor often sets them in the
    Latin font (half width), sometimes in the Chinese one; the slack below a full line takes
    the difference."""
    line = line.rstrip()  # a paragraph's indent takes its place on the printed line
    return columns(line) - sum(map(line.count, "“”‘’"))


# Wrapped by character count (fixed-width exports: half-width characters let a few more fit),
# or by printed width (a PDF: every line set to the same measure, a sign hanging past it).
_MEASURES = ((_characters, 1, 4), (_printed, 4, 2))


def wrap_width(lines: list[str]) -> Wrap | None:
    """How the text was hard-wrapped, or None when it was not.

    Wrapped: at least three lines cut in mid-sentence share one width, counted in characters
    or in printed columns, and hardly any line is longer.
    """
    cuts: dict[int, bool] = {}  # both measures ask about the same lines: each is looked at once

    def is_cut(i: int) -> bool:
        if i not in cuts:
            cuts[i] = _cut(lines, i)
        return cuts[i]

    found = [w for measure, below, above in _MEASURES if (w := _width(lines, measure, below, above, is_cut))]
    return max(found, key=lambda w: w[1])[0] if found else None


def _width(lines: list[str], measure: Callable[[str], int], below: int, above: int,
           is_cut: Callable[[int], bool]) -> tuple[Wrap, int] | None:
    """The width lines were wrapped at in one measure, with how many cut lines agree on it."""
    sizes = [measure(ln) for ln in lines]
    lengths = [n for n in sizes if n >= _MIN_WIDTH * measure("一")]
    counts = Counter(lengths)
    # only lengths shared by three lines (give or take the slack) can be a width: skip the rest
    near = {m for n in counts if sum(counts[k] for k in range(n - below, n + above + 1)) >= 3
            for m in range(n - below, n + above + 1)}
    cut = Counter(sizes[i] for i in range(len(lines) - 1) if sizes[i] in near and is_cut(i))
    if not cut:
        return None
    width = max(cut, key=lambda w: (sum(cut[n] for n in range(w - below, w + above + 1)), w))
    agree = sum(cut[n] for n in range(width - below, width + above + 1))
    longer = sum(1 for n in lengths if n > width + above)
    if agree < 3 or longer > 0.05 * len(lengths):
        return None
    return Wrap(measure, width, below, above), agree


def _cut(lines: list[str], i: int) -> bool:
    """Line ``i`` stops in mid-sentence while the next goes on with the same paragraph."""
    folded, nxt = fold(lines[i].strip()), lines[i + 1]
    if not folded or not nxt.strip() or nxt.startswith(_INDENT) or is_page_header(folded):
        return False
    head = fold(nxt.strip()[:16])
    opening = P.BLOCK_MARKER.match(head)
    if opening is not None and opening.group(opening.lastgroup or 0).startswith("0"):
        opening = None  # (0836)6213579: an area code, not a list's number
    if opening is not None:  # a new paragraph, unless it goes on with a list the line runs in
        return _continues_list(folded, opening) or (_breaks_off(folded) and _out_of_turn(lines, i, opening))
    if (long := P.LONG_NUMBER.match(head)) is not None and _last_number(lines, i, long) == int(long.group(1)) - 1:
        return False  # 1000.…… after 999.……: the next row of a long table, never joined to the one before
    if (folded[-1] in P.SENTENCE_END and not _open_quote(folded)) or P.MEASURE_LABEL.match(head):
        return False
    if any(ch in folded for ch in ",。;:、"):
        return True
    # no punctuation at all: a heading (一、…… / 1.……的问题), or the title near the top, ends its line
    marker = P.BLOCK_MARKER.match(folded)
    heading = marker is not None and (marker.lastgroup in _HEADING_STYLES or _states_heading(folded[marker.end():]))
    return not (heading or (i < _TITLE_LINES and is_title(folded)))


def _breaks_off(folded: str) -> bool:
    """A line that stops in the middle of a sentence: no sentence end, and a comma or a 、 in it."""
    return folded[-1] not in P.SENTENCE_END and folded[-1] not in ":," and any(ch in folded for ch in ",;、")


_LOOK_BACK = 200  # lines searched for the marker before one that may be out of turn


def _out_of_turn(lines: list[str], i: int, opening: regex.Match[str]) -> bool:
    """The marker opening line ``i + 1`` is not the next of its numbering: the last marker of its
    style before it is not the one before it (一、 … then 三、 in 做到举一反 / 三、标本兼治), so
    it is text the wrapping cut, not a heading."""
    style = opening.lastgroup
    if style is None:  # not reached: each marker pattern names its style
        return False
    number = marker_number(style, opening.group(style))
    if number is None or number < 2:
        return False
    last = _last_number(lines, i, opening)
    return last is not None and last != number - 1


def _last_number(lines: list[str], i: int, opening: regex.Match[str]) -> int | None:
    """The number of the last marker of the opening's style on lines up to ``i`` (None: none in
    :data:`_LOOK_BACK` lines); items past 999 (1000.) count only after a long number opens a line."""
    style = opening.lastgroup or ""
    patterns = (P.BLOCK_MARKER, P.LONG_NUMBER) if opening.re is P.LONG_NUMBER else (P.BLOCK_MARKER,)
    for line in reversed(lines[max(0, i - _LOOK_BACK):i + 1]):
        head = fold(line.strip()[:16])
        earlier = next((m for p in patterns if (m := p.match(head)) is not None), None)
        if earlier is not None and earlier.lastgroup == style:
            return marker_number(style, earlier.group(style))
    return None


def _open_quote(text: str) -> bool:
    """A quotation opened on the line and not closed: a sentence end inside it ends no paragraph
    (（1）关于“……不够深入。/ 局党组……”)."""
    return text.count("“") > text.count("”") or text.count("「") > text.count("」")


def _states_heading(text: str) -> bool:
    """A complete heading: a finding or a group, its quotation closed (关于“……不够深入 goes on),
    not ending on a word that needs more (……不够深入的 / 问题。)."""
    if _open_quote(text) or text.endswith(_DANGLING):
        return False
    return bool(P.FINDING_HEADING.search(text) or P.GROUP_HEADING.search(text))


def _continues_list(folded: str, opening: regex.Match[str]) -> bool:
    """A line broken inside a run-in list: ……①整改……；/ ②选派…… (the item before is on the line)."""
    style = opening.lastgroup
    if style is None:  # not reached: each marker pattern names its style
        return False
    number = marker_number(style, opening.group(style))
    if not number or number < 2 or number > len(P.CN) + 1:
        return False
    cn = P.CN[number - 2]
    before = {V.CN_SHI: f"{cn}是", V.CN_DI: f"第{cn}", V.CIRCLED: chr(ord("①") + number - 2),
              V.AR_DOT: f"{number - 1}.", V.AR_PAREN: f"({number - 1})", V.AR_RPAREN: f"{number - 1})"}.get(style)
    return before is not None and before in folded


