"""``parse(text) -> Notice``: the composition of the stages.

fold → lines → header → markers → closing → tree → kinds → facts → checks.
Each stage lives in the module named for what it produces.
"""

from __future__ import annotations

import gc

from . import checks, facts, genre, layout, markers, tree
from .fold import fold
from .lines import is_flat, split_chunks, split_lines
from .models import NODE_CLASSES, Notice, Parts, Span
from .patterns import STYLE_LABEL


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
    if len(text) < _GC_PAUSE_FROM or not gc.isenabled():
        return _parse(text, analyze)
    # A large notice builds hundreds of thousands of objects and no reference cycles:
    # the cycle collector would only rescan them (a third of the time at 10 MB).
    gc.disable()
    try:
        return _parse(text, analyze)
    finally:
        gc.enable()


def _parse(text: str, analyze: bool) -> Notice:
    folded = fold(text)
    lines = split_lines(folded)
    flat = is_flat(folded, lines)
    if flat:  # line breaks were lost: white space stands for them
        lines = split_chunks(folded)
    header = layout.find_header(folded, lines)
    marks = markers.find_marks(folded, lines, header.end, len(text), flat)
    closing = layout.find_closing(folded, lines, _floor(lines, marks, header.end))
    marks = [m for m in marks if m.start < closing]
    roots = tree.build(marks, closing)
    tree.add_spans(folded, roots, flat)
    tree.assign_kinds(folded, roots, flat)
    sections = [_to_model(text, r) for r in roots]
    body_start = roots[0].mark.start if roots else closing
    parts = Parts(
        header=Span(start=0, end=header.end),
        preamble=Span(start=header.end, end=body_start),
        body=Span(start=body_start, end=closing),
        closing=Span(start=closing, end=len(text)),
    )
    found = facts.extract(text, folded, lines, header, parts)
    kinds = [n.kind for s in sections for n in s.walk()]
    found["genre"] = genre.classify(folded, fold(found["title"] or ""), kinds.count("problem"), kinds.count("measure"))
    diagnostics = checks.run(text, folded, roots, parts, found, header.unplaced)
    notice = Notice(parts=parts, sections=sections, diagnostics=diagnostics, text=text, **found)
    return with_analysis(notice) if analyze else notice


def with_analysis(notice: Notice) -> Notice:
    """The notice with its ``analysis`` filled in (imports jieba and OpenCC on first use)."""
    from .analysis import analyze

    return notice.model_copy(update={"analysis": analyze(notice)})


_GC_PAUSE_FROM = 1_000_000  # characters; below this the collector costs nothing worth saving


def _floor(lines, marks, default: int) -> int:
    """The closing starts below the line of the last block marker."""
    block = [m for m in marks if not m.inline]
    if not block:
        return default
    last = block[-1].start
    return next((ln.next for ln in lines if ln.start <= last < ln.next), default)


def _to_model(text: str, raw: tree.Raw):
    cls = NODE_CLASSES[raw.kind]
    heading = text[raw.heading[0]:raw.heading[1]] if raw.heading else None
    return cls(
        marker=text[raw.mark.start:raw.mark.end],
        style=STYLE_LABEL[raw.mark.style],
        number=raw.mark.number,
        heading=heading,
        body=text[raw.body[0]:raw.body[1]],
        start=raw.mark.start,
        end=raw.end,
        children=[_to_model(text, c) for c in raw.children],
    )
