"""Counts a notice declares about itself: aspects, problems, measures, completed, in progress, ongoing
(长期坚持K项), immediate (立行立改N项), rate.

Each count is the first statement of its kind in the preamble, then the
body; numbers may be Arabic or Chinese (十八, 六十四, 两), and zero is kept.
"""

from __future__ import annotations

import regex

from .. import rx
from ..records import Record, span
from ..text import patterns as P
from ..text.numerals import cn_to_int

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from ..records import SpanRecord

NUM = P.numeral(5, 4, "〇零一二两三四五六七八九十百")  # a count: 11, 十一, 一百二十, 两
N = rf"(?<![\d.第每])(?P<n>{NUM})"
N2 = N.replace("?P<n>", "?P<n2>")
# 已完成整改 / 已完成(含基本完成)整改: a note in brackets may stand inside the words
DONE = r"(?:整改完成|完成(?:\([^()]{1,12}\))?整改|整改到位|办结|销号)"

# Each entry: (field, pattern, examples it reads with the value it gives, examples it must not match).
# The first match of any pattern for a field wins, patterns tried in document order of their matches.
# tests/test_patterns.py runs the examples.
RULES: list[tuple[str, regex.Pattern[str], tuple[tuple[str, float], ...], tuple[str, ...]]] = [
    # not the aspects of a self-examination (对照8个方面查摆, 从3个方面剖析)
    ("aspects", rx.compile(rf"(?<!对照|围绕|从|按照|结合){N}\s*(?:个大?|大)方面"),
     (("反馈了4个方面的问题", 4), ("三大方面", 3), ("5个大方面", 5)), ("每个方面", "对照8个方面")),
    ("aspects", rx.compile(rf"{N}\s*项\s*{N2}\s*个(?:具体)?问题"), (("4项11个问题", 4),), ("4项措施",)),
    # 11个问题 / 31个问题已完成整改27个 / 11个问题均已整改到位 count the problems; 11个问题已整改完成, the completed
    ("problems", rx.compile(
        rf"{N}\s*[个项条](?:大项|大类|具体|突出)?(?:的)?问题(?!(?:已|已经)(?!全部)(?![^,。;]{{0,6}}?{NUM}\s*个))"),
     (("反馈11个问题", 11), ("16项问题", 16), ("9个具体问题", 9), ("31个问题已完成整改27个", 31),
      ("11个问题均已整改到位", 11), ("31个大项的问题", 31)),
     ("11个问题已整改完成", "每一个问题")),
    ("problems", rx.compile(rf"问题(?:总数|共计?)\s*(?:为|有)?\s*{N}\s*个"),
     (("问题总数11个", 11), ("问题共12个", 12)), ("问题较多",)),
    ("problems", rx.compile(
        rf"(?:反馈|指出|发现|交办|梳理出?)(?:了)?(?:各类|具体)?问题\s*(?:共)?\s*{N}\s*(?:个|项|条)(?![大个]?方面|类)"),
     (("共反馈问题11个", 11), ("梳理出问题共8项", 8)), ("反馈问题4个方面",)),
    # the count in a passing phrase after the act: 巡察反馈具体问题需要向社会公开的19个
    ("problems", rx.compile(
        r"(?:反馈|指出|发现|交办)(?:了)?(?:的)?(?:各类|具体)?问题(?:(?!整改|作为)[^,。;:\d方面]){1,14}?"
        r"(?<![\d.第每])(?P<n>\d{1,4})\s*(?:个|项|条)(?![大个]?方面|类)"),
     (("巡察反馈具体问题需要向社会公开的19 个", 19),), ("反馈问题整改情况4个方面", "反馈问题整改作为当前一项")),
    ("problems", rx.compile(rf"问题清单\s*(?:共)?\s*(?:{NUM}\s*[类个大]\s*)?{N}\s*[项个条]"),
     (("问题清单4类11项", 11),), ("问题清单",)),
    ("measures", rx.compile(rf"{N}\s*[条项](?:具体)?整改(?:措施|任务|举措)"),
     (("制定28条整改措施", 28), ("30项整改任务", 30)), ("整改措施有力",)),
    ("measures", rx.compile(rf"(?<!完成|完成\)|落实)整改(?:措施|任务|举措)\s*(?:共计?|总计|合计)?\s*{N}\s*[条项个]"),
     (("整改措施26条", 26), ("整改任务共30项", 30), ("梳理分解整改任务87个", 87), ("整改措施共计109条", 109)),
     ("整改措施得力", "已完成(含基本完成)整改措施89条")),
    ("completed", rx.compile(
        rf"(?:已|已经)(?:全部)?(?:完成整改|整改完成|整改到位|整改|完成|办结|销号)(?:问题)?\s*{N}\s*(?:[个项]|(?=\())"),
     (("已完成整改6个", 6), ("已整改到位7个", 7), ("已完成整改9(含立行立改1个)", 9)), ("已完成整改",)),
    ("completed", rx.compile(rf"(?<![计划要未]|阶段性|基本)(?:完成整改|整改完成)(?:问题)?\s*{N}\s*[个项]"),
     (("完成整改9项", 9),), ("计划完成整改9项", "阶段性完成整改1个")),
    ("completed", rx.compile(rf"{N}\s*个(?:问题)?(?:已|均已|已经)(?:全部)?{DONE}(?!\s*{NUM})"),
     (("11个问题已整改完成", 11),), ("31个问题已完成整改27个",)),
    # 9个问题，已全部完成整改: all of the problems just counted
    ("completed", rx.compile(rf"{N}\s*个(?:具体|突出)?问题[^。;\d]{{0,12}}?(?:已|均已)全部{DONE}(?!\s*{NUM})"),
     (("9个问题,已全部完成整改", 9),), ("9个问题,正在整改",)),
    ("in_progress", rx.compile(rf"(?:正在|仍在|持续)(?:持续)?(?:整改|推进)(?:中)?(?:的)?(?:问题)?\s*{N}\s*[个项]"),
     (("正在整改2个", 2), ("正在整改7项", 7)), ("正在整改",)),
    ("in_progress", rx.compile(rf"{N}\s*个(?:问题)?(?:正在|仍在|持续)[^,。;]{{0,8}}?(?:整改|推进)"),
     (("其余4个正在按计划推进", 4), ("1个问题正在持续整改", 1)), ("4个方面",)),
    ("in_progress", rx.compile(rf"(?:阶段性|基本)(?:完成|整改)(?:整改|完成)?(?:问题)?\s*{N}\s*[个项]"),
     (("阶段性完成整改1个", 1), ("基本完成3个", 3)), ("基本完成",)),
    ("ongoing", rx.compile(rf"(?:需|需要)?长期(?:坚持|推进|整改)(?:的)?(?:问题)?\s*{N}\s*[个项]"),
     (("长期坚持5项", 5), ("需长期坚持的问题2个", 2)), ("长期坚持",)),
    ("ongoing", rx.compile(rf"{N}\s*[个项](?:问题)?(?:需|需要)?长期(?:坚持|推进)"),
     (("3个问题需长期坚持", 3),), ("长期坚持",)),
    ("immediate", rx.compile(rf"立行立改(?:的)?(?:问题)?\s*{N}\s*[个项]"),
     (("立行立改4项", 4), ("已完成整改9(含立行立改1个)", 1)), ("立行立改",)),
    ("immediate", rx.compile(rf"{N}\s*[个项](?:问题)?(?:已)?(?:实现)?立行立改"),
     (("2个问题已立行立改", 2),), ("立行立改",)),
    ("completion_rate", rx.compile(r"完成率\s*(?:达到?|为|是)?\s*(?P<n>\d{1,3}(?:\.\d+)?)\s*%"),
     (("整改完成率85.7%", 85.7), ("完成率达到81.8%", 81.8)), ("完成率较高",)),
]


# Words of which every match of a field's patterns holds one: a region without any is not searched
# for that field (tests/test_patterns.py checks every pattern's examples and matches in the corpora).
NEEDS = {
    "aspects": ("方面", "问题"), "problems": ("问题",), "measures": ("整改",), "completed": ("已", "整改"),
    "in_progress": ("正在", "仍在", "持续", "阶段性", "基本"), "ongoing": ("长期",), "immediate": ("立行立改",),
    "completion_rate": ("完成率",),
}


def extract(folded: str, regions: list[tuple[int, int]]) -> Record:
    """The declared counts found in the regions, searched in order (a :class:`~rectext.models.Declared`)."""
    found: dict[str, float | int] = {}
    spans: dict[str, SpanRecord] = {}
    for start, end in regions:
        for name, value, s, e in sorted(_matches(folded, start, end, found), key=lambda t: t[2]):
            if name not in found:
                found[name] = value
                spans[name] = span(s, e)
    return {**found, "spans": spans}


def _reduplicated(folded: str, end: int) -> bool:
    """一项一项落实, 整改完成一项、销号一项: a numeral and measure word repeated is an idiom, not a count."""
    unit = folded[end - 2:end]
    return end >= 2 and (folded[end:end + 2] == unit or (unit[0] == "一" and unit in folded[end + 1:end + 8]))


# A clause about an earlier round or other supervision: its counts are not this notice's (上轮巡察反馈的12个问题)
_EARLIER = rx.compile(r"上轮|上一轮|上次|上届|前次|前一轮|以往|历次|往年|上年度|审计")
_MAX_ASPECTS = 20  # more 方面 than this is a number the site ran together (413个方面), not a count of aspects


def _about_earlier(folded: str, start: int, pos: int) -> bool:
    left = max(start, *(folded.rfind(ch, start, pos) + 1 for ch in ",。;"))
    return _EARLIER.search(folded, left, pos) is not None


def _wanted(folded: str, start: int, end: int, found: dict[str, float | int]) -> set[str]:
    """The fields still to find whose words the region holds ("aspects" also gives "problems": 4项11个问题)."""
    return {name for name, words in NEEDS.items()
            if (name not in found or (name == "aspects" and "problems" not in found))
            and any(folded.find(word, start, end) >= 0 for word in words)}


# A rule that opens with its count (N, after lookbehinds) has the count's unit right after it: one
# pass finds every place where such a count stands (overlapped: 十一个 at 十 and at 一), and those
# rules are tried at these places only, which finds the matches finditer would (tests/test_patterns.py).
COUNT_AT = rx.compile(rf"(?<![\d.第每]){NUM}\s*[个项条大]")
_LOOKBEHINDS = rx.compile(r"(?:\(\?<![^()]*\))*")


def _opens_with_count(pattern: str) -> bool:
    after = _LOOKBEHINDS.match(pattern)
    return pattern.startswith(f"(?P<n>{NUM})", after.end() if after else 0)


_COUNT_FIRST = frozenset(id(p) for _, p, _, _ in RULES if _opens_with_count(p.pattern))


def _counts_at(folded: str, start: int, end: int) -> list[int]:
    return [m.start() for m in COUNT_AT.finditer(folded, start, end, overlapped=True)]


def _finditer(pattern: regex.Pattern[str], folded: str, start: int, end: int,
              places: list[int] | None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(folded, start, end)``; for a rule that opens with a count, tried only at ``places``."""
    if places is None or id(pattern) not in _COUNT_FIRST:
        yield from pattern.finditer(folded, start, end)
        return
    pos = start
    for place in places:
        if place >= pos and (m := pattern.match(folded, place, end)) is not None:
            yield m
            pos = m.end()


def _matches(folded: str, start: int, end: int, found: dict[str, float | int] | None = None,
             ) -> Iterator[tuple[str, float | int, int, int]]:
    wanted = _wanted(folded, start, end, found or {})
    places = _counts_at(folded, start, end) if wanted else None
    for name, pattern, _, _ in RULES:
        if name not in wanted:
            continue
        for m in _finditer(pattern, folded, start, end, places):
            raw = m.group("n")
            value = float(raw) if name == "completion_rate" else cn_to_int(raw)
            if value is None or _reduplicated(folded, m.end()) or _about_earlier(folded, start, m.start()):
                continue
            if name == "aspects" and value > _MAX_ASPECTS:
                continue
            yield name, value, m.start(), m.end()
            if name == "aspects" and "n2" in (m.groupdict() or {}) and m.group("n2"):
                n2 = cn_to_int(m.group("n2"))
                if n2 is not None:
                    yield "problems", n2, m.start("n2"), m.end()
            break
