"""The diagnostics' messages in each language: one template per code (and per form), keyed by code.

A diagnostic's ``message`` in the JSON is English, as it always was (the codes are the contract;
the messages are for people). :func:`message` builds it from :data:`TEMPLATES`; :func:`localize`
gives the same message in Simplified or Traditional Chinese: it reads the values back out of the
English by the same template and puts them into the other language's. A message no template
matches (a result written by an older version) is left as it is.
"""

from __future__ import annotations

import re

from . import vocab as V

LANGS = ("en", "zh-Hans", "zh-Hant")

# code → its forms, each {lang: template}; a form is chosen by the names of the values it takes.
TEMPLATES: dict[str, list[dict[str, str]]] = {
    V.UNPLACED_TEXT: [{"en": "text before the title is neither header nor notice: {quote}",
                       "zh-Hans": "标题前的文字既不是页眉也不是通报正文：{quote}",
                       "zh-Hant": "標題前的文字既不是頁眉也不是通報正文：{quote}"}],
    V.NO_STRUCTURE: [{"en": "no numbered sections (一、 / （一） / 1.) were found; the whole text is preamble",
                      "zh-Hans": "没有找到编号的部分（一、 / （一） / 1.），全文都是前言",
                      "zh-Hant": "沒有找到編號的部分（一、 / （一） / 1.），全文都是前言"}],
    V.NO_TITLE: [{"en": "no title line was found", "zh-Hans": "没有找到标题行", "zh-Hant": "沒有找到標題行"}],
    V.GENRE: [
        {"en": "this text looks like {what}, not a rectification notice (confidence {confidence}: {cues})",
         "zh-Hans": "这篇文字看来是{what}，不是整改通报（置信度 {confidence}：{cues}）",
         "zh-Hant": "這篇文字看來是{what}，不是整改通報（置信度 {confidence}：{cues}）"},
        {"en": "this text looks like {what}, not a rectification notice (confidence {confidence})",
         "zh-Hans": "这篇文字看来是{what}，不是整改通报（置信度 {confidence}）",
         "zh-Hant": "這篇文字看來是{what}，不是整改通報（置信度 {confidence}）"},
        {"en": "no Chinese rectification notice was found in this text (nor an inspection announcement, an audit "
               "report, a news story or a speech about one): its genre is unknown",
         "zh-Hans": "这篇文字中没有找到中文整改通报（也不是有关巡察的公告、审计报告、新闻报道或讲话）：文本类型未知",
         "zh-Hant": "這篇文字中沒有找到中文整改通報（也不是有關巡察的公告、審計報告、新聞報道或講話）：文本類型未知"},
    ],
    V.NUMBERING_START: [{"en": "numbering starts at {n}: {quote}", "zh-Hans": "编号从 {n} 开始：{quote}",
                         "zh-Hant": "編號從 {n} 開始：{quote}"}],
    V.NUMBERING_GAP: [{"en": "{what} numbering jumps from {a} to {b} (missing {missing}): {quote}",
                       "zh-Hans": "{what}编号从 {a} 跳到 {b}（缺 {missing}）：{quote}",
                       "zh-Hant": "{what}編號從 {a} 跳到 {b}（缺 {missing}）：{quote}"}],
    V.NUMBERING_DUPLICATE: [{"en": "{what} number {b} appears twice: {quote}",
                             "zh-Hans": "{what}编号 {b} 出现了两次：{quote}",
                             "zh-Hant": "{what}編號 {b} 出現了兩次：{quote}"}],
    V.NUMBERING_RESTART: [{"en": "{what} numbering restarts at 1 after {a}: {quote}",
                           "zh-Hans": "{what}编号在 {a} 之后又从 1 开始：{quote}",
                           "zh-Hant": "{what}編號在 {a} 之後又從 1 開始：{quote}"}],
    V.NUMBERING_ORDER: [{"en": "{what} number {b} follows {a}: {quote}",
                         "zh-Hans": "{what}编号 {b} 排在 {a} 之后：{quote}",
                         "zh-Hant": "{what}編號 {b} 排在 {a} 之後：{quote}"}],
    V.CUT_SHORT: [{"en": "the text ends inside this heading, whose quote never closes: {quote} — the copy looks "
                         "cut short",
                   "zh-Hans": "文本在这个标题中结束，其中的引号没有闭合：{quote}——这份文本似乎不完整",
                   "zh-Hant": "文本在這個標題中結束，其中的引號沒有閉合：{quote}——這份文本似乎不完整"}],
    **{code: [{"en": "the notice declares {value} {what} ({quote}) but lists {listed}",
               "zh-Hans": "通报声明{what} {value} 个（{quote}），但列出的是 {listed} 个",
               "zh-Hant": "通報聲明{what} {value} 個（{quote}），但列出的是 {listed} 個"}]
       for code in V.DECLARED_MISMATCH.values()},
    V.DECLARED_PROGRESS_MISMATCH: [{
        "en": "{completed} completed + {in_progress} in progress or ongoing ≠ {problems} problems declared: {quote}",
        "zh-Hans": "已完成 {completed} 个 + 推进中或长期坚持 {in_progress} 个 ≠ 声明的问题 {problems} 个：{quote}",
        "zh-Hant": "已完成 {completed} 個 + 推進中或長期堅持 {in_progress} 個 ≠ 聲明的問題 {problems} 個：{quote}"},
        # a declared count against the statuses the problems state, when every problem states one
        {"en": "the notice declares {value} {status} ({quote}) but {counted} of its {total} problems state {status}",
         "zh-Hans": "通报声明“{status}”的 {value} 个（{quote}），但 {total} 个问题中写明“{status}”的是 {counted} 个",
         "zh-Hant": "通報聲明「{status}」的 {value} 個（{quote}），但 {total} 個問題中寫明「{status}」的是 "
                    "{counted} 個"}],
    V.DECLARED_RATE_MISMATCH: [{"en": "completion rate {rate}% ≠ {completed}/{problems} = {expected}%: {quote}",
                                "zh-Hans": "整改完成率 {rate}% ≠ {completed}/{problems} = {expected}%：{quote}",
                                "zh-Hant": "整改完成率 {rate}% ≠ {completed}/{problems} = {expected}%：{quote}"},
                               {"en": "completion rate {rate}% ≠ {done}/{total} problems completed = {expected}%: "
                                      "{quote}",
                                "zh-Hans": "整改完成率 {rate}% ≠ 已完成的问题 {done}/{total} = {expected}%：{quote}",
                                "zh-Hant": "整改完成率 {rate}% ≠ 已完成的問題 {done}/{total} = {expected}%：{quote}"}],
    V.PROGRESS_OVERDUE: [{
        "en": "problem {quote} was due {due} ({deadline}) and is {status} on the notice's date {date}",
        "zh-Hans": "问题 {quote} 的整改时限是 {due}（{deadline}），到通报日期 {date} 仍是“{status}”",
        "zh-Hant": "問題 {quote} 的整改時限是 {due}（{deadline}），到通報日期 {date} 仍是「{status}」"}],
    V.SURROGATES_REPLACED: [{
        "en": "{n} lone surrogate code point(s) replaced by U+FFFD; the first at offset {offset}",
        "zh-Hans": "{n} 个孤立的代理码位已替换为 U+FFFD；第一个在偏移 {offset} 处",
        "zh-Hant": "{n} 個孤立的代理碼位已替換為 U+FFFD；第一個在偏移 {offset} 處"}],
    "derived-date": [{
        "en": "the inspection's last day is not written: {last} is worked out from its first day and its length "
              "({written})",
        "zh-Hans": "巡察的最后一天没有写明：{last} 是由第一天和时长（{written}）推算出来的",
        "zh-Hant": "巡察的最後一天沒有寫明：{last} 是由第一天和時長（{written}）推算出來的"}],
    "ambiguous-date": [{
        "en": "{written} lost its 年 and 月 and reads two ways; the feedback date is left null",
        "zh-Hans": "{written} 缺了“年”和“月”，有两种读法；反馈日期留空",
        "zh-Hant": "{written} 缺了「年」和「月」，有兩種讀法；反饋日期留空"}],
}

# The words a template's values carry from the English ({what}: a kind, a genre, what was counted).
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "what": {
        V.SECTION: ("部分", "部分"), V.GROUP: ("方面", "方面"), V.PROBLEM: ("问题", "問題"),
        V.MEASURE: ("整改措施", "整改措施"), V.ITEM: ("条目", "條目"), "node": ("节点", "節點"),
        "problems": ("问题", "問題"), "measures": ("整改措施", "整改措施"), "aspects": ("方面", "方面"),
        "an inspection entry announcement (巡察公告)": ("巡察公告", "巡察公告"),
        "an audit report (审计报告)": ("审计报告", "審計報告"), "a news story": ("新闻报道", "新聞報道"),
        "a speech at a meeting (讲话)": ("会议讲话", "會議講話"),
        "no known kind of text": ("无法判断类型的文字", "無法判斷類型的文字"),
    },
    "listed": {" or ": (" 或 ", " 或 ")},
    "status": {"completed": ("已完成", "已完成"), "in progress": ("推进中", "推進中"),
               "ongoing": ("长期坚持", "長期堅持"), "not started": ("未开始", "未開始")},
}
_NUMERIC = {"n", "a", "b", "value", "confidence", "completed", "in_progress", "problems", "rate", "expected",
            "offset", "done", "total", "counted"}
_PLACE = re.compile(r"\{(\w+)\}")


def message(code: str, **values: object) -> str:
    """The English message of ``code`` with these values, by the form that takes exactly them."""
    for form in TEMPLATES[code]:
        if set(_PLACE.findall(form["en"])) == set(values):
            return form["en"].format(**values)
    raise KeyError(f"{code}: no message takes {sorted(values)}")


def _pattern(template: str) -> re.Pattern[str]:
    parts, pos, seen = [], 0, set()
    for m in _PLACE.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        if name in seen:  # a value said twice ({status} … {status}) is the same both times
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>-?[\\d.]+)" if name in _NUMERIC else f"(?P<{name}>.+?)")
        seen.add(name)
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.S)


_PATTERNS: dict[str, list[re.Pattern[str]]] = {}


def localize(code: str, text: str, lang: str | None) -> str:
    """The message ``text`` (English, as in the JSON) in ``lang`` (en, zh-Hans, zh-Hant; zh = zh-Hans)."""
    lang = "zh-Hans" if lang == "zh" else lang
    if lang not in LANGS[1:] or code not in TEMPLATES:
        return text
    patterns = _PATTERNS.get(code)
    if patterns is None:
        patterns = _PATTERNS[code] = [_pattern(form["en"]) for form in TEMPLATES[code]]
    for form, pattern in zip(TEMPLATES[code], patterns, strict=True):
        m = pattern.fullmatch(text)
        if m:
            which = LANGS.index(lang) - 1
            values = {name: _word(name, value, which) for name, value in m.groupdict().items()}
            return form[lang].format(**values)
    return text


def _word(name: str, value: str, which: int) -> str:
    words = WORDS.get(name, {})
    if value in words:
        return words[value][which]
    for english, translated in words.items():
        value = value.replace(english, translated[which])
    return value
