"""What became of each problem (rectext.facts.progress): the forms, the vocabulary, the traps, the checks,
and the fixtures of tests/fixtures/progress scored by the shared score.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from invariants import check_invariants

import rectext
from rectext import vocab as V
from rectext.facts import progress
from rectext.facts.dates import Context, due
from rectext.text.fold import fold

FIXTURES = Path(__file__).parent / "fixtures" / "progress"
SHARED = Path("/work/shared")
SCORE = SHARED / "eval" / "score.py"
CORPORA = [FIXTURES, SHARED / "corpus" / "dev", SHARED / "corpus" / "real"]


def _notices(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html", ".docx", ".pdf"))


@pytest.mark.parametrize("words, status", [(w, s) for s, cues in V.STATUS_WORDS for w in cues]
                         + [(w, s) for w, s in V.STATUS_ALONE.items()])
def test_every_status_word_reads_its_status(words, status):
    assert progress.status_of(fold(words)) == status


@pytest.mark.parametrize("words, status", [
    ("已完成", "completed"), ("已整改到位", "completed"), ("已於2024年5月完成整改", "completed"),
    ("正在推進中", "in_progress"), ("已完成阶段性目标，持续推进", "in_progress"), ("持续推进", "ongoing"),
    ("長期堅持", "ongoing"), ("已完成，长期坚持", "completed"), ("尚未完成", "not_started"),
    ("按计划落实", None), ("见附件", None), ("", None), ("整改中", "in_progress"), ("已按时完成", "completed")])
def test_status_in_both_scripts_and_never_guessed(words, status):
    assert progress.status_of(fold(words)) == status


@pytest.mark.parametrize("deadline, feedback, date, want", [
    ("2024年6月底前", None, None, "2024-06-30"), ("6月底前", "2024-05-20", None, "2024-06-30"),
    ("3月底前", "2024-05-20", None, "2025-03-31"), ("年底前", None, "2023-09-01", "2023-12-31"),
    ("2024年12月31日前", None, None, "2024-12-31"), ("2024年上半年", None, None, "2024-06-30"),
    ("2024年第三季度", None, None, "2024-09-30"), ("2月底前", None, "2024-09-01", "2024-02-29"),
    ("立行立改", "2024-05-20", None, None), ("长期坚持", "2024-05-20", None, None), ("6月底前", None, None, None),
    ("2024.6.30前", None, None, "2024-06-30"), ("2024-12", None, None, "2024-12-31")])
def test_due_dates(deadline, feedback, date, want):
    assert due(fold(deadline), Context(feedback, date)) == want


NOTICE = """关于巡察整改进展情况的通报

2024年5月20日，区委巡察组反馈了3个问题。局党组明确了责任领导、责任单位和整改时限。已完成整改1个，正在推进2个。

一、反馈问题整改情况
（一）关于“学习不深入”的问题
1.修订学习制度。
责任单位：办公室；责任人：张三
时限：2024年6月底前
2.开展专题研讨。
责任单位：党建科
时限：2024年12月底前
（二）关于“制度不健全”的问题
整改措施：修订议事规则。
完成时限：2024年8月底前
整改情况：正在推进
（三）关于“台账不规范”的问题
整改情况：一是建立台账。二是开展检查，已完成。

中共某某局党组
2024年10月1日
"""


def test_lines_under_each_measure_stay_with_it():
    notice = rectext.parse(NOTICE)
    check_invariants(notice)
    first = notice.problems[0]
    assert [m.progress.deadline for m in first.measures] == ["2024年6月底前", "2024年12月底前"]
    assert first.measures[0].progress.responsible == ["办公室", "张三"]
    assert first.measures[0].body == "" and "责任" not in notice.span_text(first.measures[1]).split("\n", 1)[0]
    assert first.progress.responsible == ["办公室", "张三", "党建科"]


def test_a_general_statement_gives_no_problem_a_deadline_and_a_label_of_measures_is_no_status():
    notice = rectext.parse(NOTICE)
    third = notice.problems[2]
    assert third.progress is None or third.progress.deadline is None
    assert [m.heading for m in third.measures] == ["建立台账", "开展检查,已完成".replace(",", "，")]
    assert third.measures[1].progress.status == "completed"


def test_overdue_and_strict(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text(NOTICE, encoding="utf-8")
    notice = rectext.parse(NOTICE)
    assert [d.code for d in notice.diagnostics if d.code == V.PROGRESS_OVERDUE] == [V.PROGRESS_OVERDUE]
    run = subprocess.run([sys.executable, "-m", "rectext", "--strict", str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "progress-overdue" in run.stderr and "2024-08-31" in run.stderr


def test_declared_problems_with_none_listed_fails_strict(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("关于巡察整改进展情况的通报\n\n巡察组反馈问题16个，已全部整改完成。\n\n中共某某局党组\n2024年1月5日\n",
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "rectext", "--strict", str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "declares 16 problems" in run.stderr and "lists 0" in run.stderr


def test_declared_completed_against_the_statuses_counted(tmp_path):
    text = (FIXTURES / "labelled-simplified.txt").read_text(encoding="utf-8")
    # the fifth problem, due 2024-09-30 and not started on 2024-10-15, is overdue; nothing else is said
    assert [d.code for d in rectext.parse(text).diagnostics if d.level != "info"] == [V.PROGRESS_OVERDUE]
    path = tmp_path / "n.txt"
    path.write_text(text.replace("已完成整改2个", "已完成整改4个"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "rectext", "--strict", str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "declares 4 completed" in run.stderr


def test_last_rounds_counts_are_not_this_rounds():
    notice = rectext.parse((FIXTURES / "labelled-simplified.txt").read_text(encoding="utf-8"))
    assert (notice.declared.completed, notice.declared.in_progress, notice.declared.ongoing) == (2, 2, 1)


def test_no_progress_where_none_is_stated():
    notice = rectext.parse((FIXTURES / "none-stated.txt").read_text(encoding="utf-8"))
    assert notice.problems and all(n.progress is None for n in notice.problems + notice.measures)


@pytest.mark.parametrize("path", _notices(FIXTURES), ids=lambda p: p.name)
def test_fixtures_keep_the_invariants(path):
    check_invariants(rectext.parse_file(path))


def _measure_lines(notice):
    for measure in notice.measures:
        for line in f"{measure.heading or ''}\n{measure.body}".split("\n"):
            folded = fold(line)
            if progress.line_fields(folded, 0, len(folded)):
                yield measure.start, line


@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
def test_no_labelled_progress_line_is_left_in_a_measure(folder):
    if not folder.exists():
        pytest.skip(f"{folder} is not here")
    left = {p.name: lines for p in _notices(folder) if (lines := list(_measure_lines(rectext.parse_file(p))))}
    assert left == {}


def test_the_fixtures_score(tmp_path):
    if not SCORE.exists():
        pytest.skip("the shared score.py is not here")
    run = subprocess.run([sys.executable, str(SCORE), "--cmd", f"{sys.executable} -m rectext", str(FIXTURES)],
                         capture_output=True, text=True, timeout=600)
    summary = run.stdout.strip().splitlines()[-1]
    fields = dict(part.strip().split(" ", 1) for part in summary.split("|")[1:])
    assert float(fields["progress"].split()[0]) >= 0.90, summary
    assert all(float(fields[k].split("F1=")[1].split()[0]) >= 0.95 for k in ("sections", "problems", "measures"))


def test_tables_sqlite_and_frames_carry_progress(tmp_path):
    import csv
    import sqlite3

    from rectext.cli import main

    out, one = tmp_path / "out", tmp_path / "in"
    one.mkdir()
    (one / "n.txt").write_bytes((FIXTURES / "labelled-simplified.txt").read_bytes())
    assert main(["batch", "--analyze", str(one), "-o", str(out), "--sqlite", str(tmp_path / "db.sqlite"),
                 "-j", "1", "--quiet"]) == 0
    with open(out / "problems.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["status"] for r in rows] == ["completed", "in_progress", "ongoing", "completed", "not_started",
                                           "in_progress"]
    assert rows[1]["responsible"] == "计划财务科; 局办公室; 李华" and rows[0]["due"] == "2024-06-30"
    assert [r["overdue"] for r in rows] == ["0", "0", "0", "0", "1", "0"]
    with open(out / "overdue.csv", encoding="utf-8-sig") as f:
        assert [r["due"] for r in csv.DictReader(f)] == ["2024-09-30"]
    with open(out / "completion.csv", encoding="utf-8-sig") as f:
        (row,) = csv.DictReader(f)
    assert (row["n_completed"], row["n_in_progress"], row["n_ongoing"], row["completion_rate"]) == (
        "2", "2", "1", "33.3")
    db = sqlite3.connect(tmp_path / "db.sqlite")
    assert db.execute("SELECT deadline, responsible FROM problems WHERE problem_index = 0").fetchone() == (
        "2024年6月底前", "局办公室; 张明")
    assert db.execute("SELECT n_overdue FROM completion").fetchone() == (1,)
    pytest.importorskip("pandas")
    frames = rectext.to_frames([rectext.parse_file(FIXTURES / "labelled-simplified.txt")])
    assert frames["problems"]["responsible"][1] == ["计划财务科", "局办公室", "李华"]
    assert frames["notices"]["n_overdue"][0] == 1


def test_fields_run_into_the_end_of_a_line_are_cut_from_the_last_measure():
    text = ("关于巡察整改进展情况的通报\n\n一、反馈问题整改情况\n（一）关于学习不深入的问题\n"
            "一是制定学习计划；二是开展专题学习。整改时限：长期坚持。责任单位：办公室\n\n某局党组\n2023年9月1日\n")
    notice = rectext.parse(text)
    check_invariants(notice)
    problem = notice.problems[0]
    assert (problem.progress.deadline, problem.progress.due, problem.progress.status) == ("长期坚持", None, None)
    assert problem.progress.responsible == ["办公室"]
    assert notice.span_text(problem.measures[-1]) == "二是开展专题学习。"


def test_a_rectification_table_with_other_column_names(tmp_path):
    rows = [["序号", "存在问题", "整改措施", "责任部门", "责任人", "完成时限", "整改进展"],
            ["1", "学习制度落实不到位", "1.制定学习计划；2.开展专题学习", "办公室", "王五", "2023年6月", "已完成"],
            ["2", "林地管理不规范", "开展林地清查", "资源股、执法大队", "李四", "2023年底前", "整改中"]]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    page = tmp_path / "t.html"
    page.write_text(f"<html><body><p>关于巡察整改落实情况的通报</p><p>一、整改落实情况</p><table>{cells}</table>"
                    "<p>某局党组</p><p>2023年9月1日</p></body></html>", encoding="utf-8")
    notice = rectext.parse_file(page)
    got = [(p.progress.status, p.progress.deadline, p.progress.due, p.progress.responsible) for p in notice.problems]
    assert got == [("completed", "2023年6月", "2023-06-30", ["办公室", "王五"]),
                   ("in_progress", "2023年底前", "2023-12-31", ["资源股", "执法大队", "李四"])]
    assert [m.heading for m in notice.problems[0].measures] == ["制定学习计划", "开展专题学习"]
