"""Small inputs crafted to cost a parser minutes, gigabytes or rows (issue 30), and a command
that runs each through ``python -m rectext`` and reports its time, memory, exit status and
message:

    python tests/crafted.py            # every input, 60 s each at most
    python tests/crafted.py seed-spaces table-20000

Each input must end within 10 s and 1 GB, with exit 0 or 2, no traceback, every row of a
table kept, and a reason on stderr when it is refused. ``tests/test_crafted.py`` runs the
cheap ones in the suite.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "seed-traditional.txt"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def seed_with_run(run: str) -> bytes:
    """The seed notice with a run inside its title line (between 情况 and 的通报)."""
    text = SEED.read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    cut = title.index("的通")
    return (title[:cut] + run + title[cut:] + "\n" + rest).encode("utf-8")


def _document(paragraphs: list[str], numbering: str | None = None, num_paragraphs: bool = False):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    part = document.part.numbering_part.element
    if numbering is not None:
        for child in list(part):
            part.remove(child)
        for el in numbering:
            part.append(parse_xml(el))
    for text in paragraphs:
        p = document.add_paragraph(text)
        if num_paragraphs:
            p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {_W}><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'))
    return document


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _list_docx(fmt: str, start: int, lvl_text: str, items: int = 40) -> bytes:
    abstract = (f'<w:abstractNum {_W} w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>')
    num = f'<w:num {_W} w:numId="7"><w:abstractNumId w:val="3"/></w:num>'
    paragraphs = [f"加强学习的问题第{i}条。" for i in range(items)]
    document = _document(paragraphs, [abstract, num], num_paragraphs=True)
    document.paragraphs[0].insert_paragraph_before("中共某局党组关于巡察整改情况的通报")
    return _saved(document)


def letters_from(start: int = 260_000_000) -> bytes:
    """A list numbered in letters (A, B … AA …) from ``start``: Word would write a label of
    start / 26 letters."""
    return _list_docx("upperLetter", start, "%1.")


def level_text_repeating(times: int = 100_000) -> bytes:
    """A level text of ``%1`` repeated: each label that many numbers long."""
    return _list_docx("decimal", 1, "%1" * times + ".")


def nested_tables(depth: int = 200) -> bytes:
    """A table in a table … ``depth`` deep (written into document.xml as text: python-docx's
    own parser refuses such depth)."""
    import zipfile

    data = _saved(_document(["中共某局党组关于巡察整改情况的通报", "一、整改情况"]))
    inner = "<w:p><w:r><w:t>最里面</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:sectPr", inner.encode() + b"<w:sectPr", 1)
            dst.writestr(info, content)
    return out.getvalue()


def problem_table_html(rows: int) -> bytes:
    """A web page whose 问题清单 table has ``rows`` problems, each of the same length."""
    body = "".join(f"<tr><td>{n}</td><td>干部学习制度执行不严格的问题第{n:05d}项</td>"
                   f"<td>建立学习台账，每月检查一次。</td><td>已完成</td></tr>" for n in range(1, rows + 1))
    page = ("<!doctype html><html><head><title>关于巡察整改情况的通报</title></head><body>"
            "<h1>中共某局党组关于巡察整改情况的通报</h1><p>一、整改情况</p>"
            "<table><tr><th>序号</th><th>问题</th><th>整改措施</th><th>整改情况</th></tr>"
            f"{body}</table></body></html>")
    return page.encode("utf-8")


def problem_table_docx(rows: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("中共某局党组关于巡察整改情况的通报")
    table = document.add_table(rows=rows + 1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "问题", "整改措施"), strict=True):
        cell.text = text
    for n in range(1, rows + 1):
        cells = table.rows[n].cells
        cells[0].text, cells[1].text, cells[2].text = str(n), f"制度执行不严格的问题第{n:05d}项", "建立学习台账。"
    return _saved(document)


# name → (builder, suffix, the rows the result must hold as nodes, or 0)
INPUTS: dict[str, tuple[Callable[[], bytes], str, int]] = {
    "seed-spaces": (lambda: seed_with_run(" " * 3000), ".txt", 0),
    "seed-ideographic-spaces": (lambda: seed_with_run("\u3000" * 3000), ".txt", 0),
    "seed-returns": (lambda: seed_with_run("\r" * 4000), ".txt", 0),
    "seed-zero-width": (lambda: seed_with_run("\u200b" * 4000), ".txt", 0),
    "feff-300000": (lambda: ("\ufeff" * 300_000).encode("utf-8"), ".txt", 0),
    "zwsp-300000": (lambda: ("\u200b" * 300_000).encode("utf-8"), ".txt", 0),
    "invisible-mix": (lambda: ("\ufeff\u200b\u200c\u200d\u2060 \t\r\n\x0b\x0c\u3000" * 30_000).encode("utf-8"),
                      ".txt", 0),
    "docx-letters-260000000": (letters_from, ".docx", 0),
    "docx-level-text-100000": (level_text_repeating, ".docx", 0),
    "html-table-5000": (lambda: problem_table_html(5_000), ".html", 5_000),
    "html-table-20000": (lambda: problem_table_html(20_000), ".html", 20_000),
    "docx-table-3000": (lambda: problem_table_docx(3_000), ".docx", 3_000),
    "docx-nested-tables-200": (nested_tables, ".docx", 0),
    "utf16le-no-bom": (lambda: SEED.read_text(encoding="utf-8").encode("utf-16-le"), ".txt", 0),
    "utf16be-no-bom": (lambda: SEED.read_text(encoding="utf-8").encode("utf-16-be"), ".txt", 0),
}
CHEAP = ("seed-spaces", "seed-returns", "feff-300000", "docx-letters-260000000", "docx-level-text-100000",
         "html-table-5000", "docx-nested-tables-200", "utf16le-no-bom", "utf16be-no-bom")


def run(path: Path, timeout: float = 60, *options: str) -> dict[str, object]:
    """``python -m rectext PATH``: seconds, peak memory (MB), exit status, stderr, JSON bytes, nodes."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "rectext", str(path), *options], stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        output, message = out.read(), err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    nodes = len(re.findall(rb'"marker":', output))
    return {"seconds": round(seconds, 2), "mb": round(usage.ru_maxrss / 1024), "exit": code,
            "stderr": message.strip()[-300:], "out_bytes": len(output), "nodes": nodes}


def main(argv: list[str]) -> int:
    names = argv or list(INPUTS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            build, suffix, _ = INPUTS[name]
            path = Path(tmp) / f"{name}{suffix}"
            path.write_bytes(build())
            result = run(path)
            print(f"{name:26} {path.stat().st_size:>9,} B  {result['seconds']:>6} s {result['mb']:>5} MB "
                  f"exit {result['exit']}  out {result['out_bytes']:,} B  nodes {result['nodes']}  "
                  f"{result['stderr'][:160]!r}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
