"""Text from a PDF's text layer, page by page, without the page furniture.

The text is extracted with pypdfium2 (PDFium, the engine of Chrome's PDF viewer:
fast, Apache/BSD licensed, and it reads the CID-keyed Chinese fonts of official
documents). Each page's lines come in reading order; a line set in from the page's
left margin is written with a two-character indent (a paragraph's first line, a
centred title), which tells the unwrap stage where paragraphs start. Running page
headers and footers (lines at the top or bottom of most pages that differ only in
their digits) and page numbers (— 3 —, 第3页) are removed and counted. Hard-wrapped
lines are joined back later, by :mod:`rectext.unwrap`, as for any wrapped text.

A PDF with no text layer (a scan) or locked by a password is refused with a line
that says what to do.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import NamedTuple

import regex

_PAGE_NUMBER = regex.compile(
    r"\s*(?:[-—－–]*\s*\d{1,4}\s*[-—－–]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*", regex.IGNORECASE)
_EDGE = 2  # lines at the top and at the bottom of a page where headers, footers and numbers stand
_INDENT = "\u3000\u3000"
_SIGN = regex.compile(r"[\p{P}\p{S}\s]")
_HAN = regex.compile(r"[\p{Han}\p{InCJK_Symbols_and_Punctuation}\p{InHalfwidth_and_Fullwidth_Forms}“”‘’—…·]")
_UNREADABLE = regex.compile(r"[\ufffd\p{Co}\p{Cc}--[\t\n\r]]", regex.VERSION1)


class Line(NamedTuple):
    """A printed line: its text (set-in lines indented), and whether it runs to the right margin
    (``full``: the line was broken by the width of the page, not by the end of a paragraph)."""

    text: str
    full: bool


def pdf_to_text(data: bytes) -> tuple[str, dict[str, int], frozenset[int]]:
    """The text of a PDF, what was removed (page_headers, page_numbers, pages_without_text), and
    the numbers of its lines that run to the right margin (for :func:`rectext.unwrap.unwrap`).

    ``InputError`` for a damaged or encrypted file and for one without readable text.
    """
    import pypdfium2 as pdfium

    from .reader import InputError

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("the PDF is encrypted with a password: decrypt it first, e.g. "
                             "qpdf --password=PASSWORD --decrypt FILE.pdf OUT.pdf") from None
        raise InputError(f"damaged PDF: {exc}") from None
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    return _assemble(pages)


def _assemble(pages: list[list[Line]]) -> tuple[str, dict[str, int], frozenset[int]]:
    from .reader import InputError

    chars = sum(len(ln.text.strip()) for page in pages for ln in page)
    if not chars:
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, e.g. "
                         "ocrmypdf -l chi_sim FILE.pdf OUT.pdf")
    unreadable = sum(len(_UNREADABLE.findall(ln.text)) for page in pages for ln in page)
    if unreadable > chars * 0.3:
        raise InputError("the PDF's fonts map their glyphs to no characters, so its text cannot be "
                         "extracted: run OCR on it, e.g. ocrmypdf --force-ocr -l chi_sim FILE.pdf OUT.pdf")
    kept, counts = _without_furniture(pages)
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


def _page_lines(page) -> list[Line]:
    """A page's lines top to bottom, each read left to right, set-in lines indented."""
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
    return _indented([line for line in _rows(chars) if line])


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


def _indented(rows: list[list[_Char]]) -> list[Line]:
    """Each line's text and whether it is full; lines that start to the right of the page's left
    margin get an indent. Full: it starts at the margin (or a paragraph's indent from it) and
    ends near the right margin."""
    lines = [(_line_text(row), row[0].left, row[-1].right) for row in rows]
    lefts = [left for text, left, _ in lines if len(text) >= 10]
    if not lefts:
        return [Line(text, False) for text, _, _ in lines if text]
    margin = min(lefts)
    # the right margin: where the last letter (not a sign, which may hang past it) of the longest
    # body line ends (a page number or a header set in the margin does not count)
    edge = max((c.right for row, (text, _, _) in zip(rows, lines, strict=True) if len(text) >= 10
                for c in row[-2:] if not _SIGN.match(c.text)), default=lines[0][2])
    em = max(statistics.median(row[0].top - row[0].bottom for row in rows), 4.0)
    # a full line may stop two characters and a half short: signs that may not start a line take
    # the characters before them along (做到举一反 / 三、……), and half-width signs stretch unevenly
    return [Line((_INDENT if left - margin >= 1.5 * em else "") + text,
                 left - margin <= 2.5 * em and right >= edge - 2.5 * em) for text, left, right in lines if text]


def _key(line: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", line))


def _without_furniture(pages: list[list[Line]]) -> tuple[list[Line], dict[str, int]]:
    """All pages' lines without running headers, footers and page numbers, with their counts."""
    edges = [{i for i in range(len(p)) if i < _EDGE or i >= len(p) - _EDGE} for p in pages]
    seen = Counter(key for page, edge in zip(pages, edges, strict=True)
                   for key in {_key(page[i].text) for i in edge})
    running = {key for key, n in seen.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    counts = {"page_headers": 0, "page_numbers": 0, "pages_without_text": 0}
    kept: list[Line] = []
    for page, edge in zip(pages, edges, strict=True):
        counts["pages_without_text"] += not page
        for i, line in enumerate(page):
            if i in edge and _PAGE_NUMBER.fullmatch(line.text.strip()):
                counts["page_numbers"] += 1
            elif i in edge and _key(line.text) in running:
                counts["page_headers"] += 1
            else:
                kept.append(line)
    return kept, counts
