"""The patterns of structure and layout, in one place, named for what they find.

All patterns run over the folded view (:func:`rectext.text.fold.fold`): Simplified
vocabulary, half-width punctuation, same offsets as the caller's text. Each has
examples that match and that must not, as data (:data:`EXAMPLES`) that
``tests/test_patterns.py`` runs. None nests unbounded quantifiers, so matching
time stays linear in the input. The tables of facts keep their patterns beside
the code that reads them, with examples of their own: declared counts
(:mod:`rectext.facts.declared`), genre cues (:mod:`rectext.facts.genre`), contacts,
inspection, quantities and the analysis lexicon.
"""

from __future__ import annotations

import regex

from .. import rx
from .. import vocab as V

CN = "一二三四五六七八九十"


def numeral(chinese: int = 3, digits: int = 0, chars: str = CN) -> str:
    """A number as notices write it, the one piece every pattern counts with: up to ``chinese``
    Chinese numerals from ``chars``, or up to ``digits`` Arabic digits (none when 0)."""
    cn = f"[{chars}]{{1,{chinese}}}"
    return f"(?:\\d{{1,{digits}}}|{cn})" if digits else cn


CN_NUM = numeral()  # 一 … 十九: markers (一、 （一） 一是 第一，)
# Dates: one grammar for every pattern that reads one (DATE, DATE_LINE, TRAILING_DATE, and the
# inspection period's points in rectext.facts.inspection). A website may write 〇 as O.
YEAR = r"(?:\d{4}|[一二三四五六七八九〇O]{4})"
MONTH = numeral(2, 2)
DAY = numeral(3, 2)
ISO_DATE = r"(?P<y2>\d{4})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})"


def date_words(y: str = "y", m: str = "m", d: str = "d") -> str:
    """2023年7月5日 / 二〇二四年一月二十六日, with the parts in the named groups."""
    return rf"(?P<{y}>{YEAR})\s*年\s*(?P<{m}>{MONTH})\s*月\s*(?P<{d}>{DAY})\s*日"

# ---------------------------------------------------------------- block markers
# Tried at a line start (after indentation). Group name = marker style.
BLOCK_MARKER = rx.compile(
    rf"""
    (?P<cn_dun>{CN_NUM})[、.](?![{CN}][、.])    # 一、  十一、          not: 一、二、三级 (a list)
    | \((?P<cn_paren>{CN_NUM})\)               # （一） (一)
    | (?P<cn_rparen>{CN_NUM})\)(?![{CN}]\))      # 一） 一)             not: 一)二) (a list)
    | \d{{1,2}}[-—－–](?P<ar_sub>\d{{1,3}})[,、.:](?!\d)  # 1-2， 1-2.   a point within group 1   not: 1-2月
    | (?P<ar_dot>\d{{1,3}})[.、](?!\d)          # 1. 1． 1、           not: 1.35亿元 98.71%
    | \((?P<ar_paren>\d{{1,3}})\)               # （1） (1)
    | (?P<ar_rparen>\d{{1,2}})\)(?!\d)           # 1） 1)
    | (?P<circled>[①-⑳])                       # ①
    | (?P<cn_shi>{CN_NUM})是(?=[ \t]*\S)        # 一是 at a line start, perhaps before a space
    | 第(?P<cn_di>{CN_NUM})[,、:](?=[ \t]*\S)    # 第一， at a line start   not: 第一批
    | [【\[]?(?:反馈|巡察反馈|巡视反馈)?问题(?P<wenti>{CN_NUM}|\d{{1,3}})(?:[:、.]|[】\]])  # 问题一： 反馈问题1：
    | 第(?P<wenti>{CN_NUM}|\d{{1,3}})个问题[:、,]       # 第一个问题：                 not: 问题整改
    | [【\[]?(?:整改)?措施(?P<cuoshi>{CN_NUM}|\d{{1,3}})(?:[:、.]|[】\]])  # 措施1： 整改措施一：  not: 措施：
    """,
    regex.VERBOSE,
)

# An item past 999 of a numbered list (1000.…… in a table of problems): a marker only where it
# continues its list, the item before it numbered one less (use with .match at a line's start).
LONG_NUMBER = rx.compile(r"(?P<ar_dot>\d{4,6})[.、](?!\d)")

# 一是/二是 anywhere: a run-in enumeration. Accepted after a boundary; 统一是,
# 唯一是, 之一是 are words, not markers.
INLINE_SHI = rx.compile(rf"(?P<num>{CN_NUM})是")
SHI_BOUNDARY = set("。;:,!?、 \t\n\"“”’)）」』")
SHI_WORD_BEFORE = set("统唯之第其同单划专万惟逐")

# Numbered measures run in after a label: 整改措施：1.…；2.… / 整改情况：第一，…；第二，…
_LABEL_WORDS = r"(?:整改|落实|工作|主要|具体|采取)?(?:措施|情况|结果(?:及成效)?|成效|举措|进展)"
MEASURE_LABEL = rx.compile(rf"{_LABEL_WORDS}(?:及成效|如下)?\s*:|[【\[]{_LABEL_WORDS}(?:及成效)?[】\]]")
LABEL_END = (":", "】", "]")
INLINE_NUMBER = rx.compile(
    r"(?P<ar_dot>\d{1,2})[.、](?!\d)|\((?P<ar_paren>\d{1,2})\)|(?P<ar_rparen>\d{1,2})\)|(?P<circled>[①-⑳])"
    rf"|第(?P<cn_di>{CN_NUM})[,、]"
)
INLINE_BEFORE = set(":;。 \t")
# What may follow a label without making it announce a rectification: a status note.
STATUS_NOTE = rx.compile(r"\s*+(?:已|正在|持续|长期|基本|按期|按时|全部)[^。;\n]{0,10}[。;]?\s*+$")

STYLE_LABEL = V.STYLE_LABEL  # style → how it is written: cn_dun → 一、

# ---------------------------------------------------------------- node kinds
# A heading that gathers problems by what became of them: （一）已完成整改的问题（5个）
STATUS_HEADING = rx.compile(
    r"(?:已|已经)?(?:完成整改|整改完成|整改到位|基本完成整改|正在(?:推进|整改)|需?长期坚持|持续推进|尚?未完成整改)"
    r"的问题\s*(?:\(\d{1,3}[个项条]\))?")
# A status note after a heading: ……的问题（已完成整改） / 【已整改】.
_STATUS = r"(?:\s*[(【\[][^()【】\[\]]{1,16}[)】\]])?"

# A heading that gathers problems: （一）关于“……”方面的问题 / 在“……”方面.
GROUP_HEADING = rx.compile(
    r"方面(?:的|存在的|存在)?(?:突出)?(?:问题)?(?:及整改情况|整改情况|的整改情况)?" + _STATUS + "$"
)
# A finding: ……的问题 / ……问题的整改 / 关于“……” (a quoted finding) / ……不够深入.
FINDING_HEADING = rx.compile(
    r"(?:问题|不够\w{0,4}|不到位|不规范|不严格|不力|不足|不健全|不完善|不及时|不充分|不扎实|不深入|"
    r"不明显|滞后|缓慢|较多|尚未\w{1,6}|不均衡|不统一|不一致|有待(?:加强|提高|提升|改进|完善|规范)|存在\w{1,8}|"
    r"有差距|有欠缺|有短板|有偏差|不强|不高|不严|不实|不细|不精准|不落实|不全面|不彻底|不平衡|"
    r"薄弱|弱化|虚化|淡化|缺位|缺失|乏力|走过场|流于形式|打折扣|搞变通|时有发生|仍然存在|依然存在|"
    r"易发多发|屡禁不止|屡查屡犯)"
    r"(?:的整改(?:情况|落实情况)?|整改(?:落实)?情况)?[\"”」]?" + _STATUS + "$"
    r"|^关于[\"“「]"
)
# A heading that sums up what is left or what was found, not one finding: 存在的问题 / 主要问题和不足 /
# 存在的不足及下一步打算 (use with .match on the heading).
SUMMARY_HEADING = rx.compile(
    r"(?:当前|目前|仍然|依然|整改中|工作中)?(?:存在的?|发现的|反馈的|指出的)?(?:主要|突出|具体|一些)?"
    r"(?:问题|不足|差距|短板)(?:[和及与、](?:不足|差距|短板|问题))?(?:[和及与、]|$)"
)
# A heading labelled as the findings that follow: （一）反馈问题：…… / 存在问题：…… (use with .match).
FINDING_LABEL = rx.compile(r"(?:巡察|巡视)?(?:反馈|指出|发现|存在)?(?:的)?(?:主要)?问题\s*:")
# A heading that names a problem outright: ……的问题 / 问题的整改 / 关于“……” (not a summary such as 有差距).
EXPLICIT_PROBLEM = rx.compile(r"问题|^关于[\"“「]")

# Where line breaks were lost without a space, a section heading that ends in 情况 / 打算 runs on into
# its first sentence; the heading is cut after that word.
HEADING_RUN_ON = rx.compile(r"[^“\"「,。;:\n]{2,24}?(?:情况|打算|措施|成效)(?=[^\s,。;:、的和及]{2})")

# A heading that opens with an action: a measure, not a finding.
MEASURE_VERB = rx.compile(
    r"(?:修订|修改|制定|建立|健全|完善|开展|组织|召开|加强|强化|深化|推进|推动|落实|严格|规范|压实|提高|提升|"
    r"持续|督促|明确|印发|出台|细化|实行|实施|坚持|聚焦|全面|认真|切实|及时|定期|对照|针对)"
)

# Headings that mention problems but are not findings: a call to act on them
# (聚焦反馈问题) or a container for all of them (巡察反馈问题整改落实情况).
NOT_FINDING = rx.compile(
    r"^(?:聚焦|解决|着力|坚持|推动|强化|狠抓|抓好|深化|持续|扎实|切实|认真|紧盯|针对|围绕|突出|立足|"
    r"对照|动真碰硬|即知即改|立行立改|举一反三)[^\"“「]{0,12}$"
    r"|(?:反馈|指出|发现|交办|移交|巡察|巡视|审计)(?:意见|的)?问题(?:的)?(?:整改|落实|情况)"
)

# ---------------------------------------------------------------- layout
TITLE_WORDS = rx.compile(r"通报|情况|公告|公示|报告|整改")
TITLE_END = rx.compile(r"(?:通报|情况|公告|公示|报告|通知)\s*$")
TITLE_DONE = rx.compile(r"(?:通报|公告|公示|报告|通知)\s*$")  # a title that cannot go on
TITLE_ABOUT = rx.compile(r"关于")
TITLE_SUBJECT = rx.compile(r"整改|巡察|巡视")
HEADER_KEY = rx.compile(
    r"(?:发布时间|发布日期|更新时间|更新日期|成文日期|成文时间|发文时间|发文日期|印发日期|时间|日期|来源|信息来源|文章来源|浏览次数|浏览量|浏览|点击数|点击量|点击|"
    r"阅读数|阅读|访问量|字体大小|字号|字体|作者|发布者|发布人|发布机构|编辑)\s*[:]"
)
FURNITURE_LINE = rx.compile(
    r"^[\s•·\-|>]*(?:首页|当前位置|您的位置|您现在的位置|位置:|信息索引号|索引号|文件名称|发布机构|成文日期|"
    r"公开方式|公开范围|主题分类|发文字号|有效性|分享|打印|关闭|朗读|"
    r"【(?!" + _LABEL_WORDS + r"|问题)|字体[:]|扫一扫|责任编辑|编辑:|"
    r"版权所有|网站标识码|主办单位|承办单位|技术支持|建议使用|相关链接|上一篇|下一篇|附件下载)"
    r"|^\s*(?:浏览次数|浏览量|浏览|点击数|点击量|点击|阅读数|阅读量|阅读|访问量)\s*:?\s*\d*\s*次?\s*$"
    r"|ICP备|公网安备|备案号|分辨率|\|[^|\n]*\|[^|\n]*\||^[大中小]$"
    # a site's column label on a line of its own: 公告摘要 / 信息公开 / 工作进展 / 巡察动态 / 列表详情
    r"|^[\s•·\-|>]*[\p{Han}]{0,4}(?:摘要|公开|动态|要闻|新闻|专栏|详情|正文|列表|进展|信息)\s*$"
)
# The labels of a government site's disclosure table, written without colons and often spaced out to
# line up (索 引 号 …… 发布机构 …… 公开日期 2024-12-10): two on one line make it a page-header line.
DISCLOSURE_LABEL = rx.compile(
    r"索\s*引\s*号|发\s*布\s*机\s*构|公\s*开\s*日\s*期|成\s*文\s*日\s*期|发\s*文\s*日\s*期|生\s*成\s*日\s*期|"
    r"发\s*文\s*机\s*关|文\s{0,3}号|主\s*题\s*分\s*类|分\s{0,3}类|时\s*效\s*说\s*明|有\s*效\s*性|公\s*开\s*方\s*式"
)
# A site's column tag before a headline: 【巡察整改】 [通知公告] 【反馈】 (use with .match at the line's start).
COLUMN_TAG = rx.compile(r"[【\[][^【】\[\]\n]{1,10}[】\]]\s*")
# A line that is only a page number of a printed copy, the number in n (use with .match on the line).
PAGE_NUMBER = rx.compile(
    r"\s*(?:[-—－–]+\s*(?P<n>\d{1,4})\s*[-—－–]+"             # — 3 —  - 3 -
    r"|第\s*(?P<n>\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 第3页 共5页
    r"|(?P<n>\d{1,4})\s*/\s*\d{1,4}"                          # 3/5
    r"|page\s*(?P<n>\d{1,4})(?:\s*of\s*\d{1,4})?)\s*$",       # Page 3 of 5
    regex.IGNORECASE,
)
# A line that is only a date (use with .match(folded, start, end) on a line's bounds).
_DATE_WORDS = f"(?:{date_words()}|{ISO_DATE})"
# ……or a date whose 年 and 月 the site stripped (20251021日): still the date line of a signature
DATE_LINE = rx.compile(rf"\s*+(?:{_DATE_WORDS}|(?:19|20)\d{{2}}年?\d{{2,4}}日)\s*+$")
# A date (and time of day) that ends a title line: ……整改进展情况的通报 2026-02-13
# Tried only from the start of a run of white space, each run taken whole (possessive): a run of
# thousands of spaces before other text is passed over once, not once from each of its places.
TRAILING_DATE = rx.compile(
    rf"(?<!\s)\s++(?:\(\s*+)?{_DATE_WORDS}(?:\s++\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*+(?:\)\s*+)?$")
# A date on its own line under the title, perhaps in brackets: （2024年3月18日）
TITLE_DATE_LINE = rx.compile(rf"\s*+(?:\(\s*+)?{_DATE_WORDS}\s*+(?:\)\s*+)?$")
# A date (and time) beside a site's or paper's name, nothing else on the line: 2024-10-08 15:30 某省纪委监委网站 /
# 某某日报数字报 2024-07-12 (use with .fullmatch on the line).
_CLOCK = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
DATED_NAME_LINE = rx.compile(
    rf"\s*{_DATE_WORDS}{_CLOCK}\s+[^\s,。;:!?、]{{2,24}}\s*|\s*[^\s,。;:!?、\d]{{2,24}}\s+{_DATE_WORDS}{_CLOCK}\s*"
)
CLOSING_CUE = rx.compile(
    r"欢迎|如有意见|如对|联系电话|联系方式|监督电话|举报电话|电子邮箱|电子信箱|邮政信箱|通信地址|通讯地址|"
    r"来信地址|邮政编码|邮编|电话:|邮箱:"
)
CONTACT_LINE = rx.compile(r"电话|邮箱|信箱|邮编|邮政编码|地址|传真|联系方式|网址")
SENTENCE_END = set("。!?;")
SIGNATURE_PUNCT = rx.compile(r"[。,;:!?]")
# A line that names an organisation (use with .search(folded, start, end) on a line's bounds).
ORGANISATION = rx.compile(
    r"(?:委员会|党组|党委|党工委|工委|总支|支部|政府|办公室|纪委|监委|局|院|校|公司|集团|中心|厅|部)\s*$"
)
# A stamp note after a signature: （盖章） (章) （代章）
STAMP_NOTE = rx.compile(r"\s*\([^()]{0,3}章\)\s*$")

# ---------------------------------------------------------------- dates
DATE = rx.compile(_DATE_WORDS)


# ---------------------------------------------------------------- examples
# name → (how the code applies it, texts it must match, texts it must not match), in folded form.
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "BLOCK_MARKER": ("match", ("一、整改情况", "十一、其他", "(一)学习", "1.学习", "1、学习", "(1)学习", "1)学习",
                               "①学习", "一是加强", "第一,加强", "问题一:学习", "【问题1】学习", "反馈问题二:学习",
                               "第三个问题:学习", "一)学习", "1-2,学习",
                               "措施1:制定", "整改措施一:制定"),
                     ("一、二、三级", "1.35亿元", "第一批", "1-2月", "问题整改", "一)二)三)", "整改措施:制定",
                      "措施得力")),
    "LONG_NUMBER": ("match", ("1000.学习", "12345、学习"), ("2024.3", "999.学习")),
    "INLINE_SHI": ("search", ("一是加强学习", "十二是完善制度"), ("是否",)),
    "MEASURE_LABEL": ("search", ("整改措施:", "整改结果及成效:", "【整改情况】", "[整改措施]", "采取措施如下:"),
                      ("整改情况良好", "措施得力")),
    "INLINE_NUMBER": ("match", ("1.加强", "(2)完善", "3)落实", "②落实", "第一,加强"), ("1.5亿元", "第一批")),
    "STATUS_NOTE": ("fullmatch", ("已完成整改。", "持续推进", " 长期坚持"), ("修订议事规则,明确决策事项清单。",)),
    "STATUS_HEADING": ("fullmatch", ("已完成整改的问题", "正在推进的问题(2个)", "需长期坚持的问题",
                                     "尚未完成整改的问题"),
                       ("已完成整改", "理论学习不深入的问题")),
    "GROUP_HEADING": ("search", ("关于“全面从严治党”方面的问题", "在落实主体责任方面",
                                 "党的建设方面存在的问题(已整改)"),
                      ("加强阵地管理", "方面军")),
    "FINDING_HEADING": ("search", ("意识形态工作重视还不够的问题", "财务管理不规范", "关于“三重一大”", "思想认识有差距",
                                   "制度执行流于形式【已整改】"),
                        ("提高思想认识,强化主体责任", "建立督办机制")),
    "FINDING_LABEL": ("match", ("反馈问题:公立医院公益性不足", "存在问题:学习不深入", "问题:制度不健全"),
                      ("问题整改情况", "关于反馈问题:")),
    "SUMMARY_HEADING": ("match", ("存在的问题", "主要问题和不足", "存在的不足及下一步打算", "问题"),
                        ("关于“理论学习不够”的问题", "问题整改不到位")),
    "EXPLICIT_PROBLEM": ("search", ("关于“政治引领有短板”问题的整改", "财务管理不规范的问题"), ("思想认识有差距",)),
    "HEADING_RUN_ON": ("match", ("整改工作组织情况局党组高度重视", "下一步工作打算持续巩固"),
                       ("整改情况", "整改情况,", "关于“整改情况”的说明")),
    "MEASURE_VERB": ("match", ("修订学习计划", "建立督办机制"), ("学习缺乏自觉性",)),
    "NOT_FINDING": ("search", ("聚焦突出问题", "巡察反馈问题整改情况"), ("干部选拔任用还不够规范的问题",)),
    "TITLE_WORDS": ("search", ("关于巡察整改情况的通报",), ("工作动态",)),
    "TITLE_END": ("search", ("关于巡察整改进展情况的通报", "巡察整改情况"), ("整改情况通报如下:",)),
    "TITLE_DONE": ("search", ("关于巡察整改情况的通报", "巡察公告"), ("巡察整改情况",)),
    "TITLE_ABOUT": ("search", ("中共某局党组关于巡察整改情况的通报",), ("巡察整改情况通报",)),
    "TITLE_SUBJECT": ("search", ("巡察整改情况", "巡视"), ("工作动态",)),
    "HEADER_KEY": ("search", ("发布时间:2024-03-18", "来源:区司法局", "2021-02-23 12:42:06来源:某局", "浏览次数:"),
                   ("来源于群众",)),
    "PAGE_NUMBER": ("match", ("— 3 —", "-12-", "第3页", "第 3 页 共 5 页", "3/5", "Page 3 of 5"),
                    ("3", "第三页", "1.3", "3/5号文件")),
    "FURNITURE_LINE": ("search", ("首页 > 工作动态", "• 信息索引号:", "【打印】【关闭】", "浏览次数:12次",
                                  "京ICP备12345号", "大", "公告摘要", "信息公开", "工作进展"),
                       ("一、整改情况", "【整改情况】已完成")),
    "DATED_NAME_LINE": ("fullmatch", ("2024-10-08 15:30 某省纪委省监委网站", "某某日报数字报 2024-07-12"),
                        ("2024年3月1日召开党组会议研究整改工作", "2024-10-08")),
    "DISCLOSURE_LABEL": ("search", ("索 引 号", "发布机构", "公开日期", "文  号", "主题分类"), ("信息来源",)),
    "COLUMN_TAG": ("match", ("【巡察整改】", "[通知公告] ", "【反馈】"), ("关于【", "巡察整改")),
    "DATE_LINE": ("match", ("二〇二四年一月二十六日", "2024年3月18日", " 2024-03-18 ", "20251021日"),
                  ("2024年3月18日召开会议",)),
    "TRAILING_DATE": ("search", ("关于巡察整改进展情况的通报 2026-02-13", "情况的通报 (2024年3月18日)",
                                 "通报 2021-02-23 12:42:06"),
                      ("2024年3月18日召开会议",)),
    "TITLE_DATE_LINE": ("match", ("(2024年3月18日)", "2024年3月18日"), ("2024年3月18日召开会议",)),
    "CLOSING_CUE": ("search", ("欢迎广大干部群众监督", "联系电话:0571-12345678", "邮政编码:310000"), ("加强监督",)),
    "CONTACT_LINE": ("search", ("电话:12345678", "通信地址:某路1号"), ("特此通报",)),
    "SIGNATURE_PUNCT": ("search", ("特此通报。",), ("中共某县财政局党组",)),
    "ORGANISATION": ("search", ("中共某某镇委员会", "某某镇人民政府", "县财政局党组"), ("特此通报",)),
    "STAMP_NOTE": ("search", ("中共某局党组(盖章)", "某局(章)"), ("某局(2024年)",)),
    "DATE": ("search", ("2023年7月5日", "二〇二四年一月二十六日", "2024-03-18", "2024/3/7", "二O二四年三月一日"),
             ("2023年7月", "7月5日")),
}
