"""Tests for rag.relative_dates: dates counted from an earlier answer, worked out by hand."""

from __future__ import annotations

import pytest

from rag.relative_dates import counts_from_a_date, shift_dates


@pytest.mark.parametrize(
    ("question", "anchor", "expected"),
    [
        # 2011-09-05 minus 7 days is 2011-08-29.
        ("一周前小米开始限量销售的是什么版本？", "2011年9月5日", "2011年8月29日小米开始限量销售的是什么版本？"),
        # 2023-05-29 plus one day.
        ("第二天呢？", "2023年5月29日", "2023年5月30日呢？"),
        # Across a month end: 2023-02-28 plus 3 days is 2023-03-03 (2023 is no leap year).
        ("三天后发布了什么？", "2023年2月28日", "2023年3月3日发布了什么？"),
        # The day before the first of a year is in the year before.
        ("前一天小米做了什么？", "2019年1月1日", "2018年12月31日小米做了什么？"),
        # Months: two months after 2014年11月 is 2015年1月.
        ("两个月后小米入股了哪家公司？", "2014年11月", "2015年1月小米入股了哪家公司？"),
        ("次年小米卖了多少台手机？", "2013年", "2014年小米卖了多少台手机？"),
        ("3年后呢", "2010年4月6日", "2013年呢"),
        # The month after December is January of the next year; the month before January, December.
        ("Where did the company relocate the following month?", "2010年12月10日",
         "Where did the company relocate 2011年1月?"),
        ("上个月呢", "2014年1月7日", "2013年12月呢"),
    ],
)
def test_a_relative_date_is_counted_from_the_anchor(question, anchor, expected):
    assert shift_dates(question, [anchor]) == expected


def test_the_first_anchor_precise_enough_is_used():
    # "一周前" needs a day: the bare year is skipped for the full date after it.
    assert shift_dates("一周前呢", ["2011年", "2011年9月5日"]) == "2011年8月29日呢"


def test_without_a_precise_anchor_the_question_is_unchanged():
    assert shift_dates("一周前呢", ["2011年9月"]) == "一周前呢"
    assert shift_dates("一周前呢", []) == "一周前呢"


def test_an_impossible_anchor_date_anchors_nothing():
    assert shift_dates("第二天呢", ["2023年2月30日"]) == "第二天呢"


def test_a_question_without_relative_words_is_unchanged():
    assert shift_dates("小米是哪一年成立的？", ["2010年4月6日"]) == "小米是哪一年成立的？"


@pytest.mark.parametrize(("question", "expected"), [("一周前呢", True), ("第二天呢？", True), ("次年卖了多少", True),
                                                    ("小米是哪一年成立的？", False), ("后来呢", False),
                                                    ("最近一次年检是哪天？", False), ("每次年会在哪开", False)])
def test_which_questions_count_from_a_date(question, expected):
    assert counts_from_a_date(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("The following year, when did it sign?", "2018年, when did it sign?"),
        ("What happened the year before?", "What happened 2016年?"),
        ("And the next day?", "And 2017年11月19日?"),
    ],
)
def test_english_relative_dates_count_from_the_anchor(question, expected):
    assert counts_from_a_date(question)
    assert shift_dates(question, ["2017年11月18日"]) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Counted in English from the date the conversation gave: 2018 + 2, 9 + 3 days, July − 2 months.
        ("Two years after the listing, how much revenue did Xiaomi bring in?",
         "2020年 the listing, how much revenue did Xiaomi bring in?"),
        ("What happened three days later?", "What happened 2018年7月12日?"),
        ("What did it launch 2 months before?", "What did it launch 2018年5月?"),
    ],
)
def test_an_english_count_of_days_months_or_years_is_counted_from_the_anchor(question, expected):
    assert shift_dates(question, ["2018年7月9日"]) == expected
    assert counts_from_a_date(question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("进印度之后一个来月又去了哪个国家", "进印度2014年8月又去了哪个国家"),  # about a month, said after 之后
        ("两年多以后呢", "2016年呢"),
        ("之后三天发生了什么", "2014年7月8日发生了什么"),
        ("十年来的变化", "十年来的变化"),  # a span of time, counted from no date
        ("2014年7月后来呢", "2014年7月后来呢"),  # a month named, then 后来 (later): nothing counted
        ("同一个月后呢", "同一个月后呢"),  # the same month, not one month on
    ],
)
def test_rough_counts_and_counts_said_after_their_direction(question, expected):
    assert shift_dates(question, ["2014年7月5日"]) == expected
