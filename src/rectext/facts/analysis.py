"""The analysis layer: what each problem is about, and whether its measures are concrete.

Loaded only for ``--analyze`` (or ``rectext.facts.analysis.analyze``): jieba, its
domain dictionary and OpenCC are imported here and nowhere else, so
``import rectext`` and the plain parse stay light.

Everything runs on the Simplified conversion of the text (OpenCC ``t2s``), so
a Traditional notice analyses exactly as its Simplified conversion does.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from .. import rx
from ..models import (
    CONCRETE_AT,
    Analysis,
    Category,
    Keyword,
    Measure,
    MeasureAnalysis,
    Notice,
    Person,
    Problem,
    ProblemAnalysis,
    Span,
)
from ..text import patterns as P
from ..text.fold import fold
from ..vocab import PROBLEM

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    import jieba.analyse
    import opencc

    from ..models import Node

# ---------------------------------------------------------------- vocabularies
# The four inspection areas; the terms that are evidence for each, with weights, are in
# data/areas.txt (read once, on first use).
AREAS = ("政治建设", "全面从严治党", "组织建设", "整改落实")
UNCLASSIFIED = "未分类"
# A group (or 方面 section) heading that names one inspection area decides the category of every
# problem under it; one that names two areas, or none, leaves the lexicon to decide. Besides the
# areas' own names (the four 落实 of current inspections), the names of the three of earlier rounds
# (党的领导 / 党的建设 / 全面从严治党) and of matters always filed in one area (作风建设, 选人用人 …).
# Topics that notices file under different areas (意识形态, 政治生态) name none.
AREA_HEADINGS: dict[str, regex.Pattern[str]] = {
    "政治建设": rx.compile(
        r"决策部署|路线方针政策|党的政治建设|政治建设|党中央|党的领导(?!班子)|习近平新时代中国特色社会主义思想"
        r"|党的全面领导|理论武装|理论学习|职能职责|主责主业|中心大局|服务大局|政治站位|新发展理念|高质量发展"
        r"|防范化解|重大风险"),
    "全面从严治党": rx.compile(
        r"全面从严治党|从严治党|管党治党|(?<!整改)主体责任|两个责任|监督责任|党风廉政|廉政建设|廉洁|腐败|不正之风"
        r"|作风建设|四风|形式主义|官僚主义|八项规定|纪律建设|权力运行|财务管理|财经纪律"),
    "组织建设": rx.compile(
        r"组织路线|组织建设|干部队伍|领导班子建设|班子(?:自身)?建设|党的建设(?!总要求)|党建工作|基层党建|党支部建设"
        r"|人才队伍|选人用人|选拔任用|民主集中制|党内政治生活|组织生活|软弱涣散|组织力"),
    "整改落实": rx.compile(
        r"(?:巡视|巡察|审计|监督|检查|检视)[^,。;]{0,10}?(?:问题|意见)(?:的)?整改|(?:巡视|巡察|审计|主题教育)整改"),
}
# ……整改(落实)情况 names the whole of this round's rectification, not an area — unless it is an
# earlier round's or an audit's.
_CONTAINER = rx.compile(r"情况[ 。:]*$")
_EARLIER = rx.compile(r"上轮|上一轮|以往|前次|历次|审计|监督发现")


def area_of(heading: str) -> str | None:
    """The one inspection area a (Simplified) heading names, or None.

    >>> area_of("在“贯彻落实党中央决策部署和上级工作要求”方面"), area_of("全面从严治党和领导班子建设方面")
    ('政治建设', None)
    >>> area_of("巡察反馈问题整改落实情况"), area_of("关于全面从严治党方面问题的整改情况")
    (None, '全面从严治党')
    """
    named = [label for label, pattern in AREA_HEADINGS.items() if pattern.search(heading)]
    if len(named) != 1:
        return None
    if named[0] == "整改落实" and _CONTAINER.search(heading) and not _EARLIER.search(heading):
        return None
    return named[0]


# Topic tags below the category: tag → terms.
TAGS: dict[str, tuple[str, ...]] = {
    "理论学习": ("理论学习", "学习贯彻", "中心组", "重要论述", "重要指示", "主题教育"),
    "意识形态": ("意识形态", "阵地管理", "舆情", "网络"),
    "财务": ("财务", "财经", "报销", "资金", "经费", "固定资产", "预算", "津补贴", "公款"),
    "招投标": ("招投标", "招标", "投标", "政府采购", "采购"),
    "工程项目": ("工程", "项目建设", "建设项目", "施工", "载体建设"),
    "选人用人": ("选人用人", "选拔任用", "干部选拔", "任免", "提拔", "年轻干部"),
    "党建": ("党支部", "党组织", "组织生活", "三会一课", "党建", "党员", "民主生活会", "党内政治生活"),
    "作风": ("作风", "四风", "形式主义", "官僚主义", "八项规定", "公务接待", "减负"),
    "廉政": ("廉政", "廉洁", "腐败", "违纪", "一岗双责", "风险防控"),
    "民生": ("民生", "养老", "救助", "医保", "就业", "住房", "低保"),
    "营商环境": ("营商环境", "服务企业", "企业服务", "惠企", "服务大局"),
    "安全生产": ("安全生产", "安全管理", "隐患", "消防"),
    "审计": ("审计",),
    "巡察整改": ("以往巡察", "上轮巡察", "以往巡视", "上轮巡视", "整改不彻底", "回头看"),
    "决策程序": ("三重一大", "集体决策", "议事规则", "决策"),
    "监督": ("监督", "监管", "问责"),
}
# Stock phrases of rectification prose: present, they weigh against concreteness.
STOCK_PHRASES = (
    "高度重视", "举一反三", "立行立改", "持续用力", "常态长效", "久久为功", "标本兼治", "切实加强", "进一步加强",
    "认真落实", "严格落实", "不断提升", "扎实推进", "全面加强", "落到实处", "取得实效", "常抓不懈", "抓早抓小",
    "真改实改", "动真碰硬", "以上率下", "压紧压实", "一以贯之",
)
_RESPONSIBLE = rx.compile(
    r"由[\p{Han}]{1,12}?(?:负责|牵头)|牵头(?:单位|部门|科室)?|责任(?:单位|部门|科室|人)|[\p{Han}]{1,8}(?:科|处|室|办|局|部|中心)负责"
)
_PEOPLE = rx.compile(r"(?<!\d)\d++(?:余|多)?(?:人次|名|人)")  # from a run's first digit, once
_DOCUMENT = rx.compile(r"《[^《》\n]{2,60}》")
_AMOUNT = rx.compile(r"(?<!\d)\d++(?:\.\d++)?\s*+(?:万元|亿元|元|%|个|家|次|项|条|人次|名|人|场|篇|户|处|期|天|万)")
_DATE_PART = rx.compile(r"\d{4}年|\d{1,2}月(?:底|前|中旬)?")
_POSTS = (
    "党组书记|党委书记|党组副书记|党委副书记|纪委书记|纪检组长|局长|副局长|院长|副院长|校长|副校长|主任|副主任|"
    "董事长|总经理|区长|县长|市长|镇长|乡长|处长|科长|书记|组长|副组长"
)
PERSON = rx.compile(rf"(?P<post>{_POSTS})(?P<name>[\p{{Han}}]{{2,3}}?)同志")
# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "PERSON": ("search", ("党组书记张三同志", "副局长李四五同志"), ("张三同志", "局长同志")),
    "_RESPONSIBLE": ("search", ("由办公室负责", "牵头单位", "责任人", "财务科负责"), ("加强学习",)),
    "_PEOPLE": ("search", ("12人次", "30余名", "5人"), ("人员",)),
    "_DOCUMENT": ("search", ("《议事规则》",), ("《》",)),
    "_AMOUNT": ("search", ("3.5万元", "98%", "12次"), ("若干",)),
    "_DATE_PART": ("search", ("2024年", "6月底", "3月前"), ("年底",)),
}


# ---------------------------------------------------------------- lazily loaded tools


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _tfidf() -> jieba.analyse.TFIDF:
    """A jieba TF-IDF extractor on a private tokenizer with the domain dictionary and stop list."""
    import logging

    import jieba
    import jieba.analyse
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    data = resources.files("rectext") / "data"
    tokenizer = jieba.Tokenizer()
    with resources.as_file(data / "dict.txt") as path:
        tokenizer.load_userdict(str(path))
    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = tokenizer
    extractor.postokenizer = jieba.posseg.POSTokenizer(tokenizer)
    with resources.as_file(data / "stopwords.txt") as path:
        extractor.set_stop_words(str(path))
    return extractor


def warm_up() -> None:
    """Load jieba, the dictionary and OpenCC now (once per batch worker)."""
    _converter()
    _tfidf().extract_tags("巡察整改")


def simplified(text: str) -> str:
    converted: str = _converter().convert(text)
    return converted


def load_terms(text: str) -> dict[str, list[tuple[str, int]]]:
    r"""Each term's areas and weights, from lines ``area<TAB>weight<TAB>term term …``.

    >>> load_terms("政治建设\t3\t理论学习 中心组\n# a comment")["中心组"]
    [('政治建设', 3)]
    """
    owners: dict[str, list[tuple[str, int]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        area, weight, terms = line.split("\t")
        if area not in AREAS:
            raise ValueError(f"areas.txt: unknown area {area!r}")
        for term in terms.split():
            if any(owner == area for owner, _ in owners.get(term, ())):
                raise ValueError(f"areas.txt: {term!r} listed twice for {area}")
            owners.setdefault(term, []).append((area, int(weight)))
    return owners


@lru_cache(maxsize=1)
def _term_patterns() -> tuple[regex.Pattern[str], dict[str, list[tuple[str, int]]]]:
    owners = load_terms(resources.files("rectext").joinpath("data/areas.txt").read_text(encoding="utf-8"))
    alternation = "|".join(regex.escape(t) for t in sorted(owners, key=len, reverse=True))
    return rx.compile(alternation), owners


# ---------------------------------------------------------------- the analysis

# How much a term weighs by where it stands: the finding's heading says what it is about; its
# text less; the measures, which speak of rectifying whatever the finding was, least.
_WHERE = (4.0, 1.0, 0.5)


def categorise(heading: str, body: str, measures: str = "") -> Category:
    """The category a problem falls in, by the area terms of its heading, its text and its
    measures; 未分类 only when no area has any evidence (source ``none``)."""
    pattern, owners = _term_patterns()
    scores: dict[str, float] = dict.fromkeys(AREAS, 0.0)
    evidence: dict[str, dict[str, float]] = {label: {} for label in AREAS}
    for text, factor in zip((heading, body, measures), _WHERE, strict=True):
        for m in pattern.finditer(text):
            for label, weight in owners[m.group()]:
                scores[label] += weight * factor
                evidence[label][m.group()] = evidence[label].get(m.group(), 0) + weight * factor
    total = sum(scores.values())
    if not total:
        return Category(label=UNCLASSIFIED, confidence=0.0, evidence=[], source="none")
    best = max(AREAS, key=lambda label: scores[label])
    terms = sorted(evidence[best], key=lambda t: -evidence[best][t])
    return Category(label=best, confidence=round(scores[best] / total, 2), evidence=terms[:6])


def tags_for(heading: str, body: str) -> list[str]:
    """Tags named in the heading, or mentioned at least twice in the problem's text."""
    return [tag for tag, terms in TAGS.items()
            if any(t in heading for t in terms) or sum(body.count(t) for t in terms) >= 2]


def keywords(text: str, top: int = 8) -> list[Keyword]:
    return [Keyword(word=w, weight=round(float(s), 4)) for w, s in _tfidf().extract_tags(text, topK=top,
                                                                                        withWeight=True)]


def specificity(text: str) -> tuple[float, list[str], list[str]]:
    """How concrete a measure is, with the signals for and against.

    Figures weigh 0.4 (0.5 with two or more), dates, named documents and a
    responsible body 0.3 each, people counted 0.2; each stock phrase takes 0.1 off.
    """
    reasons: list[str] = []
    score = 0.0
    amounts = _AMOUNT.findall(text)
    if amounts:
        reasons.append(f"figures: {', '.join(amounts[:3])}")
        score += 0.5 if len(amounts) > 1 else 0.4
    if P.DATE.search(text) or _DATE_PART.search(text):
        reasons.append("dates")
        score += 0.3
    docs = _DOCUMENT.findall(text)
    if docs:
        reasons.append(f"documents: {'、'.join(docs[:2])}")
        score += 0.3
    if _RESPONSIBLE.search(text):
        reasons.append("responsible body")
        score += 0.3
    if _PEOPLE.search(text):
        reasons.append("people counted")
        score += 0.2
    stock = [p for p in STOCK_PHRASES if p in text]
    return round(min(1.0, max(0.0, score - 0.1 * len(stock))), 2), reasons, stock


def people(text: str, simple: str) -> list[Person]:
    return [Person(name=text[m.start("name"):m.end("name")], post=text[m.start("post"):m.end("post")],
                   start=m.start(), end=m.end()) for m in PERSON.finditer(simple)]


def _texts(notice: Notice, problem: Problem) -> tuple[str, str, str]:
    """A problem's heading, finding and own measures (not those of problems nested in it), Simplified."""
    done = "\n".join(notice.text[m.start:m.end] for m in problem.measures)
    return simplified(problem.heading or ""), simplified(problem.body), simplified(done)


def analyze(notice: Notice) -> Analysis:
    """The analysis of a parsed notice."""
    simple = simplified(notice.text)  # OpenCC t2s keeps length here: offsets stay valid for people
    if len(simple) != len(notice.text):
        simple = notice.text
    problems: list[ProblemAnalysis] = []
    measures: list[MeasureAnalysis] = []
    areas = _areas_named_above(notice)
    for i, problem in enumerate(notice.problems):
        heading, finding, done = _texts(notice, problem)
        body = finding + "\n" + done  # the problem's own text: finding and rectification
        category = areas.get(id(problem)) or categorise(heading, finding, done)
        problems.append(ProblemAnalysis(index=i, number=problem.number, heading=problem.heading,
                                        category=category, tags=tags_for(heading, body),
                                        keywords=keywords(heading + "\n" + body)))
        measures.extend(_measures(notice, i, problem.measures))
    concrete = [m.concrete for m in measures]
    counts: dict[str, int] = {}
    for p in problems:
        counts[p.category.label] = counts.get(p.category.label, 0) + 1
    return Analysis(problems=problems, measures=measures,
                    concrete_share=round(sum(concrete) / len(concrete), 3) if concrete else None,
                    categories=counts, people=people(notice.text, simple))


def _areas_named_above(notice: Notice) -> dict[int, Category]:
    """The category of each problem that sits under a group (or a 方面 section) whose heading names
    one area: the notice's own word, before any lexicon."""
    from ..text.figures import is_aspect

    decided: dict[int, Category] = {}

    def visit(nodes: Sequence[Node], named: Category | None) -> None:
        for node in nodes:
            here = named
            if node.heading and is_aspect(node, lambda n: fold(n.heading or "")):
                label = area_of(simplified(node.heading))
                if label is not None:
                    at = notice.text.find(node.heading, node.start)
                    here = Category(label=label, confidence=1.0, evidence=[node.heading], source="heading",
                                    heading=Span(start=at, end=at + len(node.heading)))
            if node.kind == PROBLEM and here is not None:
                decided[id(node)] = here
            visit(node.children, here)

    visit(notice.sections, None)
    return decided


def heading_hidden(notice: Notice) -> list[tuple[int, Category, Category]]:
    """Each problem under a heading that names its area, with the area that heading names and what
    the lexicon says with the heading hidden: ``(problem index, by the heading, by the lexicon)``.

    The notice's own headings label its problems for free; comparing the lexicon with them measures
    the lexicon on notices whose headings say nothing (``rectext eval --categories``).
    """
    areas = _areas_named_above(notice)
    checks = []
    for i, problem in enumerate(notice.problems):
        named = areas.get(id(problem))
        if named is not None:
            checks.append((i, named, categorise(*_texts(notice, problem))))
    return checks


def _measures(notice: Notice, problem_index: int, items: list[Measure]) -> list[MeasureAnalysis]:
    out = []
    for j, m in enumerate(items):
        score, reasons, stock = specificity(simplified(notice.text[m.start:m.end]))
        out.append(MeasureAnalysis(problem_index=problem_index, index=j, start=m.start, specificity=score,
                                   concrete=score >= CONCRETE_AT, reasons=reasons, stock_phrases=stock))
    return out
