"""The command line's JSON writer: the same bytes as the validated model, and a real schema check."""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys

import pytest
from casefile import read_cases
from conftest import FIXTURES, SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import to_json
from test_properties import NOTICE_LIKE

from rectext.cli import main
from rectext.models import Notice
from rectext.outputs import jsonout
from rectext.parser import parse_record

EXAMPLES = int(__import__("os").environ.get("RECTEXT_EXAMPLES", "300"))


def _texts():
    for path in sorted(FIXTURES.rglob("*.txt")):
        if path.parent.name in ("cases", "known"):
            for case in read_cases(path):
                yield f"{path.stem}:{case.name}", case.text
        elif not path.name.endswith(".outline.txt"):
            yield path.name, path.read_text(encoding="utf-8")


TEXTS = dict(_texts())


def assert_same_bytes(record):
    model = Notice.model_validate(record)
    assert jsonout.dumps(record) == model.model_dump_json(indent=2)
    assert jsonout.dumps(record, indent=None) == model.model_dump_json()


def test_the_texts_are_many():
    assert len(TEXTS) > 50 and "seed-traditional.txt" in TEXTS


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_same_bytes_as_the_model_on_every_fixture(name):
    assert_same_bytes(parse_record(TEXTS[name]))


@pytest.mark.parametrize("name", ["seed-traditional.txt", "county-finance.txt"])
@pytest.mark.parametrize(
    "variant",
    [str.upper, lambda t: t.replace("\n", " "),
     lambda t: t.translate({ord("、"): ".", ord("（"): "(", ord("）"): ")"})],
    ids=["upper", "flat", "half-width"],
)
def test_same_bytes_on_variants(name, variant):
    assert_same_bytes(parse_record(variant(TEXTS[name])))


@settings(max_examples=EXAMPLES, deadline=None)
@given(NOTICE_LIKE)
def test_same_bytes_on_notice_like_text(text):
    assert_same_bytes(parse_record(text))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_same_bytes_on_any_text(text):
    assert_same_bytes(parse_record(text))


def test_input_record_and_defaults_match(seed_text):
    record = parse_record(seed_text)
    assert "input" not in record and "analysis" not in record  # filled from the schema's defaults
    assert_same_bytes(record)
    record["input"] = {"path": "a/b.txt", "encoding": "gb18030", "format": "text", "bytes": 9, "sha256": "ab",
                       "cleaned": {"pinyin": 2}}
    assert_same_bytes(record)


@pytest.mark.parametrize("value", [0.0, -0.0, 1e-4, 1.5e-5, 1e-5, 1e-6, 1.234e-7, 5e-324, 1e15, 1e16, 1.25e22,
                                   123456789.125, 39055.76 * 10_000, math.nan, math.inf, -math.inf, 7])
def test_numbers_written_as_pydantic_writes_them(seed_text, value):
    record = parse_record(seed_text)
    record["quantities"][0]["value"] = value
    record["declared"]["completion_rate"] = value
    assert_same_bytes(record)


@settings(max_examples=2000, deadline=None)
@given(st.floats())
def test_float_text_matches_pydantic(value):
    expected = None if math.isnan(value) or math.isinf(value) else to_json(value).decode()
    assert jsonout.pydantic_float(value) == expected


def test_strings_escaped_as_pydantic_escapes_them():
    text = "一、整改\x01情况\n1.“引号”\\反斜杠\t制表\u2028行\x7f的问题\n"
    assert_same_bytes(parse_record(text))


# ---------------------------------------------------------------- the check


def _broken(seed_text, damage):
    record = copy.deepcopy(parse_record(seed_text))
    damage(record)
    return record


@pytest.mark.parametrize(
    ("damage", "where", "why"),
    [
        (lambda r: r.pop("text"), "text", "missing"),
        (lambda r: r["sections"][0]["children"][1].update(start="12"), "sections[0].children[1].start",
         "expected integer, got str"),
        (lambda r: r["sections"][2].update(kind="chapter"), "sections[2]", "kind must be one of"),
        (lambda r: r["diagnostics"].append({"level": "fatal", "code": "x", "message": "m", "start": 0, "end": 0}),
         "diagnostics[", "must be one of 'error', 'warning', 'info'"),
        (lambda r: r["parts"]["body"].update(length=3), "parts.body", "Span has no field length"),
        (lambda r: r["quantities"][0].update(approximate=1), "quantities[0].approximate", "expected boolean"),
        (lambda r: r["declared"].update(problems=True), "declared.problems", "expected integer, got bool"),
        (lambda r: r.update(title=5), "title", "expected string, got int or expected null, got int"),
        (lambda r: r["inspection"].update(aliases={"市委": None}), "inspection.aliases['市委']",
         "expected string, got NoneType"),
        (lambda r: r.update(sections={}), "sections", "expected an array, got dict"),
    ],
    ids=["missing", "type", "kind", "choice", "extra", "bool", "int-not-bool", "nullable", "map", "array"],
)
def test_the_check_names_the_place_and_pydantic_agrees(seed_text, damage, where, why):
    record = _broken(seed_text, damage)
    with pytest.raises(jsonout.RecordError) as exc:
        jsonout.dumps(record)
    assert where in str(exc.value) and why in str(exc.value)
    with pytest.raises(ValidationError):
        Notice.model_validate(record, strict=True)


def test_shipped_schema_has_every_default(seed_text):
    schema = jsonout.load_schema()
    assert schema["properties"]["sections"]["default"] == []
    assert schema["properties"]["inspection"]["default"]["aliases"] == {}
    assert schema["$defs"]["Problem"]["properties"]["kind"]["const"] == "problem"


# ---------------------------------------------------------------- the command line


def test_cli_json_never_loads_pydantic():
    code = ("import sys\nfrom rectext.cli import main\nmain(sys.argv[1:])\n"
            "print('pydantic' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert proc.stderr.strip() == "False"
    assert json.loads(proc.stdout)["sections"][0]["number"] == 1


@pytest.mark.parametrize("path", [SEED, FIXTURES / "gold" / "town-page.html"], ids=["text", "html"])
def test_cli_json_is_the_model_json(capsys, path):
    import rectext

    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out == rectext.parse_file(path).model_dump_json(indent=2) + "\n"
    assert main([str(path), "--compact"]) == 0
    assert capsys.readouterr().out == rectext.parse_file(path).model_dump_json() + "\n"


def test_cli_reports_a_failed_check_as_internal_error(monkeypatch, capsys):
    import rectext.api

    def broken(text):
        return {"text": text}

    monkeypatch.setattr(rectext.api, "parse_record", broken)
    code = main([str(SEED)])
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and str(SEED) in err and "internal error" in err and "genre: missing" in err


def test_cli_writes_large_notices_through_pydantic_with_the_same_bytes(monkeypatch, capsys):
    from rectext.cli import program as cli

    assert main([str(SEED), "--compact"]) == 0
    small_path = capsys.readouterr().out

    def unused(*args):
        raise AssertionError("the record path was taken")

    monkeypatch.setattr(cli, "PYDANTIC_FROM", 100)
    monkeypatch.setattr(jsonout, "dumps", unused)
    assert main([str(SEED), "--compact"]) == 0
    assert capsys.readouterr().out == small_path
