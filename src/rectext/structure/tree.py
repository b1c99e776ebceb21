"""Stage 3: nest the flat markers into a tree, then decide each node's kind.

Nesting follows the order in which numbering styles appear, per branch: a
style already open on the path from the root closes everything below it and
opens a sibling; a new style opens a child. Depth therefore comes from the
notice itself, not from a fixed table: problems may sit at the second, third
or fourth level, and numbering may run on or restart per group.

Kinds are decided by content and context (:func:`assign_kinds`).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator

import regex

from ..text import patterns as P
from ..vocab import CN_SHI, GROUP, ITEM, MEASURE, PROBLEM, SECTION, WENTI
from .markers import Mark

# How a node nests: its marker's style, whether it runs in a paragraph (1.… inside a
# sentence), and whether it opens a list after a measure label (整改措施：1.…).
Key = namedtuple("Key", "style inline label", defaults=(False, False))

_OPEN = "“「『《(‘["
_CLOSE = "”」』》)’]"
_TRAILING = " \t\r\n。;:,!?、.…"


class Raw:
    """A node under construction."""

    __slots__ = ("body", "children", "end", "finding", "heading", "key", "kind", "mark", "rule")

    def __init__(self, mark: Mark, key: Key) -> None:
        self.mark = mark
        self.key = key
        self.end = 0
        self.children: list[Raw] = []
        self.kind = ""
        self.rule = ""  # the name of the rule that decided the kind (KIND_RULES, --explain)
        self.heading: tuple[int, int] | None = None  # span of the heading, if any
        self.body = (0, 0)  # span of the body
        self.finding: bool | None = None  # does it state a finding (cached by _finding)

    def __repr__(self) -> str:
        return f"Raw({self.kind or '?'} {self.mark.style} {self.mark.number} @{self.mark.start}-{self.end})"

    @property
    def content_end(self) -> int:
        """Where the node's own text stops: its first child, or its end."""
        return self.children[0].mark.start if self.children else self.end


def walk(nodes: list[Raw]) -> Iterator[Raw]:
    """Every node of the trees, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def _run_in(mark: Mark) -> bool:
    """一是/二是 and markers run into a paragraph: always leaves of the node they sit in."""
    return mark.inline or mark.style == CN_SHI


def build(marks: list[Mark], stop: int, folded: str) -> list[Raw]:
    """Nest markers by style; every node ends where the next node that closes it starts.

    Items of a list after a measure label keep the label's key, so a problem numbered in
    the same style (1.…问题 / 整改措施：1.… 2.… / 3.…问题) is told from the next measure by
    what its line says: a finding resumes the problems, anything else the measures.
    """
    roots: list[Raw] = []
    stack: list[Raw] = []

    def close(depth: int, at: int) -> None:
        while len(stack) > depth:
            stack.pop().end = at

    for mark in marks:
        key = Key(mark.style, mark.inline and mark.style != CN_SHI)
        if not mark.inline:
            while stack and stack[-1].mark.inline:
                close(len(stack) - 1, mark.start)
        # a run-in marker never closes a block node: it can only follow run-in siblings
        floor = 0 if not mark.inline else 1 + max((i for i, r in enumerate(stack) if not _run_in(r.mark)), default=-1)
        same = [i for i, r in enumerate(stack) if i >= floor and r.key._replace(label=False) == key]
        resume = [i for i in same if stack[i].mark.number + 1 == mark.number]
        if resume:
            at = resume[-1]
            outer = [i for i in resume if not stack[i].key.label]
            if stack[at].key.label and outer and _states_finding_line(folded, mark):
                at = outer[-1]
            key = stack[at].key
            close(at, mark.start)
        elif same and mark.after_label and mark.number == 1 and not mark.inline:
            key = key._replace(label=True)  # 整改措施：\n1.… under a problem numbered 1. too
        elif same:
            close(same[0], mark.start)
        node = Raw(mark, key)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    close(0, stop)
    return roots


def _states_finding_line(folded: str, mark: Mark) -> bool:
    """Does the rest of the marker's line read as a finding (……的问题, ……不到位)?"""
    end = folded.find("\n", mark.end)
    line = folded[mark.end:end if end >= 0 else len(folded)].rstrip(_TRAILING)
    return bool(line) and P.FINDING_HEADING.search(line) is not None and not P.NOT_FINDING.search(line)


def split_heading(
    folded: str, start: int, stop: int, flat: bool = False
) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Split a node's own text into heading and body spans.

    The heading is the first sentence of the first line, ended by 。；！？ outside
    quotes and brackets (so 关于“……。……”的问题 stays whole), or the whole line
    when no sentence ends on it.
    """
    while start < stop and folded[start] in " \t\u3000":
        start += 1
    line_end = _line_end(folded, start, stop, flat)
    cut = _sentence_end(folded, start, line_end)
    if cut is None and not flat:
        line_end, cut = _wrapped_heading(folded, start, line_end, stop)
    h_end = cut if cut is not None else line_end
    b_start = h_end + 1 if cut is not None else line_end
    run_on = P.HEADING_RUN_ON.match(folded, start, h_end) if flat else None
    if run_on and not P.FINDING_HEADING.search(folded, start, h_end):
        # no break after the heading: 一、整改工作组织情况局党组高度重视…… (not ……成效不佳的问题)
        h_end = b_start = run_on.end()
    h_start, h_trim = start, h_end
    while h_trim > h_start and folded[h_trim - 1] in _TRAILING:
        h_trim -= 1
    b_start, b_end = _trim(folded, b_start, stop)
    heading = (h_start, h_trim) if h_trim > h_start else None
    return heading, (b_start, b_end)


def _wrapped_heading(folded: str, start: int, line_end: int, stop: int) -> tuple[int, int | None]:
    """A finding's heading wrapped once onto the next line (2.……未按规定 / 及时结算并公示的问题。):
    the next line is short, opens no marker or label, and only with it does the heading state a
    finding. Returns the heading's line end and sentence end, unchanged when it is not wrapped."""
    nxt = line_end + 1
    while nxt < stop and folded[nxt] in " \t\r\u3000":
        nxt += 1
    nxt_end = folded.find("\n", nxt, stop)
    nxt_end = stop if nxt_end < 0 else nxt_end
    if not 0 < nxt_end - nxt <= 40 or P.BLOCK_MARKER.match(folded, nxt, nxt_end) or \
            P.MEASURE_LABEL.match(folded, nxt, nxt_end):
        return line_end, None
    cut = _sentence_end(folded, nxt, nxt_end)
    end = nxt_end if cut is None else cut
    first, joined = folded[start:line_end].rstrip(), folded[start:line_end].rstrip() + folded[nxt:end]
    if P.FINDING_HEADING.search(first) or not P.FINDING_HEADING.search(joined.rstrip(_TRAILING)):
        return line_end, None
    return nxt_end, cut


def _line_end(folded: str, start: int, stop: int, flat: bool) -> int:
    """End of the heading's line; where line breaks were lost, white space ends it."""
    end = folded.find("\n", start, stop)
    end = stop if end < 0 else end
    if flat:
        space = folded.find(" ", start, end)
        end = end if space < 0 else space
    return end


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " \t\r\n":
        start += 1
    while end > start and folded[end - 1] in " \t\r\n":
        end -= 1
    return start, end


_SIGNIFICANT = regex.compile(r"[“「『《(‘\[”」』》)’\]\"。;!?]")


def _sentence_end(folded: str, start: int, end: int) -> int | None:
    """First sentence terminator at quote depth 0; any depth if quotes never balance."""
    depth, first_any, ascii_open = 0, None, False
    for m in _SIGNIFICANT.finditer(folded, start, end):  # jump from one quote or stop to the next
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == '"':
            ascii_open = not ascii_open
        else:
            if depth == 0 and not ascii_open:
                return m.start()
            if first_any is None:
                first_any = m.start()
    return first_any if (depth or ascii_open) else None


def add_spans(folded: str, nodes: list[Raw], flat: bool = False) -> None:
    """Fill heading and body spans of every node."""
    for node in nodes:
        node.heading, node.body = split_heading(folded, node.mark.end, node.content_end, flat)
        add_spans(folded, node.children, flat)


def _heading_text(folded: str, node: Raw) -> str:
    return folded[node.heading[0]:node.heading[1]] if node.heading else ""


def _finding(folded: str, node: Raw) -> bool:
    """Does the node state an inspection finding (by its heading, or by a measure label)?"""
    if node.finding is None:
        node.finding = _states_finding(folded, node)
    return node.finding


def _states_finding(folded: str, node: Raw) -> bool:
    return _finding_by_heading(folded, node) or (
        not (node.mark.style == CN_SHI or node.mark.inline) and _has_label(folded, node))


def _finding_by_heading(folded: str, node: Raw) -> bool:
    """The heading itself states a finding (……的问题, ……不到位, 问题一：……)."""
    if node.mark.style == CN_SHI or node.mark.inline:
        return False
    if node.mark.style == WENTI:  # 问题一：…… names its finding
        return True
    heading = _heading_text(folded, node)
    return bool(P.FINDING_HEADING.search(heading)) and not P.NOT_FINDING.search(heading)


def _gathers_findings(folded: str, node: Raw) -> bool:
    """A heading that sums up several findings, each with its own rectification, is their group:
    （一）思想认识有差距 over 1.……不达标。整改情况：…… 2.……。整改情况：……  It is not a group when it
    names a problem outright (……的问题, 关于“……”) or announces rectification itself, nor when what it
    gathers reads as actions (1.修订学习计划。整改情况：已完成。)."""
    heading = _heading_text(folded, node)
    if P.EXPLICIT_PROBLEM.search(heading) or node.mark.style == WENTI or _has_label(folded, node):
        return False
    return any(_has_label(folded, c) and not P.MEASURE_VERB.match(_heading_text(folded, c))
               for c in node.children if not _run_in(c.mark))


def _has_label(folded: str, node: Raw) -> bool:
    """A measure label in the node's own text that announces rectification: not one that only
    closes the node with a status (……召开党委会24次。整改成效：已完成整改。)."""
    end = node.content_end
    return any(not P.STATUS_NOTE.fullmatch(folded, m.end(), end)
               for m in P.MEASURE_LABEL.finditer(folded, node.mark.end, end))


def _has_finding_below(folded: str, node: Raw) -> bool:
    return any(_finding(folded, c) or _has_finding_below(folded, c) for c in node.children)


def _has_run_in(node: Raw) -> bool:
    return any(c.mark.style == CN_SHI for c in node.children)


def assign_kinds(folded: str, roots: list[Raw], flat: bool = False) -> list[Raw]:
    """Decide kinds top-down; run-in enumerations outside a problem are dropped (they stay text).

    Level by level: :func:`decide` gives the children their kinds by :data:`KIND_RULES`
    and their siblings' agreement, without touching the tree; :func:`_repair` then drops
    what was decided away and fixes the spans that changed. Headings and bodies must be
    filled (:func:`add_spans`).
    """
    for root in roots:
        root.kind, root.rule = SECTION, "top level"
        _assign_children(folded, root, flat)
    return roots


def _respan(folded: str, node: Raw, flat: bool) -> None:
    node.heading, node.body = split_heading(folded, node.mark.end, node.content_end, flat)


def _assign_children(folded: str, parent: Raw, flat: bool) -> None:
    dropped = parent.kind == PROBLEM and _drop_finding_enumeration(folded, parent)
    for child, (kind, rule) in zip(parent.children, decide(folded, parent), strict=True):
        child.kind, child.rule = kind, rule
    _repair(folded, parent, flat, dropped)
    for child in parent.children:
        _assign_children(folded, child, flat)


def decide(folded: str, parent: Raw) -> list[tuple[str, str]]:
    """(kind, rule name) of each child of ``parent``; an empty kind drops the child."""
    gathers = parent.kind == GROUP or P.GROUP_HEADING.search(_heading_text(folded, parent)) is not None
    decided = [kind_of(folded, child, parent.kind, gathers) for child in parent.children]
    return _agree_with_siblings(folded, parent.children, decided, parent.kind)


def _repair(folded: str, parent: Raw, flat: bool, dropped: bool = False) -> None:
    """Children decided away (a run-in list outside a problem) become text of the node before them;
    the parent's own spans are worked out again when it lost children (``dropped``: earlier)."""
    kept: list[Raw] = []
    for child in parent.children:
        if child.kind:
            kept.append(child)
        elif kept:
            _extend(folded, kept[-1], child.end, flat)
    if dropped or len(kept) != len(parent.children):
        parent.children = kept
        _respan(folded, parent, flat)


def _extend(folded: str, node: Raw, end: int, flat: bool) -> None:
    node.end = end
    if node.children:
        _extend(folded, node.children[-1], end, flat)
    else:
        _respan(folded, node, flat)


def cut_short(folded: str, node: Raw) -> bool:
    """The text ends inside the node's heading: it opens a quote that never closes (关于“……, and the
    copy stops). What the heading would say is unknown, so the node is only an item."""
    if node.heading is None or node.end < len(folded.rstrip()) or node.children:
        return False
    return _unbalanced(folded[node.heading[0]:node.end])


def _unbalanced(text: str) -> bool:
    return sum(text.count(ch) for ch in _OPEN) > sum(text.count(ch) for ch in _CLOSE)


class _Ask:
    """What the kind rules ask about one node, each answer worked out once."""

    __slots__ = ("_below", "folded", "gathers", "heading", "node", "parent", "run_in")

    def __init__(self, folded: str, node: Raw, parent: str, gathers: bool) -> None:
        self.folded, self.node, self.parent, self.gathers = folded, node, parent, gathers
        self.run_in = _run_in(node.mark)
        self.heading = _heading_text(folded, node)
        self._below: bool | None = None

    @property
    def below(self) -> bool:
        """A finding somewhere below the node."""
        if self._below is None:
            self._below = _has_finding_below(self.folded, self.node)
        return self._below

    def label_or_run_in(self) -> bool:
        return _has_run_in(self.node) or _has_label(self.folded, self.node)


DROP = ""  # the kind of a run-in list outside a problem: it stays text of the node before it
# The kind rules, tried in order: (name, kind, test). The first whose test holds decides;
# its name is what ``rectext FILE --format outline --explain`` shows beside the node.
KIND_RULES: tuple[tuple[str, str, Callable[[_Ask], bool]], ...] = (
    ("cut short", ITEM, lambda a: cut_short(a.folded, a.node)),
    ("run-in under a problem", MEASURE, lambda a: a.run_in and a.parent == PROBLEM),
    ("run-in elsewhere", DROP, lambda a: a.node.mark.inline),
    ("一是 elsewhere", ITEM, lambda a: a.run_in),
    ("list after a label under a problem", MEASURE, lambda a: a.node.key.label and a.parent == PROBLEM),
    ("list after a label", ITEM, lambda a: a.node.key.label),
    ("方面 heading", GROUP, lambda a: bool(P.GROUP_HEADING.search(a.heading)) and (a.below or not a.label_or_run_in())),
    ("sums up findings", GROUP, lambda a: a.below and _gathers_findings(a.folded, a.node)),
    ("states a finding", PROBLEM, lambda a: _finding(a.folded, a.node)),
    ("points under a group", PROBLEM, lambda a: a.gathers and _has_run_in(a.node)),
    ("under a problem", MEASURE, lambda a: a.parent == PROBLEM),
    ("findings below", GROUP, lambda a: a.below),
    ("otherwise", ITEM, lambda a: True),
)


def kind_of(folded: str, node: Raw, parent_kind: str, gathers: bool) -> tuple[str, str]:
    """(kind, rule name) by the first of :data:`KIND_RULES` that holds for the node."""
    ask = _Ask(folded, node, parent_kind, gathers)
    return next((kind, name) for name, kind, test in KIND_RULES if test(ask))


def _agree_with_siblings(folded: str, children: list[Raw], decided: list[tuple[str, str]],
                         parent_kind: str) -> list[tuple[str, str]]:
    """Siblings numbered alike are mostly of one kind. Most of them problems: a point with enumerated
    points is a problem too. Under a problem, most of them measures: one that reads as a finding only
    through a label in its text (……开展阵地排查。整改成效：……) is a measure too."""
    decided = list(decided)
    by_key: dict[Key, list[int]] = {}
    for i, child in enumerate(children):
        by_key.setdefault(child.key, []).append(i)
    for same in by_key.values():
        by_heading = {i: _finding_by_heading(folded, children[i]) for i in same}
        if parent_kind == PROBLEM and len(same) >= 2 and \
                sum(decided[i][0] == PROBLEM and by_heading[i] for i in same) * 2 < len(same):
            for i in same:
                if decided[i][0] == PROBLEM and not children[i].children and not by_heading[i]:
                    decided[i] = (MEASURE, "siblings are measures")
        if sum(decided[i][0] == PROBLEM for i in same) * 2 >= len(same) >= 2:
            for i in same:
                if decided[i][0] == ITEM and children[i].children:
                    decided[i] = (PROBLEM, "siblings are problems")
    return decided


def _drop_finding_enumeration(folded: str, problem: Raw) -> bool:
    """一是/二是 that describe the finding come before the measure label: keep only those after it.
    True when some were dropped."""
    runs = [c for c in problem.children if _run_in(c.mark)]
    if not runs:
        return False
    labels = list(P.MEASURE_LABEL.finditer(folded, problem.mark.end, runs[-1].mark.start))
    if not labels:
        return False
    cut = labels[-1].end()
    if any(c.mark.start < cut for c in runs) and any(c.mark.start >= cut for c in runs):
        problem.children = [c for c in problem.children if c not in runs or c.mark.start >= cut]
        return True
    return False
