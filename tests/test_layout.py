"""The parts around the body: what lands in the header and in the closing."""

from __future__ import annotations

import pytest

import rectext

BODY = "一、整改情况\n局党组高度重视。\n二、下一步打算\n持续巩固整改成果。"


@pytest.mark.parametrize(
    ("tail", "closing"),
    [
        ("\n特此通报。\n中共某局党组\n2024年5月10日\n", "特此通报。\n中共某局党组\n2024年5月10日\n"),
        ("欢迎广大干部群众监督。联系电话：0510-85217736。\n中共某局党组\n2024年3月18日\n",
         "欢迎广大干部群众监督。联系电话：0510-85217736。\n中共某局党组\n2024年3月18日\n"),
        ("\n中共某局党组 2024年1月5日\n责任编辑：张三\n【打印】【关闭】\n",
         "中共某局党组 2024年1月5日\n责任编辑：张三\n【打印】【关闭】\n"),
        ("\n", ""),
    ],
)
def test_closing(tail, closing):
    notice = rectext.parse(BODY + tail)
    assert notice.text[notice.parts.closing.start:].lstrip("\n") == closing
    assert notice.sections[-1].end == notice.parts.closing.start


def test_header_parts():
    text = "首页 > 政务公开\n中共某局党组关于巡察整改情况的通报\n发布时间：2024-03-19 来源：区委巡察办\n" + BODY + "\n"
    notice = rectext.parse(text)
    header = notice.text[: notice.parts.header.end]
    assert header.endswith("来源：区委巡察办\n") and notice.source == "区委巡察办"
    assert notice.date == "2024-03-19"  # no signature: the page-header date


def test_attachments_and_distribution_lines_close_the_notice():
    tail = "\n中共某局党组\n2024年1月5日\n（此件公开发布）\n附件：1.巡察整改台账\n抄送：区委巡察办。\n"
    notice = rectext.parse(BODY + tail)
    closing = notice.text[notice.parts.closing.start:]
    assert closing.lstrip("\n").startswith("中共某局党组") and closing.rstrip().endswith("抄送：区委巡察办。")
    assert notice.date == "2024-01-05" and notice.issuer == "中共某局党组"
