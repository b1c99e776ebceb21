"""``parse(text) -> Notice``: the composition of the stages.

fold → lines → header → markers → closing → tree → kinds → facts → checks.
Each stage lives in the module named for what it produces. The stages build
plain records (:mod:`rectext.records`); :func:`parse_record` returns them
unvalidated, :func:`parse` validates them into a :class:`~rectext.models.Notice`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from . import rx
from .facts import checks, facts, genre, progress
from .messages import message
from .records import Record, span
from .structure import layout, markers, tree
from .structure.kinds import assign_kinds
from .text.fold import fold
from .text.lines import is_flat, split_chunks, split_lines
from .text.patterns import STYLE_LABEL
from .vocab import AR_SUB, INFO, MEASURE, PROBLEM, SURROGATES_REPLACED

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from .models import Notice
    from .records import DiagnosticRecord, NodeRecord, Parts
    from .structure.markers import Mark
    from .text.lines import Line


def parse(text: str, analyze: bool = False) -> Notice:
    """Parse the text of one rectification notice.

    Never raises on any string: what cannot be placed is reported in
    ``Notice.diagnostics``. ``analyze=True`` adds the analysis layer
    (categories, keywords, measure specificity), which loads jieba.
    For texts over a million characters the cycle collector is paused while
    parsing (the parse creates no cycles), and restored after.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes str, not {type(text).__name__}; use parse_file() for files")
    if _names_a_file(text):
        import warnings

        warnings.warn(f"parse() was given the text {text!r}, which names a file: parse_file() reads files",
                      UserWarning, stacklevel=2)
    notice = to_notice(parse_record(text))
    return with_analysis(notice) if analyze else notice


def _names_a_file(text: str) -> bool:
    """A short one-line string that is the path of an existing file (parse("notice.txt") by mistake)."""
    if len(text) > 260 or "\n" in text or not text.strip():
        return False
    import os

    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def to_notice(record: Record) -> Notice:
    """Validate a parse record into the :class:`~rectext.models.Notice` model."""
    from .models import Notice

    with _collector_paused(len(record.get("text") or "")):
        return Notice.model_validate(record)


def parse_record(text: str, rules: dict[int, str] | None = None) -> Record:
    """The parse as a plain record: the fields of :class:`~rectext.models.Notice`, not yet validated.

    This is what :func:`parse` validates and what the command line writes as JSON
    (through :func:`rectext.outputs.jsonout.dumps`, which checks it against the schema) without
    loading Pydantic. Fields with defaults (``input``, ``analysis``) may be absent.
    ``rules``, when given, is filled with the name of the kind rule that decided each node,
    by the node's start (:data:`rectext.structure.kinds.KIND_RULES`; ``--explain``).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_record() takes str, not {type(text).__name__}")
    text, replaced = _without_surrogates(text)
    with _collector_paused(len(text)):
        record = _parse(text, rules)
    if replaced is not None:
        record["diagnostics"].append(replaced)
        record["diagnostics"].sort(key=checks.order)
    return record


_SURROGATE = rx.compile(r"[\ud800-\udfff]")


def _without_surrogates(text: str) -> tuple[str, DiagnosticRecord | None]:
    """Lone surrogates, which no encoding can write, each become U+FFFD (so offsets stay), said by
    an info diagnostic at the first."""
    first = _SURROGATE.search(text)
    if first is None:
        return text, None
    text, replaced = _SURROGATE.subn("\ufffd", text)
    return text, checks.diagnostic(
        INFO, SURROGATES_REPLACED,
        message(SURROGATES_REPLACED, n=replaced, offset=first.start()),
        first.start(), first.end())


@contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """A large notice builds hundreds of thousands of objects and no reference cycles:
    the cycle collector would only rescan them. Measured on the seed repeated to 10 MB:
    12.4–12.6 s paused against 13.1–13.8 s running (5–10 %), so the pause stays."""
    if size < _GC_PAUSE_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parse(text: str, rules: dict[int, str] | None = None) -> Record:
    folded = fold(text)
    lines = split_lines(folded)
    flat = is_flat(folded, lines)
    if flat:  # line breaks were lost: white space stands for them
        lines = split_chunks(folded)
    header = layout.find_header(folded, lines)
    marks = markers.find_marks(folded, lines, header.end, len(text), flat)
    closing = layout.find_closing(folded, lines, _floor(lines, marks, header.end))
    lead, marks = tree.leading_run_ins([m for m in marks if m.start < closing])
    roots = tree.build(marks, closing, folded)
    tree.add_spans(folded, roots, flat)
    assign_kinds(folded, roots, flat)
    if rules is not None:
        rules.update((m.start, tree.PREAMBLE_RUN_IN) for m in lead)
        rules.update((n.mark.start, n.rule) for n in tree.walk(roots))
    body_start = roots[0].mark.start if roots else closing
    parts: Parts = {
        "header": span(0, header.end),
        "preamble": span(header.end, body_start),
        "body": span(body_start, closing),
        "closing": span(closing, len(text)),
    }
    found = facts.extract(text, folded, lines, header, parts)
    kinds = [n.kind for n in tree.walk(roots)]
    found["genre"] = genre.classify(folded, fold(found["title"] or ""), kinds.count(PROBLEM), kinds.count(MEASURE))
    if found["genre"]["label"] in genre.NOT_A_NOTICE:  # counts in a news story are not the notice's own
        found["declared"] = {"spans": {}}
    progress.attach(text, folded, roots, progress.Context(found["inspection"].get("feedback"), found["date"]))
    sections = [_node(text, r) for r in roots]
    notes = found["inspection"].pop("notes", [])
    diagnostics = checks.run(text, folded, roots, parts, found, header.unplaced)
    if notes:  # what the fact readers worked out rather than read (a period's end from its length)
        diagnostics.extend(checks.diagnostic(INFO, code, message, s, e) for code, message, s, e in notes)
        diagnostics.sort(key=checks.order)
    return {**found, "parts": parts, "sections": sections, "diagnostics": diagnostics, "text": text}


def with_analysis(notice: Notice) -> Notice:
    """The notice with its ``analysis`` filled in (imports jieba and OpenCC on first use)."""
    from .facts.analysis import analyze

    return notice.model_copy(update={"analysis": analyze(notice)})


_GC_PAUSE_FROM = 1_000_000  # characters; below this the collector costs nothing worth saving


def _floor(lines: list[Line], marks: list[Mark], default: int) -> int:
    """The closing starts below the line of the last block marker."""
    block = [m for m in marks if not m.inline]
    if not block:
        return default
    last = block[-1].start
    return next((ln.next for ln in lines if ln.start <= last < ln.next), default)


def _node(text: str, raw: tree.Raw) -> NodeRecord:
    """A node record (:class:`~rectext.models.Section`, ``Group`` … by ``kind``)."""
    record: NodeRecord = {
        "marker": text[raw.mark.start:raw.mark.end],
        "style": STYLE_LABEL[raw.mark.style],
        "number": None if raw.mark.style == AR_SUB else raw.mark.number,  # 1-2，: two numbers in one
        "heading": text[raw.heading[0]:raw.heading[1]] if raw.heading else None,
        "body": text[raw.body[0]:raw.body[1]],
        "start": raw.mark.start,
        "end": raw.end,
        "children": [_node(text, c) for c in raw.children],
        "kind": raw.kind,
    }
    if raw.kind in _TRACKED:
        record["progress"] = raw.progress
    return record


_TRACKED = (PROBLEM, MEASURE)  # the kinds that carry progress
