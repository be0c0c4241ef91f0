"""Tests for rag.premise: the value a yes/no question offers, and the one the documents give instead."""

from __future__ import annotations

import pytest

from rag.amounts import COUNT, RANK, YEARS
from rag.premise import cleft_question, offered_amount, offered_value, rival, without
from rag.question import NUMBER, ORG, PERSON, YESNO, classify


def test_an_absent_company_is_the_offered_value():
    question = "2017年12月小米是和爱立信签的交叉专利授权协议吗？"
    offered = offered_value(question, ["@爱立信"])
    # jieba may tag it a person's name; either way a name stands against a name.
    assert offered is not None and offered.text == "爱立信" and offered.kind in (ORG, PERSON)
    assert without(question, offered) == "2017年12月小米是和签的交叉专利授权协议吗？"


def test_an_absent_number_is_offered_as_the_whole_amount():
    offered = offered_value("小米2014年底完成融资后，估值达到500亿美元了吗？", ["500"])
    assert offered is not None and offered.text == "500亿美元" and offered.kind == NUMBER


def test_without_a_pinned_month_nothing_is_offered():
    # Any time at all: a document naming another partner does not say there was none.
    assert offered_value("小米和华为签过交叉专利授权协议吗？", ["@华为"]) is None


def test_a_model_number_is_what_is_asked_about_not_an_offered_value():
    assert offered_value("2014年7月小米4卖1999元吗？", ["#4"]) is None


def test_the_rival_is_the_span_of_the_same_kind_nearest_the_words_before_the_value():
    question = "小米2014年底完成融资后，估值达到500亿美元了吗？"
    offered = offered_value(question, ["500"])
    sentence = "2014年底，小米完成融资，总融资额11亿美元，公司估值450亿美元；"
    found = rival(sentence, question, offered)
    # 11亿美元 is an amount too, but 估值 stands before 450亿美元.
    assert found is not None and found.text == "450亿美元"


def test_a_company_rival_is_a_name_the_question_does_not_hold():
    question = "2017年12月小米是和爱立信签的交叉专利授权协议吗？"
    offered = offered_value(question, ["@爱立信"])
    found = rival("2017年12月6日，小米与诺基亚签署交叉专利授权协议。", question, offered)
    assert found is not None and found.text == "诺基亚"


def test_no_rival_when_the_sentence_names_nothing_of_the_kind():
    question = "2017年12月小米是和爱立信签的交叉专利授权协议吗？"
    offered = offered_value(question, ["@爱立信"])
    assert rival("2017年12月6日，小米签署交叉专利授权协议。", question, offered) is None


def test_a_chinese_question_offering_a_value_asks_yes_or_no():
    # 估值 and 售价 would make these how-much questions; the value offered makes them yes/no.
    assert classify("2014年底小米估值达到450亿美元了吗？").type == YESNO
    assert classify("小米手机3售价是1999元吗").type == YESNO
    assert classify("小米手机3卖多少钱？").type == NUMBER


def test_a_focused_value_is_offered_and_asked_for_instead():
    # 是…的 focuses the value; the question asking for it keeps the rest of the clause.
    assert cleft_question("小米是不是在深交所上市的") == ("深交所", "小米是在哪里上市的")
    assert cleft_question("雷军是广东人吗？") == ("广东", "雷军是哪里人")
    assert cleft_question("小米13ultra的镜头是跟蔡司合作搞的吗") == ("蔡司", "小米13ultra的镜头是跟谁合作搞的")


def test_latin_typed_onto_a_name_is_part_of_the_offered_value():
    assert cleft_question("redmi fire tv跑的是安卓tv吗") == ("安卓tv", "redmi fire tv跑的是什么")


def test_questions_about_whether_anything_happened_offer_no_focused_value():
    # No 是: whether any such agreement exists, which another partner does not answer.
    assert cleft_question("小米和华为签过交叉专利授权协议吗？") is None
    # 是 with no 的 closing a clause: a plain "is it a …" question.
    assert cleft_question("雷军是小米最大股东吗") is None
    assert cleft_question("小米的使命是什么？") is None


def test_a_time_focused_by_shi_is_offered_and_asked_for_instead():
    from rag.premise import offered_time

    assert offered_time("小米是2019年在港交所主板上市的吗？") == ((2019, None), "小米是哪一年在港交所主板上市的？")
    assert offered_time("家宴是从2014年开始举办的吗？") == ((2014, None), "家宴是从哪一年开始举办的？")
    assert offered_time("小米是不是19年3月上市的") == ((2019, 3), "小米是什么时候上市的？")
    assert offered_time("Was Xiaomi listed in 2019?") == ((2019, None), "When was Xiaomi listed?")


def test_a_time_that_is_not_the_focus_is_not_offered():
    from rag.premise import offered_time

    # The year sets the scene; what is offered is the figure (or the partner).
    assert offered_time("22年小米世界500强是不是排397") is None
    assert offered_time("2017年12月小米是和爱立信签的交叉专利授权协议吧？") is None
    assert offered_time("小米是什么时候上市的？") is None


def test_a_date_is_the_offered_time_when_its_year_and_any_month_agree():
    from rag.premise import same_time

    assert same_time((2019, None), "2018年7月9日") is False
    assert same_time((2018, None), "2018年7月9日") is True
    assert same_time((2018, 6), "2018年7月9日") is False
    assert same_time((2018, None), "7月9日") is None  # no year: it cannot say


def test_a_rank_offered_with_a_year_is_the_offered_value():
    # 397 reads like a model number, but after 排 it is the rank offered; the year pins the event.
    offered = offered_value("22年小米世界500强是不是排397", ["#397"])
    assert offered is not None and offered.text == "397" and offered.kind == NUMBER
    assert offered_value("小米世界500强是不是排397", ["#397"]) is None


def test_a_tag_question_with_ba_asks_yes_or_no():
    assert classify("2017年12月小米是和爱立信签的交叉专利授权协议吧？").type == YESNO


@pytest.mark.parametrize(
    ("question", "value", "kind", "relation", "asked"),
    [
        ("小米2023年总收入是不是3000亿元？", 3000e8, "money", "equal", "小米2023年总收入多少钱？"),
        ("林斌在微软干了10年吗", 10, YEARS, "equal", "林斌在微软干了多少年？"),
        ("2014年小米手机销量有没有突破5000万台", 5000e4, COUNT, "above", "2014年小米手机销量有多少台？"),
        ("小米2023年排名是不是第100位", 100, RANK, "equal", "小米2023年排名第几位？"),
        ("小米进世界500强前200名了没", 200, RANK, "at_most", "小米进世界500强排第几名？"),
        ("小米员工不到3万人吧", 3e4, COUNT, "below", "小米员工多少人？"),
        # A bare number something is sold at is a price.
        ("小米手环一代刚出来是不是卖99", 99, "money", "equal", "小米手环一代刚出来卖多少钱？"),
    ],
)
def test_an_offered_amount_is_read_with_how_it_is_offered_and_asked_for_instead(question, value, kind, relation,
                                                                                 asked):
    offered = offered_amount(question)
    assert offered is not None
    amount, how, instead = offered
    assert amount.value == pytest.approx(value) and amount.kind == kind
    assert (how, instead) == (relation, asked)


@pytest.mark.parametrize(
    "question",
    [
        "小米是2010年成立的吗？",  # a year is a time (see offered_time), not an amount
        "小米13的屏幕好用吗？",  # 13 names the model
        "小米进了世界500强吗？",  # 500强 names the list
        "小米是一家上市公司吗？",  # 一家 is an article
    ],
)
def test_numbers_that_name_or_date_a_thing_are_not_offered_amounts(question):
    assert offered_amount(question) is None


@pytest.mark.parametrize("question", ["2022年小米是不是排第300名", "小米22年进前300了没", "小米手环卖99吗"])
def test_a_question_offering_an_amount_asks_yes_or_no(question):
    assert classify(question).type == YESNO


def test_a_question_asking_for_an_amount_is_not_yes_or_no():
    assert classify("小米是不是排第几名？").type != YESNO
