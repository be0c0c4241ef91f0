"""What a when-question dates, and whether evidence states that event."""

import pytest

from rag.events import dated_event, event_beside, event_stated


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("曾学忠啥时候加入的小米", "加入"),
        ("小米是在哪一天创立的？", "成立"),
        ("小米第二代手机是哪天在北京发布的？", "发布"),  # the verb after the place, not the place
        ("小米在港交所上市的具体日期是哪天？", "上市"),  # the verb before "日期"
        ("颜克胜从哪一年起出任小米集团副总裁？", "担任"),
        ("雷总哪年生的", "出生"),
        ("他生日是哪天", "出生"),
        ("小米和央视的全生态合作是啥时候达成的", None),  # 生 of 生态 is no birth
        ("生态链公司是什么时候成立的", "成立"),
        ("小米是哪一年搬进小米科技园的？", "搬迁"),
        ("小米跟京东合作的消息啥时候出来的", None),  # no event verb of the list: nothing to check
        ("米粉节是几号", None),
        ("刘德是在哪里出生的？", "出生"),  # a where-question names its event too
        ("小米在哪上市的", "上市"),
        ("Where was Liu De born?", "出生"),  # an English verb of one event
        ("When did Xiaomi go public?", "上市"),
        ("Where was the launch event held?", None),  # "launch event" is a noun
    ],
)
def test_the_event_a_when_question_dates(question, event):
    assert dated_event(question) == event


def test_a_ban_lifted_is_not_stated_by_the_ban():
    assert dated_event("小米在印度啥时候解禁的") == "解禁"
    ban = "同年12月，小米深陷专利侵权案件，其产品禁止在印度制造、推广、销售。"
    assert not event_stated("小米在印度啥时候解禁的", ban)
    assert event_stated("几月份在印度被禁售了？", ban)


def test_evidence_for_another_event_does_not_state_it():
    assert not event_stated("曾学忠啥时候加入的小米", "1996年毕业于清华大学物理系")
    assert not event_stated("Manu Kumar Jain是哪一年加入小米的？", "2023年1月30日 同日，副总裁manu kumar jain辞职。")


def test_the_documents_word_for_the_event_states_it():
    assert event_stated("小米是在哪一天创立的？", "小米科技有限责任公司成立于2010年3月3日")
    assert event_stated("小米从什么时候开始进入印度市场？", "2014年7月开始，小米成功进驻印度市场")
    assert event_stated("颜克胜是什么时候卸任质量委员会主席的？", "2021年11月，不再兼任小米集团质量委员会主席")
    assert event_stated("小米跟京东合作的消息啥时候出来的", "2024年5月13日，据“京东黑板报”消息")


def test_a_place_must_be_where_the_event_happened():
    text = "刘德，出生于1973年8月，2010年4月获美国ArtCenter工业设计硕士学位。"
    america = text.index("美国")
    assert not event_beside("刘德是在哪里出生的？", text, america, america + 2)
    text = "雷军，1969年12月16日出生于湖北省仙桃市。"
    hubei = text.index("湖北省仙桃市")
    assert event_beside("雷军是在哪里出生的？", text, hubei, hubei + 6)
    assert event_beside("小米总部在哪儿", text, hubei, hubei + 6)  # no event named: nothing to check


def test_a_place_followed_by_ren_says_where_someone_is_from():
    text = "曾学忠，男，广东省梅州市蕉岭县人，1996年毕业于清华大学物理系"
    start, end = text.index("广东"), text.index("人，")
    assert event_beside("曾学忠老家是哪里？", text, start, end)
    degree = text.index("清华大学")
    assert not event_beside("曾学忠老家是哪里？", text, degree, degree + 4)


def test_a_latin_word_between_place_and_event_counts_as_one_character():
    text = "小米在北京环球度假区举行Redmi春季新品发布会，正式发布新机。"
    at = text.index("北京环球度假区")
    # 举行 Redmi 春季新品 发布会: 8 characters after the place with Redmi as one, 12 counting its letters.
    assert event_beside("新机是在哪里发布的？", text, at, at + len("北京环球度假区"))
    longer = "小米在北京环球度假区举行RedmiRedmiRedmi春季新品系列产品的发布会"
    assert not event_beside("新机是在哪里发布的？", longer, at, at + len("北京环球度假区"))
