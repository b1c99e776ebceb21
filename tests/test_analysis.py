"""The analysis layer: categories, tags, keywords, measure specificity, people."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest
from conftest import SEED

import rectext
from rectext.facts.analysis import categorise, specificity, tags_for


@pytest.fixture(scope="module")
def seed_analysis():
    return rectext.parse_file(SEED, analyze=True).analysis


def test_seed_categories(seed_analysis):
    labels = {p.number: p.category.label for p in seed_analysis.problems}
    assert [labels[n] for n in (1, 2, 3, 4)] == ["政治建设"] * 4
    assert [labels[n] for n in (8, 9)] == ["组织建设"] * 2
    assert labels[11] == "整改落实"
    assert {labels[n] for n in (5, 6, 7, 10)} == {"全面从严治党"}
    assert seed_analysis.categories == {"政治建设": 4, "全面从严治党": 4, "组织建设": 2, "整改落实": 1}


def test_seed_evidence_tags_keywords(seed_analysis):
    eight = seed_analysis.problems[7]
    assert "党内政治生活" in eight.category.evidence and "政治" not in eight.category.evidence
    assert "选人用人" in seed_analysis.problems[8].tags
    assert "意识形态" in seed_analysis.problems[2].tags
    assert "审计" in seed_analysis.problems[10].tags
    words = [k.word for k in seed_analysis.problems[8].keywords]
    assert "干部选拔任用" in words or "选人用人" in words  # domain terms are never split


CASES = [
    ("学习贯彻习近平总书记重要论述不够深入的问题", "中心组专题学习。", "政治建设", "理论学习"),
    ("意識形態工作責任制落實不到位的問題", "修訂意識形態工作責任清單。", "政治建设", "意识形态"),
    ("财务报销审核把关不严的问题", "对报销凭证开展全面自查，追缴超标准接待费用0.368万元。", "全面从严治党", "财务"),
    ("落實中央八項規定精神不夠嚴格的問題", "開展違反中央八項規定精神問題專項治理。", "全面从严治党", "作风"),
    ("工程建设项目招投标监管存在薄弱环节的问题", "规范招标文件编制。", "全面从严治党", "招投标"),
    ("干部选拔任用程序执行不够规范的问题", "规范干部选任纪实。", "组织建设", "选人用人"),
    ("黨支部組織生活不夠規範的問題", "規範“三會一課”記錄。", "组织建设", "党建"),
    ("以往巡察反馈问题整改不彻底的问题", "对上轮巡察反馈问题开展回头看。", "整改落实", "巡察整改"),
    ("審計發現問題整改推進緩慢的問題", "建立審計整改清單。", "整改落实", "审计"),
]


@pytest.mark.parametrize(("heading", "body", "category", "tag"), CASES)
def test_category_and_tag_cases(heading, body, category, tag):
    text = f"中共某局党组关于巡察整改情况的通报\n一、整改落实情况\n1.{heading}\n整改措施：一是{body}\n"
    analysis = rectext.parse(text, analyze=True).analysis
    problem = analysis.problems[0]
    assert problem.category.label == category and problem.category.evidence
    assert tag in problem.tags


def test_traditional_analyses_as_its_simplified_conversion(seed_text, seed_analysis):
    import opencc

    simplified = opencc.OpenCC("t2s").convert(seed_text)
    assert simplified != seed_text
    other = rectext.parse(simplified, analyze=True).analysis

    def comparable(a):
        data = a.model_dump()
        for p in data["problems"]:
            p.pop("heading")
        for person in data["people"]:
            person.pop("name"), person.pop("post")
        return data

    assert comparable(other) == comparable(seed_analysis)


@pytest.mark.parametrize(
    ("text", "concrete"),
    [
        ("修订《局机关财务报销管理办法》，由办公室负责，2024年3月底前完成，清退资金0.86万元。", True),
        ("开展专项检查，检查在建工地86个，整改隐患413处。", True),
        ("高度重视，举一反三，切实加强管理，持续用力，久久为功。", False),
        ("进一步加强学习，不断提升能力。", False),
    ],
)
def test_measure_specificity(text, concrete):
    score, reasons, stock = specificity(text)
    assert (score >= 0.5) is concrete
    assert bool(reasons) is concrete
    if not concrete:
        assert stock or score == 0


def test_concrete_share_and_people(seed_analysis):
    assert len(seed_analysis.measures) == 28
    share = sum(m.concrete for m in seed_analysis.measures) / 28
    assert seed_analysis.concrete_share == round(share, 3)
    names = {(p.post, p.name) for p in seed_analysis.people}
    assert names == {("黨組書記", "姚詠華")}


def test_no_evidence_is_unclassified():
    category = categorise("某某", "某某")
    assert (category.label, category.source, category.evidence) == ("未分类", "none", [])
    assert tags_for("某某", "某某") == []


# Findings that name no area outright: the lexicon reads what they are about (written for this project).
SILENT = [
    ("地方政府隐性债务风险防范化解不够有力", "政治建设"),
    ("新能源项目推进缓慢，部分项目长期停留在前期阶段", "政治建设"),
    ("耕地保护责任落实不到位", "政治建设"),
    ("内部管理不够规范，合同管理存在漏洞", "全面从严治党"),
    ("对下属单位开展内部巡察不够深入", "全面从严治党"),
    ("公务用车管理使用不规范", "全面从严治党"),
    ("班子成员之间谈心谈话开展不经常", "组织建设"),
    ("年轻干部培养储备不足，后备干部断档", "组织建设"),
    ("上一轮巡察指出的问题仍有反弹", "整改落实"),
]


@pytest.mark.parametrize(("heading", "category"), SILENT)
def test_the_lexicon_reads_findings_that_name_no_area(heading, category):
    found = categorise(heading, "")
    assert (found.label, found.source) == (category, "lexicon") and found.evidence


def test_measures_weigh_less_than_the_finding():
    # the finding speaks of cadres; its measure mentions a system of finance rules in passing
    found = categorise("干部队伍结构不合理", "", "修订财务管理制度，规范报销")
    assert found.label == "组织建设"
    assert categorise("某某", "", "修订财务管理制度").label == "全面从严治党"  # measures alone still count


def test_area_terms_file_is_checked():
    from rectext.facts.analysis import load_terms

    with pytest.raises(ValueError, match="unknown area"):
        load_terms("作风建设\t3\t四风")
    with pytest.raises(ValueError, match="'四风' listed twice for 全面从严治党"):
        load_terms("全面从严治党\t3\t四风 作风\n全面从严治党\t2\t四风")
    # the shipped list passes its own checks
    shipped = load_terms((resources.files("rectext") / "data" / "areas.txt").read_text(encoding="utf-8"))
    assert len(shipped) > 400 and {area for area, _ in shipped["监督"]} == {"全面从严治党"}


def test_analyze_flag_and_batch(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rectext", str(SEED), "--analyze", "--compact"],
                          capture_output=True, check=True)
    doc = json.loads(proc.stdout)
    assert doc["analysis"]["problems"][10]["category"]["label"] == "整改落实"
    out = tmp_path / "out"
    from rectext.cli import main

    assert main(["batch", str(SEED), "-o", str(out), "--analyze", "--quiet"]) == 0
    record = json.loads((out / "notices.jsonl").read_text(encoding="utf-8"))
    assert record["analysis"]["categories"]["组织建设"] == 2


def test_without_analyze_there_is_no_analysis(seed):
    assert seed.analysis is None


def test_a_group_heading_that_names_the_area_decides_the_category():
    text = ("一、整改情况\n（一）在“落实全面从严治党主体责任”方面\n1.理论学习中心组学习不够深入的问题。\n"
            "整改措施：一是制定学习计划。\n（二）全面从严治党和领导班子建设方面\n2.意识形态工作责任制落实不到位的问题。\n"
            "整改措施：一是开展专题学习。\n")
    notice = rectext.parse(text, analyze=True)
    first, second = notice.analysis.problems
    # the notice's own heading wins over the lexicon (理论学习 would say 政治建设) and says where it came from
    assert (first.category.label, first.category.source, first.category.confidence) == ("全面从严治党", "heading", 1.0)
    assert notice.text[first.category.heading.start:first.category.heading.end] == "在“落实全面从严治党主体责任”方面"
    # a heading that names two areas leaves the lexicon to decide
    assert second.category.source == "lexicon" and second.category.heading is None


def test_area_headings_in_both_scripts():
    from rectext.facts.analysis import area_of, simplified

    assert area_of("关于“落实新时代党的组织路线”方面的问题") == "组织建设"
    assert area_of(simplified("關於「落實巡視、審計等監督發現問題整改」方面的問題")) == "整改落实"
    assert area_of("巡察反馈问题整改落实情况") is None  # a container of every problem names no area
    assert area_of("贯彻落实党中央决策部署方面") == "政治建设"


# Headings of earlier inspection rounds and of matters always filed in one area (written for this project).
@pytest.mark.parametrize("heading, area", [
    ("（一）党的领导弱化方面", "政治建设"),
    ("关于学习贯彻习近平新时代中国特色社会主义思想不深入的问题", "政治建设"),
    ("履行职能职责、服务中心大局方面", "政治建设"),
    ("党的建设缺失方面", "组织建设"),
    ("选人用人和干部队伍管理方面", "组织建设"),
    ("关于作风建设和落实中央八项规定精神方面", "全面从严治党"),
    ("党风廉政建设和反腐败工作方面", "全面从严治党"),
    ("落实巡察整改主体责任方面", "整改落实"),  # the 主体责任 of rectification is not 从严治党's
    ("意识形态工作责任制落实方面", None),  # filed under different areas by different notices
    ("党的领导和党的建设方面", None),  # two areas: the lexicon decides
    ("党的领导班子建设方面", "组织建设"),
    ("關於黨風廉政建設和反腐敗工作方面", "全面从严治党"),
    # the 三个聚焦 of inspections of villages and towns
    ("聚焦党的路线方针政策和党中央决策部署在基层的落实情况", "政治建设"),
    ("聚焦群众身边腐败问题和不正之风", "全面从严治党"),
    ("聚焦基层党组织软弱涣散、组织力欠缺问题", "组织建设"),
    ("执行民主集中制方面", "组织建设"),
    ("关于坚持和加强党的全面领导方面", "政治建设"),
    ("关于防范化解重大风险方面", "政治建设"),
    ("关于领导班子自身建设和党内政治生活方面", "组织建设"),
    ("关于巡视反馈意见整改方面", "整改落实"),
    ("关于主题教育检视问题整改方面", "整改落实"),
    ("关于各类监督发现问题整改方面", "整改落实"),
    # ……情况: a container of this round's rectification, an area otherwise
    ("关于全面从严治党方面问题的整改情况", "全面从严治党"),
    ("关于上轮巡察反馈问题整改情况", "整改落实"),
    ("巡察反馈意见整改落实情况", None),
    ("選人用人和幹部隊伍管理方面", "组织建设"),
])
def test_area_headings_of_earlier_rounds_and_single_area_matters(heading, area):
    from rectext.facts.analysis import area_of, simplified

    assert area_of(simplified(heading)) == area
