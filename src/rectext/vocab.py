"""The words of rectext's results, spelled once: node kinds, diagnostic codes, genre labels.

Every module that decides, checks, counts or shows these values uses the names here;
the models (:mod:`rectext.models`) give the same values as the types of their fields.
Plain strings, so the records stay plain data and the JSON stays as it is.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from typing import Literal

    Kind = Literal["section", "group", "problem", "measure", "item"]
    Level = Literal["error", "warning", "info"]

# ---------------------------------------------------------------- node kinds

SECTION = "section"  # 一、…: a top-level part of the notice
GROUP = "group"  # （一）…方面: a heading that gathers problems
PROBLEM = "problem"  # 1.…的问题: a finding of the inspection
MEASURE = "measure"  # 一是…: what was done about the problem above it
ITEM = "item"  # any other numbered point
KINDS = (SECTION, GROUP, PROBLEM, MEASURE, ITEM)

# ---------------------------------------------------------------- marker styles
# The names of the marker patterns' groups (rectext.text.patterns), and how each style is written for a reader.

CN_DUN, CN_PAREN, AR_DOT, AR_PAREN, AR_RPAREN = "cn_dun", "cn_paren", "ar_dot", "ar_paren", "ar_rparen"
CIRCLED, CN_SHI, WENTI, CN_DI = "circled", "cn_shi", "wenti", "cn_di"
CN_RPAREN, CUOSHI = "cn_rparen", "cuoshi"
AR_SUB = "ar_sub"  # 1-2，: a point numbered within its group; the node's number is null (two numbers in one)
STYLE_LABEL = {
    CN_DUN: "一、", CN_PAREN: "（一）", AR_DOT: "1.", AR_PAREN: "（1）", CIRCLED: "①", CN_SHI: "一是",
    AR_RPAREN: "1）", WENTI: "问题一：", CN_DI: "第一，", CN_RPAREN: "一）", CUOSHI: "措施一：", AR_SUB: "1-2，",
}

# ---------------------------------------------------------------- diagnostics

ERROR, WARNING, INFO = "error", "warning", "info"

NUMBERING_GAP = "numbering-gap"
NUMBERING_DUPLICATE = "numbering-duplicate"
NUMBERING_RESTART = "numbering-restart"
NUMBERING_ORDER = "numbering-order"
NUMBERING_START = "numbering-start"
NO_STRUCTURE = "no-structure"
NO_TITLE = "no-title"
GENRE = "genre"
UNPLACED_TEXT = "unplaced-text"
CUT_SHORT = "cut-short"
SURROGATES_REPLACED = "surrogates-replaced"
DECLARED_PROBLEMS_MISMATCH = "declared-problems-mismatch"
DECLARED_MEASURES_MISMATCH = "declared-measures-mismatch"
DECLARED_ASPECTS_MISMATCH = "declared-aspects-mismatch"
DECLARED_PROGRESS_MISMATCH = "declared-progress-mismatch"
DECLARED_RATE_MISMATCH = "declared-rate-mismatch"
PROGRESS_OVERDUE = "progress-overdue"  # due before the notice's date, and not completed
DECLARED_MISMATCH = {"problems": DECLARED_PROBLEMS_MISMATCH, "measures": DECLARED_MEASURES_MISMATCH,
                     "aspects": DECLARED_ASPECTS_MISMATCH}
CODES = (
    NUMBERING_GAP, NUMBERING_DUPLICATE, NUMBERING_RESTART, NUMBERING_ORDER, NUMBERING_START, NO_STRUCTURE,
    NO_TITLE, GENRE, UNPLACED_TEXT, CUT_SHORT, SURROGATES_REPLACED, DECLARED_PROBLEMS_MISMATCH,
    DECLARED_MEASURES_MISMATCH, DECLARED_ASPECTS_MISMATCH, DECLARED_PROGRESS_MISMATCH, DECLARED_RATE_MISMATCH,
    PROGRESS_OVERDUE,
)

# ---------------------------------------------------------------- progress statuses
# What became of a problem (rectext.facts.progress reads it; Progress.status holds it).

COMPLETED, IN_PROGRESS, ONGOING, NOT_STARTED = "completed", "in_progress", "ongoing", "not_started"
STATUSES = (COMPLETED, IN_PROGRESS, ONGOING, NOT_STARTED)
STATUS_LABEL = {COMPLETED: "已完成", IN_PROGRESS: "推进中", ONGOING: "长期坚持", NOT_STARTED: "未完成"}
# The closed vocabulary a status is read in (folded: Simplified, half-width), tried in this order: the first
# group with a word in the text decides (未完成 before 完成, 阶段性完成 before 完成, 已完成并长期坚持 is completed).
# A text with none of these words has no status: it stays null, never guessed.
STATUS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (NOT_STARTED, ("尚未完成", "未完成", "尚未整改", "未整改", "尚未启动", "未启动", "尚未开始", "未开始", "未落实")),
    (IN_PROGRESS, ("阶段性", "基本完成", "部分完成", "初步完成", "基本整改到位", "基本到位")),
    (COMPLETED, ("已完成", "已整改", "整改完成", "完成整改", "整改到位", "办结", "销号", "已落实", "整改完毕",
                 "已解决", "已全部完成", "按期完成", "按时完成")),
    (IN_PROGRESS, ("正在", "推进中", "整改中", "进行中", "在推进", "在整改", "持续整改中")),
    (ONGOING, ("长期坚持", "持续推进", "长期推进", "持续整改", "常态化", "长期执行", "长期落实", "持续深化",
               "持续开展", "久久为功", "长期")),
)
# A value that is a status word alone (完成情况：完成)
STATUS_ALONE = {"完成": COMPLETED, "已完成": COMPLETED, "完结": COMPLETED, "已办结": COMPLETED, "已销号": COMPLETED,
                "推进": IN_PROGRESS, "推进中": IN_PROGRESS, "整改中": IN_PROGRESS, "进行中": IN_PROGRESS,
                "落实中": IN_PROGRESS, "长期": ONGOING, "未完成": NOT_STARTED}

# ---------------------------------------------------------------- genres

RECTIFICATION_NOTICE = "rectification-notice"
INSPECTION_ANNOUNCEMENT = "inspection-announcement"
AUDIT_REPORT = "audit-report"
NEWS = "news"
SPEECH = "speech"  # a speech at a meeting (同志们：…… 今天我们召开……会)
UNKNOWN = "unknown"  # no kind of text scored: not a label a text is classified into
GENRES = (RECTIFICATION_NOTICE, INSPECTION_ANNOUNCEMENT, AUDIT_REPORT, NEWS, SPEECH)
