"""Stage 6: diagnostics — numbering gaps, duplicates, restarts, and what has no place.

Every diagnostic quotes the text it is about and points at it with a span.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import vocab as V
from ..messages import message
from ..records import Record, span
from ..structure.kinds import cut_short
from ..structure.tree import Key, Raw, walk
from ..text import figures
from .genre import no_notice_in

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..records import DiagnosticRecord, GenreRecord, Parts, SpanRecord
    from ..text.lines import Line

_QUOTE = 24  # characters of context quoted in a message
GENRE_NAMES = {
    V.INSPECTION_ANNOUNCEMENT: "an inspection entry announcement (巡察公告)",
    V.AUDIT_REPORT: "an audit report (审计报告)",
    V.NEWS: "a news story",
    V.SPEECH: "a speech at a meeting (讲话)",
    V.UNKNOWN: "no known kind of text",
}


def _quote(text: str, start: int, end: int | None = None) -> str:
    end = start + _QUOTE if end is None else min(end, start + _QUOTE)
    snippet = text[start:end].split("\n", 1)[0].strip()
    return f"“{snippet}”"


def run(text: str, folded: str, roots: list[Raw], parts: Parts, found: Record,
        unplaced: Iterable[Line] = ()) -> list[DiagnosticRecord]:
    """All diagnostics for a parse (:class:`~rectext.models.Diagnostic` records), in document order."""
    out: list[DiagnosticRecord] = [
        diagnostic(V.INFO, V.UNPLACED_TEXT,
                    message(V.UNPLACED_TEXT, quote=_quote(text, ln.content, ln.end)),
                    ln.content, ln.end)
        for ln in unplaced
    ]
    if not roots:
        out.append(diagnostic(
            V.WARNING, V.NO_STRUCTURE, message(V.NO_STRUCTURE),
            parts["preamble"]["start"], parts["preamble"]["end"]))
    if found.get("title") is None:
        out.append(diagnostic(V.INFO, V.NO_TITLE, message(V.NO_TITLE), 0, 0))
    kind = found.get("genre")
    if kind is not None and kind["label"] != V.RECTIFICATION_NOTICE:
        # unknown: a warning when no notice is in the text at all (English prose, a recipe), else a fragment
        level = V.INFO if kind["label"] == V.UNKNOWN and not no_notice_in(folded, found.get("title")) else V.WARNING
        out.append(diagnostic(level, V.GENRE, _genre_message(kind, level),
                              0, min(len(text), parts["preamble"]["end"])))
    _numbering(text, roots, out, previous={})
    out.extend(diagnostic(V.WARNING, V.CUT_SHORT, message(V.CUT_SHORT, quote=_quote(text, n.mark.start)),
                           n.mark.start, n.end)
               for n in walk(roots) if cut_short(folded, n))
    if found.get("declared") is not None:
        out.extend(_declared(text, folded, roots, found["declared"]))
    out.extend(overdue(text, roots, found.get("date")))
    out.sort(key=order)
    return out


def _numbering(text: str, siblings: list[Raw], out: list[DiagnosticRecord], previous: dict[Key, int]) -> None:
    """Check one list of siblings, style by style, then recurse.

    ``previous`` maps a style to the last number used by the same style in the
    preceding cousin list, so numbering that runs on across groups is no gap.
    """
    last: dict[Key, Raw] = {}
    for node in siblings:
        key = node.key
        prev = last.get(key)
        if prev is None:
            expected = {1, previous.get(key, 0) + 1}
            if node.mark.number not in expected:
                _add(out, text, node, V.NUMBERING_START, V.INFO, n=node.mark.number)
        else:
            _compare(out, text, prev, node)
        last[key] = node
    carried: dict[Key, int] = {}
    for node in siblings:
        _numbering(text, node.children, out, carried)
        for child in node.children:
            carried[child.key] = child.mark.number


def _compare(out: list[DiagnosticRecord], text: str, prev: Raw, node: Raw) -> None:
    a, b = prev.mark.number, node.mark.number
    what = node.kind or "node"
    if b == a + 1:
        return
    if b > a + 1:
        missing = ", ".join(str(n) for n in range(a + 1, min(b, a + 6)))
        _add(out, text, node, V.NUMBERING_GAP, V.WARNING, what=what, a=a, b=b, missing=missing)
    elif b == a:
        _add(out, text, node, V.NUMBERING_DUPLICATE, V.WARNING, what=what, b=b)
    elif b == 1:
        _add(out, text, node, V.NUMBERING_RESTART, V.WARNING, what=what, a=a)
    else:
        _add(out, text, node, V.NUMBERING_ORDER, V.WARNING, what=what, a=a, b=b)


def _add(out: list[DiagnosticRecord], text: str, node: Raw, code: str, level: str, **values: object) -> None:
    line_end = text.find("\n", node.mark.start, node.end)
    end = node.end if line_end < 0 else line_end
    out.append(diagnostic(level, code, message(code, **values, quote=_quote(text, node.mark.start, end)),
                           node.mark.start, min(end, node.mark.start + 200)))


def _genre_message(kind: GenreRecord, level: str) -> str:
    if kind["label"] == V.UNKNOWN and level == V.WARNING:
        return message(V.GENRE)
    what = GENRE_NAMES.get(kind["label"], kind["label"])
    confidence = f"{kind['confidence']:.2f}"
    cues = "、".join(kind["evidence"][:5])
    return (message(V.GENRE, what=what, confidence=confidence, cues=cues) if cues
            else message(V.GENRE, what=what, confidence=confidence))


def diagnostic(level: str, code: str, message: str, start: int, end: int,
               related: Iterable[SpanRecord] = ()) -> DiagnosticRecord:
    """A :class:`~rectext.models.Diagnostic` record."""
    return {"level": level, "code": code, "message": message, "start": start, "end": end, "related": list(related)}


def order(record: DiagnosticRecord) -> tuple[int, str]:
    """Diagnostics are listed by where their evidence starts, then by code."""
    return record["start"], record["code"]


# ---------------------------------------------------------------- declared counts


def _spans(nodes: list[Raw]) -> list[SpanRecord]:
    return [span(n.mark.start, n.end) for n in nodes]


def _declared(text: str, folded: str, roots: list[Raw], declared: Record) -> list[DiagnosticRecord]:
    """Compare what the notice says about itself with what it lists."""
    problems, tops, leaves = figures.problems(roots), figures.top_problems(roots), figures.leaf_problems(roots)
    measures = [n for n in walk(roots) if n.kind == V.MEASURE]
    aspects = figures.aspects(roots, lambda n: folded[n.heading[0]:n.heading[1]] if n.heading else "")
    out: list[DiagnosticRecord] = []

    def check(field: str, counted: list[Raw], alternatives: set[int], what: str) -> None:
        value = declared.get(field)
        where = declared["spans"].get(field)
        if value is None or where is None or value in alternatives:
            return
        listed = " or ".join(str(n) for n in sorted(alternatives))
        out.append(diagnostic(
            V.WARNING, V.DECLARED_MISMATCH[field],
            message(V.DECLARED_MISMATCH[field], value=value, what=what, listed=listed,
                    quote=_quote(text, where["start"], where["end"])),
            where["start"], where["end"], _spans(counted)))

    if problems:
        check("problems", leaves, {len(leaves), len(tops)}, "problems")
    else:  # problems declared, none listed: say so rather than pass in silence
        check("problems", [], {0}, "problems")
    if measures or problems:
        check("measures", measures, {len(measures)}, "measures")
    if aspects:
        check("aspects", aspects, {len(aspects)}, "aspects")
    counted = _counted(text, leaves, declared)
    out.extend(counted if counted is not None else _progress(text, declared))
    return out


def _counted(text: str, problems: list[Raw], declared: Record) -> list[DiagnosticRecord] | None:
    """Declared completed / in_progress / ongoing and the completion rate against the statuses the problems
    state, where every problem states one (None where not: the declared counts are checked among themselves)."""
    statuses = [(n.progress or {}).get("status") for n in problems]
    if not problems or None in statuses:
        return None
    out: list[DiagnosticRecord] = []
    counts = {k: statuses.count(k) for k in (V.COMPLETED, V.IN_PROGRESS, V.ONGOING)}
    for field, counted in counts.items():
        value, where = declared.get(field), declared["spans"].get(field)
        if value is not None and where is not None and value != counted:
            out.append(diagnostic(
                V.WARNING, V.DECLARED_PROGRESS_MISMATCH,
                message(V.DECLARED_PROGRESS_MISMATCH, value=value, status=field.replace("_", " "), counted=counted,
                        total=len(problems), quote=_quote(text, where["start"], where["end"])),
                where["start"], where["end"],
                _spans([n for n in problems if (n.progress or {}).get("status") == field])))
    rate, where = declared.get("completion_rate"), declared["spans"].get("completion_rate")
    expected = round(100 * counts[V.COMPLETED] / len(problems), 1)
    if rate is not None and where is not None and abs(rate - expected) > 0.5:
        out.append(diagnostic(V.WARNING, V.DECLARED_RATE_MISMATCH,
                              message(V.DECLARED_RATE_MISMATCH, rate=float(rate), done=counts[V.COMPLETED],
                                      total=len(problems), expected=expected,
                                      quote=_quote(text, where["start"], where["end"])),
                              where["start"], where["end"], _spans(problems)))
    return out


def overdue(text: str, roots: list[Raw], date: str | None) -> list[DiagnosticRecord]:
    """Problems whose due date falls before the notice's own date and that are stated not completed."""
    out: list[DiagnosticRecord] = []
    for node in figures.problems(roots) if date else ():
        progress = node.progress or {}
        due = progress.get("due")
        if due and due < date and progress.get("status") in (V.IN_PROGRESS, V.NOT_STARTED, V.ONGOING):
            where = progress["spans"].get("deadline") or span(node.mark.start, node.end)
            out.append(diagnostic(
                V.WARNING, V.PROGRESS_OVERDUE,
                message(V.PROGRESS_OVERDUE, quote=_quote(text, node.mark.start), due=due,
                        deadline=progress["deadline"], status=progress["status"].replace("_", " "), date=date),
                where["start"], where["end"], [span(node.mark.start, node.end)]))
    return out


def _progress(text: str, declared: Record) -> list[DiagnosticRecord]:
    """completed + in_progress against problems; the completion rate against completed / problems."""
    out: list[DiagnosticRecord] = []
    spans = declared["spans"]
    problems, completed, in_progress = (declared.get(k) for k in ("problems", "completed", "in_progress"))
    rate = declared.get("completion_rate")

    def mismatch(code: str, values: dict[str, object], field: str, others: tuple[str, ...]) -> None:
        where = spans.get(field) or spans["problems"]
        said = message(code, **values, quote=_quote(text, where["start"], where["end"]))
        out.append(diagnostic(V.WARNING, code, said,
                               where["start"], where["end"], [s for k in others if (s := spans.get(k))]))

    if problems is not None and completed is not None:
        total = completed + (in_progress or 0) + (declared.get("ongoing") or 0)
        if total != problems and (in_progress is not None or total > problems):
            mismatch(V.DECLARED_PROGRESS_MISMATCH,
                     {"completed": completed, "in_progress": (in_progress or 0) + (declared.get("ongoing") or 0),
                      "problems": problems},
                     "completed", ("problems", "in_progress"))
    if rate is not None and completed is not None and problems:
        where = spans["completion_rate"]
        written = text[where["start"]:where["end"]]
        decimals = len(written.split(".")[1].rstrip("%％ ")) if "." in written else 0
        expected = round(100 * completed / problems, decimals)
        if abs(expected - rate) > 10 ** -decimals / 2 + 1e-9:
            mismatch(V.DECLARED_RATE_MISMATCH,
                     {"rate": float(rate), "completed": completed, "problems": problems, "expected": expected},
                     "completion_rate", ("completed", "problems"))
    return out
