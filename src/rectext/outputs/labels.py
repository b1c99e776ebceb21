"""The words of the review page, the Markdown and the outline in each language: zh-Hans, zh-Hant, en.

By default a notice is shown in its own script (:func:`rectext.text.fold.script`): a Traditional
notice gets Traditional labels, a Simplified one Simplified labels, a text that is not Chinese
English ones. The diagnostics' messages follow the same language (:mod:`rectext.messages`).
"""

from __future__ import annotations

from typing import Any

from ..messages import localize
from ..text.fold import script
from ..vocab import COMPLETED, IN_PROGRESS, KINDS, NOT_STARTED, ONGOING, STATUS_LABEL, STATUSES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..models import Diagnostic, Notice

LANGS = ("zh-Hans", "zh-Hant", "en")
_GENRES = ("rectification-notice", "inspection-announcement", "audit-report", "news", "speech", "unknown")

TEXTS: dict[str, dict[str, Any]] = {
    "zh-Hans": {
        "html_lang": "zh-CN", "skip": "跳到通报正文", "outline": "大纲", "text": "通报正文", "selected": "选中的问题",
        "hint": "在正文或大纲中选择一个问题（j / k 键在问题之间移动）。", "diagnostics": "诊断", "none": "没有诊断。",
        "caption": "声明与解析对照", "count": "项目", "declared": "声明", "parsed": "解析",
        "rate": "声明的整改完成率", "colours": "颜色", "untitled": "无标题的通报", "review": "rectext 审阅",
        "kinds": dict(zip(KINDS, ("部分", "方面", "问题", "整改措施", "条目"), strict=True)),
        "badges": dict(zip(KINDS, ("部", "面", "问", "措", "条"), strict=True)),
        "counts": {"problems": "问题", "measures": "整改措施", "aspects": "方面", "completed": "已完成",
                   "in_progress": "推进中", "ongoing": "长期坚持", "overdue": "逾期"},
        "status": {**STATUS_LABEL, "overdue": "逾期"}, "deadline": "时限", "responsible": "责任",
        "facts": ("发布单位", "日期", "来源", "巡察组", "轮次", "巡察对象", "巡察时间", "反馈日期", "文本类型"),
        "js": {"category": "类别", "tags": "标签", "keywords": "关键词", "measures": "项整改措施",
               "concrete": "具体", "stock": "套话", "heading": "所在标题点明", "terms": "依据词语",
               "no_evidence": "标题、正文和整改措施中没有任何类别的词语"},
        "index": ("通报", "发布单位", "日期", "问题", "整改措施", "警告", "类型", "状态"),
        "notices": "份通报", "sort": "点击列标题排序。", "error": "错误", "repeats": "重复以往问题",
        "genres": dict(zip(_GENRES, ("整改通报", "巡察公告", "审计报告", "新闻报道", "会议讲话", "未知类型"),
                           strict=True)),
        "confidence": "置信度", "levels": {"error": "错误", "warning": "警告", "info": "信息"},
    },
    "zh-Hant": {
        "html_lang": "zh-Hant", "skip": "跳到通報正文", "outline": "大綱", "text": "通報正文", "selected": "選中的問題",
        "hint": "在正文或大綱中選擇一個問題（j / k 鍵在問題之間移動）。", "diagnostics": "診斷", "none": "沒有診斷。",
        "caption": "聲明與解析對照", "count": "項目", "declared": "聲明", "parsed": "解析",
        "rate": "聲明的整改完成率", "colours": "顏色", "untitled": "無標題的通報", "review": "rectext 審閱",
        "kinds": dict(zip(KINDS, ("部分", "方面", "問題", "整改措施", "條目"), strict=True)),
        "badges": dict(zip(KINDS, ("部", "面", "問", "措", "條"), strict=True)),
        "counts": {"problems": "問題", "measures": "整改措施", "aspects": "方面", "completed": "已完成",
                   "in_progress": "推進中", "ongoing": "長期堅持", "overdue": "逾期"},
        "status": {COMPLETED: "已完成", IN_PROGRESS: "推進中", ONGOING: "長期堅持", NOT_STARTED: "未完成",
                   "overdue": "逾期"}, "deadline": "時限", "responsible": "責任",
        "facts": ("發佈單位", "日期", "來源", "巡察組", "輪次", "巡察對象", "巡察時間", "反饋日期", "文本類型"),
        "js": {"category": "類別", "tags": "標籤", "keywords": "關鍵詞", "measures": "項整改措施",
               "concrete": "具體", "stock": "套話", "heading": "所在標題點明", "terms": "依據詞語",
               "no_evidence": "標題、正文和整改措施中沒有任何類別的詞語"},
        "index": ("通報", "發佈單位", "日期", "問題", "整改措施", "警告", "類型", "狀態"),
        "notices": "份通報", "sort": "點擊列標題排序。", "error": "錯誤", "repeats": "重複以往問題",
        "genres": dict(zip(_GENRES, ("整改通報", "巡察公告", "審計報告", "新聞報道", "會議講話", "未知類型"),
                           strict=True)),
        "confidence": "置信度", "levels": {"error": "錯誤", "warning": "警告", "info": "信息"},
    },
    "en": {
        "html_lang": "en", "skip": "Skip to the notice text", "outline": "Outline", "text": "Notice text",
        "selected": "Selected problem", "hint": "Select a problem in the text or the outline (keys j / k move "
        "between problems).", "diagnostics": "Diagnostics", "none": "No diagnostics.",
        "caption": "Declared against parsed", "count": "count", "declared": "declared", "parsed": "parsed",
        "rate": "Declared completion rate", "colours": "Colours", "untitled": "Untitled notice",
        "review": "rectext review", "kinds": {kind: kind.capitalize() for kind in KINDS},
        "badges": {kind: kind[0].upper() for kind in KINDS},
        "counts": {"problems": "problems", "measures": "measures", "aspects": "aspects", "completed": "completed",
                   "in_progress": "in progress", "ongoing": "ongoing", "overdue": "overdue"},
        "status": {s: s.replace("_", " ") for s in (*STATUSES, "overdue")}, "deadline": "due",
        "responsible": "owner",
        "facts": ("Issuer", "Date", "Source", "Team", "Round", "Target", "Period", "Feedback", "Genre"),
        "js": {"category": "Category", "tags": "Tags", "keywords": "Keywords", "measures": "measures",
               "concrete": "concrete", "stock": "stock", "heading": "named by the heading above",
               "terms": "evidence", "no_evidence": "no term of any area in its heading, text or measures"},
        "index": ("notice", "issuer", "date", "problems", "measures", "warnings", "genre", "status"),
        "notices": "notices", "sort": "Select a column heading to sort by it.", "error": "error",
        "repeats": "repeats earlier problems", "genres": {g: g for g in _GENRES},
        "confidence": "confidence", "levels": {"error": "error", "warning": "warning", "info": "info"},
    },
}


def language(lang: str | None, text: str = "") -> str:
    """The language to show a notice in: ``lang`` (``zh`` is ``zh-Hans``), or by default the script of
    its text."""
    if lang == "zh":
        return "zh-Hans"
    if lang in LANGS:
        return lang
    return script(text)


def notice_language(notice: Notice, lang: str | None) -> str:
    return language(lang, notice.text)


def said(diagnostic: Diagnostic, lang: str) -> str:
    """A diagnostic's message in ``lang``."""
    return localize(diagnostic.code, diagnostic.message, lang)


def genre_label(notice: Notice, lang: str) -> str:
    """The genre as a reader of ``lang`` reads it, with its confidence: 整改通报（置信度 0.92）."""
    t = TEXTS[lang]
    name = t["genres"].get(notice.genre.label, notice.genre.label)
    if lang == "en":
        return f"{name} ({notice.genre.confidence})"
    return f"{name}（{t['confidence']} {notice.genre.confidence}）"
