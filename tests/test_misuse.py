"""The command line under every misuse: each subcommand's exit statuses (docs/cli.md), driven for real.

Each path is run as a user runs it, in a subprocess: the exit status is the documented one, stderr
names the cause in one line, and no traceback appears. The many-run version of the closed-pipe
check is scripts/pipecheck.py (200 runs of each command).
"""

from __future__ import annotations

import hashlib
import json
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from helpers import RECTEXT

GOLD = FIXTURES / "gold"
RT = " ".join(shlex.quote(part) for part in RECTEXT)


def _run(*args: str, stdin: bytes | None = None, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([*RECTEXT, *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=120,
                          check=False)


def _one_line(proc: subprocess.CompletedProcess, status: int, *words: str) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == status, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert all(word in err for word in words), err
    return err


def _tree(*folders: Path) -> dict[str, str]:
    """Every file under the folders (hidden ones too), with the hash of its bytes."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for folder in folders if folder.exists()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- a reader that goes away

PIPED = {
    "parse": f"{SEED}", "parse --jsonl": f"{SEED} {SEED} {SEED} --jsonl", "outline": f"{SEED} --format outline",
    "explain": f"{SEED} --explain", "markdown": f"{SEED} --format markdown", "html": f"{SEED} --format html",
    "stdin": f"- < {SEED}", "help": "--help", "version": "--version", "schema": "schema",
    "eval": f"eval {GOLD} -v", "eval --json": f"eval {GOLD} --json", "categories": f"eval {GOLD} --categories",
    "batch --help": "batch --help", "render": f"render {SEED} -o /dev/stdout",
}


@pytest.mark.parametrize("name", sorted(PIPED))
def test_every_command_ends_quietly_when_its_reader_goes_away(name):
    for _ in range(3):
        proc = subprocess.run(["bash", "-c", f'{RT} {PIPED[name]} | head -c 1 >/dev/null; '
                                             'echo "${PIPESTATUS[0]}" >&2'], capture_output=True, text=True,
                              timeout=60, check=False)
        *err, status = proc.stderr.rstrip("\n").split("\n")
        assert err == [] and int(status) in (0, 141), proc.stderr


def test_a_reader_gone_is_exit_141_in_process(monkeypatch, capsys):
    from rectext.cli import main

    def gone(data: bytes) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("rectext.cli.common._write_bytes", gone)
    assert main(["schema"]) == 141 and main(["eval", str(GOLD)]) == 141
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- missing and empty inputs


@pytest.mark.parametrize("args", [("{m}",), ("render", "{m}", "-o", "{o}/page.html"), ("eval", "{d}")])
def test_a_missing_input_is_named(tmp_path, args):
    filled = [a.format(m=tmp_path / "missing.txt", o=tmp_path, d=tmp_path / "missing") for a in args]
    _one_line(_run(*filled), 2, "missing")
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("args", [("{e}",), ("-",), ("render", "{e}", "-o", "{o}/page.html"), ("eval", "{o}")])
def test_an_empty_input_is_named(tmp_path, args):
    (tmp_path / "empty.txt").write_bytes(b"")
    filled = [a.format(e=tmp_path / "empty.txt", o=tmp_path) for a in args]
    err = _one_line(_run(*filled, stdin=b""), 2)
    assert "empty" in err or "no NAME.gold.json" in err


@pytest.mark.parametrize("spec", ["missing-folder", "empty", "*.nothing"])
def test_batch_on_an_input_that_names_nothing_writes_nothing(tmp_path, spec):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not a notice", encoding="utf-8")
    before = _tree(tmp_path)
    out, pages = tmp_path / "out", tmp_path / "pages"
    err = _one_line(_run("batch", str(tmp_path / spec), "-o", str(out), "--html", str(pages)), 2,
                    str(tmp_path / spec), "expected")
    assert ("no such folder" in err) if spec == "missing-folder" else True
    assert _tree(tmp_path) == before and not out.exists() and not pages.exists()


# ---------------------------------------------------------------- a used output folder


def test_a_second_batch_into_a_used_folder_is_refused_and_overwrite_leaves_nothing_stale(tmp_path):
    out, pages, db = tmp_path / "out", tmp_path / "pages", tmp_path / "run.db"
    first = _run("batch", str(GOLD), "-o", str(out), "--html", str(pages), "--sqlite", str(db), "--quiet")
    assert first.returncode == 0
    before = _tree(out, pages) | {str(db): hashlib.sha256(db.read_bytes()).hexdigest()}
    (out / "my-notes.txt").write_text("kept", encoding="utf-8")
    second = _run("batch", str(GOLD / "county-finance.txt"), "-o", str(out), "--quiet")
    _one_line(second, 2, str(out), "--resume", "--overwrite")
    after = _tree(out, pages) | {str(db): hashlib.sha256(db.read_bytes()).hexdigest()}
    assert after == before | {str(out / "my-notes.txt"): after[str(out / "my-notes.txt")]}
    third = _run("batch", str(GOLD / "county-finance.txt"), "-o", str(out), "--quiet", "--overwrite")
    assert third.returncode == 0, third.stderr
    assert not db.exists(), "the first batch's database is removed"
    assert not [p for p in pages.iterdir()], "the first batch's pages are removed"
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "kept"  # not the batch's: it stays
    lines = (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    with open(out / "notices.csv", encoding="utf-8-sig") as f:
        assert len(f.read().splitlines()) == 2


# ---------------------------------------------------------------- outputs that cannot be written


def test_an_output_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")  # a folder under a file cannot be made, even by root
    _one_line(_run("render", str(SEED), "-o", str(blocker / "page.html")), 2, str(blocker / "page.html"))
    _one_line(_run("batch", str(SEED), "-o", str(blocker / "out"), "--quiet"), 2, str(blocker))
    _one_line(_run("batch", str(SEED), "-o", str(blocker), "--quiet"), 2, str(blocker), "is a file")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [(str(SEED),), (str(SEED), "--format", "html"), ("schema",), ("eval", str(GOLD)),
                                  ("--help",)])
def test_a_full_disk_is_one_line(args):
    with open("/dev/full", "wb") as full:
        _one_line(_run(*args, stdout=full), 2, "No space left on device")


def test_a_full_disk_for_the_review_page():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    _one_line(_run("render", str(SEED), "-o", "/dev/full"), 2, "/dev/full", "No space left on device")


# ---------------------------------------------------------------- Ctrl-C and SIGTERM


@pytest.mark.parametrize(("args", "sig", "status", "word"), [
    (("-",), signal.SIGINT, 130, "interrupted"), (("render", "-", "-o", "{o}"), signal.SIGINT, 130, "interrupted"),
    (("-",), signal.SIGTERM, 143, "terminated"),
])
def test_a_signal_while_waiting_for_input(tmp_path, args, sig, status, word):
    filled = [a.format(o=tmp_path / "page.html") for a in args]
    proc = subprocess.Popen([*RECTEXT, *filled], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    time.sleep(1.5)  # started, and waiting on standard input
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    proc.stdin.close()
    assert proc.returncode == status, err
    assert err.decode().count("\n") == 1 and word in err.decode() and b"Traceback" not in err


# ---------------------------------------------------------------- what --strict, outline and --lang say

GAP = "一、整改情况\n1.甲的问题\n3.丙的问题\n5.戊的问题\n"


def test_strict_names_each_failing_check(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(GAP, encoding="utf-8")
    proc = _run(str(path), "--strict")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err
    head = f"rectext: {path}: --strict: warning numbering-gap: problem numbering jumps from"
    assert err.splitlines() == [f"{head} 1 to 3 (missing 2): “3.丙的问题”", f"{head} 3 to 5 (missing 4): “5.戊的问题”"]
    zh = _run(str(path), "--strict", "--lang", "zh-Hans").stderr.decode()
    assert "numbering-gap: 问题编号从 1 跳到 3（缺 2）：“3.丙的问题”" in zh


def test_outline_and_explain_show_the_warnings(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(GAP, encoding="utf-8")
    for extra in (["--format", "outline"], ["--explain"]):
        out = _run(str(path), *extra).stdout.decode()
        assert "! warning numbering-gap [" in out and "problem numbering jumps from 1 to 3" in out
    out = _run(str(path), "--explain", "--lang", "zh-Hant").stdout.decode()
    assert "問題編號從 1 跳到 3（缺 2）" in out


def test_messages_follow_lang_and_codes_stay(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(GAP, encoding="utf-8")
    english = json.loads(_run(str(path)).stdout)["diagnostics"]
    for lang, words in (("zh-Hans", "问题编号从"), ("zh-Hant", "問題編號從"), ("en", "problem numbering")):
        for extra in ([], ["--analyze"]):  # the record's path and the model's
            found = json.loads(_run(str(path), "--lang", lang, *extra).stdout)["diagnostics"]
            assert [d["code"] for d in found] == [d["code"] for d in english]
            assert any(d["message"].startswith(words) for d in found)
    gap = next(d for d in english if d["code"] == "numbering-gap")
    assert gap["message"].startswith("problem numbering jumps")  # English unless --lang is given


def test_every_message_reads_back_in_every_language():
    """Each message the corpus raises is built from the table (rectext/messages.py): it reads back in Chinese."""
    import rectext
    from rectext.messages import TEMPLATES, localize

    texts = [SEED.read_text(encoding="utf-8"), GAP, "一、整改情况\n二、整改情况\n二、下一步\n", "没有编号的文字。",
             "一、整改情况\n3.甲的问题\n4.乙的问题\n1.丙的问题\n", PROGRESS_STATED,
             (FIXTURES / "progress" / "labelled-traditional-half.txt").read_text(encoding="utf-8")]
    seen = set()
    for text in texts:
        for d in rectext.parse(text).diagnostics:
            seen.add(d.code)
            for lang in ("zh-Hans", "zh-Hant"):
                assert localize(d.code, d.message, lang) != d.message, (d.code, d.message)
    assert seen <= set(TEMPLATES) and len(seen) >= 4
    assert {"progress-overdue", "declared-progress-mismatch", "declared-rate-mismatch"} <= seen


# every problem states its status, and the declared counts say otherwise
PROGRESS_STATED = ("某局关于巡察整改情况的通报\n区委巡察组反馈问题3个，已完成整改3个，整改完成率100%。\n一、整改情况\n"
                   "1.学习不够的问题\n整改情况：已完成\n2.制度不全的问题\n整改情况：正在推进\n3.台账不清的问题\n整改情况：已完成\n")


def test_progress_messages_read_in_each_language():
    import rectext
    from rectext.messages import localize

    found = {d.code: d.message for d in rectext.parse(PROGRESS_STATED).diagnostics}
    assert found["declared-progress-mismatch"] == \
        "the notice declares 3 completed (“已完成整改3个”) but 2 of its 3 problems state completed"
    assert localize("declared-progress-mismatch", found["declared-progress-mismatch"], "zh-Hant") == \
        "通報聲明「已完成」的 3 個（“已完成整改3个”），但 3 個問題中寫明「已完成」的是 2 個"
    assert localize("declared-rate-mismatch", found["declared-rate-mismatch"], "zh-Hans") == \
        "整改完成率 100.0% ≠ 已完成的问题 2/3 = 66.7%：“完成率100%”"


# ---------------------------------------------------------------- help


def test_help_names_every_input_format_and_exit_status(capsys):
    from rectext.cli import main

    for args in (["--help"], ["parse", "--help"], ["render", "--help"], ["batch", "--help"]):
        main(args)
        out = " ".join(capsys.readouterr().out.split())
        assert ".docx" in out and ".pdf" in out, args
    main(["--help"])
    out = capsys.readouterr().out
    assert "130" in out and "141" in out and "143" in out

