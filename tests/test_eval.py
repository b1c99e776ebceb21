"""rectext eval: scores against gold annotations, and agreement with the shared scorer."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES

from rectext.cli import main

GOLD = FIXTURES / "gold"


def test_eval_on_the_shipped_gold_set(capsys):
    assert main(["eval", str(GOLD), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 3
    for layer in ("sections", "problems", "measures"):
        assert data["layers"][layer]["f1"] == 1.0
    assert data["fields"]["inspection.team"]["f1"] == 1.0 and data["exact_full"] == 1.0


def test_eval_reports_differences(tmp_path, capsys):
    gold_dir = tmp_path / "gold"
    shutil.copytree(GOLD, gold_dir)
    gold = json.loads((gold_dir / "county-finance.gold.json").read_text(encoding="utf-8"))
    gold["problems"][0]["heading"] = "关于完全不同的问题"
    gold["date"] = "2024-05-19"
    (gold_dir / "county-finance.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert main(["eval", str(gold_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    problems = data["layers"]["problems"]["soft"]
    assert (problems["tp"], problems["fp"], problems["fn"]) == (11, 1, 1)
    assert data["fields"]["date"]["tp"] == 2 and data["exact_structure"] == pytest.approx(2 / 3, abs=1e-3)
    doc = next(d for d in data["notices"] if d["doc"] == "county-finance")
    assert any("date" in d for d in doc["differences"])
    assert main(["eval", str(gold_dir)]) == 0
    assert "county-finance:" in capsys.readouterr().out


def test_eval_agrees_with_the_shared_scorer_rules():
    """Soft problem matching is the shared scorer's: 80 % containment on letters and digits."""
    from rectext.evaluate import headings_match

    assert headings_match("关于“落实医保”问题的整改", "关于“落实医保”问题的整改。", strict=True)
    assert headings_match("意识形态工作重视还不够的问题", "意识形态工作重视还不够的", strict=False)
    assert not headings_match("意识形态工作重视还不够的问题", "意识形态工作重视还不够的", strict=True)
    assert not headings_match("意识形态工作重视还不够的问题", "意识形态工作重视还不够", strict=False)
    assert not headings_match("意识形态工作重视还不够的问题", "意识形态", strict=False)


SCORE = FIXTURES.parents[2] / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORE.exists(), reason="the shared scorer is beside the project only in the workplace")
def test_eval_problems_f1_agrees_with_the_shared_scorer(tmp_path, capsys):
    import re
    import subprocess
    import sys

    gold_dir = tmp_path / "gold"
    shutil.copytree(GOLD, gold_dir)
    gold = json.loads((gold_dir / "town-page.gold.json").read_text(encoding="utf-8"))
    gold["problems"][1]["heading"] = "关于完全不同的问题"
    gold["problems"][2]["measures"].append("并不存在的措施")
    (gold_dir / "town-page.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    main(["eval", str(gold_dir), "--json"])
    ours = json.loads(capsys.readouterr().out)["layers"]
    proc = subprocess.run([sys.executable, str(SCORE), "--cmd", f"{sys.executable} -m rectext", str(gold_dir)],
                          capture_output=True, text=True, check=False)
    theirs = dict(re.findall(r"(\w+) F1=([\d.]+)", proc.stdout.splitlines()[-1]))
    for layer in ("sections", "problems", "measures"):
        assert round(ours[layer]["f1"], 3) == float(theirs[layer])
    assert ours["problems"]["f1"] < 1.0


def test_eval_verbose_lists_every_notice(capsys):
    assert main(["eval", str(GOLD)]) == 0
    plain = capsys.readouterr().out
    assert main(["eval", str(GOLD), "-v"]) == 0
    verbose = capsys.readouterr().out
    assert "county-finance: exact" in verbose and "county-finance" not in plain
