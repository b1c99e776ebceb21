"""The result model: a notice, its parts and its nodes, as frozen Pydantic models.

The models hold data only (parsing: :mod:`rectext.parser`, checking: :mod:`rectext.facts.checks`).
Every offset is a code-point offset into ``Notice.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

NodeKind = Literal["section", "group", "problem", "measure", "item"]
Level = Literal["error", "warning", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """A half-open range ``text[start:end]`` of the notice text."""

    start: int = Field(description="Offset of the first character (code points into `text`).")
    end: int = Field(description="Offset one past the last character.")


SpanMap = dict[str, Span]


class _NodeBase(_Model):
    marker: str | None = Field(description='The numbering marker as written, e.g. "二、", "（一）", "1.", "一是".')
    style: str = Field(
        description='The marker\'s numbering style, written for the number one: "一、", "（一）", "1.", '
        '"（1）", "1）", "一是", "①", "问题一：", "第一，".')
    number: int | None = Field(description="The marker's value: 二、→2, （一）→1, 一是→1.")
    heading: str | None = Field(
        description="The heading or run-in title, without marker or closing punctuation; null when the "
        "node has no heading of its own.")
    body: str = Field(description="The node's own text after its heading, before its first child.")
    start: int = Field(description="Offset of the marker: text[start:end] is the whole node.")
    end: int = Field(description="Offset one past the node's last character, children included.")
    children: list[Node] = Field(default_factory=list, description="Child nodes in document order.")

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self  # type: ignore[misc]
        for child in self.children:
            yield from child.walk()


class Section(_NodeBase):
    """A top-level part of the body (一、二、三、, or （一） when the body starts there)."""

    kind: Literal["section"] = Field(default="section", description="Always \"section\".")


class Group(_NodeBase):
    """A heading that gathers problems, such as （一）关于……方面."""

    kind: Literal["group"] = Field(default="group", description="Always \"group\".")


ProgressStatus = Literal["completed", "in_progress", "ongoing", "not_started"]


class Progress(_Model):
    """What the notice says became of a problem (or of one measure): status, deadline, who answers for it."""

    status: ProgressStatus | None = Field(default=None, description="null when no status can be read (never guessed).")
    status_text: str | None = Field(default=None, description="The words the status was read from, as written.")
    deadline: str | None = Field(default=None, description="The deadline as written: 2024年6月底前, 立行立改.")
    due: str | None = Field(default=None, description="The deadline as a date, YYYY-MM-DD (6月底前 → the month's "
                            "last day, 年底前 → 12-31, the year from context); null for 立行立改, 长期坚持.")
    responsible: list[str] = Field(default_factory=list, description="Units and leaders as written, one each.")
    completed_on: str | None = Field(default=None, description="When the notice says it was done, YYYY-MM-DD.")
    spans: SpanMap = Field(default_factory=dict, description="Where status, deadline and completed_on were read.")
    responsible_spans: list[Span] = Field(default_factory=list, description="Where each responsible entry was read.")


class Problem(_NodeBase):
    """One finding of the inspection, with its rectification."""

    kind: Literal["problem"] = Field(default="problem", description="Always \"problem\".")
    progress: Progress | None = Field(default=None, description="What became of it; null when the notice says not.")

    @property
    def measures(self) -> list[Measure]:
        """The measures of this problem, not those of problems nested inside it."""
        found: list[Measure] = []
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if isinstance(node, Measure):
                found.append(node)
            if not isinstance(node, Problem):
                stack.extend(reversed(node.children))
        return found


class Measure(_NodeBase):
    """One enumerated action or result inside a problem (一是/二是, or 1./2. under 整改措施)."""

    kind: Literal["measure"] = Field(default="measure", description="Always \"measure\".")
    progress: Progress | None = Field(default=None, description="Its own progress, where given per measure.")


class Item(_NodeBase):
    """Any other numbered point: organisational steps, next-step plans."""

    kind: Literal["item"] = Field(default="item", description="Always \"item\".")


Node = Annotated[Union[Section, Group, Problem, Measure, Item], Field(discriminator="kind")]  # noqa: UP007
NODE_CLASSES: dict[str, type[_NodeBase]] = {
    "section": Section, "group": Group, "problem": Problem, "measure": Measure, "item": Item,
}


class Inspection(_Model):
    """The inspection the notice answers to; every field is null when the notice does not say."""

    kind: str | None = Field(default=None, description="巡察 or 巡视 (Simplified).")
    mode: str | None = Field(default=None, description="专项, 提级, 交叉, 机动 or 常规 where the notice says so.")
    team: str | None = Field(default=None, description="The team's full name at first mention, e.g. 区委第二巡察组.")
    round: str | None = Field(default=None, description="The round, 第N轮 alone, e.g. 第四轮.")
    round_qualifier: str | None = Field(
        default=None, description="The term and level before the round, e.g. 十四届省委 in 十四届省委第三轮.")
    target: str | None = Field(default=None, description="The inspected body as written: 区科技局党组, 我院党委.")
    target_resolved: str | None = Field(
        default=None, description="The target with a first-person 我局/我院… resolved to the issuer.")
    aliases: dict[str, str] = Field(
        default_factory=dict, description="Abbreviations the notice defines: (以下简称“市委”) → {\"市委\": full name}.")
    start: str | None = Field(default=None, description="First day of the inspection, YYYY-MM-DD.")
    end: str | None = Field(default=None, description="Last day of the inspection, YYYY-MM-DD.")
    feedback: str | None = Field(default=None, description="Date the findings were fed back, YYYY-MM-DD.")
    period_text: str | None = Field(
        default=None,
        description="The inspection period as written; kept where a fuzzy part (下旬, 底) leaves a date null.")
    feedback_text: str | None = Field(default=None, description="The feedback date as written.")
    spans: SpanMap = Field(default_factory=dict, description="Where each filled field was found, by field name.")


class Declared(_Model):
    """Counts the notice states about itself; null when it does not state them."""

    aspects: int | None = Field(default=None, description="Number of aspects (N个方面, N项 in N项M个问题).")
    problems: int | None = Field(default=None, description="Number of problems fed back.")
    measures: int | None = Field(default=None, description="Number of rectification measures (整改措施N条).")
    completed: int | None = Field(default=None, description="Problems declared fully rectified.")
    in_progress: int | None = Field(default=None, description="Problems declared still being rectified.")
    completion_rate: float | None = Field(default=None, description="Declared completion rate in percent (76.0).")
    ongoing: int | None = Field(default=None, description="Problems declared a standing commitment (长期坚持K项).")
    immediate: int | None = Field(default=None, description="Problems declared rectified at once (立行立改N项).")
    spans: SpanMap = Field(default_factory=dict, description="Where each filled count was found, by field name.")


class ContactEntry(_Model):
    """One contact detail with its place in the text."""

    kind: Literal["phone", "email", "address", "postcode"] = Field(description="What the detail is.")
    value: str = Field(description="The detail as written (e-mails with half-width characters).")
    label: str | None = Field(default=None, description="The label before it, e.g. 监督电话, 联系电话.")
    start: int = Field(description="Offset of the detail.")
    end: int = Field(description="Offset one past the detail.")


class Contacts(_Model):
    """Contact details the notice gives for supervision."""

    phones: list[str] = Field(default_factory=list, description="Telephone numbers as written.")
    emails: list[str] = Field(default_factory=list, description="E-mail addresses.")
    address: str | None = Field(default=None, description="Postal address (通信地址, 邮政信箱).")
    postcode: str | None = Field(default=None, description="Postal code (邮编).")
    entries: list[ContactEntry] = Field(default_factory=list, description="Every detail with its span.")


QuantityKind = Literal["money", "count", "area", "percent", "duration"]


class Quantity(_Model):
    """An amount in the text, normalised: money in yuan, areas in square metres."""

    text: str = Field(description="The amount as written, e.g. 39055.76萬元.")
    value: float = Field(description="The value in the base unit: yuan for money, m² for area, percent for percent.")
    unit: str = Field(description="The base unit (元, 平方米, %, 天 …) or the measure word of a count (家, 次, 人).")
    kind: QuantityKind = Field(description="money, count, area, percent or duration.")
    approximate: bool = Field(description="True for 余/多/近/约/超过 amounts.")
    start: int = Field(description="Offset of the amount.")
    end: int = Field(description="Offset one past the amount.")


class Outcome(_Model):
    """A figure the notice reports about the rectification: people handled, funds recovered, rules made."""

    label: str = Field(description="What was counted, as written: 党纪处分, 追回资金, 新建制度 …")
    category: str = Field(description="discipline (处分, 组织处理 …), funds (追回, 清退 …), rules, meetings, training.")
    value: float = Field(description="The figure in its base unit (yuan for money).")
    unit: str = Field(description="The unit: 人, 元, 项, 次 …")
    approximate: bool = Field(description="True for 余/多/近/约 figures.")
    start: int = Field(description="Offset where the label starts.")
    end: int = Field(description="Offset one past the figure.")


class Diagnostic(_Model):
    """Something the parser noticed: a numbering gap, a count that does not add up, unplaced text."""

    level: Level = Field(description="error, warning or info; --strict fails on warning and error.")
    code: str = Field(description="A stable identifier, e.g. numbering-gap.")
    message: str = Field(description="What was found, quoting the text.")
    start: int = Field(description="Offset where the evidence starts.")
    end: int = Field(description="Offset where the evidence ends.")
    related: list[Span] = Field(
        default_factory=list,
        description="The other side of a check, e.g. the problems a declared count is compared with.")


class InputInfo(_Model):
    """Where the text came from and what reading it involved (set by parse_file and the CLI)."""

    path: str | None = Field(default=None, description="The file read, or null for standard input.")
    encoding: str = Field(description="The encoding the bytes were decoded with, detected or forced; for a Word "
                          "or PDF file, the reader that extracted the text (python-docx, pdfium).")
    format: Literal["text", "html", "docx", "pdf"] = Field(description="text; html when the text was extracted "
        "from a page; docx or pdf from a Word file (automatic numbers written out) or a PDF's text layer.")
    bytes: int = Field(description="Size of the input in bytes.")
    sha256: str = Field(description="SHA-256 of the input's bytes, hex; its first 16 digits are the notice id.")
    cleaned: dict[str, int] = Field(
        default_factory=dict,
        description="What was removed before parsing, with counts: pinyin (关(guān)于), page_numbers "
        "(— 3 — lines of a PDF copy), page_headers (a PDF's running headers and footers), "
        "pages_without_text (PDF pages with no text layer), line_breaks (the line breaks of hard-wrapped "
        "text, joined back into paragraphs), numbers_capped (Word paragraphs whose automatic number was past a "
        "bound: a number over 32,767 or a label over 32 characters, cut there; docs/limits.md).")


GenreLabel = Literal[
    "rectification-notice", "inspection-announcement", "audit-report", "news", "speech", "unknown"
]


class Genre(_Model):
    """What kind of text this looks like, so a batch can keep only rectification notices."""

    label: GenreLabel = Field(
        description="rectification-notice, inspection-announcement, audit-report, news, speech or unknown.")
    confidence: float = Field(description="How sure, from 0 to 1.")
    evidence: list[str] = Field(default_factory=list, description="The cues that decided it, as found in the text.")


CONCRETE_AT = 0.5  # specificity at or above which a measure counts as concrete


class Keyword(_Model):
    """A keyword of a problem."""

    word: str = Field(description="The keyword (Simplified).")
    weight: float = Field(description="Its TF-IDF weight in the problem's text.")


class Category(_Model):
    """A problem's category with the evidence that decided it."""

    label: str = Field(description="政治建设, 全面从严治党, 组织建设 or 整改落实; 未分类 when no evidence.")
    confidence: float = Field(description="The winning score's share of all scores, 0 to 1; 1 when a heading decided.")
    evidence: list[str] = Field(description="The terms that decided it (Simplified), strongest first.")
    source: Literal["heading", "lexicon", "none"] = Field(
        default="lexicon", description="heading: the group or 方面 section the problem sits under names its area "
                    "(在“贯彻落实党中央决策部署”方面); lexicon: its own words decided (evidence "
                    "lists them); none: no term of any area in its heading, text or measures (未分类).")
    heading: Span | None = Field(default=None, description="The heading that decided it, when source is heading.")


class ProblemAnalysis(_Model):
    """What one problem is about."""

    index: int = Field(description="Position among Notice.problems (document order).")
    number: int | None = Field(description="The problem's marker value.")
    heading: str | None = Field(description="The problem's heading as written.")
    category: Category = Field(description="Its category in the standard inspection taxonomy.")
    tags: list[str] = Field(description="Topic tags (财务, 选人用人, 意识形态, 作风 …).")
    keywords: list[Keyword] = Field(description="TF-IDF keywords of heading and rectification text.")


class MeasureAnalysis(_Model):
    """How concrete one measure is."""

    problem_index: int = Field(description="The problem it belongs to (index into problems).")
    index: int = Field(description="Position among the problem's measures.")
    start: int = Field(description="Offset of the measure.")
    specificity: float = Field(description="0 (stock phrases only) to 1 (numbers, dates, documents, owners).")
    concrete: bool = Field(description=f"specificity ≥ {CONCRETE_AT}.")
    reasons: list[str] = Field(description="The concrete signals found: numbers, dates, 《documents》, owners, people.")
    stock_phrases: list[str] = Field(description="Stock phrases found (高度重视, 举一反三 …).")


class Person(_Model):
    """A person named with a post."""

    name: str = Field(description="The name as written.")
    post: str = Field(description="The post as written before the name.")
    start: int = Field(description="Offset of the post.")
    end: int = Field(description="Offset one past 同志.")


class Analysis(_Model):
    """What the problems are about and how concrete the measures are."""

    problems: list[ProblemAnalysis] = Field(description="One entry per problem, in document order.")
    measures: list[MeasureAnalysis] = Field(description="One entry per measure, in document order.")
    concrete_share: float | None = Field(description="Share of measures that are concrete; null with no measures.")
    categories: dict[str, int] = Field(description="How many problems fall in each category.")
    people: list[Person] = Field(description="People named with their posts (党组书记姚詠華同志).")


class Parts(_Model):
    """How the text divides: header, preamble, body and closing cover it end to end."""

    header: Span = Field(description="Title line and page-header lines (时间/来源/浏览 …) before the preamble.")
    preamble: Span = Field(description="Text between the header and the first section.")
    body: Span = Field(description="The sections, from the first marker to the closing.")
    closing: Span = Field(description="Invitation to supervise, contacts, signature and date after the body.")


class Notice(_Model):
    """One parsed rectification notice."""

    schema_version: str = Field(default=SCHEMA_VERSION, description='"1" until a breaking change.')
    title: str | None = Field(default=None, description="The notice's title line; null when there is none.")
    issuer: str | None = Field(
        default=None, description="Who issues it, e.g. 中共XX局党组: from the title, else the signature.")
    date: str | None = Field(default=None, description="Date of issue, YYYY-MM-DD: signature, else page header.")
    source: str | None = Field(default=None, description="来源 named in the page header.")
    inspection: Inspection = Field(default_factory=Inspection, description="The inspection answered to.")
    declared: Declared = Field(default_factory=Declared, description="Counts the notice states about itself.")
    contacts: Contacts = Field(default_factory=Contacts, description="Phones and e-mails for supervision.")
    quantities: list[Quantity] = Field(default_factory=list, description="Every amount in the text, in order.")
    outcomes: list[Outcome] = Field(default_factory=list, description="Figures reported about the rectification.")
    spans: SpanMap = Field(
        default_factory=dict, description="Where title, issuer, date and source were found, by field name.")
    genre: Genre = Field(description="What kind of text this looks like.")
    input: InputInfo | None = Field(default=None, description="How the text was read; null for parse(text).")
    analysis: Analysis | None = Field(
        default=None, description="Categories, keywords and measure specificity; only with --analyze.")
    parts: Parts = Field(description="Header, preamble, body and closing spans.")
    sections: list[Node] = Field(default_factory=list, description="The body's top-level parts in order.")
    diagnostics: list[Diagnostic] = Field(default_factory=list, description="Findings about the parse.")
    text: str = Field(description="The text every offset points into.")

    def walk(self) -> Iterator[Node]:
        """Every node, in document order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def problems(self) -> list[Problem]:
        """Every problem in document order, nested ones included."""
        return [n for n in self.walk() if isinstance(n, Problem)]

    @property
    def measures(self) -> list[Measure]:
        """Every measure in document order."""
        return [n for n in self.walk() if isinstance(n, Measure)]

    def span_text(self, node: _NodeBase | Span | Diagnostic) -> str:
        """The text a node, span or diagnostic points at."""
        return self.text[node.start:node.end]


for _cls in (*NODE_CLASSES.values(),):
    _cls.model_rebuild()
Notice.model_rebuild()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Notice`, with the defaults Pydantic leaves out.

    Pydantic omits ``default`` where a field has a ``default_factory``; it is filled in here (``[]``,
    ``{}``, an empty :class:`Inspection` …), so the schema alone says what an absent field means. Shipped as
    ``rectext/data/notice.schema.json``, printed by ``rectext schema``, used by :mod:`rectext.outputs.jsonout`.
    """
    from pydantic_core import to_jsonable_python

    schema = Notice.model_json_schema()
    for cls in _subclasses(_Model):
        target = schema if cls is Notice else schema["$defs"].get(cls.__name__)
        for field, info in cls.model_fields.items() if target else ():
            if info.default_factory is not None:
                target["properties"][field]["default"] = to_jsonable_python(info.default_factory())  # type: ignore[call-arg]
    return schema


def _subclasses(cls: type[_Model]) -> Iterator[type[_Model]]:
    sub: type[_Model]
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
