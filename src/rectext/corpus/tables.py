"""Flat tables of parsed notices: one place that decides the columns for CSV, SQLite and pandas.

Every table carries ``notice_id`` (the first 16 hex digits of the SHA-256 of
the input's bytes, or of its text for ``parse(text)``) and ``path``; together
they join the tables. Node tables add an index in document order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import Node, Notice, Problem, Progress
from ..vocab import COMPLETED, GROUP, IN_PROGRESS, ITEM, NOT_STARTED, ONGOING, PROGRESS_OVERDUE, SECTION
from .ids import notice_id, notice_path

if TYPE_CHECKING:  # pragma: no cover
    from types import ModuleType

# Column names are part of the public contract (README): add, never rename.
COLUMNS: dict[str, tuple[str, ...]] = {
    "notices": (
        "notice_id", "path", "status", "error", "message", "title", "issuer", "date", "source", "genre",
        "encoding", "format", "inspection_kind", "inspection_team", "inspection_round", "inspection_target",
        "inspection_start", "inspection_end", "inspection_feedback", "declared_aspects", "declared_problems",
        "declared_measures", "declared_completed", "declared_in_progress", "declared_completion_rate",
        "n_sections", "n_groups", "n_problems", "n_measures", "n_items", "n_warnings", "phones", "emails",
        "chars", "concrete_share", "days_to_publish", "inspection_days", "n_repeats", "inspection_target_resolved",
        "declared_ongoing", "declared_immediate", "n_completed", "n_in_progress", "n_ongoing", "n_not_started",
        "n_overdue", "completion_rate",
    ),
    "sections": ("notice_id", "path", "section_index", "number", "marker", "heading", "start", "end",
                 "n_problems"),
    "problems": ("notice_id", "path", "problem_index", "parent_problem_index", "section_index", "group_heading",
                 "depth", "number", "marker", "heading", "start", "end", "n_measures",
                 "category", "category_confidence", "tags", "keywords", "category_source", "category_evidence",
                 "cluster_id", "status", "status_text", "deadline", "due", "responsible", "completed_on", "overdue"),
    "measures": ("notice_id", "path", "measure_index", "problem_index", "number", "marker", "heading", "text",
                 "start", "end", "specificity", "concrete", "specificity_reasons", "status", "status_text", "deadline",
                 "due", "responsible", "completed_on"),
    "quantities": ("notice_id", "path", "quantity_index", "text", "value", "unit", "kind", "approximate", "start",
                   "end"),
    "diagnostics": ("notice_id", "path", "diagnostic_index", "level", "code", "message", "start", "end"),
}
# The key of each table (SQLite primary key).
KEYS: dict[str, tuple[str, ...]] = {
    "notices": ("notice_id", "path"),
    "sections": ("notice_id", "path", "section_index"),
    "problems": ("notice_id", "path", "problem_index"),
    "measures": ("notice_id", "path", "measure_index"),
    "quantities": ("notice_id", "path", "quantity_index"),
    "diagnostics": ("notice_id", "path", "diagnostic_index"),
}
MEASURE_TEXT = 200  # characters of a measure's text kept in measures.text
LIST_SEPARATOR = "; "  # joins a list (responsible) in a CSV cell and an SQLite column; pandas keeps the list
_PROGRESS = ("status", "status_text", "deadline", "due", "responsible", "completed_on")


@dataclass(frozen=True, slots=True)
class Rows:
    """The rows one input contributes to each table."""

    tables: dict[str, list[dict[str, Any]]]

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for name, rows in self.tables.items():
            for row in rows:
                yield name, row


def error_rows(notice_id: str | None, path: str, error: str, message: str) -> Rows:
    """An input that could not be read: one notices row, nothing else."""
    row = dict.fromkeys(COLUMNS["notices"])
    row.update(notice_id=notice_id or "", path=path, status="error", error=error, message=message)
    return Rows({"notices": [row], **{name: [] for name in COLUMNS if name != "notices"}})


def notice_rows(notice: Notice, notice_id: str, path: str) -> Rows:
    """All rows of one parsed notice."""
    key = {"notice_id": notice_id, "path": path}
    sections, problems, measures = _node_rows(notice, key)
    tables = {
        "notices": [_notice_row(notice, key, problems, measures)],
        "sections": sections,
        "problems": problems,
        "measures": measures,
        "quantities": [
            {**key, "quantity_index": i, "text": q.text, "value": q.value, "unit": q.unit, "kind": q.kind,
             "approximate": int(q.approximate), "start": q.start, "end": q.end}
            for i, q in enumerate(notice.quantities)
        ],
        "diagnostics": [
            {**key, "diagnostic_index": i, "level": d.level, "code": d.code, "message": d.message,
             "start": d.start, "end": d.end}
            for i, d in enumerate(notice.diagnostics)
        ],
    }
    if notice.analysis is not None:
        _add_analysis(notice, tables)
    return Rows(tables)


def _add_analysis(notice: Notice, tables: dict[str, list[dict[str, Any]]]) -> None:
    """With --analyze: each problem's category, tags and keywords, each measure's specificity."""
    analysis = notice.analysis
    assert analysis is not None
    tables["notices"][0]["concrete_share"] = analysis.concrete_share
    for row, a in zip(tables["problems"], analysis.problems, strict=False):
        row.update(category=a.category.label, category_confidence=a.category.confidence, tags="; ".join(a.tags),
                   keywords="; ".join(k.word for k in a.keywords), category_source=a.category.source,
                   category_evidence="; ".join(a.category.evidence))
    by_place = {(m.problem_index, m.index): m for m in analysis.measures}
    within: dict[int, int] = {}
    for row in tables["measures"]:
        i = within[row["problem_index"]] = within.get(row["problem_index"], -1) + 1
        m = by_place.get((row["problem_index"], i))
        if m is not None:
            row.update(specificity=m.specificity, concrete=int(m.concrete), specificity_reasons="; ".join(m.reasons))


def _notice_row(notice: Notice, key: dict[str, str], problems: list[dict[str, Any]], measures: list[dict[str, Any]]
                ) -> dict[str, Any]:
    kinds: list[str] = [n.kind for n in notice.walk()]
    ins, dec = notice.inspection, notice.declared
    return {
        **key, "status": "ok", "error": None, "message": None, "title": notice.title, "issuer": notice.issuer,
        "date": notice.date, "source": notice.source, "genre": notice.genre.label,
        "encoding": notice.input.encoding if notice.input else None,
        "format": notice.input.format if notice.input else None,
        "inspection_kind": ins.kind, "inspection_team": ins.team, "inspection_round": ins.round,
        "inspection_target": ins.target, "inspection_start": ins.start, "inspection_end": ins.end,
        "inspection_feedback": ins.feedback, "declared_aspects": dec.aspects, "declared_problems": dec.problems,
        "declared_measures": dec.measures, "declared_completed": dec.completed,
        "declared_in_progress": dec.in_progress, "declared_completion_rate": dec.completion_rate,
        "n_sections": len(notice.sections), "n_groups": kinds.count(GROUP), "n_problems": len(problems),
        "n_measures": len(measures), "n_items": kinds.count(ITEM),
        "n_warnings": sum(d.level != "info" for d in notice.diagnostics),
        "phones": "; ".join(notice.contacts.phones), "emails": "; ".join(notice.contacts.emails),
        "chars": len(notice.text),
        "days_to_publish": _days(ins.feedback, notice.date), "inspection_days": _days(ins.start, ins.end, 1),
        "inspection_target_resolved": ins.target_resolved, "declared_ongoing": dec.ongoing,
        "declared_immediate": dec.immediate, **_completion(problems),
    }


def _progress(progress: Progress | None) -> dict[str, Any]:
    """The progress columns of a problem or measure row (responsible a list: sinks join it)."""
    if progress is None:
        return dict.fromkeys(_PROGRESS)
    return {name: getattr(progress, name) for name in _PROGRESS}


def _completion(problems: list[dict[str, Any]]) -> dict[str, Any]:
    """The notice's completion figures from its problems' statuses; the rate over the problems that state one."""
    statuses = [row["status"] for row in problems]
    stated = [s for s in statuses if s]
    return {"n_completed": statuses.count(COMPLETED), "n_in_progress": statuses.count(IN_PROGRESS),
            "n_ongoing": statuses.count(ONGOING), "n_not_started": statuses.count(NOT_STARTED),
            "n_overdue": sum(row["overdue"] for row in problems),
            "completion_rate": round(100 * statuses.count(COMPLETED) / len(stated), 1) if stated else None}


def _days(first: str | None, last: str | None, inclusive: int = 0) -> int | None:
    """Days from one ISO date to another (counting both ends when ``inclusive``); None without both."""
    if not first or not last:
        return None
    from datetime import date

    try:
        return (date.fromisoformat(last) - date.fromisoformat(first)).days + inclusive
    except ValueError:
        return None


def _node_rows(notice: Notice, key: dict[str, str]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    sections: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    overdue = {(r.start, r.end) for d in notice.diagnostics if d.code == PROGRESS_OVERDUE for r in d.related[:1]}

    def visit(node: Node, section: int, group: str | None, parent: int | None, depth: int) -> None:
        if node.kind == GROUP and node.heading:
            group = node.heading
        if isinstance(node, Problem):
            index = len(problems)
            problems.append({**key, "problem_index": index, "parent_problem_index": parent,
                             "section_index": section, "group_heading": group, "depth": depth,
                             "number": node.number, "marker": node.marker, "heading": node.heading,
                             "start": node.start, "end": node.end, "n_measures": len(node.measures),
                             **_progress(node.progress), "overdue": int((node.start, node.end) in overdue)})
            for m in node.measures:
                measures.append({**key, "measure_index": len(measures), "problem_index": index,
                                 "number": m.number, "marker": m.marker, "heading": m.heading,
                                 "text": notice.text[m.start:m.end][:MEASURE_TEXT], "start": m.start,
                                 "end": m.end, **_progress(m.progress)})
            parent = index
        for child in node.children:
            visit(child, section, group, parent, depth + 1)

    for i, section in enumerate(notice.sections):
        before = len(problems)
        visit(section, i, section.heading if section.kind == SECTION else None, None, 0)
        sections.append({**key, "section_index": i, "number": section.number, "marker": section.marker,
                         "heading": section.heading, "start": section.start, "end": section.end,
                         "n_problems": len(problems) - before})
    return sections, problems, measures


def to_frames(notices: Iterable[Notice], corpus: bool = False) -> dict[str, Any]:
    """The tables of these notices as pandas DataFrames, keyed by table name.

    Needs the optional extra ``rectext[pandas]``; pandas is imported only here.
    A notice read from a file has the id and path a batch gives it; one parsed
    from a string has the hash of its text and an empty path. ``corpus``: also the
    recurring findings and repeats (:mod:`rectext.corpus.recurrence`): frames ``clusters`` and
    ``repeats``, and the ``cluster_id`` and ``n_repeats`` columns filled, as a batch
    with ``--analyze`` writes them.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frames needs pandas: pip install 'rectext[pandas]'") from exc
    notices = list(notices)
    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for notice in notices:
        for name, row in notice_rows(notice, notice_id(notice), notice_path(notice)):
            collected[name].append(row)
    frames = {name: pd.DataFrame(rows, columns=list(COLUMNS[name])) for name, rows in collected.items()}
    if corpus:
        frames.update(_corpus_frames(pd, notices, collected))
    return frames


def _corpus_frames(pd: ModuleType, notices: list[Notice], collected: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    from .recurrence import COLUMNS as CORPUS_COLUMNS
    from .recurrence import analyse_notices, table_rows

    result = analyse_notices(notices)
    for row in collected["problems"]:
        row["cluster_id"] = result.cluster_of.get((row["notice_id"], row["path"], row["problem_index"]))
    for row in collected["notices"]:
        row["n_repeats"] = result.repeats_in.get((row["notice_id"], row["path"]), 0)
    rows = table_rows(result)
    frames = {name: pd.DataFrame(collected[name], columns=list(COLUMNS[name])) for name in ("problems", "notices")}
    frames.update({name: pd.DataFrame(rows[name], columns=list(cols)) for name, cols in CORPUS_COLUMNS.items()})
    return frames
