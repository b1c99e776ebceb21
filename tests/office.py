"""Writers of Word and PDF notices for the tests: a notice's text as a .docx whose headings
are numbered automatically, and as a printed PDF (hard-wrapped, page-numbered).

Also a command, to measure the readers on a corpus with the shared scorer:

    python tests/office.py ../shared/corpus/dev /tmp/office   # NAME.docx, NAME.pdf, gold beside
    python ../shared/eval/score.py /tmp/office/docx /tmp/office/pdf
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import docx
import docx.enum.text
import docx.shared
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from rectext.text.numerals import cn_to_int

# The numbering the writer gives a notice: 一、 through the Heading 1 style, （一） and 1. directly.
_LEVELS = [
    (re.compile(r"([一二三四五六七八九十]{1,3})、(.*)"), "chineseCounting", "%1、"),
    (re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）](.*)"), "chineseCounting", "（%2）"),
    (re.compile(r"(\d{1,3})[.．](?!\d)(.*)"), "decimal", "%3."),
]
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _level_texts(text: str) -> list[str]:
    """Each level's text as the notice writes its markers: （%2） or (%2), %3. or %3．"""
    texts = []
    for level, (pattern, _, default) in enumerate(_LEVELS):
        first = next((m.group(0) for ln in text.splitlines() if (m := pattern.fullmatch(ln.strip()))), None)
        if first is None or level == 0:
            texts.append(default)
        elif level == 1:
            texts.append(f"{first[0]}%2{'）' if first[0] == '（' else ')'}")
        else:
            texts.append("%3" + first[len(first.split(".")[0].split("．")[0])])
    return texts


def _abstract(abstract_id: int, texts: list[str]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + ('<w:pStyle w:val="Heading1"/>' if i == 0 else "")
        + f'<w:lvlText w:val="{texts[i]}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (_, fmt, _) in enumerate(_LEVELS))
    return f'<w:abstractNum {_W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


class _Lists:
    """The numbering part of the document being written: one abstract list, and a new list
    instance with a start override wherever the notice's own number is not the next one."""

    def __init__(self, document, texts: list[str]) -> None:
        self.numbering = document.part.numbering_part.element
        self.abstract = 90
        first_num = next(iter(self.numbering.findall(qn("w:num"))), None)
        abstract = parse_xml(_abstract(self.abstract, texts))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.num_id = self.new_num({})
        self.base = self.num_id
        self.counters: dict[int, int] = {}

    def new_num(self, starts: dict[int, int]) -> int:
        num_id = 900 + len(self.numbering.findall(qn("w:num")))
        overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{n}"/></w:lvlOverride>'
                            for lvl, n in starts.items())
        self.numbering.append(parse_xml(f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId '
                                        f'w:val="{self.abstract}"/>{overrides}</w:num>'))
        return num_id

    def number(self, level: int, value: int) -> int | None:
        """The list to number a paragraph with (None: through its style), counting as Word does."""
        expected = self.counters.get(level, 0) + 1
        via_style = level == 0 and value == expected
        if value != expected:
            self.num_id = self.new_num({level: value})
        self.counters[level] = value
        for deeper in [k for k in self.counters if k > level]:
            del self.counters[deeper]
        return None if via_style else self.num_id


def _style_numbering(document, num_id: int) -> None:
    """Heading 1 numbered through its style: a w:numPr in the style's paragraph properties."""
    style = document.styles["Heading 1"].element
    ppr = style.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {_W}><w:numId w:val="{num_id}"/></w:numPr>'))


def text_to_docx(text: str, printed: bool = False) -> bytes:
    """The notice as a Word file: each line a paragraph; lines opening with 一、 （一） 1. lose the
    marker and are numbered automatically instead (一、 through the Heading 1 style). ``printed``:
    laid out as an official document is for print — A4, body paragraphs justified with a
    two-character first-line indent, a running header and a ``— PAGE —`` field in the footer."""
    document = docx.Document()
    if printed:
        _print_layout(document)
    lists = _Lists(document, _level_texts(text))
    _style_numbering(document, lists.base)
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        for level, (pattern, _, _) in enumerate(_LEVELS):
            m = pattern.fullmatch(line)
            if m and m.group(2).strip():
                num_id = lists.number(level, cn_to_int(m.group(1)) or 0)
                paragraph = document.add_paragraph(m.group(2), style="Heading 1" if level == 0 else None)
                if num_id is not None:
                    _numbered(paragraph, num_id, level)
                break
        else:
            paragraph = document.add_paragraph(line)
            if printed and document.paragraphs[0] is not paragraph:
                paragraph.paragraph_format.first_line_indent = docx.shared.Pt(24)
                paragraph.alignment = docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _print_layout(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    section.header.paragraphs[0].text = "某某单位巡察整改材料"
    footer = section.footer.paragraphs[0]
    footer.alignment = docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {_W} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")


def _numbered(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def text_to_pdf(text: str, font_size: float = 12, running_header: str = "某某单位巡察整改材料") -> bytes:
    """The notice printed: A4, the title centred, every paragraph's first line set in two
    characters, lines broken at the text width (in mid-word, as print does), a running header
    and a page number (— 3 —) on every page. Chinese in the STSong-Light CID font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    margin, leading = 72, font_size * 1.6
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    state = {"y": height - margin, "page": 1}

    def new_page() -> None:
        page.setFont("STSong-Light", 9)
        page.drawCentredString(width / 2, height - 40, running_header)
        page.drawCentredString(width / 2, 36, f"— {state['page']} —")
        page.showPage()
        state["page"] += 1
        state["y"] = height - margin

    def draw(line: str, x: float) -> None:
        if state["y"] < margin:
            new_page()
        page.setFont("STSong-Light", font_size)
        page.drawString(x, state["y"], line)
        state["y"] -= leading

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for n, paragraph in enumerate(lines):
        if n == 0:
            page.setFont("STSong-Light", font_size)
            page.drawCentredString(width / 2, state["y"], paragraph)
            state["y"] -= leading * 1.5
            continue
        indent = 2 * font_size
        for piece in _wrap(paragraph, width - 2 * margin - indent, font_size, first_indent=indent):
            draw(piece, margin + indent)
            indent = 0
    new_page()
    page.save()
    return out.getvalue()


def _wrap(paragraph: str, first_width: float, font_size: float, first_indent: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces, current, limit = [], "", first_width
    for ch in paragraph:
        if current and stringWidth(current + ch, "STSong-Light", font_size) > limit:
            pieces.append(current)
            current, limit = "", first_width + first_indent
        current += ch
    return [*pieces, current] if current else pieces


def main(argv: list[str]) -> int:
    """Write every notice of SRC as OUT/docx/NAME.docx and OUT/pdf/NAME.pdf, gold beside."""
    from rectext.read.reader import read_source

    src, out = Path(argv[0]), Path(argv[1])
    for gold in sorted(src.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        notice = next(p for p in src.glob(name + ".*") if not p.name.endswith(".gold.json"))
        text = read_source(notice).text
        for kind, write in (("docx", text_to_docx), ("pdf", text_to_pdf)):
            (out / kind).mkdir(parents=True, exist_ok=True)
            (out / kind / f"{name}.{kind}").write_bytes(write(text))
            shutil.copy(gold, out / kind / gold.name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
