"""Span invariants every parse must satisfy, shared by the fixture and property tests."""

from __future__ import annotations

from rectext.facts.progress import RUN_IN, line_fields
from rectext.text.fold import fold


def only_progress(text: str) -> bool:
    """Every line of ``text`` is a labelled progress line, or a status sentence (目前该问题已整改完成。)."""
    folded = fold(text)
    pos = 0
    for line in folded.split("\n"):
        bare = line.strip()
        if bare and not line_fields(folded, pos, pos + len(line)) and not RUN_IN.fullmatch(bare.rstrip("。;")):
            return False
        pos += len(line) + 1
    return True


def check_invariants(notice) -> None:
    text = notice.text
    parts = notice.parts
    # header, preamble, body and closing cover the text end to end
    assert parts.header.start == 0
    assert parts.header.end == parts.preamble.start
    assert parts.preamble.end == parts.body.start
    assert parts.body.end == parts.closing.start
    assert parts.closing.end == len(text)
    # the sections tile the body
    pos = parts.body.start
    for section in notice.sections:
        assert section.start == pos
        pos = section.end
    assert pos == parts.body.end
    for section in notice.sections:
        _check_node(text, section)
    for d in notice.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)


def _check_node(text: str, node) -> None:
    assert 0 <= node.start < node.end <= len(text)
    assert text[node.start:node.end].startswith(node.marker)
    if node.heading:
        assert node.heading in text[node.start:node.end]
    if node.body:
        assert node.body in text[node.start:node.end]
    pos = None
    for child in node.children:
        assert node.start < child.start and child.end <= node.end
        if pos is not None:
            assert child.start == pos, "children are contiguous and in order"
        pos = child.end
        _check_node(text, child)
    if node.children and node.children[-1].end != node.end:
        # what follows the last child is the node's own progress: labelled lines or a status sentence
        assert getattr(node, "progress", None) is not None, "children reach the node's end"
        rest = text[node.children[-1].end:node.end]
        assert only_progress(rest), f"only progress after the last child: {rest!r}"
