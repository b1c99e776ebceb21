"""Word's automatic numbering, written out as Word shows it.

A Word paragraph numbered automatically (一、 （一） 1.) does not hold its number: the
paragraph names a list (``w:numPr``: ``numId`` and level ``ilvl``, directly or through its
style), ``numbering.xml`` says how each level of that list is written (``w:numFmt``,
``w:lvlText`` such as ``（%1）``, ``w:start``, ``w:lvlRestart``, ``w:isLgl``) and Word counts.
:class:`Numbering` keeps the counters and gives each numbered paragraph its label, in
document order.

Counting follows Word: lists (``w:num``) that share an abstract definition share its
counters, and a list with a ``w:startOverride`` starts that level again where it is first
used. A level restarts when a level above it is used, unless ``w:lvlRestart`` says
otherwise (0: never).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    XmlElement = Any  # an lxml element of the package's XML (lxml ships no type information)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LEVEL = 8
# Bounds on what a document may ask for (a label of 10 MB, a level text of 100,000 numbers): a
# number past MAX_NUMBER (the largest start Word offers) is counted as MAX_NUMBER, a level text or
# a label longer than MAX_LABEL characters is cut there; each paragraph so capped is counted.
MAX_NUMBER = 32_767
MAX_LABEL = 32

_CN = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _cn_words(n: int, digits: str = _CN, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (below 10,000; written as digits above)."""
    if n >= 10_000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零" if digits is _CN else digits[0])
            zero = False
        parts.append(("" if d == 1 and power == 10 and not parts and digits is _CN else digits[d]) + unit)
    return "".join(parts) or digits[0]


def _cn_counting(n: int) -> str:
    """chineseCounting: words below 100 (十一, 九十九), then digit by digit (一〇〇)."""
    return _cn_words(n) if n < 100 else _cn_digits(n)


def _cn_digits(n: int) -> str:
    return "".join(_CN[int(d)] for d in str(n))


def _cycle(signs: str) -> Callable[[int], str]:
    return lambda n: signs[(n - 1) % len(signs)] if n > 0 else str(n)


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    """①–⑳ and the like: the enclosed sign up to its last one, the plain number after."""
    return lambda n: chr(first + n - 1) if 1 <= n <= last else str(n)


def _letters(n: int, base: str) -> str:
    """Word's letters: A … Z, then AA, BB … (the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sign in _ROMAN:
        while n >= value:
            out.append(sign)
            n -= value
    return "".join(out)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({0x30 + i: 0xFF10 + i for i in range(10)}),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "chineseCounting": _cn_counting,
    "chineseCountingThousand": _cn_words,
    "taiwaneseCounting": _cn_counting,
    "taiwaneseCountingThousand": _cn_words,
    "ideographDigital": _cn_digits,
    "taiwaneseDigital": _cn_digits,
    "chineseLegalSimplified": lambda n: _cn_words(n, _LEGAL, "拾佰仟"),
    "ideographTraditional": _cycle(_TIANGAN),
    "ideographZodiac": _cycle(_DIZHI),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
    "bullet": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """A counter as Word writes it in the given ``w:numFmt`` (unknown formats: decimal).

    >>> format_number(11, "chineseCounting"), format_number(3, "decimalEnclosedCircle")
    ('十一', '③')
    """
    return FORMATS.get(fmt, str)(n)


@dataclass(frozen=True)
class Level:
    """One level of a list: how its number is written and when it starts again."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after levels above this one (0: never)
    legal: bool = False  # w:isLgl: every number in the label written as decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _val(el: XmlElement | None, name: str) -> str | None:
    child = el.find(W + name) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(el: XmlElement) -> Level:
    return Level(start=_int(_val(el, "start"), 1) or 0, fmt=_val(el, "numFmt") or "decimal",
                 text=_val(el, "lvlText") or "",
                 restart=_int(_val(el, "lvlRestart")), legal=el.find(W + "isLgl") is not None
                 and _val(el, "isLgl") not in ("0", "false"), style=_val(el, "pStyle"))


def _levels(el: XmlElement) -> dict[int, Level]:
    return {_int(lvl.get(W + "ilvl"), 0) or 0: _level(lvl) for lvl in el.findall(W + "lvl")}


class Numbering:
    """The lists of one document and their counters; :meth:`label` numbers one paragraph.

    Built from the ``w:numbering`` element of ``numbering.xml`` and the ``w:styles``
    element of ``styles.xml`` (either may be None).
    """

    def __init__(self, numbering: XmlElement | None, styles: XmlElement | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNum → the numbering style it takes its levels from
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._styles: dict[str, tuple[str | None, str | None, int | None]] = {}  # id → based on, numId, ilvl
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()
        self.capped = 0  # paragraphs whose number or label was past a bound (MAX_NUMBER, MAX_LABEL)

    def _read_numbering(self, numbering: XmlElement) -> None:
        for el in numbering.findall(W + "abstractNum"):
            key = el.get(W + "abstractNumId") or ""
            self._abstract[key] = _levels(el)
            if _val(el, "numStyleLink"):
                self._links[key] = _val(el, "numStyleLink") or ""
        for el in numbering.findall(W + "num"):
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for over in el.findall(W + "lvlOverride"):
                ilvl = _int(over.get(W + "ilvl"), 0) or 0
                if (start := _int(_val(over, "startOverride"))) is not None:
                    starts[ilvl] = start
                if (lvl := over.find(W + "lvl")) is not None:
                    levels[ilvl] = _level(lvl)
            self._nums[el.get(W + "numId") or ""] = (_val(el, "abstractNumId") or "", starts, levels)

    def _read_styles(self, styles: XmlElement) -> None:
        for el in styles.findall(W + "style"):
            ppr = el.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            self._styles[el.get(W + "styleId") or ""] = (
                _val(el, "basedOn"), _val(numpr, "numId"), _int(_val(numpr, "ilvl")))

    def _abstract_of(self, num_id: str) -> str | None:
        """The abstract definition a list counts in, following a numbering style's link once."""
        if num_id not in self._nums:
            return None
        key = self._nums[num_id][0]
        link = self._links.get(key)
        if link is not None and link in self._styles:
            linked = self._styles[link][1]
            if linked in self._nums and linked != num_id:
                return self._nums[linked][0]
        return key

    def resolve(self, num_id: str | None, ilvl: int | None, style: str | None) -> tuple[str, int] | None:
        """The list and level of a paragraph: its own ``w:numPr`` first, then its style's (and
        the styles it is based on); None when it is not numbered (``numId`` 0 turns it off)."""
        seen: set[str] = set()
        while num_id is None and style is not None and style not in seen and style in self._styles:
            seen.add(style)
            based_on, style_num, style_lvl = self._styles[style]
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_lvl
            if num_id is None:
                style = based_on
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if ilvl is None:
            ilvl = self._styled_level(num_id, style)
        return num_id, max(0, min(ilvl, _MAX_LEVEL))

    def _styled_level(self, num_id: str, style: str | None) -> int:
        levels = self._abstract.get(self._abstract_of(num_id) or "", {})
        return next((i for i, lvl in sorted(levels.items()) if style is not None and lvl.style == style), 0)

    def level(self, num_id: str, ilvl: int) -> Level:
        """How a level of a list is written: the list's own override, else its abstract definition."""
        _, _, levels = self._nums[num_id]
        return levels.get(ilvl) or self._abstract.get(self._abstract_of(num_id) or "", {}).get(ilvl) or Level()

    def label(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of the list at this level and return its label as Word shows it."""
        counters = self._counters.setdefault(self._abstract_of(num_id) or "", {})
        lvl = self.level(num_id, ilvl)
        starts = self._nums[num_id][1]
        if ilvl in starts and (num_id, ilvl) not in self._started:
            counters[ilvl] = starts[ilvl] - 1
        self._started.add((num_id, ilvl))
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = self.level(num_id, deeper).restart
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        label = self._render(num_id, lvl, counters)
        if len(label) > MAX_LABEL or len(lvl.text) > MAX_LABEL or max(counters.values()) > MAX_NUMBER:
            self.capped += 1
        return label[:MAX_LABEL]

    def _render(self, num_id: str, lvl: Level, counters: dict[int, int]) -> str:
        if lvl.fmt == "bullet":
            return ""
        out = lvl.text[:MAX_LABEL]
        for k in range(_MAX_LEVEL, -1, -1):
            token = f"%{k + 1}"
            if token in out:
                other = self.level(num_id, k)
                value = min(counters.get(k, other.start), MAX_NUMBER)
                out = out.replace(token, format_number(value, "decimal" if lvl.legal else other.fmt)[:MAX_LABEL])
        return out
