"""Amounts in the text (money, counts, areas, percentages, durations) and the outcomes they report.

Money is normalised to yuan (7.132万元 → 71320; 39055.76萬元 → 390557600),
areas to square metres; 余/多/近/约/超过 mark an amount approximate. Dates
(2023年7月5日) and ordinals (第3次) are not amounts.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal, InvalidOperation

import regex

from .. import rx
from ..records import Record
from ..text.numerals import cn_to_int

_MULT = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
_COUNT_WORDS = (
    "人次|户次|批次|余人|课时|学时|个工作日|工作日|个月|小时|平方公里|平方米|公顷|"
    "人|名|家|个|项|条|次|起|篇|场|户|宗|处|批|台|所|间|期|轮|件|笔|份|套|栋|座|辆|吨|张|本|册|支|组|门|节|亩|元|天|周(?!岁)"
)
QUANTITY = rx.compile(
    r"(?=[\d〇零一二两三四五六七八九十百千大将超约近逾达])"  # only where an amount can start
    r"(?<![\d.第〇零一二两三四五六七八九十百千])"
    r"(?P<pre>大约|将近|超过|约|近|逾|达)?"
    r"(?P<num>\d{1,15}(?:,\d{3}){0,5}(?:\.\d{1,8})?|[〇零一二两三四五六七八九十百千]{1,8})"
    r"(?P<suf>余|多)?"  # 30余万元; and after the multiplier, 3万余元 (the regex module keeps the last of the two)
    rf"(?:(?P<pct>%)|(?P<mult>万|亿|千)?(?P<suf>余|多)?(?P<unit>{_COUNT_WORDS}))"
)
_KIND = {"元": "money", "平方米": "area", "平方公里": "area", "公顷": "area", "亩": "area",
         "个工作日": "duration", "工作日": "duration", "个月": "duration", "小时": "duration",
         "天": "duration", "周": "duration"}
_AREA_BASE = {"平方米": Decimal(1), "平方公里": Decimal(1_000_000), "公顷": Decimal(10_000)}
_CN_BEFORE_STOP = set("第每逐之唯统其一二三四五六七八九十")
_APPROX_PRE = {"大约", "将近", "超过", "约", "近", "逾"}

OUTCOME = rx.compile(
    r"(?P<label>"
    r"(?P<discipline>党纪政务处分|党纪处分|政务处分|组织处理|诫勉谈话|诫勉|批评教育(?:和提醒谈话)?|提醒谈话|约谈提醒|"
    r"谈话提醒|约谈|问责(?:处理)?|移送司法机关|立案审查调查|立案(?:审查)?|通报批评|责令检查)"
    r"|(?P<funds>追回(?:违规)?(?:资金|款项)?|追缴(?:资金|费用)?|清退(?:违规发放)?(?:资金|款项|津补贴)?|"
    r"退回(?:违规)?(?:资金|款项)?|挽回(?:经济)?损失|收回(?:资金)?|整改(?:问题)?金额)"
    r"|(?P<rules>(?:新建|修订|建立|制定|出台|完善)(?:和|并)?(?:修订|完善)?(?:完善)?(?:各项|相关|规章)?制度)"
    r"|(?P<meetings>召开[^,。;、\d]{0,10}?会(?:议)?)"
    r"|(?P<training>培训|轮训|集中学习|专题学习)"
    r")"
)
# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "QUANTITY": ("search", ("1.35亿元", "12人次", "约300平方米", "98.71%", "两个月", "30余万元", "3万余元", "5万多元",
                              "1,200元"),
                 ("第一批", "统一", "2024年")),
    "OUTCOME": ("search", ("给予党纪政务处分", "追回违规资金", "修订完善制度", "召开专题会议", "集中学习"),
                ("加强学习",)),
}
_OUTCOME_GAP = 10  # characters allowed between an outcome's label and its amount
# The units an outcome of each category may be counted in.
_OUTCOME_UNITS = {
    "discipline": {"人", "人次", "名", "起", "件"},
    "funds": {"元"},
    "rules": {"项", "条", "个", "部", "件", "套"},
    "meetings": {"次", "场", "个", "期"},
    "training": {"次", "场", "期", "人", "人次", "名", "批", "轮"},
}
_GAP_STOP = set(",。;、:\n")


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        try:
            return Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    n = cn_to_int(num)
    return None if n is None else Decimal(n)


def _quantity(text: str, m: regex.Match[str]) -> Record | None:
    value = _value(m.group("num"))
    if value is None:
        return None
    approximate = m.group("pre") in _APPROX_PRE or bool(m.group("suf"))
    if m.group("pct"):
        unit, kind = "%", "percent"
    else:
        unit = m.group("unit")
        if m.group("mult"):
            value *= _MULT[m.group("mult")]
        kind = _KIND.get(unit, "count")
        if unit in _AREA_BASE:
            value *= _AREA_BASE[unit]
            unit = "平方米"
        if unit == "余人":
            unit, approximate = "人", True
    start = m.start("num") if m.group("pre") in (None, "达") else m.start()
    return {"text": text[start:m.end()], "value": float(value), "unit": unit, "kind": kind,
            "approximate": approximate, "start": start, "end": m.end()}


def extract(text: str, folded: str, start: int = 0) -> list[Record]:
    """Every amount in ``text[start:]``, in order."""
    out: list[Record] = []
    for m in QUANTITY.finditer(folded, start):
        if m.group("unit") is None and not m.group("pct"):
            continue
        if not m.group("num")[0].isdigit() and _wordlike(folded, m):
            continue
        q = _quantity(text, m)
        if q is not None:
            out.append(q)
    return out


def _wordlike(folded: str, m: regex.Match[str]) -> bool:
    """一项重要任务, 第一、二批, 四个意识: single Chinese numerals are words and slogans, not amounts."""
    if m.group("pre") in _APPROX_PRE or m.group("suf"):
        return False
    before = folded[m.start() - 1] if m.start() else ""
    return len(m.group("num")) < 2 or before in _CN_BEFORE_STOP or before == "、"


def outcomes(text: str, folded: str, quantities: list[Record], start: int = 0) -> list[Record]:
    """Figures reported about the rectification: a known label followed closely by an amount."""
    starts = [q["start"] for q in quantities]
    out: list[Record] = []
    for m in OUTCOME.finditer(folded, start):
        i = bisect_left(starts, m.end())
        if i == len(quantities):
            continue
        q = quantities[i]
        gap = folded[m.end():q["start"]]
        category = next(name for name in _OUTCOME_UNITS if m.group(name))
        if len(gap) > _OUTCOME_GAP or any(ch in _GAP_STOP for ch in gap) or q["unit"] not in _OUTCOME_UNITS[category]:
            continue
        out.append({"label": text[m.start("label"):m.end("label")], "category": category, "value": q["value"],
                    "unit": q["unit"], "approximate": q["approximate"], "start": m.start(), "end": q["end"]})
    return out
