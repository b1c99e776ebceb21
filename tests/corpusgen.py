"""A generated corpus with known answers, for the cross-notice analyses.

Bodies publish two or three rounds of notices; a later round says again some findings of
an earlier one, reworded (another phrasing of the same finding: synonyms, clauses in another
order, other stock words, other markers), and adds new ones. Other bodies publish the same
stock findings, which recur across the corpus but are no body's repeats. Every finding
carries its concept, so the true repeats and the true clusters are known.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Each concept: phrasings of one finding, as different notices write it (written for this project).
CONCEPTS: list[tuple[str, ...]] = [
    (
        "理论学习中心组学习不够深入，学用结合不紧密",
        "中心组理论学习深度不够，学用结合不够紧密",
        "学用结合不紧密，理论学习中心组学习流于形式",
    ),
    ("意识形态工作责任制落实不到位", "落实意识形态工作责任制有差距", "意识形态工作责任制落实存在短板"),
    (
        "落实中央八项规定精神不严格，公务接待管理不规范",
        "公务接待管理不规范，落实中央八项规定精神有差距",
        "中央八项规定精神落实不够严格，公务接待不规范",
    ),
    (
        "财务报销审核把关不严，部分票据附件不全",
        "部分票据附件不全，财务报销审核不严格",
        "财务报销审核把关不严格，票据附件不齐全",
    ),
    (
        "政府采购程序执行不严格，存在先采购后审批情况",
        "存在先采购后审批情况，政府采购程序不规范",
        "政府采购程序执行不到位，先采购后审批",
    ),
    (
        "干部选拔任用程序不规范，纪实材料不完整",
        "干部选拔任用纪实材料不完整，程序执行不严格",
        "选拔任用干部程序不够规范，纪实材料缺失",
    ),
    ("党支部三会一课制度落实不到位", "三会一课制度在党支部落实不够到位", "党支部落实三会一课制度有差距"),
    ("固定资产管理混乱，账实不符", "固定资产账实不符，管理较为混乱", "固定资产管理不规范，账实不符问题突出"),
    ("以往巡察反馈问题整改不彻底", "上轮巡察反馈问题整改不够彻底", "以往巡察反馈问题整改不到位，存在反弹"),
    ("审计发现问题整改推进缓慢", "审计发现问题整改进度滞后", "对审计发现问题整改推进不力"),
    (
        "安全生产隐患排查整治不彻底",
        "安全生产隐患排查整治不够彻底，存在盲区",
        "隐患排查整治不彻底，安全生产责任落实不够",
    ),
    (
        "年轻干部培养储备不足，干部队伍结构不合理",
        "干部队伍结构不合理，年轻干部储备不足",
        "年轻干部培养储备不够，队伍结构老化",
    ),
    ("工程项目招投标管理不规范", "工程项目招投标管理不够规范，存在围标风险", "工程项目招投标监管不严格"),
    (
        "专项资金使用监管不严，存在挤占挪用",
        "专项资金监管不严，部分资金被挤占挪用",
        "存在挤占挪用专项资金，使用监管不够严格",
    ),
    (
        "民主生活会批评和自我批评辣味不足",
        "民主生活会上批评和自我批评不够深入，辣味不足",
        "批评和自我批评辣味不足，民主生活会质量不高",
    ),
    ("三重一大集体决策制度执行不到位", "执行三重一大集体决策制度不严格", "三重一大事项集体决策制度落实有差距"),
    ("公务用车管理使用不规范", "公务用车使用管理不够规范", "公务用车管理不严格，使用不规范"),
    (
        "基层党组织建设薄弱，党员发展工作滞后",
        "党员发展工作滞后，基层党组织建设较为薄弱",
        "基层党组织建设弱化，发展党员工作滞后",
    ),
    (
        "落实全面从严治党主体责任不到位，压力传导层层递减",
        "全面从严治党主体责任落实不到位，压力传导不够",
        "压力传导层层递减，全面从严治党主体责任落实有差距",
    ),
    ("违规发放津贴补贴", "存在违规发放津贴补贴情况", "津贴补贴发放不规范，存在违规发放"),
    (
        "合同管理不规范，部分合同未经法律审核",
        "部分合同未经法律审核，合同管理不够规范",
        "合同管理存在漏洞，合同未经法律审核",
    ),
    ("办公用房超标准配备", "办公用房配备超出标准", "存在超标准配备办公用房问题"),
    ("营商环境优化举措落实不够有力", "优化营商环境举措落实不力", "营商环境优化工作落实不够到位"),
    ("乡村振兴重点任务推进缓慢", "乡村振兴重点任务推进不够有力，进度滞后", "推进乡村振兴重点任务进度缓慢"),
    ("干部因私出国境证照管理不严格", "因私出国境证照管理不够严格", "干部因私出国境证照管理存在漏洞"),
    ("个人有关事项报告核查不严格", "领导干部个人有关事项报告核查把关不严", "个人有关事项报告核查不够严格"),
    (
        "档案管理不规范，干部人事档案审核不细",
        "干部人事档案审核不细，档案管理不够规范",
        "干部人事档案审核把关不严，管理不规范",
    ),
    (
        "内部控制制度不健全，关键岗位风险防控薄弱",
        "关键岗位风险防控薄弱，内部控制制度不够健全",
        "内控制度不健全，关键岗位廉政风险防控不力",
    ),
    ("债务风险防范化解不够有力", "防范化解债务风险工作不力", "债务风险防范化解措施不够有力"),
    (
        "耕地保护责任落实不到位，违法占地问题时有发生",
        "违法占地问题时有发生，耕地保护责任落实不够",
        "耕地保护责任落实有差距，违法占地时有发生",
    ),
    (
        "主责主业聚焦不够，服务发展大局作用发挥不充分",
        "服务发展大局作用发挥不充分，主责主业聚焦不够",
        "聚焦主责主业不够，服务大局作用发挥不足",
    ),
    ("网络意识形态阵地管理不严", "网络意识形态阵地管理不够严格", "网络阵地意识形态管理存在漏洞"),
    ("食堂经费管理混乱，账目不清", "食堂经费账目不清，管理混乱", "食堂经费管理不规范，账目不清晰"),
    ("党费收缴使用管理不规范", "党费收缴和使用管理不够规范", "党费收缴管理不严格，使用不规范"),
    ("违规收取服务费用", "存在违规收取服务费用行为", "服务费用收取不规范，存在违规收费"),
    (
        "惠民政策宣传落实不到位，群众知晓率不高",
        "群众对惠民政策知晓率不高，宣传落实不够",
        "惠民政策宣传不到位，群众知晓率偏低",
    ),
    # near misses of the findings above: the same shape and stock words, another matter
    ("工程结算审核把关不严，部分结算资料不全", "部分工程结算资料不全，结算审核不严格", "工程结算审核把关不严格"),
    ("消防安全隐患排查不彻底", "消防安全隐患排查整治不够彻底", "消防隐患排查不彻底，整治不到位"),
    ("公务接待管理不规范，接待清单不完整", "接待清单不完整，公务接待管理不够规范", "公务接待清单不完整"),
    ("国有资产出租管理不规范，租金收缴不及时", "国有资产出租租金收缴不及时，出租管理不规范", "资产出租租金收缴不及时"),
    ("干部教育培训针对性不强", "干部教育培训缺乏针对性", "干部教育培训针对性不够强"),
    (
        "党员教育管理不严格，组织关系转接不及时",
        "党员组织关系转接不及时，教育管理不够严格",
        "党员教育管理不严，组织关系转接滞后",
    ),
]
BODIES = ["财政局", "教育局", "卫生健康局", "农业农村局", "住房和城乡建设局", "市场监督管理局", "交通运输局",
          "自然资源局", "水利局", "司法局", "民政局", "人力资源和社会保障局", "文化和旅游局", "生态环境局",
          "医疗保障局", "统计局", "审计局", "应急管理局", "商务局", "科学技术局"]
PLACES = ["青岚区", "云岭县", "岷川市", "白河县", "临江区", "石门县"]
MEASURES = ("制定专项整改方案，明确责任人和完成时限。", "建立工作台账，实行销号管理。", "开展专题学习，组织集中研讨。",
            "修订完善相关制度，加强日常监督检查。")


@dataclass(frozen=True)
class Truth:
    """What one finding of the generated corpus is: its body, round, place and concept."""

    body: str
    round: int
    index: int
    concept: int


@dataclass
class Generated:
    notices: dict[str, str]  # file name → text
    truth: dict[tuple[str, int], Truth]  # (file name, problem index) → what it is


def _notice(body: str, round_no: int, date: tuple[int, int, int], headings: list[str], style: int) -> str:
    year, month, day = date
    lines = [f"中共{body}党组关于第{round_no}轮巡察整改情况的通报", "",
             f"根据区委统一部署，{year - 1}年9月1日至{year - 1}年10月30日，区委第二巡察组对{body}党组开展了常规巡察。"
             f"{year - 1}年12月5日，区委巡察组向{body}党组反馈了巡察意见。现将巡察整改情况予以公布。",
             "一、巡察反馈问题整改落实情况"]
    for n, heading in enumerate(headings, 1):
        marker = (f"{n}.", f"（{n}）", f"{n}、")[style % 3]
        lines.append(f"{marker}关于“{heading}”的问题")
        lines.append(f"整改情况：一是{MEASURES[n % 4]}二是{MEASURES[(n + 1) % 4]}")
    lines += ["", f"中共{body}党组", f"{year}年{month}月{day}日", ""]
    return "\n".join(lines)


def generate(seed: int, bodies: int = 12, findings: int = 8) -> Generated:
    """A corpus: ``bodies`` bodies of two or three rounds each, ``findings`` findings a notice."""
    rng = random.Random(seed)
    notices: dict[str, str] = {}
    truth: dict[tuple[str, int], Truth] = {}
    names = [f"{place}{unit}" for place in PLACES for unit in BODIES]
    rng.shuffle(names)
    for body in names[:bodies]:
        used: set[int] = set()
        previous: list[int] = []
        for round_no in range(1, rng.choice((2, 3)) + 1):
            again = rng.sample(previous, k=min(len(previous), rng.randint(2, 4))) if previous else []
            fresh = rng.sample([c for c in range(len(CONCEPTS)) if c not in used], k=findings - len(again))
            concepts = again + fresh
            rng.shuffle(concepts)
            used.update(concepts)
            headings = [rng.choice(CONCEPTS[c]) for c in concepts]
            name = f"{body}-{round_no}.txt"
            date = (2020 + round_no * 2 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
            notices[name] = _notice(body, round_no, date, headings, rng.randint(0, 2))
            for i, c in enumerate(concepts):
                truth[(name, i)] = Truth(body, round_no, i, c)
            previous = concepts
    return Generated(notices, truth)


def true_repeats(gen: Generated) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """(later finding, earlier finding) for every finding a body reports again: the latest
    earlier report of the same concept by the same body."""
    found = set()
    for key, t in gen.truth.items():
        earlier = [(k, e) for k, e in gen.truth.items() if e.body == t.body and e.concept == t.concept
                   and e.round < t.round]
        if earlier:
            found.add((key, max(earlier, key=lambda ke: ke[1].round)[0]))
    return found
