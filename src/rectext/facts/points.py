"""Points in time and periods as notices write them, and as websites mangle them.

2022年12月11日, 11月底, 9月下旬, 今年3月6日, 2024-03-07; digits whose 年 and 月 a site stripped
(2024717日, 202137日, 2025年1021日), read back where one split is a valid date or where the notice's
other dates decide it; a range's end glued to the next word (2024415日至68对……); the length of a period
(为期2个月). :mod:`rectext.facts.inspection` reads the inspection's period and feedback date with them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import namedtuple

import regex

from .. import rx
from ..text import patterns as P
from ..text.numerals import cn_to_int, year_to_int
from .dates import iso

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

# A point in time: 2022年12月11日, 11月底, 9月下旬, 15日, 今年3月6日, 2024-03-07; and a date whose 年 and
# 月 a website stripped (2024717日, 914日, 2025年1021日), read back where one split is a valid date.
# "@" stands for the group prefix.
_POINT = (
    rf"(?:(?P<@y>{P.YEAR})\s*年\s*|(?P<@rel>今年|去年|上年|本年|当年)\s*)?"
    rf"(?:(?P<@m>{P.MONTH})\s*月\s*)?"
    rf"(?:(?P<@d>{P.DAY})\s*日|(?P<@f>上旬|中旬|下旬|初|底|末))?"
)
_ISO_POINT = P.ISO_DATE.replace("?P<y2>", "?P<@iy>").replace("?P<m2>", "?P<@im>").replace("?P<d2>", "?P<@id>")
# 2024415日 / 202137日 (the year kept: two to four digits of month and day) / 914日 (no year: three or four)
_MANGLED_POINT = (r"(?<!\d)(?:(?P<@xy>(?:19|20)\d{2})\s*年?\s*(?P<@xmd>\d{2,4})|(?P<@xmd>\d{3,4}))\s*日")
# The end of a range whose 日 was stripped too: 于2024415日至68对…… (read only after 至)
_BARE_END = r"(?<!\d)(?P<bxmd>\d{2,4})(?=\s*[,。;\p{Han}])(?![\d\s]*[日月年号时点个人天次余万亿元项条件名家所周])"
# taken from the start of a run of white space, each run whole: a run of spaces is passed over once
_SEP = r"(?<!\s)\s*+(?:起\s*+)?(?:至|到|—+|–|-|~)\s*+"
_YEAR_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1}


def _point(prefix: str) -> str:
    return ("(?:" + _ISO_POINT + "|" + _MANGLED_POINT + "|" + _POINT + ")").replace("@", prefix)


RANGE = rx.compile(_point("a") + _SEP + "(?:" + _BARE_END + "|" + _point("b") + ")")
POINT = rx.compile(_point("a"))


def points(folded: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """POINT's matches with something in them: every part of POINT is optional, so it also matches
    nothing at every other position, which no reader of a date wants to look at."""
    return (m for m in POINT.finditer(folded, start, end) if m.end() > m.start())

# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "LENGTH": ("search", ("为期2个月", "为期一个月", "为期20天", "为期三周"), ("为期较长",)),
    "RANGE": ("search", ("2022年10月11日至12月20日", "2024717日至830日", "9月下旬至11月底", "2024-03-07至2024-05-31",
                         "2024415日至68对", "202137日至520日", "2023814日至1031县委"),
              ("2022年10月11日",)),
    "POINT": ("search", ("2022年12月11日", "11月底", "今年3月6日", "2024-03-07", "914日"), ()),
}


class Point(namedtuple("Point", "year month day fuzzy rel", defaults=(None,))):
    """A date as far as written: year, month, day (int or None), a fuzzy part (下旬, 底) and a year
    relative to the notice's (今年 0, 去年 -1)."""

    __slots__ = ()
    year: int | None
    month: int | None
    day: int | None
    fuzzy: str | None
    rel: int | None

    @classmethod
    def of(cls, m: regex.Match[str], p: str) -> Point:
        if m.group(p + "iy"):
            return cls(int(m.group(p + "iy")), int(m.group(p + "im")), int(m.group(p + "id")), None)
        if m.group(p + "xmd"):
            year = int(m.group(p + "xy")) if m.group(p + "xy") else None
            month, day = split_month_day(m.group(p + "xmd"), year)
            return cls(year, month, day, None)
        y, mo, d, rel = m.group(p + "y"), m.group(p + "m"), m.group(p + "d"), m.group(p + "rel")
        return cls(year_to_int(y) if y else None, cn_to_int(mo) if mo else None,
                   cn_to_int(d) if d else None, m.group(p + "f"), _YEAR_OFFSET.get(rel) if rel else None)

    @property
    def empty(self) -> bool:
        return not (self.month or self.day or self.fuzzy or self.year)

    def in_year_of(self, ref: tuple[int, int] | None) -> Point:
        """The point with its year: as written, relative to the notice's (今年), or the last such
        month and day on or before the notice's date."""
        if self.year is not None or ref is None:
            return self
        year, month = ref
        if self.rel is not None:
            return self._replace(year=year + self.rel)
        return self._replace(year=year - 1 if self.month and self.month > month else year)


def split_month_day(digits: str, year: int | None = None) -> tuple[int | None, int | None]:
    """Month and day from digits whose 月 was lost (717 → 7, 17; 1021 → 10, 21), when only one split
    gives a valid date; ``(None, None)`` when none does or two do (111: 1-11 or 11-1).

    >>> split_month_day("717"), split_month_day("1021"), split_month_day("111")
    ((7, 17), (10, 21), (None, None))
    """
    splits = [(int(digits[:i]), int(digits[i:])) for i in (1, 2) if len(digits) - i in (1, 2)]
    valid = [(mo, d) for mo, d in splits if iso(year or 2000, mo, d)]
    return valid[0] if len(valid) == 1 else (None, None)


# 为期2个月 / 为期一个多月 / 为期20天 / 为期三周: the length of an inspection whose end is not written
LENGTH = rx.compile(r"为期\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个多?月|个星期|周|天|日)")


def after(first: str, n: int, unit: str) -> str | None:
    """The last day of a period of ``n`` months, weeks or days that starts on ``first`` (ISO)."""
    if n <= 0 or "多" in unit:
        return None
    day = dt.date.fromisoformat(first)
    if unit.endswith("月"):
        month = day.month - 1 + n
        year, month = day.year + month // 12, month % 12 + 1
        last = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    else:
        last = day + dt.timedelta(days=n * (7 if unit in ("周", "个星期") else 1))
    return (last - dt.timedelta(days=1)).isoformat()


def carry(a: Point, b: Point) -> Point:
    """The end takes the start's year and month where it leaves them out, across a year end too."""
    month = b.month or (a.month if b.day or b.fuzzy else None)
    year = b.year
    if year is None and a.year is not None:
        year = a.year + (1 if month and a.month and month < a.month else 0)
    return Point(year, month, b.day, b.fuzzy)


def exact(p: Point) -> str | None:
    return None if p.fuzzy else iso(p.year, p.month, p.day)


def within(year: str | None, digits: str, bounds: tuple[str | None, str | None]) -> Point | None:
    """The one split of month-and-day digits (117: 1-17 or 11-7) that lies within ``bounds`` (ISO, either
    may be None); None when no bound decides it."""
    if year is None or not any(bounds):
        return None
    lo, hi = bounds
    splits = [(int(digits[:i]), int(digits[i:])) for i in (1, 2) if len(digits) - i in (1, 2)]
    dates = [(mo, d, iso(int(year), mo, d)) for mo, d in splits]
    inside = [(mo, d) for mo, d, value in dates if value and (lo is None or value > lo) and (hi is None or value <= hi)]
    return Point(int(year), inside[0][0], inside[0][1], None) if len(inside) == 1 else None


def context_year(period_end: Point | None, p: Point) -> int | None:
    """A date after the inspection without its year: the period's, or the next after a year end."""
    if period_end is None or period_end.year is None:
        return None
    year, month = period_end.year, period_end.month
    return year + 1 if p.month and month and p.month < month else year
