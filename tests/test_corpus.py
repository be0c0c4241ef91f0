"""Tests for rag.corpus: folders → documents → heading-delimited sections without footnote marks."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from rag.corpus import corpus_files, corpus_hash, load_corpus, parse_document, strip_footnotes
from rag.errors import CorpusError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FOOTNOTE_MARK = re.compile(r"\[\d+(?:\s*[-–,，]\s*\d+)*\]")


def titles(doc) -> list[str]:
    return [s.title for s in doc.sections]


# -- headings -----------------------------------------------------------------------


def test_headings_define_sections_and_leading_text_is_section_zero():
    doc = parse_document("demo", "开头的一段话。\n# 第一章\n第一章正文。\n## 第一节\n第一节正文。\n")
    assert titles(doc) == ["demo", "第一章", "第一节"]
    assert [s.text for s in doc.sections] == ["开头的一段话。", "第一章正文。", "第一节正文。"]
    assert [s.index for s in doc.sections] == [0, 1, 2]
    assert {s.doc_id for s in doc.sections} == {"demo"}
    assert doc.title == "demo"


def test_leading_level_one_heading_names_section_zero_and_the_document():
    doc = parse_document("demo", "# 小米集团\n集团简介。\n## 历史\n成立于2010年。\n")
    assert doc.title == "小米集团"
    assert titles(doc) == ["小米集团", "历史"]
    assert doc.sections[0].text == "集团简介。"
    assert doc.sections[1].text == "成立于2010年。"


def test_level_one_heading_after_text_starts_a_new_section():
    doc = parse_document("demo", "前言。\n# 正文\n内容。\n")
    assert doc.title == "demo"
    assert titles(doc) == ["demo", "正文"]


def test_document_without_headings_is_one_section():
    doc = parse_document("notes", "第一段。\n\n第二段。\n")
    assert titles(doc) == ["notes"]
    assert doc.sections[0].text == "第一段。\n\n第二段。"


def test_heading_titles_lose_trailing_colons_footnotes_and_closing_hashes():
    doc = parse_document("demo", "## 公司简介：\n甲。\n## 发展历程 [12]\n乙。\n## 合作 ##\n丙。\n")
    assert titles(doc) == ["demo", "公司简介", "发展历程", "合作"]


def test_level_three_headings_and_hashtags_are_text():
    doc = parse_document("demo", "## 产品\n### 手机\n#小米 话题\n")
    assert titles(doc) == ["demo", "产品"]
    assert doc.sections[1].text == "### 手机\n#小米 话题"


def test_windows_and_old_mac_line_ends_are_handled():
    doc = parse_document("demo", "## 甲\r\n一。\r\n## 乙\r二。\r")
    assert titles(doc) == ["demo", "甲", "乙"]
    assert [s.text for s in doc.sections[1:]] == ["一。", "二。"]


# -- footnotes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("成立于2010年3月3日， [1]总部位于北京", "成立于2010年3月3日，总部位于北京"),
        ("创始人雷军 [898]，是一家", "创始人雷军，是一家"),
        ("估值450亿美元 [1039]；2015年", "估值450亿美元；2015年"),
        ("见前文[545-546]。", "见前文。"),
        ("在香港交易所主板挂牌上市(1810.HK)。 [8]；2019年", "在香港交易所主板挂牌上市(1810.HK)。2019年"),
        ("榜单第56位。 [3]12月18日", "榜单第56位。12月18日"),
        # Brackets that are not footnote marks stay.
        ("型号[Pro]与[a1]", "型号[Pro]与[a1]"),
    ],
)
def test_strip_footnotes(raw, clean):
    assert strip_footnotes(raw) == clean


def test_footnotes_removed_from_section_text():
    doc = parse_document("demo", "## 历史 [3]\n2010年成立 [1]，2018年上市 [545-546]。\n")
    assert doc.sections[1].title == "历史"
    assert doc.sections[1].text == "2010年成立，2018年上市。"


def test_real_corpus_has_no_footnote_marks_left():
    corpus = load_corpus(CORPUS)
    sections = [s for d in corpus.documents for s in d.sections]
    assert len(sections) > 10
    for section in sections:
        assert not FOOTNOTE_MARK.search(section.text), (section.title, FOOTNOTE_MARK.search(section.text))
        assert not FOOTNOTE_MARK.search(section.title)
    # The marks were there in the file, so this is not vacuous.
    assert FOOTNOTE_MARK.search((CORPUS / "xiaomi.md").read_text(encoding="utf-8"))


def test_real_corpus_sections():
    (doc,) = load_corpus(CORPUS).documents
    assert doc.id == "xiaomi"
    assert doc.title == "Xiaomi Technology Co., Ltd."
    assert doc.sections[0].title == doc.title
    assert doc.sections[1].title == "小米公司简介"
    assert doc.sections[2].title == "小米公司财务概览"
    assert "1810.HK" in doc.sections[2].text


# -- files --------------------------------------------------------------------------


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_every_md_and_txt_file_is_loaded_nested_too(tmp_path):
    write(tmp_path / "a.md", "## 甲\n甲的内容。\n")
    write(tmp_path / "sub" / "b.txt", "乙的内容。\n")
    write(tmp_path / "sub" / "deeper" / "c.MD", "丙的内容。\n")
    write(tmp_path / "notes.json", '{"x": 1}')
    write(tmp_path / "report.pdf", b"%PDF-1.4")
    write(tmp_path / ".hidden.md", "隐藏。\n")
    write(tmp_path / ".git" / "d.md", "版本库。\n")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["a", "sub/b", "sub/deeper/c"]
    assert corpus.skipped == ()
    assert [p.name for p in corpus_files(tmp_path)] == ["a.md", "b.txt", "c.MD"]


def test_bad_files_are_skipped_and_reported_by_name(tmp_path):
    write(tmp_path / "good.md", "## 简介\n小米成立于2010年。\n")
    write(tmp_path / "empty.md", "")
    write(tmp_path / "blank.txt", "  \n\n\t\n")
    write(tmp_path / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(tmp_path / "gbk.txt", "小米公司成立于北京。".encode("gbk"))
    write(tmp_path / "headings.md", "# 只有标题\n## 也是标题\n")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert set(reasons) == {"empty.md", "blank.txt", "image.md", "gbk.txt", "headings.md"}
    assert "empty" in reasons["empty.md"]
    assert "empty" in reasons["blank.txt"]
    assert "binary" in reasons["image.md"]
    assert "UTF-8" in reasons["gbk.txt"]
    assert "headings" in reasons["headings.md"]


def test_utf8_bom_is_accepted(tmp_path):
    write(tmp_path / "bom.md", "\ufeff## 简介\n内容。\n".encode())
    (doc,) = load_corpus(tmp_path).documents
    assert doc.sections[1].title == "简介"


def test_empty_folder_raises_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match=r"no usable document.*no \*\.md or \*\.txt files"):
        load_corpus(tmp_path)


def test_folder_of_only_bad_files_names_each_file(tmp_path):
    write(tmp_path / "empty.md", "")
    write(tmp_path / "binary.txt", b"\x00\x01\x02")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "no usable document" in message
    assert "empty.md: empty file" in message
    assert "binary.txt: binary file" in message


def test_missing_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope")


def test_a_file_instead_of_a_folder_raises(tmp_path):
    path = write(tmp_path / "a.md", "内容。\n")
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(path)


# -- content hash -------------------------------------------------------------------


def test_corpus_hash_follows_content_only(tmp_path):
    write(tmp_path / "a.md", "## 甲\n内容一。\n")
    write(tmp_path / "sub" / "b.txt", "内容二。\n")
    first = corpus_hash(tmp_path)
    assert corpus_hash(tmp_path) == first
    assert load_corpus(tmp_path).content_hash == first

    # Same bytes rewritten, a newer mtime, unrelated and hidden files: no change.
    write(tmp_path / "a.md", "## 甲\n内容一。\n")
    os.utime(tmp_path / "a.md", (1_000_000_000, 1_000_000_000))
    write(tmp_path / "image.png", b"\x89PNG")
    write(tmp_path / ".draft.md", "草稿。\n")
    assert corpus_hash(tmp_path) == first

    # One character of content changes it.
    write(tmp_path / "a.md", "## 甲\n内容壹。\n")
    changed = corpus_hash(tmp_path)
    assert changed != first

    write(tmp_path / "a.md", "## 甲\n内容一。\n")
    assert corpus_hash(tmp_path) == first


def test_corpus_hash_changes_when_files_are_added_or_renamed(tmp_path):
    write(tmp_path / "a.md", "内容。\n")
    first = corpus_hash(tmp_path)
    write(tmp_path / "b.md", "新文件。\n")
    assert corpus_hash(tmp_path) != first
    (tmp_path / "b.md").unlink()
    assert corpus_hash(tmp_path) == first
    (tmp_path / "a.md").rename(tmp_path / "c.md")
    assert corpus_hash(tmp_path) != first


def test_corpus_hash_does_not_depend_on_where_the_folder_is(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "one")
    shutil.copytree(CORPUS, tmp_path / "two")
    assert corpus_hash(tmp_path / "one") == corpus_hash(tmp_path / "two") == corpus_hash(CORPUS)
