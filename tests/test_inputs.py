"""Inputs as they really come, and bad input that never brings rectext down."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, SEED
from invariants import check_invariants

import rectext
from rectext.cli import main
from rectext.read.reader import InputError, read_source


def _shape(notice):
    return [(n.kind, n.number, n.heading) for n in notice.walk()]


@pytest.fixture(scope="module")
def seed_shape(seed):
    return _shape(seed)


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("codec", "recorded"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
     ("cp950", "cp950"), ("utf-16", "utf-16")],
)
def test_seed_in_each_encoding_parses_alike(tmp_path, seed_text, seed, codec, recorded):
    path = tmp_path / f"seed-{codec}.txt"
    path.write_bytes(seed_text.encode(codec))
    notice = rectext.parse_file(path)
    assert _shape(notice) == _shape(seed)
    assert notice.title == seed.title and notice.date == seed.date
    assert notice.input.encoding == recorded and notice.input.format == "text"


def test_crlf_file(tmp_path, seed_text, seed):
    path = tmp_path / "seed-crlf.txt"
    path.write_bytes(seed_text.replace("\n", "\r\n").encode("gb18030"))
    assert _shape(rectext.parse_file(path)) == _shape(seed)


def test_forced_encoding(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    assert rectext.parse_file(path, encoding="gb18030").input.encoding == "gb18030"
    with pytest.raises(InputError, match="cannot decode as utf-8"):
        rectext.parse_file(path, encoding="utf-8")


# ---------------------------------------------------------------- HTML and furniture


def _government_page(body_lines: list[str], title: str) -> str:
    paragraphs = "\n".join(f"<p>{line}</p>" for line in body_lines)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某区人民政府门户网站</title>
<script>var x = "一、不是正文";</script><style>p {{ color: red }}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a>政务公开</a> | <a>政务服务</a> | <a>互动交流</a></div>
<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>巡察整改</a></div>
<ul class="meta"><li>信息索引号：1133/2024-91562</li><li>文件名称：{title}</li><li>发布机构：区委</li></ul>
<h1>{title}</h1>
<div class="tools">分享： <a>微信</a> <a>微博</a> 【<a>打印</a>】 【<a>关闭</a>】 <a>朗读</a>
字体：<a>大</a> <a>中</a> <a>小</a></div>
<div class="count">浏览次数：417</div>
<div id="zoom">{paragraphs}</div>
<div class="editor">责任编辑：张三</div>
<div class="footer"><p>版权所有：某区人民政府办公室 网站标识码：3311030007 浙ICP备13009871号-1</p>
<p>扫一扫在手机上打开当前页</p></div></body></html>"""


def test_seed_wrapped_as_government_page(tmp_path, seed_text, seed):
    lines = seed_text.splitlines()
    page = _government_page(lines[2:], lines[0])  # title as <h1>, header line dropped
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    notice = rectext.parse_file(path)
    assert _shape(notice) == _shape(seed)
    assert notice.title == seed.title and notice.date == seed.date and notice.issuer == seed.issuer
    assert notice.input.format == "html"
    for furniture in ("首页", "信息索引号", "分享", "打印", "浏览次数", "责任编辑", "版权所有", "扫一扫", "不是正文"):
        assert furniture not in notice.text
    check_invariants(notice)


PROBLEM_TABLE = """<html><body><h1>中共某镇委员会关于巡察整改情况的通报</h1>
<p>一、整改工作开展情况</p><p>对巡察反馈的3个问题逐项制定整改措施。</p>
<p>二、反馈问题整改落实情况</p>
<table><tr><th>序　号</th><th>巡察反饋問題</th><th>整改措施</th><th>完成情况</th></tr>
<tr><td>1</td><td>理论学习不够深入的问题</td><td><p>1.制定学习计划；</p><p>2.开展专题研讨</p></td><td>已完成</td></tr>
<tr><td>2</td><td>村级财务管理不规范</td><td>1.开展专项审计；2.规范报账程序</td><td>已完成</td></tr>
<tr><td>3</td><td>惠民资金发放不及时</td><td>建立资金发放台账</td><td></td></tr>
</table><p>三、下一步工作打算</p><p>持续巩固整改成果。</p></body></html>"""


def _page(tmp_path, markup: str):
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return rectext.parse_file(path)


def _problems(notice):
    return [(p.number, p.heading, [m.heading for m in p.measures]) for p in notice.problems]


def test_a_table_of_problems_reads_as_problems_and_measures(tmp_path):
    notice = _page(tmp_path, PROBLEM_TABLE)
    assert _problems(notice) == [
        (1, "理论学习不够深入的问题", ["制定学习计划", "开展专题研讨"]),
        (2, "村级财务管理不规范", ["开展专项审计", "规范报账程序"]),
        (3, "惠民资金发放不及时", []),
    ]
    assert "完成情况：已完成" in notice.text and "整改措施：建立资金发放台账" in notice.text
    check_invariants(notice)


def test_a_problem_table_with_merged_cells(tmp_path):
    page = """<html><body><h1>中共某镇委员会关于巡察整改情况的通报</h1><p>二、反馈问题整改落实情况</p>
<table><tr><td colspan="5">巡察反馈问题整改落实情况表</td></tr>
<tr><td>序号</td><td>问题类别</td><td>反馈问题</td><td>整改措施</td><td>整改情况</td></tr>
<tr><td>1</td><td rowspan="2">党的领导方面</td><td>理论学习不够深入</td><td>1.制定学习计划；2.开展专题研讨</td>
<td>已完成</td></tr>
<tr><td>2</td><td>意识形态责任制落实不到位</td><td>1.制定责任清单；2.开展研判</td><td>已完成</td></tr>
<tr><td>3</td><td>全面从严治党方面</td><td>财务管理不规范</td><td colspan="2">1.修订制度；2.开展检查</td></tr>
</table></body></html>"""
    notice = _page(tmp_path, page)
    assert _problems(notice) == [
        (1, "理论学习不够深入", ["制定学习计划", "开展专题研讨"]),
        (2, "意识形态责任制落实不到位", ["制定责任清单", "开展研判"]),
        (3, "财务管理不规范", ["修订制度", "开展检查"]),
    ]
    assert notice.text.count("党的领导方面") == 1  # a merged cell is written once
    assert "巡察反馈问题整改落实情况表" in notice.text  # the caption row keeps its text


@pytest.mark.parametrize("width", [24, 30, 37])
def test_a_hard_wrapped_notice_reads_as_the_notice(tmp_path, seed_text, seed, width):
    from test_styles import hard_wrap

    path = tmp_path / "wrapped.txt"
    path.write_text(hard_wrap(seed_text, width), encoding="utf-8")
    notice = rectext.parse_file(path)
    assert notice.input.cleaned["line_breaks"] > 50
    assert _shape(notice) == _shape(seed)
    assert (notice.title, notice.issuer, notice.date) == (seed.title, seed.issuer, seed.date)
    assert notice.inspection.start == seed.inspection.start and notice.declared == seed.declared.model_copy(
        update={"spans": notice.declared.spans})
    check_invariants(notice)


@pytest.mark.parametrize("width", [None, 30])
def test_page_numbers_of_a_pdf_copy_are_taken_out(tmp_path, seed_text, seed, width):
    from test_styles import hard_wrap

    lines = (hard_wrap(seed_text, width) if width else seed_text).split("\n")
    paged = [x for i, line in enumerate(lines) for x in ([line, f"— {i // 20 + 1} —"] if i % 20 == 19 else [line])]
    path = tmp_path / "paged.txt"
    path.write_text("\n".join(paged), encoding="utf-8")
    notice = rectext.parse_file(path)
    assert notice.input.cleaned["page_numbers"] == len(lines) // 20
    assert "—" not in notice.text and _shape(notice) == _shape(seed)


def test_lines_that_only_look_like_page_numbers_stay():
    from rectext.read.unwrap import unwrap

    text = "一、整改情况\n— 2 —\n1.学习不深入的问题\n— 1 —\n"  # not counting up: not pagination
    assert unwrap(text) == (text, {})


def test_a_marker_out_of_turn_after_a_cut_line_is_text():
    from rectext.read.unwrap import unwrap

    full = frozenset({1, 2})  # lines 1 and 2 run to the right margin (a PDF's layout says so)
    text = ("一、整改情况\n（四）建立长效机制。把当下改与长久立结合起来，做到举一反\n"
            "三、标本兼治，推进问题深层次整改。\n二、下一步打算\n")
    joined, counts = unwrap(text, full)
    assert "做到举一反三、标本兼治" in joined and counts == {"line_breaks": 1}
    # the next marker in turn is a heading, even after a cut line
    text = "一、整改情况\n（四）建立长效机制。把当下改与长久立结合起来，做到\n二、标本兼治\n"
    assert unwrap(text, full) == (text, {})


def test_an_area_code_in_brackets_is_no_marker():
    from rectext.read.unwrap import unwrap

    text = "一、整改情况\n如有意见建议，请及时向我们反映。联系电话：\n（0836）6213579。\n"
    joined = "一、整改情况\n如有意见建议，请及时向我们反映。联系电话：（0836）6213579。\n"
    assert unwrap(text, frozenset({1}))[0] == joined


def test_no_fixture_is_taken_for_hard_wrapped():
    for path in sorted(FIXTURES.rglob("*.txt")) + sorted(FIXTURES.rglob("*.html")):
        cleaned = read_source(path).cleaned
        assert "line_breaks" not in cleaned and "page_numbers" not in cleaned, path


def test_an_ordered_list_gets_the_numbers_a_browser_shows(tmp_path):
    page = """<html><body><h1>中共某局党组关于巡察整改情况的通报</h1>
<ol class="breadcrumb"><li>首页</li><li>通知</li></ol><p>一、整改情况</p>
<ol start="3"><li>理论学习不够深入的问题。整改措施：一是制定学习计划；二是开展研讨。</li>
<li><b>财务管理不规范的问题。</b>整改措施：一是修订制度；二是开展检查。</li></ol>
<ol type="a"><li>这是按字母编号的一项较长的说明文字</li></ol></body></html>"""
    notice = _page(tmp_path, page)
    assert _problems(notice) == [
        (3, "理论学习不够深入的问题", ["制定学习计划", "开展研讨"]),
        (4, "财务管理不规范的问题", ["修订制度", "开展检查"]),
    ]
    assert "1.通知" not in notice.text and "1.这是" not in notice.text  # link lists and lettered lists stay


def test_a_layout_table_is_left_as_lines(tmp_path):
    notice = _page(tmp_path, PROBLEM_TABLE.replace("<th>序　号</th>", "<th>栏目</th>"))
    assert notice.problems == [] and "\n1\n理论学习不够深入的问题\n" in notice.text


def test_html_sniffed_without_suffix_and_in_gbk(tmp_path, seed_text, seed):
    lines = seed_text.splitlines()
    path = tmp_path / "page.txt"
    path.write_bytes(_government_page(lines[2:], lines[0]).replace("utf-8", "gbk").encode("gb18030"))
    notice = rectext.parse_file(path)
    assert notice.input.format == "html" and _shape(notice) == _shape(seed)


def test_pasted_page_furniture_in_plain_text(seed_text, seed):
    lines = seed_text.splitlines()
    pasted = "\n".join([
        "热门搜索：巡察 整改 通报", "首页 > 政务公开 > 巡察整改", lines[0], "分享： 微信 微博 QQ空间",
        "【打印】 【关闭】", *lines[1:], "责任编辑：张三", "版权所有：某区人民政府 网站标识码：3302000001",
    ]) + "\n"
    notice = rectext.parse(pasted)
    assert _shape(notice) == _shape(seed)
    assert notice.title == seed.title and notice.date == seed.date
    closing = notice.text[notice.parts.closing.start:]
    assert "版权所有" in closing and "责任编辑" in closing
    check_invariants(notice)


def test_pinyin_in_brackets_is_removed(tmp_path, seed_text, seed):
    text = seed_text.replace("關于巡察", "關(guān)于巡察", 1).replace("整改落實情況", "整改落(luò)實情況", 1)
    path = tmp_path / "pinyin.txt"
    path.write_text(text, encoding="utf-8")
    notice = rectext.parse_file(path)
    assert notice.title == seed.title and _shape(notice) == _shape(seed)
    assert notice.input.cleaned == {"pinyin": 2}


# ---------------------------------------------------------------- what the text is


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("关于省委第三巡察组进驻某县开展巡察的公告\n省委第三巡察组进驻某县开展巡察。巡察期间设立值班电话，"
         "受理来信来电来访。\n", "inspection-announcement"),
        ("某县审计局关于2023年度预算执行审计结果公告\n一、基本情况\n审计发现问题12个。\n二、审计发现的主要问题\n",
         "audit-report"),
        ("本报讯（记者 张三）近日，某区召开巡察工作会议，通讯员李四报道。\n", "news"),
    ],
)
def test_other_genres_parse_with_a_warning(text, label):
    notice = rectext.parse(text)
    assert notice.genre.label == label and notice.genre.confidence > 0.5
    genre = [d for d in notice.diagnostics if d.code == "genre"]
    assert genre and genre[0].level == "warning"


def test_seed_is_a_rectification_notice(seed):
    assert seed.genre.label == "rectification-notice" and seed.genre.confidence > 0.8
    assert not [d for d in seed.diagnostics if d.code == "genre"]


# ---------------------------------------------------------------- bad input


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("一、整改情况\n", encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("rectext.read.reader.open", denied, raising=False)  # root ignores chmod
    with pytest.raises(InputError, match="permission denied"):
        read_source(path)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("zip.zip", b"PK\x03\x04" + os.urandom(200), "damaged ZIP archive"),
        ("nul.txt", b"abc\x00def" * 10, "binary content"),
        ("blank.txt", b" \n\t\n", "empty file"),
        ("page.html", b"<html><body><script>x()</script></body></html>", "no text in the input"),
    ],
)
def test_bad_files_raise_input_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_source(path)


def test_undecodable_bytes(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("一、整改情况".encode() + b"\xff\xfe\xfd")
    assert main([str(path), "--encoding", "utf-8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "cannot decode as utf-8" in err


def test_max_bytes_refuses_cleanly(tmp_path, capsys):
    path = tmp_path / "big.txt"
    path.write_text("一、整改情况\n" * 1000, encoding="utf-8")
    assert main([str(path), "--max-bytes", "100"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "over the limit of 100" in err and str(path) in err


def test_several_paths_jsonl_with_an_error_record(tmp_path, capsys):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    code = main([str(SEED), str(broken), str(tmp_path / "missing.txt"), str(SEED), "--jsonl"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and len(records) == 4
    assert records[0]["title"] == records[3]["title"]
    assert records[1] == {"path": str(broken), "error": "input", "message": "binary content, not text"}
    assert records[2]["message"] == "no such file"
    assert err.count("\n") == 2


def test_several_paths_need_jsonl(capsys):
    assert main([str(SEED), str(SEED)]) == 2
    assert "--jsonl" in capsys.readouterr().err


def test_stdin_html_via_subprocess():
    page = (FIXTURES / "seed-traditional.txt").read_text(encoding="utf-8").splitlines()
    html = _government_page(page[2:], page[0]).encode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "rectext", "-"], input=html, capture_output=True, check=False)
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["input"]["format"] == "html" and doc["input"]["path"] is None
    assert len(doc["sections"]) == 3


# ---------------------------------------------------------------- adversarial text
# Sizes at which a super-linear pattern would take minutes; the suite would time out.

ADVERSARIAL = {
    "markers in a row": "1." * 100_000,
    "marker lines": "1.甲的问题\n一是改。\n" * 20_000,
    "run-in lists": "整改措施：1.甲；" * 50_000,
    "glued run-ins": "党委一是" * 100_000,
    "one long line": "局党组高度重视" * 300_000,
    "nested brackets": "（" * 50_000 + "甲" + "）" * 50_000,
    "nested quotes": "1.关于“" * 50_000 + "甲" + "”" * 50_000,
    "digits": "1" * 1_000_000,
    "numerals": "一" * 1_000_000,
    "pipes": "|" * 500_000,
    "spaced markers": " 一、" * 100_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_text_parses(name):
    notice = rectext.parse(ADVERSARIAL[name])
    check_invariants(notice)


def test_word_exported_page_in_gb2312(tmp_path):
    """A page saved from Word: spans inside paragraphs, <br> lines, a bare <title>, GB2312."""
    page = """<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>通报</title>
<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:22pt'>中共某区教育局党组关于区委巡察整改情况的通报</span></b>
</p>
<p class=MsoNormal>&nbsp;&nbsp;根据区委统一部署，区委第一巡察组于2023年5月8日至7月7日对区教育局党组进行了巡察。</p>
<p class=MsoNormal><span>一、问题整改情况</span></p>
<p class=MsoNormal><span>（一）关于校外培训治理不到位的问题</span></p>
<p class=MsoNormal>整改情况：一是开展专项检查<span lang=EN-US>3</span>次。<br>二是建立举报<span>机制</span>。</p>
<p class=MsoNormal align=right>中共某区教育局党组</p>
<p class=MsoNormal align=right><span lang=EN-US>2023</span>年<span lang=EN-US>10</span>月<span lang=EN-US>9</span>日</p>
</div></body></html>"""
    path = tmp_path / "word.htm"
    path.write_bytes(page.encode("gb18030"))
    notice = rectext.parse_file(path)
    assert notice.text.startswith("中共某区教育局党组关于区委巡察整改情况的通报\n")
    assert notice.date == "2023-10-09" and notice.inspection.end == "2023-07-07"
    assert [m.heading for m in notice.problems[0].measures] == ["开展专项检查3次", "建立举报机制"]
