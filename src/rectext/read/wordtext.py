"""Text from a Word file (.docx): one line per paragraph, with Word's automatic numbers.

The package is opened with python-docx; the paragraphs of the body are read in order,
including those in tables and content controls, each on its own line and headed by
the number Word shows before it (rebuilt by :mod:`rectext.read.wordnumbers`, since it is not
in the paragraph's text). A table of problems (a header row with 序号 and a 问题
column) is written out as the web-page reader writes it: ``1.<problem>`` and
``<column header>：<cell>``; other tables give one line per paragraph of each cell.
Headers, footers, comments, footnotes, deleted text and field codes are left out.
"""

from __future__ import annotations

import io
import zipfile

from .htmltext import problem_table
from .wordnumbers import Numbering, W

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from docx.opc.part import Part

    from .wordnumbers import XmlElement

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-",
             W + "softHyphen": ""}
# Paragraph content that holds no text of the paragraph itself: its properties, deleted
# runs, field codes, and text boxes (whose text is not in the paragraph's flow).
_SKIP = {W + "pPr", W + "rPr", W + "del", W + "instrText", W + "delText", W + "txbxContent",
         _MC + "Fallback", W + "footnoteReference", W + "endnoteReference", W + "commentReference"}
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
_UNPACKED_LIMIT = 20  # a .docx may unpack to this many times the input limit (its XML compresses tenfold)


_OTHER_PACKAGES = (("xl/workbook.xml", "an Excel workbook (.xlsx)"),
                   ("ppt/presentation.xml", "a PowerPoint file (.pptx)"),
                   ("content.xml", "an OpenDocument file (.odt, .ods)"))


def zip_refusal(data: bytes, max_bytes: int) -> str | None:
    """None for a ZIP package holding a Word document (``word/document.xml``) that unpacks to no
    more than :data:`_UNPACKED_LIMIT` × ``max_bytes``; else why it is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return f"a damaged ZIP archive or Word file: {exc}"
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        what = next((what for name, what in _OTHER_PACKAGES if name in names), "a ZIP archive")
        return f"{what}, not a notice: rectext reads .txt, .html, .docx and .pdf"
    size, limit = sum(info.file_size for info in infos), max_bytes * _UNPACKED_LIMIT
    if size > limit:
        return f"Word file unpacks to {size:,} bytes, over the limit of {limit:,} (--max-bytes × {_UNPACKED_LIMIT})"
    return None


def docx_to_text(data: bytes) -> str:
    """The text of a .docx (checked by :func:`zip_refusal`), one line per paragraph; ``InputError``
    when python-docx cannot open it."""
    return read_docx(data)[0]


# lxml refuses XML nested deeper than this (its message names a parser option a user cannot set);
# a table takes three levels (w:tbl, w:tr, w:tc) under the body's
_XML_DEPTH = 256
MAX_TABLE_DEPTH = (_XML_DEPTH - 4) // 3


def read_docx(data: bytes) -> tuple[str, dict[str, int]]:
    """:func:`docx_to_text`, with what was changed in reading it: ``numbers_capped``, the
    paragraphs whose automatic number was past a bound (:data:`~rectext.read.wordnumbers.MAX_LABEL`)."""
    from .errors import InputError

    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        document = docx.Document(io.BytesIO(data))
        numbering = Numbering(_part_element(document.part, RT.NUMBERING), _part_element(document.part, RT.STYLES))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … on a damaged package
        if "Excessive depth" in str(exc):
            raise InputError(f"Word file nested more than {_XML_DEPTH} elements deep (tables nested more than "
                             f"{MAX_TABLE_DEPTH} deep), beyond any real document") from None
        raise InputError(f"damaged Word file: {type(exc).__name__}: {exc}".rstrip(": ")) from None
    reader = _Body(numbering)
    reader.block(document.element.body)
    text = "\n".join(ln for ln in reader.lines if ln.strip()) + "\n"
    return text, ({"numbers_capped": numbering.capped} if numbering.capped else {})


def _part_element(part: Part, reltype: str) -> XmlElement | None:
    """The XML of the document's part of this relationship type (numbering, styles), or None."""
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


class _Body:
    """Walks the body in document order, collecting its lines."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []

    def block(self, parent: XmlElement) -> None:
        for child in parent:
            if child.tag == W + "p":
                self.lines.extend(self.paragraph(child).split("\n"))
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in _CONTAINERS:
                self.block(child)

    def paragraph(self, p: XmlElement) -> str:
        """A paragraph's text, headed by its automatic number."""
        return self.number(p) + "".join(_runs(p)).strip()

    def number(self, p: XmlElement) -> str:
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _child_val(numpr, "numId")
        ilvl = _child_val(numpr, "ilvl")
        style = _child_val(ppr, "pStyle")
        found = self.numbering.resolve(num_id, int(ilvl) if ilvl and ilvl.isdigit() else None, style)
        if found is None:
            return ""
        label = self.numbering.label(*found)
        return label + ("" if not label or label[-1] in "、.．)）:：" else " ")

    def table(self, tbl: XmlElement) -> None:
        cells = self.cells(tbl)
        rows = [r for r in ([" ".join(c) for c in row] for row in cells) if any(r)]
        written = problem_table(rows) if tbl.find(f".//{W}tbl") is None else None
        if written is not None:
            self.lines.extend(written.split("\n"))
            return
        self.lines.extend(line for row in cells for cell in row for line in cell)

    def cells(self, tbl: XmlElement) -> list[list[list[str]]]:
        """The table's rows, one cell per grid column, each cell its lines: a merged cell's
        lines in its first place, the places it also covers empty (as the web-page reader's grid)."""
        rows: list[list[list[str]]] = []
        for tr in tbl.findall(W + "tr"):
            row: list[list[str]] = [[] for _ in range(_int(_child_val(tr.find(W + "trPr"), "gridBefore")))]
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                merged = tcpr is not None and tcpr.find(W + "vMerge") is not None
                inner = _Body(self.numbering)
                if not (merged and _child_val(tcpr, "vMerge") in (None, "continue")):
                    inner.block(tc)
                row.append([ln.strip() for ln in inner.lines if ln.strip()])
                row.extend([] for _ in range(_int(_child_val(tcpr, "gridSpan")) - 1))
            rows.append(row)
        return rows


def _runs(el: XmlElement) -> Iterator[str]:
    """The text of a paragraph's runs, in order, leaving out what :data:`_SKIP` names."""
    for child in el:
        if child.tag in _SKIP:
            continue
        if child.tag in _RUN_TEXT:
            text = _RUN_TEXT[child.tag]
            yield child.text or "" if text is None else text
        elif child.tag == W + "sym":
            yield _symbol(child)
        else:
            yield from _runs(child)


def _symbol(el: XmlElement) -> str:
    """A w:sym character (a sign picked from a symbol font): its code when it is a real character."""
    code = el.get(W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if value < 0xE000 or value > 0xF8FF else ""


def _child_val(el: XmlElement | None, name: str) -> str | None:
    child = el.find(W + name) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) <= 3 else 0
