"""Tests for rag.evidence: the unit and date precision a question asks for, and sentence offsets."""

from __future__ import annotations

import pytest

from rag.evidence import date_hint, sentence_offsets, unit_hint


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米2013年卖了多少台手机？", "台部"),
        ("小米注册资本多少钱？", "元"),
        ("小米13 Ultra的起售价是多少？", "元"),  # a price is money though no unit is named
        ("小米入股爱奇艺花了多少？", "元"),
        ("10万台小米3多长时间卖完？", "秒分时天年月周"),
        ("小米的市场份额占比是多少？", "%％"),
        ("小米有多少名员工？", "名"),  # counted in 名
        ("小米是哪一年成立的？", None),
    ],
)
def test_unit_hint(question, expected):
    assert unit_hint(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [("小米是哪一天上市的？", "日号"), ("小米是哪个月入选的？", "月日号"), ("小米是哪一年成立的？", None)],
)
def test_date_hint(question, expected):
    assert date_hint(question) == expected


def test_sentence_offsets_cover_each_sentence_with_its_end_mark():
    text = "小米成立于2010年。总部在北京！创始人是雷军"
    assert [text[a:b] for a, b in sentence_offsets(text)] == ["小米成立于2010年。", "总部在北京！", "创始人是雷军"]
