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


# ---------------------------------------------------------------- eval --categories

AREAS_NOTICE = FIXTURES / "areas" / "bureau-areas.txt"


def _categories(folder, capsys, *flags):
    assert main(["eval", str(folder), "--categories", *flags]) == 0
    return capsys.readouterr().out


def test_eval_categories_measures_the_lexicon_against_the_notices_own_headings(tmp_path, capsys):
    shutil.copy(AREAS_NOTICE, tmp_path)
    data = json.loads(_categories(tmp_path, capsys, "--json"))
    assert (data["notices"], data["problems"], data["labelled"]) == (1, 8, 8)
    assert data["with_heading"] == {"agree": 8, "share": 1.0}
    assert data["unclassified"] == {"n": 0, "share": 0.0}
    hidden = data["heading_hidden"]
    assert (hidden["agree"], hidden["share"], hidden["unclassified"]) == (7, 0.875, 0)
    assert hidden["by_area"]["整改落实"] == {"agree": 1, "n": 2, "share": 0.5}
    assert all(hidden["by_area"][a]["agree"] == 2 for a in ("政治建设", "全面从严治党", "组织建设"))
    # problem 8 sits under the 整改 group, but its own words are about 主体责任 and 一岗双责
    [miss] = data["differences"]
    assert (miss["number"], miss["area"], miss["lexicon"]) == (8, "整改落实", "全面从严治党")
    assert miss["index"] == 7 and "一岗双责" in miss["evidence"]
    assert miss["group_heading"] == "关于巡察、审计等监督发现问题整改方面"


def test_eval_categories_reads_traditional_full_width_the_same(tmp_path, capsys):
    import opencc

    simplified = AREAS_NOTICE.read_text(encoding="utf-8")
    (tmp_path / "traditional.txt").write_text(opencc.OpenCC("s2t").convert(simplified), encoding="utf-8")
    data = json.loads(_categories(tmp_path, capsys, "--json"))
    assert (data["labelled"], data["heading_hidden"]["agree"], data["with_heading"]["agree"]) == (8, 7, 8)
    assert data["differences"][0]["group_heading"] == "關於巡察、審計等監督發現問題整改方面"


def test_eval_categories_as_text_lists_each_miss_when_verbose(tmp_path, capsys):
    shutil.copy(AREAS_NOTICE, tmp_path)
    text = _categories(tmp_path, capsys)
    assert "lexicon alone, heading hidden   7/8 (0.875)" in text and "整改落实      1/2 (0.500)" in text
    assert "where the lexicon differs" not in text
    verbose = _categories(tmp_path, capsys, "-v")
    assert "bureau-areas.txt problem 8: heading says 整改落实, lexicon 全面从严治党" in verbose


def test_eval_categories_counts_problems_under_no_area_and_files_it_cannot_read(tmp_path, capsys):
    (tmp_path / "plain.txt").write_text(
        "关于巡察整改情况的通报\n一、整改情况\n1.某某某某问题。\n整改情况：某某某某。\n", encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj damaged beyond repair")
    data = json.loads(_categories(tmp_path, capsys, "--json"))
    assert (data["notices"], data["labelled"], data["heading_hidden"]["share"]) == (1, 0, None)
    assert data["unclassified"]["n"] == data["problems"] == 1
    [bad] = data["unreadable"]
    assert bad["doc"] == "broken.pdf" and bad["error"].startswith("damaged PDF")


def test_eval_categories_refuses_a_folder_without_notices(tmp_path, capsys):
    assert main(["eval", str(tmp_path), "--categories"]) == 2
    assert "no notice" in capsys.readouterr().err
