"""Tests for rag.item_reference: follow-ups that point at the items of an earlier list answer."""

from __future__ import annotations

import pytest

from rag.item_reference import list_items, resolve_item_reference, resolve_ordinal_of_unit

COMMITTEES = "集团经营管理委员会、人力资源委员会"
VALUES = "真诚、热爱"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (COMMITTEES, ["集团经营管理委员会", "人力资源委员会"]),
        ("MIUI、米聊、小米手机", ["MIUI", "米聊", "小米手机"]),
        ("雷军", []),  # one item is no list
        ("2010年4月6日，北京小米科技有限公司正式成立", []),  # a clause, not items
        ("小米科技有限责任公司的创始人，董事长兼首席执行官、小米集团合伙人、总裁、手机部总裁兼小米品牌总经理", []),
        ("", []),
    ],
)
def test_list_items_reads_only_short_enumerations(span, expected):
    assert list_items(span) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many members does the first one have?", "How many members does 集团经营管理委员会 have?"),
        ("Who is the secretary-general of the second one?", "Who is the secretary-general of 人力资源委员会?"),
        ("And the last one?", "And 人力资源委员会?"),
        ("And the latter?", "And 人力资源委员会?"),
        ("Who leads the first of them?", "Who leads 集团经营管理委员会 of them?"),
        ("前者有多少位成员？", "集团经营管理委员会有多少位成员？"),
        ("后者由多少人组成？", "人力资源委员会由多少人组成？"),
        # The ordinal's noun repeats what the items are: "后一个委员会" is the second committee, not "…委员会委员会".
        ("其中后一个委员会的秘书长是谁？", "人力资源委员会的秘书长是谁？"),
        ("第一个的成员有几位？", "集团经营管理委员会的成员有几位？"),
        ("Who chairs them?", "Who chairs 集团经营管理委员会和人力资源委员会?"),
        ("它们是哪天设立的？", "集团经营管理委员会和人力资源委员会是哪天设立的？"),
    ],
)
def test_a_reference_to_list_items_is_replaced_by_the_items(question, expected):
    assert resolve_item_reference(question, [COMMITTEES]) == expected


def test_a_general_noun_after_the_ordinal_goes_with_it():
    assert resolve_item_reference("其中后一个词指的是什么？", [VALUES]) == "热爱指的是什么？"


def test_english_items_are_joined_in_english():
    assert resolve_item_reference("When were they released?", ["MIUI、Redmi"]) == "When were MIUI and Redmi released?"


@pytest.mark.parametrize(
    "question",
    [
        "小米的第一个工厂在哪？",  # 第一个 names a new thing here
        "小米是哪一年成立的？",  # no reference at all
        "When was the first Xiaomi store opened?",  # "the first" without "one" is an ordinal, not a pointer
    ],
)
def test_questions_that_point_at_no_item_are_left_alone(question):
    assert resolve_item_reference(question, [COMMITTEES]) is None


def test_without_a_list_among_the_earlier_answers_nothing_is_replaced():
    assert resolve_item_reference("前者有多少位成员？", ["雷军", "1969年"]) is None


def test_the_latest_list_is_the_one_referred_to():
    assert resolve_item_reference("And the second one?", ["12位", VALUES, COMMITTEES]) == "And 热爱?"


def test_a_bare_chinese_ordinal_points_back_only_right_after_the_list():
    # Two turns later "第一个" may be anyone's first; 前者 and 其中 still point back.
    assert resolve_item_reference("第一个是什么意思？", ["12位", VALUES]) is None
    assert resolve_item_reference("前者是什么意思？", ["12位", VALUES]) == "真诚是什么意思？"
    assert resolve_item_reference("其中第一个是什么意思？", ["12位", VALUES]) == "真诚是什么意思？"


def test_plural_pronouns_point_only_at_the_answer_just_given():
    assert resolve_item_reference("它们是哪天设立的？", ["雷军", COMMITTEES]) is None


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        ("And in the first one?", "What was 小米 第二轮 融资 valued at in that round?", "And in 第一轮?"),
        ("And the last one?", "2023年第一季度营收是多少？", "And 最后一季度?"),
        ("And in the first one?", "Who designed the new logo?", None),  # no unit to count
        ("前者呢？", "第二轮融资的估值是多少？", None),  # Chinese 前者 points at list items, not rounds
    ],
)
def test_an_ordinal_one_counts_the_unit_the_last_question_named(question, previous, expected):
    assert resolve_ordinal_of_unit(question, previous) == expected


def test_short_words_spaced_after_a_colon_are_a_list():
    assert list_items("核心价值观 小米的核心价值观：真诚 热爱 真诚就是不欺人也不自欺；") == ["真诚", "热爱"]


def test_fields_of_a_record_are_no_list():
    assert list_items("经营状态：开业 公司类型：有限责任公司") == []


def test_an_ordinal_with_the_kind_the_items_share_points_back_up_to_three_turns():
    # "第一个委员会" after the committees were listed and other questions answered: still those committees.
    assert resolve_item_reference("第一个委员会有几个成员？", ["雷军", COMMITTEES]) == "集团经营管理委员会有几个成员？"
    question = "第一个委员会有几个成员？"
    assert resolve_item_reference(question, ["a", "b", "c", COMMITTEES]) == "集团经营管理委员会有几个成员？"
    assert resolve_item_reference(question, ["a", "b", "c", "d", COMMITTEES]) is None


def test_the_other_one_of_two_items_is_the_one_not_just_named():
    from rag.item_reference import resolve_other_item

    spans = ["潘九堂", COMMITTEES]
    last = "集团经营管理委员会的秘书长是谁？"
    assert resolve_other_item("另一个委员会有几个人？", spans, last) == "人力资源委员会有几个人？"
    # A post asked again of the other item is asked whole: who holds it.
    assert resolve_other_item("那另一个委员会的秘书长呢？", spans, last) == "人力资源委员会的秘书长是谁？"
    # Neither item named, or both: no telling which is the other.
    assert resolve_other_item("另一个委员会有几个人？", spans, "谁当主任？") is None
    assert resolve_other_item("另一个呢？", ["真诚、热爱、专注"], "真诚是什么意思？") is None


def test_spaced_words_alone_are_list_items():
    assert list_items("真诚 热爱") == ["真诚", "热爱"]
    assert list_items("真诚就是不欺人也不自欺") == []
