"""The short cuts of the fact readers find what the full searches find.

rectext.facts.declared skips a field in a region without any of its words (NEEDS), and tries the rules
that open with a count only where a count stands (COUNT_AT); rectext.facts.inspection looks for a team
only in runs of Han characters and digits that hold 组 (team_matches). Each is checked here against the
plain search, over every notice the tests ship (and ../shared's corpora when they are beside the
project), and over texts written to sit on the edges: counts run together, a region cut inside a count,
teams of every form, glued to dates and to each other. The node guard's alternation of every marker
is tried only where a marker can start (markers.MARKER_START).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rectext.facts import declared, genre, inspection
from rectext.structure import markers
from rectext.text.fold import fold

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared" / "corpus"
EDGES = [
    "反馈问题十一个，整改完成十个，正在整改一个，长期坚持1项，立行立改2项。",
    "共11个问题,已完成整改9个(含立行立改1个),其余2个正在按计划推进,整改完成率81.8%。",
    "4项11个问题;三大方面十八个问题;5个大方面31个大项的问题;十一个 个项 条 大。",
    "第3个问题 每2个问题 1.5个问题 12345个问题 一百二十个问题 两个问题 〇个问题",
    "上轮巡察反馈的12个问题,本轮反馈问题8个。一项一项落实,整改完成一项、销号一项。",
    "对照十一个方面查摆",  # the rule fails at 十 (对照 before it) and holds at 一: places overlap
    "2024年3月5日区委第二巡察组、市委巡察第23组和八届省委第六轮巡视第六巡视组,县委第巡察组;县委巡察三组组长",
    "教育部党组第三巡视组 县委教育工委第二巡察组 市委第七提级交叉巡察组 校党委巡察组组织 党委一组 区委巡察办",
]


def _texts() -> list[str]:
    files = [*HERE.joinpath("fixtures").rglob("*.txt"), *SHARED.glob("*/*.txt")]
    return [fold(p.read_text(encoding="utf-8")) for p in sorted(files)] + [fold(t) for t in EDGES]


TEXTS = _texts()


def _regions(text: str) -> list[tuple[int, int]]:
    n = len(text)
    return [(0, n), (0, n // 3), (n // 3, n), (1, max(1, n - 1))]


def test_the_count_rules_are_found() -> None:
    names = {name for name, pattern, _, _ in declared.RULES if id(pattern) in declared._COUNT_FIRST}
    assert names == {"aspects", "problems", "measures", "completed", "in_progress", "ongoing", "immediate"}


@pytest.mark.parametrize("rule", [r for r in declared.RULES if id(r[1]) in declared._COUNT_FIRST],
                         ids=lambda r: f"{r[0]}:{r[1].pattern[-24:]}")
def test_a_rule_tried_where_counts_stand_finds_what_finditer_finds(rule: tuple) -> None:
    pattern = rule[1]
    for text in TEXTS:
        for start, end in _regions(text):
            places = declared._counts_at(text, start, end)
            fast = [m.span() for m in declared._finditer(pattern, text, start, end, places)]
            assert fast == [m.span() for m in pattern.finditer(text, start, end)], (text[:40], start, end)


def test_every_match_of_a_field_holds_one_of_its_words() -> None:
    for name, pattern, hits, _ in declared.RULES:
        words = declared.NEEDS[name]
        for example, _ in hits:
            assert any(w in fold(example) for w in words), (name, example)
        for text in TEXTS:
            for m in pattern.finditer(text):
                assert any(w in m.group() for w in words), (name, m.group())


def test_the_counts_are_those_of_the_plain_search(monkeypatch: pytest.MonkeyPatch) -> None:
    def regions(text: str) -> list[tuple[int, int]]:
        return [(0, len(text) // 4), (len(text) // 4, len(text))]

    fast = [declared.extract(text, regions(text)) for text in TEXTS]
    monkeypatch.setattr(declared, "_COUNT_FIRST", frozenset())
    monkeypatch.setattr(declared, "_wanted", lambda folded, start, end, found: set(declared.NEEDS))
    assert [declared.extract(text, regions(text)) for text in TEXTS] == fast
    first = len(TEXTS) - len(EDGES)
    assert fast[first]["ongoing"] == 1 and fast[first + 1]["completion_rate"] == 81.8  # the edges hold counts


def test_teams_looked_for_in_runs_are_those_of_the_plain_search() -> None:
    for text in TEXTS:
        for start, end in _regions(text):
            fast = [m.span() for m in inspection.team_matches(text, start, end)]
            assert fast == [m.span() for m in inspection.TEAM.finditer(text, start, end)], (text[:40], start, end)
    assert [m.group() for m in inspection.team_matches(TEXTS[-2], 0, len(TEXTS[-2]))][:2] == ["区委第二巡察组",
                                                                                            "市委巡察第23组"]


def test_the_markers_counted_where_they_can_start_are_all_of_them() -> None:
    plain = markers.any_marker(start="")
    edges = ("一、（一）(1)1.①第一，一是 1-2，1000.【问题一】[整改措施1]问题二：反馈问题3、巡察反馈问题4："
             "第五个问题：措施6：整改措施7：")
    for text in [*TEXTS, fold(edges)]:
        assert [m.span() for m in markers.any_marker().finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert sum(1 for _ in markers.any_marker().finditer(fold(edges))) >= 15


def test_the_inspection_read_without_empty_date_matches_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """POINT matches nothing at most positions; the readers of the feedback and the period skip those."""
    import rectext

    texts = [p.read_text(encoding="utf-8") for p in sorted(HERE.joinpath("fixtures").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*/*.txt"))]
    fast = [rectext.parse(t).inspection for t in texts]
    monkeypatch.setattr(inspection, "_points", lambda folded, s, e: inspection._POINT.finditer(folded, s, e))
    assert [rectext.parse(t).inspection for t in texts] == fast
    assert sum(1 for i in fast if i.feedback) >= 3  # the fixtures do carry feedback dates


def test_every_genre_cue_match_holds_one_of_its_words() -> None:
    """A scope without any of a cue's words is not searched for it (rectext.facts.genre.CUES)."""
    for label, pattern, _, where, _, words in genre.CUES:
        assert words is not None or where == "title", label  # only a title is searched whatever it says
        for text in TEXTS:
            for m in pattern.finditer(text) if words else ():
                assert any(w in m.group() for w in words), (label, m.group(), words)


def test_genres_are_those_of_the_cues_searched_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [genre.classify(text, None, 0, 0) for text in TEXTS]
    monkeypatch.setattr(genre, "CUES", [(*cue[:5], None) for cue in genre.CUES])
    assert [genre.classify(text, None, 0, 0) for text in TEXTS] == found
    assert {g["label"] for g in found} >= {"rectification-notice"}
