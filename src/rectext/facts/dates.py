"""Dates as notices write them: 2023年7月5日, 二〇二四年一月二十六日, 2024-03-18, 2024/3/7."""

from __future__ import annotations

import datetime as _dt

from ..text import patterns as P
from ..text.numerals import cn_to_int, year_to_int

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    import regex


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
