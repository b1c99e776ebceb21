"""``rectext eval GOLD_DIR``: precision, recall and F1 of the parser against gold annotations.

Gold files are ``NAME.gold.json`` beside ``NAME.txt`` / ``NAME.html`` (the
format of the shared corpus's ``gold-format.md``). Layers are scored the way
GROBID reports accuracy, under two matchings:

- **soft**: headings compared on letters and digits only, a shorter heading
  contained in the longer covering 80 % of it; a measure matches when its text
  starts with the gold's first six letters or digits (the shared scorer's rule);
- **strict**: headings equal on letters and digits; a measure's text starts
  with the whole gold prefix.

Metadata fields are exact. A document is exact when every layer matches
(structure), and fully exact when every metadata field does too.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Node, Notice, Problem
from .vocab import SECTION

NOTICE_SUFFIXES = (".txt", ".html", ".htm")
LAYERS = ("sections", "problems", "measures")
MATCHINGS = ("soft", "strict")


def norm(s: str | None) -> str:
    """Letters and digits only: punctuation, quotes and spaces never decide a match."""
    return "".join(ch for ch in s or "" if unicodedata.category(ch)[0] in "LN")


def headings_match(gold: str, pred: str | None, strict: bool) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p or strict:
        return g == p
    shorter, longer = sorted((g, p), key=len)
    return shorter in longer and len(shorter) / len(longer) >= 0.8


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.fp += predicted - tp
        self.fn += gold - tp

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    layers: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: {layer: {m: Tally() for m in MATCHINGS} for layer in LAYERS})
    fields: dict[str, Tally] = field(default_factory=dict)
    notices: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = len(self.notices)
        layers = {}
        for layer, tallies in self.layers.items():
            detail = {m: t.scores() for m, t in tallies.items()}
            layers[layer] = {"f1": detail["soft"]["f1"], **detail}
        fields = {name: t.scores() for name, t in sorted(self.fields.items())}
        meta = Tally(sum(t.tp for t in self.fields.values()), sum(t.fp for t in self.fields.values()),
                     sum(t.fn for t in self.fields.values()))
        return {
            "documents": n,
            "exact_structure": round(sum(d["exact"] for d in self.notices) / n, 4) if n else 0.0,
            "exact_full": round(sum(d["exact_full"] for d in self.notices) / n, 4) if n else 0.0,
            "layers": layers,
            "metadata": meta.scores(),
            "fields": fields,
            "notices": self.notices,
        }


def _node_text(notice: Notice, node: Node) -> str:
    span = notice.text[node.start:node.end]
    return span[len(node.marker):] if node.marker and span.startswith(node.marker) else span


def score_notice(notice: Notice, gold: dict[str, Any], report: Report, name: str) -> None:
    """Add one notice's comparison to the report."""
    diffs: list[str] = []
    exact = True
    sections = [n for n in notice.sections if n.kind == SECTION]
    problems = notice.problems
    for matching in MATCHINGS:
        strict = matching == "strict"
        ok_s = _score_sections(sections, gold.get("sections", []), report.layers["sections"][matching], strict,
                               diffs if strict else None)
        ok_p = _score_problems(notice, problems, gold.get("problems", []), report, matching,
                               diffs if not strict else None)
        if not strict:
            exact = ok_s and ok_p
    fields_ok = _score_fields(notice, gold, report, diffs)
    full = exact and fields_ok
    report.notices.append({"doc": name, "exact": exact, "exact_full": full, "differences": diffs})


def _score_sections(pred: list[Node], gold: list[dict[str, Any]], tally: Tally, strict: bool,
                    diffs: list[str] | None) -> bool:
    used: set[int] = set()
    tp = 0
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and p.number == g["number"]
                    and headings_match(g["heading"], p.heading, strict)), None)
        if hit is None:
            if diffs is not None:
                diffs.append(f"section {g['number']} {g['heading']}: not found")
        else:
            used.add(hit)
            tp += 1
    tally.add(tp, len(pred), len(gold))
    return tp == len(pred) == len(gold)


def _score_problems(notice: Notice, pred: list[Problem], gold: list[dict[str, Any]], report: Report, matching: str,
                    diffs: list[str] | None) -> bool:
    strict = matching == "strict"
    ptally, mtally = report.layers["problems"][matching], report.layers["measures"][matching]
    used: set[int] = set()
    tp = 0
    exact = True
    for g in gold:
        gm = g.get("measures", [])
        hit = next((i for i, p in enumerate(pred) if i not in used and p.number == g["number"]
                    and headings_match(g["heading"], p.heading, strict)), None)
        if hit is None:
            exact = False
            mtally.fn += len(gm)
            if diffs is not None:
                diffs.append(f"problem {g['number']} {g['heading'][:30]}: not found")
            continue
        used.add(hit)
        tp += 1
        pm = pred[hit].measures
        right = sum(1 for gp, pp in zip(gm, pm, strict=False) if _measure_match(notice, gp, pp, strict))
        mtally.add(right, len(pm), len(gm))
        if right != len(gm) or len(pm) != len(gm):
            exact = False
            if diffs is not None:
                diffs.append(f"problem {g['number']}: {right}/{len(gm)} measures right, {len(pm)} found")
    extra = [p for i, p in enumerate(pred) if i not in used]
    mtally.fp += sum(len(p.measures) for p in extra)
    if diffs is not None:
        diffs.extend(f"problem {p.number} {(p.heading or '')[:30]}: not in gold" for p in extra)
    ptally.add(tp, len(pred), len(gold))
    return exact and tp == len(pred) == len(gold)


def _measure_match(notice: Notice, gold_prefix: str, node: Node, strict: bool) -> bool:
    want = norm(gold_prefix) if strict else norm(gold_prefix)[:6]
    return norm(_node_text(notice, node)).startswith(want)


def _score_fields(notice: Notice, gold: dict[str, Any], report: Report, diffs: list[str]) -> bool:
    ok = True
    doc = json.loads(notice.model_dump_json(include={"title", "issuer", "date", "source", "inspection",
                                                        "declared", "contacts"}))
    checks: list[tuple[str, Any, Any]] = [(k, gold[k], doc.get(k)) for k in ("title", "issuer", "date", "source")
                                          if k in gold]
    for group in ("inspection", "declared"):
        checks += [(f"{group}.{k}", v, doc[group].get(k)) for k, v in (gold.get(group) or {}).items()]
    for kind, want in (gold.get("contacts") or {}).items():
        canon = (lambda v: "".join(ch for ch in v if ch.isdigit())) if kind == "phones" else str.lower
        checks.append((f"contacts.{kind}", sorted(map(canon, want)), sorted(map(canon, doc["contacts"][kind]))))
    for name, want, got in checks:
        tally = report.fields.setdefault(name, Tally())
        if want == got:
            tally.tp += 1
            continue
        ok = False
        tally.fn += 1
        tally.fp += got not in (None, [])
        diffs.append(f"{name}: want {want!r}, got {got!r}")
    return ok


def evaluate(gold_dir: Path | str) -> Report:
    """Parse every notice with a gold file under ``gold_dir`` and score it."""
    from .api import parse_file
    from .read.errors import InputError

    report = Report()
    for gold_path in sorted(Path(gold_dir).rglob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        notices = [gold_path.with_name(stem + s) for s in NOTICE_SUFFIXES if gold_path.with_name(stem + s).exists()]
        if not notices:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            notice = parse_file(notices[0])
        except InputError as exc:
            notice = None
            report.notices.append({"doc": stem, "exact": False, "exact_full": False,
                                   "differences": [f"unreadable: {exc}"]})
        if notice is not None:
            score_notice(notice, gold, report, stem)
    return report


def format_report(data: dict[str, Any], verbose: bool = False) -> str:
    """The report as text: a table per layer and per field, then the notices that differ."""
    lines = [f"{data['documents']} notices; exact structure {data['exact_structure']:.1%}, "
             f"exact with metadata {data['exact_full']:.1%}", "",
             f"{'layer':<12}{'matching':<9}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for layer, detail in data["layers"].items():
        for m in MATCHINGS:
            s = detail[m]
            lines.append(f"{layer:<12}{m:<9}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                         f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    meta = data["metadata"]
    lines += ["", f"{'field':<28}{'P':>8}{'R':>8}{'F1':>8}{'n':>5}"]
    for name, s in data["fields"].items():
        lines.append(f"{name:<28}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['tp'] + s['fn']:>5}")
    lines.append(f"{'metadata (all fields)':<28}{meta['precision']:>8.3f}{meta['recall']:>8.3f}{meta['f1']:>8.3f}")
    for doc in data["notices"]:
        if verbose:  # every notice, with how it scored, and all its differences (strict matching too)
            status = ("exact" if doc["exact_full"] else "exact structure, metadata differs" if doc["exact"]
                      else "differs")
            lines += ["", f"{doc['doc']}: {status}"] + [f"  {d}" for d in doc["differences"]]
        elif doc["differences"] and not doc["exact_full"]:
            lines += ["", f"{doc['doc']}:"] + [f"  {d}" for d in doc["differences"]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- categories against the notices' own headings

def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


class _CategoryTally:
    """The counts of ``evaluate_categories``, one notice at a time."""

    def __init__(self) -> None:
        from .facts.analysis import AREAS

        self.notices = self.problems = self.unclassified = 0
        self.labelled = self.heading_agree = self.lexicon_agree = self.lexicon_unclassified = 0
        self.by_area = {area: {"agree": 0, "n": 0} for area in AREAS}
        self.differences: list[dict[str, Any]] = []
        self.unreadable: list[dict[str, str]] = []

    def add(self, name: str, notice: Any) -> None:
        from .facts.analysis import UNCLASSIFIED, analyze, heading_hidden

        analysed = analyze(notice).problems
        self.notices += 1
        self.problems += len(analysed)
        self.unclassified += sum(p.category.label == UNCLASSIFIED for p in analysed)
        for index, named, lexicon in heading_hidden(notice):
            area = self.by_area[named.label]
            self.labelled += 1
            area["n"] += 1
            self.heading_agree += analysed[index].category.label == named.label
            if lexicon.label == named.label:
                self.lexicon_agree += 1
                area["agree"] += 1
                continue
            self.lexicon_unclassified += lexicon.label == UNCLASSIFIED
            finding = notice.problems[index]
            self.differences.append({"doc": name, "index": index, "number": finding.number, "heading": finding.heading,
                                     "area": named.label, "group_heading": named.evidence[0],
                                     "lexicon": lexicon.label, "evidence": lexicon.evidence})

    def as_dict(self) -> dict[str, Any]:
        return {
            "notices": self.notices,
            "problems": self.problems,
            "unclassified": {"n": self.unclassified, "share": _share(self.unclassified, self.problems)},
            "labelled": self.labelled,
            "with_heading": {"agree": self.heading_agree, "share": _share(self.heading_agree, self.labelled)},
            "heading_hidden": {
                "agree": self.lexicon_agree, "share": _share(self.lexicon_agree, self.labelled),
                "unclassified": self.lexicon_unclassified,
                "by_area": {a: {**t, "share": _share(t["agree"], t["n"])} for a, t in self.by_area.items()}},
            "differences": self.differences,
            "unreadable": self.unreadable,
        }


def evaluate_categories(folder: Path | str) -> dict[str, Any]:
    """How the categories of ``rectext --analyze`` fare on every notice under ``folder`` (no gold needed;
    the files a batch would read there).

    A group or 方面 section heading that names one inspection area labels every problem under it;
    those labels measure the lexicon with the heading hidden, by area. Also counted: problems left
    未分类 by the analysis as users get it (heading first, then the lexicon).
    """
    from .api import parse_file
    from .corpus.batch import collect_inputs
    from .read.errors import InputError

    tally = _CategoryTally()
    for path in map(Path, collect_inputs([str(folder)])):  # found as a batch finds them
        name = str(path.relative_to(folder))
        try:
            notice = parse_file(path)
        except InputError as exc:
            tally.unreadable.append({"doc": name, "error": str(exc)})
            continue
        tally.add(name, notice)
    return tally.as_dict()


def format_categories(data: dict[str, Any], verbose: bool = False) -> str:
    """The categories report as text: the three figures, agreement by area, then (verbose) each miss."""
    def figure(part: int, whole: int) -> str:
        return f"{part}/{whole} ({part / whole:.3f})" if whole else f"{part}/0 (-)"

    hidden, labelled = data["heading_hidden"], data["labelled"]
    lines = [f"{data['notices']} notices, {data['problems']} problems; "
             f"{labelled} under a heading that names their area", "",
             f"left 未分类 (as analysed)       {figure(data['unclassified']['n'], data['problems'])}",
             f"agree with the heading          {figure(data['with_heading']['agree'], labelled)}",
             f"lexicon alone, heading hidden   {figure(hidden['agree'], labelled)}"
             + (f"; {hidden['unclassified']} left 未分类" if hidden["unclassified"] else ""), ""]
    lines += [f"  {area}{' ' * (14 - 2 * len(area))}{figure(t['agree'], t['n'])}"  # Han: two columns each
              for area, t in hidden["by_area"].items()]
    if verbose and data["differences"]:
        lines += ["", "where the lexicon differs from the heading:"]
        for d in data["differences"]:
            lines.append(f"  {d['doc']} problem {d['number'] or d['index'] + 1}: heading says {d['area']}, "
                         f"lexicon {d['lexicon']} ({'、'.join(d['evidence'][:4]) or 'no evidence'})"
                         f" — {(d['heading'] or '')[:40]}")
    for bad in data["unreadable"]:
        lines.append(f"unreadable: {bad['doc']}: {bad['error']}")
    return "\n".join(lines) + "\n"
