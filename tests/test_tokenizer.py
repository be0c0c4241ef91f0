"""Tests for rag.tokenizer: jieba for Chinese, Latin words and numbers whole, NFKC, stop words."""

from __future__ import annotations

import pytest

from rag.tokenizer import STOP_WORDS, TOKENIZER_NAME, normalise, segment, tokenize


def test_chinese_is_cut_into_words():
    tokens = tokenize("小米在香港交易所上市")
    assert {"小米", "香港", "交易所", "上市"} <= set(tokens)
    assert "在" not in tokens
    # A whole clause must never come back as one token.
    assert "小米在香港交易所上市" not in tokens


def test_search_mode_adds_the_words_inside_long_words():
    tokens = tokenize("北京小米科技有限责任公司")
    assert {"北京", "小米", "科技", "公司", "有限责任"} <= set(tokens)


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("小米的手机了", {"的", "了"}, {"小米", "手机"}),
        ("小米是什么公司？", {"是", "什么"}, {"小米", "公司"}),
        ("雷军在哪里出生的？", {"在", "哪里", "的"}, {"雷军", "出生"}),
        ("小米的创始人是谁", {"的", "是", "谁"}, {"小米", "创始人"}),
        ("哪家公司生产小米手机", {"哪家"}, {"公司", "生产", "小米", "手机"}),
        ("What is the price of the phone", {"what", "is", "the", "of"}, {"price", "phone"}),
    ],
)
def test_stop_words_are_removed(text, dropped, kept):
    tokens = tokenize(text)
    assert not dropped & set(tokens)
    assert kept <= set(tokens)
    assert not STOP_WORDS & set(tokens)


def test_question_word_哪_is_a_stop_word():
    assert "哪" in STOP_WORDS
    assert "哪" not in tokenize("小米在哪上市")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("1810.HK", ["1810.hk"]),
        ("2,710", ["2,710"]),
        ("10.1527", ["10.1527"]),
        ("91110108551385082Q", ["91110108551385082q"]),
        ("Redmi Note 7", ["redmi", "note", "7"]),
        ("7×24", ["7×24"]),
        ("Xiaomi IPO", ["xiaomi", "ipo"]),
    ],
)
def test_latin_words_and_numbers_are_kept_whole_and_lower_cased(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("2,710亿元", ["2,710", "亿元"]),
        ("10.1527港元", ["10.1527", "港元"]),
        ("上市(1810.HK)。", ["上市", "1810.hk"]),
        ("推出Redmi Note 7手机", ["推出", "redmi", "note", "7", "手机"]),
        ("代码：91110108551385082Q组织", ["代码", "91110108551385082q", "组织"]),
    ],
)
def test_mixed_chinese_latin_and_numbers(text, tokens):
    assert tokenize(text) == tokens


def test_full_width_input_is_normalised():
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert normalise("（）：，") == "():,"
    assert tokenize("ＡＢＣ１２３") == ["abc123"]
    assert tokenize("Ｒｅｄｍｉ\u3000Ｎｏｔｅ\u3000７") == tokenize("Redmi Note 7") == ["redmi", "note", "7"]
    assert tokenize("（小米）") == ["小米"]
    assert tokenize("２，７１０亿元") == tokenize("2,710亿元")
    assert tokenize("１８１０．ＨＫ") == ["1810.hk"]


@pytest.mark.parametrize("text", ["", "   ", "，。！？；：“”（）", "\n\t"])
def test_punctuation_and_blank_text_give_no_tokens(text):
    assert tokenize(text) == []


def test_tokenize_is_deterministic_and_query_matches_passage():
    passage = "2018年7月9日，在香港交易所主板挂牌上市(1810.HK)。"
    query = "小米在香港交易所上市是哪一天？"
    assert tokenize(passage) == tokenize(passage)
    assert {"香港", "交易所", "上市"} <= set(tokenize(passage)) & set(tokenize(query))


def test_segment_is_plain_jieba_without_filtering():
    assert "".join(segment("小米的手机")) == "小米的手机"
    assert "的" in segment("小米的手机")
    assert segment("") == []


def test_tokenizer_name_records_the_jieba_version():
    import jieba

    assert jieba.__version__ in TOKENIZER_NAME
