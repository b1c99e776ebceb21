"""Text from a PDF's text layer, page by page, without the page furniture.

The text is extracted with pypdfium2 (PDFium, the engine of Chrome's PDF viewer:
fast, Apache/BSD licensed, and it reads the CID-keyed Chinese fonts of official
documents). Characters are put into lines by where they stand and read left to right
(a word processor does not always draw them in reading order), without the spaces PDFium
makes up beside Chinese characters. Running page headers and footers (lines set apart at
the top or bottom of most pages that differ only in their digits) and page numbers
(— 3 —, 第3页) are removed and counted. A printed table of problems is put back together,
row by row, even over pages. A line set in from the page's left margin is written with a
two-character indent (a paragraph's first line, a centred title), and the lines that run
to the right margin are marked: :mod:`rectext.read.unwrap` joins those with the next where the
text runs on.

A PDF with no text layer (a scan) or locked by a password is refused with a line
that says what to do.
"""

from __future__ import annotations

import statistics
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, cast

import regex

from .. import rx
from ..text.patterns import PAGE_NUMBER

if TYPE_CHECKING:  # pragma: no cover
    import pypdfium2 as pdfium

_EDGE = 2  # lines at the top and at the bottom of a page where headers, footers and numbers stand
_INDENT = "\u3000\u3000"
_SIGN = rx.compile(r"[\p{P}\p{S}\s]")
_HAN = rx.compile(r"[\p{Han}\p{InCJK_Symbols_and_Punctuation}\p{InHalfwidth_and_Fullwidth_Forms}“”‘’—…·]")
_UNREADABLE = rx.compile(r"[\ufffd\p{Co}\p{Cc}--[\t\n\r]]", regex.VERSION1)


class Line(NamedTuple):
    """A printed line: its text (set-in lines indented), and whether it runs to the right margin
    (``full``: the line was broken by the width of the page, not by the end of a paragraph)."""

    text: str
    full: bool


_DIGITS, _SPACES = rx.compile(r"\d+"), rx.compile(r"\s+")

def pdf_to_text(data: bytes) -> tuple[str, dict[str, int], frozenset[int]]:
    """The text of a PDF, what was removed (page_headers, page_numbers, pages_without_text), and
    the numbers of its lines that run to the right margin (for :func:`rectext.read.unwrap.unwrap`).

    ``InputError`` for a damaged or encrypted file and for one without readable text.
    """
    import pypdfium2 as pdfium

    from .errors import InputError

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("the PDF is encrypted with a password: decrypt it first, e.g. "
                             "qpdf --password=PASSWORD --decrypt FILE.pdf OUT.pdf") from None
        raise InputError(f"damaged PDF: {exc}") from None
    try:
        pages = [_page_rows(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    return _assemble(pages)


_Row = list["_Char"]  # a printed line: its characters (_Char), left to right; or a Line already made


def _text(row: _Row | Line) -> str:
    return row.text if isinstance(row, Line) else _line_text(row)


def _assemble(pages: list[list[_Row | Line]]) -> tuple[str, dict[str, int], frozenset[int]]:
    """Pages of rows to the text: checks, furniture out, tables of problems written out (a table may
    run over pages), lines indented and told full."""
    from .errors import InputError

    texts = [_text(row) for page in pages for row in page]
    chars = sum(len(t.strip()) for t in texts)
    if not chars:
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, e.g. "
                         "ocrmypdf -l chi_sim FILE.pdf OUT.pdf")
    unreadable = sum(len(_UNREADABLE.findall(t)) for t in texts)
    if unreadable > chars * 0.3:
        raise InputError("the PDF's fonts map their glyphs to no characters, so its text cannot be "
                         "extracted: run OCR on it, e.g. ocrmypdf --force-ocr -l chi_sim FILE.pdf OUT.pdf")
    pages, counts = _without_furniture(pages)
    table = _OpenTable()
    kept = [line for rows in pages for line in _indented(_with_tables(rows, table))]
    kept.extend(table.close())  # a table that ran to the foot of the last page
    cleaned = {name: n for name, n in counts.items() if n}
    return "\n".join(ln.text for ln in kept) + "\n", cleaned, frozenset(i for i, ln in enumerate(kept) if ln.full)


class _Char(NamedTuple):
    text: str
    left: float
    bottom: float
    right: float
    top: float
    made_up: bool = False  # a space PDFium inferred from the room between two characters

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


def _page_rows(page: pdfium.PdfPage) -> list[_Row | Line]:
    """A page's printed lines top to bottom, each read left to right."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count, text = textpage.count_chars(), textpage.get_text_range()
        if len(text) != count:  # characters outside the BMP: indexes differ, keep PDFium's own order
            return [Line(ln.strip(), False) for ln in text.splitlines() if ln.strip()]
        chars = []
        for i, ch in enumerate(text):
            if ch not in "\r\n":
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                made_up = ch == " " and bool(pdfium_c.FPDFText_IsGenerated(textpage.raw, i))
                chars.append(_Char(ch, left, bottom, right, top, made_up))
    finally:
        textpage.close()
        page.close()
    return [row for row in _rows(chars) if _line_text(row)]


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by where they stand, each line left to right.

    PDFium gives them in the order they are drawn, which is not always the order they are
    read: a word processor may draw a line's quotation marks, set in a Latin font, after its
    Chinese text.
    """
    if not chars:
        return []
    heights = sorted(c.top - c.bottom for c in chars if not c.text.isspace())
    tolerance = heights[len(heights) // 2] / 2 if heights else 1.0
    rows: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: -c.middle):
        if rows and abs(rows[-1][0].middle - c.middle) <= tolerance:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [sorted(row, key=lambda c: c.left) for row in rows]


def _line_text(row: list[_Char]) -> str:
    """A line's text. A space PDFium made up between Latin letters or digits stays (PDF file);
    one beside a Chinese character goes (截至2024年: the word processor only left room)."""
    kept = [c.text for before, c, after in zip([None, *row[:-1]], row, [*row[1:], None], strict=True)
            if not c.made_up or (before is not None and after is not None
                                 and not _HAN.match(before.text) and not _HAN.match(after.text))]
    return "".join(kept).strip()


def _indented(items: list[list[_Char] | Line]) -> list[Line]:
    """Each line's text and whether it is full; lines that start to the right of the page's left
    margin get an indent. Full: it starts at the margin (or a paragraph's indent from it) and
    ends near the right margin. A table already written out (a :class:`Line`) stays as it is."""
    rows = [item for item in items if not isinstance(item, Line)]
    texts = {id(row): _line_text(row) for row in rows}
    lefts = [row[0].left for row in rows if len(texts[id(row)]) >= 10]
    if not lefts:
        return [item if isinstance(item, Line) else Line(texts[id(item)], False) for item in items
                if isinstance(item, Line) or texts[id(item)]]
    margin = min(lefts)
    # the right margin: where the last letter (not a sign, which may hang past it) of the longest
    # body line ends (a page number or a header set in the margin does not count)
    edge = max((c.right for row in rows if len(texts[id(row)]) >= 10 for c in row[-2:] if not _SIGN.match(c.text)),
               default=rows[0][-1].right)
    em = _em(rows)
    out = []
    for item in items:
        if isinstance(item, Line):
            out.append(item)
        elif texts[id(item)]:
            left, right = item[0].left, item[-1].right
            # a full line may stop two characters and a half short: signs that may not start a line
            # take the characters before them along (做到举一反 / 三、……), half-width signs stretch unevenly
            out.append(Line((_INDENT if left - margin >= 1.5 * em else "") + texts[id(item)],
                            left - margin <= 2.5 * em and right >= edge - 2.5 * em))
    return out


def _em(rows: list[list[_Char]]) -> float:
    """The body's character height (the median of the lines' first characters)."""
    return max(statistics.median(row[0].top - row[0].bottom for row in rows), 4.0) if rows else 12.0


# ---------------------------------------------------------------- tables of problems

_CELL_GAP = 0.8  # of a character's height: room between characters that separates table cells


def _cells(row: list[_Char], em: float) -> list[tuple[str, float]]:
    """A line cut where the room between two characters says a table's cell ends: (text, left)."""
    cells, current = [], [row[0]]
    for before, c in pairwise(row):
        if c.left - before.right > _CELL_GAP * em:
            cells.append(current)
            current = []
        current.append(c)
    cells.append(current)
    return [(text, part[0].left) for part in cells if (text := _line_text(part))]


class _OpenTable:
    """A table of problems that ran to the foot of a page: its columns and rows so far (the header
    first), written out when it ends, on this page or a later one."""

    def __init__(self) -> None:
        self.anchors: list[float] = []
        self.grid: list[list[str]] | None = None

    def close(self) -> list[Line]:
        """The table written out (no lines when it is no table of problems after all)."""
        from .htmltext import problem_table

        written = problem_table(self.grid) if self.grid and len(self.grid) > 1 else None
        self.grid = None
        return [Line(line, False) for line in (written or "").split("\n") if line]


def _with_tables(rows: list[_Row | Line], table: _OpenTable) -> list[_Row | Line]:
    """The page's lines, with each table of problems (a header row naming 序号 and a 问题 column)
    written out as the web-page reader writes one: 1.<problem>, then <column header>：<cell>. A
    table that ran to the foot of the page before goes on in the same columns without a header."""
    if any(isinstance(row, Line) for row in rows):  # a page read without positions
        return list(rows)
    return _tables_on(cast("list[list[_Char]]", rows), table)


def _tables_on(rows: list[list[_Char]], table: _OpenTable) -> list[_Row | Line]:
    em = _em(rows)
    out: list[list[_Char] | Line] = []
    i = 0
    if table.grid is not None:
        i = _carry_on(rows, em, table, out)
    while i < len(rows):
        if table.grid is None:
            header = _cells(rows[i], em)
            if len(header) < 3 or not _names_problems([text for text, _ in header]):
                out.append(rows[i])
                i += 1
                continue
            table.anchors, table.grid = [left for _, left in header], [[text for text, _ in header]]
            i += 1
        i, ended = _table_rows(rows, i, em, table)
        if not ended:  # it ran to the foot of the page: it may go on overleaf
            out.extend(rows[i:])
            break
        out.extend(table.close())
    return out


def _names_problems(header: list[str]) -> bool:
    from .htmltext import problem_table

    return problem_table([header, ["1", *(["x"] * (len(header) - 1))]]) is not None


def _carry_on(rows: list[list[_Char]], em: float, table: _OpenTable, out: list[_Row | Line]) -> int:
    """The top of a page under a table from the page before: the ends of cells the page cut (set
    in their columns) go on with its last row; a running header stays a line. Returns where its
    rows go on."""
    for i, row in enumerate(rows[:_EDGE + 3]):
        cells = _cells(row, em)
        columns = [_column(table.anchors, left, em) for _, left in cells]
        if columns and columns[0] == 0 and len(cells) >= 2:
            return i
        if columns and all(c is not None and abs(left - table.anchors[c]) <= em
                           for (_, left), c in zip(cells, columns, strict=True)):
            assert table.grid is not None
            for (text, _), column in zip(cells, columns, strict=True):
                table.grid[-1][column or 0] += text
        else:
            out.append(row)
    return min(len(rows), _EDGE + 3)


def _table_rows(rows: list[list[_Char]], j: int, em: float, table: _OpenTable) -> tuple[int, bool]:
    """The rows of the open table from line ``j`` on, added to it; returns the line after them and
    whether the table ended there (else it ran to the foot of the page and may go on overleaf).

    Columns stand where the header's cells start. A line with text in the first column (the
    serial number) starts a row; one without goes on with the cells of the row above (a cell's
    text wrapped within its column). The table ends at a line that does not sit in the columns,
    such as a paragraph from the left margin; a short line at the foot of the page (its number)
    only interrupts it.
    """
    grid = table.grid
    assert grid is not None
    while j < len(rows):
        cells = _cells(rows[j], em)
        columns = [_column(table.anchors, left, em) for _, left in cells]
        placed = [c for c in columns if c is not None]
        if placed and placed[0] == 0 and len(cells) == 1 and len(cells[0][0]) > 6:
            return j, True  # a paragraph
        if len(placed) < len(columns) or placed != sorted(set(placed)) or (j >= len(rows) - _EDGE
                                                                            and len(cells) < 2):
            return j, j < len(rows) - _EDGE
        if placed[0] == 0 or len(grid) == 1:
            grid.append([""] * len(table.anchors))
        for (text, _), column in zip(cells, placed, strict=True):
            grid[-1][column] += text
        j += 1
    return j, False


def _column(anchors: list[float], left: float, em: float) -> int | None:
    """The column a cell starting at ``left`` sits in: the last one starting before it (a little
    slack for padding); None when it starts left of the table."""
    if left < anchors[0] - 1.5 * em:
        return None
    return max(k for k, anchor in enumerate(anchors) if anchor <= left + em or k == 0)


def _key(line: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub("", line))


def _margin_rows(page: list[_Row | Line]) -> set[int]:
    """The rows that may be a page's header or footer: at most :data:`_EDGE` at the top and at the
    bottom, set apart from the body by more room than its lines leave between them (a table's
    rows at the foot of a page are body, however alike they are from page to page)."""
    if any(isinstance(row, Line) for row in page) or len(page) < 3:  # no positions: the edges
        return {i for i in range(len(page)) if i < _EDGE or i >= len(page) - _EDGE}
    middles = [cast("list[_Char]", row)[0].middle for row in page]
    gaps = [a - b for a, b in pairwise(middles)]
    apart = 1.25 * statistics.median(gaps)
    top = next((set(range(k + 1)) for k in range(min(_EDGE, len(gaps))) if gaps[k] > apart), set())
    bottom = next((set(range(len(page) - 1 - k, len(page))) for k in range(min(_EDGE, len(gaps)))
                   if gaps[len(gaps) - 1 - k] > apart), set())
    return top | bottom


def _without_furniture(pages: list[list[_Row | Line]]) -> tuple[list[list[_Row | Line]], dict[str, int]]:
    """The pages' rows without running headers, footers and page numbers, with their counts."""
    edges = [_margin_rows(page) for page in pages]
    seen = Counter(key for page, edge in zip(pages, edges, strict=True) for key in {_key(_text(page[i])) for i in edge})
    running = {key for key, n in seen.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    counts = {"page_headers": 0, "page_numbers": 0, "pages_without_text": 0}
    kept: list[list[_Row | Line]] = []
    for page, edge in zip(pages, edges, strict=True):
        counts["pages_without_text"] += not page
        kept.append([])
        for i, row in enumerate(page):
            text = _text(row)
            if i in edge and (PAGE_NUMBER.match(text) or text.strip().isdigit()):  # a bare 3 too, at the edge
                counts["page_numbers"] += 1
            elif i in edge and _key(text) in running:
                counts["page_headers"] += 1
            else:
                kept[-1].append(row)
    return kept, counts
