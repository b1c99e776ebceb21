"""``rectext batch``: a folder of notices to JSONL, CSV tables and SQLite, in parallel.

Every input gets exactly one line in ``notices.jsonl``, in input order: the
full result, or an error record ``{"path", "error", "message", "notice_id"}``.
Each input's table rows are written before its JSONL line, so the JSONL is the
record of what is finished: ``--resume`` keeps what it lists, drops any table
rows of an input that did not finish, and skips inputs whose content hash is
already there under the same path.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .reader import DEFAULT_MAX_BYTES, InputError, read_bytes, source_from_bytes
from .tables import COLUMNS, KEYS, content_id, error_rows, notice_rows

# A folder's files are all inputs (a binary one gets an error record) except these:
# the tool's own outputs, data and code that a corpus folder often holds beside the notices.
NOT_NOTICES = {".json", ".jsonl", ".csv", ".tsv", ".db", ".sqlite", ".sqlite3", ".ipynb", ".py", ".md", ".db-wal",
               ".db-shm", ".log"}
_GLOB_CHARS = set("*?[")
_INTEGER_COLUMNS = {"start", "end", "number", "depth", "chars", "approximate"} | {
    c for cols in COLUMNS.values() for c in cols if c.endswith("_index") or c.startswith(("n_", "declared_"))
}
_REAL_COLUMNS = {"value", "declared_completion_rate"}


@dataclass(frozen=True, slots=True)
class Options:
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    analyze: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input produced: its JSONL line and its table rows."""

    path: str
    notice_id: str
    line: str
    rows: Any  # tables.Rows
    ok: bool


# ---------------------------------------------------------------- inputs


def collect_inputs(specs: Sequence[str], ignored: list[str] | None = None) -> list[str]:
    """Files named, found under folders (recursively) or matched by globs; each once, in order.

    In a folder, hidden files and files whose suffix is in NOT_NOTICES are left
    out; their paths go to ``ignored`` so the caller can say so.
    """
    seen: dict[str, None] = {}
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            found = [str(f) for f in files if f.suffix.lower() not in NOT_NOTICES]
            if ignored is not None:
                ignored.extend(str(f) for f in files if f.suffix.lower() in NOT_NOTICES)
        elif not p.exists() and _GLOB_CHARS & set(spec):
            found = sorted(f for f in glob.glob(spec, recursive=True) if Path(f).is_file())
        else:
            found = [spec]  # a file, or a missing one that will get an error record
        for f in found:
            seen.setdefault(f, None)
    return list(seen)


# ---------------------------------------------------------------- work (runs in the workers)

_OPTIONS = Options()


def _init_worker(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options
    if options.analyze:  # load the analysis layer (jieba, its dictionary) once per worker
        from . import analysis

        analysis.warm_up()


def process(path: str, data: bytes | None = None, options: Options | None = None) -> Outcome:
    """Read and parse one input; never raises."""
    from .api import parse_source

    options = options or _OPTIONS
    notice_id = ""
    try:
        data = read_bytes(path, options.max_bytes) if data is None else data
        notice_id = content_id(data)
        source = source_from_bytes(data, options.encoding, Path(path).suffix.lower(), options.max_bytes)
        notice = parse_source(source, path, options.analyze)
    except InputError as exc:
        return _failure(path, notice_id, "input", str(exc))
    except Exception as exc:  # a parser bug must not stop a batch of 50,000 files
        return _failure(path, notice_id, "internal", f"{type(exc).__name__}: {exc}")
    line = notice.__pydantic_serializer__.to_json(notice).decode("utf-8")
    return Outcome(path, notice_id, line, notice_rows(notice, notice_id, path), True)


def _failure(path: str, notice_id: str, error: str, message: str) -> Outcome:
    record = {"path": path, "error": error, "message": message, "notice_id": notice_id or None}
    return Outcome(path, notice_id, json.dumps(record, ensure_ascii=False),
                   error_rows(notice_id, path, error, message), False)


def _process_one(item: tuple[str, bytes | None]) -> Outcome:
    return process(item[0], item[1])


# ---------------------------------------------------------------- sinks


class CsvTables:
    """notices.csv, sections.csv, … in UTF-8 with a BOM, so Excel shows the Chinese."""

    def __init__(self, out: Path) -> None:
        self.files: dict[str, TextIO] = {}
        self.writers: dict[str, Any] = {}
        for name, columns in COLUMNS.items():
            path = out / f"{name}.csv"
            new = not path.exists() or path.stat().st_size == 0
            f = open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="")  # noqa: SIM115
            writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction="raise")
            if new:
                writer.writeheader()
            self.files[name], self.writers[name] = f, writer

    def write(self, rows) -> None:
        for name, row in rows:
            self.writers[name].writerow({k: ("" if v is None else v) for k, v in row.items()})

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class SqliteTables:
    """The same tables in SQLite, keyed so that writing a notice again replaces it."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        for statement in schema_sql():
            self.db.execute(statement)
        self.pending = 0

    def write(self, outcome: Outcome) -> None:
        key = (outcome.notice_id, outcome.path)
        self.db.execute("DELETE FROM notices WHERE notice_id = ? AND path = ?", key)  # cascades to children
        for name, row in outcome.rows:
            cols = COLUMNS[name]
            self.db.execute(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            [row.get(c) for c in cols])
        self.pending += 1
        if self.pending >= 200:
            self.db.commit()
            self.pending = 0

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def schema_sql() -> list[str]:
    """CREATE statements: primary keys, foreign keys to notices, and indexes."""
    out = []
    for name, columns in COLUMNS.items():
        defs = [f"{c} {_sql_type(c)}" for c in columns]
        defs.append(f"PRIMARY KEY ({', '.join(KEYS[name])})")
        if name != "notices":
            defs.append("FOREIGN KEY (notice_id, path) REFERENCES notices (notice_id, path) ON DELETE CASCADE")
        out.append(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(defs)})")
        if name != "notices":
            out.append(f"CREATE INDEX IF NOT EXISTS {name}_notice ON {name} (notice_id, path)")
    out.append("CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code)")
    out.append("CREATE INDEX IF NOT EXISTS quantities_kind ON quantities (kind)")
    out.append("CREATE INDEX IF NOT EXISTS measures_problem ON measures (notice_id, path, problem_index)")
    return out


def _sql_type(column: str) -> str:
    if column in _REAL_COLUMNS:
        return "REAL"
    return "INTEGER" if column in _INTEGER_COLUMNS else "TEXT"


# ---------------------------------------------------------------- resume


def finished(out: Path) -> set[tuple[str, str]]:
    """(content hash, path) of the inputs already in OUT; drops what an interruption left unfinished."""
    jsonl = out / "notices.jsonl"
    if not jsonl.exists():
        return set()
    done: list[tuple[str, str, str]] = []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # the line an interruption cut short
        nid = record.get("notice_id") or (record.get("input") or {}).get("sha256", "")[:16]
        path = record.get("path") or (record.get("input") or {}).get("path") or ""
        done.append((nid, path, line))
    jsonl.write_text("".join(line + "\n" for _, _, line in done), encoding="utf-8")
    keys = {(nid, path) for nid, path, _ in done}
    for name in COLUMNS:
        _prune_csv(out / f"{name}.csv", keys)
    return {key for key in keys if key[0]}


def _prune_csv(path: Path, keys: set[tuple[str, str]]) -> None:
    if not path.exists():
        return
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS[path.stem]))
        writer.writeheader()
        writer.writerows(r for r in rows if (r["notice_id"], r["path"]) in keys)


# ---------------------------------------------------------------- the run


@dataclass
class Summary:
    total: int = 0
    ignored: int = 0
    parsed: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0


def run(specs: Sequence[str], out: Path, jobs: int | None = None, resume: bool = False,
        sqlite: Path | None = None, options: Options | None = None, progress: bool | None = None,
        on_outcome=None) -> Summary:
    """Parse every input into OUT; returns counts. ``on_outcome`` sees each finished input (the HTML pages)."""
    options = options or Options()
    out.mkdir(parents=True, exist_ok=True)
    ignored: list[str] = []
    paths = collect_inputs(specs, ignored)
    done = finished(out) if resume else set()
    if not resume:
        for name in ("notices.jsonl", *(f"{n}.csv" for n in COLUMNS)):
            (out / name).unlink(missing_ok=True)
    summary = Summary(total=len(paths), ignored=len(ignored))
    todo = list(_pending(paths, done, summary))
    show = sys.stderr.isatty() if progress is None else progress
    started = shown = time.perf_counter()
    tables, db = CsvTables(out), SqliteTables(sqlite) if sqlite else None
    try:
        with open(out / "notices.jsonl", "a", encoding="utf-8") as jsonl:
            for i, outcome in enumerate(_outcomes(todo, jobs, options), 1):
                tables.write(outcome.rows)
                if db:
                    db.write(outcome)
                jsonl.write(outcome.line + "\n")
                jsonl.flush()
                summary.parsed += outcome.ok
                summary.errors += not outcome.ok
                if on_outcome:
                    on_outcome(outcome)
                if show and (i == len(todo) or time.perf_counter() - shown > 0.1):
                    _progress(i, len(todo), summary, started)
                    shown = time.perf_counter()
    finally:
        tables.close()
        if db:
            db.close()
    summary.seconds = time.perf_counter() - started
    if show:
        sys.stderr.write("\n")
    return summary


def _pending(paths: list[str], done: set[tuple[str, str]], summary: Summary) -> Iterator[tuple[str, bytes | None]]:
    """Inputs still to do; with --resume, each is read once here to hash it.

    An input is done when the same path with the same content hash is in OUT: a
    file changed since is parsed again, and a duplicate elsewhere gets its own line.
    """
    for path in paths:
        if not done:
            yield path, None
            continue
        try:
            data = read_bytes(path)
        except InputError:
            yield path, None
            continue
        if (content_id(data), path) in done:
            summary.skipped += 1
            continue
        yield path, data


def _outcomes(todo: list[tuple[str, bytes | None]], jobs: int | None, options: Options) -> Iterable[Outcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(todo) < 2:
        _init_worker(options)
        yield from (process(path, data, options) for path, data in todo)
        return
    chunk = max(1, min(64, len(todo) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.map(_process_one, todo, chunksize=chunk)


def _progress(done: int, total: int, summary: Summary, started: float) -> None:
    elapsed = max(time.perf_counter() - started, 1e-9)
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{done / elapsed:,.0f}/s errors {summary.errors}  ")
    sys.stderr.flush()
