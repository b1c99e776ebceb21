"""The founding example: the 梁溪区科学技术局党组 notice parses exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, UPDATE_GOLDENS
from invariants import check_invariants

from rectext.outputs.outline import render_outline

GOLDEN_JSON = FIXTURES / "seed-traditional.golden.json"
GOLDEN_OUTLINE = FIXTURES / "seed-traditional.outline.txt"


def test_seed_sections(seed):
    assert [s.kind for s in seed.sections] == ["section"] * 3
    assert [s.heading for s in seed.sections] == ["整改工作組織情況", "整改落實情況", "下一步全面推進整改計劃"]
    assert [len(s.children) for s in seed.sections] == [4, 11, 4]
    assert {c.kind for c in seed.sections[0].children} == {"item"}
    assert {c.kind for c in seed.sections[2].children} == {"item"}


def test_seed_problems_and_measures(seed):
    problems = seed.problems
    assert [p.number for p in problems] == list(range(1, 12))
    assert [len(p.measures) for p in problems] == [3, 3, 3, 3, 3, 2, 2, 3, 3, 2, 1]
    assert sum(len(p.measures) for p in problems) == 28
    assert problems[0].heading == "習近平新時代科技創新重要論述學習還不夠深入的問題"
    assert problems[1].measures[1].heading == "加大科技金融服務力度"
    assert problems[10].heading == "審計整改成效不佳的問題"


def test_seed_closing_outside_last_section(seed):
    closing = seed.text[seed.parts.closing.start:seed.parts.closing.end]
    assert closing.startswith("歡迎廣大干部群眾")
    assert "85033076" in closing and closing.rstrip().endswith("2023年7月5日")
    last = seed.sections[-1]
    assert last.end == seed.parts.closing.start
    assert "歡迎" not in seed.text[last.start:last.end]


def test_seed_header_and_facts(seed):
    assert seed.title == "中共梁溪區科學技術局黨組關于巡察整改情況的通報"
    assert seed.issuer == "中共梁溪區科學技術局黨組"
    assert seed.date == "2023-07-05"
    assert seed.source == "區委巡察辦"
    header = seed.text[: seed.parts.header.end]
    assert header.splitlines() == [seed.title, "時間:2023-07-05 來源:區委巡察辦 字體大小:大 中 小"]
    assert seed.text[seed.parts.preamble.start:].startswith("根據區委統一部署")


def test_seed_has_no_warnings(seed):
    assert [d for d in seed.diagnostics if d.level != "info"] == []


def test_seed_invariants(seed):
    check_invariants(seed)


def test_seed_golden_json(seed):
    got = json.loads(seed.model_dump_json())
    if UPDATE_GOLDENS:
        GOLDEN_JSON.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN_JSON.read_text(encoding="utf-8"))


def test_seed_golden_outline(seed):
    got = render_outline(seed, spans=True)
    if UPDATE_GOLDENS:
        GOLDEN_OUTLINE.write_text(got, encoding="utf-8")
    assert got == GOLDEN_OUTLINE.read_text(encoding="utf-8")


@pytest.mark.skipif(not UPDATE_GOLDENS, reason="guards the golden flag")
def test_golden_flag_is_off():
    pytest.fail("RECTEXT_UPDATE_GOLDENS=1 rewrote the goldens: review the diff, then run without it")


def test_shipped_json_schema_matches_the_models():
    from rectext.models import json_schema
    from rectext.outputs.jsonout import SCHEMA_PATH

    path = Path(SCHEMA_PATH)
    got = json_schema()
    if UPDATE_GOLDENS:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == got


def _shape(notice):
    return [(n.kind, n.number, n.heading) for n in notice.walk()]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", " "), id="line-breaks-lost"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
    ],
)
def test_seed_variants_parse_alike(seed, seed_text, variant):
    import rectext

    notice = rectext.parse(variant(seed_text))
    assert _shape(notice) == _shape(seed)
    facts = ("title", "issuer", "date", "source")
    assert [getattr(notice, f) for f in facts] == [getattr(seed, f) for f in facts]
    assert notice.declared.model_dump(exclude={"spans"}) == seed.declared.model_dump(exclude={"spans"})
    check_invariants(notice)
