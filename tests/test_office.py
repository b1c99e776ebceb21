"""Word and PDF inputs: the same tree out as from the notice's text.

The files are written here, from the project's fixtures, by tests/office.py (python-docx
with automatic numbering in numbering.xml; reportlab with a CID font, wrapped and page-numbered).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import docx
import pytest
from conftest import FIXTURES, SEED
from docx.oxml import parse_xml
from helpers import jsonl, run
from lxml import etree
from office import text_to_docx, text_to_pdf

import rectext
from rectext.outputs.outline import render_outline
from rectext.outputs.review import render_html
from rectext.read.reader import InputError, read_source, source_from_bytes
from rectext.read.wordnumbers import Numbering, format_number

NOTICES = [SEED, FIXTURES / "gold" / "county-finance.txt", FIXTURES / "gold" / "school-traditional.txt",
           FIXTURES / "gold" / "town-page.html"]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _facts(notice) -> tuple:
    inspection = notice.inspection
    return (notice.title, notice.issuer, notice.date, inspection.team, inspection.feedback, inspection.start,
            notice.declared.problems if notice.declared else None)


@pytest.fixture(scope="module", params=NOTICES, ids=lambda p: p.stem)
def notice_text(request) -> str:
    return read_source(request.param).text


def test_docx_with_automatic_numbers_parses_to_the_same_tree(notice_text):
    data = text_to_docx(notice_text)
    assert "一、" not in data.decode("latin-1")  # the numbers really are Word's, not in the text
    source = source_from_bytes(data)
    assert source.format == "docx" and source.encoding == "python-docx"
    from_word, from_text = rectext.parse(source.text), rectext.parse(notice_text)
    assert render_outline(from_word) == render_outline(from_text)
    assert _facts(from_word) == _facts(from_text)


def test_printed_pdf_parses_to_the_same_tree(notice_text):
    source = source_from_bytes(text_to_pdf(notice_text))
    assert source.format == "pdf" and source.encoding == "pdfium"
    assert source.cleaned["page_numbers"] >= 1 and source.cleaned.get("line_breaks", 0) > 0
    from_pdf, from_text = rectext.parse(source.text), rectext.parse(notice_text)
    assert render_outline(from_pdf) == render_outline(from_text)
    assert _facts(from_pdf) == _facts(from_text)
    assert "—" not in source.text.split("\n")[-2]
    if source.cleaned["page_numbers"] > 1:  # a running header is known by its repeating
        assert "巡察整改材料" not in source.text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def printed_by_libreoffice(tmp_path_factory):
    """The fixtures as Word files laid out for print (justified, indented, a header and a PAGE
    field), printed to PDF by LibreOffice: a real layout engine's PDFs, with its spacing between
    Chinese and digits, quotation marks in a Latin font, and lines broken by its rules."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui; .ci/run does)")
    folder = tmp_path_factory.mktemp("printed")
    texts = {}
    for path in NOTICES:
        texts[path.stem] = read_source(path).text
        (folder / f"{path.stem}.docx").write_bytes(text_to_docx(texts[path.stem], printed=True))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
                   capture_output=True, timeout=300, check=True)
    return {stem: (text, (folder / f"{stem}.pdf").read_bytes()) for stem, text in texts.items()}


@pytest.mark.parametrize("stem", [p.stem for p in NOTICES])
def test_libreoffice_printed_pdf_parses_to_the_same_tree(printed_by_libreoffice, stem):
    text, pdf = printed_by_libreoffice[stem]
    source = source_from_bytes(pdf)
    from_pdf, from_text = rectext.parse(source.text), rectext.parse(text)
    assert render_outline(from_pdf) == render_outline(from_text)
    assert _facts(from_pdf) == _facts(from_text)


def _table_docx(rows: int, printed: bool = False) -> bytes:
    """A notice whose problems are a table (序号, 反馈问题, 整改措施, 整改情况), cells long enough to wrap."""
    document = docx.Document()
    document.add_paragraph("中共某某县财政局党组关于巡察整改情况的通报")
    document.add_paragraph("一、巡察反馈问题整改情况")
    table = document.add_table(rows=rows + 1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "反馈问题", "整改措施", "整改情况"), strict=True):
        cell.text = text
    for n in range(1, rows + 1):
        texts = (str(n), f"第{n}项：财务报销审核把关不严，部分票据附件不全，公务接待清单不完整",
                 f"一是修订第{n}项制度，明确审核要点；二是开展专项检查，督促整改问题{n}个。",
                 "已完成" if n % 3 else "持续推进")
        for cell, text in zip(table.rows[n].cells, texts, strict=True):
            cell.text = text
    document.add_paragraph("二、下一步工作打算")
    document.add_paragraph("持续巩固整改成果。")
    if printed:
        from office import _print_layout

        _print_layout(document)
    return _saved(document)


@pytest.mark.parametrize(("rows", "printed"), [(3, False), (30, True)], ids=["one page", "over pages"])
def test_a_printed_table_of_problems_reads_as_the_word_table(tmp_path, rows, printed):
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui; .ci/run does)")
    word = _table_docx(rows, printed)
    (tmp_path / "table.docx").write_bytes(word)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "table.docx")], capture_output=True, timeout=300,
                   check=True)
    from_pdf = source_from_bytes((tmp_path / "table.pdf").read_bytes())
    assert from_pdf.text == source_from_bytes(word).text
    assert [p.number for p in rectext.parse(from_pdf.text).problems] == list(range(1, rows + 1))


def test_a_drawn_table_of_problems_with_wrapped_cells():
    # columns at 72, 110, 250, 400; the problem and the measure wrap within their cells
    pdf = _drawn((72, 700, "序号"), (110, 700, "反馈问题"), (250, 700, "整改措施"), (400, 700, "整改情况"),
                 (72, 680, "1"), (110, 680, "理论学习不够"), (250, 680, "制定学习计划，"), (400, 680, "已完成"),
                 (110, 664, "深入"), (250, 664, "开展专题研讨。"),
                 (72, 644, "2"), (110, 644, "制度不健全"), (250, 644, "修订制度。"), (400, 644, "持续推进"),
                 (72, 600, "二、下一步工作打算，持续巩固整改成果，健全长效机制。"))
    assert source_from_bytes(pdf).text == (
        "1.理论学习不够深入\n整改措施：制定学习计划，开展专题研讨。\n整改情况：已完成\n"
        "2.制度不健全\n整改措施：修订制度。\n整改情况：持续推进\n二、下一步工作打算，持续巩固整改成果，健全长效机制。\n")


def _drawn(*runs: tuple[float, float, str]) -> bytes:
    """A one-page PDF with text drawn run by run, in this order, at (x, y)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    for x, y, text in runs:
        page.drawString(x, y, text)
    page.showPage()
    page.save()
    return out.getvalue()


def test_pdf_lines_are_read_by_position_not_drawing_order():
    # the quotation marks drawn after the line's Chinese text, as a word processor setting them
    # in a Latin font does; and a line drawn before the one above it
    pdf = _drawn((96, 700, "加强"), (72, 700, "关于"), (150, 700, "学习"), (120, 700, "“"), (138, 700, "”"),
                 (72, 680, "第二行"))
    assert source_from_bytes(pdf).text == "关于加强“”学习\n第二行\n"


def _cjk_font_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    return "CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout


# STSong-Light is not embedded, so PDFium reads it with a system font: on a machine without a CJK
# font this drawing came out as "截至2024 PDF file" (年 lost), with one as written.
@pytest.mark.skipif(not _cjk_font_installed(),
                    reason="no CJK font is installed (Debian: apt-get install fonts-noto-cjk; .ci/run does)")
def test_room_left_between_chinese_and_digits_is_no_space():
    pdf = _drawn((72, 700, "截至"), (98, 700, "2024"), (126, 700, "年"), (142, 700, "PDF"), (166, 700, "file"))
    assert source_from_bytes(pdf).text == "截至2024年PDF file\n"


def test_pdf_running_headers_and_page_numbers_are_counted():
    text = SEED.read_text(encoding="utf-8")
    source = source_from_bytes(text_to_pdf(text, font_size=14))
    pages = source.cleaned["page_numbers"]
    assert pages >= 2 and source.cleaned["page_headers"] == pages


# ---- Word's numbering, level by level -------------------------------------------------------

@pytest.mark.parametrize(("fmt", "values", "expected"), [
    ("decimal", (1, 12), ("1", "12")),
    ("chineseCounting", (1, 10, 11, 20, 99, 100), ("一", "十", "十一", "二十", "九十九", "一〇〇")),
    ("chineseCountingThousand", (10, 105, 110, 1000), ("十", "一百零五", "一百一十", "一千")),
    ("ideographTraditional", (1, 4, 10), ("甲", "丁", "癸")),
    ("decimalEnclosedCircle", (1, 20, 21), ("①", "⑳", "21")),
    ("decimalEnclosedParen", (1,), ("⑴",)),
    ("upperLetter", (1, 26, 27), ("A", "Z", "AA")),
    ("lowerRoman", (4, 9), ("iv", "ix")),
    ("chineseLegalSimplified", (3, 10), ("叁", "壹拾")),
    ("decimalFullWidth", (7,), ("７",)),
    ("bullet", (1,), ("",)),
])
def test_number_formats(fmt, values, expected):
    assert tuple(format_number(v, fmt) for v in values) == expected


def _numbering(levels: str, nums: str, styles: str = "") -> Numbering:
    numbering = etree.fromstring(f"<w:numbering {W_NS}>{levels}{nums}</w:numbering>")
    style_el = etree.fromstring(f"<w:styles {W_NS}>{styles}</w:styles>")
    return Numbering(numbering, style_el)


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


CHINESE = ('<w:abstractNum w:abstractNumId="0">' + _lvl(0, "chineseCounting", "%1、")
           + _lvl(1, "chineseCounting", "（%2）") + _lvl(2, "decimal", "%3.") + "</w:abstractNum>")


def _labels(numbering: Numbering, paragraphs) -> list[str]:
    return [numbering.label(*numbering.resolve(num, lvl, style)) for num, lvl, style in paragraphs]


def test_levels_count_and_restart_below_a_higher_level():
    n = _numbering(CHINESE, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    seq = [("1", 0, None), ("1", 1, None), ("1", 2, None), ("1", 2, None), ("1", 1, None), ("1", 2, None),
           ("1", 0, None), ("1", 1, None)]
    assert _labels(n, seq) == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）"]


def test_lvl_restart_zero_counts_on_across_higher_levels():
    levels = ('<w:abstractNum w:abstractNumId="0">' + _lvl(0, "chineseCounting", "%1、")
              + _lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>') + "</w:abstractNum>")
    n = _numbering(levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert _labels(n, [("1", 0, None), ("1", 1, None), ("1", 1, None), ("1", 0, None), ("1", 1, None)]) == [
        "一、", "1.", "2.", "二、", "3."]


def test_start_override_restarts_where_the_list_is_first_used_and_lists_share_counters():
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2">'
            '<w:startOverride w:val="7"/></w:lvlOverride></w:num>')
    n = _numbering(CHINESE, nums)
    seq = [("1", 2, None), ("2", 2, None), ("3", 2, None), ("3", 2, None), ("1", 2, None)]
    assert _labels(n, seq) == ["1.", "2.", "7.", "8.", "9."]


def test_legal_numbering_and_multi_level_text():
    levels = ('<w:abstractNum w:abstractNumId="0">' + _lvl(0, "chineseCounting", "第%1章")
              + _lvl(1, "decimal", "%1.%2", "<w:isLgl/>") + "</w:abstractNum>")
    n = _numbering(levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert _labels(n, [("1", 0, None), ("1", 1, None), ("1", 1, None)]) == ["第一章", "1.1", "1.2"]


def test_numbering_through_styles_and_their_base_styles():
    levels = ('<w:abstractNum w:abstractNumId="0">' + _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="H1"/>')
              + _lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="H2"/>') + "</w:abstractNum>")
    styles = ('<w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:styleId="Mine"><w:basedOn w:val="H1"/></w:style>')
    n = _numbering(levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>', styles)
    assert _labels(n, [(None, None, "H1"), (None, None, "H2"), (None, None, "H2"), (None, None, "Mine")]) == [
        "一、", "（一）", "（二）", "二、"]
    assert n.resolve("0", 0, "H1") is None  # numId 0 takes the style's numbering off
    assert n.resolve(None, None, "Normal") is None


def test_a_list_linked_through_a_numbering_style():
    levels = ('<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="ListStyle"/>'
              + _lvl(0, "decimalEnclosedCircle", "%1") + "</w:abstractNum>"
              '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>')
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    styles = '<w:style w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    n = _numbering(levels, nums, styles)
    assert _labels(n, [("2", 0, None), ("2", 0, None)]) == ["①", "②"]


# ---- Word files ------------------------------------------------------------------------------

def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_style_numbered_list_from_the_default_template():
    document = docx.Document()
    document.add_paragraph("关于巡察整改情况的通报")
    for text in ("理论学习不深入", "制度执行不严格"):
        document.add_paragraph(text, style="List Number")
    assert source_from_bytes(_saved(document)).text == "关于巡察整改情况的通报\n1.理论学习不深入\n2.制度执行不严格\n"


def _merged_table(document) -> None:
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "问题", "整改措施"), strict=True):
        cell.text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "学习不深入"
    table.cell(1, 2).text = "一是制定学习计划。"
    table.cell(2, 2).text = "二是开展专题研讨。"
    table.cell(1, 0).merge(table.cell(2, 0))  # one problem over two rows: its number and heading merged
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(3, 0).text, table.cell(3, 1).text, table.cell(3, 2).text = "2", "制度执行不严格", "修订制度3项。"


def test_problem_table_with_merged_cells_becomes_problems_with_labelled_cells():
    document = docx.Document()
    document.add_paragraph("中共某某县财政局党组关于巡察整改情况的通报")
    document.add_paragraph("一、巡察反馈问题整改情况")
    _merged_table(document)
    text = source_from_bytes(_saved(document)).text
    assert "1.学习不深入\n整改措施：一是制定学习计划。\n" in text
    assert "2.制度执行不严格\n整改措施：修订制度3项。" in text
    problems = [n for n in rectext.parse(text).walk() if n.kind == "problem"]
    assert [p.number for p in problems] == [1, 2]


def test_headers_footers_comments_and_deleted_text_are_left_out():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    document.sections[0].footer.paragraphs[0].text = "页脚文字"
    paragraph = document.add_paragraph("整改完成")
    document.add_comment(paragraph.runs, text="批注文字", author="审稿人")
    paragraph._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText>'
                                  f'</w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>补上的</w:t></w:r></w:ins>'))
    assert source_from_bytes(_saved(document)).text == "整改完成补上的\n"


def test_word_and_pdf_are_known_by_content_not_name(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "word.txt").write_bytes(text_to_docx(text))
    (tmp_path / "print").write_bytes(text_to_pdf(text))
    assert read_source(tmp_path / "word.txt").format == "docx"
    assert read_source(tmp_path / "print").format == "pdf"


# ---- what is refused, and how ----------------------------------------------------------------

def _pdf(**canvas_options) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, **canvas_options)
    page.rect(100, 100, 300, 300, fill=1)  # a picture, as a scan is, and no text
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_scan_without_text_layer_is_refused_with_what_to_do():
    with pytest.raises(InputError, match=r"no text layer.*OCR"):
        source_from_bytes(_pdf())


def test_an_encrypted_pdf_is_refused_with_what_to_do():
    with pytest.raises(InputError, match=r"encrypted with a password.*decrypt"):
        source_from_bytes(_pdf(encrypt="secret"))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(("data", "reason"), [
    (OLE + "WordDocument".encode("utf-16-le") + bytes(600), r"Word 97-2003.*libreoffice --headless --convert-to docx"),
    (OLE + "EncryptedPackage".encode("utf-16-le"), "password-protected Office file"),
    (OLE + bytes(100), "older Office file"),
    (b"%PDF-1.7\n" + bytes(300), "damaged PDF"),
])
def test_office_files_rectext_does_not_read(data, reason):
    with pytest.raises(InputError, match=reason):
        source_from_bytes(data)


def test_other_zip_packages_are_named(tmp_path):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="an Excel workbook"):
        source_from_bytes(out.getvalue())


def test_a_docx_that_unpacks_past_the_limit_is_refused():
    import zipfile

    out = io.BytesIO(_saved(docx.Document()))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/filler.bin", bytes(8_000_000))  # compresses to a few kilobytes
    with pytest.raises(InputError, match=r"unpacks to .* over the limit"):
        source_from_bytes(out.getvalue(), max_bytes=200_000)


# ---- the command, the batch and the review page -----------------------------------------------

def test_command_reads_word_and_refuses_a_scan_naming_the_file(tmp_path):
    (tmp_path / "notice.docx").write_bytes(text_to_docx(SEED.read_text(encoding="utf-8")))
    (tmp_path / "scan.pdf").write_bytes(_pdf())
    proc = run(str(tmp_path / "notice.docx"))
    assert proc.returncode == 0
    result = json.loads(proc.stdout)
    assert result["input"]["format"] == "docx" and result["text"].startswith(result["title"])
    proc = run(str(tmp_path / "scan.pdf"))
    assert proc.returncode == 2 and not proc.stdout
    assert proc.stderr.decode().startswith(f"rectext: {tmp_path / 'scan.pdf'}: the PDF has no text layer")
    assert b"Traceback" not in proc.stderr


def test_batch_reads_word_and_pdf_and_records_what_it_cannot(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(text_to_docx(text))
    (folder / "b.pdf").write_bytes(text_to_pdf(text))
    (folder / "c.doc").write_bytes(OLE + "WordDocument".encode("utf-16-le") + bytes(600))
    proc = run("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1  # one input failed
    records = {r.get("path") or r["input"]["path"]: r for r in jsonl(tmp_path / "out")}
    assert records[str(folder / "a.docx")]["input"]["format"] == "docx"
    assert records[str(folder / "b.pdf")]["input"]["format"] == "pdf"
    assert "convert it to .docx" in records[str(folder / "c.doc")]["message"]


def test_review_page_shows_the_extracted_text():
    source = source_from_bytes(text_to_pdf(SEED.read_text(encoding="utf-8")))
    notice = rectext.parse(source.text)
    from selectolax.lexbor import LexborHTMLParser

    assert LexborHTMLParser(render_html(notice)).css_first(".text").text() == source.text


def test_the_readers_are_imported_only_for_such_files():
    code = ("import sys, rectext; rectext.parse_file(sys.argv[1]); "
            "print(sorted(m for m in ('docx', 'pypdfium2', 'lxml') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
