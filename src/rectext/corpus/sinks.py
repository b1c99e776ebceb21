"""The batch's tables: CSV files and SQLite, a projection of the journal.

While a batch runs, each input's rows are appended and flushed (notices.csv last)
before its journal line is written and flushed. :func:`reconcile` then makes each
table hold exactly the rows of the inputs in the journal, once each (the latest
record of a path): rows of inputs the journal does not list, or lists with another
content hash, go; duplicates go; rows an interruption never wrote are derived again
from the journal line. It runs at the end of every batch, interrupted or not, and
on ``--resume``.
"""

from __future__ import annotations

import csv
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .journal import BatchError, Journal
from .tables import COLUMNS, KEYS, LIST_SEPARATOR, Rows, error_rows, notice_rows

if TYPE_CHECKING:  # pragma: no cover
    from _csv import Writer as CsvWriter
    from collections.abc import Callable, Container

_INTEGER_COLUMNS = {"start", "end", "number", "depth", "chars", "approximate", "concrete", "days_to_publish",
                    "inspection_days", "overdue"} | {
    c for cols in COLUMNS.values() for c in cols if c.endswith("_index") or c.startswith(("n_", "declared_"))
}
_REAL_COLUMNS = {"value", "declared_completion_rate", "concrete_share", "category_confidence", "specificity",
                 "completion_rate"}
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Tables are written child first, notices last: a notices row means the input's rows are all there.
_ORDER = [*(name for name in COLUMNS if name != "notices"), "notices"]


def cells(name: str, row: dict[str, Any], raw: bool = False) -> list[Any]:
    """A row of table ``name`` as CSV cells (the csv module writes None empty); formulas
    neutralised unless ``raw``."""
    values = (LIST_SEPARATOR.join(v) if isinstance(v, list) else v for v in map(row.get, COLUMNS[name]))
    if raw:
        return list(values)
    return [neutralise(v) for v in values]


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading ``'`` (shown as text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class CsvTables:
    """notices.csv, sections.csv, … in UTF-8 with a BOM, so Excel shows the Chinese."""

    def __init__(self, out: Path, raw: bool = False) -> None:
        self.out, self.raw = out, raw
        self.files: dict[str, TextIO] = {}
        self.writers: dict[str, Any] = {}
        for name in _ORDER:
            path = out / f"{name}.csv"
            new = not path.exists() or path.stat().st_size == 0
            f = open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="")  # noqa: SIM115
            self.files[name], self.writers[name] = f, csv.writer(f)
            if new:
                self.writers[name].writerow(COLUMNS[name])

    def write(self, rows: Rows) -> None:
        """One input's rows, flushed table by table with notices.csv last: after a kill, an input
        with its notices row in the file has all its other rows there too."""
        for name in _ORDER:
            for row in rows.tables.get(name, ()):
                self.writers[name].writerow(cells(name, row, self.raw))
            self.files[name].flush()

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class SqliteTables:
    """The same tables in SQLite, keyed so that writing a path again replaces it."""

    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            # safe against a killed process; what a power cut could lose, reconcile() writes again
            self.db.execute("PRAGMA synchronous = NORMAL")
            for statement in schema_sql():
                self.db.execute(statement)
            _add_missing_columns(self.db)
        except sqlite3.Error as exc:
            raise BatchError(f"{path}: {exc}") from None
        self.path = path
        self.pending = 0

    def write(self, path: str, rows: Rows) -> None:
        try:
            self.db.execute("DELETE FROM notices WHERE path = ?", (path,))  # cascades to children
            self.insert(rows)
            self.pending += 1
            if self.pending >= 500:
                self.db.commit()
                self.pending = 0
        except sqlite3.Error as exc:  # locked by another program, a full disk, a damaged file
            raise BatchError(f"{self.path}: {exc}") from None

    def insert(self, rows: Rows) -> None:
        for name in COLUMNS:  # notices first: the children's foreign keys point at it
            cols = COLUMNS[name]
            self.db.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [cells(name, row, raw=True) for row in rows.tables.get(name, ())])

    def close(self) -> None:
        try:
            self.db.commit()
        except sqlite3.Error as exc:
            raise BatchError(f"{self.path}: {exc}") from None
        finally:
            self.db.close()


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """A database written by an earlier rectext gets the columns added since (never renamed)."""
    for name, columns in COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({name})")}
        for column in columns:
            if column not in have:
                db.execute(f"ALTER TABLE {name} ADD COLUMN {column} {_sql_type(column)}")


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
    out.append("CREATE INDEX IF NOT EXISTS notices_path ON notices (path)")
    out.append("CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code)")
    out.append("CREATE INDEX IF NOT EXISTS quantities_kind ON quantities (kind)")
    out.append("CREATE INDEX IF NOT EXISTS measures_problem ON measures (notice_id, path, problem_index)")
    return out


def _sql_type(column: str) -> str:
    if column in _REAL_COLUMNS:
        return "REAL"
    return "INTEGER" if column in _INTEGER_COLUMNS else "TEXT"


# ---------------------------------------------------------------- reconcile


def rows_from_journal(journal: Journal, path: str) -> Rows:
    """The table rows of one input, derived again from its journal line."""
    entry = journal.entries[path]
    if entry.error is not None:
        record = journal.record(path)
        return error_rows(entry.notice_id, path, record.get("error") or "", record.get("message") or "")
    from ..models import Notice

    return notice_rows(Notice.model_validate_json(journal.line(path)), entry.notice_id, path)


def reconcile(out: Path, journal: Journal, db: Path | None = None, raw_csv: bool = False,
              csv_in_line: bool = False) -> None:
    """Bring every CSV table (and the SQLite database) exactly in line with the journal.

    ``csv_in_line``: the caller wrote the CSV files from scratch along with every line of the
    journal, so they are in line already and are not read back.
    """
    if not csv_in_line:
        reconcile_csv(out, journal, raw_csv)
    if db is not None:
        reconcile_sqlite(db, journal)


def reconcile_csv(out: Path, journal: Journal, raw: bool = False) -> None:
    """Rewrite the CSV files with exactly the rows of the inputs in the journal, once each.

    An input whose notices row is in notices.csv keeps its rows (they were flushed before
    it); for every other input of the journal, rows are derived again from its line.
    """
    cell: Callable[[str], str] = (lambda v: v) if raw else neutralise
    wanted = {(entry.notice_id, cell(path)): path for path, entry in journal.entries.items()}
    tmp = {name: out / f".{name}.csv.tmp" for name in COLUMNS}
    files = {name: open(tmp[name], "w", encoding="utf-8-sig", newline="") for name in COLUMNS}  # noqa: SIM115
    try:
        writers = {name: csv.writer(f) for name, f in files.items()}
        complete = _keep_rows(out, "notices", wanted, writers["notices"])
        for name in _ORDER[:-1]:
            _keep_rows(out, name, complete, writers[name])
        for key, path in wanted.items():
            if key not in complete:  # an input whose rows an interruption did not write, or not all
                rows = rows_from_journal(journal, path)
                for name in _ORDER:
                    writers[name].writerows(cells(name, row, raw) for row in rows.tables.get(name, ()))
        for f in files.values():
            f.flush()
            os.fsync(f.fileno())
    finally:
        for f in files.values():
            f.close()
    for name in COLUMNS:
        os.replace(tmp[name], out / f"{name}.csv")


def _keep_rows(out: Path, name: str, inputs: Container[tuple[str, ...]], writer: CsvWriter) -> set[tuple[str, str]]:
    """Copy the rows of ``inputs`` (keys notice id, path) from OUT/name.csv, each key once;
    returns the inputs found."""
    columns = COLUMNS[name]
    writer.writerow(columns)
    at = [columns.index(k) for k in KEYS[name]]
    seen: set[tuple[str, ...]] = set()
    for row in read_rows(out / f"{name}.csv", columns):
        key = tuple(row[i] for i in at)
        if key[:2] in inputs and key not in seen:
            seen.add(key)
            writer.writerow(row)
    return {(key[0], key[1]) for key in seen}


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[list[str]]:
    """The rows of a table as written; none when the file is missing or has other columns.

    Every row the csv module writes ends with CR LF: a file that does not was cut while
    its last row was being written, and that row is left out, whatever its cells.
    """
    if not path.exists():
        return
    with open(path, "rb") as f:
        f.seek(max(f.seek(0, os.SEEK_END) - 2, 0))
        whole = f.read() == b"\r\n"
    with open(path, encoding="utf-8-sig", newline="", errors="replace") as f:
        reader = csv.reader(f)
        if tuple(next(reader, ())) != columns:
            return
        width = len(columns)
        last = None
        for row in reader:
            if last is not None:
                yield last
            last = row if len(row) == width else None  # a glued or cut row has another width
        if last is not None and whole:
            yield last


def reconcile_sqlite(path: Path, journal: Journal) -> None:
    try:
        db = SqliteTables(path)
        try:
            wanted = {(entry.notice_id, p) for p, entry in journal.entries.items()}
            have = set(db.db.execute("SELECT notice_id, path FROM notices"))
            db.db.executemany("DELETE FROM notices WHERE notice_id = ? AND path = ?", sorted(have - wanted))
            for _, p in sorted(wanted - have, key=_journal_order(journal)):
                db.insert(rows_from_journal(journal, p))
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise BatchError(f"{path}: {exc}") from None


def _journal_order(journal: Journal) -> Callable[[tuple[str, str]], int]:
    order = {path: i for i, path in enumerate(journal.entries)}
    return lambda key: order[key[1]]


ERRORS = ("path", "error", "message", "notice_id")  # the columns of errors.csv


def failures(journal: Journal) -> list[dict[str, str]]:
    """The inputs of the journal that failed, in journal order: path, error, message, notice id."""
    return [{"path": path, "error": entry.error, "message": journal.record(path).get("message") or "",
             "notice_id": entry.notice_id}
            for path, entry in journal.entries.items() if entry.error is not None]


def write_errors(out: Path, rows: list[dict[str, str]], raw: bool = False) -> None:
    """OUT/errors.csv: every input that failed, one row each."""
    write_csv(out / "errors.csv", ERRORS, ([row[c] for c in ERRORS] for row in rows), raw)


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[list[Any]], raw: bool = False) -> None:
    """A whole CSV table (UTF-8 with a BOM, formulas neutralised unless ``raw``), written beside
    and then renamed into place, so that a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(row if raw else [neutralise(v) for v in row] for row in rows)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def remove_stale(out: Path, names: Iterable[str]) -> None:
    """Temporary files a killed reconcile left behind."""
    for name in names:
        (out / f".{name}.tmp").unlink(missing_ok=True)
