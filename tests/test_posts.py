"""Tests for rag.posts: the post written before a person's name, on sentences from the corpus."""

from __future__ import annotations

import pytest

from rag.posts import post_asked, post_before

SIGNING = "小米公司董事长雷军，小米首席架构师、人工智能与云平台副总裁崔宝秋，武汉大学副校长李建成院士出席。"
COMMITTEE = "人力资源委员会由雷军和卢伟冰、总干部部长刘德、总办主任刘伟、中国区政委朱磊等7人组成。"


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        # Posts listed with 、 are one person's.
        (SIGNING, "崔宝秋", "小米首席架构师、人工智能与云平台副总裁"),
        (SIGNING, "雷军", "小米公司董事长"),
        (SIGNING, "李建成", "武汉大学副校长"),
        # People listed with 、 are not: each has only the post right before them.
        (COMMITTEE, "刘德", "总干部部长"),
        (COMMITTEE, "刘伟", "总办主任"),
        (COMMITTEE, "朱磊", "中国区政委"),
        ("小米创始人、董事长兼CEO雷军宣布", "雷军", "小米创始人、董事长兼CEO"),
        ("委员会由小米总裁卢伟冰牵头", "卢伟冰", "小米总裁"),  # not "委员会由…"
    ],
)
def test_the_post_before_a_name(text, name, post):
    span = post_before(text, name)
    assert span is not None and span.text == post
    assert text[span.start : span.end] == post
    assert span.end == text.index(name, span.start)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (COMMITTEE, "卢伟冰"),  # after 和: no post of his own
        (COMMITTEE, "雷军"),  # after 由
        ("武汉大学李平湘和小米公司崔宝秋分别代表合作双方签署了协议", "崔宝秋"),  # a company is no post
        ("崔宝秋出席了仪式", "崔宝秋"),
        (SIGNING, "林斌"),  # not named at all
    ],
)
def test_no_post_where_none_is_written(text, name):
    assert post_before(text, name) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("崔宝秋在小米的职务是什么？", True),
        ("刘德担任什么职务？", True),
        ("林斌的职位是什么", True),
        ("What was Cui Baoqiu's title at Xiaomi?", True),
        ("What position does Lin Bin hold?", True),
        ("谁是小米的总裁？", False),  # a person is asked, not a post
        # A post at a moment the question names is that moment's evidence's to answer.
        ("Redmi品牌独立时，卢伟冰被任命为什么职务？", False),
        ("2019年林斌担任什么职务？", False),
        ("What position was Lu Weibing appointed to in 2019?", False),
        ("Who is the CFO of Xiaomi?", False),
        ("小米的总部在哪里？", False),
    ],
)
def test_a_question_asking_for_a_post(question, expected):
    assert post_asked(question) is expected
