"""Stage 5: facts about the notice — title, issuer, date of issue, source.

Each value comes from a known place: the title line, the page-header lines,
the signature block of the closing.
"""

from __future__ import annotations

from typing import Any

import regex

from . import patterns as P
from .dates import first_date, match_iso
from .layout import Header
from .lines import split_lines
from .models import Parts

_SOURCE = regex.compile(r"(?:信息来源|文章来源|来源)\s*:\s*(?P<v>[^\s|]+)")
_ISSUER_END = regex.compile(r"关于")


def extract(text: str, folded: str, header: Header, parts: Parts) -> dict[str, Any]:
    """The facts the core parse fills in, as keyword arguments for :class:`Notice`."""
    title = None
    if header.title:
        title = "".join(line.strip() for line in text[header.title[0]:header.title[1]].splitlines())
    signature, sig_date = _signature(text, folded, parts.closing.start)
    return {
        "title": title,
        "issuer": _issuer(text, folded, header) or signature,
        "date": sig_date or _header_date(folded, header),
        "source": _source(text, folded, header),
    }


def _issuer(text: str, folded: str, header: Header) -> str | None:
    """The title before 关于: 中共XX局党组关于……的通报 → 中共XX局党组."""
    if not header.title:
        return None
    start, end = header.title
    m = _ISSUER_END.search(folded, start, end)
    if not m or m.start() - start < 2:
        return None
    return text[start:m.start()].strip() or None


def _signature(text: str, folded: str, start: int) -> tuple[str | None, str | None]:
    """The signature line and the date below it, from the closing."""
    lines = [ln for ln in split_lines(folded[start:]) if not ln.blank]
    sig = date = None
    for i in range(len(lines) - 1, -1, -1):
        line_text = folded[start + lines[i].content:start + lines[i].end]
        if date is None and P.DATE_LINE.match(line_text):
            date = first_date(folded, start + lines[i].content, start + lines[i].end)
            if i > 0:
                prev = lines[i - 1]
                cand = text[start + prev.content:start + prev.end].strip()
                if cand and len(cand) <= 40 and not P.SIGNATURE_PUNCT.search(folded[start + prev.content:
                                                                                      start + prev.end]):
                    sig = cand
            break
    return sig, (date[0] if date else None)


def _header_date(folded: str, header: Header) -> str | None:
    for line in header.header_lines:
        m = P.DATE.search(folded, line.content, line.end)
        if m and match_iso(m):
            return match_iso(m)
    return None


def _source(text: str, folded: str, header: Header) -> str | None:
    for line in header.header_lines:
        m = _SOURCE.search(folded, line.content, line.end)
        if m:
            value = text[m.start("v"):m.end("v")].strip()
            return value or None
    return None
