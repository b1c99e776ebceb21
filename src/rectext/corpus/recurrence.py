"""Across notices: findings that recur, findings one body reports again, by their headings.

A finding is compared by its *core*: the heading in Simplified script with the wrapping
(关于“……”的问题, ……方面), the evaluative stock words (不够深入, 不到位, 把关不严 …), digits,
punctuation and spaces set aside, so that 理论学习中心组学习不够深入 and 中心组理论学习深度
不够 compare on what they are about. Two cores are alike by the Jaccard similarity of their
sets of character pairs.

- **Recurring findings** (:func:`recurring`): cores that occur in more than one notice are
  grouped. Identical cores are merged first; the distinct ones go through MinHash with
  locality-sensitive hashing (datasketch), which proposes the pairs likely to be alike in
  time that grows with the number of findings, not its square; each proposed pair is then
  checked exactly, and alike pairs are joined into clusters.
- **Repeats** (:func:`repeats`): the notices of one body (the issuer, or the inspected
  target, with 中共 and 党组/党委 … set aside) are put in date order; a finding of a later notice
  that is alike to one of an earlier notice of the same body is a repeat of it (屡改屡犯).
  A body has a few notices, so its findings are compared pair by pair.

Loaded only by ``rectext.corpus.recurrence`` and ``rectext batch --analyze``; OpenCC and datasketch
are imported on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .. import rx
from ..text.fold import fold

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from ..models import Notice

ANALYSIS_EXTRA = "pip install 'rectext[analysis]'"


class MissingExtra(ImportError):
    """A part of rectext that the plain install leaves out was asked for; the message names the extra."""


def require_analysis() -> None:
    """Raise :class:`MissingExtra` unless datasketch (the extra ``analysis``) is installed."""
    import importlib.util

    if importlib.util.find_spec("datasketch") is None:
        raise MissingExtra("the corpus step of batch --analyze (recurring findings, repeats) needs datasketch, "
                           f"which the plain install leaves out: {ANALYSIS_EXTRA}")


# Evaluative stock words of findings: what is wrong with a matter, not which matter it is.
STOCK_WORDS = (
    "落实不到位", "执行不到位", "把关不严格", "执行不严格", "不够深入", "不够到位", "不够严格", "不够规范", "不够有力",
    "不够扎实", "不够全面", "不够及时", "不够完善", "不够健全", "不够彻底", "不够紧密", "不够突出", "不够明显",
    "不到位", "不严格", "不规范", "不深入", "不扎实", "不全面", "不及时", "不完善", "不健全", "不彻底", "不紧密",
    "不充分", "不明显", "不精准", "不细致", "不严谨", "不严实", "不有力", "把关不严", "流于形式", "有差距", "有短板",
    "存在短板", "存在差距", "存在漏洞", "存在薄弱环节", "薄弱环节", "较为薄弱", "比较薄弱", "有待加强", "有待提高",
    "有待提升", "需要加强", "亟待加强", "不够", "不力", "不足", "不强", "不高", "不实", "不严", "不细", "不准",
    "不好", "较弱", "薄弱", "弱化", "缺位", "缺失", "滞后", "偏差", "偏弱", "欠缺", "乏力", "存在", "问题", "情况",
    "仍然", "依然", "依旧", "仍",
)
_STOCK = rx.compile("|".join(sorted(STOCK_WORDS, key=len, reverse=True)))
_WRAP = rx.compile(r"^(?:关于|在|对于)|(?:的)?问题(?:的)?(?:整改(?:情况)?)?$|方面(?:的问题)?$|的整改(?:情况)?$")
_NOT_WORDS = rx.compile(r"[^\p{Han}A-Za-z]+")
_NOT_NAME = rx.compile(r"[^\p{Han}A-Za-z0-9]+")
_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
_MARKER = rx.compile(rf"^\s*(?:{_NUMBER}[.、]|[(（]{_NUMBER}[)）])|[“”\"]")  # 1. 一、 (1) （一）, quotes
_SELF = rx.compile(r"(?:我|本)\p{Han}{0,3}")
_PARTY = rx.compile(r"^中共|^中国共产党|(?:党组|党委|党工委|党总支|党支部|委员会|领导班子|机关)+$")

# Pair similarity from which two findings of different notices say the same thing, and from which
# a later finding of a body repeats an earlier one: chosen on one generated corpus (tests/corpusgen.py,
# seed 1) and measured on others (docs/cli.md); a false 屡改屡犯 costs more than a missed one.
CLUSTER_AT = 0.4
REPEAT_AT = 0.45
_NUM_PERM = 64


@dataclass(frozen=True)
class Finding:
    """One problem of one notice, as the corpus analyses see it."""

    notice_id: str
    path: str
    problem_index: int
    heading: str
    body: str = ""  # the body the notice is about, normalised (:func:`body_key`)
    date: str | None = None  # the notice's date (ISO), for putting a body's notices in order

    @property
    def notice(self) -> tuple[str, str]:
        return self.notice_id, self.path


@dataclass
class Cluster:
    """Findings of several notices that say the same thing."""

    cluster_id: str
    members: list[Finding]
    representative: str  # the member heading most alike to the others
    n_notices: int
    n_bodies: int


@dataclass(frozen=True)
class Repeat:
    """A finding of a later notice that an earlier notice of the same body already reported."""

    body: str
    earlier: Finding
    later: Finding
    similarity: float


@dataclass
class CorpusAnalysis:
    """Recurring findings and repeats over a corpus."""

    clusters: list[Cluster]
    repeats: list[Repeat]
    cluster_of: dict[tuple[str, str, int], str] = field(default_factory=dict)  # (notice id, path, index) → id
    repeats_in: dict[tuple[str, str], int] = field(default_factory=dict)  # (notice id, path) → its repeats


def core(heading: str) -> str:
    """What a finding is about: its heading without wrapping, stock words, digits and punctuation.

    >>> core("1.关于“理论学习中心组学习不够深入”的问题")
    '理论学习中心组学习'
    """
    text = _simplified(fold(heading))
    text = _NOT_WORDS.sub("", _MARKER.sub("", text))
    previous = None
    while previous != text:
        previous, text = text, _WRAP.sub("", text)
    return _STOCK.sub("", text)


def body_key(name: str | None) -> str:
    """A body's name without the party wrapping, so its notices find each other.

    >>> body_key("中共青岚区医疗保障局党组"), body_key("青岚区医疗保障局党组"), body_key("我局党组")
    ('青岚区医疗保障局', '青岚区医疗保障局', '')
    """
    text = _NOT_NAME.sub("", _simplified(fold(name or "")))
    previous = None
    while previous != text:
        previous, text = text, _PARTY.sub("", text)
    return "" if _SELF.fullmatch(text) else text  # 我局, 本单位: every body calls itself so


def _simplified(text: str) -> str:
    from ..facts.analysis import simplified

    return simplified(text)


def pairs(core_text: str) -> frozenset[str]:
    """The core's character pairs (its one character, when that is all it has)."""
    if len(core_text) < 2:
        return frozenset((core_text,)) if core_text else frozenset()
    return frozenset(core_text[i:i + 2] for i in range(len(core_text) - 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets of character pairs (0 for empty ones)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def likeness(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike a later finding is to an earlier one: their similarity, or, when the shorter
    one (of four pairs or more) is mostly inside the longer one, that share, discounted — a
    later round often says the earlier finding again and adds to it (预算绩效管理流于形式 →
    预算绩效管理仍流于形式，绩效评价结果运用不充分).

    >>> round(likeness(pairs("预算绩效管理"), pairs("预算绩效管理绩效评价结果运用")), 2)
    0.75
    """
    smaller = min(len(a), len(b))
    if smaller < _CONTAINED_MIN:
        return similarity(a, b)
    return max(similarity(a, b), _CONTAINED * len(a & b) / smaller)


_CONTAINED, _CONTAINED_MIN = 0.75, 4


def analyse(findings: Sequence[Finding], cluster_at: float = CLUSTER_AT,
            repeat_at: float = REPEAT_AT) -> CorpusAnalysis:
    """Both analyses over the findings of a corpus."""
    cores = [core(f.heading) for f in findings]
    shingles = [pairs(c) for c in cores]
    clusters = recurring(findings, cores, shingles, cluster_at)
    found = repeats(findings, shingles, repeat_at)
    result = CorpusAnalysis(clusters=clusters, repeats=found)
    for cluster in clusters:
        for f in cluster.members:
            result.cluster_of[(f.notice_id, f.path, f.problem_index)] = cluster.cluster_id
    for r in found:
        result.repeats_in[r.later.notice] = result.repeats_in.get(r.later.notice, 0) + 1
    return result


def recurring(findings: Sequence[Finding], cores: Sequence[str], shingles: Sequence[frozenset[str]],
              at: float = CLUSTER_AT) -> list[Cluster]:
    """Clusters of findings from more than one notice that say the same thing, largest first.

    Leader clustering (:func:`_leaders`): the distinct cores, most frequent first, each join
    the cluster of the most alike representative at least ``at`` alike, or lead a cluster of
    their own. Only a few representatives of each cluster are indexed (MinHash LSH), so a
    core is compared with the few near it, never with every finding of a crowded topic, and a
    cluster does not drift by chains of members.
    """
    distinct: dict[str, list[int]] = defaultdict(list)  # core → the findings that have it
    for i, c in enumerate(cores):
        if len(shingles[i]) >= 2:  # a core of two characters or fewer says too little to compare
            distinct[c].append(i)
    order = sorted(distinct, key=lambda c: (-len(distinct[c]), c))
    groups = _leaders([shingles[distinct[c][0]] for c in order], at)
    built = []
    for members in groups:
        found = [i for k in members for i in distinct[order[k]]]
        if len({findings[i].notice for i in found}) > 1:
            built.append(_cluster(findings, shingles, found))
    built.sort(key=lambda c: (-len(c.members), c.representative))
    for n, cluster in enumerate(built, 1):
        cluster.cluster_id = f"C{n:06d}"
    return built


def _leaders(sets: Sequence[frozenset[str]], at: float) -> list[list[int]]:
    """Groups of the sets' indexes: each set joins the cluster of the most alike representative
    (LSH-proposed, then checked exactly), or starts a cluster; a set alike to representatives
    of several clusters joins them into one. A cluster is represented by its leader and up to
    :data:`_REPRESENTATIVES` - 1 members unlike the leader, so it reaches the other ways the
    same finding is written without growing by chains of every member."""
    if not sets:
        return []
    require_analysis()
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=at, num_perm=_NUM_PERM)
    leader_of: dict[int, int] = {}  # representative → its cluster's leader when it was indexed
    merged: dict[int, int] = {}  # leader → the leader of the cluster it was joined into
    groups: dict[int, list[int]] = {}
    shown: dict[int, int] = {}  # leader → representatives indexed
    for start in range(0, len(sets), _CHUNK):  # signatures a chunk at a time: memory stays flat
        chunk = sets[start:start + _CHUNK]
        hashes = MinHash.bulk([[s.encode("utf-8") for s in sorted(x)] for x in chunk], num_perm=_NUM_PERM)
        for i, h in enumerate(hashes, start):
            alike = sorted(((similarity(sets[i], sets[j]), j) for j in lsh.query(h)), reverse=True)
            clusters = list(dict.fromkeys(_root(merged, leader_of[j]) for sim, j in alike if sim >= at))
            if not clusters:
                groups[i], leader_of[i], shown[i] = [i], i, 1
                lsh.insert(i, h, check_duplication=False)
                continue
            leader = clusters[0]
            for other in clusters[1:]:  # i bridges them: one finding, written in ways i has both of
                merged[other] = leader
                groups[leader].extend(groups.pop(other))
                shown[leader] += shown.pop(other)
            groups[leader].append(i)
            if shown[leader] < _REPRESENTATIVES and similarity(sets[i], sets[leader]) < _NEW_WAY:
                shown[leader] += 1
                leader_of[i] = leader
                lsh.insert(i, h, check_duplication=False)
    return list(groups.values())


def _root(merged: dict[int, int], leader: int) -> int:
    while leader in merged:
        leader = merged[leader]
    return leader


_REPRESENTATIVES = 4
_NEW_WAY = 0.7  # a member less alike to its leader than this writes the finding another way
_CHUNK = 10_000
_SAMPLE = 50  # members a representative is weighed against, in a large cluster


def _cluster(findings: Sequence[Finding], shingles: Sequence[frozenset[str]], members: list[int]) -> Cluster:
    members = sorted(members, key=lambda i: (findings[i].notice_id, findings[i].path, findings[i].problem_index))
    sample = members[:_SAMPLE]
    best = max(sample, key=lambda i: (sum(similarity(shingles[i], shingles[j]) for j in sample), -i))
    chosen = [findings[i] for i in members]
    return Cluster(cluster_id="", members=chosen, representative=findings[best].heading,
                   n_notices=len({f.notice for f in chosen}), n_bodies=len({f.body for f in chosen if f.body}))


def repeats(findings: Sequence[Finding], shingles: Sequence[frozenset[str]], at: float = REPEAT_AT) -> list[Repeat]:
    """Findings of a body's later notices alike to a finding of one of its earlier notices.

    Notices without a date, or of a body that could not be named, are left out (their order
    is unknown); notices of one body on the same date are not compared (neither is later).
    Each later finding is linked to its most alike earlier one: compared with every earlier
    finding of its body, or, in a body of more than :data:`_PAIRWISE` findings (a name many
    notices share), with those MinHash LSH proposes.
    """
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.body and f.date:
            by_body[f.body].append(i)
    found: list[Repeat] = []
    for body, members in sorted(by_body.items()):
        members.sort(key=lambda i: (findings[i].date or "", i))
        for later, earlier in _earlier(members, findings, shingles, at):
            scored = [(likeness(shingles[later], shingles[e]), findings[e].date or "", -e) for e in earlier]
            best = max(scored, default=(0.0, "", 1))
            if best[0] >= at:
                found.append(Repeat(body, findings[-best[2]], findings[later], round(best[0], 3)))
    found.sort(key=lambda r: (r.body, r.later.date or "", r.later.notice, r.later.problem_index))
    return found


_PAIRWISE = 500


def _earlier(members: list[int], findings: Sequence[Finding], shingles: Sequence[frozenset[str]], at: float
             ) -> Iterator[tuple[int, list[int]]]:
    """Each finding of a body (in date order) with the earlier-dated findings to compare it with."""
    dates = [findings[i].date or "" for i in members]
    if len(members) <= _PAIRWISE:
        start = 0  # where the findings of the current date start (dates are sorted)
        for n, i in enumerate(members):
            if dates[n] != dates[start]:
                start = n
            yield i, members[:start]
        return
    require_analysis()
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=at, num_perm=_NUM_PERM)
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sorted(shingles[i])] for i in members], num_perm=_NUM_PERM)
    start = 0
    for n in range(len(members) + 1):
        if n == len(members) or dates[n] != dates[start]:  # a day's findings done: now they are earlier ones
            for k in range(start, n):
                lsh.insert(k, hashes[k], check_duplication=False)
            start = n
        if n < len(members):
            yield members[n], [members[k] for k in lsh.query(hashes[n])]


def findings_of(notice: Notice, notice_id: str, path: str) -> list[Finding]:
    """The findings of one parsed notice (:class:`rectext.models.Notice`)."""
    body = body_key(notice.issuer or notice.inspection.target_resolved or notice.inspection.target)
    return [Finding(notice_id, path, i, p.heading or "", body, notice.date or notice.inspection.feedback)
            for i, p in enumerate(notice.problems)]


def analyse_notices(notices: Iterable[Notice], cluster_at: float = CLUSTER_AT, repeat_at: float = REPEAT_AT
                    ) -> CorpusAnalysis:
    """Both analyses over parsed notices, each known by the id and path a batch gives it
    (:func:`rectext.corpus.ids.notice_id`, :func:`rectext.corpus.ids.notice_path`)."""
    from .ids import notice_id, notice_path

    findings: list[Finding] = []
    for notice in notices:
        findings.extend(findings_of(notice, notice_id(notice), notice_path(notice)))
    return analyse(findings, cluster_at, repeat_at)


# The corpus tables: their columns, part of the public contract (add, never rename).
COLUMNS: dict[str, tuple[str, ...]] = {
    "clusters": ("cluster_id", "size", "representative", "n_notices", "n_issuers"),
    "repeats": ("body", "earlier_notice_id", "earlier_path", "earlier_date", "earlier_problem_index",
                "earlier_heading", "later_notice_id", "later_path", "later_date", "later_problem_index",
                "later_heading", "similarity"),
}


def table_rows(result: CorpusAnalysis) -> dict[str, list[dict[str, object]]]:
    """clusters and repeats as rows keyed by :data:`COLUMNS` (for CSV, SQLite or pandas)."""
    clusters = [{"cluster_id": c.cluster_id, "size": len(c.members), "representative": c.representative,
                 "n_notices": c.n_notices, "n_issuers": c.n_bodies} for c in result.clusters]
    repeats = []
    for r in result.repeats:
        row: dict[str, object] = {"body": r.body, "similarity": r.similarity}
        for side, f in (("earlier", r.earlier), ("later", r.later)):
            row.update({f"{side}_notice_id": f.notice_id, f"{side}_path": f.path, f"{side}_date": f.date,
                        f"{side}_problem_index": f.problem_index, f"{side}_heading": f.heading})
        repeats.append(row)
    return {"clusters": clusters, "repeats": repeats}
