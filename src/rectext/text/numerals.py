"""Chinese numerals as they appear in markers, dates and counts.

Markers and counts in notices are small integers written as 一 … 九十九 (and
beyond: 一百零八), with 两 for two and 〇/○/零 as a digit in years
(二〇二四). This module reads exactly those forms; anything else is ``None``.
"""

from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2,
          "两": 2, "兩": 2, "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
          "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def cn_to_int(s: str) -> int | None:
    """Read a Chinese numeral (一, 十一, 二十, 一百零八, 两) or Arabic digits.

    >>> cn_to_int("十一"), cn_to_int("二十四"), cn_to_int("一百零八"), cn_to_int("12")
    (11, 24, 108, 12)
    """
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s.translate(_FULLWIDTH_DIGITS))
    if any(ch not in DIGITS and ch not in UNITS for ch in s):
        return None
    if not any(ch in UNITS for ch in s):
        # digit by digit (二〇二四) for years; a single digit for markers
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


_FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}


def year_to_int(s: str) -> int | None:
    """Read a year written digit by digit: 2024, 二〇二四, 二○二四, 二O二四."""
    s = s.strip()
    if s.isdigit():
        return int(s.translate(_FULLWIDTH_DIGITS))
    if len(s) == 4 and all(ch in DIGITS for ch in s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    return None
