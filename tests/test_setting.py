"""Tests for rag.setting: the date a passage or sentence takes for granted from what came before it."""

from __future__ import annotations

from rag.records import Passage
from rag.setting import (
    continued_sentences,
    dates_before,
    passage_settings,
    passage_subjects,
    sentence_setting,
    setting_date,
)


def _passages(*rows: tuple[str, str]) -> list[Passage]:
    return [Passage(f"doc#{i:02d}", "doc", section, text) for i, (section, text) in enumerate(rows)]


def test_a_passage_without_a_year_inherits_the_last_date_and_the_passage_before_it():
    passages = _passages(
        ("发展历程", "2019年2月18日，小米集团发布组织调整通知：手机部成立参谋部。"),
        ("发展历程", "核心器件部并入硬件研发部。"),
        ("发展历程", "同日，小米集团全球副总裁辞职。"),
    )
    settings = passage_settings(passages)
    assert "doc#00" not in settings
    assert settings["doc#01"] == "2019年2月18日 2019年2月18日，小米集团发布组织调整通知：手机部成立参谋部。"
    assert settings["doc#02"] == "2019年2月18日 核心器件部并入硬件研发部。"


def test_the_latest_date_wins_and_passages_with_their_own_year_inherit_nothing():
    passages = _passages(
        ("发展历程", "2013年8月，小米完成新一轮融资；2013年9月5日，小米发布小米手机3。"),
        ("发展历程", "2014年1月7日，20万台红米手机开售。"),
        ("发展历程", "86秒内售罄。"),
    )
    settings = passage_settings(passages)
    assert "doc#00" not in settings and "doc#01" not in settings
    assert settings["doc#02"].startswith("2014年1月7日 ")


def test_a_month_without_a_year_is_not_a_date_setting():
    passages = _passages(
        ("荣誉", "2024年，小米入选榜单。"),
        ("荣誉", "3月，小米再次入选。"),
        ("荣誉", "同年获奖。"),
    )
    settings = passage_settings(passages)
    assert settings["doc#01"] == "2024年 2024年，小米入选榜单。"
    assert settings["doc#02"] == "2024年 3月，小米再次入选。"


def test_a_bio_split_in_two_keeps_its_subject():
    passages = _passages(
        ("高管", "颜克胜任职:副总裁 颜克胜，于1992年7月毕业于合肥工业大学。"),
        ("高管", "担任小米集团副总裁。"),
    )
    assert "颜克胜" in passage_settings(passages)["doc#01"]


def test_settings_do_not_cross_a_section_or_a_document():
    passages = [
        Passage("a#00", "a", "历程", "2010年4月6日，北京小米科技有限公司正式成立。"),
        Passage("a#01", "a", "高管", "雷军任董事长。"),
        Passage("b#00", "b", "历程", "公司在北京成立。"),
    ]
    assert passage_settings(passages) == {}


def test_a_sentence_inherits_the_last_date_before_it_in_its_passage_else_the_passages_setting():
    text = "2023年1月30日，雷军发布内部信。经管会成员共12位。"
    second = text.index("经管会")
    assert sentence_setting(text, second, len(text), "2022年") == "2023年1月30日"
    assert sentence_setting(text, 0, second, "2022年") == ""
    assert sentence_setting("经管会成员共12位。", 0, 9, "2022年") == "2022年"


def test_a_biography_split_over_passages_is_about_the_person_it_opens_with():
    passages = _passages(
        ("高管", "卢伟冰任职:合伙人、总裁 卢伟冰，1975年9月出生，山东五莲人。"),
        ("高管", "现任小米集团合伙人、小米集团总裁。"),
        ("高管", "林斌任职:联合创始人 林斌，1968年2月出生于广东省广州市。"),
        ("高管", "曾任谷歌中国工程研究院副院长。"),
    )
    assert passage_subjects(passages, ["卢伟冰", "林斌"]) == {"doc#01": "卢伟冰", "doc#03": "林斌"}


def test_a_timeline_entry_that_opens_with_a_name_is_no_biography():
    passages = _passages(
        ("近年发展", "卢伟冰和刘德出任副主任，刘伟任秘书长。"),
        ("近年发展", "同日，小米集团全球副总裁辞职。"),
    )
    assert passage_subjects(passages, ["卢伟冰", "刘德", "刘伟"]) == {}


def test_naming_someone_else_ends_the_biography():
    passages = _passages(
        ("高管", "雷军任职:创始人 雷军，1969年12月16日出生。"),
        ("高管", "武汉大学校友刘德与他同行。"),
        ("高管", "现任董事长。"),
    )
    assert passage_subjects(passages, ["雷军", "刘德"]) == {}


def test_every_passage_knows_the_last_date_of_its_section_before_it():
    passages = _passages(
        ("发展历程", "2014年7月22日，小米发布小米手机4，售价1999元起；"),
        ("发展历程", "以及小米首款可穿戴设备小米手环，售价79元。2014年8月16日，MIUI 6发布。"),
        ("发展历程", "2014年8月28日，小米进军印度尼西亚市场。"),
        ("荣誉", "入选榜单。"),
    )
    before = dates_before(passages)
    # The second passage names a year itself, but its opening sentence belongs to the date before it.
    assert before == {"doc#01": "2014年7月22日", "doc#02": "2014年8月16日"}


def test_the_date_of_a_setting_is_its_first_dated_mention():
    assert setting_date("2019年2月18日 核心器件部并入硬件研发部。") == "2019年2月18日"
    assert setting_date("2014年8月16日") == "2014年8月16日"
    assert setting_date("核心器件部并入硬件研发部。") == ""


def test_a_bare_year_after_a_day_of_that_year_does_not_replace_it():
    passages = _passages(
        ("发展历程", "2014年7月22日，小米召开2014年度新品发布会；"),
        ("发展历程", "以及小米手环。2015年，小米售出手机7000万台。"),
        ("发展历程", "同年，小米进军印度。"),
    )
    # 2014年 (of 2014年度) is the day's own year; 2015年 is a later date and does replace it.
    assert dates_before(passages) == {"doc#01": "2014年7月22日", "doc#02": "2015年"}


def test_items_several_passages_after_a_label_keep_the_label_until_the_sentence_ends():
    passages = _passages(
        ("经营范围", "一般项目：技术开发；"),
        ("经营范围", "许可项目：第三类医疗器械经营；"),
        ("经营范围", "网络文化经营；出版物零售；"),
        ("经营范围", "第一类增值电信业务；第二类增值电信业务；"),
        ("经营范围", "基础电信业务。（依法须经批准的项目）"),
        ("经营范围", "食品销售。"),
    )
    settings = passage_settings(passages)
    assert settings["doc#03"] == "许可项目 网络文化经营；出版物零售；"
    assert settings["doc#02"] == "许可项目 许可项目：第三类医疗器械经营；"
    assert settings["doc#05"] == "基础电信业务。（依法须经批准的项目）"  # the sentence ended: no label


def test_a_sentence_split_over_two_passages_is_continued_by_the_clause_the_next_goes_on_with():
    passages = _passages(
        ("发展历程", "2014年7月22日，小米召开发布会，推出了小米手机4，售价1999元起；"),
        ("发展历程", "以及小米首款可穿戴设备小米手环，售价79元。2014年8月，小米进军印尼。"),
        ("发展历程", "小米进军印度市场；"),
        ("其他", "以及小米电视。"),  # another section goes on with nothing of this one
    )
    assert continued_sentences(passages) == {"doc#00": "以及小米首款可穿戴设备小米手环，售价79元。"}
