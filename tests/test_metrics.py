"""Tests for rag.evaluation.metrics: CMRC-style normalisation and segmentation, EM, F1 and ranking metrics."""

from __future__ import annotations

import pytest

from rag.evaluation.metrics import (
    contains_answer,
    exact_match,
    f1_score,
    normalise_answer,
    percentile,
    reciprocal_rank,
    segment,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  雷军 [1]，（CEO）", "雷军ceo"),
        ("2018年7月9日。[2]", "2018年7月9日"),
        ("1810.HK", "1810hk"),
        ("185,000万(元)", "185000万元"),
        ("“感动人心、价格厚道”", "感动人心价格厚道"),
        ("Redmi Note 7", "redminote7"),
        ("", ""),
    ],
)
def test_normalise_answer(text, expected):
    assert normalise_answer(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each Chinese character alone; digit runs whole; the comma is punctuation, so it splits 2,710.
        ("小米2023年收入2,710亿元", ["小", "米", "2023", "年", "收", "入", "2", "710", "亿", "元"]),
        ("Redmi Note 7发布[2]", ["redmi", "note", "7", "发", "布"]),
        ("1810.HK", ["1810", "hk"]),
        ("12.5%", ["12", "5"]),
        ("小米13 Ultra", ["小", "米", "13", "ultra"]),
        ("，。 ", []),
    ],
)
def test_mixed_segmentation(text, expected):
    assert segment(text) == expected


def test_f1_of_a_longer_date_against_a_month():
    # pred: 2010 年 3 月 3 日 (6 segments); gold: 2010 年 3 月 (4); longest common run: 4.
    precision, recall = 4 / 6, 4 / 4
    expected = 2 * precision * recall / (precision + recall)
    assert expected == pytest.approx(0.8)
    assert f1_score("2010年3月3日", ["2010年3月"]) == pytest.approx(expected)


def test_f1_of_a_shorter_answer():
    # pred: 雷 军 (2); gold: 雷 军 和 林 斌 (5); common run 2 → P = 1, R = 2/5, F1 = 0.8 / 1.4.
    assert f1_score("雷军", ["雷军和林斌"]) == pytest.approx(4 / 7)


def test_f1_counts_the_longest_common_run_not_a_subsequence():
    # pred 小 米 雷 军, gold 小 雷 米 军: runs of 1 only (a subsequence would give 2) → P = R = 1/4.
    assert f1_score("小米雷军", ["小雷米军"]) == pytest.approx(0.25)


def test_f1_takes_the_best_gold():
    # vs 2011年: run 年 → P = R = 1/2 → 0.5; vs 2010年3月: run 2010 年 → P = 1, R = 1/2 → 2/3.
    assert f1_score("2010年", ["2011年", "2010年3月"]) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("prediction", "golds"),
    [("雷军", ["林斌"]), ("", ["雷军"]), ("雷军", []), ("雷军", [""])],
)
def test_f1_without_overlap_is_zero(prediction, golds):
    assert f1_score(prediction, golds) == 0.0


def test_f1_of_an_identical_answer_is_one():
    assert f1_score("2,710亿元[1]", ["2,710亿元"]) == 1.0


@pytest.mark.parametrize(
    ("prediction", "golds", "expected"),
    [
        ("2018年7月9日[1]", ["2018年7月9日"], 1.0),
        ("1810.HK", ["1810.hk"], 1.0),
        ("雷军。", ["林斌", "雷军"], 1.0),
        ("2010年3月3日", ["2010年3月"], 0.0),
        ("雷军", ["林斌"], 0.0),
        ("雷军", [], 0.0),
    ],
)
def test_exact_match(prediction, golds, expected):
    assert exact_match(prediction, golds) == expected


@pytest.mark.parametrize(
    ("text", "golds", "expected"),
    [
        ("小米于2018年7月9日在香港上市[1]", ["2018年7月9日"], True),
        ("小米于2018年7月9日在香港上市[1]", ["2018年7月10日"], False),
        ("注册资本：185,000万(元)", ["185000万"], True),  # punctuation does not matter
        ("小米于2018年7月9日在香港上市", ["", "2019年"], False),  # an empty gold never matches
        ("REDMI NOTE 7 发布", ["Redmi Note 7"], True),
        ("雷军", [], False),
    ],
)
def test_contains_answer(text, golds, expected):
    assert contains_answer(text, golds) is expected


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),  # position 1.5: halfway between 2 and 3
        ([10, 20, 30, 40, 50], 95, 48.0),  # position 3.8: 40 + 0.8 × 10
        ([30, 10, 20], 0, 10),  # sorted first
        ([30, 10, 20], 100, 30),
        ([7.0], 95, 7.0),
        ([], 50, 0.0),
    ],
)
def test_percentile(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("relevant", "expected"),
    [
        ([True], 1.0),
        ([False, True, True], 0.5),
        ([False, False, True], 1 / 3),
        ([False] * 5, 0.0),
        ([], 0.0),
    ],
)
def test_reciprocal_rank(relevant, expected):
    assert reciprocal_rank(relevant) == pytest.approx(expected)
