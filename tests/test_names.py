"""Tests for rag.names: corpus person names and their pinyin, for English questions."""

from __future__ import annotations

import pytest

from rag import names as names_module
from rag.names import NameTransliterator, corpus_names, whole_names
from rag.records import Passage


def passage(i: int, text: str) -> Passage:
    return Passage(f"demo#01.{i:02d}", "demo", "人物", text)


PASSAGES = [
    passage(1, "2010年4月，雷军与林斌等人创办了小米公司。"),
    passage(2, "雷军出生于湖北省仙桃市。"),  # named again: listed once
    passage(3, "小米的总部位于北京市海淀区。"),  # no person
]


def test_corpus_names_lists_each_person_once_in_order_of_first_mention() -> None:
    assert corpus_names(PASSAGES) == ["雷军", "林斌"]


def test_a_word_written_before_a_product_word_or_model_name_is_a_brand_not_a_person() -> None:
    brands = [passage(1, "红米手机1S定价799元。"), passage(2, "红米Note 7发布。"), passage(3, "雷军出席发布会。"),
              passage(4, "小米入股美的集团。")]
    names = corpus_names(brands)
    assert "红米" not in names and "美的" not in names and "雷军" in names


def test_given_names_are_used_without_tagging_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_tagging(_passages):
        raise AssertionError("the corpus must not be tagged when the names are given")

    monkeypatch.setattr(names_module, "corpus_names", no_tagging)
    names = NameTransliterator(PASSAGES, names=["雷军", "林斌"])
    assert names.known() == {"雷军", "林斌"}
    assert names.chinese_names("When did Lei Jun and Lin Bin found Xiaomi?") == ["雷军", "林斌"]
    assert names.by_honorific("雷总") == "雷军"


def test_without_given_names_the_corpus_is_tagged_on_first_use() -> None:
    names = NameTransliterator(PASSAGES)
    assert names.known() == {"雷军", "林斌"}
    assert names.chinese_names("leijun") == ["雷军"]


def test_a_name_written_only_as_the_start_of_a_longer_name_is_a_cut_not_a_name():
    # The tagger cut 卢伟冰 short in "任命卢伟冰为"; 卢伟 never stands alone.
    text = "任命卢伟冰为小米集团副总裁。新任小米总裁卢伟冰。雷军。"
    assert whole_names(["卢伟", "卢伟冰", "雷军"], text) == ["卢伟冰", "雷军"]


def test_a_short_name_that_also_stands_alone_is_kept():
    assert whole_names(["刘伟", "刘伟民"], "刘伟任秘书长，刘伟民任主任。") == ["刘伟", "刘伟民"]


def test_a_surname_is_found_by_its_reading_as_a_surname() -> None:
    # lazy pinyin reads 曾 as ceng ("once"); as a surname it is Zeng.
    names = NameTransliterator(PASSAGES, names=["曾学忠", "雷军"])
    assert names.chinese_names("Where was Zeng Xuezhong born?") == ["曾学忠"]
    assert names.chinese_names("ceng xuezhong") == ["曾学忠"]
    assert "zeng" in names.spelled(["曾学忠"]) and "lei" in names.spelled(["雷军"])


def test_short_names_the_documents_define_are_found_by_their_pinyin() -> None:
    passage = Passage("d#1", "d", "合作", "小米与天马微电子股份有限公司（下称“天马”）签订协议。")
    names = NameTransliterator([passage], names=[], short_names=["天马", "TCL", "天马微电子股份有限公司"])
    assert names.chinese_names("the joint lab Xiaomi runs with Tianma") == ["天马"]
    assert names.chinese_names("the joint lab with TCL") == []  # only Chinese short names are romanised
    assert "天马" not in names.known()  # a company, not a person


def test_romanised_names_in_a_chinese_question_are_written_as_the_corpus_writes_them() -> None:
    names = NameTransliterator(PASSAGES, names=["曾学忠", "雷军"])
    # A follow-up took its "他" from an English turn, with the capitalised word before the name.
    assert names.written_in_chinese("Did Zeng Xuezhong之前在哪家公司干了22年？") == "曾学忠之前在哪家公司干了22年？"
    assert names.written_in_chinese("Lei Jun创办的这家公司卖什么") == "雷军创办的这家公司卖什么"
    # Capitalised words that spell no corpus name stay as written.
    assert names.written_in_chinese("Redmi Note 7是哪天发布的") == "Redmi Note 7是哪天发布的"


def test_a_form_of_address_shared_by_two_names_means_the_one_mentioned_more() -> None:
    passages = [passage(1, "林斌，1968年出生于广州。"), passage(2, "林斌任总裁，林世伟任首席财务官。")]
    names = NameTransliterator(passages, names=["林斌", "林世伟"])
    assert names.by_honorific("林总") == "林斌"  # two mentions against one


def test_a_form_of_address_two_names_fit_equally_is_left_as_written() -> None:
    passages = [passage(1, "林斌任总裁，林世伟任首席财务官。")]
    assert NameTransliterator(passages, names=["林斌", "林世伟"]).by_honorific("林总") is None
