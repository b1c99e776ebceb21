"""Real notices, round 3 (issue 31): each failure family in sentences of our own, in both scripts and
both punctuation widths. The structure cases live in fixtures/cases/runin_and_top_findings.txt."""

from __future__ import annotations

import pytest
from casefile import read_cases
from conftest import FIXTURES

import rectext
from rectext.outputs.outline import render_outline
from rectext.parser import parse_record

_FULL = str.maketrans("(),:;!?", "（），：；！？")
_HALF = str.maketrans("（），：；！？", "(),:;!?")


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _variants(text: str) -> list[tuple[str, str]]:
    trad = _traditional(text)
    return [("simplified-half", text.translate(_HALF)), ("simplified-full", text.translate(_FULL)),
            ("traditional-half", trad.translate(_HALF)), ("traditional-full", trad.translate(_FULL))]


CASES = [pytest.param(case, id=f"{case.line}:{case.name}")
         for case in read_cases(FIXTURES / "cases" / "runin_and_top_findings.txt")]


def _shape(notice):
    return [(n.kind, n.number) for n in notice.walk()]


@pytest.mark.parametrize("case", CASES)
def test_structure_in_both_scripts_and_widths(case):
    expected = _shape(rectext.parse(case.text))
    assert bool(expected) == bool(case.outline)
    for name, text in _variants(case.text):
        assert _shape(rectext.parse(text)) == expected, name


def _explain(text: str) -> str:
    rules: dict[int, str] = {}
    notice = rectext.parse(text)
    parse_record(text, rules)
    return render_outline(notice, rules=rules)


def test_explain_names_the_rules_of_families_1_to_3():
    text = ("某局党组关于巡察整改情况的通报\n局党组高度重视。一是提高站位。二是压实责任。\n"
            "一、关于“理论学习不够深入”的问题\n整改措施：一是完善学习制度。\n二、关于“财务管理不规范”的问题\n整改措施：一是开展清查。\n")
    shown = _explain(text)
    assert "text 一是提高站位。二…  ← run-in before the body: preamble text" in shown
    assert "problem 一、 关于“理论学习不够深入”的问题  ← finding at the top" in shown
    labels = _explain("某镇党委关于巡察整改情况的通报\n问题一：财务管理不规范。\n整改情况：一是开展清查。\n"
                      "问题二：学习不深入。\n整改情况：一是制定计划。\n")
    assert "problem 问题一： 财务管理不规范  ← finding at the top" in labels


# ---------------------------------------------------------------- facts: (text, field path, value)

FACTS = [
    ("column tag left out of the title",
     "【巡察整改】中共某县妇联党组关于县委巡察整改进展情况的通报\n根据县委统一部署，县委第一巡察组对县妇联党组进行了巡察。\n",
     {"title": "中共某县妇联党组关于县委巡察整改进展情况的通报", "issuer": "中共某县妇联党组"}),
    ("bulleted information-disclosure list",
     "- 索引号：11340000-2024-00012\n- 发布机构：某县卫生健康委员会\n- 成文时间：2024年3月5日\n"
     "某县卫生健康委员会党组关于巡察整改情况的通报\n根据县委统一部署，县委第三巡察组于2023年8月10日至10月10日对县卫健委党组进行了巡察。\n",
     {"date": "2024-03-05"}),
    ("a bare date and site line under no title",
     "2024-10-08 15:30 某省纪委省监委网站\n"
     "根据区委统一部署，区委第二巡察组于2024年4月8日至6月7日对区法院党组进行了巡察。\n"
     "一、整改工作组织情况\n院党组高度重视。\n",
     {"date": "2024-10-08", "source": None, "inspection.start": "2024-04-08"}),
    ("a paper's name and date under the title",
     "中共某县融媒体中心委员会关于巡察整改进展情况的通报\n某某日报数字报 2024-07-12\n"
     "根据县委统一部署，县委第三巡察组对县融媒体中心党委开展了常规巡察。\n一、整改工作组织情况\n党委高度重视。\n",
     {"date": "2024-07-12", "title": "中共某县融媒体中心委员会关于巡察整改进展情况的通报"}),
    ("labelled header date and source with a label of their own",
     "公告摘要\n某乡党委关于巡察整改情况的通报\n发布日期：2024-05-06\n信息来源：某乡人民政府\n"
     "根据县委统一部署，2023年10月8日至11月30日，县委第二巡察组对某乡党委进行了巡察。\n",
     {"title": "某乡党委关于巡察整改情况的通报", "date": "2024-05-06", "source": "某乡人民政府"}),
    ("dates stripped of 年 and 月 inside a range",
     "某县统计局党组关于巡察整改情况的通报\n根据县委统一部署，县委第五巡察组于2024415日至68对县统计局党组开展了巡察，"
     "并于730日反馈了巡察意见。\n",
     {"inspection.start": "2024-04-15", "inspection.end": "2024-06-08", "inspection.feedback": "2024-07-30"}),
    ("an open period: the end derived from its length",
     "某县统计局党组关于巡察整改情况的通报\n根据县委统一部署，自2023年6月12日起，县委第五巡察组对县统计局党组开展为期2个月的巡察。\n",
     {"inspection.start": "2023-06-12", "inspection.end": "2023-08-11"}),
    ("declared counts in passing phrases",
     "某县农业农村局党组关于巡察整改情况的通报\n根据县委统一部署，县委第一巡察组对县农业农村局党组进行了巡察，"
     "共反馈问题5个大方面31个大项的问题。局党组梳理分解整改任务87个，已整改35项，正在整改7项。\n",
     {"declared.aspects": 5, "declared.problems": 31, "declared.measures": 87, "declared.completed": 35,
      "declared.in_progress": 7}),
    ("a team named by its task, with a quoted campaign name",
     "某区发展改革局党组关于巡察整改情况的通报\n根据市委统一部署，2024年3月1日至4月30日，"
     "市委深化“放管服”改革、优化营商环境专项巡察组对区发展改革局党组进行了巡察。\n",
     {"inspection.team": "市委深化“放管服”改革、优化营商环境专项巡察组", "inspection.end": "2024-04-30"}),
    ("the plainest inspection sentence, a cut-off date and last round's count",
     "首页 > 信息公开 > 巡察整改\n某市水务局党组关于巡察整改情况的通报\n发布日期：2024-01-10 信息来源：市水务局\n"
     "根据市委的统一部署,2023年8月7日至9月29日,市委第三巡察组对市水务局党组进行了巡察。"
     "截至2023年12月31日，上轮巡察反馈的12个问题已全部整改。2023年11月2日,市委巡察组向我局反馈了巡察意见。\n",
     {"inspection.team": "市委第三巡察组", "inspection.feedback": "2023-11-02", "declared.problems": None}),
    ("digits that split two ways, read before the cut-off",
     "某医院党委关于巡察整改进展情况的通报\n根据县委统一部署，县委第一巡察组对某医院党委进行了巡察。"
     "2025117日，县委第一巡察组向某医院党委反馈了巡察意见。"
     "截至2025年716日，巡察反馈具体问题需要公开的19 个，已完成整改9个。\n",
     {"inspection.feedback": "2025-01-17", "declared.problems": 19, "declared.completed": 9}),
    ("a place before the body is part of the team's name",
     "某区司法局党组关于巡察整改进展情况的报告\n根据某州市区委巡察工作统一部署,2019年7月12日至9月12日,"
     "某州市区委巡察第23组对区司法局进行了巡察。\n",
     {"inspection.team": "某州市区委巡察第23组"}),
    ("a site's column label is no title",
     "信息公开\n发布日期：2024-05-06 信息来源：某乡人民政府\n根据县委统一部署，2023年10月8日至11月30日，"
     "县委第二巡察组对某乡党委进行了巡察。\n一、整改情况\n已整改。\n",
     {"title": None, "date": "2024-05-06", "source": "某乡人民政府"}),
    ("a title shown only as the last step of the navigation trail",
     "首页 > 中共某区文化和旅游局党组关于巡察整改进展情况的通报\n来源：区纪委区监委\n发布时间：2026-01-16\n"
     "根据区委巡察工作统一部署，区委第四巡察组对区文化和旅游局党组开展了巡察。\n一、整改情况\n已整改。\n",
     {"title": "中共某区文化和旅游局党组关于巡察整改进展情况的通报", "issuer": "中共某区文化和旅游局党组",
      "source": "区纪委区监委"}),
    ("a bracketed header label and a team with its term and place",
     "某校党支部关于巡察整改情况的通报\n【发布日期：2019-12-03】 【来源：某区委巡察办】 【阅读：次】\n"
     "根据区委统一部署，十二届某某市委第八轮巡察二组对某校党支部开展了巡察。\n一、整改情况\n已整改。\n",
     {"date": "2019-12-03", "source": "某区委巡察办", "inspection.team": "十二届某某市委第八轮巡察二组"}),
    ("a disclosure table with spaced labels and a team named by its number alone",
     "您当前所在位置：某县人民政府>信息公开\n索 引 号 014327354/2025-00018 发布机构 某局 公开日期 2024-12-10\n"
     "中共某县某局委员会关于巡察整改进展情况的报告\n根据统一部署，2023年7月10日至9月20日，第二巡察组对某局党委进行了巡察，"
     "并反馈了巡察意见。\n一、整改工作组织情况\n党委高度重视。\n",
     {"date": "2024-12-10", "inspection.team": "第二巡察组", "inspection.feedback": None,
      "inspection.end": "2023-09-20"}),
    ("the act names the kind when the team's name says otherwise",
     "某社区关于巡察整改情况的通报\n根据县委统一部署，2023年11月10日至12月9日，县委第五巡视组对某社区进行了为期30天的巡察。\n"
     "一、整改工作组织情况\n已整改。\n",
     {"inspection.kind": "巡察"}),
    ("counts: a self-examination's aspects are not the notice's; a note inside 已完成(含基本完成)整改",
     "某中心党委关于巡察整改情况的通报\n根据市委统一部署，市委第二巡察组对某中心党委进行了巡察。在专题民主生活会上，"
     "班子成员对照8个方面深入查摆。巡察反馈的41个问题中共30个问题已完成(含基本完成)整改，制定的整改措施共计109条、"
     "已完成(含基本完成)整改措施89条。\n一、整改工作组织情况\n已整改。\n",
     {"declared.aspects": None, "declared.problems": 41, "declared.completed": 30, "declared.measures": 109}),
    ("a feedback meeting reported under its headline is news",
     "校党委向某学院反馈第三轮巡视“回头看”情况\n发布日期：2023-03-24\n3月23日，校党委向某学院反馈第三轮巡视“回头看”情况。"
     "巡视组组长代表党委巡视组进行了会议反馈，学院院长主持会议并作表态发言。\n",
     {"genre.label": "news"}),
    ("an entry announcement without 公告 in its headline is known by what the team takes in",
     "县委第三巡察组对某村开展专项巡察\n根据县委统一部署，县委第三巡察组对某村党支部开展专项巡察。"
     "巡察组主要受理反映某村集体“三资”管理方面问题的来信来电来访，受理时间为每天8:00-18:00。\n",
     {"genre.label": "inspection-announcement"}),
    ("a speech is a genre of its own",
     "在县委巡察工作动员部署会上的讲话\n同志们：\n今天，我们召开县委第三轮巡察工作动员部署会。下面，我讲三点意见。\n"
     "一、提高政治站位\n巡察是政治巡察。\n",
     {"genre.label": "speech"}),
    ("a mobilisation meeting reported is news",
     "根据县委统一部署，2025年10月11日，县委第一巡察组进驻县城投集团党委工作动员会在集团会议室召开。"
     "巡察组组长作动员讲话，集团党委书记作表态发言，共计80余人参会。\n",
     {"genre.label": "news"}),
]


def _get(notice, path: str):
    value = notice
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("text", "want"), [pytest.param(t, w, id=n) for n, t, w in FACTS])
def test_facts_in_both_scripts_and_widths(text, want):
    for name, variant in _variants(text):
        notice = rectext.parse(variant)
        for path, value in want.items():
            got = _get(notice, path)
            if isinstance(value, str) and name.startswith("traditional") and path in ("title", "issuer",
                                                                                      "inspection.team", "source"):
                value = _traditional(value)
            if isinstance(value, str) and path in ("title", "issuer", "inspection.team", "source"):
                value = value.translate(_FULL if name.endswith("full") else _HALF)
            assert got == value, (name, path)


def test_derived_end_is_said():
    notice = rectext.parse("某局党组关于巡察整改情况的通报\n"
                           "自2023年6月12日起，县委第五巡察组对某局党组开展为期一个月的巡察。\n")
    assert notice.inspection.end == "2023-07-11"
    assert "derived-date" in {d.code for d in notice.diagnostics}


def test_digits_that_split_two_ways_with_nothing_to_decide_are_null_and_said():
    notice = rectext.parse("某局党组关于巡察整改情况的通报\n根据县委统一部署，县委第一巡察组对某局党组进行了巡察。"
                           "2025111日，县委第一巡察组向某局党组反馈了巡察意见。\n一、整改情况\n已整改。\n")
    assert notice.inspection.feedback is None
    assert "ambiguous-date" in {d.code for d in notice.diagnostics}
