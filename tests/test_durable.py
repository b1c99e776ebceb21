"""A batch that never loses or duplicates a row, and hostile inputs that end cleanly.

Driven as a user would: ``python -m rectext`` in a subprocess, killed, interrupted,
run twice at once, starved of disk, fed pipes and devices.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from helpers import RECTEXT, jsonl, record_path

import rectext
from rectext.corpus.tables import COLUMNS

GOLD = FIXTURES / "gold"


def _inputs(root: Path, copies: int) -> list[Path]:
    """A corpus: copies of the shipped notices under distinct names."""
    root.mkdir(parents=True, exist_ok=True)
    sources = [SEED, GOLD / "county-finance.txt", GOLD / "school-traditional.txt", GOLD / "town-page.html"]
    made = []
    for i in range(copies):
        src = sources[i % len(sources)]
        made.append(root / f"{i:04d}-{src.name}")
        shutil.copy(src, made[-1])
    return made


def _batch(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([*RECTEXT, "batch", *args, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kw)


def _lines(out: Path) -> int:
    try:
        return (out / "notices.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _wait_for(out: Path, lines: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while _lines(out) < lines:
        assert proc.poll() is None, f"the batch ended before {lines} inputs: {proc.communicate()}"
        assert time.monotonic() < end
        time.sleep(0.005)


def _journal_paths(out: Path) -> list[str]:
    return [record_path(r) for r in jsonl(out)]


def _tables(out: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every CSV table as sorted rows (the order of inputs may differ after a resume)."""
    got = {}
    for name in COLUMNS:
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert tuple(rows[0]) == COLUMNS[name]
        got[name] = sorted(map(tuple, rows[1:]))
    return got


def _db_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        counts = {name: con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in COLUMNS}
        counts["paths"] = con.execute("SELECT COUNT(DISTINCT path) FROM notices").fetchone()[0]
        return counts
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The corpus of 300 inputs and what an uninterrupted batch makes of it."""
    root = tmp_path_factory.mktemp("durable")
    _inputs(root / "in", 300)
    proc = _batch(str(root / "in"), "-o", str(root / "clean"), "--sqlite", str(root / "clean.db"), "-j", "2")
    assert proc.wait(120) == 0, proc.communicate()
    return root


def _same_as_clean(clean: Path, out: Path, db: Path | None = None) -> None:
    paths = _journal_paths(out)
    assert len(paths) == len(set(paths)) == 300
    assert sorted(paths) == sorted(_journal_paths(clean / "clean"))
    assert _tables(out) == _tables(clean / "clean")
    if db is not None:
        assert _db_counts(db) == _db_counts(clean / "clean.db")


def test_killed_at_40_percent_and_resumed_every_input_is_there_once(clean, tmp_path):
    out, db = tmp_path / "out", tmp_path / "run.db"
    proc = _batch(str(clean / "in"), "-o", str(out), "--sqlite", str(db), "-j", "2")
    _wait_for(out, 120, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 120 <= _lines(out) < 300
    resumed = _batch(str(clean / "in"), "-o", str(out), "--sqlite", str(db), "-j", "2", "--resume")
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert "skipped" in err and "Traceback" not in err
    _same_as_clean(clean, out, db)
    counts = _db_counts(db)
    problems_in_journal = sum(_count_problems(json.loads(line)) for line in
                              (out / "notices.jsonl").read_text(encoding="utf-8").splitlines())
    assert counts["problems"] == problems_in_journal == len(_tables(out)["problems"]) > 0


def _count_problems(record: dict) -> int:
    def walk(nodes):
        return sum((n["kind"] == "problem") + walk(n["children"]) for n in nodes)

    return walk(record.get("sections", []))


def test_a_second_batch_into_a_folder_in_use_is_refused(tmp_path):
    root = tmp_path / "in"
    _inputs(root, 10)
    (root / "0000-big.txt").write_text(SEED.read_text(encoding="utf-8") * 300, encoding="utf-8")  # seconds
    out, db = tmp_path / "out", tmp_path / "run.db"
    first = _batch(str(root), "-o", str(out), "--sqlite", str(db), "-j", "1")
    lock = out / ".rectext-batch.lock"
    while not (lock.exists() and lock.read_text() == str(first.pid)):
        assert first.poll() is None
        time.sleep(0.005)
    plain = subprocess.run([*RECTEXT, "batch", str(root), "-o", str(out), "--quiet"], capture_output=True, text=True,
                           timeout=60)
    assert plain.returncode == 2 and "already holds a batch" in plain.stderr and plain.stderr.count("\n") == 1
    for extra in (["--overwrite"], ["--resume"]):
        second = subprocess.run([*RECTEXT, "batch", str(root), "-o", str(out), "--quiet", *extra],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert second.stderr == (f"rectext batch: {out} is in use by another rectext batch (process {first.pid}); "
                                 "wait for it to end, or write elsewhere\n")
    other = subprocess.run([*RECTEXT, "batch", str(root), "-o", str(tmp_path / "elsewhere"), "--sqlite",
                            str(db), "--quiet"], capture_output=True, text=True, timeout=60)
    assert other.returncode == 2 and f"{db} is in use by another rectext batch" in other.stderr
    assert first.poll() is None, "the checks ran while the first batch held the folder"
    assert first.wait(120) == 0
    paths = _journal_paths(out)
    assert len(paths) == len(set(paths)) == 11
    assert len(_tables(out)["notices"]) == _db_counts(db)["notices"] == 11


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_keeps_what_is_done_and_resume_finishes(clean, tmp_path, sig, code):
    out = tmp_path / "out"
    proc = _batch(str(clean / "in"), "-o", str(out), "-j", "2")
    _wait_for(out, 60, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    done = _lines(out)
    assert err.strip().splitlines()[-1] == (f"rectext batch: interrupted: {done} of 300 done; "
                                           "run again with --resume")
    # what is done is in every table already, once
    notices = _tables(out)["notices"]
    assert len(notices) == done == len({row[1] for row in notices})
    resumed = _batch(str(clean / "in"), "-o", str(out), "-j", "2", "--resume")
    assert resumed.wait(120) == 0
    _same_as_clean(clean, out)


def test_torn_and_garbled_journal_lines_are_dropped_by_resume(clean, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(clean / "clean", out)
    journal = (out / "notices.jsonl").read_bytes()
    lines = journal.splitlines(keepends=True)
    last = lines[-1]
    cut = next(i for i in range(len(last) // 2, len(last)) if 0x80 <= last[i] < 0xC0)  # inside a character
    torn = b"".join(lines[:100]) + b"\xff\xfe not json\n" + b"".join(lines[100:-1]) + last[:cut]
    (out / "notices.jsonl").write_bytes(torn)
    resumed = subprocess.run([*RECTEXT, "batch", str(clean / "in"), "-o", str(out), "--resume", "--quiet"],
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0 and "Traceback" not in resumed.stderr, resumed.stderr
    assert "1 skipped" not in resumed.stderr and "299 skipped" in resumed.stderr
    _same_as_clean(clean, out)


def test_changed_and_missing_inputs_appear_once_after_each_resume(tmp_path):
    files = _inputs(tmp_path / "in", 8)
    out, db = tmp_path / "out", tmp_path / "run.db"
    args = [*RECTEXT, "batch", str(tmp_path / "in"), str(tmp_path / "in" / "gone.txt"), "-o", str(out),
            "--sqlite", str(db), "--quiet"]
    assert subprocess.run(args, timeout=120).returncode == 1  # gone.txt failed
    files[0].write_text("一、整改情况\n1.学习不够深入的问题。\n整改措施：一是加强学习。\n", encoding="utf-8")
    for _ in range(2):
        assert subprocess.run([*args, "--resume"], timeout=120).returncode == 1
        paths = _journal_paths(out)
        assert len(paths) == len(set(paths)) == 9
        notices = _tables(out)["notices"]
        assert sorted(row[1] for row in notices) == sorted(paths)
        assert _db_counts(db)["notices"] == _db_counts(db)["paths"] == 9
    changed = next(r for r in map(json.loads, (out / "notices.jsonl").read_text(encoding="utf-8").splitlines())
                   if (r.get("input") or {}).get("path") == str(files[0]))
    assert changed["sections"][0]["children"][0]["heading"] == "学习不够深入的问题"


def test_a_worker_killed_costs_only_its_input(tmp_path):
    """A worker that dies mid-parse (here SIGKILL, as the out-of-memory killer sends) gives that input
    a worker-died record; a new worker takes its place and the batch goes on."""
    root = tmp_path / "in"
    _inputs(root, 40)
    big = root / "0020-big.txt"
    big.write_text(SEED.read_text(encoding="utf-8") * 150, encoding="utf-8")  # about a second of parsing
    out = tmp_path / "out"
    proc = _batch(str(root), "-o", str(out), "-j", "2")
    _wait_for(out, 20, proc)
    workers = _descendants(proc.pid)
    busy = [pid for pid in workers if not _descendants(pid)]  # the fork server has children; workers none
    assert busy
    for pid in busy:
        os.kill(pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in err, err  # 1: some inputs failed
    assert "worker-died: the worker process parsing this input died (killed by SIGKILL)" in err
    records = jsonl(out)
    assert len(records) == 41
    died = [r for r in records if r.get("error") == "worker-died"]
    assert str(big) in [r["path"] for r in died] and len(died) <= 2
    assert "killed by SIGKILL" in died[0]["message"]
    assert len(_tables(out)["notices"]) == 41
    # --resume tries them again
    subprocess.run([*RECTEXT, "batch", str(root), "-o", str(out), "--resume", "--quiet"], check=True, timeout=120)
    records = jsonl(out)
    assert len(records) == 41 and not [r for r in records if "error" in r]


def _descendants(pid: int) -> list[int]:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc")
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found.extend(children)
        frontier = children
    return found


def test_the_pool_replaces_a_dead_worker_and_keeps_order():
    sys.path.insert(0, str(Path(__file__).parent))
    import poolwork

    from rectext.corpus.pool import run_ordered

    tasks = [(n,) for n in range(30)]
    got = list(run_ordered(tasks, 2, poolwork.square_or_die, poolwork.died, poolwork.setup, None))
    assert got[:13] == [n * n for n in range(13)] and got[14:] == [n * n for n in range(14, 30)]
    assert got[13] == "13 died: killed by SIGKILL"


def test_a_full_disk_ends_the_batch_with_one_line(clean, tmp_path):
    out = tmp_path / "out"

    def small_files():  # writes past 200 KB fail as on a full disk (EFBIG instead of ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    proc = subprocess.run([*RECTEXT, "batch", str(clean / "in"), "-o", str(out), "-j", "2", "--quiet"],
                          capture_output=True, text=True, timeout=120, preexec_fn=small_files)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "File too large" in proc.stderr and "Traceback" not in proc.stderr
    resumed = subprocess.run([*RECTEXT, "batch", str(clean / "in"), "-o", str(out), "--resume", "--quiet"],
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    _same_as_clean(clean, out)


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text('一、整改情况\n1.=HYPERLINK("http://example.com","点击")的问题。\n'
                                "整改措施：一是@SUM(A1)。二是+1加强学习。\n", encoding="utf-8")
    for flag, expect in (([], "'="), (["--raw-csv"], "=")):
        out = tmp_path / f"out{len(flag)}"
        subprocess.run([*RECTEXT, "batch", str(root), "-o", str(out), "--quiet", *flag], check=True, timeout=60)
        problems = _tables(out)["problems"]
        heading = problems[0][COLUMNS["problems"].index("heading")]
        assert heading.startswith(expect + "HYPERLINK(")
        measures = [row[COLUMNS["measures"].index("heading")] for row in _tables(out)["measures"]]
        assert sorted(m[:2] for m in measures) == (["'+", "'@"] if not flag else ["+1", "@S"])
        # the journal keeps the text as written
        assert '"=HYPERLINK(' in (out / "notices.jsonl").read_text(encoding="utf-8").replace('\\"', '"')


# ---------------------------------------------------------------- hostile single inputs


def _cli(*args: str, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*RECTEXT, *args], capture_output=True, timeout=timeout, **kw)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    got = _cli(str(fifo))
    assert got.returncode == 2
    assert got.stderr.decode() == (f"rectext: {fifo}: is a named pipe (FIFO), not a file "
                                   "(use - to read standard input)\n")
    got = _cli("/dev/zero")
    assert got.returncode == 2 and b"is a character device" in got.stderr
    batch = _cli("batch", str(fifo), str(SEED), "-o", str(tmp_path / "out"), "--quiet")
    assert batch.returncode == 1
    records = [json.loads(line) for line in (tmp_path / "out" / "notices.jsonl").read_text().splitlines()]
    assert records[0]["error"] == "input" and "named pipe" in records[0]["message"] and "sections" in records[1]


def test_standard_input_is_refused_as_soon_as_it_passes_max_bytes():
    with open("/dev/zero", "rb") as endless:
        got = _cli("-", "--max-bytes", "1000", stdin=endless, timeout=30)
    assert got.returncode == 2
    assert got.stderr == b"rectext: <stdin>: input is over the limit of 1,000 bytes (--max-bytes)\n"


@pytest.mark.parametrize("value", ["0", "-5", "ten"])
def test_max_bytes_must_be_above_zero(value):
    got = _cli(str(SEED), f"--max-bytes={value}")
    assert got.returncode == 2 and b"--max-bytes" in got.stderr and b"Traceback" not in got.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [[str(SEED)], [str(SEED), "--format", "outline"], ["schema"]])
def test_output_that_cannot_be_written_is_one_line(args):
    with open("/dev/full", "wb") as full:
        got = subprocess.run([*RECTEXT, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert got.returncode == 2
    assert got.stderr == b"rectext: <stdout>: No space left on device\n"


def test_crafted_html_attributes_parse(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>一、整改情况</p><table><tr><td>序号</td><td>问题</td><td colspan='²'>整改措施</td></tr>"
        "<tr><td rowspan='-3'>1</td><td colspan='99999999999999999999999'>学习不够深入的问题</td>"
        "<td>加强学习</td></tr></table><ol start='99999999999999999999'><li>一个足够长的列表项文字内容</li></ol>"
        "<ol start='-4'><li>另一个足够长的列表项文字内容</li></ol></body></html>", encoding="utf-8")
    got = _cli(str(page))
    assert got.returncode == 0, got.stderr
    notice = json.loads(got.stdout)
    assert notice["sections"][0]["children"][0]["heading"] == "学习不够深入的问题"


def test_a_lone_surrogate_is_replaced_and_the_notice_serialises():
    text = "一、整改情况\n1.学习不够\ud800深入的问题。\n"
    notice = rectext.parse(text)
    assert notice.text == text.replace("\ud800", "\ufffd") and len(notice.text) == len(text)
    assert json.loads(notice.model_dump_json())["text"] == notice.text
    info = [d for d in notice.diagnostics if d.code == "surrogates-replaced"]
    assert [(d.level, d.start) for d in info] == [("info", text.index("\ud800"))]


def _peak_mb(args: list[str]) -> tuple[int, float, str]:
    """Exit status, peak memory (MB) and stderr of the command run in a fresh interpreter."""
    # VmHWM is this process's own peak; ru_maxrss would also carry the peak of the pytest process
    # that forked it (Linux keeps it across exec).
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc/self/status")
    code = ("import re, sys; from rectext.cli import main; status = main(sys.argv[1:]); "
            "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1); "
            "print(status, peak, file=sys.stderr)")
    got = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    *lines, last = got.stderr.strip().splitlines()
    status, peak = last.split()
    return int(status), int(peak) / 1024, "\n".join(lines)


def test_a_million_bare_markers_are_refused_under_400_mb(tmp_path):
    path = tmp_path / "markers.txt"
    path.write_text("1.\n" * 1_000_000, encoding="utf-8")
    status, peak, err = _peak_mb([str(path)])
    assert status == 2 and peak < 400
    assert err == f"rectext: {path}: 1,000,000 numbered markers, over the limit of 50,000 nodes (--max-nodes)"
    status, _, err = _peak_mb([str(path), "--max-nodes", "2000000", "--max-bytes", "100"])
    assert status == 2 and "--max-bytes" in err  # the option is read; the size limit speaks first


def test_a_page_nested_100000_deep_is_refused_at_once(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "一、整改情况" + "</div>" * 100_000 + "</body></html>")
    started = time.monotonic()
    got = _cli(str(page))
    assert time.monotonic() - started < 10
    assert got.returncode == 2
    assert got.stderr.decode() == (f"rectext: {page}: web page nested more than 5,000 elements deep, "
                                   "beyond any real page\n")


def test_a_database_that_is_not_one_is_a_line_not_a_traceback(tmp_path):
    db = tmp_path / "corpus.db"
    db.write_bytes(b"this is not a database" * 100)
    got = _cli("batch", str(SEED), "-o", str(tmp_path / "out"), "--sqlite", str(db), "--quiet")
    assert got.returncode == 2
    assert got.stderr.decode() == f"rectext batch: {db}: file is not a database\n"


def test_workers_leave_when_the_batch_is_killed(tmp_path):
    root = tmp_path / "in"
    _inputs(root, 200)
    out = tmp_path / "out"
    proc = _batch(str(root), "-o", str(out), "-j", "2")
    _wait_for(out, 20, proc)
    workers = _descendants(proc.pid)
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    end = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers):
        assert time.monotonic() < end, "a worker outlived the batch"
        time.sleep(0.05)
    again = _batch(str(root), "-o", str(out), "-j", "2", "--resume")  # the folder is free at once
    assert again.wait(120) == 0


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_script_without_a_main_guard_runs_a_parallel_batch(tmp_path):
    """As with concurrent.futures on Linux: the workers do not run the calling script again."""
    _inputs(tmp_path / "in", 6)
    script = tmp_path / "script.py"
    script.write_text("from pathlib import Path\nfrom rectext.corpus.batch import run\n"
                      f"s = run([{str(tmp_path / 'in')!r}], Path({str(tmp_path / 'out')!r}), jobs=2, progress=False)\n"
                      "print(s.parsed, s.errors)\n", encoding="utf-8")
    got = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert got.returncode == 0, got.stderr
    assert got.stdout.split() == ["6", "0"]
