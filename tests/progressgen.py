"""The progress fixtures (tests/fixtures/progress): one set of problems written in every form a notice
states progress in — labelled lines, run-in sentences, list heads, tables in HTML, Word and PDF — in
Simplified and Traditional script, full- and half-width punctuation, each with its gold
(/work/shared/eval/gold-format.md). ``python tests/progressgen.py`` rewrites them.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

OUT = Path(__file__).parent / "fixtures" / "progress"

PROBLEMS = [
    {"h": "关于“理论学习不深入”的问题", "m": ["修订党组理论学习中心组学习制度", "开展专题学习研讨4次"],
     "unit": ["局办公室"], "leader": ["张明"], "deadline": "2024年6月底前", "st": "已完成", "status": "completed",
     "run_in": "目前该问题已整改完成。"},
    {"h": "关于“财务管理不规范”的问题", "m": ["开展财务专项检查", "建立报销审核制度"],
     "unit": ["计划财务科", "局办公室"], "leader": ["李华"], "deadline": "2024年12月底前", "st": "正在推进中",
     "status": "in_progress", "run_in": "此项整改正在推进中。"},
    {"h": "关于“意识形态责任制落实不到位”的问题", "m": ["制定意识形态工作责任清单", "每半年开展一次专题研判"],
     "unit": ["宣传科"], "leader": [], "deadline": "长期坚持", "st": "长期坚持", "status": "ongoing",
     "run_in": "该项工作长期坚持。"},
    {"h": "关于“选人用人程序不规范”的问题", "m": ["修订干部选拔任用工作规程", "开展干部档案专项审核"],
     "unit": ["人事科"], "leader": ["王强"], "deadline": "立行立改", "st": "已整改到位", "status": "completed",
     "run_in": "已于2024年5月完成整改。"},
    {"h": "关于“基层党组织建设薄弱”的问题", "m": ["规范三会一课制度执行", "开展支部书记全员轮训"],
     "unit": ["机关党委"], "leader": [], "deadline": "2024年9月30日前", "st": "尚未完成",
     "status": "not_started",
     "run_in": "目前尚未完成。"},
    {"h": "关于“项目资金监管不严”的问题", "m": ["建立项目资金台账", "开展资金使用绩效评价"],
     "unit": ["项目管理科"], "leader": ["赵敏"], "deadline": "2024年底前", "st": "已完成阶段性目标",
     "status": "in_progress",
     "run_in": "已完成阶段性目标。"},
]
CN = "一二三四五六七八九十"
DECLARED = {"problems": 6, "completed": 2, "in_progress": 2, "ongoing": 1}
PREAMBLE = ("根据区委统一部署，2024年3月1日至4月30日，区委第二巡察组对区科技局党组开展了常规巡察。2024年5月20日，"
            "区委第二巡察组向区科技局党组反馈了巡察意见。针对反馈的6个问题，局党组逐项明确了责任领导、责任单位和整改时限。"
            "上轮巡察反馈的9个问题已完成整改8个。截至目前，已完成整改2个，正在推进2个，长期坚持1项。")
TITLE = "中共某某区科技局党组关于巡察整改进展情况的通报"
ORGANISE = "一、整改工作组织情况\n局党组高度重视巡察整改工作，成立整改工作领导小组，召开专题会议研究部署。\n"
CLOSING = ("\n欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0510-81234567。\n\n"
           "中共某某区科技局党组\n2024年10月15日\n")


def _labelled(p: dict, i: int) -> str:
    """整改措施 then the labelled lines; the second and fifth problems put their fields first, on one line."""
    fields = [f"责任单位：{'、'.join(p['unit'])}"] + ([f"责任领导：{'、'.join(p['leader'])}"] if p["leader"] else [])
    fields.append(f"整改时限：{p['deadline']}")
    measures = "\n".join(f"{n}.{m}。" for n, m in enumerate(p["m"], 1))
    status = f"完成情况：{p['st']}" if i % 2 else f"整改进展：{p['st']}"
    if i in (1, 4):
        return f"（{CN[i]}）{p['h']}\n{'；'.join(fields)}\n整改措施：\n{measures}\n{status}\n"
    return f"（{CN[i]}）{p['h']}\n整改措施：\n{measures}\n" + "\n".join(fields) + f"\n{status}\n"


def _run_in(p: dict, i: int) -> str:
    measures = "；".join(f"{CN[n]}是{m}" for n, m in enumerate(p["m"]))
    return f"（{CN[i]}）{p['h']}\n{measures}。{p['run_in']}\n"


def _list_heads(problems: list[dict]) -> str:
    groups = {"completed": "已完成整改的问题", "in_progress": "正在推进的问题", "ongoing": "需长期坚持的问题",
              "not_started": "尚未完成整改的问题"}
    out, n = [], 0
    for g, (status, head) in enumerate(groups.items()):
        out.append(f"（{CN[g]}）{head}\n")
        for p in (p for p in problems if p["status"] == status):
            n += 1
            out.append(f"{n}.{p['h']}\n" + "".join(f"（{k}）{m}。\n" for k, m in enumerate(p["m"], 1)))
    return "".join(out)


def notice(body: str) -> str:
    return f"{TITLE}\n\n{PREAMBLE}\n\n{ORGANISE}二、反馈问题整改情况\n{body}{CLOSING}"


def traditional(text: str, half: bool) -> str:
    import opencc

    text = opencc.OpenCC("s2t").convert(text)
    if half:
        text = text.translate(str.maketrans("：；，（）", ":;,()"))
    return text


def gold(doc: str, problems: list[dict], keys: tuple[str, ...], convert, numbers=None, list_status=False) -> dict:
    """The gold of one fixture; ``keys`` are the progress fields the form states."""
    out = []
    for i, p in enumerate(problems):
        progress = {"status": p["status"]}
        if "deadline" in keys:
            progress["deadline"] = convert(p["deadline"])
        if "responsible" in keys:
            progress["responsible"] = [convert(x) for x in p["unit"] + p["leader"]]
        out.append({"number": numbers[i] if numbers else i + 1, "heading": convert(p["h"]),
                    "measures": [convert(m)[:8] for m in p["m"]], "progress": progress})
    sections = [{"number": 1, "heading": convert("整改工作组织情况")},
                {"number": 2, "heading": convert("反馈问题整改情况")}]
    declared = {} if list_status else {**DECLARED}
    return {"doc": doc, "title": convert(TITLE), "date": "2024-10-15", "declared": declared, "sections": sections,
            "problems": out}


def _write(name: str, data: str | bytes, g: dict) -> None:
    path = OUT / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (OUT / (path.stem + ".gold.json")).write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


TABLE_HEAD = ["序号", "反馈问题", "整改措施", "责任单位", "责任领导", "整改时限", "完成情况"]


def _rows(convert) -> list[list[str]]:
    rows = [[convert(h) for h in TABLE_HEAD]]
    for n, p in enumerate(PROBLEMS, 1):
        measures = "；".join(f"{k}.{m}" for k, m in enumerate(p["m"], 1)) + "。"
        rows.append([str(n), p["h"], measures, "、".join(p["unit"]), "、".join(p["leader"]), p["deadline"], p["st"]])
    return [[convert(c) for c in row] for row in rows]


def _html(convert) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in _rows(convert))
    head, body = notice("").split("二、反馈问题整改情况\n")
    paras = "".join(f"<p>{convert(line)}</p>\n" for line in (head + "二、反馈问题整改情况").split("\n") if line)
    tail = "".join(f"<p>{convert(line)}</p>\n" for line in body.split("\n") if line)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{convert(TITLE)}</title></head><body>\n"
            f"{paras}<table border='1'>\n{cells}</table>\n{tail}</body></html>\n")


def _docx(convert) -> bytes:
    import docx

    document = docx.Document()
    head, body = notice("").split("二、反馈问题整改情况\n")
    for line in (head + "二、反馈问题整改情况").split("\n"):
        if line:
            document.add_paragraph(convert(line))
    rows = _rows(convert)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    for line in body.split("\n"):
        if line:
            document.add_paragraph(convert(line))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(convert) -> bytes:
    """A table drawn cell by cell (a narrow notice: short lines that need no wrapping)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(1700, 1000))
    page.setFont("STSong-Light", 10)
    y = 960
    head, body = notice("").split("二、反馈问题整改情况\n")
    for line in (head + "二、反馈问题整改情况").split("\n"):
        if line:
            page.drawString(40, y, convert(line))
            y -= 18
    columns = (40, 80, 330, 750, 900, 980, 1100)
    for row in _rows(convert):
        for x, cell in zip(columns, row, strict=True):
            page.drawString(x, y, cell)
        y -= 18
    for line in body.split("\n"):
        if line:
            page.drawString(40, y, convert(line))
            y -= 18
    page.showPage()
    page.save()
    return out.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    simp = str
    trad_full, trad_half = (lambda s: traditional(s, False)), (lambda s: traditional(s, True))
    all_keys = ("deadline", "responsible")
    body = "".join(_labelled(p, i) for i, p in enumerate(PROBLEMS))
    _write("labelled-simplified.txt", notice(body), gold("labelled-simplified", PROBLEMS, all_keys, simp))
    _write("labelled-traditional-half.txt", trad_half(notice(body)),
           gold("labelled-traditional-half", PROBLEMS, all_keys, trad_half))
    body = "".join(_run_in(p, i) for i, p in enumerate(PROBLEMS))
    _write("runin-simplified-half.txt", notice(body).translate(str.maketrans("：；，（）", ":;,()")),
           gold("runin-simplified-half", PROBLEMS, (), simp))
    _write("runin-traditional.txt", trad_full(notice(body)), gold("runin-traditional", PROBLEMS, (), trad_full))
    order = [p for s in ("completed", "in_progress", "ongoing", "not_started") for p in PROBLEMS if p["status"] == s]
    g = gold("listheads-simplified", order, (), simp, list_status=True)
    g["problems"] = [{**p, "measures": [m for m in p["measures"]]} for p in g["problems"]]
    _write("listheads-simplified.txt", notice(_list_heads(PROBLEMS)), g)
    _write("table-html.html", _html(simp), gold("table-html", PROBLEMS, all_keys, simp))
    _write("table-traditional.docx", _docx(trad_full), gold("table-traditional", PROBLEMS, all_keys, trad_full))
    _write("table-pdf.pdf", _pdf(simp), gold("table-pdf", PROBLEMS, all_keys, simp))
    none = notice("".join(f"（{CN[i]}）{p['h']}\n" + "".join(f"{n}.{m}。\n" for n, m in enumerate(p["m"], 1))
                          for i, p in enumerate(PROBLEMS)))
    g = gold("none-stated", PROBLEMS, (), simp)
    for p in g["problems"]:
        del p["progress"]
    _write("none-stated.txt", none, g)
    return 0


if __name__ == "__main__":
    sys.exit(main())
