"""Every kind rule (rectext.structure.kinds.KIND_RULES) by an example of its own, and ``--explain``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEED

from rectext.parser import parse_record
from rectext.structure.kinds import DROP, KIND_RULES

# rule name → (notice text, heading of the node it decides, the kind it gives)
EXAMPLES = {
    "cut short": ("一、整改情况\n1.关于“学习不够深入", "关于“学习不够深入", "item"),
    "run-in under a problem": ("一、整改情况\n1.学习不够的问题\n一是加强学习。\n", "加强学习", "measure"),
    "一是 elsewhere": ("二、下一步打算\n一是继续学习。\n", "继续学习", "item"),
    "list after a label under a problem": ("一、整改情况\n1.学习方面存在差距\n整改措施：\n1.开展宣传。\n2.制定计划。\n",
                                           "开展宣传", "measure"),
    "list after a label": ("一、整改情况\n1.学习方面\n整改措施：\n1.学习不够的问题\n", "学习不够的问题", "item"),
    "findings under a 反馈问题 heading": ("一、整改情况\n（一）反馈问题：公益性体现不足\n1.考核方案尚未公布。\n",
                                          "考核方案尚未公布", "problem"),
    "labelled findings": ("一、整改情况\n（一）反馈问题：公益性体现不足\n1.考核方案尚未公布。\n",
                          "反馈问题：公益性体现不足", "group"),
    "status heading": ("一、整改情况\n（一）已完成整改的问题\n1.学习不够的问题\n", "已完成整改的问题", "group"),
    "方面 heading": ("一、整改情况\n（一）学习教育方面\n1.学习不够的问题\n", "学习教育方面", "group"),
    "sums up findings": ("一、整改情况\n（一）思想认识有差距\n1.中心组学习次数不达标。整改情况：组织集中学习12次。\n"
                         "2.专题研讨不深入。整改情况：开展研讨3次。\n", "思想认识有差距", "group"),
    "states a finding": ("一、整改情况\n1.学习不够深入的问题\n", "学习不够深入的问题", "problem"),
    "points under a group": ("一、整改情况\n（一）学习教育方面\n1.理论学习\n一是加强学习。\n", "理论学习", "problem"),
    "under a problem": ("一、整改情况\n1.学习不够的问题\n（1）开展学习。\n", "开展学习", "measure"),
    "findings below": ("一、其他\n（一）其他事项\n1.学习不够深入的问题\n", "其他事项", "group"),
    "otherwise": ("三、下一步打算\n（一）持续推进\n", "持续推进", "item"),
}
# decided after the rules, by what the siblings numbered alike are
AGREEMENT = {
    "siblings are measures": ("一、整改情况\n1.学习不够的问题\n（1）开展学习。\n"
                              "（2）开展阵地排查。整改成效：排查3处。\n（3）建立制度。\n", "开展阵地排查", "measure"),
    "siblings are problems": ("一、整改情况\n1.学习不够的问题\n2.宣传工作\n（1）开展宣传\n3.制度不全的问题\n",
                              "宣传工作", "problem"),
    "top level": ("一、整改情况\n1.学习不够深入的问题\n", "整改情况", "section"),
    "finding at the top": ("一、关于“学习不够深入”的问题\n整改措施：一是制定计划。\n", "关于“学习不够深入”的问题",
                           "problem"),
    "cut short at the top": ("一、整改情况\n二、关于“学习不够深入", "关于“学习不够深入", "section"),
    "cut short: the kind of its siblings": ("一、整改情况\n1.学习不够的问题\n2.关于“制度不健全", "关于“制度不健全",
                                            "problem"),
}


def _decided(text: str) -> dict[str, tuple[str, str]]:
    """heading → (kind, rule) of every node."""
    rules: dict[int, str] = {}
    record = parse_record(text, rules)
    out = {}

    def visit(nodes):
        for node in nodes:
            out[node["heading"]] = (node["kind"], rules[node["start"]])
            visit(node["children"])

    visit(record["sections"])
    return out


def test_every_rule_has_an_example():
    assert set(EXAMPLES) | {"run-in elsewhere"} == {name for name, _, _ in KIND_RULES}
    assert KIND_RULES[-1][0] == "otherwise", "the last rule holds for every node"


@pytest.mark.parametrize("rule", [*EXAMPLES, *AGREEMENT])
def test_the_rule_decides_its_example(rule):
    text, heading, kind = {**EXAMPLES, **AGREEMENT}[rule]
    assert _decided(text)[heading] == (kind, rule)


def test_a_run_in_list_outside_a_problem_is_dropped_and_stays_text():
    assert [kind for name, kind, _ in KIND_RULES if name == "run-in elsewhere"] == [DROP]
    text = "一、基本情况\n我们做了三件事：1.学习理论；2.宣传政策。\n"
    record = parse_record(text)
    assert record["sections"][0]["children"] == []
    assert "1.学习理论；2.宣传政策。" in record["sections"][0]["body"]


def test_explain_shows_the_rule_behind_each_kind():
    got = subprocess.run([sys.executable, "-m", "rectext", str(SEED), "--explain"], capture_output=True, text=True,
                         check=True)
    lines = got.stdout.splitlines()
    assert lines and all("  ← " in line for line in lines)
    names = {line.rsplit("  ← ", 1)[1] for line in lines}
    assert names <= {name for name, _, _ in KIND_RULES} | set(AGREEMENT)
    assert {"top level", "states a finding"} <= names
    # the outline itself is the one --format outline prints
    plain = subprocess.run([sys.executable, "-m", "rectext", str(SEED), "--format", "outline"], capture_output=True,
                           text=True, check=True)
    assert [line.rsplit("  ← ", 1)[0] for line in lines] == plain.stdout.splitlines()


def test_explain_goes_with_the_outline_only():
    got = subprocess.run([sys.executable, "-m", "rectext", str(SEED), "--explain", "--format", "html"],
                         capture_output=True, text=True)
    assert got.returncode == 2
    assert got.stderr == "rectext: --explain shows the outline; it does not go with --format html\n"
