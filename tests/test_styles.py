"""Every way of numbering a notice's levels, combined: the same problems and measures come out.

Notices are put together from a grid of choices (Simplified or Traditional, full- or
half-width punctuation, line breaks kept or lost, a space after the markers; groups or none; the problems' numbering;
the measures' numbering, on lines of their own or run into a paragraph; the label before
them; a sentence describing the finding, a status line after the measures), and each must
give back the problems and measures it was built from. Left out are the combinations no
reader could decide either (problems and measures numbered alike with nothing between them).
"""

from __future__ import annotations

import itertools

import pytest

import rectext

FINDINGS = ["理论学习不够深入的问题", "基层党组织建设薄弱", "财务管理不规范", "落实主体责任有差距"]
MEASURES = [["制定年度学习计划", "开展专题研讨4次"], ["整顿软弱涣散党组织", "选派第一书记3名", "开展支部书记培训"],
            ["修订财务管理办法", "追回违规资金2.3万元"], ["制定主体责任清单", "开展约谈提醒12人次"]]
CN = "一二三四五六七八九十"

PROBLEM_STYLES = {
    "1.": lambda n: f"{n}.", "1、": lambda n: f"{n}、", "（1）": lambda n: f"（{n}）", "1）": lambda n: f"{n}）",
    "问题1：": lambda n: f"问题{n}：", "问题一：": lambda n: f"问题{CN[n - 1]}：",
    "【问题1】": lambda n: f"【问题{n}】", "（一）": lambda n: f"（{CN[n - 1]}）",
}
MEASURE_STYLES = {
    "一是": lambda n: f"{CN[n - 1]}是", "1.": lambda n: f"{n}.", "（1）": lambda n: f"（{n}）",
    "①": lambda n: "①②③"[n - 1], "第一，": lambda n: f"第{CN[n - 1]}，", "1）": lambda n: f"{n}）",
}
LABELS = {"none": "", "整改措施：": "整改措施：", "整改情况：": "整改情况：", "【整改情况】": "【整改情况】"}
LAYOUTS = ("lines", "run-in")
# What else a problem may carry: a sentence describing the finding, a status line after its measures.
EXTRAS = {"": ("", ""), "description": ("巡察发现，部分党员干部对此认识不足。", ""),
          "status": ("", "整改成效：已完成整改。")}


# How the body is laid out around the problems (with groups): the three sections, or none (the
# groups are the top level); problem numbers running on or restarting in each group; groups
# named 关于……方面 or ……方面存在的问题 / 在……方面.
SHAPES = ("sections", "no-sections", "restart", "group-phrasing")
GROUP_NAMES = {"group-phrasing": ("党的政治建设方面存在的问题", "在落实全面从严治党方面")}


def numbers(shape: str) -> list[int]:
    return [1, 2, 1, 2] if shape == "restart" else [1, 2, 3, 4]


def build(groups: bool, problem_style: str, measure_style: str, label: str, layout: str, extra: str = "",
          gap: str = "", shape: str = "sections") -> str:
    """A notice; ``gap`` is put after every marker (1. 理论…, 一是 制定…)."""
    sections = shape != "no-sections"
    out = ["中共某某局党组关于巡察整改情况的通报",
           "根据区委统一部署，区委第二巡察组对我局党组开展了巡察。现将整改情况通报如下。"]
    if sections:
        out += ["一、整改工作开展情况", "局党组召开专题会议研究部署整改工作。", "二、巡察反馈问题整改落实情况"]
    names = GROUP_NAMES.get(shape, ("关于党的政治建设方面", "关于全面从严治党方面"))
    for n, finding, measures in zip(numbers(shape), FINDINGS, MEASURES, strict=True):
        if groups and finding in (FINDINGS[0], FINDINGS[2]):
            first = finding == FINDINGS[0]
            out.append(f"（{'一' if first else '二'}）{names[0] if first else names[1]}")
        out.append(f"{PROBLEM_STYLES[problem_style](n)}{gap}{finding}。" + EXTRAS[extra][0])
        items = [f"{MEASURE_STYLES[measure_style](i)}{gap}{m}" for i, m in enumerate(measures, 1)]
        if layout == "lines":
            if LABELS[label]:
                out.append(LABELS[label])
            out.extend(f"{item}。" for item in items)
        else:
            out.append(LABELS[label] + "；".join(items) + "。")
        if EXTRAS[extra][1]:
            out.append(EXTRAS[extra][1])
    if sections:
        out += ["三、下一步工作打算", "持续巩固整改成果。"]
    out += ["欢迎广大干部群众监督。联系电话：0510-81234567。", "中共某某局党组", "2024年3月18日"]
    return "\n".join(out) + "\n"


FORMS = {
    "traditional": None,  # OpenCC s2t, in the fixture below
    "simplified": lambda s: s,
    "half-width": lambda s: s.translate(str.maketrans("，：；（）【】", ",:;()[]")),
    "line-breaks-lost": lambda s: s.replace("\n", " "),
    "space-after-markers": lambda s: s,  # built with a space after every marker
}


def _combinations():
    for script, extra, groups, ps, ms, label, layout in itertools.product(
            FORMS, EXTRAS, (False, True), PROBLEM_STYLES, MEASURE_STYLES, LABELS, LAYOUTS):
        if extra and script != "simplified":
            continue
        if groups and ps == "（一）":
            continue  # the groups are numbered so
        if layout == "run-in" and ms != "一是" and label == "none":
            continue  # a run-in 1.…；2.… needs its label (otherwise it is a sentence with numbers in it)
        if layout == "lines" and ms == ps.replace("1、", "1.") and label == "none":
            continue  # problems and measures numbered alike with nothing between: not decidable
        if layout == "lines" and ms == "第一，" and label == "none":
            continue
        name = f"{script}{'+' + extra if extra else ''}-{'groups' if groups else 'flat'}-{ps}-{ms}-{label}-{layout}"
        yield pytest.param(script, extra, groups, ps, ms, label, layout, id=name)


@pytest.fixture(scope="module")
def forms():
    import opencc

    return {**FORMS, "traditional": opencc.OpenCC("s2t").convert}


@pytest.mark.parametrize(("form", "extra", "groups", "problem_style", "measure_style", "label", "layout"),
                         list(_combinations()))
def test_every_combination_of_styles(forms, form, extra, groups, problem_style, measure_style, label, layout):
    text = build(groups, problem_style, measure_style, label, layout, extra, " " if form.startswith("space") else "")
    notice = rectext.parse(forms[form](text))
    convert = forms[form] if form == "traditional" else (lambda s: s)
    got = [(p.number, p.heading, [m.heading for m in p.measures]) for p in notice.problems]
    assert got == [(n, convert(f), [convert(x) for x in m])
                   for n, (f, m) in enumerate(zip(FINDINGS, MEASURES, strict=True), 1)]
    assert [s.heading for s in notice.sections] == [convert(h) for h in ("整改工作开展情况", "巡察反馈问题整改落实情况",
                                                                        "下一步工作打算")]
    assert [d.code for d in notice.diagnostics if d.level != "info"] == []


@pytest.mark.parametrize(("shape", "problem_style", "measure_style", "label", "layout"), [
    pytest.param(shape, *p.values[3:], id=f"{shape}-{'-'.join(p.values[3:])}")
    for shape in SHAPES[1:] for p in _combinations()
    if p.values[0] == "simplified" and not p.values[1] and p.values[2] and p.values[3] != "（一）"])
def test_every_combination_in_other_shapes(shape, problem_style, measure_style, label, layout):
    notice = rectext.parse(build(True, problem_style, measure_style, label, layout, shape=shape))
    got = [(p.number, p.heading, [m.heading for m in p.measures]) for p in notice.problems]
    assert got == list(zip(numbers(shape), FINDINGS, MEASURES, strict=True))
    groups = GROUP_NAMES.get(shape, ("关于党的政治建设方面", "关于全面从严治党方面"))
    assert [s.heading for s in notice.sections] == (list(groups) if shape == "no-sections" else
                                                   ["整改工作开展情况", "巡察反馈问题整改落实情况", "下一步工作打算"])


def hard_wrap(text: str, width: int) -> str:
    """The text cut into lines of ``width`` characters, as a PDF or fixed-width export cuts it."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(("form", "extra", "groups", "problem_style", "measure_style", "label", "layout"),
                         [p for p in _combinations() if p.values[0] == "simplified"])
def test_every_combination_hard_wrapped(form, extra, groups, problem_style, measure_style, label, layout):
    """Cut at 18 characters, then read as a file is read: the lines are joined back."""
    from rectext.api import parse_source
    from rectext.read.reader import source_from_bytes

    text = hard_wrap(build(groups, problem_style, measure_style, label, layout, extra), 18)
    source = source_from_bytes(text.encode("utf-8"))
    assert source.cleaned["line_breaks"] > 0
    notice = parse_source(source)
    got = [(p.number, p.heading, [m.heading for m in p.measures]) for p in notice.problems]
    assert got == [(n, f, m) for n, (f, m) in enumerate(zip(FINDINGS, MEASURES, strict=True), 1)]


@pytest.mark.parametrize(("form", "extra", "groups", "problem_style", "measure_style", "label", "layout"),
                         [p for p in _combinations() if p.values[0] in ("simplified", "half-width")])
def test_unwrapped_notices_are_left_alone(form, extra, groups, problem_style, measure_style, label, layout):
    from rectext.read.unwrap import unwrap

    text = FORMS[form](build(groups, problem_style, measure_style, label, layout, extra))
    assert unwrap(text) == (text, {})


def as_page(text: str) -> str:
    """The notice as a government site serves it: furniture, the title as <h1>, a <p> per line."""
    import html

    title, *lines = text.strip().split("\n")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f"<html><head><title>{title}_某某区人民政府</title></head><body>"
            f"<div class='nav'>首页 &gt; 政务公开</div><h1>{title}</h1>"
            f"<div>发布时间：2024-03-20 来源：区委巡察办</div><div class='content'>{body}</div>"
            f"<div>版权所有：某某区人民政府</div></body></html>")


@pytest.mark.parametrize(("form", "extra", "groups", "problem_style", "measure_style", "label", "layout"),
                         [p for p in _combinations() if p.values[0] == "simplified" and not p.values[1]])
def test_every_combination_as_a_web_page(form, extra, groups, problem_style, measure_style, label, layout):
    from rectext.api import parse_source
    from rectext.read.reader import source_from_bytes

    page = as_page(build(groups, problem_style, measure_style, label, layout))
    notice = parse_source(source_from_bytes(page.encode("utf-8"), suffix=".html"))
    got = [(p.number, p.heading, [m.heading for m in p.measures]) for p in notice.problems]
    assert got == [(n, f, m) for n, (f, m) in enumerate(zip(FINDINGS, MEASURES, strict=True), 1)]
    assert (notice.source, notice.date) == ("区委巡察办", "2024-03-18")
    assert notice.title == "中共某某局党组关于巡察整改情况的通报"


SUBGROUPS = ["落实管党治党政治责任", "加强干部队伍建设"]
NESTED_FINDINGS = ["关于“巡察整改督促不力”的问题", "关于“工程建设廉洁风险防控薄弱”的问题",
                   "关于“年轻干部储备不足”的问题", "关于“基层党组织书记培训不够”的问题"]


def build_five_levels(sub_style: str, problem_style: str, measure_style: str, label: str, layout: str) -> str:
    """一、 → （一）……方面 → 1.<a subject, not a finding> → （1）关于“……”的问题 → measures."""
    out = ["中共某某集团有限公司党委关于巡视整改进展情况的通报", "一、整改工作总体情况", "集团党委高度重视巡视整改。",
           "二、巡视反馈问题整改落实情况", "（一）全面从严治党和领导班子建设方面"]
    k = 0
    for s, subject in enumerate(SUBGROUPS, 1):
        out.append(f"{PROBLEM_STYLES[sub_style](s)}{subject}")
        for p in (1, 2):
            finding, measures = NESTED_FINDINGS[k], MEASURES[k]
            k += 1
            items = [f"{MEASURE_STYLES[measure_style](i)}{m}" for i, m in enumerate(measures, 1)]
            out.append(f"{(PROBLEM_STYLES | MEASURE_STYLES)[problem_style](p)}{finding}。")
            if layout == "lines":
                out += ([LABELS[label]] if LABELS[label] else []) + [f"{item}。" for item in items]
            else:
                out.append(LABELS[label] + "；".join(items) + "。")
    out += ["三、下一步工作打算", "持续深化巡视整改。", "中共某某集团有限公司委员会", "2024年9月30日"]
    return "\n".join(out) + "\n"


def _five_level_combinations():
    for sub, ps, ms, label, layout in itertools.product(("1.", "1、"), ("（1）", "①", "1）"), MEASURE_STYLES,
                                                        LABELS, LAYOUTS):
        if ms in (ps, sub.replace("1、", "1.")) or (layout == "run-in" and ms != "一是" and label == "none"):
            continue
        if layout == "lines" and ms == "第一，" and label == "none":
            continue
        yield pytest.param(sub, ps, ms, label, layout, id=f"{sub}-{ps}-{ms}-{label}-{layout}")


@pytest.mark.parametrize(("sub_style", "problem_style", "measure_style", "label", "layout"),
                         list(_five_level_combinations()))
def test_five_levels(sub_style, problem_style, measure_style, label, layout):
    notice = rectext.parse(build_five_levels(sub_style, problem_style, measure_style, label, layout))
    got = [(p.heading, [m.heading for m in p.measures]) for p in notice.problems]
    assert got == list(zip(NESTED_FINDINGS, MEASURES, strict=True))
    assert [n.kind for n in notice.walk() if n.heading in SUBGROUPS] == ["group", "group"]
