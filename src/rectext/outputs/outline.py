"""An indented outline of the tree: the form a reviewer reads and a diff shows.

One node per line: ``kind marker heading``, indented two spaces per level,
optionally with its ``[start:end]`` span.
"""

from __future__ import annotations

from ..models import Notice
from ..text.figures import period
from ..vocab import GROUP, PROBLEM, SECTION
from .labels import TEXTS, notice_language, said

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from ..models import Node


def render_outline(notice: Notice, spans: bool = False, rules: dict[int, str] | None = None,
                   diagnostics: str | None = None) -> str:
    """The tree as text, one node per line; with ``rules`` (node start → rule name, from
    :func:`rectext.parser.parse_record`), each line ends with the rule that decided its kind; with
    ``diagnostics`` (a language: en, zh-Hans, zh-Hant), the warnings and errors follow the tree, one a line
    (``! warning numbering-gap [12:20] …``), after a blank line.

    >>> from rectext import parse
    >>> print(render_outline(parse("一、整改情况\\n1.学习不够的问题\\n一是加强学习。\\n")), end="")
    section 一、 整改情况
      problem 1. 学习不够的问题
        measure 一是 加强学习
    """
    out: list[str] = []

    def visit(nodes: Sequence[Node], depth: int) -> None:
        for node in nodes:
            span = f" [{node.start}:{node.end}]" if spans else ""
            heading = f" {one_line(node.heading)}" if node.heading else ""
            why = f"  ← {rules.get(node.start, '?')}" if rules is not None else ""
            out.append(f"{'  ' * depth}{node.kind} {node.marker}{span}{heading}{why}")
            visit(node.children, depth + 1)

    if rules is not None:  # markers the rules kept out of the tree (run in before the body)
        starts = {node.start for node in notice.walk()}
        out.extend(f"text {one_line(notice.text[start:start + 8])}…  ← {rule}"
                   for start, rule in sorted(rules.items()) if start not in starts)
    visit(notice.sections, 0)
    if diagnostics is not None:
        out.extend(_diagnostic_lines(notice, diagnostics, bool(out)))
    return "\n".join(out) + ("\n" if out else "")


def _diagnostic_lines(notice: Notice, lang: str, gap: bool) -> list[str]:
    """The warnings and errors (infos are in the JSON), in ``lang``."""
    shown = [d for d in notice.diagnostics if d.level != "info"]
    lines = [f"! {d.level} {d.code} [{d.start}:{d.end}] {one_line(said(d, lang))}" for d in shown]
    return ([""] if gap and lines else []) + lines


def one_line(text: str) -> str:
    """A heading wrapped over lines in the source, as one line (the lines' edges trimmed)."""
    return "".join(part.strip() for part in text.splitlines()) if "\n" in text else text


_MD_LEVEL = {SECTION: 2, GROUP: 3, PROBLEM: 4}


def render_markdown(notice: Notice, lang: str | None = None) -> str:
    """The notice as Markdown: headings for sections, groups and problems; lists for measures and items.
    Labelled in ``lang`` (zh-Hans, zh-Hant, en), by default in the notice's own script."""
    lang = notice_language(notice, lang)
    t = TEXTS[lang]
    out: list[str] = [f"# {notice.title or t['untitled']}", ""]
    ins = notice.inspection
    names = t["facts"]
    facts = [(names[0], notice.issuer), (names[1], notice.date), (names[2], notice.source),
             (names[3], ins.team), (names[6], period(ins)), (names[7], ins.feedback)]
    out += [f"- **{name}**: {value}" for name, value in facts if value]
    out.append("")
    preamble = notice.text[notice.parts.preamble.start:notice.parts.preamble.end].strip()
    if preamble:
        out += [_md_escape(preamble), ""]

    def visit(nodes: Sequence[Node], depth: int) -> None:
        for node in nodes:
            title = " ".join(part for part in (node.marker, one_line(node.heading or "")) if part)
            level = _MD_LEVEL.get(node.kind)
            if level and depth < 3:
                out.extend([f"{'#' * min(level, depth + 2)} {_md_escape(title)}", ""])
                if node.body:
                    out.extend([_md_escape(node.body), ""])
                visit(node.children, depth + 1)
            else:
                body = f" — {_md_escape(node.body)}" if node.body else ""
                out.append(f"{'  ' * max(0, depth - 3)}- **{_md_escape(title)}**{body}")
                visit(node.children, depth + 1)
                if depth <= 3:
                    out.append("")

    visit(notice.sections, 0)
    closing = notice.text[notice.parts.closing.start:].strip()
    if closing:
        out += ["---", "", _md_escape(closing).replace("\n", "  \n"), ""]
    if notice.diagnostics:
        out += [f"## {t['diagnostics']}", ""] + [f"- {t['levels'][d.level]} `{d.code}`: {_md_escape(said(d, lang))}"
                                                for d in notice.diagnostics]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str) -> str:
    """Keep Markdown from reading notice text as markup (a line starting "1." or "#")."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")
