"""Tests for rag.evidence: the unit and date precision a question asks for, and sentence offsets."""

from __future__ import annotations

import pytest

from rag.evidence import (
    EvidenceWeights,
    alongside_asked,
    appositive,
    asked_deed,
    asked_kind,
    asked_object_verb,
    asked_post,
    best_span,
    date_hint,
    defined_term,
    gather,
    keyword_positions,
    other_body,
    place_tail,
    sentence_offsets,
    thing_asked,
    unit_hint,
)
from rag.question import classify
from rag.records import Hit, Passage


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米2013年卖了多少台手机？", "台部"),
        ("小米注册资本多少钱？", "元币"),  # 元, 港元, 美元 … or 港币
        ("小米13 Ultra的起售价是多少？", "元币"),  # a price is money though no unit is named
        ("小米入股爱奇艺花了多少？", "元币"),
        ("10万台小米3多长时间卖完？", "秒分时天年月周"),
        ("小米的市场份额占比是多少？", "%％"),
        ("小米有多少名员工？", "名人位"),  # people are counted in 名, 人 or 位
        ("委员会由几个人组成？", "人名位"),  # 几个人 counts people, not items
        ("小米是哪一年成立的？", None),
        ("How much did the Redmi K20 cost at launch?", "元币"),
        ("How long did it take to sell out?", "秒分时天年月周"),
        ("What percentage of the shares was bought back?", "%％"),
        ("How much did Xiaomi grow?", None),
        ("How much did Xiaomi spend on R&D in 2023?", "元币"),  # spending is money
        ("How much was invested in the plant?", "元币"),  # an investment is money too
        ("小米在世界500强中排第几？", "第位名前"),  # a rank is written 第266位, 世界第四, 第一名
        ("Where did Xiaomi rank in 2017?", "第位名前"),
        ("小米专利声明占比在全球是第几名？", "第位名前"),  # the place a share ranks at, not the share
        ("How many Mi Band units did Xiaomi sell in 2014?", "台部"),  # devices are counted, not priced
        ("How many employees did Xiaomi have?", "人名位"),
        ("经管会有几个成员？", "人名位"),  # people counted with 个 are written 12位
        ("小米发布了几个新品？", "个项款"),
        ("小米14的屏幕多大？", "寸"),  # a screen is measured in inches, not in gigabytes of memory
        ("How big is the screen of the Xiaomi 14?", "寸"),
        ("2017年营业额涨了多少", "%％"),  # a change is told as a rate
        ("By how much did revenue drop year on year?", "%％"),
    ],
)
def test_unit_hint(question, expected):
    assert unit_hint(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米是哪一天上市的？", "日号"),
        ("小米是哪个月入选的？", "月日号"),
        ("小米是哪一年成立的？", "年"),  # a day and month without their year do not say it
        ("In which year was MIUI released?", "年"),
        ("小米是什么时候成立的？", None),  # any precision will do
    ],
)
def test_date_hint(question, expected):
    assert date_hint(question) == expected


def test_sentence_offsets_cover_each_sentence_with_its_end_mark():
    text = "小米成立于2010年。总部在北京！创始人是雷军"
    assert [text[a:b] for a, b in sentence_offsets(text)] == ["小米成立于2010年。", "总部在北京！", "创始人是雷军"]


def _dated_evidence(text: str, question: str):
    passage = Passage("doc#01", "doc", "发展历程", text)
    terms = {"手环": 4.0, "发布": 1.5}
    return gather(classify(question), [Hit(passage, 0.9)], terms, [], dates={"doc#01": "2014年7月22日"})


def test_a_sentence_that_says_it_happened_then_is_dated_by_its_setting():
    best = _dated_evidence("以及小米首款可穿戴设备小米手环发布，售价79元。", "小米手环是哪天发布的？")[0]
    assert best.spans == () and best.subject == "2014年7月22日"


def test_a_sentence_told_as_part_of_the_event_before_is_dated_by_its_setting():
    best = _dated_evidence("雷军还在发布会上宣布小米手环发布。", "小米手环是哪天发布的？")[0]
    assert best.subject == "2014年7月22日"


def test_a_sentence_that_does_not_say_so_gets_no_date_from_its_setting():
    # An enumeration after a dated passage need not have happened on that date.
    best = _dated_evidence("小米手环、小米手机、小米电视发布。", "小米手环是哪天发布的？")[0]
    assert best.subject == ""


def test_a_setting_date_too_coarse_for_the_question_is_not_an_answer():
    passage = Passage("doc#01", "doc", "发展历程", "同日，小米手环发布。")
    ranked = gather(classify("小米手环是哪天发布的？"), [Hit(passage, 0.9)], {"手环": 4.0}, [],
                    dates={"doc#01": "2014年"})
    assert ranked[0].subject == ""


def test_a_day_the_sentence_takes_for_granted_is_not_missing_but_a_later_sentence_lacks_it():
    # The passage opens after "2013年10月15日，小米开始发售10万台小米3" and goes on to another year.
    passage = Passage("doc#01", "doc", "发展历程", "10万台小米3只用了86秒就卖完了。2013年MIUI用户数突破3000万。")
    ranked = gather(classify("2013年10月15日开卖的小米3多长时间卖完？"), [Hit(passage, 0.9)], {"卖完": 4.0},
                    ["2013", "10", "15"], dates={"doc#01": "2013年10月15日"})
    by_text = {e.text: e for e in ranked}
    assert by_text["10万台小米3只用了86秒就卖完了。"].missing == ()
    # Required terms are looked for in the whole passage (10 is in 10万台); only 15 is nowhere.
    assert by_text["2013年MIUI用户数突破3000万。"].missing == ("15",)


def _ranked_texts(question: str) -> list[str]:
    # In the launch sentence the count stands right after 手机; in the year's, two characters later.
    launch = Passage("doc#01", "doc", "发展历程", "2013年10月15日，小米开始发售手机10万台。")
    total = Passage("doc#02", "doc", "发展历程", "2013年，小米手机售出1870万台。")
    # Proximity to 手机: 1 / (1 + 0 / 8) = 1.0 for the launch, 1 / (1 + 2 / 8) = 0.8 for the year: the launch
    # leads by 0.15 × 0.2 = 0.03 until a whole-year question docks a day's figure 0.15 × 0.5 = 0.075.
    return [e.text for e in gather(classify(question), [Hit(launch, 0.9), Hit(total, 0.9)], {"手机": 1.0}, [])]


def test_a_question_about_a_whole_year_prefers_the_years_figure_to_one_days():
    # Both sentences hold the year, 小米, 手机 and a count in 台; only the second is the year's figure.
    assert _ranked_texts("2013年小米一共卖了多少台手机？")[0] == "2013年，小米手机售出1870万台。"


def test_a_question_naming_the_day_keeps_the_days_figure():
    assert _ranked_texts("2013年10月15日小米卖了多少台手机？")[0] == "2013年10月15日，小米开始发售手机10万台。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("签约仪式是谁主持的？", "主持"), ("新Logo由谁设计？", "设计"), ("小米的创始人是谁？", None), ("谁是CEO？", None),
     ("小米是由谁一手创办的？", "创办")],  # the deed, not the adverb before it
)
def test_the_deed_a_who_question_asks_about(question, expected):
    assert asked_deed(question) == expected


def test_a_what_is_question_prefers_the_sentence_saying_what_it_is():
    released = Passage("doc#01", "doc", "历程", "2010年12月10日，发布了米聊。")
    defined = Passage("doc#02", "doc", "历程", "当时官方称米聊是一款免费即时通讯工具。")
    ranked = gather(classify("米聊是个啥"), [Hit(released, 0.95), Hit(defined, 0.9)], {"米聊": 4.0}, [])
    assert ranked[0].passage.id == "doc#02"


def test_an_organisation_question_naming_a_kind_of_body_answers_with_a_body_of_that_kind():
    labs = Passage("doc#01", "doc", "科研", "实验室：小米机器人实验室、小米&天马新型显示技术联合实验室、电池实验室")
    deal = Passage("doc#02", "doc", "合作", "小米与天马微电子股份有限公司签订协议，共建新型显示技术联合实验室。")
    terms = {"新型": 4.0, "显示": 4.0, "联合": 2.6, "实验室": 3.8, "公司": 1.1}
    ranked = gather(classify("小米是跟哪家公司一起建新型显示技术联合实验室的"), [Hit(labs, 0.99), Hit(deal, 0.95)],
                    terms, [])
    assert ranked[0].passage.id == "doc#02"
    assert [s.text for s in ranked[0].spans] == ["天马微电子股份有限公司"]


def test_part_of_a_bare_kind_of_body_in_the_question_does_not_make_a_span_the_thing_asked_about():
    centre = Passage("doc#01", "doc", "科研", "小米联合高校和科技企业，共同组建智能图像处理北京市工程研究中心。")
    terms = {"研究": 3.8, "中心": 4.4}
    ranked = gather(classify("小米和高校一起组建的研究中心叫什么？"), [Hit(centre, 0.9)], terms, [])
    assert [s.text for s in ranked[0].spans] == ["智能图像处理北京市工程研究中心"]


def test_a_brand_the_question_names_is_no_answer_to_which_product():
    brand = Passage("doc#01", "doc", "拓展", "雷军宣布红米Redmi品牌正式独立。")
    launch = Passage("doc#02", "doc", "历程", "小米正式推出Redmi Note 7，同时宣布红米Redmi品牌正式独立；")
    ranked = gather(classify("红米独立那天发的是啥手机"), [Hit(brand, 0.99), Hit(launch, 0.95)],
                    {"红米": 3.3, "独立": 4.4, "手机": 1.4}, [])
    assert ranked[0].passage.id == "doc#02"
    assert [s.text for s in ranked[0].spans] == ["Redmi Note 7"]


def test_a_who_question_prefers_the_sentence_that_says_the_deed():
    attended = Passage("doc#01", "doc", "合作", "出席签约仪式的有雷军、崔宝秋和李建成。")
    hosted = Passage("doc#02", "doc", "合作", "签约仪式由党委书记黄治国主持。")
    # Each sentence holds three of the four keywords; the first is retrieved higher.
    terms = {"签约": 1.0, "仪式": 1.0, "雷军": 1.0, "主持": 1.0}
    ranked = gather(classify("签约仪式是谁主持的？"), [Hit(attended, 0.95), Hit(hosted, 0.9)], terms, [])
    assert ranked[0].text == "签约仪式由党委书记黄治国主持。"


def test_a_when_question_prefers_the_sentence_saying_its_event_over_one_saying_a_stand_in():
    on_sale = Passage("doc#01", "doc", "产品", "2023年5月6日，小米13 Ultra限量定制色机型限量发售。")
    launched = Passage("doc#02", "doc", "产品", "2023年4月18日，小米公司正式发布小米13 Ultra手机。")
    # 发售 stands in for 发布 (a when-question about a launch may only find its sale), so both cover every
    # keyword; the sale is retrieved higher.
    terms = {"小米": 1.0, "13": 1.0, "ultra": 1.0, "发布": 1.0}
    ranked = gather(classify("小米13 Ultra哪天发布的"), [Hit(on_sale, 0.95), Hit(launched, 0.9)], terms, [])
    assert ranked[0].passage.id == "doc#02"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("人力资源委员会的副秘书长是谁？", "副秘书长"), ("经管会的秘书长是谁", "秘书长"), ("小米的创始人是谁？", None),
     ("谁担任秘书长？", None), ("人力资源委员会的两位副主任分别是谁？", "副主任")],
)
def test_the_post_a_who_question_asks_about(question, expected):
    assert asked_post(question) == expected


def test_a_who_holds_the_post_question_prefers_the_sentence_naming_the_post_over_a_member_list():
    text = "人力资源委员会由雷军、刘德、金玲和王栋等4人组成。刘德出任副主任，金玲和王栋担任副秘书长。"
    passage = Passage("doc#01", "doc", "组织", text)
    terms = {"人力资源": 4.4, "委员会": 3.8, "副": 0.3, "秘书长": 4.4}  # weights as the idf gives them
    info = classify("人力资源委员会的副秘书长是谁？")
    ranked = gather(info, [Hit(passage, 0.95)], terms, ["^副秘书长"])
    assert ranked[0].text == "刘德出任副主任，金玲和王栋担任副秘书长。"


def test_a_whole_year_question_prefers_the_years_figure_over_a_quarters():
    quarter = Passage("doc#01", "doc", "财务", "2023年第一季度营收595亿元。")
    year = Passage("doc#02", "doc", "财务", "2023年，小米集团总收入为2,710亿元。")
    terms = {"小米": 0.5, "2023": 1.0, "营收": 1.0}
    ranked = gather(classify("小米2023年的营收是多少？"), [Hit(quarter, 1.0), Hit(year, 0.6)], terms, ["2023"])
    assert ranked[0].text == "2023年，小米集团总收入为2,710亿元。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米属于什么类型的企业？", "类型"),
        ("它用的是哪种芯片？", "芯片"),
        ("这是什么时候的事？", None),
        ("小米是什么？", None),
    ],
)
def test_the_kind_a_what_question_asks_for(question, expected):
    assert asked_kind(question) == expected


def test_a_what_kind_question_prefers_the_field_that_names_the_kind():
    office = Passage("doc#01", "doc", "工商信息", "登记机关：海淀区市场监督管理局 企业地址：西二旗中路33号")
    kind = Passage("doc#02", "doc", "工商信息", "经营状态：开业 公司类型：有限责任公司")
    # 登记 and 企业 in the first, 类型 and (公司 for) 企业 in the second: equal coverage, the first retrieved higher.
    terms = {"登记": 1.0, "类型": 1.0, "企业": 1.0}
    ranked = gather(classify("按工商登记，小米属于什么类型的企业？"), [Hit(office, 0.95), Hit(kind, 0.9)], terms, [])
    assert ranked[0].text.endswith("公司类型：有限责任公司")


def test_a_sentence_without_money_has_no_answer_to_a_price_question():
    sold = Passage("doc#01", "doc", "发展历程", "小米开始发售10万台小米3手机。")
    priced = Passage("doc#02", "doc", "发展历程", "16GB版售价1999元。")
    ranked = gather(classify("小米3卖多少钱？"), [Hit(sold, 0.95), Hit(priced, 0.9)], {"小米": 1.0, "卖": 0.3}, [])
    by_text = {e.text: e for e in ranked}
    assert by_text["小米开始发售10万台小米3手机。"].spans == ()  # a count is no price
    assert [s.text for s in by_text["16GB版售价1999元。"].spans] == ["1999元"]


def test_a_where_question_prefers_the_sentence_saying_where_the_thing_is():
    passing = Passage("doc#01", "doc", "合作", "武汉市政府与小米签署协议，建设小米武汉总部。")
    located = Passage("doc#02", "doc", "简介", "小米成立于2010年，总部位于北京市海淀区。")
    terms = {"小米": 1.0, "总部": 4.0}
    ranked = gather(classify("小米总部在哪儿"), [Hit(passing, 0.96), Hit(located, 0.95)], terms, [])
    assert ranked[0].text == "小米成立于2010年，总部位于北京市海淀区。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("小米在哪上市的", "上市"), ("卢伟冰是哪里人？", "人"), ("小米总部在哪儿", None), ("雷军出生在哪里？", None)],
)
def test_what_follows_the_place_a_where_question_asks_for(question, expected):
    assert place_tail(question) == expected


def test_where_someone_is_from_is_the_place_followed_by_ren():
    bio = Passage("doc#01", "doc", "高管", "卢伟冰，1975年9月出生，山东五莲人，毕业于清华大学。")
    news = Passage("doc#02", "doc", "合作", "小米与京东在北京达成合作，小米总裁卢伟冰出席。")
    terms = {"卢伟冰": 3.4, "人": 0.3}
    ranked = gather(classify("卢伟冰是哪里人？"), [Hit(news, 0.95), Hit(bio, 0.9)], terms, ["卢伟冰"])
    assert ranked[0].text == "卢伟冰，1975年9月出生，山东五莲人，毕业于清华大学。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [("小米联合顺为资本入股了哪家公司？", "入股"), ("小米投资了哪家公司", "投资"), ("小米是哪家公司", None),
     ("小米联合顺为资本入股的视频平台是哪家？", "入股"),  # the kind of body named between
     ("小米合作的银行是哪家银行", None),  # 合作 takes no object: "与…合作"
     ("同年小米还入股了哪家家电企业", "入股"), ("小米入股了哪个视频平台", "入股")],  # a kind before the body word
)
def test_the_verb_whose_object_an_organisation_question_asks_for(question, expected):
    assert asked_object_verb(question) == expected


def test_an_organisation_without_a_company_suffix_is_found_as_the_verbs_object():
    passage = Passage("doc#01", "doc", "投资", "小米和顺为资本以18亿人民币入股爱奇艺，百度也追加了投资。")
    ranked = gather(classify("小米联合顺为资本入股了哪家公司？"), [Hit(passage, 0.9)], {"入股": 1.0, "顺为": 1.0}, [])
    assert "爱奇艺" in [s.text for s in ranked[0].spans]


def test_the_other_party_of_a_deal_is_the_name_after_yu():
    # jieba knows no 松下空调器 as an organisation; "与…签订" still says who the party is.
    deal = Passage("doc#01", "doc", "合作交流", "2023年6月13日，小米集团大家电空调部正式与松下空调器签订战略合作协议。")
    plan = Passage("doc#02", "doc", "合作交流", "双方将在空调产品的研发、生产、制造等建立资源共享。")
    terms = {"空调": 4.0, "战略": 2.0, "合作": 1.5}
    ranked = gather(classify("小米空调部门跟谁签了战略合作"), [Hit(plan, 0.99), Hit(deal, 0.98)], terms, [])
    assert ranked[0].passage is deal
    assert [s.text for s in ranked[0].spans] == ["松下空调器"]


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("经营管理委员会有几个人？", "人力资源委员会由雷军和卢伟冰等7人组成", True),
        ("经营管理委员会有几个人？", "经管会成员共12位", False),  # names no other committee
        ("经营管理委员会有几个人？", "设立集团经营管理委员会和人力资源委员会", False),  # names the one asked too
        ("小米设立了哪两个专项委员会？", "设立集团经营管理委员会和人力资源委员会", False),  # 两个专项 is no body
    ],
)
def test_a_sentence_about_another_body_of_the_kind_asked(question, sentence, expected):
    assert other_body(question, sentence) is expected


def test_a_sentence_going_on_about_another_body_is_not_about_the_one_asked():
    # "…刘伟任秘书长" follows the passage about the 人力资源委员会; "…潘九堂担任秘书长" the one about the 经管会.
    # The other committee's passage holds more of the question's words (委员会), and would win on them alone.
    ours = Passage("doc#02", "doc", "近年发展", "卢伟冰任副主任，潘九堂担任秘书长。")
    theirs = Passage("doc#04", "doc", "近年发展", "卢伟冰和刘德出任副主任，刘伟任秘书长，金玲和王栋担任副秘书长。")
    settings = {"doc#02": "经管会成员共12位。", "doc#04": "人力资源委员会由雷军和卢伟冰等7人组成。"}
    terms = {"经营": 1.8, "管理": 3.4, "委员会": 3.8, "秘书长": 4.4}
    ranked = gather(classify("经营管理委员会的秘书长是谁？"), [Hit(theirs, 0.99), Hit(ours, 0.98)], terms,
                    ["^秘书长"], settings=settings)
    assert ranked[0].context_coverage < ranked[1].context_coverage
    assert ranked[0].passage is ours


def test_a_sentence_naming_a_body_by_its_short_name_covers_the_full_name():
    short = Passage("doc#01", "doc", "近年发展", "经管会成员共12位。")
    other = Passage("doc#02", "doc", "近年发展", "人力资源委员会由雷军等7人组成。")
    terms = {"经营": 1.8, "管理": 3.4, "委员会": 3.8, "成员": 4.4}
    question = classify("经营管理委员会一共有几名成员？")
    plain = gather(question, [Hit(short, 0.9), Hit(other, 0.9)], terms, [])
    named = gather(question, [Hit(short, 0.9), Hit(other, 0.9)], terms, [],
                   aliases={"经管会": "经营管理委员会", "经营管理委员会": "经管会"})
    by_passage = {e.passage.id: e for e in named}
    assert by_passage["doc#01"].coverage == pytest.approx(1.0)
    assert by_passage["doc#01"].coverage > {e.passage.id: e for e in plain}["doc#01"].coverage
    assert named[0].passage is short


def test_a_where_born_question_prefers_the_place_written_beside_the_birth():
    # The headquarters sentence holds more of the question's words, and says 位于, but no one was born there.
    intro = Passage("doc#01", "doc", "简介", "小米成立于2010年，总部位于北京市海淀区，创始人雷军。")
    bio = Passage("doc#02", "doc", "高管", "雷军，1969年12月16日出生于湖北省仙桃市。")
    terms = {"出生": 4.4, "位于": 4.9, "雷军": 2.7}
    ranked = gather(classify("Where was Lei Jun born?"), [Hit(intro, 0.97), Hit(bio, 0.94)], terms, ["雷军"])
    assert ranked[0].passage is bio
    assert [s.text for s in ranked[0].spans] == ["湖北省仙桃市"]


def test_list_items_inside_one_sentence_are_read_with_that_sentence_only():
    # Read whole, the passage holds the question's words (中兴) with the posts enumerated in its last
    # sentence; the nicknames are the list asked for, in the sentence that says 称作.
    text = ("曾学忠，曾在中兴通讯工作22年，被中兴内部称作“曾十亿”和“八大金刚”。"
            "曾担任中兴通讯执行副总裁、中兴全球副总裁。")
    passage = Passage("doc#01", "doc", "高管", text)
    terms = {"曾学忠": 4.4, "中兴": 4.9, "外号": 4.9}
    ranked = gather(classify("曾学忠在中兴有哪些外号？"), [Hit(passage, 0.9)], terms, ["曾学忠"])
    whole = [e for e in ranked if (e.start, e.end) == (0, len(text))]
    assert whole == []  # no evidence reads the passage whole: each list is inside a sentence
    assert any([s.text for s in e.spans] == ["曾十亿", "八大金刚"] for e in ranked)


def test_a_list_of_a_kind_takes_the_sentence_enumeration_that_names_more_items():
    # Only MIUI reads as a product name (and "旗下3" wrongly as another); the enumeration has all three.
    text = "2011年7月12日，小米创始团队正式亮相，揭秘旗下3款产品：MIUI、米聊、小米手机。"
    passage = Passage("doc#01", "doc", "发展历程", text)
    ranked = gather(classify("小米创始团队亮相时公布了哪些产品？"), [Hit(passage, 0.9)], {"亮相": 4.9, "产品": 2.0}, [])
    assert [s.text for s in ranked[0].spans] == ["MIUI", "米聊", "小米手机"]


def test_the_model_the_question_names_written_in_full_is_no_answer():
    # "小米手机3" is the 小米3 asked about: the sentence names no processor.
    passage = Passage("doc#01", "doc", "发展历程", "2013年9月5日，小米科技在北京发布小米手机3代，分两个处理器版本。")
    ranked = gather(classify("小米3用的是什么处理器"), [Hit(passage, 0.9)], {"处理器": 4.9}, ["#3"])
    assert ranked[0].spans == ()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Redmi Fire TV是什么？", "该品牌首款搭载Fire OS的智能电视"),
        ("那Redmi Fire TV到底是个啥", "该品牌首款搭载Fire OS的智能电视"),
        ("Redmi Fire TV在哪里推出？", None),  # not a what-is-it question
        ("小米电视是什么？", None),  # the clause follows another name
    ],
)
def test_the_clause_right_after_a_name_says_what_it_is(question, expected):
    text = "小米宣布在印度推出Redmi Fire TV，这是该品牌首款搭载Fire OS的智能电视，而非常规的Android TV。"
    span = appositive(question, text)
    assert (span.text if span else None) == expected
    if span:
        assert text[span.start : span.end] == span.text


def test_a_span_in_the_clause_of_the_year_asked_is_preferred():
    text = "2001年3月获得北京理工大学硕士学位，2010年4月获得清华大学硕士学位。"
    bio = Passage("doc#01", "doc", "高管", text)
    terms = {"硕士学位": 4.4, "2010": 2.9}
    best = gather(classify("2010年他在哪所学校拿了硕士学位？"), [Hit(bio, 0.9)], terms, [])[0]
    assert best_span(best, terms).text.endswith("清华大学")


def test_a_what_is_question_prefers_the_sentence_saying_x_jiushi():
    text = "小米的核心价值观：真诚 热爱 真诚就是不欺人也不自欺；热爱就是全心投入并享受其中。"
    values = Passage("doc#01", "doc", "企业文化", text)
    ranked = gather(classify("热爱指的是什么？"), [Hit(values, 0.9)], {"热爱": 4.4, "价值观": 1.0}, [])
    assert ranked[0].text == "热爱就是全心投入并享受其中。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("其中的“热爱”指什么？", "热爱"),  # quoted
        ("小米核心价值观里的热爱是什么意思", "热爱"),  # the last word before the asking
        ("热爱 是什么意思？", "热爱"),
        ("经管会是什么", None),  # what a thing is, not what a word means
    ],
)
def test_the_word_whose_meaning_is_asked(question, expected):
    assert defined_term(question) == expected


def test_the_sentence_defining_the_word_asked_about_comes_first():
    text = "小米的核心价值观：真诚 热爱 真诚就是不欺人也不自欺；热爱就是全心投入并享受其中。"
    values = Passage("doc#01", "doc", "企业文化", text)
    terms = {"价值观": 4.9, "热爱": 4.4, "核心": 4.0}
    ranked = gather(classify("小米核心价值观里的热爱是什么意思"), [Hit(values, 0.9)], terms, [])
    assert ranked[0].text == "热爱就是全心投入并享受其中。"


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("能不能告诉我米聊是个什么东西？", "米聊"),
        ("Redmi Fire TV是啥", "Redmi Fire TV"),
        ("What is the Redmi Fire TV?", "Redmi Fire TV"),
        ("米聊是什么时候发布的？", None),
        ("小米2010年底推出的米聊是个什么产品？", "米聊"),  # what is said of it is not its name
    ],
)
def test_the_thing_a_what_is_it_question_names(question, thing):
    assert thing_asked(question) == thing


def test_an_english_what_does_it_mean_question_defines_its_word():
    assert defined_term("What does 热爱 mean in Xiaomi's core values?") == "热爱"
    assert defined_term("What does “MJSC” stand for?") == "mjsc"


def test_the_sentence_saying_what_a_thing_is_beats_one_naming_it_in_a_list():
    listing = Passage("d#01", "d", "历程", "小米揭秘旗下3款产品：MIUI、米聊、小米手机。")
    saying = Passage("d#02", "d", "历程", "当时官方称米聊是一款免费即时通讯工具。")
    info = classify("米聊是个啥")
    # The listing is retrieved higher; the sentence saying 米聊是一款… still comes first.
    found = gather(info, [Hit(listing, 1.0), Hit(saying, 0.8)], {"米聊": 4.0}, [])
    assert found[0].passage.id == "d#02"


def test_a_what_does_it_do_question_prefers_the_sentence_of_its_duties():
    founded = Passage("d#01", "d", "高管", "小米设立经管会和人力资源委员会两个专项委员会。")
    duties = Passage("d#02", "d", "高管", "经管会由小米高管组成，统筹管理业务战略和日常业务管理。")
    found = gather(classify("经管会是干嘛的"), [Hit(founded, 1.0), Hit(duties, 1.0)], {"经管会": 4.0}, [])
    assert found[0].passage.id == "d#02"


def test_the_items_naming_the_kind_asked_are_the_list():
    from rag.evidence import phrase_of_some
    from rag.spans import Span

    items = [Span(0, 9, "第一类增值电信业务", "list"), Span(10, 19, "第二类增值电信业务", "list"),
             Span(20, 26, "基础电信业务", "list")]
    # 电信业务 is in all three; 增值电信业务, the longer phrase of the question, in two.
    assert phrase_of_some(items, "许可项目里的增值电信业务分哪几类？") == "增值电信业务"
    assert phrase_of_some(items, "许可项目有哪些？") is None


def test_a_post_is_found_where_it_is_held_not_inside_its_deputy_post():
    text = "刘伟任秘书长，金玲和王栋担任副秘书长。"
    assert [p for p, _, _ in keyword_positions(text, 0, len(text), {"秘书长": 1.0})] == [3]
    # Asked with its 副, the post is the deputy one.
    assert [p for p, _, _ in keyword_positions(text, 0, len(text), {"副": 0.1, "秘书长": 1.0})] == [14, 15]


def test_a_date_adding_the_year_to_the_day_asked_is_the_answer():
    text = "2010年4月6日，北京小米科技有限公司正式成立，并入驻银谷大厦。"
    passage = Passage("doc#01", "doc", "财务概览", text)
    question = "哪一年的4月6日北京小米科技有限公司正式成立？"
    best = gather(classify(question), [Hit(passage, 0.9)], {"成立": 3.0, "北京": 2.0}, [])[0]
    assert [s.text for s in best.spans] == ["2010年4月6日"]


def test_the_kind_a_question_asks_the_name_of_does_not_make_the_name_asked_about():
    text = ("2021年，小米联合国内一流高校学府和科技企业，共同组建智能图像处理北京市工程研究中心，"
            "该中心以 AI-ISP 芯片、机器视觉、新型影像作为三大攻关方向。")
    passage = Passage("doc#01", "doc", "科研成果", text)
    question = "小米2021年联合高校组建的工程研究中心叫什么？"
    best = gather(classify(question), [Hit(passage, 0.9)], {"组建": 4.9, "工程": 4.0, "中心": 4.4}, [])[0]
    assert "智能图像处理北京市工程研究中心" in [s.text for s in best.spans]


def test_in_an_enumeration_the_item_holding_a_keyword_gives_the_person():
    # The heavier keyword (经管会) opens the sentence beside the first name; the post asked sits in
    # the third item, with its holder.
    text = "经管会成员共12位，包括雷军、新任小米总裁卢伟冰、手机部总裁曾学忠、大家电部总裁张峰。"
    members = Passage("doc#01", "doc", "组织", text)
    terms = {"经管": 4.0, "手机部": 1.4}
    best = gather(classify("经管会里谁负责手机部？"), [Hit(members, 0.9)], terms, [])[0]
    assert best_span(best, terms).text == "曾学忠"
    # With no keyword inside any item the nearest name still wins.
    assert best_span(best, {"经管": 4.0}).text == "雷军"


def _launch_and_band(question: str) -> list:
    # One launch sentence split at its "；" over two passages: the phone in the first, the band in the second.
    phone = Passage("doc#01", "doc", "发展历程", "2014年7月22日，小米召开新品发布会，推出了小米手机4，售价1999元起；")
    band = Passage("doc#02", "doc", "发展历程", "以及小米首款可穿戴设备小米手环，售价79元。")
    tails = {"doc#01": band.text}
    terms = {"手环": 4.0, "手机": 1.4, "售价": 1.5}
    return gather(classify(question), [Hit(band, 0.9), Hit(phone, 0.8)], terms, [],
                  heads={"doc#02": phone.text}, tails=tails)


def test_what_came_with_a_thing_is_in_the_clause_before_the_one_naming_it():
    best = _launch_and_band("跟小米手环同场发布的手机卖多少钱？")[0]
    assert best.passage.id == "doc#01" and [s.text for s in best.spans] == ["1999元"]


def test_the_price_of_the_thing_itself_stays_in_its_own_clause():
    # Not asked what came with it: the band's clause, whose head only lends it the phone's words.
    best = _launch_and_band("小米手环卖多少钱？")[0]
    assert best.passage.id == "doc#02" and [s.text for s in best.spans] == ["79元"]


@pytest.mark.parametrize(("question", "expected"), [
    ("跟小米手环同场发布的是哪款手机？", True),
    ("和小米手环一起发布的还有什么？", True),
    ("What phone was launched alongside the Mi Band?", True),
    ("And the phone launched at that event?", True),
    ("小米手环是哪天发布的？", False),
    ("小米手机4和小米手环卖多少钱？", False),
])
def test_a_question_asking_what_came_with_a_thing(question, expected):
    assert alongside_asked(question) is expected


def test_an_english_month_and_year_conflict_with_a_sentence_of_another_month():
    july = Passage("doc#01", "doc", "发展历程", "2014年7月，小米进驻印度市场。")
    terms = {"进驻": 4.0, "2014": 2.6}

    def score(question: str) -> float:
        return gather(classify(question), [Hit(july, 0.9)], terms, [])[0].score

    # "in August 2014" is read as 2014年8月: the July sentence loses the conflict weight (0.25) that
    # "in 2014" does not cost it; "in July 2014" costs nothing either.
    assert score("Which country did Xiaomi enter in 2014?") - score("Which country did Xiaomi enter in August 2014?") \
        == pytest.approx(EvidenceWeights().conflict)
    assert score("Which country did Xiaomi enter in July 2014?") == pytest.approx(
        score("Which country did Xiaomi enter in 2014?"))
