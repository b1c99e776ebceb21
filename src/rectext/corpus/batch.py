"""``rectext batch``: a folder of notices to JSONL, CSV tables and SQLite, in parallel.

Every input gets exactly one line in ``notices.jsonl`` (the journal, :mod:`rectext.corpus.journal`):
the full result, or an error record ``{"path", "error", "message", "notice_id"}``.
Each input's journal line is written whole and flushed as soon as it is done, and the
tables are brought exactly in line with the journal (:func:`rectext.corpus.sinks.reconcile`)
at the end of every run, interrupted or not, and on ``--resume``. What survives what
is listed in the README (Batch guarantees).
"""

from __future__ import annotations

import glob
import json
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..read.errors import InputError
from ..read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES, read_bytes, source_from_bytes
from .ids import content_id
from .journal import BatchError, Journal, Lock
from .owned import CORPUS_TABLES, GLOB_CHARS, NOT_NOTICES, RUN_FILE, check, clear, record
from .tables import COLUMNS, error_rows, notice_rows

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable
    from types import FrameType

    from .sinks import CsvTables, SqliteTables

_T = TypeVar("_T")

LOCK_NAME = ".rectext-batch.lock"


@dataclass(frozen=True, slots=True)
class Options:
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    analyze: bool = False
    max_nodes: int | None = DEFAULT_MAX_NODES


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input produced: its JSONL line and its table rows."""

    path: str
    notice_id: str
    line: str
    rows: Any  # tables.Rows
    ok: bool
    error: str | None = None


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
        elif not p.exists() and GLOB_CHARS & set(spec):
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
        from ..facts import analysis

        analysis.warm_up()


def process(path: str, data: bytes | None = None, options: Options | None = None) -> Outcome:
    """Read, parse and serialise one input; never raises."""
    from ..api import parse_source

    options = options or _OPTIONS
    notice_id = ""
    try:
        data = read_bytes(path, options.max_bytes) if data is None else data
        notice_id = content_id(data)
        source = source_from_bytes(data, options.encoding, Path(path).suffix.lower(), options.max_bytes,
                                   options.max_nodes)
        notice = parse_source(source, path, options.analyze)
        line = notice.__pydantic_serializer__.to_json(notice).decode("utf-8")
        rows = notice_rows(notice, notice_id, path)
    except InputError as exc:
        return _failure(path, notice_id, "input", str(exc))
    except Exception as exc:  # a parser bug must not stop a batch of 50,000 files
        return _failure(path, notice_id, "internal", f"{type(exc).__name__}: {exc}")
    return Outcome(path, notice_id, line, rows, True)


def _failure(path: str, notice_id: str, error: str, message: str) -> Outcome:
    record = {"path": path, "error": error, "message": message, "notice_id": notice_id or None}
    return Outcome(path, notice_id, json.dumps(record, ensure_ascii=False),
                   error_rows(notice_id, path, error, message), False, error)


def _died(task: tuple[str], how: str) -> Outcome:
    """The stand-in result of an input whose worker process died while parsing it."""
    return _failure(task[0], "", "worker-died", f"the worker process parsing this input died ({how}); "
                    "the rest of the batch went on; --resume tries it again")


# ---------------------------------------------------------------- the run


@dataclass
class Summary:
    total: int = 0
    ignored: int = 0
    parsed: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run
    failed: list[dict[str, str]] = field(default_factory=list)  # every failed input in OUT (errors.csv)

    @property
    def done(self) -> int:
        return self.parsed + self.errors + self.skipped


class _Stop:
    """SIGINT and SIGTERM ask the run to stop after the input in hand; the last one asked is kept."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._old: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._ask)
        return self

    def _ask(self, signum: int, frame: FrameType | None) -> None:
        self.signal = signum

    def __call__(self) -> bool:
        return self.signal is not None

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._old.items():
            signal.signal(sig, handler)


@dataclass
class _Run:
    """What one run writes to and reports with."""

    out: Path
    journal: Journal
    sqlite: Path | None
    raw_csv: bool
    summary: Summary
    show: bool
    on_outcome: Any = None


def run(specs: Sequence[str], out: Path, jobs: int | None = None, resume: bool = False,
        sqlite: Path | None = None, options: Options | None = None, progress: bool | None = None,
        on_outcome: Callable[[Outcome], None] | None = None, raw_csv: bool = False, overwrite: bool = False,
        html: Path | None = None) -> Summary:
    """Parse every input into OUT; returns counts. ``on_outcome`` sees each finished input (the HTML pages,
    written to ``html``, which the run records as its own).

    Raises :class:`BatchError` (one line) before anything is written when an input names nothing
    or OUT holds a batch and neither ``resume`` nor ``overwrite`` is given (:func:`rectext.corpus.owned.check`);
    when OUT or the database is in use by another batch, or when an output cannot be written (a full disk).
    """
    from .sinks import reconcile

    options = options or Options()
    check(specs, out, resume, overwrite)
    out.mkdir(parents=True, exist_ok=True)
    db_lock = Lock(sqlite.with_name(f".{sqlite.name}.rectext-lock"), str(sqlite)) if sqlite else nullcontext()
    started = time.perf_counter()
    with Lock(out / LOCK_NAME, str(out)), db_lock, _Stop() as stop:
        if overwrite:
            _guard(out, lambda: clear(out))
        _guard(out, lambda: _same_options(out, resume, options, raw_csv, (sqlite, html)))
        journal = _journal(out, resume, raw_csv)
        ignored: list[str] = []
        paths = collect_inputs(specs, ignored)
        summary = Summary(total=len(paths), ignored=len(ignored))
        done = {(e.notice_id, p) for p, e in journal.entries.items() if e.notice_id and e.error != "worker-died"}
        todo = list(_pending(paths, done, summary, stop))
        show = sys.stderr.isatty() if progress is None else progress
        state = _Run(out, journal, sqlite, raw_csv, summary, show, on_outcome)
        _parse_all(state, todo, jobs, options, stop)
        fresh = not resume and not journal.superseded  # this run wrote both journal and tables from scratch
        summary.failed = _guard(out, lambda: _settle(out, journal, sqlite, raw_csv, reconcile, fresh))
        if options.analyze:  # over what the tables hold now, so that clusters and repeats agree with them
            from .corpustables import run_corpus_step

            _guard(out, lambda: run_corpus_step(out, sqlite, raw_csv))
        summary.interrupted = stop.signal
    summary.seconds = time.perf_counter() - started
    if show:
        sys.stderr.write("\n")
    return summary


def _same_options(out: Path, resume: bool, options: Options, raw_csv: bool,
                  owns: tuple[Path | None, Path | None] = (None, None)) -> None:
    """Record the run's options in OUT; with --resume, refuse options that differ from the recorded ones
    (a resumed run without --analyze would mix analysed and plain records)."""
    now = {"analyze": options.analyze, "encoding": options.encoding, "max_bytes": options.max_bytes,
           "max_nodes": options.max_nodes, "raw_csv": raw_csv}
    path = out / RUN_FILE
    if resume and path.exists():
        try:
            before = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            before = now  # a damaged record: the run's own options stand
        differ = [f"{key} {before.get(key)!r} then, {value!r} now" for key, value in now.items()
                  if key in before and before[key] != value]
        if differ:
            raise BatchError(f"{out} was written with other options ({'; '.join(differ)}); resume with the "
                             "same options, or run without --resume to start afresh")
    record(out, now, *owns)


def _journal(out: Path, resume: bool, raw_csv: bool) -> Journal:
    """The journal to go on from: a new one, or with --resume the old one, torn lines dropped and
    the tables made whole before rows are added to them."""
    from .sinks import reconcile_csv, remove_stale

    written = ["notices.jsonl", "errors.csv", *(f"{n}.csv" for n in (*COLUMNS, *CORPUS_TABLES))]
    remove_stale(out, written)
    if not resume:
        for name in written:
            (out / name).unlink(missing_ok=True)
    journal = Journal(out / "notices.jsonl")
    _guard(out / "notices.jsonl", journal.load)
    if resume:
        _guard(out, lambda: reconcile_csv(out, journal, raw_csv))
    return journal


def _parse_all(state: _Run, todo: list[str], jobs: int | None, options: Options,
               stop: _Stop) -> None:
    """Parse what is to do and write each result as it comes, until done or asked to stop."""
    from .sinks import CsvTables, SqliteTables

    out, summary = state.out, state.summary
    tables = _guard(out, lambda: CsvTables(out, state.raw_csv))
    db = SqliteTables(state.sqlite) if state.sqlite else None
    started = shown = time.perf_counter()
    finished = False
    try:
        state.journal.open()
        for i, outcome in enumerate(_outcomes(todo, jobs, options, stop), 1):
            _guard(out, partial(_record, outcome, tables, db, state.journal))
            summary.parsed += outcome.ok
            summary.errors += not outcome.ok
            if state.on_outcome:
                state.on_outcome(outcome)
            if state.show and (i == len(todo) or time.perf_counter() - shown > 0.1):
                _progress(i, len(todo), summary, started)
                shown = time.perf_counter()
            if stop():
                break
        finished = True
    finally:
        _close(tables, db, state.journal, quiet=not finished)


def _record(outcome: Outcome, tables: CsvTables, db: SqliteTables | None, journal: Journal) -> None:
    """Rows first (CSV flushed, notices.csv last; SQLite in its transaction), then the journal line, flushed."""
    tables.write(outcome.rows)
    if db:
        db.write(outcome.path, outcome.rows)
    journal.append(outcome.notice_id, outcome.path, outcome.line, outcome.error)


def _close(tables: CsvTables, db: SqliteTables | None, journal: Journal, quiet: bool) -> None:
    """Close every output; after a failure, errors in closing must not hide it."""
    for close in (tables.close, *((db.close,) if db else ()), journal.close):
        try:
            close()
        except Exception:
            if not quiet:
                raise


def _settle(out: Path, journal: Journal, sqlite: Path | None, raw_csv: bool, reconcile: Callable[..., None],
            fresh: bool) -> list[dict[str, str]]:
    """The journal compacted, the tables in line with it, errors.csv written; returns the failures."""
    from .sinks import failures, write_errors

    if journal.superseded:
        journal.compact()
    reconcile(out, journal, sqlite, raw_csv, csv_in_line=fresh)
    failed = failures(journal)
    write_errors(out, failed, raw_csv)
    return failed


def _guard(where: Path, action: Callable[[], _T]) -> _T:
    """``action()``; an OS error (a full disk, a folder that cannot be written) becomes one line."""
    try:
        return action()
    except OSError as exc:
        name = exc.filename or where
        raise BatchError(f"{name}: {exc.strerror or exc}") from None


def _pending(paths: list[str], done: set[tuple[str, str]], summary: Summary,
             stop: Callable[[], bool] = lambda: False) -> Iterator[str]:
    """Inputs still to do; with --resume, each is read here once to hash it.

    An input is done when the same path with the same content hash is in OUT: a
    file changed since is parsed again, and a duplicate elsewhere gets its own line.
    Inputs that could not be read, or whose worker died, are tried again. Only paths
    travel to the workers, which read the files themselves: a task is always small, so
    handing one out never waits on a worker that is busy sending a large result.
    """
    for path in paths:
        if stop():
            return
        if done:
            try:
                if (content_id(read_bytes(path)), path) in done:
                    summary.skipped += 1
                    continue
            except InputError:
                pass
        yield path


def _outcomes(todo: list[str], jobs: int | None, options: Options, stop: Callable[[], bool]) -> Iterable[Outcome]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(todo) < 2:
        _init_worker(options)
        yield from (process(path, None, options) for path in todo)
        return
    from .pool import run_ordered

    yield from run_ordered([(path,) for path in todo], jobs, process, _died, _init_worker, options, stop)


def _progress(done: int, total: int, summary: Summary, started: float) -> None:
    elapsed = max(time.perf_counter() - started, 1e-9)
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{done / elapsed:,.0f}/s errors {summary.errors}  ")
    sys.stderr.flush()
