"""Dates as notices write them: 2023年7月5日, 二〇二四年一月二十六日, 2024-03-18, 2024/3/7; and deadlines
as dates (2024年6月底前 → 2024-06-30, 年底前 → 12-31 of the year the context gives)."""

from __future__ import annotations

import calendar
import datetime as _dt

import regex

from .. import rx
from ..text import patterns as P
from ..text.numerals import cn_to_int, year_to_int


def iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """``YYYY-MM-DD`` for a real calendar date, else ``None``."""
    if not (year and month and day):
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def match_iso(m: regex.Match[str]) -> str | None:
    """The ISO form of a :data:`rectext.text.patterns.DATE` match."""
    if m.group("y2"):
        return iso(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    return iso(year_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d")))


def first_date(folded: str, start: int = 0, end: int | None = None) -> tuple[str, int, int] | None:
    """The first full date in ``folded[start:end]`` as (iso, start, end)."""
    for m in P.DATE.finditer(folded, start, len(folded) if end is None else end):
        value = match_iso(m)
        if value:
            return value, m.start(), m.end()
    return None


# A deadline as a date: 2024年6月底前, 6月30日前, 2024年底前, 年底前, 2024年上半年, 第三季度
DUE = rx.compile(
    rf"(?:(?P<y>{P.YEAR})\s*年\s*)?(?:(?P<m>{P.MONTH})\s*月\s*(?:(?P<d>{P.DAY})\s*[日号]|(?P<part>上旬|中旬|下旬|底|末))?"
    r"|(?P<end>年底|年末|底|末)|(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度)"
    r"|(?<!\d)(?P<y>(?:19|20)\d{2})[./-](?P<m>\d{1,2})(?:[./-](?P<d>\d{1,2}))?(?!\d)")


# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "DUE": ("search", ("2024年6月底前", "6月30日前", "2024年底前", "年底前", "2024年上半年", "第三季度", "2024.6.30"),
            ("立行立改",)),
}


def due_date(m: regex.Match[str] | None, year: int | None) -> str | None:
    """The last day a DUE match names, in ``year`` where it writes none."""
    if m is None or not m.group():
        return None
    y = year_to_int(m.group("y")) if m.group("y") else year
    if y is None:
        return None
    if m.group("m"):
        month = cn_to_int(m.group("m")) or 0
        if not 1 <= month <= 12:
            return None
        if m.group("d"):
            return iso(y, month, cn_to_int(m.group("d")))
        part = m.group("part")
        day = {"上旬": 10, "中旬": 20}.get(part or "", calendar.monthrange(y, month)[1])
        return iso(y, month, day)
    if m.group("q"):
        month = 3 * (cn_to_int(m.group("q")) or int(m.group("q")))
        return iso(y, month, calendar.monthrange(y, month)[1])
    return iso(y, 6, 30) if m.group("half") == "上半年" else iso(y, 12, 31)


def due(deadline: str, context: Context) -> str | None:
    """The deadline as a date (6月底前 → the month's last day, 年底前 → 12-31); None for 立行立改, 长期坚持."""
    m = DUE.search(deadline)
    if m is None or not m.group() or m.group() in ("底", "末"):
        return None
    if m.group("y") or context.base is None:
        return due_date(m, context.year)
    first = due_date(m, context.base[0])
    if first is not None and context.rolls and first < context.base_iso:
        return due_date(m, context.base[0] + 1)
    return first


class Context:
    """The year a date without one falls in: after the feedback date (rolled into the next year when it
    would fall before it), else the notice's own year."""

    def __init__(self, feedback: str | None, date: str | None) -> None:
        ref = feedback or date
        self.base = (int(ref[:4]), int(ref[5:7])) if ref else None
        self.base_iso = ref or ""
        self.rolls = feedback is not None
        self.year = self.base[0] if self.base else None
