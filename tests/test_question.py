"""Tests for rag.question: answer types from Chinese and English phrasing, question-word stripping, language."""

from __future__ import annotations

import pytest

from rag.question import (
    ALIAS,
    DATE,
    DEFINITION,
    LIST,
    NUMBER,
    ORG,
    OTHER,
    PERSON,
    PLACE,
    PRODUCT,
    TYPES,
    YESNO,
    asks_what_it_does,
    classify,
    content_text,
    is_english,
    kind_of_business_asked,
    list_kind,
)

CHINESE = [
    # date
    ("小米科技是哪一年注册的？", DATE),
    ("雷军哪年加入金山？", DATE),
    ("小米手机2是哪天开售的？", DATE),
    ("红米品牌什么时候独立的？", DATE),
    ("小米汽车工厂何时完工？", DATE),
    ("MIUI是几月推出的？", DATE),
    # person
    ("小米的首席财务官是谁？", PERSON),
    ("哪位高管负责国际业务？", PERSON),
    ("小米集团的总裁叫什么？", PERSON),
    ("红米品牌的负责人是哪位？", PERSON),
    ("刘德本科在哪读的", ORG),  # where one studied is a school
    ("雷军大学在哪里上的？", ORG),
    # number
    ("小米2020年的净利润是多少？", NUMBER),
    ("小米一共发布了几款电视？", NUMBER),
    ("小米在榜单上排第几？", NUMBER),
    ("小米在福布斯榜单中的排名如何？", NUMBER),
    ("小米手环的售价是多少钱？", NUMBER),
    # place
    ("小米的第一间办公室在哪里？", PLACE),
    ("林斌在哪出生？", PLACE),
    ("小米之家第一家店开在哪个城市？", PLACE),
    # organization
    ("小米和哪家车企合作？", ORG),
    ("公布5G专利排名报告的是哪家机构？", ORG),  # the body is asked, though a ranking is named
    ("颜克胜毕业于哪所大学？", ORG),
    ("刘德的学士学位是在哪所学校拿的？", ORG),
    ("小米跟高校合建的实验室叫什么？", ORG),  # a lab's name is an organisation's
    ("这个中心的三大方向是什么？", LIST),  # 三大…是什么 asks for three things
    ("他们组建的研究中心叫什么？", ORG),
    ("这个委员会的全称是什么？", ORG),  # 在哪所 asks for a school, not a place
    ("经管会属于哪个部门？", ORG),
    ("小米投资的是什么公司？", ORG),
    ("2018年，和小米签协议的是谁？", ORG),  # the other party of a deal: a company as often as a person
    ("这项战略合作是小米跟谁达成的？", ORG),
    ("那台新机是谁帮忙代工的？", ORG),  # who made it: a company
    ("经管会里头总共有几号人", NUMBER),  # 几号人 is how many people, not which day
    ("这座寺庙建于哪个朝代？", DATE),  # a dynasty, century or decade is a time
    ("他活跃于什么年代？", DATE),
    ("这种鸟体重多重？", NUMBER),
    ("两地相距多远？", NUMBER),
    ("雷军和谁一起创办了小米？", PERSON),  # founding is not a deal between companies
    # product
    ("小米汽车用的什么芯片？", PRODUCT),
    ("小米开始限量销售的是什么版本？", PRODUCT),  # an edition is a product
    ("哪款手机首发了澎湃芯片？", PRODUCT),
    ("小米电视用的什么操作系统？", PRODUCT),
    ("同一场发布会上还推出了什么可穿戴设备？", PRODUCT),  # a device is a product
    ("产品制造研究所主要做什么？", DEFINITION),  # what something does is described
    ("红米note12turbo首发的啥芯片", PRODUCT),  # colloquial 啥 is 什么
    ("这款手机啥时候发布的", DATE),
    ("Redmi Note 12 Turbo首发搭载的是哪颗芯片？", PRODUCT),
    ("那曾学忠是哪毕业的", ORG),  # where one graduated from is a school
    ("小米和高校一起建了个什么工程研究中心？", ORG),  # the name of a body
    ("2017年小米在互联网公司里排老几？", NUMBER),  # a rank, asked colloquially
    ("小米科技是一家什么类型的公司？", DEFINITION),  # a kind, not a name: said by "是一家…公司"
    ("小米本质上算哪种类型的企业？", DEFINITION),
    # alias: the English name, whatever else the question words say
    ("小米科技有限责任公司的英文名称是什么？", ALIAS),
    ("澎湃OS英文名叫啥", ALIAS),
    ("小米的英文全称是哪个？", ALIAS),
    # list
    ("小米有哪些子品牌？", LIST),
    ("小米第一轮融资都有谁投了", LIST),  # 都有谁 asks for everyone, people or firms
    ("经管会的副主任分别是谁？", LIST),
    ("雷军担任过哪几个职务？", LIST),
    ("小米的业务包括哪些方面？", LIST),
    # definition
    ("米家是什么？", DEFINITION),
    ("什么是小米生态链？", DEFINITION),
    ("介绍一下红米品牌", DEFINITION),
    ("米聊是个啥", DEFINITION),
    ("那个研究所主要是干什么的？", DEFINITION),
    # yes / no
    ("小米是否生产汽车？", YESNO),
    ("雷军是小米的董事长吗？", YESNO),
    ("小米有没有在日本设立研究所？", YESNO),
    ("那轮融资有没有公开投资方是谁？", YESNO),  # whether it was told, not who
    # nothing asked for in particular
    ("小米手机的口碑", OTHER),
    ("小米是一家什么公司", DEFINITION),  # what kind of company, not which
    ("小米3在网络制式上有什么特点？", DEFINITION),  # a description, not a list
    ("银谷大厦在北京哪个区？", PLACE),  # a district is a place
    ("小米大本营在哪个地方", PLACE),
    ("2022年世界500强小米是不是排第300名", YESNO),  # a rank offered to be checked, not asked for
    ("在中兴大家管曾学忠叫啥", LIST),  # the names he goes by, written in quotes
    ("曾学忠在中兴的外号是什么？", LIST),
    ("米聊是个什么产品？", DEFINITION),  # what kind of product, not which one
    ("Redmi Fire TV是一款什么样的电视？", DEFINITION),
    ("小米推出了什么产品？", PRODUCT),  # which product: a name
    ("小米入股爱奇艺是跟谁一起投的", ORG),  # a co-investor is a company as often as a person
]

ENGLISH = [
    ("When did Xiaomi release its first phone?", DATE),
    ("What year was Xiaomi registered?", DATE),
    ("On what exact date?", DATE),
    ("Who is the president of Xiaomi?", PERSON),
    ("How many stores does Xiaomi have?", NUMBER),
    ("How much did Xiaomi earn in 2020?", NUMBER),
    ("Where is the Xiaomi car factory?", PLACE),
    ("Which company did Xiaomi buy a stake in?", ORG),
    ("Which university did Lin Bin attend?", ORG),
    ("At which business school did Lu Weibing earn his EMBA degree?", ORG),  # not yes/no for its "did"
    ("On which website did Xiaomi sell Redmi phones in Indonesia?", ORG),
    # "ranked" is in the question, but which body published the ranking is asked.
    ("Which institution released the report that ranked 5G patents in 2024?", ORG),
    ("Which chip does the Xiaomi car use?", PRODUCT),
    ("What is MIUI?", DEFINITION),
    ("Which broadcaster signed the partnership?", ORG),
    ("Tell me about the Mi Home stores", DEFINITION),
    ("Is Xiaomi listed in Hong Kong?", YESNO),
    ("Which products were launched in 2019?", LIST),
    ("Where did Xiaomi rank in phone sales in 2017?", NUMBER),  # a position, not a place
    ("Which car companies did Xiaomi team up with?", LIST),  # companies, not a car
    ("What century did the empire fall in?", DATE),
    ("How old was he when he died?", NUMBER),
    # So does how long or how fast says what is asked, whatever the when-clause before it.
    ("When the first 100,000 units went on sale, how long did it take to sell out?", NUMBER),
    ("The following January, how fast did 1,000 TVs sell out?", NUMBER),
    ("How long ago was Xiaomi founded?", DATE),
    ("How tall is the tower?", NUMBER),
    ("Which Redmi phone was the first to use the chip?", PRODUCT),  # a brand between which and phone
    ("What is Xiaomi's official English company name?", ALIAS),
    ("What kind of company is Xiaomi?", DEFINITION),  # a kind, said by a clause, not a company's name
    ("Which steer-by-wire chassis supplier did Xiaomi take a stake in?", ORG),
    ("What is the name of the joint lab Xiaomi runs with Tianma?", ORG),
    # A wh-word opening a later clause asks for a value; an auxiliary opening still asks yes or no.
    ("Instead of Android TV, which operating system does the Redmi Fire TV run?", PRODUCT),
    ("Does the Redmi Fire TV, which Xiaomi launched in India, run Fire OS?", YESNO),
    ("In which Japanese city is the institute located?", PLACE),  # an adjective before "city"
    ("Into which departments was the security department split?", LIST),  # a wh-word after a preposition
    ("What are the three main research directions of the center?", LIST),
    ("What are its core values?", DEFINITION),
    ("By how much did 2023年 小米 第一季度 营收 drop year on year?", NUMBER),  # English around Chinese words
    ("What does the 经管会 actually do?", DEFINITION),  # what it does is described, not named
    ("What was Xiaomi's registered capital when the company was first registered?", NUMBER),  # not when
]


@pytest.mark.parametrize(("question", "expected"), CHINESE)
def test_chinese_phrasing_gives_the_answer_type(question, expected):
    info = classify(question)
    assert info.type == expected
    assert info.english is False
    assert info.text == question


@pytest.mark.parametrize(("question", "expected"), ENGLISH)
def test_english_phrasing_gives_the_answer_type(question, expected):
    info = classify(question)
    assert info.type == expected
    assert info.english is True


def test_every_answer_type_is_listed():
    assert set(TYPES) == {DATE, PERSON, NUMBER, PLACE, ORG, PRODUCT, ALIAS, LIST, DEFINITION, YESNO, OTHER}
    assert {expected for _, expected in CHINESE} == set(TYPES)


@pytest.mark.parametrize(
    ("question", "expected"),
    [("人力资源委员会的两位副主任分别是谁？", PERSON), ("小米和哪些大学合建了实验室？", ORG),
     ("小米有哪些产品？", PRODUCT)],
)
def test_what_a_list_question_enumerates(question, expected):
    assert list_kind(question) == expected


def test_classify_strips_surrounding_white_space():
    info = classify("  雷军是谁？ \n")
    assert info.text == "雷军是谁？"
    assert info.type == PERSON


def test_a_job_title_before_the_question_word_is_a_person_even_with_a_list_word():
    # "有哪些" alone makes a list question; "董事长是谁" asks for one person and is checked first.
    assert classify("小米创办人有哪些，董事长是谁？").type == PERSON
    assert classify("小米创办人有哪些？").type == LIST


def test_english_wh_question_ending_in_a_question_mark_is_not_yes_no():
    # "was" followed by "?" would look like a yes/no question without the wh-word check.
    assert classify("What was Xiaomi's revenue in 2023?").type == NUMBER
    assert classify("Where was Lei Jun born?").type == PLACE
    # a follow-up opening with a conjunction is still a wh-question
    assert classify("And what degree did he obtain in 2009?").type != YESNO
    assert classify("So when was he born?").type == DATE
    assert classify("And is it listed in New York?").type == YESNO


@pytest.mark.parametrize("question", ["小米手环有几代？", "小米建了几座工厂？", "小米成立几年了？"])
def test_ji_with_any_measure_word_asks_for_a_number(question):
    assert classify(question).type == NUMBER


def test_english_when_with_the_verb_list_asks_for_a_date():
    assert classify("When did Xiaomi list in Hong Kong?").type == DATE


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米是哪一年成立的？", "小米是 成立的？"),
        ("雷军什么时候出生？", "雷军 出生？"),
        ("小米的创始人是谁？", "小米的创始人 ？"),
        ("小米的总部在哪里？", "小米的总部在 ？"),
        ("小米有多少员工？", "小米有 员工？"),
        ("小米是否上市了？", "小米 上市了？"),
        ("小米是上市公司吗？", "小米是上市公司 ？"),
        ("请问小米14用的什么芯片？", " 小米14用的 芯片？"),
        ("小米手机1是几月几号发布的？", "小米手机1是 发布的？"),
        ("当时谁来管红米", "  来管红米"),  # when, relative to the last answer, is no keyword
        ("小米属于哪一类公司？", "小米属于 公司？"),  # 一类 would find 第一类医疗器械
        ("小米是一家什么性质的公司？", "小米是 的公司？"),  # the kind asked for is no keyword …
        ("小米是什么类型的企业？", "小米是 的企业？"),  # … nor the word 类型, which a profile does not use …
        ("按工商登记，小米是什么类型的企业？", "按工商登记，小米是 类型的企业？"),  # … but a registration record does
        ("从性质上说，小米算什么公司", " ，小米算 公司"),
        ("真诚是什么意思？", "真诚 ？"),  # the meaning is asked; no sentence says 意思
        ("发布会门票多少钱一张", "发布会门票  "),  # the price's unit, which documents write 每张
        ("同一场发布会上还推出了什么", " 发布会上还推出了 "),  # which event points back; no keyword
        ("门票一张多少钱", "门票一张 "),  # a count, not a price's unit: kept
        ("最近一次年检是哪天？", " 年检是 ？"),  # the latest, which a record states with no such word
        ("创始人就是雷总对吧", "创始人 雷总 "),  # the tag asking for a yes, and the 就是 stressing it
    ],
)
def test_content_text_replaces_question_words_with_a_space(question, expected):
    assert content_text(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米这家企业本质上算哪种类型的公司？", True),
        ("What kind of company is Xiaomi?", True),
        ("按工商登记，小米属于什么类型的企业？", False),  # the registered type, a record's field
        ("What type of company is Xiaomi registered as?", False),
        ("小米的总部在哪里？", False),
    ],
)
def test_what_kind_of_business_is_told_from_the_registered_type(question, expected):
    assert kind_of_business_asked(question) is expected


def test_content_text_keeps_a_question_without_question_words():
    assert content_text("小米科技园") == "小米科技园"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When was Xiaomi founded?", True),
        ("Lei Jun", True),  # 6 letters > 3 × 0 and at least 4
        ("abc", False),  # fewer than 4 letters
        ("2019", False),
        ("Redmi是什么", False),  # 5 letters, 3 Chinese characters: 5 ≤ 3 × 3
        ("Who is 雷军?", True),  # 5 letters, 2 Chinese characters, but a question word and two English words
        ("是 雷军 who", False),  # 3 × 2 > 3 letters, and no English opening
        # An English question word and at least two English words around a long Chinese name
        ("Who chairs 集团经营管理委员会?", True),
        ("How many members does 集团经营管理委员会 have?", True),
        ("Redmi Note 12 Turbo是在哪里发布的？", False),  # opens with a name, not a question word
        ("What是什么", False),  # one English word
        ("小米 Redmi Note 7", True),  # 10 letters > 3 × 2
        ("小米是哪一年成立的？", False),
    ],
)
def test_is_english_counts_latin_letters_against_chinese_characters(text, expected):
    assert is_english(text) is expected


@pytest.mark.parametrize(
    "question",
    ["What is the English name of Xiaomi's new operating system?", "What is 澎湃OS called in English?"],
)
def test_english_questions_for_the_english_name_ask_for_an_alias(question):
    assert classify(question).type == ALIAS


def test_the_words_asking_for_the_english_name_are_not_keywords():
    assert content_text("小米科技有限责任公司的英文名称是什么？").replace(" ", "") == "小米科技有限责任公司的是？"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("能不能告诉我米聊是个什么东西？", DEFINITION),  # a polite frame, not a yes/no question
        ("我想知道小米月活用户大概有多少？", NUMBER),
        ("经管会是干嘛的", DEFINITION),
        ("那个研究所是干嘛用的", DEFINITION),
        ("What does 热爱 mean in Xiaomi's core values?", DEFINITION),
        ("What does NDC stand for?", DEFINITION),
        ("小米是和诺基亚签的协议吧？", YESNO),
    ],
)
def test_framed_and_colloquial_questions_are_typed_by_what_they_ask(question, expected):
    assert classify(question).type == expected


def test_what_it_does_is_asked_in_chinese_and_english():
    assert asks_what_it_does("经管会是干嘛的")
    assert asks_what_it_does("What is the 参谋部 responsible for?")
    assert not asks_what_it_does("经管会是什么时候成立的")


def test_a_product_asked_by_its_name_is_a_product():
    assert classify("同一天发布的平板叫什么？").type == PRODUCT
    assert classify("那款手机叫什么").type == PRODUCT


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In the 2024 patent ranking, was Xiaomi the fastest-growing company?", YESNO),
        ("Does Xiaomi's business scope cover wearable devices?", YESNO),
        ("In 2024, which company grew fastest in the ranking?", ORG),  # a wh-word asks for a value
    ],
)
def test_an_english_question_opening_with_an_auxiliary_asks_yes_or_no(question, expected):
    assert classify(question).type == expected


@pytest.mark.parametrize("question", ["热爱怎么解释？", "这个词如何理解", "真诚是什么意思"])
def test_asking_how_a_word_is_explained_asks_its_definition(question):
    assert classify(question).type == DEFINITION


def test_a_list_of_fields_is_a_plain_enumeration_whatever_names_the_question_carries():
    # The topic carried in front names a bank; the question asks for fields of cooperation.
    assert list_kind("中信银行 格力 小米 三方约定在哪些领域合作？") == LIST
    assert list_kind("小米和哪些银行合作？") == ORG


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("曾学忠以前在哪干", ORG),  # where one worked is a company
        ("他之前在哪工作？", ORG),
        ("Where did he work before joining Xiaomi?", ORG),
        ("在2019年福布斯全球数字经济百强里，小米排在什么位置？", NUMBER),  # a position in a ranking
        ("Where did it place in the Fortune Global 500 that year?", NUMBER),
        ("Which building did it move into back then?", PLACE),
        ("在哪开的发布会", PLACE),
        ("小米第一轮融资是谁投的", ORG),  # investors are funds as often as people
        ("Who put money in?", ORG),
        ("Who put money into that round?", ORG),
        ("Who invested in the second round?", ORG),
        ("小米工商登记地址的邮政编码是多少？", NUMBER),  # a code of an address, not the address
        ("What was Xiaomi's market capitalization when it went public in Hong Kong?", NUMBER),
    ],
)
def test_where_questions_that_ask_no_place_and_which_questions_that_do(question, expected):
    assert classify(question).type == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米是在港交所上市的对不对", YESNO),
        ("创始人就是雷总对吧", YESNO),
        ("Which other exec also went to Tsinghua?", PERSON),
        ("Which executives studied abroad?", PERSON),
        ("What lens does it use?", PRODUCT),
    ],
)
def test_tag_questions_and_english_kinds_of_people_and_things(question, expected):
    assert classify(question).type == expected


def test_an_english_list_of_committees_enumerates_organisations():
    assert list_kind("What two committees did Lei Jun set up in January 2023?") == ORG
