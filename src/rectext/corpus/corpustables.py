"""The corpus step of ``rectext batch --analyze``: recurring findings and repeats, and each notice's
completion figures and overdue problems, as tables.

It runs at the end of every batch with ``--analyze`` (an interrupted one included), over the
rows the tables then hold, which are exactly the journal's: it writes ``clusters.csv``,
``repeats.csv``, ``completion.csv`` and ``overdue.csv``, fills ``problems.cluster_id`` and
``notices.n_repeats`` (rewriting both files whole, then renaming them into place), and with
``--sqlite`` the same in the database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .journal import BatchError
from .recurrence import COLUMNS as CORPUS_COLUMNS
from .recurrence import CorpusAnalysis, Finding, analyse, body_key, table_rows
from .sinks import FORMULA_START, read_rows, write_csv
from .tables import COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable


def run_corpus_step(out: Path, sqlite: Path | None = None, raw: bool = False) -> CorpusAnalysis:
    """Analyse the corpus in OUT's tables and write the results beside them (and into ``sqlite``)."""
    result = analyse(findings_from_tables(out, raw))
    rows = table_rows(result)
    for name, columns in CORPUS_COLUMNS.items():
        write_csv(out / f"{name}.csv", columns, ([r.get(c) for c in columns] for r in rows[name]), raw)
    clusters, repeats = result.cluster_of, result.repeats_in
    _fill(out, "problems", "cluster_id", lambda r: clusters.get((r[0], _plain(r[1], raw), int(r[2]))))
    _fill(out, "notices", "n_repeats", lambda r: repeats.get((r[0], _plain(r[1], raw)), 0) if r[2] == "ok" else None)
    progress = progress_rows(out, raw)
    for name, columns in PROGRESS_COLUMNS.items():
        write_csv(out / f"{name}.csv", columns, ([r.get(c) for c in columns] for r in progress[name]), raw=True)
    if sqlite is not None:
        _to_sqlite(sqlite, result, {**rows, **progress})
    return result


# The progress step: each notice's completion figures, and the problems overdue on its date.
PROGRESS_COLUMNS: dict[str, tuple[str, ...]] = {
    "completion": ("notice_id", "path", "issuer", "date", "inspection_round", "n_problems", "n_completed",
                   "n_in_progress", "n_ongoing", "n_not_started", "completion_rate", "declared_completed",
                   "declared_in_progress", "declared_ongoing", "declared_completion_rate", "n_overdue"),
    "overdue": ("notice_id", "path", "problem_index", "heading", "status", "deadline", "due", "responsible", "date"),
}


def progress_rows(out: Path, raw: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The completion and overdue tables from OUT's notices.csv and problems.csv."""
    ncols, pcols = COLUMNS["notices"], COLUMNS["problems"]
    notices = {(r["notice_id"], r["path"]): r for r in
               (dict(zip(ncols, row, strict=True)) for row in read_rows(out / "notices.csv", ncols))
               if r["status"] == "ok"}
    completion = [{c: _plain(r.get(c) or "", raw) or None for c in PROGRESS_COLUMNS["completion"]}
                  for r in notices.values()]
    overdue = []
    for row in read_rows(out / "problems.csv", pcols):
        r = dict(zip(pcols, row, strict=True))
        notice = notices.get((r["notice_id"], r["path"]))
        if notice is not None and r["overdue"] == "1":
            overdue.append({**{c: _plain(r.get(c) or "", raw) or None for c in PROGRESS_COLUMNS["overdue"]},
                            "date": notice["date"]})
    return {"completion": completion, "overdue": overdue}


def _plain(value: str, raw: bool) -> str:
    """A cell as it was before it was neutralised for spreadsheets (the leading ' taken off)."""
    if not raw and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def findings_from_tables(out: Path, raw: bool = False) -> list[Finding]:
    """The findings of every parsed notice in OUT's notices.csv and problems.csv."""
    cols = COLUMNS["notices"]
    at = {c: cols.index(c) for c in ("notice_id", "path", "status", "issuer", "inspection_target_resolved",
                                     "inspection_target", "date", "inspection_feedback")}
    notices: dict[tuple[str, str], tuple[str, str | None]] = {}
    for row in read_rows(out / "notices.csv", cols):
        if row[at["status"]] == "ok":
            name = _plain(row[at["issuer"]] or row[at["inspection_target_resolved"]] or row[at["inspection_target"]],
                          raw)
            date = row[at["date"]] or row[at["inspection_feedback"]] or None
            notices[(row[at["notice_id"]], row[at["path"]])] = (body_key(name), date)
    pcols = COLUMNS["problems"]
    key_at, path_at, index_at, heading_at = (pcols.index(c) for c in ("notice_id", "path", "problem_index",
                                                                       "heading"))
    findings = []
    for row in read_rows(out / "problems.csv", pcols):
        notice = notices.get((row[key_at], row[path_at]))
        if notice is not None:
            findings.append(Finding(row[key_at], _plain(row[path_at], raw), int(row[index_at]),
                                    _plain(row[heading_at], raw), *notice))
    return findings


def _fill(out: Path, name: str, column: str, value: Callable[[list[str]], Any]) -> None:
    """Rewrite OUT/name.csv with ``column`` set from ``value(row)`` (the row's key cells first)."""
    cols = COLUMNS[name]
    keys = [cols.index(c) for c in (("notice_id", "path", "problem_index") if name == "problems"
                                    else ("notice_id", "path", "status"))]
    at = cols.index(column)

    def filled(row: list[str]) -> list[Any]:
        row = list(row)
        row[at] = value([row[k] for k in keys])
        return row

    write_csv(out / f"{name}.csv", cols, (filled(r) for r in read_rows(out / f"{name}.csv", cols)), raw=True)


def _to_sqlite(path: Path, result: CorpusAnalysis, rows: dict[str, list[dict[str, Any]]]) -> None:
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            with db:
                _sqlite_tables(db, rows)
                db.execute("UPDATE problems SET cluster_id = NULL")
                db.executemany("UPDATE problems SET cluster_id = ? WHERE notice_id = ? AND path = ? AND "
                               "problem_index = ?", [(cid, *key) for key, cid in result.cluster_of.items()])
                db.execute("UPDATE notices SET n_repeats = CASE WHEN status = 'ok' THEN 0 END")
                db.executemany("UPDATE notices SET n_repeats = ? WHERE notice_id = ? AND path = ?",
                               [(n, *key) for key, n in result.repeats_in.items()])
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise BatchError(f"{path}: {exc}") from None


def _sqlite_tables(db: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for name, columns in {**CORPUS_COLUMNS, **PROGRESS_COLUMNS}.items():
        db.execute(f"DROP TABLE IF EXISTS {name}")
        types = {c: "INTEGER" if c in ("size", "n_notices", "n_issuers", "n_problems") or c.endswith("_index")
                 or c.startswith(("n_", "declared_")) else
                 "REAL" if c in ("similarity", "completion_rate", "declared_completion_rate") else "TEXT"
                 for c in columns}
        types.update({c: "REAL" for c in columns if c.endswith("completion_rate")})
        key = ", PRIMARY KEY (cluster_id)" if name == "clusters" else ""
        db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {types[c]}' for c in columns)}{key})")
        db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                       [[r.get(c) for c in columns] for r in rows[name]])
