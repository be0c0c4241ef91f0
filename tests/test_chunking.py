"""Tests for rag.chunking: Chinese sentence splitting, field runs, and passages on the real corpus."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rag.chunking import MAX_CHARS, chunk_corpus, chunk_document, section_passages, split_fields, split_sentences
from rag.corpus import load_corpus, parse_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REGISTRATION = (
    "统一社会信用代码：91110108551385082Q组织机构代码：551385082注册号：110108012660422经营状态：开业"
    "公司类型：有限责任公司(自然人投资或控股)成立日期：2010年03月03日法定代表人：雷军营业期限：2010年03月03日 至 "
    "无固定期限注册资本：185,000万(元)审核/年检日期：2024年11月21日登记机关：北京市海淀区市场监督管理局"
    "企业地址：北京市海淀区西二旗中路33号院6号楼6层006号"
)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def passages(corpus):
    return chunk_corpus(corpus.documents)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- sentences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "小米成立了。总部在北京！真的吗？是的；好!ok?",
            ["小米成立了。", "总部在北京！", "真的吗？", "是的；", "好!", "ok?"],
        ),
        ("第一行没有句号\n第二行。\n\n第三行", ["第一行没有句号", "第二行。", "第三行"]),
        ("真的吗？！当然。", ["真的吗？！", "当然。"]),
        ("他想了想……然后走了。", ["他想了想……", "然后走了。"]),
        ("It works. Then it stops.", ["It works.", "Then it stops."]),
        ("没有结尾标点", ["没有结尾标点"]),
        ("", []),
    ],
)
def test_split_sentences_keeps_end_punctuation(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "2018年7月9日，在香港交易所主板挂牌上市(1810.HK)。",
        "当日收盘价为10.1527港元。",
        "2023年，小米集团总收入为2,710亿元。",
        "2019年1月10日，小米正式推出Redmi Note 7，同时宣布红米Redmi品牌正式独立。",
        "小米在2012年实现7×24小时开放购买，版本号为v2.5.1。",
    ],
)
def test_split_sentences_does_not_cut_numbers_codes_or_product_names(sentence):
    assert split_sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("他说：“你好。”然后走了。", ["他说：“你好。”", "然后走了。"]),
        ("人民日报称“这是创新！”随后发布榜单。", ["人民日报称“这是创新！”", "随后发布榜单。"]),
        ("「发布了。」下一句。", ["「发布了。」", "下一句。"]),
        ("（注：已上市。）下一句。", ["（注：已上市。）", "下一句。"]),
    ],
)
def test_closing_quotes_and_brackets_stay_with_their_sentence(text, sentences):
    assert split_sentences(text) == sentences


# -- field runs ---------------------------------------------------------------------


def test_registration_line_splits_into_one_piece_per_field():
    assert split_fields(REGISTRATION) == [
        "统一社会信用代码：91110108551385082Q",
        "组织机构代码：551385082",
        "注册号：110108012660422",
        "经营状态：开业",
        "公司类型：有限责任公司(自然人投资或控股)",
        "成立日期：2010年03月03日",
        "法定代表人：雷军",
        "营业期限：2010年03月03日 至 无固定期限",
        "注册资本：185,000万(元)",
        "审核/年检日期：2024年11月21日",
        "登记机关：北京市海淀区市场监督管理局",
        "企业地址：北京市海淀区西二旗中路33号院6号楼6层006号",
    ]


def test_short_sentences_with_colons_are_not_field_split():
    sentence = "雷军说：我们的目标是：做最好的手机。"
    assert split_fields(sentence) == [sentence]


def test_registration_passages_on_the_real_corpus(passages):
    registration = [p for p in passages if p.section == "小米公司工商注册信息"]
    assert registration
    texts = [p.text for p in registration]
    legal = [t for t in texts if "法定代表人：雷军" in t]
    assert len(legal) == 1
    before = legal[0][: legal[0].index("法定代表人：雷军")]
    # Either the passage starts at the field, or the previous field ends cleanly before it.
    assert before == "" or before.endswith(" "), before
    assert before.rstrip().endswith("成立日期：2010年03月03日") or before == ""
    joined = "\n".join(texts)
    assert "统一社会信用代码：91110108551385082Q" in joined
    assert "组织机构代码：551385082" in joined
    assert "91110108551385082Q组织" not in joined
    from_line = [t for t in texts if squeeze(t) in squeeze(REGISTRATION)]
    assert "".join(map(squeeze, from_line)) == squeeze(REGISTRATION)
    for text in from_line:
        assert re.match(r"^[\u4e00-\u9fff/]+：", text), text


# -- passages -----------------------------------------------------------------------


HAND_MADE = """\
# 星辰科技
## 公司简介
星辰科技成立于2015年。总部位于深圳。
## 产品
主要产品
手机、电视和路由器。2020年，星辰推出了第一款汽车“星辰一号”，并于2021年在香港交易所上市(9999.HK)。
## 财务 [7]
2023年，星辰科技总收入为2,710亿元 [8]，同比增长百分之十五，其中手机业务收入占比超过一半。\
海外市场收入首次超过国内市场，达到1,500亿元，公司股价收于10.1527港元！
"""


def test_hand_made_document_passages():
    passages = chunk_document(parse_document("demo", HAND_MADE))
    assert [(p.id, p.section, p.text) for p in passages] == [
        ("demo#01.01", "公司简介", "星辰科技成立于2015年。总部位于深圳。"),
        (
            "demo#02.01",
            "产品",
            "主要产品 手机、电视和路由器。"
            "2020年，星辰推出了第一款汽车“星辰一号”，并于2021年在香港交易所上市(9999.HK)。",
        ),
        ("demo#03.01", "财务", "2023年，星辰科技总收入为2,710亿元，同比增长百分之十五，其中手机业务收入占比超过一半。"),
        ("demo#03.02", "财务", "海外市场收入首次超过国内市场，达到1,500亿元，公司股价收于10.1527港元！"),
    ]
    assert {p.doc for p in passages} == {"demo"}


def test_text_before_the_first_heading_gets_section_zero_ids():
    passages = chunk_document(parse_document("notes", "前言一句话，说明这份笔记的用途。\n## 正文\n正文内容在这里。\n"))
    assert [(p.id, p.section) for p in passages] == [("notes#00.01", "notes"), ("notes#01.01", "正文")]


def test_short_heading_like_lines_prefix_the_next_paragraph():
    assert section_passages("早年发展\n2010年，小米成立。") == ["早年发展 2010年，小米成立。"]
    assert section_passages("结尾的标题") == ["结尾的标题"]


def test_a_long_run_of_short_lines_is_cut_into_bounded_passages():
    lines = [f"小米智能产品型号第{i}号系列" for i in range(40)]
    passages = section_passages("\n".join(lines))
    assert len(passages) > 1
    assert all(len(p) <= MAX_CHARS for p in passages)
    assert " ".join(passages).split(" ") == lines


def test_an_over_long_sentence_is_cut_at_commas_below_the_limit():
    clause = "小米发布了新一代旗舰手机和配套的智能家居产品，"
    passages = section_passages(clause * 30 + "完。")
    assert len(passages) > 1
    assert all(len(p) <= MAX_CHARS for p in passages)
    assert "".join(passages) == clause * 30 + "完。"


def test_real_corpus_passages_stay_inside_their_section(corpus, passages):
    (doc,) = corpus.documents
    assert len(passages) > 100
    for p in passages:
        number = int(re.match(r"^xiaomi#(\d{2})\.\d{2}$", p.id).group(1))
        section = doc.sections[number]
        assert p.section == section.title
        assert squeeze(p.text) in squeeze(section.text), p.id


def test_real_corpus_passages_are_short_and_clean(passages):
    for p in passages:
        assert 0 < len(p.text) <= MAX_CHARS, p.id
        assert p.text == p.text.strip()
        assert not re.search(r"\[\d+(?:-\d+)?\]", p.text), p.id


def test_real_corpus_passage_ids(passages):
    ids = [p.id for p in passages]
    assert all(re.fullmatch(r"xiaomi#\d{2}\.\d{2}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    # Positions count from 1 and have no gaps within a section.
    by_section: dict[str, list[int]] = {}
    for i in ids:
        section, position = i.split("#")[1].split(".")
        by_section.setdefault(section, []).append(int(position))
    for positions in by_section.values():
        assert positions == list(range(1, len(positions) + 1))


def test_real_corpus_section_numbering(passages):
    sections = {p.id.split("#")[1][:2]: p.section for p in passages}
    # Section 00 is the `# Xiaomi Technology…` title with no text of its own.
    assert "00" not in sections
    assert sections["01"] == "小米公司简介"
    assert sections["02"] == "小米公司财务概览"
    assert sections["05"] == "小米公司工商注册信息"
    listing = next(p for p in passages if "1810.HK" in p.text)
    assert listing.id.startswith("xiaomi#02.")


def test_ids_are_stable_across_chunkings_and_copies(tmp_path, corpus, passages):
    again = chunk_corpus(corpus.documents)
    assert again == passages
    shutil.copytree(CORPUS, tmp_path / "copy")
    assert chunk_corpus(load_corpus(tmp_path / "copy").documents) == passages


def test_ids_are_stable_across_an_index_build(engine, passages):
    assert list(engine.data.passages) == passages


def test_editing_one_section_keeps_the_other_sections_ids(tmp_path, passages):
    text = (CORPUS / "xiaomi.md").read_text(encoding="utf-8")
    heading = "## 小米公司行业地位\n"
    edited = text.replace(heading, heading + "新增的一句话，放在行业地位这一节的最前面，长度足够单独成段。\n")
    assert edited != text
    (tmp_path / "xiaomi.md").write_text(edited, encoding="utf-8")
    changed = chunk_corpus(load_corpus(tmp_path).documents)
    untouched = [p for p in passages if not p.id.startswith("xiaomi#03.")]
    assert [p for p in changed if not p.id.startswith("xiaomi#03.")] == untouched
