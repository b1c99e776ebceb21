"""Text from a saved web page, with block structure kept as line breaks.

Uses the standard library's HTML parser (a real tokenizer, tolerant of the
broken markup government sites serve). Scripts, styles and the document head
are dropped; page furniture (navigation, breadcrumbs, open-government
metadata, share/print widgets, footers) is removed line by line. The page
<title> and <meta> publication fields fill in what the text lacks.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from . import patterns as P
from .fold import fold

_BLOCK = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5",
    "h6", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "hr", "dl",
    "dt", "dd", "form", "center", "td", "th", "caption", "figure", "figcaption", "main",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button"}
_SPACES = regex.compile(r"[ \t\r\n\f\v\u00a0]+")
_SITE_SUFFIX = regex.compile(r"\s*[-_|—–]+\s*[^-_|—–]*$")
_HTML_SNIFF = regex.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", regex.IGNORECASE)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            name = (a.get("name") or a.get("property") or "").lower()
            if name and a.get("content"):
                self.meta[name] = a["content"]
        if tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.current.append(data)

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []


def looks_like_html(text: str) -> bool:
    """True for content that is an HTML document rather than plain text."""
    return bool(_HTML_SNIFF.match(text[:2000]))


def html_to_text(markup: str) -> str:
    """The readable text of a page: one line per block, furniture removed."""
    ex = _Extractor()
    ex.feed(markup)
    ex.close()
    ex.flush()
    lines = [ln for ln in ex.lines if not _furniture(ln)]
    title = _page_title(ex)
    if title and not any(fold(title) == fold(ln) for ln in lines[:12]):
        lines.insert(0, title)
    date = ex.meta.get("pubdate") or ex.meta.get("publishdate")
    if date and not any(P.HEADER_KEY.search(fold(ln)) for ln in lines[:12]):
        lines.insert(1 if title else 0, f"发布时间：{date.strip()}")
    return "\n".join(lines) + "\n"


def _furniture(line: str) -> bool:
    folded = fold(line)
    if P.HEADER_KEY.search(folded) and not P.FURNITURE_LINE.match(folded):
        return False  # 发布时间/来源 lines are kept: they carry the date and the source
    return bool(P.FURNITURE_LINE.search(folded)) and len(line) < 300


def _page_title(ex: _Extractor) -> str | None:
    for key in ("articletitle", "og:title", "title"):
        if ex.meta.get(key):
            return html.unescape(ex.meta[key]).strip()
    raw = _SPACES.sub(" ", "".join(ex.title)).strip()
    return _SITE_SUFFIX.sub("", raw) if raw else None
