"""Properties: parse never raises, and the span invariants hold, on any text."""

from __future__ import annotations

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from invariants import check_invariants

import rectext

# Text built from the pieces notices are made of, so the parser's paths are exercised.
PIECES = st.sampled_from([
    "一、", "二、", "十一、", "（一）", "(二)", "1.", "2．", "3、", "（1）", "(2)", "一是", "二是", "四是",
    "①", "整改措施：", "整改情況:", "关于“", "”的问题", "問題", "方面", "。", "；", "，", "“", "”", "《", "》",
    "\n", "\r\n", " ", "\u3000", "1.35亿元", "98.71%", "统一是", "第一，", "欢迎监督。", "联系电话：85033076",
    "中共某局党组", "2024年3月18日", "二〇二四年一月二十六日", "时间:2023-07-05 来源:巡察办", "局党组高度重视",
    "关于巡察整改情况的通报",
])
NOTICE_LIKE = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=int(__import__("os").environ.get("RECTEXT_EXAMPLES", "300")), deadline=None)
@given(NOTICE_LIKE)
def test_notice_like_text(text):
    check_invariants(rectext.parse(text))


@settings(max_examples=int(__import__("os").environ.get("RECTEXT_EXAMPLES", "300")), deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode(text):
    check_invariants(rectext.parse(text))


def test_every_fixture_holds_the_invariants():
    for path in sorted(FIXTURES.glob("*.txt")):
        check_invariants(rectext.parse_file(path))


def test_parse_rejects_bytes():
    import pytest

    with pytest.raises(TypeError, match="parse_file"):
        rectext.parse(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=int(__import__("os").environ.get("RECTEXT_EXAMPLES", "300")), deadline=None)
@given(NOTICE_LIKE, st.integers(min_value=8, max_value=40))
def test_unwrapping_only_removes_line_breaks(text, width):
    from test_styles import hard_wrap

    from rectext.read.unwrap import unwrap

    wrapped = hard_wrap(text, width)
    got, counts = unwrap(wrapped)
    if "page_numbers" not in counts:
        assert got.replace("\n", "").replace("\r", "") == wrapped.replace("\n", "").replace("\r", "")
        assert got.count("\n") == wrapped.count("\n") - counts.get("line_breaks", 0)


# What stays bounded by the input whatever it holds (issue 30): runs of white space and invisible
# characters, digits, long numbers, dates and markers. Counted as output size, with a time bound
# so generous (a second for a few hundred characters) that only a super-linear stage can pass it.
HOSTILE = st.lists(st.sampled_from([
    " " * 40, "\u3000" * 40, "\r" * 40, "\ufeff" * 40, "\u200b" * 40, "\n", "1" * 30, "。" * 20, "2024年3月18日",
    "2024-03-18 12:00", "(", ")", "一、", "1.", "999.", "1000.", "1001.", "（一）", "整改措施：", "的问题", "通报",
    "至", "人", "万元", "-", "关于巡察整改情况的通报", "学习不够深入",
]), max_size=40).map("".join)


@settings(max_examples=int(__import__("os").environ.get("RECTEXT_EXAMPLES", "150")), deadline=None)
@given(HOSTILE)
def test_work_and_output_are_bounded_by_the_input(text):
    import time

    from rectext.outputs.jsonout import dumps
    from rectext.read.reader import InputError, source_from_bytes

    data = text.encode("utf-8")
    started = time.perf_counter()
    try:
        source = source_from_bytes(data, suffix=".txt")
    except InputError:
        return
    output = dumps(rectext.parse(source.text).model_dump(mode="json"))
    assert len(output) <= 60 * len(data) + 30_000
    assert time.perf_counter() - started < 2 + len(data) / 1_000
