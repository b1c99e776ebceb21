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
