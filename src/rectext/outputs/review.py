"""A review page: the parse drawn on the notice itself, as one self-contained HTML file.

The notice's text is shown with every node wrapped in an element carrying
``data-kind`` (section, group, problem, measure, item), each kind in its own
colour; an outline beside it jumps to each node; a header card gives the
facts and the declared counts against the parsed ones; every diagnostic is
listed and linked to its place. Selecting a problem shows its measures and,
with ``--analyze``, its category and keywords. No network: CSS and JS inline.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from ..models import Node, Notice, Problem
from ..text.figures import aspects, leaf_problems, period
from ..text.fold import fold
from ..vocab import MEASURE, PROBLEM, PROGRESS_OVERDUE
from .labels import TEXTS, genre_label, language, notice_language, said

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import Protocol

    class Outcome(Protocol):
        """What a batch gives for one input (:class:`rectext.corpus.batch.Outcome`), as far as a page needs it."""

        @property
        def path(self) -> str: ...
        @property
        def notice_id(self) -> str: ...
        @property
        def line(self) -> str: ...
        @property
        def ok(self) -> bool: ...


def _asset(name: str) -> str:
    """A stylesheet or script shipped in rectext/data, inlined so the page needs no network."""
    return (resources.files("rectext") / "data" / name).read_text(encoding="utf-8")


def _node_ids(notice: Notice) -> dict[int, str]:
    return {id(node): f"n{i}" for i, node in enumerate(notice.walk())}


def _text_html(notice: Notice, ids: dict[int, str], t: dict[str, Any]) -> str:
    text = notice.text
    anchors = sorted((d.start, i) for i, d in enumerate(notice.diagnostics))

    def plain(a: int, b: int) -> str:
        out, pos = [], a
        for at, i in anchors:
            if a <= at < b or (at == b == len(text) and b > a):
                out.append(escape(text[pos:at]))
                out.append(f'<a class="danchor" id="d{i}" aria-hidden="true"></a>')
                pos = at
        out.append(escape(text[pos:b]))
        return "".join(out)

    def render(nodes: list[Node], start: int, end: int) -> str:
        out, pos = [], start
        for node in nodes:
            out.append(plain(pos, node.start))
            marker_end = node.start + len(node.marker or "")
            attrs = (f'class="node" id="{ids[id(node)]}" data-kind="{node.kind}" '
                     f'data-number="{node.number if node.number is not None else ""}"')
            if node.kind == PROBLEM:
                attrs += f' tabindex="0" role="button" aria-label="{escape(_label(node, t))}"'
                status = node.progress.status if isinstance(node, Problem) and node.progress else None
                attrs += f' data-status="{status}"' if status else ""
            out.append(f"<span {attrs}><span class=\"marker\">{plain(node.start, marker_end)}</span>")
            out.append(render(node.children, marker_end, node.end))
            out.append("</span>")
            pos = node.end
        out.append(plain(pos, end))
        return "".join(out)

    p = notice.parts
    return (f'<span class="part" data-part="header">{plain(p.header.start, p.header.end)}</span>'
            f'<span class="part" data-part="preamble">{plain(p.preamble.start, p.preamble.end)}</span>'
            f"{render(notice.sections, p.body.start, p.body.end)}"
            f'<span class="part" data-part="closing">{plain(p.closing.start, p.closing.end)}</span>')


def _label(node: Node, t: dict[str, Any]) -> str:
    return f"{t['kinds'][node.kind]} {node.marker or ''} {node.heading or ''}".strip()


def _outline_html(nodes: list[Node], ids: dict[int, str], t: dict[str, Any], overdue: set[int]) -> str:
    if not nodes:
        return ""
    items = []
    for node in nodes:
        heading = escape((node.heading or "")[:60])
        badge = f'<span class="badge" title="{t["kinds"][node.kind]}">{t["badges"][node.kind]}</span>'
        link = (f'<a href="#{ids[id(node)]}" data-node-kind="{node.kind}">{badge}'
                f'{escape(node.marker or "")} {heading}</a>')
        children = "" if node.kind == MEASURE else _outline_html(node.children, ids, t, overdue)
        items.append(f"<li>{link}{_progress_html(node, t, node.start in overdue)}{children}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _progress_html(node: Node, t: dict[str, Any], overdue: bool) -> str:
    """A problem's status as a badge, its deadline and its owners (nothing when the notice says nothing)."""
    progress = node.progress if isinstance(node, Problem) else None
    if progress is None:
        return ""
    parts = [f'<span class="status" data-status="{s}">{t["status"][s]}</span>'
             for s in ([progress.status] if progress.status else []) + (["overdue"] if overdue else [])]
    if progress.deadline:
        due = f' <time datetime="{progress.due}">' if progress.due else " <span>"
        parts.append(f'<span class="deadline">{t["deadline"]}:{due}{escape(progress.deadline)}'
                     f'{"</time>" if progress.due else "</span>"}</span>')
    if progress.responsible:
        parts.append(f'<span class="owner">{t["responsible"]}: {escape("、".join(progress.responsible))}</span>')
    return f'<div class="progress">{" ".join(parts)}</div>'


def _overdue(notice: Notice) -> set[int]:
    """The starts of the problems an overdue diagnostic is about."""
    return {r.start for d in notice.diagnostics if d.code == PROGRESS_OVERDUE for r in d.related[:1]}


def _counts_html(notice: Notice, t: dict[str, Any]) -> str:
    kinds: list[str] = [n.kind for n in notice.walk()]
    d = notice.declared
    leaves = leaf_problems(notice.sections)
    statuses = [p.progress.status if p.progress else None for p in leaves]
    told = any(statuses)
    parsed = {"problems": len(notice.problems), "measures": kinds.count(MEASURE), "aspects": _aspects(notice),
              **{s: statuses.count(s) if told else None for s in ("completed", "in_progress", "ongoing")},
              "overdue": len(_overdue(notice)) if told else None}
    rows = []
    for name in ("problems", "measures", "aspects", "completed", "in_progress", "ongoing", "overdue"):
        declared = getattr(d, name, None)
        got = parsed[name]
        fits = got is None or declared is None or declared == got or (name == "problems" and declared == len(leaves))
        cls = "" if fits else ' class="bad"'
        rows.append(f"<tr><th scope=\"row\">{t['counts'][name]}</th><td>{_v(declared)}</td>"
                    f"<td{cls}>{_v(got)}</td></tr>")
    rate = f"<p>{t['rate']}: {d.completion_rate}%</p>" if d.completion_rate is not None else ""
    return (f'<table class="counts"><caption>{t["caption"]}</caption><thead><tr><th scope="col">{t["count"]}</th>'
            f'<th scope="col">{t["declared"]}</th><th scope="col">{t["parsed"]}</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>" + rate)


def _aspects(notice: Notice) -> int | None:
    """Top-level 方面 parts: outermost groups, or sections headed ……方面; None when there are none."""
    return len(aspects(notice.sections, lambda n: fold(n.heading or ""))) or None


def _v(value: Any) -> str:
    return "—" if value is None else escape(str(value))


def _facts_html(notice: Notice, t: dict[str, Any], lang: str) -> str:
    ins = notice.inspection
    values = (notice.issuer, notice.date, notice.source, ins.team, ins.round, ins.target, period(ins), ins.feedback,
              genre_label(notice, lang))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{_v(v)}</dd>" for k, v in zip(t["facts"], values,
                                                                                          strict=True)) + "</dl>"


def _diagnostics_html(notice: Notice, t: dict[str, Any], lang: str) -> str:
    if not notice.diagnostics:
        return f"<p>{t['none']}</p>"
    items = [f'<li class="{d.level}"><a href="#d{i}">{escape(t["levels"][d.level])} '
             f"<code>{escape(d.code)}</code></a>: {escape(said(d, lang))}</li>"
             for i, d in enumerate(notice.diagnostics)]
    return f'<ul class="diags">{"".join(items)}</ul>'


def _data(notice: Notice, ids: dict[int, str], t: dict[str, Any], overdue: set[int]) -> dict[str, Any]:
    """What the page's script shows of the selected problem: its measures, its progress as the outline
    shows it (badge, deadline, owners), and with --analyze its category, tags and keywords."""
    analysis = notice.analysis
    by_problem = {p.index: p for p in analysis.problems} if analysis else {}
    concrete = {m.start: m.concrete for m in analysis.measures} if analysis else {}
    problems = {}
    for i, p in enumerate(notice.problems):
        entry: dict[str, Any] = {
            "marker": p.marker, "heading": p.heading,
            "progress": p.progress.model_dump(exclude={"spans", "responsible_spans"}) if p.progress else None,
            "progress_html": _progress_html(p, t, p.start in overdue),
            "measures": [{"id": ids[id(m)], "marker": m.marker, "heading": m.heading,
                          **({"concrete": concrete[m.start]} if m.start in concrete else {})} for m in p.measures],
        }
        if i in by_problem:
            a = by_problem[i]
            entry.update(category=a.category.model_dump(), tags=a.tags, keywords=[k.word for k in a.keywords])
        problems[ids[id(p)]] = entry
    return {"problems": problems}


def render_html(notice: Notice, lang: str | None = None) -> str:
    """The review page of one notice, as a complete HTML document, labelled in ``lang`` (zh-Hans, zh-Hant,
    en; zh = zh-Hans), by default in the notice's own script."""
    lang = notice_language(notice, lang)
    t = TEXTS[lang]
    ids = _node_ids(notice)
    title = notice.title or (notice.input.path if notice.input and notice.input.path else t["untitled"])
    overdue = _overdue(notice)
    data = json.dumps({**_data(notice, ids, t, overdue), "labels": t["js"]}, ensure_ascii=False).replace("</", "<\\/")
    legend = "".join(f'<span class="swatch" style="background:var(--{k})">{v}</span>' for k, v in t["kinds"].items())
    return f"""<!DOCTYPE html>
<html lang="{t["html_lang"]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rectext">
<title>{escape(title)} — {t["review"]}</title>
<style>{_asset("review.css")}</style>
</head>
<body>
<a class="skip" href="#text">{t["skip"]}</a>
<header class="card">
<h1>{escape(title)}</h1>
{_facts_html(notice, t, lang)}
{_counts_html(notice, t)}
<p class="legend" aria-label="{t["colours"]}">{legend}</p>
</header>
<div class="layout">
<nav class="outline" aria-labelledby="outline-h"><h2 id="outline-h">{t["outline"]}</h2>
{_outline_html(notice.sections, ids, t, overdue)}</nav>
<main id="text" tabindex="-1"><h2>{t["text"]}</h2><div class="text">{_text_html(notice, ids, t)}</div></main>
<aside class="details" aria-labelledby="details-h"><h2 id="details-h">{t["selected"]}</h2>
<div id="details-body" aria-live="polite">
<p>{t["hint"]}</p></div>
<h2 id="diag-h">{t["diagnostics"]} ({len(notice.diagnostics)})</h2>{_diagnostics_html(notice, t, lang)}</aside>
</div>
<script type="application/json" id="rectext-data">{data}</script>
<script>{_asset("review.js")}</script>
</body>
</html>
"""


# ---------------------------------------------------------------- a batch's pages



INDEX_COLUMNS = (("notice", "text"), ("issuer", "text"), ("date", "text"), ("problems", "number"),
                 ("measures", "number"), ("warnings", "number"), ("genre", "text"), ("status", "text"))


class BatchPages:
    """Writes a review page per parsed notice of a batch, then an index page listing them all."""

    def __init__(self, folder: Path, lang: str | None = None) -> None:
        self.folder, self.lang = folder, lang  # None: each page in its notice's script, the index in the most usual
        self.scripts: dict[str, int] = {}
        folder.mkdir(parents=True, exist_ok=True)
        self.rows: list[tuple[str, str | None, list[str]]] = []  # path, page, cells
        self.names: dict[str, str] = {}  # path → what the index calls the notice

    def add(self, outcome: Outcome) -> None:
        page = f"{outcome.notice_id or 'error'}-{len(self.rows):05d}.html"
        if outcome.ok:
            notice = Notice.model_validate_json(outcome.line)
            (self.folder / page).write_text(render_html(notice, self.lang), encoding="utf-8")
            shown = notice_language(notice, self.lang)
            self.scripts[shown] = self.scripts.get(shown, 0) + 1
            kinds: list[str] = [n.kind for n in notice.walk()]
            warnings = sum(d.level != "info" for d in notice.diagnostics)
            self.names[outcome.path] = notice.title or outcome.path
            cells = [f'<a href="{page}">{escape(notice.title or outcome.path)}</a>', escape(notice.issuer or ""),
                     escape(notice.date or ""), str(kinds.count(PROBLEM)), str(kinds.count(MEASURE)), str(warnings),
                     notice.genre.label, "ok"]
            self.rows.append((outcome.path, page, cells))
        else:
            record = json.loads(outcome.line)
            cells = [escape(outcome.path), "", "", "", "", "", "",
                     escape(f"{TEXTS[self._index_lang()]['error']}: {record['message']}")]
            self.rows.append((outcome.path, None, cells))

    def _index_lang(self) -> str:
        """The index's language: the one asked for, else the script most of the pages are in."""
        if self.lang is not None:
            return language(self.lang)
        if not self.scripts:
            return "zh-Hans"
        return max(self.scripts, key=lambda lang: (self.scripts[lang], lang == "zh-Hans"))

    def _repeat_cells(self, repeats: list[dict[str, str]]) -> dict[str, str]:
        """For each later notice: how many of its problems repeat earlier ones, linked to those notices."""
        pages = {path: page for path, page, _ in self.rows if page}
        earlier: dict[str, dict[str, int]] = {}
        for r in repeats:
            counts = earlier.setdefault(r["later_path"], {})
            counts[r["earlier_path"]] = counts.get(r["earlier_path"], 0) + 1
        out = {}
        for later, counts in earlier.items():
            links = [f'<a href="{pages[p]}">{escape(self.names.get(p, p))}</a> ({n})' if p in pages
                     else f"{escape(p)} ({n})" for p, n in counts.items()]
            out[later] = f"{sum(counts.values())}: " + "; ".join(links)
        return out

    def finish(self, repeats: list[dict[str, str]] | None = None) -> None:
        """The index page; with ``repeats`` (repeats.csv's rows) a column linking each notice to the
        earlier notices whose problems it repeats."""
        t = TEXTS[self._index_lang()]
        columns = list(zip(t["index"], INDEX_COLUMNS, strict=True))
        linked = self._repeat_cells(repeats) if repeats is not None else None
        if linked is not None:
            columns.append((t["repeats"], ("repeats", "number")))
        head = "".join(f'<th scope="col" data-sort="{kind}"><button type="button">{name}</button></th>'
                       for name, (_, kind) in columns)
        body = []
        for path, page, cells in self.rows:
            if page:  # the genre in the index's language
                cells = [*cells[:6], escape(t["genres"].get(cells[6], cells[6])), *cells[7:]]
            extra = [] if linked is None else [linked.get(path, "0")]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in (*cells, *extra)) + "</tr>")
        heading = f"{t['review']}: {len(self.rows)} {t['notices']}"
        html = f"""<!DOCTYPE html>
<html lang="{t["html_lang"]}"><head><meta charset="utf-8"><title>{heading}</title>
<style>{_asset("review.css")}
table.index {{ border-collapse:collapse; margin:16px 24px; }}
table.index th, table.index td {{ border:1px solid var(--line); padding:4px 10px; }}
table.index th button {{ font:inherit; font-weight:700; background:none; border:0; cursor:pointer; }}
table.index th[aria-sort="ascending"] button::after {{ content:" ▲"; }}
table.index th[aria-sort="descending"] button::after {{ content:" ▼"; }}
</style></head>
<body><header class="card"><h1>{heading}</h1>
<p>{t["sort"]}</p></header>
<main><table class="index"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></main>
<script>{_asset("index.js")}</script></body></html>
"""
        (self.folder / "index.html").write_text(html, encoding="utf-8")
