"""rectext batch: a folder to JSONL, CSV and SQLite; resume; the other output formats; eval; to_frames."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from conftest import FIXTURES, SEED
from helpers import csv_rows, jsonl

import rectext
from rectext.cli import main
from rectext.corpus.tables import COLUMNS

GOLD = FIXTURES / "gold"


@pytest.fixture
def corpus(tmp_path):
    """A folder as analysts have them: good notices, a duplicate, and broken files."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEED, root / "a-seed.txt")
    shutil.copy(SEED, root / "sub" / "b-seed-copy.txt")  # a duplicate
    for name in ("county-finance.txt", "town-page.html"):
        shutil.copy(GOLD / name, root / "sub" / name)
    (root / "c-broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (root / "d-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (root / "e-empty.txt").write_bytes(b"")
    (root / "notes.json").write_text("{}", encoding="utf-8")  # not a notice suffix: not walked
    return root


def test_batch_writes_every_input_once_in_order(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "-j", "2", "--quiet"]) == 1  # some inputs failed
    records = jsonl(out)
    paths = [r.get("path") or r["input"]["path"] for r in records]
    assert paths == sorted(paths) and len(paths) == 7
    errors = {r["path"]: r["message"] for r in records if "error" in r}
    assert errors == {str(corpus / "c-broken.png"): "binary content, not text",
                      str(corpus / "d-binary.txt"): "binary content, not text",
                      str(corpus / "e-empty.txt"): "empty file"}
    ok = [r for r in records if "error" not in r]
    assert [len(r["sections"]) for r in ok] == [3, 3, 3, 2]
    err = capsys.readouterr().err
    assert "7 inputs: 4 parsed, 3 errors" in err and "1 data or code files" in err
    # the failed inputs are named, and all of them are in errors.csv
    assert f"3 inputs failed (all in {out / 'errors.csv'}):" in err
    assert f"  {corpus / 'e-empty.txt'}: input: empty file" in err
    assert {r["path"]: r["message"] for r in csv_rows(out, "errors")} == errors


def test_tables_load_and_join(corpus, tmp_path):
    out = tmp_path / "out"
    main(["batch", str(corpus), "-o", str(out), "-j", "1", "--quiet"])
    tables = {name: csv_rows(out, name) for name in COLUMNS}
    for name, rows in tables.items():
        assert list(rows[0]) == list(COLUMNS[name]) if rows else True
    notices = {(r["notice_id"], r["path"]): r for r in tables["notices"]}
    assert len(notices) == 7
    seed_key = next(k for k, r in notices.items() if r["path"].endswith("a-seed.txt"))
    copy_key = next(k for k, r in notices.items() if r["path"].endswith("b-seed-copy.txt"))
    assert seed_key[0] == copy_key[0], "the same content has the same notice id"
    problems = [p for p in tables["problems"] if (p["notice_id"], p["path"]) == seed_key]
    measures = [m for m in tables["measures"] if (m["notice_id"], m["path"]) == seed_key]
    assert len(problems) == 11 and len(measures) == 28
    assert notices[seed_key]["n_problems"] == "11" and notices[seed_key]["declared_measures"] == "28"
    by_problem = {p["problem_index"]: p for p in problems}
    assert all(m["problem_index"] in by_problem for m in measures)
    for name in ("sections", "problems", "measures", "quantities", "diagnostics"):
        assert all((r["notice_id"], r["path"]) in notices for r in tables[name])


def test_sqlite_keys_and_rerun_adds_nothing(corpus, tmp_path):
    db = tmp_path / "corpus.db"
    for _ in range(2):
        main(["batch", str(corpus), "-o", str(tmp_path / "out"), "--sqlite", str(db), "-j", "2", "--quiet"])
    con = sqlite3.connect(db)
    counts = {name: con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in COLUMNS}
    assert counts["notices"] == 7 and counts["problems"] == 11 * 2 + 5 + 3
    joined = con.execute(
        "SELECT n.path, COUNT(*) FROM measures m JOIN problems p USING (notice_id, path, problem_index) "
        "JOIN notices n USING (notice_id, path) GROUP BY n.path ORDER BY n.path").fetchall()
    assert [c for _, c in joined] == [28, 28, 12, 7]
    fks = con.execute("PRAGMA foreign_key_list(measures)").fetchall()
    assert {row[2] for row in fks} == {"notices"}
    indexes = {row[1] for row in con.execute("PRAGMA index_list(diagnostics)")}
    assert "diagnostics_code" in indexes
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_resume_after_an_interrupted_run(corpus, tmp_path):
    out = tmp_path / "out"
    main(["batch", str(corpus), "-o", str(out), "-j", "1", "--quiet"])
    complete = jsonl(out)
    lines = (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()
    # interrupted: four inputs finished, the fifth's line cut short; its table rows were written
    (out / "notices.jsonl").write_text("\n".join(lines[:4]) + "\n" + lines[4][:50], encoding="utf-8")
    assert main(["batch", str(corpus), "-o", str(out), "--resume", "-j", "2", "--quiet"]) == 1
    resumed = jsonl(out)
    key = lambda r: r.get("path") or r["input"]["path"]  # noqa: E731
    assert sorted(map(key, resumed)) == sorted(map(key, complete))
    notices = csv_rows(out, "notices")
    assert sorted(r["path"] for r in notices) == sorted(map(key, complete))
    problems = csv_rows(out, "problems")
    assert len(problems) == len({(p["notice_id"], p["path"], p["problem_index"]) for p in problems})
    # a third run with --resume adds nothing at all
    before = (out / "notices.jsonl").read_bytes()
    main(["batch", str(corpus), "-o", str(out), "--resume", "--quiet"])
    assert (out / "notices.jsonl").read_bytes() == before


def test_globs_and_files(tmp_path, capsys):
    out = tmp_path / "out"
    main(["batch", str(GOLD / "*.txt"), str(GOLD / "town-page.html"), "-o", str(out), "--quiet"])
    assert [r["input"]["path"] for r in jsonl(out)] == [
        str(GOLD / "county-finance.txt"), str(GOLD / "school-traditional.txt"), str(GOLD / "town-page.html")]


@pytest.mark.parametrize(("fmt", "expect"), [("outline", "  problem 1. [1243:1780] 習近平"),
                                              ("markdown", "### 1. 習近平新時代")])
def test_other_formats(capsys, fmt, expect):
    assert main([str(SEED), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert expect in out


def test_formatjsonl(capsys):
    assert main([str(SEED), str(SEED), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["date"] == "2023-07-05"


def test_to_frames():
    notices = [rectext.parse_file(SEED), rectext.parse_file(GOLD / "town-page.html")]
    frames = rectext.to_frames(notices)
    assert set(frames) == set(COLUMNS)
    assert list(frames["problems"].columns) == list(COLUMNS["problems"])
    per_notice = frames["problems"].groupby("path").size().to_dict()
    assert per_notice == {str(SEED): 11, str(GOLD / "town-page.html"): 3}
    merged = frames["measures"].merge(frames["notices"], on=["notice_id", "path"])
    assert len(merged) == 28 + 7


def test_the_analysis_reaches_the_tables(tmp_path):
    out, db = tmp_path / "out", tmp_path / "corpus.db"
    assert main(["batch", str(GOLD / "county-finance.txt"), str(SEED), "-o", str(out), "--sqlite", str(db),
                 "--analyze", "--quiet"]) == 0
    problems = csv_rows(out, "problems")
    assert all(p["category"] and p["keywords"] for p in problems)
    assert {p["category"] for p in problems} <= {"政治建设", "全面从严治党", "组织建设", "整改落实", "未分类"}
    assert all(p["category_evidence"] for p in problems if p["category_source"] != "none")
    measures = csv_rows(out, "measures")
    assert all(0 <= float(m["specificity"]) <= 1 and m["concrete"] in ("0", "1") for m in measures)
    assert all(n["concrete_share"] for n in csv_rows(out, "notices"))
    con = sqlite3.connect(db)
    got = con.execute("SELECT category, COUNT(*) FROM problems GROUP BY category").fetchall()
    assert sum(n for _, n in got) == len(problems) and all(c for c, _ in got)
    frames = rectext.to_frames([rectext.parse_file(SEED, analyze=True)])
    assert frames["problems"]["category"].notna().all()
    # without --analyze the columns are there, and empty
    plain = tmp_path / "plain"
    main(["batch", str(SEED), "-o", str(plain), "--quiet"])
    assert {p["category"] for p in csv_rows(plain, "problems")} == {""}


def test_a_database_from_an_earlier_version_gets_the_new_columns(tmp_path):
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE problems (notice_id TEXT, path TEXT, problem_index INTEGER, heading TEXT, "
                "PRIMARY KEY (notice_id, path, problem_index))")
    con.commit()
    con.close()
    assert main(["batch", str(SEED), "-o", str(tmp_path / "out"), "--sqlite", str(db), "--quiet"]) == 0
    columns = {row[1] for row in sqlite3.connect(db).execute("PRAGMA table_info(problems)")}
    assert set(COLUMNS["problems"]) <= columns


def test_notices_say_how_long_the_inspection_and_the_rectification_took():
    from rectext.corpus.tables import notice_rows

    notice = rectext.parse_file(GOLD / "county-finance.txt")  # 2023-10-09 to 2023-12-08, fed back 2024-01-16
    row = notice_rows(notice, "id", "p").tables["notices"][0]
    assert (row["inspection_days"], row["days_to_publish"]) == (61, 123)  # published 2024-05-18
    row = notice_rows(rectext.parse("一、整改情况\n"), "id", "p").tables["notices"][0]
    assert (row["inspection_days"], row["days_to_publish"]) == (None, None)
