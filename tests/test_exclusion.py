"""Tests for rag.exclusion: what a question sets aside ("除了…以外"), in Chinese and English."""

from __future__ import annotations

import pytest

from rag.evidence import gather
from rag.exclusion import set_aside, split_exclusion
from rag.question import LIST, classify
from rag.records import Hit, Passage


@pytest.mark.parametrize(
    ("question", "rest", "words"),
    [
        ("除了汽车和芯片以外，小米公司的主要产品还有哪些？", "小米公司的主要产品还有哪些？", ("汽车", "芯片")),
        ("除了芯片、物联网平台和操作系统，还有哪些？", "还有哪些？", ("芯片", "物联网平台", "操作系统")),
        ("除了雷军还有谁是创始人", "还有谁是创始人", ("雷军",)),
        ("小米除了手机外还做什么", "小米还做什么", ("手机",)),
        ("除芯片之外还有什么产品", "还有什么产品", ("芯片",)),
    ],
)
def test_a_chinese_question_sets_its_words_aside(question, rest, words):
    assert split_exclusion(question) == (rest, words)


def test_an_english_question_sets_aside_the_chinese_words_it_means():
    rest, words = split_exclusion("Besides chips and operating systems, which product lines does Xiaomi list?")
    assert rest == "Which product lines does Xiaomi list?"
    assert set(words) == {"芯片", "系统"}


@pytest.mark.parametrize("question", ["小米的主要产品有哪些？", "排除了哪些风险？", "What are Xiaomi's main products?"])
def test_a_question_setting_nothing_aside_is_unchanged(question):
    assert split_exclusion(question) == (question, ())


def test_an_item_naming_a_word_set_aside_is_set_aside():
    assert set_aside("游戏独显芯片D1", ("芯片",))
    assert set_aside("Xiaomi HyperOS", ("hyperos",))  # Latin letters in either case
    assert not set_aside("小米笔记本", ("芯片", "汽车"))


def _list_answers(text: str, aside: tuple[str, ...]) -> list[list[str]]:
    passage = Passage(id="doc#01.01", doc="doc", section="主要产品", text=text)
    info = classify("小米的主要产品还有哪些？")
    assert info.type == LIST
    found = gather(info, [Hit(passage, 1.0)], {"产品": 1.0}, [], aside=aside)
    return [[s.text for s in ev.spans] for ev in found if ev.spans]


def test_a_list_with_several_items_of_a_kind_set_aside_is_not_an_answer():
    text = "小米手机、小米笔记本、小米家居；澎湃S1、澎湃C1、安全芯片MJSC、游戏独显芯片D1；"
    lists = _list_answers(text, ("芯片",))
    # The chips are a list of chips (two of them say so); the first list holds none.
    assert lists and all("澎湃S1" not in items for items in lists)
    assert ["小米手机", "小米笔记本", "小米家居"] in lists


def test_a_single_item_set_aside_leaves_the_rest_of_its_list():
    lists = _list_answers("小米手机、小米笔记本、小米家居、小米智能办公设备；", ("手机",))
    assert lists == [["小米笔记本", "小米家居", "小米智能办公设备"]]


def test_whom_a_person_is_compared_with_is_set_aside():
    rest, aside = split_exclusion("曾学忠跟卢总一样也是清华毕业的吗")
    assert rest == "曾学忠也是清华毕业的吗" and aside == ("卢总",)


def test_a_question_opening_with_the_comparison_keeps_its_words():
    # Nothing before 跟: no one is compared with anyone, the words are the question's own.
    assert split_exclusion("跟小米一样的公司有哪些") == ("跟小米一样的公司有哪些", ())
