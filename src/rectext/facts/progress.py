"""What became of each problem: its status, deadline and who answers for it (``Problem.progress``).

Three forms, all read on the folded text (so 整改時限： and 整改时限: read alike):

- **labelled lines** under a problem or a measure — 整改时限：2024年6月底前, 责任单位：局办公室,
  完成情况：已完成 (:data:`LABEL`); a status label (整改情况：, 整改进展：…) counts only when its value
  reads a status, not when it introduces measures (整改情况：一是……);
- **run-in sentences** — 目前该问题已整改完成。, 已于2024年5月完成整改, 此项整改正在推进中 (:data:`RUN_IN`),
  and a status note on a heading (……的问题（已整改）);
- **list heads** — a heading or line that gives one status to the problems under it (已完成整改的问题,
  已完成整改5个，分别是：, :data:`LIST_HEAD`).

A table of problems reaches here as labelled lines (:func:`rectext.read.htmltext.problem_table`).
Lines after a problem's last measure are the problem's: the measure is cut short before them
(:func:`rectext.structure.tree.cut_tail`), so it keeps only its own text. Where the measures other
than the last carry lines of their own, every measure keeps its own (``Measure.progress``).
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from .. import rx
from .. import vocab as V
from ..records import span
from ..structure.tree import Raw, cut_tail, own_nodes, trim, walk
from ..text import patterns as P
from .dates import DUE as _DUE
from .dates import Context as Context
from .dates import due, due_date

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..records import Record

_DEADLINE = r"整改时限|完成时限|整改期限|办结时限|时限要求|时限"
_UNIT = r"责任单位|责任部门|责任科室|责任处室|牵头单位|牵头部门|配合单位|配合部门|协办单位"
_LEADER = r"责任领导|责任人|牵头领导|分管领导|包案领导"
_STATUS = r"整改进展|完成情况|整改情况|进展情况|整改结果|整改状态|完成状态"
_WORDS = f"{_DEADLINE}|{_UNIT}|{_LEADER}|{_STATUS}"
# A field's label at a line's start or after a separator, in 【】 or not, then its colon.
LABEL = rx.compile(
    rf"(?:^|(?<=[;,。\s]))(?:[【\[](?P<label>{_WORDS})[】\]]\s*:?|(?P<label>{_WORDS})(?:\([^()\n]{{1,10}}\))?\s*:(?!:))",
    regex.MULTILINE)
_KIND = {**{w: "deadline" for w in _DEADLINE.split("|")}, **{w: "unit" for w in _UNIT.split("|")},
         **{w: "leader" for w in _LEADER.split("|")}, **{w: "status" for w in _STATUS.split("|")}}

_DATE_WRITTEN = rf"(?:{P.YEAR}\s*年)?\s*{P.MONTH}\s*月(?:\s*{P.DAY}\s*[日号])?(?:底|末|份)?"
_STATE = (
    r"(?:已|均已|已经)(?:全部)?(?:整改完成|完成整改|整改到位|整改完毕|办结|销号|完成)"
    rf"|(?:已|均已)于\s*(?P<done>{_DATE_WRITTEN})(?:前)?(?:全部)?(?:完成整改|整改完成|整改到位|完成|办结|销号)"
    r"|(?:已)?(?:完成|取得)阶段性(?:目标|任务|成效|进展)|(?:已)?基本(?:完成整改|整改到位|完成)"
    r"|(?:正在|仍在)(?:持续|加快|有序)?(?:推进|整改)(?:中)?|(?:整改)?推进中|持续推进|长期坚持|持续整改"
    r"|尚?未(?:完成|整改|启动|开始)(?:整改)?"
)
# A status said in a clause of its own: ……。目前该问题已整改完成。 / ，已整改到位。 / 此项整改正在推进中
RUN_IN = rx.compile(
    r"(?:^|(?<=[,。;:!?\n]))[ \t]*(?P<subject>(?:截至目前|截至|目前|现已|现)?,?(?:该问题|此问题|这一问题|该项问题|"
    r"该项|此项|本项)?(?:整改)?(?:工作)?)"
    rf"(?P<state>{_STATE})(?:中)?(?:整改)?[ \t]*(?=[。;!?,]|$)", regex.MULTILINE)
_DONE_ON = rx.compile(r"已于[^,。;]{0,16}?(?:完成|办结|整改到位)")
# A status note on a heading: ……的问题（已整改） / 【已完成】
HEADING_NOTE = rx.compile(r"[(【\[](?P<state>已整改(?:完成|到位)?|已完成(?:整改)?|整改完成|整改中|推进中|正在整改|"
                             r"长期坚持|持续推进|未完成|阶段性完成)[)】\]]")
# A line or heading that gives its status to the problems listed under it
LIST_HEAD = rx.compile(r"^[ \t]*+(?=[已完整基正需长持尚未])(?=[^\n]*(?:的问题|\d|分别是|如下|包括|:))"
    r"(?P<state>(?:已|已经)?(?:完成整改|整改完成|整改到位|基本完成整改|正在(?:推进|整改)|需?长期坚持|持续推进|"
    r"尚未完成整改|未完成整改)(?:的问题)?)\s*+(?:(?:共|有)?\s*+\d{1,3}\s*+[个项条])?\s*+(?:[(]\d{1,3}[个项条][)])?"
    r"(?:[,]?\s*+(?:分别是|具体如下|如下|包括))?\s*+[:]?\s*+$", regex.MULTILINE)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "LABEL": ("search", ("整改时限:2024年6月底前", "責任單位：局辦公室", "【完成情况】已完成", "x;时限:立行立改",
                         "责任领导(责任人):张三"),
              ("明确了责任领导、责任单位和整改时限", "时限要到位")),
    "RUN_IN": ("search", ("目前该问题已整改完成。", "已整改到位", "已于2024年5月完成整改", "此项整改正在推进中",
                          "持续推进", "长期坚持", "已完成阶段性目标", "尚未完成", ",已整改到位。"),
               ("持续推进制度建设", "对已整改完成的问题开展回头看", "长期坚持学习制度")),
    "HEADING_NOTE": ("search", ("意识形态工作不到位的问题(已整改)", "财务管理不规范【已完成】"), ("(一)学习",)),
    "LIST_HEAD": ("search", ("已完成整改5个,分别是:", "已完成整改的问题", "正在推进的问题(2个)", "需长期坚持的问题:"),
                  ("已完成整改5个问题中的3个已销号", "已完成整改,制定制度3项")),
}

def status_of(words: str) -> str | None:
    """The status the words state, from the closed vocabulary (:data:`rectext.vocab.STATUS_WORDS`);
    None when they state none."""
    bare = words.strip(" \t。;,.")
    if bare in V.STATUS_ALONE:
        return V.STATUS_ALONE[bare]
    if _DONE_ON.search(bare) and "未" not in bare:
        return V.COMPLETED
    for status, cues in V.STATUS_WORDS:
        if any(cue in bare for cue in cues):
            return status
    return None


class Found:
    """What one node's lines and sentences say, with spans; becomes a Progress record."""

    __slots__ = ("completed_on", "deadline", "responsible", "spans", "status", "status_text")

    def __init__(self) -> None:
        self.status: str | None = None
        self.status_text: str | None = None
        self.deadline: str | None = None
        self.completed_on: str | None = None
        self.responsible: list[tuple[str, int, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def __bool__(self) -> bool:
        return bool(self.status_text or self.deadline or self.responsible or self.completed_on)

    def set_status(self, text: str, status: str | None, s: int, e: int, done: str | None = None) -> None:
        if self.status_text is None:
            self.status, self.status_text, self.spans["status"] = status, text, (s, e)
        if done and self.completed_on is None:
            self.completed_on, self.spans["completed_on"] = done, (s, e)

    def record(self, context: Context) -> Record:
        return {
            "status": self.status, "status_text": self.status_text, "deadline": self.deadline,
            "due": due(self.deadline, context) if self.deadline else None,
            "responsible": [r for r, _, _ in self.responsible], "completed_on": self.completed_on,
            "spans": {k: span(s, e) for k, (s, e) in self.spans.items()},
            "responsible_spans": [span(s, e) for _, s, e in self.responsible],
        }



class Field:
    """One labelled field: its kind (deadline, unit, leader, status), line and value spans."""

    __slots__ = ("kind", "line", "value")

    def __init__(self, kind: str, line: tuple[int, int], value: tuple[int, int]) -> None:
        self.kind, self.line, self.value = kind, line, value


def fields(folded: str, start: int, end: int) -> list[Field]:
    """The labelled fields of the lines in ``folded[start:end]`` that are progress lines: every field
    on the line is one, and a status label's value reads a status (not 整改情况：一是……)."""
    found: list[Field] = []
    pos = start
    while pos < end:
        line_end = folded.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        found.extend(line_fields(folded, pos, line_end) or tail_fields(folded, pos, line_end))
        pos = line_end + 1
    return found


def tail_fields(folded: str, start: int, end: int) -> list[Field]:
    """Fields run into a line's end after a sentence (……建立督办机制。整改时限：立行立改): from the first
    label after 。 or ； from which all to the line's end is fields; else none."""
    if folded.find(":", start, end) < 0 and folded.find("】", start, end) < 0:
        return []
    at = (m.start() for m in LABEL.finditer(folded, start, end) if m.start() > start and folded[m.start() - 1] in "。;")
    return next((found for s in at if (found := line_fields(folded, s, end))), [])


def line_fields(folded: str, start: int, end: int) -> list[Field]:
    """The fields of one line, or none when the line is not a progress line. A status value is its
    first sentence (整改情况：已完成。全年……): what follows it stays the node's text."""
    at = start
    while at < end and folded[at] in " \t\r\u3000":
        at += 1
    if not LABEL.match(folded, at, end):
        return []
    labels = list(LABEL.finditer(folded, at, end))
    out = []
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else end
        v0, v1 = _strip(folded, m.end(), stop)
        kind = _KIND[m.group("label")]
        if kind == "status":
            status_end = _status_value(folded, v0, v1)
            if status_end is None:
                return []
            v1 = status_end
            stop = min(stop, v1 + 1) if v1 < stop and folded[v1] in "。;" else max(stop, v1)
        out.append(Field(kind, (m.start() if i else start, stop), (v0, v1)))
    return out


def _status_value(folded: str, start: int, end: int) -> int | None:
    """The end of a status value's first sentence when it states a status (已完成。 / 正在推进中 / 完成),
    else None (整改情况：一是…… introduces measures; 已完成3次培训 tells what was done)."""
    stop = start
    while stop < end and folded[stop] not in "。;":
        stop += 1
    clause = folded[start:stop].strip(" ,")
    first = clause.replace(":", ",").split(",", 1)[0]
    if _opens_list(folded, start, stop):
        return None
    if clause in V.STATUS_ALONE or RUN_IN.match(folded, start, stop) or (
            len(first) <= _SHORT and status_of(first) is not None):
        return _strip(folded, start, stop)[1]
    return None


_SHORT = 10  # a first clause this short that holds a status word states it (完成情况：已按时完成)


def _opens_list(folded: str, start: int, end: int) -> bool:
    return bool(P.BLOCK_MARKER.match(folded, start, end) or P.INLINE_SHI.match(folded, start, end)
                or P.INLINE_NUMBER.match(folded, start, end))


def _strip(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] in " \t\r\u3000":
        start += 1
    while end > start and folded[end - 1] in " \t\r\u3000;,。.":
        end -= 1
    return start, end


_SPLIT = rx.compile(r"[^、,;/\s]+(?:\([^()]*\))?")


def add_field(text: str, folded: str, field: Field, found: Found, context: Context) -> None:
    """Put one labelled field into what a node says."""
    v0, v1 = field.value
    value = text[v0:v1]
    if field.kind == "deadline" and found.deadline is None and value:
        found.deadline, found.spans["deadline"] = value, (v0, v1)
    elif field.kind in ("unit", "leader"):
        for m in _SPLIT.finditer(folded, v0, v1):
            name = text[m.start():m.end()]
            if all(name != r for r, _, _ in found.responsible):
                found.responsible.append((name, m.start(), m.end()))
    elif field.kind == "status":
        done = RUN_IN.search(folded, v0, v1)
        found.set_status(value, status_of(folded[v0:v1]), v0, v1, _done(done, context))


def _done(m: regex.Match[str] | None, context: Context) -> str | None:
    """The date of 已于2024年5月完成整改 (the month's last day where no day is written)."""
    if m is None or not m.group("done"):
        return None
    return due_date(_DUE.search(m.group("done")), context.year)



def attach(text: str, folded: str, roots: list[Raw], context: Context) -> None:
    """Fill ``progress`` on every problem (and measure) the notice says something of, cut progress
    lines off the measures they followed, and give list heads' statuses to the problems under them."""
    for node in walk(roots):
        if node.kind == V.PROBLEM:
            _problem(text, folded, node, context)
    _list_heads(text, folded, roots)


def _problem(text: str, folded: str, problem: Raw, context: Context) -> None:
    own = own_nodes(problem)
    lines = {id(n): fields(folded, n.mark.end, n.content_end) for n in [problem, *own]}
    per_measure = any(lines[id(n)] for n in own if n.kind == V.MEASURE and n.end < problem.end)
    found = Found()
    for field in lines[id(problem)]:
        add_field(text, folded, field, found, context)
    cut = None if per_measure else _tail(folded, problem, own, lines)
    for node in own:
        mine = Found()
        for field in lines[id(node)]:
            add_field(text, folded, field, found if cut is not None and field.line[0] >= cut else mine, context)
        _run_ins(text, folded, node, mine, found, cut, context)
        if mine and node.kind == V.MEASURE:
            node.progress = mine.record(context)
    _run_ins(text, folded, problem, found, found, None, context)
    _heading_note(text, folded, problem, found)
    _aggregate(found, [n.progress for n in own if n.kind == V.MEASURE])
    if cut is not None:
        cut_tail(folded, problem, cut)
    for node in [problem, *own]:
        _trim_body(folded, node)
    problem.progress = found.record(context) if found else None


def _tail(folded: str, problem: Raw, own: list[Raw], lines: dict[int, list[Field]]) -> int | None:
    """Where the problem's own lines start after its last measure: trailing progress lines, then a
    sentence of its own stating a status (……。目前该问题已整改完成。); None when there are none."""
    last = [n for n in own if n.end == problem.end]
    if not last:
        return None
    floor = last[-1].body[0] if last[-1].body[1] > last[-1].body[0] else last[-1].mark.end
    cut = None
    pos = problem.end
    while pos > floor:
        start = folded.rfind("\n", floor, pos - 1) + 1 or floor
        start = max(start, floor)
        if folded[start:pos].strip() and not line_fields(folded, start, pos):
            run_in = tail_fields(folded, start, pos)
            cut, pos = (run_in[0].line[0], run_in[0].line[0]) if run_in else (cut, pos)
            break
        cut, pos = (start if folded[start:pos].strip() else cut), start
    sentence = _tail_sentence(folded, floor, pos)
    return sentence if sentence is not None else cut


def _tail_sentence(folded: str, floor: int, end: int) -> int | None:
    """A run-in status sentence that ends the text before ``end`` and starts a sentence of its own."""
    while end > floor and folded[end - 1] in " \t\r\n":
        end -= 1
    for m in RUN_IN.finditer(folded, floor, end):
        after = folded[m.end():end].strip("。;!? \t")
        before = folded[m.start() - 1] if m.start() > floor else "\n"
        if not after and (before in "。\n!?" or m.group("subject")):
            return m.start()
    return None


def _run_ins(text: str, folded: str, node: Raw, mine: Found, problem: Found, cut: int | None,
             context: Context) -> None:
    """Status sentences in a node's own text: the problem's from ``cut`` on, else the node's."""
    start = node.body[0] if node.body[1] > node.body[0] else node.mark.end
    labelled = [f.line for f in fields(folded, start, node.content_end)]
    for m in RUN_IN.finditer(folded, start, node.content_end):
        if any(s <= m.start() < e for s, e in labelled):
            continue  # inside a labelled field, read there
        target = problem if cut is not None and m.start() >= cut else mine
        s, e = m.start("state"), m.end("state")
        s0 = m.start("subject") if m.group("subject").strip(" ,") else s
        target.set_status(text[s0:e], status_of(folded[s:e]), s0, e, _done(m, context))


def _heading_note(text: str, folded: str, problem: Raw, found: Found) -> None:
    if found.status_text is None and problem.heading:
        m = HEADING_NOTE.search(folded, *problem.heading)
        if m:
            found.set_status(text[m.start("state"):m.end("state")], status_of(m.group("state")),
                             m.start("state"), m.end("state"))


def _aggregate(found: Found, measures: list[Record | None]) -> None:
    """What a problem that says nothing of its own takes from its measures: their units and leaders,
    their deadline when they share one, and a status when every measure states one (all alike → that;
    completed and ongoing → ongoing; else in_progress)."""
    given = [m for m in measures if m]
    for m in given if not found.responsible else ():
        for name, sp in zip(m["responsible"], m["responsible_spans"], strict=True):
            if all(name != r for r, _, _ in found.responsible):
                found.responsible.append((name, sp["start"], sp["end"]))
    deadlines = {m["deadline"] for m in given}
    if found.deadline is None and len(given) == len(measures) and len(deadlines) == 1 and None not in deadlines:
        found.deadline = deadlines.pop()
        found.spans["deadline"] = (given[0]["spans"]["deadline"]["start"], given[-1]["spans"]["deadline"]["end"])
    statuses = {m["status"] for m in given if m["status"]}
    if found.status_text is not None or not measures or any(not m or not m["status"] for m in measures):
        return
    found.status = statuses.pop() if len(statuses) == 1 else (
        V.ONGOING if statuses <= {V.COMPLETED, V.ONGOING} else V.IN_PROGRESS)


def _trim_body(folded: str, node: Raw) -> None:
    """The node's body without the progress lines at its start and end (and a status sentence that
    opens it: 整改情况：已完成。)."""
    b0, b1 = node.body
    b1 = min(b1, node.content_end)
    while b0 < b1:
        nl = folded.find("\n", b0, b1)
        found = line_fields(folded, b0, b1 if nl < 0 else nl)
        if not found:
            break
        b0 = found[-1].line[1] + (1 if found[-1].line[1] == nl else 0)
    while b1 > b0:
        start = max(folded.rfind("\n", b0, b1 - 1) + 1, b0)
        found = line_fields(folded, start, b1)
        if not found or found[-1].line[1] < len(folded[:b1].rstrip()):
            run_in = tail_fields(folded, start, b1)
            b1 = run_in[0].line[0] if run_in else b1
            break
        b1 = start
    if (b0, b1) != node.body:
        node.body = trim(folded, b0, b1) if b0 < b1 else (b0, b0)


def _list_heads(text: str, folded: str, roots: list[Raw]) -> None:
    """A heading or line that gives one status to the problems under it, to those that state none: the
    nearest heading above a problem that states a status, else the last list-head line before it in
    its section."""
    for section in roots:
        lines = [(m.start("state"), m.end("state")) for m in LIST_HEAD.finditer(folded, section.mark.start,
                                                                                section.end)]
        _give(text, folded, section, None, lines)


def _give(text: str, folded: str, node: Raw, over: tuple[int, int] | None, lines: list[tuple[int, int]]) -> None:
    if node.kind != V.PROBLEM and node.heading:
        m = P.STATUS_HEADING.fullmatch(folded, *node.heading)
        over = m.span() if m else over
    for child in node.children:
        if child.kind == V.PROBLEM and not (child.progress and child.progress["status_text"]):
            before = bisect_right([e for _, e in lines], child.mark.start)
            head = over or (lines[before - 1] if before else None)
            if head is not None:
                record = child.progress or Found().record(Context(None, None))
                record.update(status=status_of(folded[head[0]:head[1]]), status_text=text[head[0]:head[1]])
                record["spans"] = {**record["spans"], "status": span(*head)}
                child.progress = record
        _give(text, folded, child, over, lines)
