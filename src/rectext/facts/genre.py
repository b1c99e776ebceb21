"""What kind of text this is: a rectification notice, or something that only resembles one.

A corpus gathered from government sites also holds entry announcements of an
inspection (巡察公告: the team arrives, letters and calls are accepted), audit
reports and news stories. Each kind has cues; the text is scored against all
of them and the evidence is kept, so batch users can filter and see why.
"""

from __future__ import annotations

from itertools import islice

import regex

from .. import rx
from ..vocab import AUDIT_REPORT, GENRES, INSPECTION_ANNOUNCEMENT, NEWS, RECTIFICATION_NOTICE, SPEECH, UNKNOWN

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which slows the start
if TYPE_CHECKING:  # pragma: no cover
    from ..records import GenreRecord

_HEAD = 3000  # characters of the text where title and preamble cues are looked for

# (label, pattern, weight, where, example, words): where is "title", "head" (the first 3,000 characters), "lead"
# (the first paragraph) or "all" (counted, capped at 3 hits); tests/test_patterns.py runs the examples. Every
# match holds one of the words: a scope without any is not searched (tests/test_prefilters.py checks them).
CUES: list[tuple[str, regex.Pattern[str], int, str, str, tuple[str, ...] | None]] = [
    (RECTIFICATION_NOTICE, rx.compile(r"整改"), 3, "title", "某局关于巡察整改情况的通报", None),
    (RECTIFICATION_NOTICE, rx.compile(r"整改(?:情况|进展|工作|落实)"), 2, "head", "现将巡察整改情况予以公布",
     ("整改",)),
    (RECTIFICATION_NOTICE, rx.compile(r"反馈(?:了)?(?:巡察|巡视)?意见"), 1, "head", "反馈了巡察意见", ("反馈",)),
    (RECTIFICATION_NOTICE, rx.compile(r"整改(?:措施|结果|成效)"), 1, "all", "整改措施:", ("整改",)),
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"公告"), 2, "title", "巡察公告", None),
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"进驻(?!期间)"), 2, "head", "巡察组进驻某局", ("进驻",)),
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"来信|来电|来访"), 1, "head", "欢迎来信来电来访", ("来信", "来电", "来访")),
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"值班电话|意见箱|举报箱|邮政信箱"), 1, "head", "值班电话:12345678",
     ("值班电话", "意见箱", "举报箱", "邮政信箱")),
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"(?:巡察|巡视)(?:时间|期间)"), 1, "head", "巡察期间", ("巡察", "巡视")),
    # what the team takes in while it is there: 主要受理反映……的来信来电来访 / 受理时间 / 受理电话
    (INSPECTION_ANNOUNCEMENT, rx.compile(r"受理[^。;]{0,24}?(?:来信|来电|来访|信访|举报|反映|电话|时间)"), 1, "head",
     "巡察组主要受理反映……问题的来信来电来访", ("受理",)),
    (AUDIT_REPORT, rx.compile(r"审计(?:报告|结果|工作报告|查出|发现|整改)"), 5, "title",
     "关于2023年度审计查出问题整改情况的报告", None),
    # a government's report on audit findings to the people's congress: 受市人民政府委托 / 人大常委会
    (AUDIT_REPORT, rx.compile(r"受[^。,]{1,10}委托|人大常委会"), 1, "head", "受市人民政府委托", ("委托", "人大常委会")),
    (AUDIT_REPORT, rx.compile(r"审计(?:发现|意见|查出|结果)"), 1, "all", "审计发现", ("审计",)),
    (NEWS, rx.compile(r"记者|本报讯|通讯员|新华社|日电|报道"), 2, "all", "本报讯(记者 张三)",
     ("记者", "本报讯", "通讯员", "新华社", "日电", "报道")),
    # a meeting reported from outside: 会议指出 / 会议要求 / 巡察组指出 (at a feedback meeting) …; 一要…二要…
    (NEWS, rx.compile(r"会议(?:指出|要求|强调|认为|提出|听取|传达|审议)"
                         r"|(?:巡察组|巡视组|反馈)(?:指出|要求|强调)(?![的和])|(?<![\p{Han}])[一二三四]要(?=[\p{Han}])"),
     1, "all", "会议指出,要抓好整改。一要提高站位", ("会议", "指出", "强调", "要")),
    # a feedback meeting reported by its headline: 区委第二巡察组向区司法局党组反馈巡察情况
    (NEWS, rx.compile(r"^(?!.*(?:通报|公告|公示|报告|关于|整改)).*(?:组|党委|党组)向[^,。]{2,30}反馈[^,。]{0,6}?"
                         r"(?:巡察|巡视|专项巡察)"), 6,
     "title", "区委第二巡察组向区司法局党组反馈巡察情况", None),
    # a headline that reports an event (某区开展巡察整改专项督查, 某局召开巡察整改推进会), not a notice's title
    (NEWS, rx.compile(r"^(?!.*(?:通报|公告|公示|报告|情况|通知|关于)).*(?:开展|召开|举行|举办|部署|推进|督查|"
                           r"督导|调研|约谈|启动|座谈|专题会|推进会|动员会)"), 6, "title", "某区开展巡察整改专项督查",
     None),
    (NEWS, rx.compile(r"(?:此次|本次)[\p{Han}]{0,4}?(?:督查|督导|检查|回访|调研|会议|活动)|一行\d{1,2}人|"
                           r"释放出[^。]{0,20}信号"), 1, "all", "此次督查", ("此次", "本次", "一行", "释放出")),
    # who chaired and attended: 会议由……主持 / 主持会议 / 参加会议 / 作动员讲话
    (NEWS, rx.compile(r"会议由[^。\n]{1,24}主持"
                           r"|(?:主持|出席|参加|列席)(?:了)?(?:会议|通报会|动员会|座谈会|推进会|汇报会)"
                           r"|表态发言|作(?:了)?[^,。]{0,4}表态"
                           r"|(?:作|做)(?:了)?(?:重要|动员|表态|总结)?讲话"), 1, "all", "会议由党组书记主持",
     ("主持", "出席", "参加", "列席", "表态", "讲话")),
    # the feedback meeting itself reported: 反馈会上 / 召开巡察反馈会 / 出席巡察反馈会 / 进行了反馈
    (NEWS, rx.compile(r"反馈会(?:上|后)|进行了?反馈|反馈会召开|召开(?:了)?(?:巡察|巡视)?反馈会"
                           r"|(?:出席|参加|列席)(?:了)?(?:巡察|巡视)?反馈会"), 1, "all", "区委巡察组召开巡察反馈会",
     ("反馈",)),
    # a wire or paper dateline: 新华社北京4月17日电 / 本报讯
    (NEWS, rx.compile(
        r"(?:新华社|人民网|中新网|央视网|本报|本网)[\p{Han}]{0,8}\d{1,2}月\d{1,2}日电|本报讯|讯\s*\(?记者"), 6, "head",
     "新华社北京4月17日电", ("新华社", "人民网", "中新网", "央视网", "本报", "本网", "讯")),
    # a story that opens on the day of a meeting: 7月22日下午，……召开……会
    (NEWS, rx.compile(
        r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?,?[^。]{0,60}?(?:召开|举行|举办)"), 3, "lead",
     "7月22日下午,某局召开巡察整改推进会", ("召开", "举行", "举办")),
    # a meeting reported as held, and who took part: ……动员会在某会议室召开 / 共计80余人参会
    (NEWS, rx.compile(r"会(?:议)?在[^。,;]{2,24}(?:召开|举行)|(?<!\d)\d++余?人(?:参会|参加会议)|参会人员"), 2,
     "head",
     "动员会在集团职工会议室召开", ("召开", "举行", "参会", "参加会议")),
    # a speech: addressed to its hearers (同志们：), about the meeting it is given at, in the first person
    (SPEECH, rx.compile(r"(?:同志们|各位领导)\s*[:!,]"), 6, "head", "同志们:", ("同志们", "各位领导")),
    (SPEECH, rx.compile(r"(?:今天|这次|今天上午|今天下午)\s*,?\s*(?:我们|我们在这里)?(?:召开|举行)"
                             r"|下面\s*,?\s*我(?:再)?(?:讲|谈|强调|提)|我(?:讲|谈|强调)(?:[一二三四五六七八九两几]点)"
                             r"|刚才\s*,?\s*[^。]{1,20}(?:讲|作|进行|通报|反馈)"), 2, "head",
     "今天,我们召开巡察工作动员部署会", ("召开", "举行", "下面", "我", "刚才")),
    (SPEECH, rx.compile(r"(?:上|会上)的(?:讲话|发言|主持词|表态发言)\s*$|^讲话$"), 6, "title",
     "在县委巡察工作动员部署会上的讲话", None),
]
# What any of these genres speaks of: a text with none of these words (a recipe, a story on another topic)
# is none of them, whatever its numbered steps or its datelines.
TOPIC = rx.compile(r"巡察|巡视|整改|审计|督查|督导|反馈意见|问题清单")
_HAN, _LATIN = rx.compile(r"\p{Han}"), rx.compile(r"[A-Za-z]")
_MIN_HAN = 100  # Han characters from which a text that never speaks of an inspection is not one
LABELS = GENRES
NOT_A_NOTICE = frozenset(LABELS[1:])  # genres whose texts declare no counts of their own
_MIN_SCORE = 2


def _lead(head: str) -> str:
    """The first paragraph: the first line long enough to be a sentence (page furniture is shorter)."""
    return next((line.strip() for line in head.splitlines() if len(line.strip()) >= 30), "")


def no_notice_in(folded: str, title: str | None) -> bool:
    """Whether the text holds no Chinese notice of any of these genres: it is not written in Chinese (fewer
    Han characters than Latin letters), or it is long enough to judge (100 Han characters) and never speaks
    of an inspection, an audit or a rectification (:data:`TOPIC`). A short fragment is left to the cues.

    >>> no_notice_in("rectext turns Chinese notices (整改情况) into data, and more.", None)
    True
    >>> no_notice_in("白米粥的做法。" + "白米加水大火煮开，再用小火熬半个小时，不停地用勺子翻动。" * 4, "白米粥")
    True
    >>> no_notice_in("区委第二巡察组对局党组进行了巡察，现将整改情况予以公布。", None)
    False
    """
    latin = len(_LATIN.findall(folded))
    # Han characters counted only as far as either test needs: a notice holds tens of thousands
    han = sum(1 for _ in islice(_HAN.finditer(folded), max(latin, _MIN_HAN)))
    if han < latin:
        return True
    return han >= _MIN_HAN and TOPIC.search(title or "") is None and TOPIC.search(folded) is None


def classify(folded: str, title: str | None, problems: int, measures: int) -> GenreRecord:
    """Score the text against each genre's cues; the best with enough evidence wins.

    >>> classify("区委第二巡察组对局党组进行了巡察。", "某局关于巡察整改情况的通报", 3, 6)["label"]
    'rectification-notice'
    >>> classify("会议指出，要抓好整改。会议要求，一要提高站位。", "某局召开巡察整改推进会", 0, 0)["label"]
    'news'
    """
    if no_notice_in(folded, title):
        return {"label": UNKNOWN, "confidence": 0.0, "evidence": []}
    scores = dict.fromkeys(LABELS, 0)
    evidence: dict[str, list[str]] = {label: [] for label in LABELS}
    scopes = {"title": title or "", "head": folded[:_HEAD], "all": folded, "lead": _lead(folded[:_HEAD])}
    for label, pattern, weight, where, _, words in CUES:
        scope = scopes[where]
        if words and not any(word in scope for word in words):
            continue
        hits = [m.group() for m in islice(pattern.finditer(scope), 3)]
        if hits:
            scores[label] += weight * (1 if where != "all" else len(hits))
            evidence[label].extend(dict.fromkeys(hits))
    if problems:
        scores[RECTIFICATION_NOTICE] += 2
        evidence[RECTIFICATION_NOTICE].append(f"{problems} problems listed")
    if measures:
        scores[RECTIFICATION_NOTICE] += 1
    ranked = sorted(LABELS, key=lambda lab: -scores[lab])
    top, second = ranked[0], ranked[1]
    if scores[top] < _MIN_SCORE:
        return {"label": UNKNOWN, "confidence": 0.0, "evidence": []}
    confidence = scores[top] / (scores[top] + scores[second] + 1)
    return {"label": top, "confidence": round(confidence, 2), "evidence": list(dict.fromkeys(evidence[top]))}
