"""Tests for rag.amounts: amounts read as numbers with their scale and measure, and compared."""

from __future__ import annotations

import pytest

from rag.amounts import COUNT, MONEY, RANK, YEARS, Amount, agrees, amount_of, amounts, chinese_numeral


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("2,710亿元", 2710 * 1e8, MONEY),
        ("12.7亿元", 12.7 * 1e8, MONEY),
        ("10.1527港元", 10.1527, MONEY),
        ("185,000万(元)", 185000 * 1e4, ""),  # the unit sits behind a bracket: no measure is claimed
        ("30万部", 30 * 1e4, COUNT),
        ("第266位", 266, RANK),
        ("22年", 22, YEARS),
        ("6.86亿", 6.86 * 1e8, ""),
        ("700 million users", 700 * 1e6, COUNT),
        ("三百名", 300, RANK),
        ("6k", 6000, ""),  # typed thousands …
        ("1.5w", 15000, ""),  # … and 万
        ("2k元", 2000, MONEY),
    ],
)
def test_an_amount_is_read_with_its_scale_and_measure(text, value, kind):
    amount = amount_of(text)
    assert amount is not None
    assert amount.value == pytest.approx(value)
    assert amount.kind == kind


def test_every_amount_of_a_sentence_is_found_in_order():
    found = amounts("小米和顺为资本以18亿人民币（3亿美元）入股爱奇艺")
    assert [(a.text, a.kind) for a in found] == [("18亿人民币", MONEY), ("3亿美元", MONEY)]
    assert [a.value for a in found] == pytest.approx([18e8, 3e8])


def test_a_lone_chinese_digit_is_an_article_not_an_amount():
    assert amounts("小米是一家上市公司，第一代手环") == []
    assert chinese_numeral("二十二") == 22 and chinese_numeral("三百") == 300 and chinese_numeral("十") == 10
    assert chinese_numeral("小米") is None


def test_front_ranks_are_at_most_the_number_given():
    top = amounts("进前300")[0]
    assert top.top and top.kind == RANK and top.value == 300
    assert agrees(top, Amount(266, RANK, "第266位"), "at_most")
    assert not agrees(top, Amount(397, RANK, "第397位"), "at_most")


@pytest.mark.parametrize(
    ("offered", "said", "relation", "expected"),
    [
        (18e8, 12.7e8, "equal", False),
        (12.7e8, 12.7e8, "equal", True),
        (12.7e8, 12.75e8, "equal", True),  # within 1%: a rounded figure is the same figure
        (50e4, 30e4, "above", False),
        (1800e4, 1870e4, "above", True),
        (6000e4, 6000e4, "at_least", True),
        (7e8, 6.86e8, "below", True),
    ],
)
def test_the_documents_amount_makes_the_offered_claim_true_or_false(offered, said, relation, expected):
    assert agrees(Amount(offered, "", "x"), Amount(said, "", "y"), relation) is expected


def test_measures_of_different_kinds_are_never_compared():
    assert not Amount(99, MONEY, "99元").same_measure(Amount(99, COUNT, "99台"))
    assert Amount(99, "", "99").same_measure(Amount(79, MONEY, "79元"))
