"""Text from a saved web page, with block structure kept as line breaks.

The page is parsed with selectolax (the Lexbor HTML5 engine: a real parser,
tolerant of the broken markup government sites serve, and about eight times
faster than the standard library's ``html.parser`` on a 3 MB page). Scripts,
styles and forms are dropped; page furniture (navigation, breadcrumbs,
open-government metadata, share/print widgets, footers) is removed line by
line. The page <title> and <meta> publication fields fill in what the text
lacks. A table of problems (a header row with 序号 and a 问题 column) is read row by
row as the notice would write it: ``1.<problem>``, then ``<column header>：<cell>``
for the other columns (整改措施：1.……；2.……), so its rows parse as problems and
measures.
"""

from __future__ import annotations

import regex

from .. import rx
from ..structure.layout import is_title
from ..text import patterns as P
from ..text.fold import fold

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from selectolax.lexbor import LexborNode

_BLOCK = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5",
    "h6", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "hr", "dl",
    "dt", "dd", "form", "center", "td", "th", "caption", "figure", "figcaption", "main", "title",
}
_SKIP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "select", "button", "head")
_SPACES = rx.compile(r"[ \t\r\n\f\v\u00a0]+")
_SITE_SUFFIX = rx.compile(r"(?<!\s)\s*+[-_|—–]++\s*+[^-_|—–]*+$")
_HTML_SNIFF = rx.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", regex.IGNORECASE)


class _Page:
    """The parts of a page rectext reads: its block lines, <title> and <meta> fields."""

    def __init__(self, markup: str) -> None:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(markup)
        title = tree.css_first("title")
        self.title = title.text(deep=True) if title is not None else ""
        self.meta: dict[str, str] = {}
        for node in tree.css("meta"):
            attrs = node.attributes
            name = (attrs.get("name") or attrs.get("property") or "").lower()
            if name and attrs.get("content"):
                self.meta[name] = attrs["content"] or ""
        for node in tree.css(",".join(_SKIP)):
            node.decompose()
        for table in tree.css("table"):
            text = _problem_table(table)
            if text is not None:
                table.replace_with(text)
        for ol in tree.css("ol"):
            _number_items(ol)
        self.lines = _block_lines(tree.body or tree.root)


_ITEM_TEXT = 8  # an ordered list whose items are this long on average holds text, not links


def _number_items(ol: LexborNode) -> None:
    """Write the numbers a browser shows before an ordered list's items (1. 2. 3.), which are
    not in the page's text; lists of letters or roman numerals, and short link lists, are left."""
    if (ol.attributes.get("type") or "1") != "1":
        return
    items = [li for li in ol.iter() if li.tag == "li"]
    if not items or sum(len(li.text(deep=True).strip()) for li in items) < _ITEM_TEXT * len(items):
        return
    first = _whole(ol.attributes.get("start"), 1)
    for n, li in enumerate(items, first):
        if li.child is not None:
            li.child.insert_before(f"{n}.")
        else:
            li.insert_child(f"{n}.")


_SERIAL = rx.compile(r"序号|编号|序")
_PROBLEM_COLUMN = rx.compile(r"问题(?!类别|类型|分类|来源|性质|领域)")
_NUMBER = rx.compile(r"\d{1,6}")


def _problem_table(table: LexborNode) -> str | None:
    """A table of problems written out as numbered problems with labelled cells; None for other tables."""
    if len(table.css("table")) > 1:  # it holds another table: a layout table
        return None
    return problem_table([r for r in _grid(table) if any(r)])


def problem_table(rows: list[list[str]]) -> str | None:
    """Rows of cell texts (one per grid column, merged places empty) written out as numbered
    problems with labelled cells, when a header row names 序号 and a 问题 column; else None.

    >>> print(problem_table([["序号", "问题", "整改措施"], ["1", "学习不深入", "建立制度"]]).strip())
    1.学习不深入
    整改措施：建立制度
    """
    for at, head in enumerate(rows[:3]):  # the header row, perhaps under a caption row (……情况表)
        header = [fold(h).replace(" ", "") for h in head]
        serial = next((i for i, h in enumerate(header) if _SERIAL.fullmatch(h)), None)
        problem = next((i for i, h in enumerate(header) if _PROBLEM_COLUMN.search(h) and "整改" not in h), None)
        if serial is not None and problem is not None and at + 1 < len(rows):
            break
    else:
        return None
    names = rows[at]
    lines = [" ".join(c for c in row if c) for row in rows[:at]]  # a caption keeps its text
    for n, row in enumerate(rows[at + 1:], 1):
        if len(row) <= problem or not row[problem]:
            lines.append(" ".join(c for c in row if c))  # a row that is not a problem keeps its text
            continue
        number = row[serial] if serial < len(row) and _NUMBER.fullmatch(row[serial]) else str(n)
        lines.append(f"{number}.{row[problem]}")
        lines.extend(f"{names[i]}：{cell}" for i, cell in enumerate(row)
                     if i not in (serial, problem) and cell and i < len(names) and names[i])
    return "\n" + "\n".join(lines) + "\n"


def _grid(table: LexborNode) -> list[list[str]]:
    """The table's rows as lists of cell texts, one per column: a cell spanning rows or columns
    holds its text in its first place and leaves the places it also covers empty."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a cell from above
    for tr in table.css("tr"):
        row: list[str] = []
        for cell in (c for c in tr.iter() if c.tag in ("td", "th")):
            while pending.get(len(row), 0) > 0:
                pending[len(row)] -= 1
                row.append("")
            span_rows, span_cols = _span(cell, "rowspan"), _span(cell, "colspan")
            for k in range(span_cols):
                if span_rows > 1:
                    pending[len(row)] = span_rows - 1
                row.append(_cell_text(cell) if k == 0 else "")
        while pending.get(len(row), 0) > 0:
            pending[len(row)] -= 1
            row.append("")
        rows.append(row)
    return rows


def _span(cell: LexborNode, name: str) -> int:
    return min(_whole(cell.attributes.get(name), 1), 100) or 1


def _whole(value: str | None, default: int) -> int:
    """An attribute's ASCII whole number (colspan, start); the default for anything else (², -1, 1e9…)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else default


def _cell_text(cell: LexborNode) -> str:
    """A cell's text on one line (its paragraphs joined by a space, so a numbered list stays one run)."""
    return _SPACES.sub(" ", cell.text(deep=True, separator=" ")).strip()


def _block_lines(root: LexborNode | None) -> list[str]:
    """Text nodes in document order, a line break at every block element."""
    if root is None:
        return []
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCK:
            parts.append("\n")
    return [line for line in (_SPACES.sub(" ", ln).strip() for ln in "".join(parts).split("\n")) if line]


def looks_like_html(text: str) -> bool:
    """True for content that is an HTML document rather than plain text."""
    return bool(_HTML_SNIFF.match(text[:2000]))


MAX_DEPTH = 5_000  # elements nested in one another; real pages nest a few dozen deep
# Elements whose end tag may be left out (the parser closes them) and elements that have none.
_OPTIONAL_END = "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp html head body"
_VOID = "br img meta link input hr area base col embed param source track wbr"
_SELF_CLOSING = frozenset(f"{_OPTIONAL_END} {_VOID}".split(" "))
_TAG = rx.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")


def nesting_depth(markup: str, limit: int = MAX_DEPTH) -> int:
    """How deep the page's elements nest, counted from its tags (stops counting past ``limit``).

    HTML parsers take time that grows with the square of the depth (100,000 nested
    elements take the Lexbor engine 20 s), so a page is measured before it is parsed.
    """
    if markup.count("<") <= limit:
        return 0
    depth = deepest = 0
    for m in _TAG.finditer(markup):
        if m.group(2).lower() in _SELF_CLOSING or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def html_to_text(markup: str) -> str:
    """The readable text of a page: one line per block, furniture removed.

    A page nested deeper than :data:`MAX_DEPTH` raises ``InputError``.
    """
    if nesting_depth(markup) > MAX_DEPTH:
        from .errors import InputError

        raise InputError(f"web page nested more than {MAX_DEPTH:,} elements deep, beyond any real page")
    ex = _Page(markup)
    lines = [ln for ln in ex.lines if not _furniture(ln)]
    # the page's <title> or meta title stands in only where the text shows no title of its own
    title = _page_title(ex)
    inserted = title is not None and is_title(fold(title)) and not any(is_title(fold(ln)) for ln in lines[:12])
    if title is not None and inserted:
        lines.insert(0, title)
    date = ex.meta.get("pubdate") or ex.meta.get("publishdate")
    if date and not any(P.HEADER_KEY.search(fold(ln)) for ln in lines[:12]):
        lines.insert(1 if inserted else 0, f"发布时间：{date.strip()}")
    return "\n".join(lines) + "\n"


def _furniture(line: str) -> bool:
    if len(line) >= 300:
        return False
    folded = fold(line)
    if P.HEADER_KEY.search(folded) and not P.FURNITURE_LINE.match(folded):
        return False  # 发布时间/来源 lines are kept: they carry the date and the source
    return bool(P.FURNITURE_LINE.search(folded))


def _page_title(ex: _Page) -> str | None:
    for key in ("articletitle", "og:title", "title"):
        if ex.meta.get(key):
            from html import unescape

            return unescape(ex.meta[key]).strip()
    raw = _SPACES.sub(" ", ex.title).strip()
    return _SITE_SUFFIX.sub("", raw) if raw else None
