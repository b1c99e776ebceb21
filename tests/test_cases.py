"""The readable case files: every construct and trap, one test per case."""

from __future__ import annotations

import pytest
from casefile import read_cases
from conftest import FIXTURES
from invariants import check_invariants

import rectext
from rectext.outputs.outline import render_outline

CASES = [
    pytest.param(case, id=f"{path.stem}:{case.line}:{case.name}")
    for path in sorted((FIXTURES / "cases").glob("*.txt"))
    for case in read_cases(path)
]

# What real notices still break (tests/fixtures/cases/known): the right answers, expected to fail.
KNOWN = [
    pytest.param(case, id=f"{path.stem}:{case.line}:{case.name}", marks=pytest.mark.xfail(strict=True))
    for path in sorted((FIXTURES / "cases" / "known").glob("*.txt"))
    for case in read_cases(path)
]


@pytest.mark.parametrize("case", KNOWN)
def test_known_failure(case):
    notice = rectext.parse(case.text)
    raised = {d.code for d in notice.diagnostics if d.level != "info" or d.code in case.diagnostics}
    assert (render_outline(notice), raised) == (case.outline, set(case.diagnostics))


# Swap punctuation width: the structure must not depend on it.
_TO_FULL = str.maketrans("(),:;!?", "（），：；！？")


def _shape(notice):
    return [(n.kind, n.number) for n in notice.walk()]


@pytest.mark.parametrize("case", CASES)
def test_case_outline(case):
    notice = rectext.parse(case.text)
    assert render_outline(notice) == case.outline
    check_invariants(notice)


@pytest.mark.parametrize("case", CASES)
def test_case_diagnostics(case):
    notice = rectext.parse(case.text)
    # warnings must be listed exactly; an info diagnostic is checked when the case lists it
    raised = {d.code for d in notice.diagnostics if d.level != "info" or d.code in case.diagnostics}
    assert raised == set(case.diagnostics)


@pytest.mark.parametrize("case", CASES)
def test_case_independent_of_width_and_line_ends(case):
    expected = _shape(rectext.parse(case.text))
    # full-width 。 and 、 carry meaning (sentence end, marker); keep them when going half-width
    half = case.text.translate(str.maketrans("（）：；！？", "():;!?"))
    full = case.text.translate(_TO_FULL)
    crlf = case.text.replace("\n", "\r\n")
    for variant in (half, full, crlf):
        notice = rectext.parse(variant)
        assert _shape(notice) == expected
        check_invariants(notice)


def test_fold_covers_every_pattern_character_in_traditional():
    """Each Simplified character the patterns use folds back from its Traditional form."""
    import re
    from pathlib import Path

    import opencc

    from rectext.text.fold import fold

    s2t = opencc.OpenCC("s2t").convert
    src = Path(rectext.__file__).parent
    chars = set()
    for name in ("patterns", "inspection", "points", "declared", "contacts", "quantities", "genre", "facts", "layout",
                 "htmltext", "markers", "tree", "checks"):
        chars |= set(re.findall(r"[\u4e00-\u9fff]", next(src.rglob(f"{name}.py")).read_text(encoding="utf-8")))
    missing = {s2t(c): c for c in chars if s2t(c) != c and fold(s2t(c)) != c}
    assert missing == {}
