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

import regex

_PAGE_NUMBER = regex.compile(
    r"\s*(?:[-—－–]*\s*\d{1,4}\s*[-—－–]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*", regex.IGNORECASE)
_EDGE = 2  # lines at the top and at the bottom of a page where headers, footers and numbers stand
_INDENT = "\u3000\u3000"
_LINE = regex.compile(r"[^\S\r\n]*\K[^\r\n]*\S")  # a line, from its first visible character
_UNREADABLE = regex.compile(r"[\ufffd\p{Co}\p{Cc}--[\t\n\r]]", regex.VERSION1)


def pdf_to_text(data: bytes) -> tuple[str, dict[str, int]]:
    """The text of a PDF and what was removed (page_headers, page_numbers, pages_without_text).

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


def _assemble(pages: list[list[str]]) -> tuple[str, dict[str, int]]:
    from .reader import InputError

    chars = sum(len(ln.strip()) for page in pages for ln in page)
    if not chars:
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, e.g. "
                         "ocrmypdf -l chi_sim FILE.pdf OUT.pdf")
    unreadable = sum(len(_UNREADABLE.findall(ln)) for page in pages for ln in page)
    if unreadable > chars * 0.3:
        raise InputError("the PDF's fonts map their glyphs to no characters, so its text cannot be "
                         "extracted: run OCR on it, e.g. ocrmypdf --force-ocr -l chi_sim FILE.pdf OUT.pdf")
    kept, counts = _without_furniture(pages)
    cleaned = {name: n for name, n in counts.items() if n}
    return "\n".join(kept) + "\n", cleaned


def _page_lines(page) -> list[str]:
    """A page's lines in the order PDFium reads them, each set-in line indented."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        count = textpage.count_chars()
        lines: list[tuple[str, float | None, float | None]] = []
        for m in _LINE.finditer(text):
            box = textpage.get_charbox(m.start()) if m.start() < count else None
            lines.append((m.group().strip(), box[0] if box else None, box[2] - box[0] if box else None))
    finally:
        textpage.close()
        page.close()
    return _indented(lines)


def _indented(lines: list[tuple[str, float | None, float | None]]) -> list[str]:
    """Lines that start to the right of the page's left margin get an indent."""
    lefts = [left for text, left, _ in lines if left is not None and len(text) >= 10]
    widths = [w for _, _, w in lines if w]
    if not lefts or not widths:
        return [text for text, _, _ in lines]
    margin, em = min(lefts), max(statistics.median(widths), 4.0)
    return [(_INDENT if left is not None and left - margin >= 1.5 * em else "") + text
            for text, left, _ in lines]


def _key(line: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", line))


def _without_furniture(pages: list[list[str]]) -> tuple[list[str], dict[str, int]]:
    """All pages' lines without running headers, footers and page numbers, with their counts."""
    edges = [{i for i in range(len(p)) if i < _EDGE or i >= len(p) - _EDGE} for p in pages]
    seen = Counter(key for page, edge in zip(pages, edges, strict=True) for key in {_key(page[i]) for i in edge})
    running = {key for key, n in seen.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    counts = {"page_headers": 0, "page_numbers": 0, "pages_without_text": 0}
    kept: list[str] = []
    for page, edge in zip(pages, edges, strict=True):
        counts["pages_without_text"] += not page
        for i, line in enumerate(page):
            if i in edge and _PAGE_NUMBER.fullmatch(line.strip()):
                counts["page_numbers"] += 1
            elif i in edge and _key(line) in running:
                counts["page_headers"] += 1
            else:
                kept.append(line)
    return kept, counts
