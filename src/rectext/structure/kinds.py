"""Stage 3, second half: decide each node's kind by the kind rules, top-down.

Level by level, the children of a node get their kind from the first of :data:`KIND_RULES`
that holds for them, then from their siblings' agreement; run-in enumerations outside a
problem are dropped and stay text. The tree must be nested and spanned (:mod:`.tree`).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import rx
from ..text import patterns as P
from ..vocab import CN_SHI, GROUP, ITEM, MEASURE, PROBLEM, SECTION, WENTI
from .tree import _CLOSE, _OPEN, Key, Raw, _run_in, split_heading


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


def _has_block_child(node: Raw) -> bool:
    return any(not _run_in(c.mark) for c in node.children)


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
        root.kind, root.rule = top_kind(folded, root)
        _assign_children(folded, root, flat)
    return roots


def top_kind(folded: str, root: Raw) -> tuple[str, str]:
    """(kind, rule name) of a top-level part: a section, or a problem when its heading states one
    finding and nothing below it states another (一、关于“……”问题 over 整改措施： or （一）actions)."""
    heading = _heading_text(folded, root)
    if cut_short(folded, root):
        return SECTION, "cut short at the top"
    if root.mark.style == WENTI and not _has_finding_below(folded, root):
        return PROBLEM, "finding at the top"
    if (_finding_by_heading(folded, root) and not P.GROUP_HEADING.search(heading)
            and not P.SUMMARY_HEADING.match(heading) and not _has_finding_below(folded, root)
            and (P.EXPLICIT_PROBLEM.search(heading) is not None or _has_label(folded, root))):
        return PROBLEM, "finding at the top"
    return SECTION, "top level"


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
    heading = _heading_text(folded, parent)
    gathers = parent.kind == GROUP or P.GROUP_HEADING.search(heading) is not None
    labelled = P.FINDING_LABEL.match(heading) is not None
    decided = [kind_of(folded, child, parent.kind, gathers, labelled) for child in parent.children]
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
    copy stops). The node takes its siblings' kind; a diagnostic says the copy looks cut short.
    Only white space may follow the node: looked at from the node's end, not by stripping the text
    (once per node, that made a long text cost the square of its length)."""
    if node.heading is None or node.children or not _ONLY_SPACE.fullmatch(folded, node.end):
        return False
    return _unbalanced(folded[node.heading[0]:node.end])


_ONLY_SPACE = rx.compile(r"\s*")


def _unbalanced(text: str) -> bool:
    return sum(text.count(ch) for ch in _OPEN) > sum(text.count(ch) for ch in _CLOSE)


class _Ask:
    """What the kind rules ask about one node, each answer worked out once."""

    __slots__ = ("_below", "folded", "gathers", "heading", "labelled", "node", "parent", "run_in")

    def __init__(self, folded: str, node: Raw, parent: str, gathers: bool, labelled: bool = False) -> None:
        self.folded, self.node, self.parent, self.gathers = folded, node, parent, gathers
        self.labelled = labelled  # the parent's heading is labelled as findings (（一）反馈问题：……)
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
    ("cut short", ITEM, lambda a: cut_short(a.folded, a.node)),  # siblings may give it their kind
    ("run-in under a problem", MEASURE, lambda a: a.run_in and a.parent == PROBLEM),
    ("run-in elsewhere", DROP, lambda a: a.node.mark.inline),
    ("一是 elsewhere", ITEM, lambda a: a.run_in),
    ("list after a label under a problem", MEASURE, lambda a: a.node.key.label and a.parent == PROBLEM),
    ("list after a label", ITEM, lambda a: a.node.key.label),
    ("findings under a 反馈问题 heading", PROBLEM, lambda a: a.labelled and a.parent == GROUP),
    ("labelled findings", GROUP, lambda a: bool(P.FINDING_LABEL.match(a.heading)) and _has_block_child(a.node)),
    ("status heading", GROUP, lambda a: bool(P.STATUS_HEADING.fullmatch(a.heading)) and a.below),
    ("方面 heading", GROUP, lambda a: bool(P.GROUP_HEADING.search(a.heading)) and (a.below or not a.label_or_run_in())),
    ("sums up findings", GROUP, lambda a: a.below and _gathers_findings(a.folded, a.node)),
    ("states a finding", PROBLEM, lambda a: _finding(a.folded, a.node)),
    ("points under a group", PROBLEM, lambda a: a.gathers and _has_run_in(a.node)),
    ("under a problem", MEASURE, lambda a: a.parent == PROBLEM),
    ("findings below", GROUP, lambda a: a.below),
    ("otherwise", ITEM, lambda a: True),
)


def kind_of(folded: str, node: Raw, parent_kind: str, gathers: bool, labelled: bool = False) -> tuple[str, str]:
    """(kind, rule name) by the first of :data:`KIND_RULES` that holds for the node."""
    ask = _Ask(folded, node, parent_kind, gathers, labelled)
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
        _cut_short_like_siblings(decided, same)
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


def _cut_short_like_siblings(decided: list[tuple[str, str]], same: list[int]) -> None:
    """A node whose heading the copy cuts off (关于“…… and the text ends) is of the kind its siblings
    numbered alike share; without siblings it stays an item (its words are unknown)."""
    kinds = {decided[i][0] for i in same if decided[i][1] != "cut short"}
    if len(kinds) == 1:
        kind = kinds.pop()
        for i in same:
            if decided[i][1] == "cut short":
                decided[i] = (kind, "cut short: the kind of its siblings")


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
