"""Facts: one small case per phrase shape, in both scripts, and the cross-checks."""

from __future__ import annotations

import pytest

import rectext

BODY = "一、整改情况\n1.学习不够深入的问题\n一是加强学习。\n"
FOOTER = ("欢迎监督。联系电话：0571-86012345。\n中共某局党组\n2024年5月28日\n【打印本页】【关闭窗口】\n"
          "主办单位：某区人民政府办公室 联系电话：0571-86000000\n网站标识码：3301000001\n更新日期：2024-06-03\n")


def _get(notice, path: str):
    value = notice
    for part in path.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


# (text, field, expected): the examples the extractors were built on.
FACTS = [
    # date of issue: signature forms, then the page header
    (BODY + "中共某局党组\n2023年7月5日\n", "date", "2023-07-05"),
    ("中共某局党组关于巡察整改情况的通报\n（2024年3月18日）\n" + BODY, "date", "2024-03-18"),
    ("中共某局党组关于巡察整改情况的通报\n（2024年3月18日）\n" + BODY + "中共某局党组\n2024年3月20日\n", "date",
     "2024-03-20"),
    (BODY + "中共某市委\n二〇二四年一月二十六日\n", "date", "2024-01-26"),
    (BODY + "中共某市委\n二○二四年一月二十六日\n", "date", "2024-01-26"),
    (BODY + "中共某市委\n二O二四年一月二十六日\n", "date", "2024-01-26"),
    (BODY + "中共某局党组\n2024-03-18\n", "date", "2024-03-18"),
    (BODY + "中共某局党组\n2024/3/7\n", "date", "2024-03-07"),
    ("某局关于巡察整改情况的通报\n时间：2023-07-05 来源：区委巡察办\n" + BODY, "date", "2023-07-05"),
    ("某局關於巡察整改情況的通報\n時間:2023-07-05 來源:區委巡察辦\n" + BODY, "source", "區委巡察辦"),
    # title and issuer
    ("中共某局党组关于巡察整改情况的通报\n中共某局党组关于巡察整改情况的通报\n" + BODY, "title",
     "中共某局党组关于巡察整改情况的通报"),
    ("中共某局黨組關於巡察整改情況的通報\n" + BODY, "issuer", "中共某局黨組"),
    ("中共某局党组关于十四届区委第三轮巡察\n整改情况的通报\n" + BODY, "title",
     "中共某局党组关于十四届区委第三轮巡察整改情况的通报"),
    ("中共某局党组关于十四届区委第三轮巡察\n整改情况的通报\n" + BODY, "issuer", "中共某局党组"),
    ("中共某市委关于十四届省委第三轮巡视整改进展情况\n的通报\n" + BODY, "title",
     "中共某市委关于十四届省委第三轮巡视整改进展情况的通报"),
    ("中共某局党组关于巡察整改情况的通报\n区委巡察办\n" + BODY, "title", "中共某局党组关于巡察整改情况的通报"),
    ("某某区人民政府\n巡察整改情况通报\n" + BODY, "title", "巡察整改情况通报"),
    ("中共某某局党组巡察整改情况通报\n" + BODY, "issuer", "中共某某局党组"),
    ("区科技局2023年巡察整改情况通报\n" + BODY, "issuer", None),
    ("巡察整改情况通报\n" + BODY + "中共某县某局党组\n2024年9月20日\n", "issuer", "中共某县某局党组"),
    ("巡察整改情况通报\n" + BODY + "中共某县某局党组（盖章）\n2024年9月20日\n", "issuer", "中共某县某局党组"),
    ("巡察整改情况通报\n" + BODY + "特此通报\n中共某某镇委员会\n某某镇人民政府\n2024年1月26日\n", "issuer",
     "中共某某镇委员会"),
    (BODY, "title", None),
    # inspection team, kind, mode
    ("区委第二巡察组于2022年12月11日至2023年2月24日对区科技局党组进行巡察。\n" + BODY, "inspection.team",
     "区委第二巡察组"),
    ("區委第二巡察組對區科技局黨組進行巡察。\n" + BODY, "inspection.team", "區委第二巡察組"),
    ("省委第五巡视组对某市开展了常规巡视。\n" + BODY, "inspection.team", "省委第五巡视组"),
    ("省委第五巡视组对某市开展了常规巡视。\n" + BODY, "inspection.kind", "巡视"),
    ("省委第五巡视组对某市开展了常规巡视。\n" + BODY, "inspection.mode", "常规"),
    ("市委提级巡察第四组对某镇党委开展了巡察。\n" + BODY, "inspection.team", "市委提级巡察第四组"),
    ("市委提级巡察第四组对某镇党委开展了巡察。\n" + BODY, "inspection.mode", "提级"),
    ("中央第八巡视组对某部党组开展了巡视。\n" + BODY, "inspection.team", "中央第八巡视组"),
    ("校党委第二巡察组对我院党委开展了专项巡察。\n" + BODY, "inspection.mode", "专项"),
    ("2024年5月6日至6月28日，县委巡察一组对县卫健局党组开展了巡察。\n" + BODY, "inspection.team", "县委巡察一组"),
    ("十四届市委第五轮巡察第三巡察组对市水务局党组进行了巡察。\n" + BODY, "inspection.team",
     "十四届市委第五轮巡察第三巡察组"),
    ("区委巡察组对某局开展了巡察，区委巡察组组长出席会议。\n" + BODY, "inspection.team", "区委巡察组"),
    ("党委一组对某局开展了巡察。\n" + BODY, "inspection.team", None),
    # round and its qualifier
    ("中共某市委关于十四届省委第三轮巡视整改进展情况的通报\n" + BODY, "inspection.round", "第三轮"),
    ("中共某市委关于十四届省委第三轮巡视整改进展情况的通报\n" + BODY, "inspection.round_qualifier", "十四届省委"),
    ("中共某市委關於十四屆省委第三輪巡視整改進展情況的通報\n" + BODY, "inspection.round", "第三輪"),
    # target, first person, abbreviations
    ("区委第二巡察组对区科技局党组进行巡察。\n" + BODY, "inspection.target", "区科技局党组"),
    ("中共某局党组关于巡察整改情况的通报\n区委巡察组对我局开展了巡察。\n" + BODY, "inspection.target", "我局"),
    ("中共某局党组关于巡察整改情况的通报\n区委巡察组对我局开展了巡察。\n" + BODY, "inspection.target_resolved",
     "中共某局党组"),
    ("省委巡视组向中共某市委员会（以下简称“市委”）反馈了巡视意见。\n" + BODY, "inspection.aliases",
     {"市委": "中共某市委员会"}),
    # periods: year carried to the end, across a year end, dashes, fuzzy parts
    ("区委第一巡察组于2022年9月16日至10月18日对某局进行了巡察。\n" + BODY, "inspection.end", "2022-10-18"),
    ("区委第一巡察组于2022年9月16日至10月18日对某局进行了巡察。\n" + BODY, "inspection.start", "2022-09-16"),
    ("2024年3月7日至2024年5月10日，区委第一巡察组对某局开展了巡察。\n" + BODY, "inspection.end", "2024-05-10"),
    ("2023年4月10日—6月9日，县委巡察组对某局开展了巡察。\n" + BODY, "inspection.end", "2023-06-09"),
    ("2023年11月20日至1月15日，县委巡察组对某局开展了巡察。\n" + BODY, "inspection.end", "2024-01-15"),
    ("2023年9月下旬至11月底，省委第六巡视组对某市开展了巡视。\n" + BODY, "inspection.start", None),
    ("2023年9月下旬至11月底，省委第六巡视组对某市开展了巡视。\n" + BODY, "inspection.period_text",
     "2023年9月下旬至11月底"),
    ("2024年4月8日至5月31日，縣委第一巡察組對某局開展了巡察。\n" + BODY, "inspection.end", "2024-05-31"),
    # feedback, with the year from context
    ("区委巡察组于2023年3月1日至4月1日对某局进行巡察，并于2023年4月4日反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2023-04-04"),
    ("区委巡察组于2023年9月11日至11月10日对某局进行巡察，并于12月5日反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2023-12-05"),
    ("区委巡察组于2023年9月11日至11月10日对某局进行巡察，并于1月5日反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2024-01-05"),
    ("並于2024年6月25日反饋了巡察意見。\n" + BODY, "inspection.feedback", "2024-06-25"),
    ("区委第二巡察组对某局开展了巡察，巡察反馈会于2023年5月10日召开。\n" + BODY, "inspection.feedback",
     "2023-05-10"),
    ("按照反馈意见，2023年6月1日召开会议。\n" + BODY, "inspection.feedback", None),
    ("区委第三巡察组于2022年11月中旬至2023年1月上旬对街道党工委进行了巡察，2月24日反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2023-02-24"),
    ("2023年9月下旬至11月底，省委第六巡视组对某市开展了巡视。1月8日反馈了巡视意见。\n" + BODY,
     "inspection.feedback", "2024-01-08"),
    # declared counts
    ("针对巡察反馈意见中指出4项11个问题，研究制定了28条整改措施。\n" + BODY, "declared.aspects", 4),
    ("针对巡察反馈意见中指出4项11个问题，研究制定了28条整改措施。\n" + BODY, "declared.problems", 11),
    ("针对巡察反馈意见中指出4项11个问题，研究制定了28条整改措施。\n" + BODY, "declared.measures", 28),
    ("針對反饋的3個方面6個問題，細化整改措施26條。\n" + BODY, "declared.aspects", 3),
    ("針對反饋的3個方面6個問題，細化整改措施26條。\n" + BODY, "declared.measures", 26),
    ("区委巡察组共反馈3个方面的问题，问题总数11个。\n" + BODY, "declared.problems", 11),
    ("10个问题中已完成整改6个，其余4个正在按计划推进。\n" + BODY, "declared.completed", 6),
    ("10个问题中已完成整改6个，其余4个正在按计划推进。\n" + BODY, "declared.in_progress", 4),
    ("截至目前，11個問題已整改完成。\n" + BODY, "declared.completed", 11),
    ("已完成整改9个，正在整改2个，整改完成率81.8%。\n" + BODY, "declared.completion_rate", 81.8),
    ("反馈十八个问题，制定六十四条整改措施，涉及两个方面。\n" + BODY, "declared.problems", 18),
    ("反馈十八个问题，制定六十四条整改措施，涉及两个方面。\n" + BODY, "declared.measures", 64),
    ("反馈十八个问题，制定六十四条整改措施，涉及两个方面。\n" + BODY, "declared.aspects", 2),
    ("已完成整改9个，正在整改0个。\n" + BODY, "declared.in_progress", 0),
    ("整改任務一項一項落實。\n" + BODY, "declared.measures", None),
    ("反馈的31个问题已完成整改27个，正在推进4个。\n" + BODY, "declared.problems", 31),
    ("巡察组反馈了三大方面16项问题。\n" + BODY, "declared.aspects", 3),
    ("形成问题清单4类11项。\n" + BODY, "declared.problems", 11),
    ("共梳理问题11个，制定整改措施32条。\n" + BODY, "declared.problems", 11),
    ("完成整改9项，整改完成率为81.82%。\n" + BODY, "declared.completed", 9),
    ("计划完成整改9个。\n" + BODY, "declared.completed", None),
    ("巡察反馈的十一个问题已全部整改到位。\n" + BODY, "declared.problems", 11),
    ("巡察反馈的十一个问题已全部整改到位。\n" + BODY, "declared.completed", 11),
    ("巡察组反馈了三大方面16项问题。\n" + BODY, "declared.problems", 16),
    ("反馈的31个问题已完成整改27个，正在推进4个。\n" + BODY, "declared.completed", 27),
    ("巡察反馈的3个方面9个问题，已全部完成整改。\n" + BODY, "declared.completed", 9),
    ("巡察反馈的3个方面9个问题，已全部完成整改。\n" + BODY, "declared.problems", 9),
    ("反馈的9个问题已完成整改7个，2个问题正在整改。\n" + BODY, "declared.in_progress", 2),
    # published pages: fields run together, bullet blocks, a date on the title line, no title at all
    ("某局关于巡察整改情况的通报\n日期:2023-05-04 08:46:31 来源:区文旅局 浏览量:\n" + BODY, "source", "区文旅局"),
    ("某局关于巡察整改情况的通报\n日期:2023-05-04 08:46:31 来源:区文旅局 浏览量:\n" + BODY, "date", "2023-05-04"),
    ("某局关于巡察整改情况的通报\n2021-02-23 12:42:06来源:某市住房和城乡建设局\n" + BODY, "source",
     "某市住房和城乡建设局"),
    ("某局关于巡察整改情况的通报\n来源:区司法局作者:区司法局 字体[ 大 中 小 ]\n" + BODY, "source", "区司法局"),
    ("某局关于巡察整改情况的通报\n来源:某区委巡察办发布时间:2020-12-10 16:02:43\n" + BODY, "source", "某区委巡察办"),
    ("某局关于巡察整改情况的通报\n来源:某区委巡察办发布时间:2020-12-10 16:02:43\n" + BODY, "date", "2020-12-10"),
    ("某局关于巡察整改情况的通报\n更新时间:2025-04-10浏览次数:来源:区司法局作者:区司法局\n" + BODY, "date",
     "2025-04-10"),
    ("• 索引号:\n\n  001/2023-1\n\n• 成文日期:\n\n  2023-05-04\n\n• 公开方式:\n\n  主动公开\n\n"
     "• 某局党组关于巡察整改情况的通报\n\n" + BODY, "date", "2023-05-04"),
    ("• 索引号:\n\n  001/2023-1\n\n• 成文日期:\n\n  2023-05-04\n\n• 某局党组关于巡察整改情况的通报\n\n" + BODY,
     "title", "某局党组关于巡察整改情况的通报"),
    ("中共某区民政局党组关于巡察整改进展情况的通报 2026-02-13\n" + BODY, "title",
     "中共某区民政局党组关于巡察整改进展情况的通报"),
    ("中共某区民政局党组关于巡察整改进展情况的通报 2026-02-13\n" + BODY, "date", "2026-02-13"),
    ("根据区委统一部署，区委第二巡察组对局党组进行了巡察。\n" + BODY + "中共某局党组\n2024年9月20日\n", "title",
     None),
    ("根据区委统一部署，区委第二巡察组对局党组进行了巡察。\n" + BODY + "中共某局党组\n2024年9月20日\n", "issuer",
     "中共某局党组"),
    ("首页 > 巡察工作\n区委第一巡察组进驻某局开展巡察工作\n来源:本站 发布时间:2018-10-26\n根据区委部署，巡察组进驻。\n",
     "title", "区委第一巡察组进驻某局开展巡察工作"),
    # teams as written, from the body that sent them
    ("2024年3月7日至5月7日，市委第一提级巡察组对某局党组开展了提级巡察。\n" + BODY, "inspection.team",
     "市委第一提级巡察组"),
    ("市委第七提级交叉巡察组对某部进行了巡察。\n" + BODY, "inspection.team", "市委第七提级交叉巡察组"),
    ("根据部署，教育部党组第三巡视组对某大学党委开展了巡视。\n" + BODY, "inspection.team", "教育部党组第三巡视组"),
    ("由县委教育工委第二巡察组对某中学党支部进行了巡察。\n" + BODY, "inspection.team", "县委教育工委第二巡察组"),
    ("市委巡察第23组对某局开展了巡察。\n" + BODY, "inspection.team", "市委巡察第23组"),
    ("八届省委第六轮巡视第六巡视组对某厅开展了巡视。\n" + BODY, "inspection.team", "八届省委第六轮巡视第六巡视组"),
    ("中共某市委关于落实省委第六巡视组反馈意见的整改情况\n" + BODY, "inspection.team", "省委第六巡视组"),
    ("各单位在接到区委巡察组反馈意见后认真整改。\n" + BODY, "inspection.team", None),
    ("县委机动巡察组对某局开展了巡察。\n" + BODY, "inspection.team", "县委机动巡察组"),
    # dates a website mangled (年 and 月 stripped), and dates without their year
    ("2024717日至830日，市委第六巡察组对某委党委进行了巡察。914日，巡察组反馈了巡察意见。\n" + BODY,
     "inspection.start", "2024-07-17"),
    ("2024717日至830日，市委第六巡察组对某委党委进行了巡察。914日，巡察组反馈了巡察意见。\n" + BODY,
     "inspection.end", "2024-08-30"),
    ("2024717日至830日，市委第六巡察组对某委党委进行了巡察。914日，巡察组反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2024-09-14"),
    ("2024717日至830日，市委第六巡察组对某委党委进行了巡察。\n" + BODY, "contacts.phones", []),
    ("2025年1021日至1128日，市委第六巡察组对某局进行了巡察。\n" + BODY, "inspection.end", "2025-11-28"),
    ("2023111日至1230日，市委第六巡察组对某局进行了巡察。\n" + BODY, "inspection.start", None),
    ("十八届区委第一轮巡察从6月9日至8月23日对某街道开展常规巡察。\n" + BODY + "中共某区委巡察办\n2022年6月9日\n",
     "inspection.start", "2022-06-09"),
    ("区委巡察组于10月9日至12月3日对某局开展了巡察。\n" + BODY + "中共某局党组\n2024年3月9日\n",
     "inspection.end", "2023-12-03"),
    ("今年3月6日，区委第二巡察组向局党组反馈了巡察意见。\n" + BODY + "中共某局党组\n2024年9月20日\n",
     "inspection.feedback", "2024-03-06"),
    ("2024年5月20日，召开巡察反馈问题整改专题民主生活会。2024年4月10日，区委第二巡察组反馈了巡察意见。\n" + BODY,
     "inspection.feedback", "2024-04-10"),
    # declared counts only from statements about the notice's own problems
    ("做到每一个问题都有整改措施。\n" + BODY, "declared.problems", None),
    ("做到整改完成一项、销号一项。\n" + BODY, "declared.completed", None),
    ("共反馈29个问题，已完成整改28个，阶段性完成整改1个。\n" + BODY, "declared.completed", 28),
    ("共反馈29个问题，已完成整改28个，阶段性完成整改1个。\n" + BODY, "declared.in_progress", 1),
    ("共反馈问题20个，已完成整改17个，基本完成3个。\n" + BODY, "declared.in_progress", 3),
    ("巡察反馈问题4个方面21个问题。\n" + BODY, "declared.problems", 21),
    ("巡察反馈问题4个方面21个问题。\n" + BODY, "declared.aspects", 4),
    # genre: a news story about rectification is news, and declares nothing of its own
    ("某区开展巡察整改专项督查\n督查组发现被巡察单位存在8个方面36个问题整改不够到位。此次专项督查要求限期整改。\n",
     "genre.label", "news"),
    ("某区开展巡察整改专项督查\n督查组发现被巡察单位存在8个方面36个问题整改不够到位。此次专项督查要求限期整改。\n",
     "declared.problems", None),
    ("某局召开巡察整改推进会\n会议指出，反馈的问题要逐项整改。会议要求，一要提高站位，二要压实责任。\n",
     "genre.label", "news"),
    ("7月22日下午，某委巡察工作领导小组召开会议，审议整改成效评估报告。书记主持会议，成员参加会议。\n"
     "会议强调，整改要抓实。\n", "genre.label", "news"),
    ("十九届某轮巡视整改进展情况全部公布\n2022-04-18 07:10:00  来源：某网\n"
     "新华社北京4月17日电 4月17日，11个单位向社会公布了巡视整改进展情况。\n", "genre.label", "news"),
    ("处罚5569人！某省卫健委通报巡视整改进展\n发布时间：2023-06-24\n"
     "根据省委巡视工作统一部署，省委第五巡视组对委党组开展了巡视，现将整改进展情况予以公布。\n" + BODY, "title", None),
    ("关于2020年度市本级预算执行审计查出问题整改情况的报告\n受市人民政府委托，向市人大常委会报告审计查出问题的整改情况。\n"
     "一、财政部门预算执行问题的整改情况\n部分整改4项。\n", "genre.label", "audit-report"),
    ("“老问题有没有复萌？”3月20日，县纪委监委一行4人到某镇开展巡察整改回访督查。\n此次巡察回访释放出强化整改的强烈信号。\n",
     "genre.label", "news"),
    # a site's footer below the signature: its phone and dates are the website's
    ("某局关于巡察整改情况的通报\n来源：区民政局 发布时间：2024-06-02\n" + BODY + FOOTER, "date", "2024-05-28"),
    ("某局关于巡察整改情况的通报\n来源：区民政局 发布时间：2024-06-02\n" + BODY + FOOTER, "contacts.phones",
     ["0571-86012345"]),
    ("某局关于巡察整改情况的通报\n来源：区民政局 发布时间：2024-06-02\n" + BODY + FOOTER, "issuer", "某局"),
    # contacts
    (BODY + "联系电话：（0836）6213579；电子邮箱：mcswxszg@minchuan.gov.cn。\n", "contacts.phones",
     ["（0836）6213579"]),
    (BODY + "聯繫電話:0739-6821473 13873918265;電子郵箱:wx@wenxi.gov.cn。\n", "contacts.phones",
     ["0739-6821473", "13873918265"]),
    (BODY + "监督电话：12388。\n", "contacts.phones", ["12388"]),
    (BODY + "电子邮箱：ABC＠example．cn\n", "contacts.emails", ["ABC@example.cn"]),
    (BODY + "邮政信箱：某市锦江大道168号某办公室（邮编626000）。\n", "contacts.postcode", "626000"),
    (BODY + "邮政信箱：某市锦江大道168号某办公室（邮编626000）。\n", "contacts.address", "某市锦江大道168号某办公室"),
    (BODY + "来信请寄：某某市某某路1号，邮编：310000。\n", "contacts.address", "某某市某某路1号"),
    (BODY + "联系电话及传真：0510-81234567。\n", "contacts.phones", ["0510-81234567"]),
]


@pytest.mark.parametrize(("text", "field", "expected"), FACTS, ids=[f"{f}:{i}" for i, (_, f, _) in enumerate(FACTS)])
def test_fact(text, field, expected):
    assert _get(rectext.parse(text), field) == expected


QUANTITIES = [
    ("追缴资金7.132万元。", 71320.0, "元", "money", False),
    ("貸款金額39055.76萬元。", 390557600.0, "元", "money", False),
    ("整改问题金额1.05亿元。", 105000000.0, "元", "money", False),
    ("申报57家。", 57.0, "家", "count", False),
    ("开展培训3次。", 3.0, "次", "count", False),
    ("新增载体面积15.94万平方米。", 159400.0, "平方米", "area", False),
    ("完成率98.71%。", 98.71, "%", "percent", False),
    ("走访50余家企业。", 50.0, "家", "count", True),
    ("覆盖约300人。", 300.0, "人", "count", True),
    ("清退近2万元。", 20000.0, "元", "money", True),
    ("压缩至1个工作日以内。", 1.0, "个工作日", "duration", False),
]


@pytest.mark.parametrize(("text", "value", "unit", "kind", "approximate"), QUANTITIES)
def test_quantity(text, value, unit, kind, approximate):
    notice = rectext.parse(BODY + text + "\n")
    q = next(q for q in notice.quantities if q.start >= len(BODY))
    assert (q.value, q.unit, q.kind, q.approximate) == (value, unit, kind, approximate)
    assert notice.text[q.start:q.end] == q.text


def test_dates_and_ordinals_are_not_quantities():
    notice = rectext.parse(BODY + "2023年7月5日召开第3次会议，牢固树立四个意识，一项一项落实。\n")
    assert [q.text for q in notice.quantities] == []


OUTCOMES = [
    ("给予党纪处分9人，政务处分0人。", [("党纪处分", 9.0, "人"), ("政务处分", 0.0, "人")]),
    ("组织处理1人，诫勉1人，批评教育和提醒谈话4人。",
     [("组织处理", 1.0, "人"), ("诫勉", 1.0, "人"), ("批评教育和提醒谈话", 4.0, "人")]),
    ("追回資金3.72萬元，新建制度6項，修訂完善制度5項。",
     [("追回資金", 37200.0, "元"), ("新建制度", 6.0, "项"), ("修訂完善制度", 5.0, "项")]),
    ("召开专题组织生活会11场，组织集中学习6次。", [("召开专题组织生活会", 11.0, "场"), ("集中学习", 6.0, "次")]),
    ("清退不符合条件的对象186户。", []),
]


@pytest.mark.parametrize(("text", "expected"), OUTCOMES)
def test_outcomes(text, expected):
    notice = rectext.parse(BODY + text + "\n")
    assert [(o.label, o.value, o.unit) for o in notice.outcomes] == expected


def test_every_fact_has_its_span(seed):
    for name in ("title", "issuer", "date", "source"):
        span = seed.spans[name]
        assert seed.text[span.start:span.end]
    assert seed.text[seed.spans["date"].start:seed.spans["date"].end] == "2023年7月5日"
    for name, span in seed.inspection.spans.items():
        value = getattr(seed.inspection, name)
        if isinstance(value, str) and name not in ("kind", "start", "end", "feedback", "target_resolved"):
            assert seed.text[span.start:span.end] == value
    assert seed.text[seed.declared.spans["measures"].start:seed.declared.spans["measures"].end] == "28條整改措施"
    for entry in seed.contacts.entries:
        assert entry.value.lower() in seed.text[entry.start:entry.end].lower()


def test_seed_facts(seed):
    assert seed.inspection.team == "區委第二巡察組"
    assert (seed.inspection.start, seed.inspection.end, seed.inspection.feedback) == (
        "2022-12-11", "2023-02-24", "2023-04-04")
    d = seed.declared
    assert (d.aspects, d.problems, d.measures, d.completed) == (4, 11, 28, 11)
    assert seed.contacts.phones == ["85033076"] and seed.contacts.emails == ["2962370826@qq.com"]
    money = [q for q in seed.quantities if q.kind == "money"]
    assert money[0].text == "39055.76萬元" and money[0].value == 390557600.0


def test_seed_passes_every_check(seed):
    assert [d.code for d in seed.diagnostics if d.code.startswith("declared")] == []


def test_seed_without_problem_11_fails_the_counts(seed_text):
    cut = seed_text[: seed_text.index("11.審計")] + seed_text[seed_text.index("三、下一步"):]
    notice = rectext.parse(cut)
    codes = {d.code for d in notice.diagnostics}
    assert {"declared-problems-mismatch", "declared-measures-mismatch"} <= codes
    problems = next(d for d in notice.diagnostics if d.code == "declared-problems-mismatch")
    assert notice.text[problems.start:problems.end] == "11個問題" and len(problems.related) == 10


def test_progress_and_rate_checks():
    text = "共反馈7个问题，已完成整改5个，正在整改1个，整改完成率85.7%。\n" + BODY
    codes = {d.code for d in rectext.parse(text).diagnostics}
    assert {"declared-progress-mismatch", "declared-rate-mismatch"} <= codes
    text = "共反馈7个问题，已完成整改6个，正在整改1个，整改完成率85.7%。\n" + BODY
    codes = {d.code for d in rectext.parse(text).diagnostics}
    assert not codes & {"declared-progress-mismatch", "declared-rate-mismatch"}


def test_aspects_check_against_groups():
    text = ("反馈的3个方面2个问题。\n二、整改情况\n（一）关于甲方面\n1.甲的问题\n一是改。\n"
            "（二）关于乙方面\n2.乙的问题\n一是改。\n")
    notice = rectext.parse(text)
    assert "declared-aspects-mismatch" in {d.code for d in notice.diagnostics}


def test_nested_problems_count_at_either_level():
    text = ("共反馈3个问题。\n一、整改情况\n1.关于“甲”问题的整改\n（1）关于“甲一不够”\n一是改。\n"
            "（2）关于“甲二不够”\n一是改。\n2.关于“乙”问题的整改\n（1）关于“乙一不够”\n一是改。\n")
    assert "declared-problems-mismatch" not in {d.code for d in rectext.parse(text).diagnostics}


def _to_traditional(value, convert):
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [_to_traditional(v, convert) for v in value]
    if isinstance(value, dict):
        return {convert(k): _to_traditional(v, convert) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("text", "field", "expected"), FACTS, ids=[f"{f}:{i}" for i, (_, f, _) in enumerate(FACTS)])
def test_fact_in_the_other_script(text, field, expected):
    """Every phrase shape, converted to Traditional script (OpenCC s2t), gives the same fact."""
    import opencc

    convert = opencc.OpenCC("s2t").convert
    if field in ("inspection.kind", "inspection.mode"):  # normalised to Simplified by design
        convert_expected = expected
    else:
        convert_expected = _to_traditional(expected, convert)
    assert _get(rectext.parse(convert(text)), field) == convert_expected


MORE_FACTS = [
    ("共反馈问题15个，已整改14个，持续整改1个。\n" + BODY, "declared.problems", 15),
    ("共反馈问题15个，已整改14个，持续整改1个。\n" + BODY, "declared.completed", 14),
    ("共反馈问题15个，已整改14个，持续整改1个。\n" + BODY, "declared.in_progress", 1),
    ("巡察组指出问题12项，明确整改任务36项。\n" + BODY, "declared.problems", 12),
    ("巡察组指出问题12项，明确整改任务36项。\n" + BODY, "declared.measures", 36),
    (BODY + "欢迎监督。\n中共某县委员会 2024年1月5日\n", "date", "2024-01-05"),
]


@pytest.mark.parametrize(("text", "field", "expected"), MORE_FACTS)
def test_more_phrasings(text, field, expected):
    assert _get(rectext.parse(text), field) == expected
