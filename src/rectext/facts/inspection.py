"""The inspection a notice answers to: kind, mode, team, round, target, period, feedback.

Searched in the title, then the preamble, then the body, on the folded text;
values are returned as written in the caller's text, each with its span.
"""

from __future__ import annotations

import regex

from .. import rx
from ..messages import message
from ..records import Record, span
from ..rx import Replay
from ..text import patterns as P
from ..text.numerals import cn_to_int
from .dates import iso
from .points import LENGTH as _LENGTH
from .points import POINT as _POINT
from .points import RANGE as _RANGE
from .points import Point, after, carry, context_year, exact, within
from .points import points as _points

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Iterator

    from ..records import SpanRecord

    Put = Callable[[str, object, int, int], None]  # records one value of the inspection and its span

_N = P.numeral(3, 3)

# A team, named from the body that sent it to 组: 区委第二巡察组 / 中央第十三巡视组 / 市委提级巡察第四组 /
# 市委第七提级交叉巡察组 / 教育部党组第三巡视组 / 县委教育工委第二巡察组 / 市委巡察第23组 / 县委巡察三组 /
# 八届省委第六轮巡视第六巡视组 / 县委机动巡察组.  not: 党委一组 (no 巡察/巡视), 区委巡察办
_BODY = r"(?:中央|[省市州县区旗盟]委|校党委|(?:集团)?公司党委|集团党委|党委|党组)"
_DEPT = r"(?:[\p{Han}]{2,8}?(?:党组|党委|工委))"  # 教育部党组, 教育工委: a department's party body
_MODES = r"(?:提级|交叉|专项|机动|常规|联动|延伸)+"
_NAME_RUN = rx.compile(r"[\p{Han}\d]+")  # what a TEAM match is made of, from end to end (it ends in 组)
_INSPECTS = rx.compile(r"\s*+(?:于|自|从|在|对|进驻|\d|[一二三四五六七八九十]{1,2}月)")
TEAM = rx.compile(
    rf"(?P<owner>(?:{_N}届(?:[\p{{Han}}]{{2,6}}?(?=[省市州县区旗盟]委))?)?(?:{_BODY}{_DEPT}?|{_DEPT}))(?:第{_N}轮)?(?P<mode>{_MODES})?(?P<kind1>巡视|巡察)?"
    rf"(?:第(?P<n>{_N})|(?P<bare>[一二三四五六七八九十]{{1,3}})|(?P<lost>第))?(?P<mode2>{_MODES})?(?P<kind2>巡视|巡察)?组"
)
# A team named by its number alone, after a boundary (……部署,第二巡察组对……): no body before it
# Where a team's name may start: a line start, punctuation, or the end of a date (……9月20日,第二巡察组 / 日县委…)
_BOUNDARY = r"(?<=^|[,。;:!?\s(“”]|[日旬底初末])"
# (the groups TEAM has and this form leaves empty keep one reader for both)
TEAM_NUMBER_ONLY = rx.compile(
    rf"{_BOUNDARY}(?P<owner>)第(?P<n>{_N})(?P<kind1>巡视|巡察)组(?P<bare>)?(?P<lost>)?(?P<mode>)?(?P<mode2>)?(?P<kind2>)?"
)
# A team named by its task rather than its number, from a boundary to a mode word: 获嘉县上下联动乡村振兴专项巡察组 /
# 市委深化“放管服”改革、优化营商环境专项巡察组 / 市区联动巡察组
TEAM_BY_TASK = rx.compile(
    _BOUNDARY + r"(?P<name>[\p{Han}“”\"「」、·]{1,40}?(?P<mode>专项|联动|机动|提级|交叉)"
    r"(?P<kind>巡视|巡察)组)"
)
# A place named before the body that sent the team: 广州市 in 广州市区委巡察第23组, 宜昌 in 宜昌市委第一巡察组
_PLACE = rx.compile(_BOUNDARY + r"(?P<place>[\p{Han}]{1,8}?[省市县区州旗盟])$")
# Words that stand before a team's name without being part of it: 由市委…组, 经…, 向…
_LEAD = set("由经向对在与和及同将被据按从于至到是的后日月年时")
# 十四届省委第三轮 / 二十届中央第二轮 / 第四轮
ROUND = rx.compile(rf"(?P<q>{_N}届(?:中央|省委|市委|州委|县委|区委|校党委|党委)?)?(?P<round>第{_N}轮)")
MODE = rx.compile(r"(?P<mode>常规|专项|提级|交叉|机动)(?:巡视|巡察)")
KIND = rx.compile(r"巡视|巡察")
TARGET = rx.compile(
    r"对(?P<t>[^,。;:!?、\n]{2,40}?)(?:开展了?|进行了?|实施了?)(?:为期[^,。]{1,6})?"
    r"(?:常规|专项|提级|交叉|机动)?(?P<act>巡视|巡察)"
)
ALIAS = rx.compile(r"\(\s*以下简称\s*[“\"「]?(?P<alias>[^”\"」)]{1,16})[”\"」]?\s*\)")
_ALIAS_STOP = set(",。;:、!?\n“”\"") | set("向对将由与和及同在")

# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "TEAM_BY_TASK": ("search", ("获嘉县上下联动乡村振兴专项巡察组", "市委深化“放管服”改革、优化营商环境专项巡察组",
                                "市区联动巡察组"), ("县委巡察组", "区委巡察办")),
    "TEAM_NUMBER_ONLY": ("search", (",第二巡察组对", "9月20日第三巡视组"), ("市委第二巡察组",)),
    "TEAM": ("search", ("区委第二巡察组", "中央第十三巡视组", "市委提级巡察第四组", "市委第七提级交叉巡察组",
                        "教育部党组第三巡视组", "县委教育工委第二巡察组", "市委巡察第23组", "县委巡察三组",
                        "八届省委第六轮巡视第六巡视组", "县委机动巡察组", "十二届南通市委第八轮巡察二组"),
             ("区委巡察办",)),
    "ROUND": ("search", ("十四届省委第三轮巡视", "二十届中央第二轮", "第四轮巡察"), ("四轮驱动",)),
    "MODE": ("search", ("常规巡察", "提级巡察", "专项巡视"), ("常规工作",)),
    "KIND": ("search", ("巡视", "巡察"), ("视察",)),
    "TARGET": ("search", ("对区司法局党组开展了常规巡察", "对县财政局进行了为期一个月的巡察"), ("开展巡察工作",)),
    "ALIAS": ("search", ("(以下简称“区司法局”)", "(以下简称局党组)"), ("(简称局党组)",)),
    # every part is optional, so POINT also matches nothing: the reader keeps only matches with a part
}


def extract(text: str, folded: str, regions: list[tuple[int, int]], issuer: str | None,
            issued: str | None = None) -> Record:
    """Fill an :class:`~rectext.models.Inspection` from the regions (title, preamble, body), searched in order.

    ``issued``, the notice's own date (ISO), gives the year of dates written without one (今年3月6日,
    6月9日至8月23日).
    """
    ref = (int(issued[:4]), int(issued[5:7])) if issued else None
    found: Record = {}
    spans: dict[str, SpanRecord] = {}

    def put(name: str, value: object, start: int, end: int) -> None:
        if name == "notes":  # diagnostics of what was worked out rather than read: (code, message, start, end)
            found.setdefault("notes", []).extend(value)
            return
        if value is not None and name not in found:
            found[name] = value
            spans[name] = span(start, end)

    period_end = None
    replays: Replays = {}
    for start, end in regions:
        if "target" not in found:  # first: its act (对……进行了巡察) names the kind, whatever a team's name says
            _target(text, folded, start, end, put, issuer)
        if "team" not in found:
            _team(TEAM, text, folded, start, end, put, replays)
        if "round" not in found:
            _round(text, folded, start, end, put)
        if "period_text" not in found:
            period_end = _period(text, folded, start, end, put, ref)
    for numbered, lost in ((False, False), (False, True)):  # unnumbered; then one whose number was lost
        for start, end in regions:
            if "team" not in found:
                _team(TEAM, text, folded, start, end, put, replays, numbered=numbered, lost=lost)
    for start, end in regions:
        if "team" not in found:  # last, a team named by its number alone: ……，第二巡察组对……进行了巡察
            _team(TEAM_NUMBER_ONLY, text, folded, start, end, put, replays)
    for start, end in regions:
        _kind_and_mode(folded, start, end, put)
    _aliases(text, folded, regions, found)
    period = spans.get("period_text")
    if period:  # the inspection's own dates are never the feedback's (……至11月15日……,并反馈了巡察意见)
        regions = _without(regions, period["start"], period["end"])
    _feedback(text, folded, regions, period_end, put, ref)
    spans.pop("notes", None)
    return {**found, "spans": spans}


def _without(regions: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The regions with ``[start, end)`` cut out of them."""
    out: list[tuple[int, int]] = []
    for s, e in regions:
        out.extend(r for r in ((s, min(e, start)), (max(s, end), e)) if r[0] < r[1])
    return out


def _team(pattern: regex.Pattern[str], text: str, folded: str, start: int, end: int, put: Put, replays: Replays,
          numbered: bool = True, lost: bool = False) -> None:
    """The first team named in the region: numbered ones and those named by their task first (the
    earlier in the text wins: 某县……专项巡察组配合省委第十一巡视组 names the first); an unnumbered one
    (区委巡察组) only with its mode (县委机动巡察组) or as the subject of the inspection (区委巡察组于…对…
    巡察), not in passing (接到区委巡察组反馈的意见); last, one whose number the site lost (县委第巡察组).
    A place written before the body that sent it (广州市区委…) is part of the name."""
    found = [t for t in (_named_team(pattern, folded, start, end, numbered, lost, replays),
                         _task_team(folded, start, end) if numbered else None) if t]
    if not found:
        return
    s, e, kind, named_mode = min(found)
    place = _PLACE.search(folded, max(start, s - 9), s)
    if place and folded[place.start():s] not in ("", "全市", "全县", "全区"):
        s = place.start()
    put("team", text[s:e], s, e)
    put("kind", kind, s, e)
    if named_mode:
        put("mode", *named_mode)


_Team = tuple[int, int, str, "tuple[str, int, int] | None"]  # start, end, kind, (mode, its start, end)
Replays = dict[tuple[int, int, int], Replay]  # (id of the pattern, start, end) → its matches, for one notice


def _named_team(pattern: regex.Pattern[str], folded: str, start: int, end: int, numbered: bool,
                lost: bool, replays: Replays) -> _Team | None:
    """The first team named from the body that sent it, of the class asked for (numbered or not, its
    number lost or not)."""
    found = team_matches(folded, start, end) if pattern is TEAM else pattern.finditer(folded, start, end)
    for m in replays.setdefault((id(pattern), start, end), Replay(found)):
        kind = m.group("kind1") or m.group("kind2")
        has_number = bool(m.group("n") or (m.group("bare") and m.group("kind1")))  # 县委巡察一组, not 党委一组
        if not kind or (m.group("bare") and not m.group("kind1")) or has_number != numbered \
                or bool(m.group("lost")) != lost:
            continue
        mode = "mode" if m.group("mode") else "mode2" if m.group("mode2") else None
        if not numbered and not lost and mode is None and not _inspects(folded, m.end(), end):
            continue
        s = m.start()
        while s < m.start("owner") + 4 and folded[s] in _LEAD and s + 1 < m.end():
            s += 1
        return s, m.end(), kind, (m.group(mode), m.start(mode), m.end(mode)) if mode else None
    return None


def team_matches(folded: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``TEAM.finditer`` for less (TEAM costs over half a microsecond a character wherever it is tried)."""
    return rx.in_runs(TEAM, _NAME_RUN, "组", folded, start, end)


def _task_team(folded: str, start: int, end: int) -> _Team | None:
    """The first team named by its task (……专项巡察组, 市区联动巡察组), without the words that lead to it."""
    m = TEAM_BY_TASK.search(folded, start, end)
    if m is None:
        return None
    s = m.start("name")
    while folded[s] in _LEAD and s + 4 < m.end():
        s += 1
    return s, m.end(), m.group("kind"), (m.group("mode"), m.start("mode"), m.end("mode"))


def _inspects(folded: str, pos: int, end: int) -> bool:
    """Is the team the subject that inspects (区委巡察组于……对……进行了巡察 / 进驻)?"""
    stop = folded.find("。", pos, end)
    clause = folded[pos:stop if stop >= 0 else min(end, pos + 80)]
    return bool(_INSPECTS.match(clause)) and bool(KIND.search(clause))


def _round(text: str, folded: str, start: int, end: int, put: Put) -> None:
    m = ROUND.search(folded, start, end)
    if m:
        put("round", text[m.start("round"):m.end("round")], m.start("round"), m.end("round"))
        if m.group("q"):
            put("round_qualifier", text[m.start("q"):m.end("q")], m.start("q"), m.end("q"))


def _kind_and_mode(folded: str, start: int, end: int, put: Put) -> None:
    m = MODE.search(folded, start, end)
    if m:
        put("mode", m.group("mode"), m.start("mode"), m.end("mode"))
    k = KIND.search(folded, start, end)
    if k:
        put("kind", k.group(), k.start(), k.end())


def _target(text: str, folded: str, start: int, end: int, put: Put, issuer: str | None) -> None:
    m = TARGET.search(folded, start, end)
    if not m:
        return
    value = text[m.start("t"):m.end("t")].strip()
    put("target", value, m.start("t"), m.end("t"))
    put("kind", m.group("act"), m.start("act"), m.end("act"))
    if issuer and value.startswith("我"):
        put("target_resolved", issuer, m.start("t"), m.end("t"))
    elif not value.startswith("我"):
        put("target_resolved", value, m.start("t"), m.end("t"))


def _aliases(text: str, folded: str, regions: list[tuple[int, int]], found: Record) -> None:
    aliases: dict[str, str] = {}
    for start, end in regions:
        for m in ALIAS.finditer(folded, start, end):
            pos = m.start()
            while pos > max(start, m.start() - 30) and folded[pos - 1] not in _ALIAS_STOP:
                pos -= 1
            full = text[pos:m.start()].strip()
            if full:
                aliases.setdefault(text[m.start("alias"):m.end("alias")], full)
    if aliases:
        found["aliases"] = aliases


def _period(text: str, folded: str, start: int, end: int, put: Put, ref: tuple[int, int] | None) -> Point | None:
    """The inspection period; returns its end as far as written (for the year of a later date).
    A start without its year takes it from the notice's date (``ref``)."""
    for m in _RANGE.finditer(folded, start, end):
        a, b = Point.of(m, "a").in_year_of(ref), Point.of(m, "b")
        if a.year is None or b.empty or not (a.month or a.fuzzy):
            continue
        if not _about_inspection(folded, m.start(), m.end(), start, end):
            continue
        put("period_text", text[m.start():m.end()], m.start(), m.end())
        put("start", exact(a), m.start(), m.end())
        put("end", exact(carry(a, b)), m.start(), m.end())
        return carry(a, b)
    return _open_period(text, folded, start, end, put, ref)


_OPEN_START = rx.compile(r"(?:自|从|于)\s*$|^\s*(?:起|开始|进驻)")


def _open_period(text: str, folded: str, start: int, end: int, put: Put, ref: tuple[int, int] | None) -> Point | None:
    """An open period: 自2023年6月12日起……开展为期2个月的巡察. The start is the date that opens it (after
    自/从/于, or before 起/进驻) in the sentence that gives the length; the end is derived from the length
    (the day before the same date N months, weeks or days on) and noted as derived."""
    for m in _LENGTH.finditer(folded, start, end):
        left = max(folded.rfind("。", start, m.start()) + 1, start)
        right = folded.find("。", m.end(), end)
        if not KIND.search(folded, left, end if right < 0 else right):
            continue
        opening = _opening_point(folded, left, m.start(), ref)
        if opening is None:
            continue
        p, first = opening
        n, unit = cn_to_int(m.group("n").replace("两", "二")), m.group("unit")
        last = after(first, n or 0, unit)
        put("start", first, p.start(), p.end())
        if last is not None:
            put("end", last, m.start(), m.end())
            said = message("derived-date", last=last, written=text[m.start():m.end()])
            put("notes", [("derived-date", said, m.start(), m.end())], m.start(), m.end())
        return None
    return None


def _opening_point(folded: str, left: int, pos: int, ref: tuple[int, int] | None
                   ) -> tuple[regex.Match[str], str] | None:
    """The full date that opens a period (自2023年6月12日起 / 2023年6月12日进驻) before ``pos``."""
    for p in _points(folded, left, pos):
        first = exact(Point.of(p, "a").in_year_of(ref))
        opens = _OPEN_START.search(folded[max(left, p.start() - 2):p.start()]) or _OPEN_START.search(
            folded[p.end():p.end() + 3])
        if first is not None and opens:
            return p, first
    return None


def _about_inspection(folded: str, s: int, e: int, lo: int, hi: int) -> bool:
    """The range's sentence speaks of the inspection (巡视/巡察)."""
    left = max(folded.rfind("。", lo, s), lo)
    right = folded.find("。", e, hi)
    return bool(KIND.search(folded, left, hi if right < 0 else right))


# 反馈 that names what was fed back (反馈问题, 反馈意见整改) rather than the act of feeding it back
_NOT_FEEDBACK_ACT = rx.compile(r"(?:的)?(?:问题|意见(?:的)?整改|意见(?:的)?落实)")
# a sentence about another meeting that mentions the feedback (巡察反馈问题整改专题民主生活会)
_OTHER_MEETING = rx.compile(r"民主生活会|组织生活会|专题会|推进会|调度会|动员会|部署会|学习会")


def _feedback(text: str, folded: str, regions: list[tuple[int, int]], period_end: Point | None, put: Put,
              ref: tuple[int, int] | None) -> None:
    """The date in the sentence that says the findings were fed back, nearest before 反馈; not a cut-off
    date (截至2025年7月16日，巡察反馈的问题……). Digits whose 年 and 月 were lost and that split two ways
    (2025117日: 1-17 or 11-7) are read as the one split that falls after the inspection and before the
    first cut-off date or the notice's own."""
    bounds = (exact(period_end) if period_end else None, _cutoff(folded, regions, ref))
    for start, end in regions:
        pos = folded.find("反馈", start, end)
        while pos >= 0:
            left = max(folded.rfind("。", start, pos), start)
            right = folded.find("。", pos, end)
            act = not _NOT_FEEDBACK_ACT.match(folded, pos + 2) and not _OTHER_MEETING.search(
                folded, left, right if right >= 0 else end)
            point = act and (_last_point_before(folded, left, pos, bounds) or _point_just_after(folded, pos + 2, end))
            if act and not point:
                _say_ambiguous(text, folded, left, pos, put)
            if point:
                m, p = point
                year = p.year or context_year(period_end, p) or p.in_year_of(ref).year
                put("feedback_text", text[m.start():m.end()], m.start(), m.end())
                put("feedback", None if p.fuzzy else iso(year, p.month, p.day), m.start(), m.end())
                return
            pos = folded.find("反馈", pos + 2, end)


def _point_just_after(folded: str, pos: int, end: int) -> tuple[regex.Match[str], Point] | None:
    """反馈会于2023年5月10日召开: a date a few characters after 反馈, in the same clause."""
    for m in _points(folded, pos, min(end, pos + 12)):
        p = Point.of(m, "a")
        if p.month and p.day and not any(ch in folded[pos:m.start()] for ch in ",。;"):
            return m, p
    return None


_CUTOFF = rx.compile(r"(?:截至|截止|截止到|截至到)\s*(?:目前|今年|\d)?")


def _cutoff(folded: str, regions: list[tuple[int, int]], ref: tuple[int, int] | None) -> str | None:
    """The earliest cut-off date (截至2025年7月16日) in the regions: the feedback came before it."""
    found: list[str] = []
    for start, end in regions:
        for c in _CUTOFF.finditer(folded, start, end):
            m = _POINT.match(folded, c.end() - (1 if c.group().endswith(tuple("0123456789")) else 0), end)
            day = exact(Point.of(m, "a").in_year_of(ref)) if m and m.group() else None
            if day:
                found.append(day)
    return min(found) if found else None


def _last_point_before(folded: str, left: int, pos: int, bounds: tuple[str | None, str | None] = (None, None)
                       ) -> tuple[regex.Match[str], Point] | None:
    best = None
    for m in _points(folded, left, pos):
        if _CUTOFF.search(folded, max(left, m.start() - 4), m.start() + 1):
            continue  # 截至2025年7月16日: where the progress stands, not when the findings came
        p = Point.of(m, "a")
        if m.group("axmd") and p.month is None:
            p = within(m.group("axy"), m.group("axmd"), bounds) or p
        if p.month and (p.day or p.fuzzy):
            best = (m, p)
    return best


def _say_ambiguous(text: str, folded: str, left: int, pos: int, put: Put) -> None:
    """Digits of a date whose 年 and 月 were lost that split two ways, with nothing to decide between
    them (2025111日: 1-11 or 11-1): the date stays null and a diagnostic says why."""
    for m in _points(folded, left, pos):
        if m.group("axmd") and Point.of(m, "a").month is None:
            said = message("ambiguous-date", written=text[m.start():m.end()])
            put("notes", [("ambiguous-date", said, m.start(), m.end())], m.start(), m.end())
            return
