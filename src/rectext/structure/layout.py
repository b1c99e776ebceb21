"""Stage 1: the parts around the body — header (title, page-header lines) and closing.

The header runs from the start of the text through the title line and the
page-header lines around it (时间/来源/浏览/字体 …, navigation, widgets).
The closing runs from the invitation to supervise (欢迎……监督), contacts,
signature and date to the end. Both are found on the folded text; the
caller's text is never rewritten.
"""

from __future__ import annotations

from collections import namedtuple
from functools import partial

from ..text import patterns as P
from ..text.lines import Line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

_TITLE_SCAN = 12  # non-blank lines searched for a title before giving up
_VALUE_MAX = 40  # characters of a label's value on the line below it (a longer line is the text itself)
_HEADER_SCAN = 40  # non-blank lines a page header may run to (bullet blocks put each value on its own line)


class Header(namedtuple("Header", "end title header_lines unplaced title_date", defaults=((), None))):
    """``end``: where the preamble starts; ``title``: (start, end) of the first title line or None;
    ``header_lines``: page-header lines (时间/来源 …), with the values of labels that stand alone
    on their line (• 成文日期： / 2023-05-04); ``unplaced``: lines before the title that are neither
    header nor furniture; ``title_date``: (start, end) of a date that ends the title line
    (……的通报 2026-02-13), which the title leaves out."""

    __slots__ = ()


def _line_text(folded: str, line: Line) -> str:
    return folded[line.content:line.end]


def _title_end(folded: str, line: Line) -> int:
    """Where a title line's text ends: before a date that closes it (……的通报 2026-02-13)."""
    m = P.TRAILING_DATE.search(folded, line.content, line.end)
    return m.start() if m and m.start() > line.content else line.end


def _title_start(folded: str, line: Line) -> int:
    """Where a title line's text starts: after a bullet and a site's column tag (【巡察整改】, [通知公告])."""
    start = line.content
    while start < line.end and folded[start] in "•·- ":
        start += 1
    tag = P.COLUMN_TAG.match(folded, start, line.end)
    return tag.end() if tag and tag.end() < line.end else start


def _title_text(folded: str, line: Line) -> str:
    return folded[_title_start(folded, line):_title_end(folded, line)]


class HeaderFlags:
    """Which lines are header lines; a line under a label that stands alone (• 成文日期：) is its value.
    Worked out line by line only as far as they are asked for: the header is a few of the 40 lines."""

    __slots__ = ("_flags", "_folded", "_label_above", "_lines", "_page")

    def __init__(self, folded: str, lines: list[Line]) -> None:
        self._folded, self._lines = folded, lines
        self._flags: list[bool] = []
        self._page: dict[int, bool] = {}
        self._label_above = False

    def __getitem__(self, i: int) -> bool:
        while len(self._flags) <= i:
            n = len(self._flags)
            text = _line_text(self._folded, self._lines[n])  # IndexError past the lines
            header = _header_line(text, partial(self.page_header, n))
            self._flags.append((self._label_above and len(text) <= _VALUE_MAX) or header)
            # • 信息索引号： / 成文日期： — a page-header label whose value is on the next line
            self._label_above = not self._label_above and len(text) <= 20 and text.endswith(":") and header
        return self._flags[i]

    def page_header(self, i: int) -> bool:
        """:func:`is_page_header` of line ``i``, worked out once."""
        if i not in self._page:
            self._page[i] = is_page_header(_line_text(self._folded, self._lines[i]))
        return self._page[i]


def is_title(text: str) -> bool:
    """A title: short, names the notice, no sentence punctuation, no marker, no label."""
    return (
        4 <= len(text) <= 90
        and bool(P.TITLE_WORDS.search(text))
        and not P.BLOCK_MARKER.match(text)
        and not P.HEADER_KEY.search(text)
        and not any(ch in text for ch in ",。;:!?")
        and not P.FURNITURE_LINE.search(text)
    )


def title_score(text: str) -> int:
    """How much a title-like line looks like the notice's title (关于……整改……的通报 scores highest)."""
    return (2 * bool(P.TITLE_END.search(text)) + bool(P.TITLE_ABOUT.search(text))
            + bool(P.TITLE_SUBJECT.search(text)) - (" " in text.strip()))


def is_page_header(text: str) -> bool:
    """时间：…… 来源：……, or a date and a label (2021-02-23 12:42:06来源：……), a bulleted label (- 成文时间：……),
    or a date with the site's or paper's name and nothing else (2024-10-08 15:30 某省纪委监委网站 /
    某某日报 2024-07-12): a line of the page header."""
    text = text.lstrip("•·-–—* \t")
    return P.HEADER_KEY.match(text) is not None or len(P.HEADER_KEY.findall(text)) >= 2 or (
        P.DATE.match(text) is not None and P.HEADER_KEY.search(text) is not None) or (
        P.DATED_NAME_LINE.fullmatch(text) is not None) or len(P.DISCLOSURE_LABEL.findall(text)) >= 2


def is_header_line(text: str) -> bool:
    """Page-header lines (时间：/来源：…), page furniture, and a date on its own line (（2024年3月18日）)."""
    return _header_line(text, lambda: is_page_header(text))


def _header_line(text: str, page_header: Callable[[], bool]) -> bool:
    """:func:`is_header_line`, with the page-header test given (worked out once per line by HeaderFlags)."""
    return len(text) <= 300 and (page_header() or _furniture(text))


def _furniture(text: str) -> bool:
    return bool(P.FURNITURE_LINE.search(text) or P.TITLE_DATE_LINE.match(text))


def find_header(folded: str, lines: list[Line]) -> Header:
    """The header: everything up to the last title or page-header line near the top."""
    nonblank = [ln for ln in lines if not ln.blank][:_HEADER_SCAN]
    flags = HeaderFlags(folded, nonblank)
    candidates = [(title_score(_title_text(folded, ln)), -i) for i, ln in enumerate(nonblank[:_TITLE_SCAN])
                  if is_title(_title_text(folded, ln)) or _headline(folded, nonblank, flags, i)]
    title_idx = -max(candidates)[1] if candidates else None
    end_idx = -1 if title_idx is None else title_idx + _title_runs_on(folded, nonblank, title_idx)
    title_text = None if title_idx is None else _title_text(folded, nonblank[title_idx])
    # furniture before the title and header lines / a repeated title after it
    for i, ln in enumerate(nonblank):
        if i <= end_idx:
            continue
        if P.BLOCK_MARKER.match(_line_text(folded, ln)):
            break
        if flags[i] or _title_text(folded, ln) == title_text:
            end_idx = i
            continue
        break
    end_idx = _last_page_header(folded, nonblank, flags, end_idx)
    if end_idx < 0:
        return Header(0, None, ())
    kept = nonblank[: end_idx + 1]
    headers = tuple(ln for i, ln in enumerate(kept) if flags[i])
    span, title_date = _title_and_date(folded, nonblank, title_idx, end_idx)
    if span is None:
        span = _crumb_title(folded, kept)
    unplaced = tuple(ln for ln in kept if ln not in headers and (span is None or ln.content < span[0]))
    return Header(kept[-1].next, span, headers, unplaced, title_date)


_CRUMB = "> »›"


def _crumb_title(folded: str, kept: list[Line]) -> tuple[int, int] | None:
    """A page whose title is shown only as the last step of its navigation trail (首页 > 中共某局党组关于
    巡察整改进展情况的通报): that step, when it reads as a notice's title."""
    for line in kept:
        text = _line_text(folded, line)
        cut = max(text.rfind(ch) for ch in _CRUMB)
        if cut <= 0 or not P.FURNITURE_LINE.search(text):
            continue
        start = line.content + cut + 1
        while start < line.end and folded[start] in " \t":
            start += 1
        if is_title(folded[start:line.end]) and P.TITLE_END.search(folded, start, line.end):
            return start, line.end
    return None


_FURNITURE_MAX = 80  # characters of a line above a page-header line that is still the page's furniture


def _last_page_header(folded: str, nonblank: list[Line], flags: HeaderFlags, end_idx: int) -> int:
    """The header reaches down to a labelled page-header line near the top (发布时间：……) when only short
    lines stand between (a reposting site's banner and headline): the text starts below it."""
    last = end_idx
    for i in range(end_idx + 1, min(len(nonblank), _TITLE_SCAN)):
        text = _line_text(folded, nonblank[i])
        if P.BLOCK_MARKER.match(text) or (len(text) > _FURNITURE_MAX and not flags[i]):
            break
        if flags[i] and flags.page_header(i):
            last = i
    return last


def _title_and_date(folded: str, nonblank: list[Line], title_idx: int | None,
                    end_idx: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The title's span (over two lines when it runs on) and the span of a date that ends its line."""
    if title_idx is None:
        return None, None
    span = _title_span(folded, nonblank, title_idx)
    if span is not None and end_idx > title_idx and _title_runs_on(folded, nonblank, title_idx):
        span = (span[0], nonblank[title_idx + 1].end)
    if span is not None and span[1] == nonblank[title_idx].end > _title_end(folded, nonblank[title_idx]):
        title_date = (_title_end(folded, nonblank[title_idx]), span[1])
        return (span[0], title_date[0]), title_date
    return span, None


def _headline(folded: str, nonblank: list[Line], flags: HeaderFlags, i: int) -> bool:
    """A page's headline: a short unpunctuated line right above its page-header line (来源：… 发布时间：…),
    whatever it says (区委第一巡察组进驻区司法局开展巡察工作); not a reposting site's exclaiming
    headline (处罚5569人！某委通报巡视整改进展)."""
    text = _title_text(folded, nonblank[i])
    return (i + 1 < len(nonblank) and not flags[i] and 4 <= len(text) <= 60
            and flags.page_header(i + 1)
            and not P.BLOCK_MARKER.match(text) and not any(ch in text for ch in ",。;:!?"))


def _title_runs_on(folded: str, nonblank: list[Line], idx: int) -> bool:
    """A title cut before its end (……第二轮巡视整改 / 进展情况的通报, ……进展情况 / 的通报): the next
    line is short, unpunctuated, and ends the title."""
    if idx + 1 >= len(nonblank):
        return False
    line, text = _line_text(folded, nonblank[idx]), _line_text(folded, nonblank[idx + 1])
    if P.TITLE_DONE.search(line) or len(text) > 30 or any(ch in text for ch in ",。;:"):
        return False
    return bool(P.TITLE_END.search(line + text)) and not P.BLOCK_MARKER.match(text)


def _title_span(folded: str, nonblank: list[Line], idx: int) -> tuple[int, int]:
    """The title line, with the line before it when a long title was broken in two: before
    关于 (中共某局党组 / 关于……的通报), or after it (……关于十四届区委第三轮巡察 / 整改情况的通报)."""
    line = nonblank[idx]
    start = _title_start(folded, line)  # after a bullet or a column tag
    if idx == 0:
        return start, line.end
    prev = nonblank[idx - 1]
    text = _line_text(folded, prev)
    starts_about = folded.startswith("关于", line.content)
    has_about = P.TITLE_ABOUT.search(folded, line.content, line.end) is not None
    broken = starts_about or (not has_about and P.TITLE_ABOUT.search(text) is not None)
    if broken and len(text) <= 40 and not P.SIGNATURE_PUNCT.search(text) and not is_header_line(text):
        return prev.content, line.end
    return start, line.end


def _closing_line(text: str) -> bool:
    if len(text) > 400:
        return False
    return bool(
        P.DATE_LINE.match(text)
        or P.FURNITURE_LINE.search(text)
        or is_page_header(text)
        or text.startswith(("欢迎", "如有", "如对", "特此", "附件", "抄送", "抄报", "印发", "(此件"))
        or (P.CONTACT_LINE.search(text) and len(text) <= 200)
        or (len(text) <= 40 and not P.SIGNATURE_PUNCT.search(text))
    )


def find_closing(folded: str, lines: list[Line], floor: int) -> int:
    """Offset where the closing starts (len(text) when there is none).

    Walk back from the end over closing-like lines (dates, signature, contacts,
    invitations); a paragraph that only ends with the invitation is split at
    the sentence where it begins. Never goes above ``floor`` (the last marker line).
    """
    start = len(folded)
    for line in reversed(lines):
        if line.start < floor:
            break
        if line.blank:
            continue
        text = _line_text(folded, line)
        if P.BLOCK_MARKER.match(text) and not P.DATE_LINE.match(text):
            break
        cue = _cue_sentence(folded, line)
        if cue is not None and cue > line.content:  # the invitation starts mid-paragraph
            start = cue
            break
        if _closing_line(text):
            start = line.start
            continue
        if cue is not None:
            start = cue
        break
    return start


def _cue_sentence(folded: str, line: Line) -> int | None:
    """Start of the first sentence of ``line`` that invites supervision or gives contacts."""
    m = P.CLOSING_CUE.search(folded, line.content, line.end)
    if not m:
        return None
    pos = m.start()
    while pos > line.content and folded[pos - 1] not in P.SENTENCE_END:
        pos -= 1
    return pos
