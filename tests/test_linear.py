"""Every compiled pattern of the package runs in linear time over adversarial runs (issue 30).

The patterns are collected by walking the package's modules (module attributes, and the
tables of patterns in tuples, lists and dicts), so a new pattern is checked without being
listed here. Each is applied as the code applies it (:data:`MATCH_ONLY`: patterns only ever
tried with ``match`` / ``fullmatch`` at a known position; every other one with ``finditer``,
which is a search from every position) over runs of 10,000 and 40,000 characters: white
space of every kind, invisible characters, digits, sentence ends and a few mixtures. A
pattern whose time grows more than linearly (40k taking over 8 times as long as 10k, and
over 0.05 s) fails: no wall-clock target, only the ratio, so a slow machine does not fail it.
"""

from __future__ import annotations

import importlib
import pkgutil
import time

import pytest
import regex

import rectext

# A few runs of what a text may hold many of, each also followed by a letter (a run at the
# very end lets `$` match at once; one before other text makes a pattern try and fail).
RUNS = (" ", "\u3000", "\r", "\n", "\ufeff", "\u200b", "1", "。", "一", " \u3000", "1 ", "年 ", "1.", "\ufeff\u200b ")
SIZES = (10_000, 40_000)
FACTOR, FLOOR = 8, 0.05

# Patterns tried only with match/fullmatch at a known position (a line's start, a heading):
# their cost per call is what counts, and a call is made once per line or heading.
MATCH_ONLY = {
    "rectext.text.patterns.BLOCK_MARKER",
    "rectext.text.patterns.STATUS_NOTE", "rectext.text.patterns.FINDING_LABEL",
    "rectext.text.patterns.SUMMARY_HEADING", "rectext.text.patterns.HEADING_RUN_ON",
    "rectext.text.patterns.MEASURE_VERB", "rectext.text.patterns.PAGE_NUMBER",
    "rectext.text.patterns.DATED_NAME_LINE", "rectext.text.patterns.COLUMN_TAG",
    "rectext.text.patterns.DATE_LINE", "rectext.text.patterns.TITLE_DATE_LINE",
    "rectext.read.htmltext._HTML_SNIFF", "rectext.facts.inspection._INSPECTS",
}


def _walk(value: object, name: str, depth: int = 0):
    if isinstance(value, regex.Pattern):
        yield name, value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for i, item in enumerate(value):
            yield from _walk(item, f"{name}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{name}[{key!r}]", depth + 1)


def package_patterns() -> dict[str, regex.Pattern[str]]:
    """Every compiled pattern the package's modules hold, each once, by a dotted name (that of the
    module defining it where another imports it: the name in :data:`MATCH_ONLY` if it is one)."""
    found: dict[str, regex.Pattern[str]] = {}
    seen: dict[int, str] = {}
    for info in pkgutil.walk_packages(rectext.__path__, "rectext."):
        if info.name in ("rectext.__main__", "rectext._moved", "rectext.rx"):  # rx: every pattern, by text
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if attr.startswith("__"):
                continue
            for name, pattern in _walk(value, f"{info.name}.{attr}"):
                if not isinstance(pattern.pattern, str):
                    continue
                if id(pattern) not in seen:
                    seen[id(pattern)] = name
                    found[name] = pattern
                elif name in MATCH_ONLY:
                    del found[seen[id(pattern)]]
                    seen[id(pattern)] = name
                    found[name] = pattern
    from rectext.structure.markers import any_marker

    found["rectext.structure.markers.any_marker()"] = any_marker()
    return found


PATTERNS = package_patterns()


def test_the_walk_finds_the_patterns_of_every_layer():
    assert len(PATTERNS) > 120
    for module in ("text.patterns", "text.lines", "facts.declared", "facts.genre", "read.htmltext",
                   "structure.markers", "read.reader"):
        assert any(name.startswith(f"rectext.{module}.") for name in PATTERNS), module
    assert set(MATCH_ONLY) <= set(PATTERNS)


def _cost(pattern: regex.Pattern[str], text: str, mode: str, limit: float) -> float:
    """Seconds to apply the pattern to the text as the code does (TimeoutError past ``limit``)."""
    started = time.perf_counter()
    if mode == "match":
        pattern.match(text, timeout=limit)
        pattern.fullmatch(text, timeout=limit)
    else:
        for _ in pattern.finditer(text, timeout=limit):
            pass
    return time.perf_counter() - started


def _superlinear(pattern: regex.Pattern[str], mode: str) -> list[str]:
    slow = []
    for run in RUNS:
        for tail in ("", "x"):
            small, large = (run * (size // len(run)) + tail for size in SIZES)
            base = min(_cost(pattern, small, mode, 60) for _ in range(2))
            took = 0.0
            for _ in range(3):  # the machine may be busy: slow only when three tries are
                if took:
                    base = min(base, _cost(pattern, small, mode, 60))
                try:
                    took = _cost(pattern, large, mode, max(FACTOR * base, FLOOR) * 1.5)
                except TimeoutError:
                    took = float("inf")
                if took <= FACTOR * base or took <= FLOOR:
                    break
            else:
                slow.append(f"{run!r}+{tail!r}: {base:.3f} s at 10k, {took:.3f} s at 40k")
    return slow


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(name):
    mode = "match" if name in MATCH_ONLY else "finditer"
    slow = _superlinear(PATTERNS[name], mode)
    assert not slow, f"{name} ({mode}) backtracks: " + "; ".join(slow)
