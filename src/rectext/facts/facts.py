"""Stage 5: facts about the notice — title, issuer, date of issue, source.

Each value comes from a known place: the title line, the page-header lines,
the signature block of the closing.
"""

from __future__ import annotations

from .. import rx
from ..records import Record, span
from ..structure.layout import Header
from ..text import patterns as P
from ..text.lines import Line
from . import contacts, declared, inspection, quantities
from .dates import first_date, match_iso

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..records import Parts, SpanRecord

_SOURCE = rx.compile(r"(?:信息来源|文章来源|来源)\s*:\s*(?P<v>[^\s|【】\[\]]+)")
_ISSUER_END = rx.compile(r"关于")
_SUBJECT = rx.compile(r"巡察|巡视|落实|对照")


def extract(text: str, folded: str, lines: list[Line], header: Header, parts: Parts) -> Record:
    """Every fact about the notice, as keyword arguments for :class:`Notice`."""
    spans: dict[str, SpanRecord] = {}
    title = None
    if header.title:
        title = _joined(text, *header.title)
        spans["title"] = span(*header.title)
    footer = _footer_start(folded, lines, parts["closing"]["start"])
    closing = _closing_lines(lines, parts["closing"]["start"], footer)
    issuer = _issuer(text, folded, header, spans) or _signature(text, folded, closing, spans)
    date = _signature_date(folded, closing, spans) or _header_date(folded, header, spans)
    regions = [r for r in (header.title, (parts["preamble"]["start"], parts["preamble"]["end"]),
                           (parts["body"]["start"], parts["body"]["end"])) if r]
    after_header = parts["preamble"]["start"]
    found_quantities = quantities.extract(text, folded, after_header)
    return {
        "title": title,
        "issuer": issuer,
        "date": date,
        "source": _source(text, folded, header, spans),
        "inspection": inspection.extract(text, folded, regions, issuer, date),
        "declared": declared.extract(folded, regions),
        "contacts": contacts.extract(text, folded, after_header, footer),
        "quantities": found_quantities,
        "outcomes": quantities.outcomes(text, folded, found_quantities, after_header),
        "spans": spans,
    }


def _joined(text: str, start: int, end: int) -> str:
    """A span that may run over a line break (a title broken in two), as one line."""
    return "".join(line.strip() for line in text[start:end].splitlines())


def _issuer(text: str, folded: str, header: Header, spans: dict[str, SpanRecord]) -> str | None:
    """The title before 关于: 中共XX局党组关于……的通报 → 中共XX局党组; without 关于, an
    organisation's name before the subject: 中共XX局党组巡察整改情况通报 → 中共XX局党组."""
    if not header.title:
        return None
    start, end = header.title
    m = _ISSUER_END.search(folded, start, end)
    if m is None:
        m = _SUBJECT.search(folded, start, end)
        if m is None or not P.ORGANISATION.search(folded, start, m.start()):
            return None
    if m.start() - start < 2:
        return None
    value = _joined(text, start, m.start())
    spans["issuer"] = span(start, m.start())
    return value or None


def _closing_lines(lines: list[Line], start: int, footer: int) -> list[tuple[int, int]]:
    """(start, end) of the non-blank lines of the closing above the page footer, bottom first."""
    return [(ln.content, ln.end) for ln in reversed(lines) if not ln.blank and start <= ln.content < footer]


def _footer_start(folded: str, lines: list[Line], closing: int) -> int:
    """Where the site's own footer starts (【打印】, 版权所有, 主办单位, ICP备 …): its phones, addresses
    and dates are the website's, not the notice's."""
    for ln in lines:
        if ln.content >= closing and not ln.blank and P.FURNITURE_LINE.search(folded[ln.content:ln.end]):
            return ln.start
    return len(folded)


def _signature_date(folded: str, lines: list[tuple[int, int]], spans: dict[str, SpanRecord]) -> str | None:
    """The date of the signature block: the last date line of the closing, else a date that ends
    one of its last lines (中共XX委员会 2024年1月5日 on one line)."""
    for s, e in lines:
        if P.DATE_LINE.match(folded, s, e):
            found = first_date(folded, s, e)
            if found:
                spans["date"] = span(found[1], found[2])
                return found[0]
    for s, e in lines[:3]:
        tail = [m for m in P.DATE.finditer(folded, s, e) if not folded[m.end():e].strip()]
        if tail and match_iso(tail[-1]):
            spans["date"] = span(tail[-1].start(), tail[-1].end())
            return match_iso(tail[-1])
    return None


def _signature(text: str, folded: str, lines: list[tuple[int, int]], spans: dict[str, SpanRecord]) -> str | None:
    """The signature: the short line right above the closing's date line; of a joint signature
    (中共某镇委员会 / 某镇人民政府 on lines of their own) the first; without a stamp note (（盖章）)."""
    for i, (s, e) in enumerate(lines):
        if P.DATE_LINE.match(folded, s, e) and i + 1 < len(lines):
            top = i + 1
            if not _signature_line(folded, *lines[top]):
                return None
            while top + 1 < len(lines) and _signature_line(folded, *lines[top + 1]) \
                    and P.ORGANISATION.search(folded, *lines[top + 1]):
                top += 1
            ps, pe = lines[top]
            stamp = P.STAMP_NOTE.search(folded, ps, pe)
            pe = stamp.start() if stamp else pe
            spans["issuer"] = span(ps, pe)
            return text[ps:pe].strip() or None
    return None


def _signature_line(folded: str, start: int, end: int) -> bool:
    return end - start <= 40 and not P.SIGNATURE_PUNCT.search(folded, start, end)


def _header_date(folded: str, header: Header, spans: dict[str, SpanRecord]) -> str | None:
    """The first date of the page-header lines (发布时间 / 更新时间 / 成文日期 / 日期 …), else the
    date that ends the title line."""
    regions = [(line.content, line.end) for line in header.header_lines]
    for start, end in regions + ([header.title_date] if header.title_date else []):
        for m in P.DATE.finditer(folded, start, end):
            value = match_iso(m)
            if value:
                spans["date"] = span(m.start(), m.end())
                return value
    return None


def _source(text: str, folded: str, header: Header, spans: dict[str, SpanRecord]) -> str | None:
    for line in header.header_lines:
        m = _SOURCE.search(folded, line.content, line.end)
        if m:
            end = m.end("v")
            label = P.HEADER_KEY.search(folded, m.start("v"), end)  # 来源:区司法局作者:… — the next label ends it
            end = label.start() if label else end
            if end <= m.start("v"):
                continue
            spans["source"] = span(m.start("v"), end)
            return text[m.start("v"):end].strip() or None
    return None
