"""Tests for rag.spans: typed answer spans on tricky Chinese dates, amounts, ranks, codes and names."""

from __future__ import annotations

import pytest

from rag.question import ALIAS, DATE, DEFINITION, LIST, NUMBER, ORG, PERSON, PLACE, PRODUCT, kind_asked
from rag.spans import Span, asked_body_kind, find_spans, kind_clause, product_kind_clause, typed_kinds


def spans(text: str, kind: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every span, after checking each one's offsets point at its text."""
    found = find_spans(text, kind)
    for span in found:
        assert text[span.start : span.end] == span.text
        assert span.kind == kind
    return [(s.start, s.end, s.text) for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米成立于2010年3月3日，总部在北京。", [(5, 14, "2010年3月3日")]),
        ("公司于2010年03月03日注册。", [(3, 14, "2010年03月03日")]),
        ("2014年底，小米完成融资。", [(0, 6, "2014年底")]),
        ("10月，入选福布斯榜单。", [(0, 3, "10月")]),
        ("2019年6月，入选福布斯榜。", [(0, 7, "2019年6月")]),
        ("林斌1968年2月出生于广州。", [(2, 9, "1968年2月")]),
        ("小米在2月14日发布新机。", [(3, 8, "2月14日")]),
        ("2016-02-24发布小米5", [(0, 10, "2016-02-24")]),
        ("注册资本：185,000万(元)审核/年检日期：2024年11月21日", [(24, 35, "2024年11月21日")]),
    ],
)
def test_dates(text, expected):
    assert spans(text, DATE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20世纪80年代，他开始写作。", [(0, 8, "20世纪80年代")]),
        ("这种风格流行于1990年代。", [(7, 13, "1990年代")]),
        ("公元5世纪，罗马帝国灭亡。", [(0, 5, "公元5世纪")]),
        ("他生于一九三五年。", [(3, 8, "一九三五年")]),  # the year alone, not the 于 before it
        ("比赛于每年三月五日举行。", [(5, 9, "三月五日")]),
        ("该寺始建于唐朝贞观年间，明代重修。", [(5, 7, "唐朝"), (7, 11, "贞观年间"), (12, 14, "明代")]),
        ("战国时期的秦国统一了六国。", [(0, 4, "战国时期")]),
        ("东汉末年天下大乱。", [(0, 4, "东汉末年")]),
    ],
)
def test_centuries_decades_dynasties_and_chinese_numeral_dates(text, expected):
    assert spans(text, DATE) == expected


def test_a_month_after_a_rank_marker_is_not_a_date():
    assert spans("排在第12月度榜单", DATE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，小米集团总收入为2,710亿元。", [(14, 21, "2,710亿元")]),
        ("总融资额11亿美元，公司估值450亿美元。", [(4, 9, "11亿美元"), (14, 20, "450亿美元")]),
        ("收盘价10.1527港元。", [(3, 12, "10.1527港元")]),
        ("营收达382.76亿美元。", [(3, 12, "382.76亿美元")]),
        ("月活用户达6.86亿。", [(5, 10, "6.86亿")]),
        ("市场份额为12.5%。", [(5, 10, "12.5%")]),
        ("专利份额全球排名第13位", [(6, 12, "排名第13位")]),
        ("第266位", [(0, 5, "第266位")]),
        ("小米列世界第四。", [(3, 7, "世界第四")]),  # a rank after what it is ranked in
        ("排名2014年度第一", [(6, 10, "年度第一")]),  # not 排名201 of a year
        ("小米手机销量排名第一。", [(6, 10, "排名第一")]),
        ("属于第三类医疗器械。", [(2, 5, "第三类")]),
        ("统一社会信用代码：91110108551385082Q", [(9, 27, "91110108551385082Q")]),
        ("在香港交易所主板挂牌上市(1810.HK)。", [(13, 20, "1810.HK")]),
        ("20万台红米手机在3分57秒内售罄", [(0, 4, "20万台"), (9, 14, "3分57秒")]),
        ("曾在中兴通讯工作22年，被称作“曾十亿”。", [(8, 11, "22年")]),
        ("小米有员工33627人", [(5, 11, "33627人")]),
        ("售价约6999卢比", [(2, 9, "约6999卢比")]),
        ("小米收入达人民币2459亿元", [(5, 14, "人民币2459亿元")]),
    ],
)
def test_numbers(text, expected):
    assert spans(text, NUMBER) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他去世时享年82岁。", [(6, 9, "82岁")]),
        ("山高1,532米，面积约3.5平方公里。", [(2, 8, "1,532米"), (11, 19, "约3.5平方公里")]),
        ("全书共十二章，收录诗歌三百余首。", [(3, 6, "十二章"), (11, 15, "三百余首")]),
        ("这座塔有十三层，高约五十米。", [(4, 7, "十三层"), (10, 13, "五十米")]),
        ("全长约4,800千米。", [(2, 10, "约4,800千米")]),
        ("该剧共40集，体重可达200公斤。", [(3, 6, "40集"), (11, 16, "200公斤")]),
        ("气温降至-5℃，倾角为30度。", [(4, 7, "-5℃"), (11, 14, "30度")]),
    ],
)
def test_ages_lengths_weights_and_counts_in_chinese_measure_words(text, expected):
    assert spans(text, NUMBER) == expected


@pytest.mark.parametrize("text", ["百度和小米在内容上合作。", "小米集团发布米家新品。", "小米成立于北京。"])
def test_a_measure_word_inside_a_name_is_no_number(text):
    assert spans(text, NUMBER) == []


@pytest.mark.parametrize(
    "text",
    ["2019年6月，入选福布斯榜。", "小米成立于2010年3月3日。", "2014年底，小米完成融资。", "2018年7月9日在香港上市。"],
)
def test_a_year_inside_a_date_is_not_also_a_number(text):
    assert spans(text, NUMBER) == []


def test_a_year_beside_an_amount_is_a_date_and_the_amount_a_number():
    text = "2023年，小米集团总收入为2,710亿元。"
    assert spans(text, DATE) == [(0, 5, "2023年")]
    assert spans(text, NUMBER) == [(14, 21, "2,710亿元")]


def test_a_list_code_and_a_date_in_one_sentence_are_told_apart():
    text = "2018年7月9日，在香港交易所主板挂牌上市(1810.HK)。"
    assert spans(text, DATE) == [(0, 9, "2018年7月9日")]
    assert spans(text, NUMBER) == [(23, 30, "1810.HK")]


def test_registered_capital_keeps_its_unit_in_brackets():
    assert spans("注册资本：185,000万(元)", NUMBER) == [(5, 16, "185,000万(元)")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年1月10日，小米正式推出Redmi Note 7，同时宣布红米品牌独立。", [(17, 29, "Redmi Note 7")]),
        ("小米13 Ultra于2023年发布。", [(0, 10, "小米13 Ultra")]),
        ("POCO C55在印度发布。", [(0, 8, "POCO C55")]),
        ("小米发布了小米13 Ultra和Redmi Note 7。", [(5, 15, "小米13 Ultra"), (16, 28, "Redmi Note 7")]),
        ("小米在2月14日发布小米14。", [(10, 14, "小米14")]),
    ],
)
def test_products(text, expected):
    assert spans(text, PRODUCT) == expected


def test_a_product_name_of_two_nouns_and_a_number_is_kept_whole():
    assert spans("小米手机1于2011年8月16日发布。", PRODUCT) == [(0, 5, "小米手机1")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("颜克胜1992年7月毕业于合肥工业大学。", [(13, 19, "合肥工业大学")]),
        ("小米入股线控底盘生产商千顾科技。", [(11, 15, "千顾科技")]),
        ("经营者为北京小米移动软件有限公司。", [(4, 16, "北京小米移动软件有限公司")]),
        ("毕业于清华大学化学系", [(3, 10, "清华大学化学系")]),
        ("共同组建智能图像处理工程研究中心", [(4, 16, "智能图像处理工程研究中心")]),  # after the verb that founds it
        # Two bodies written together are one: the group's (former) security department.
        ("原集团安全部拆分为安全合规部", [(0, 6, "原集团安全部"), (9, 14, "安全合规部")]),
        # A joint lab keeps its whole name: 联合 inside it does not introduce it.
        ("、小米&比亚迪电子联合实验室 [552]", [(1, 14, "小米&比亚迪电子联合实验室")]),
        ("小米公司与武汉大学人工智能联合实验室签约", [(0, 4, "小米公司"), (5, 18, "武汉大学人工智能联合实验室")]),
    ],
)
def test_organisations_start_after_the_verb_that_introduces_them(text, expected):
    assert spans(text, ORG) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("雷军亲自出任委员会主任", []),  # a kind of body right after a verb names none
        ("雷军发布内部信", []),  # 内部 is no department
        ("注册资本：185,000万(元)", []),  # the capital a company registers, not an investor like 顺为资本
        ("小米和顺为资本入股爱奇艺", [(3, 7, "顺为资本")]),
        ("小米设立集团经营管理委员会", [(4, 13, "集团经营管理委员会")]),
    ],
)
def test_a_bare_kind_of_body_after_a_verb_is_no_organisation(text, expected):
    assert spans(text, ORG) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("创始人雷军宣布。", [(3, 5, "雷军")]),
        ("雷军，1969年12月16日出生。", [(0, 2, "雷军")]),
        ("小米印度负责人Manu Kumar Jain宣布离职。", [(7, 22, "Manu Kumar Jain")]),
    ],
)
def test_people(text, expected):
    assert spans(text, PERSON) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names the tagger does not know, told by the post before them and the verb after.
        ("美术大学教授原研哉亲自操刀", [(6, 9, "原研哉")]),
        ("签约仪式由计算机学院党委书记黄治国主持。", [(14, 17, "黄治国")]),
        ("CFO林世伟、参谋长潘九堂等", [(3, 6, "林世伟"), (10, 13, "潘九堂")]),
    ],
)
def test_a_name_after_a_post_is_a_person(text, expected):
    assert spans(text, PERSON) == expected


@pytest.mark.parametrize("text", ["院长表示，将继续合作。", "董事长会见了来宾。", "创始人是雷总。"])
def test_a_word_after_a_post_is_not_a_name(text):
    assert spans(text, PERSON) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总部位于北京市海淀区安宁庄路小米科技园，创始人雷军", [(4, 19, "北京市海淀区安宁庄路小米科技园")]),
        ("雷军，1969年12月16日出生于湖北省仙桃市。", [(17, 23, "湖北省仙桃市")]),
    ],
)
def test_places_start_after_the_verb_that_introduces_them(text, expected):
    assert spans(text, PLACE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018年7月9日，在香港交易所主板挂牌上市。", ["香港"]),  # 上市 is a listing, not a city
        ("根据这些意见为面向日本市场的产品追加功能。", ["日本"]),  # 市场 is a market
        ("让消费者实际使用上市前的产品。", []),
    ],
)
def test_a_place_suffix_that_is_half_of_another_word_makes_no_place(text, expected):
    assert [t for _, _, t in spans(text, PLACE)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("签约仪式在武汉大学计算机学院举行。", ["武汉大学计算机学院"]),  # a venue is a place
        ("小米在北京环球度假区举行发布会。", ["北京环球度假区"]),
        ("于1992年7月毕业于合肥工业大学。", []),  # a university one graduates from is not where one is from
    ],
)
def test_venues_are_places(text, expected):
    assert [t for _, _, t in spans(text, PLACE)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米手机、小米电视、小米路由器", [(0, 4, "小米手机"), (5, 9, "小米电视"), (10, 15, "小米路由器")]),
        ("实验室：小米汽车实验室、小米AI实验室", [(4, 11, "小米汽车实验室"), (12, 19, "小米AI实验室")]),
        ("产品：手机、电视、路由器。另有音箱", [(3, 5, "手机"), (6, 8, "电视"), (9, 12, "路由器")]),
    ],
)
def test_list_items_of_an_enumeration(text, expected):
    assert spans(text, LIST) == expected


def test_list_items_joined_by_he_at_the_end():
    expected = [(0, 4, "小米手机"), (5, 9, "小米电视"), (10, 15, "小米路由器")]
    assert spans("小米手机、小米电视和小米路由器", LIST) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two names with a shared ending, after the verb that introduces them
        ("原集团安全部拆分为安全合规部和安全管理部。", [(9, 14, "安全合规部"), (15, 20, "安全管理部")]),
        ("毕业于中山大学和德雷塞尔大学", [(3, 7, "中山大学"), (8, 14, "德雷塞尔大学")]),
        # a parenthesis after the first item is not part of it
        ("设立集团经营管理委员会（简称：经管会）和人力资源委员会",
         [(2, 11, "集团经营管理委员会"), (20, 27, "人力资源委员会")]),
        # quoted names
        ("被称作“曾十亿”和“八大金刚”。", [(4, 7, "曾十亿"), (10, 14, "八大金刚")]),
        # items closed by semicolons
        ("第一类医疗器械销售；第二类医疗器械销售；", [(0, 9, "第一类医疗器械销售"), (10, 19, "第二类医疗器械销售")]),
        # 和 between two unlike things is no list
        ("小米与徕卡联合研发镜头", []),
        # short words after a colon, separated by spaces, up to a longer word
        ("核心价值观：真诚 热爱 真诚就是不欺人", [(6, 8, "真诚"), (9, 11, "热爱")]),
        ("地址：北京市海淀区", []),
    ],
)
def test_list_items_without_a_dunhao(text, expected):
    assert spans(text, LIST) == expected


def test_overlapping_spans_keep_the_longest():
    # "2010年3月3日" also matches the year-only and year-month patterns at the same start.
    assert spans("2010年3月3日", DATE) == [(0, 9, "2010年3月3日")]


def test_untyped_kinds_find_nothing():
    assert find_spans("MIUI是小米的操作系统。", DEFINITION) == []
    assert DEFINITION not in typed_kinds()
    assert set(typed_kinds()) == {DATE, NUMBER, PERSON, PLACE, ORG, PRODUCT, ALIAS, LIST}


def test_span_is_a_frozen_record():
    span = Span(0, 2, "雷军", PERSON)
    with pytest.raises(AttributeError):
        span.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米科技有限责任公司（Xiaomi Corporation）成立于2010年3月3日", ["Xiaomi Corporation"]),
        ("小米全新操作系统，小米澎湃OS（Xiaomi HyperOS）", ["Xiaomi HyperOS"]),
        ("创始人、董事长、首席执行官(CEO)", ["CEO"]),
        ("联盟(英文：League for the environment and nature conservation, Germany)为一德国组织",
         ["League for the environment and nature conservation, Germany"]),
        ("银行（国语字：，英文全称：Bank for Investment and Development of Vietnam，英文简称：BIDV）",
         ["Bank for Investment and Development of Vietnam", "BIDV"]),
        # a stock code and a bracketed note in Chinese are not names
        ("在香港交易所主板挂牌上市(1810.HK)，（简称：经管会）", []),
    ],
)
def test_aliases_are_latin_names_in_brackets_after_a_name(text, expected):
    assert [s.text for s in find_spans(text, ALIAS)] == expected


def test_list_items_drop_the_words_around_the_enumeration():
    text = "该中心以 AI-ISP 芯片、机器视觉、新型影像作为三大攻关方向"
    # 以 introduces the run and 作为… says what it is; a space between Latin and Chinese stays in an item.
    assert spans(text, LIST) == [(5, 14, "AI-ISP 芯片"), (15, 19, "机器视觉"), (20, 24, "新型影像")]
    assert [t for _, _, t in spans("主要产品包括小米手机、小米电视等。", LIST)] == ["小米手机", "小米电视"]
    # A space between Chinese words ends an item.
    assert [t for _, _, t in spans("2023年 小米A、小米B", LIST)] == ["小米A", "小米B"]


def test_no_person_name_ends_in_a_particle():
    # jieba tags 美的 (a company) as a person inside "数学之美的小米".
    assert spans("具备数学之美的小米新LOGO。", PERSON) == []


def test_a_count_of_bodies_is_no_body_and_a_merged_name_starts_after_its_lead_word():
    text = "小米设立集团经营管理委员会（简称：经管会）和人力资源委员会两个专项委员会。"
    names = [t for _, _, t in spans(text, ORG)]
    assert "集团经营管理委员会" in names and "人力资源委员会" in names
    assert not any("两个" in n or n.startswith("小米设立") for n in names)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2021年小米牵头组建的研究中心叫什么？", "研究中心"),
        ("小米是跟哪家公司一起建新型显示技术联合实验室的", "公司"),  # the kind after 哪家, not the lab
        ("林斌毕业于哪所大学？", "大学"),
        ("雷军是哪一年出生的？", None),
    ],
)
def test_the_kind_of_body_an_organisation_question_asks_the_name_of(question, expected):
    assert asked_body_kind(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米是一家什么样的公司？", True),
        ("小米算是一家什么类型的公司", True),
        ("小米属于哪种企业", True),
        ("What kind of company is Xiaomi?", True),
        ("小米和哪家公司合作？", False),  # a name is asked
        ("小米的全称是什么？", False),
    ],
)
def test_a_question_for_the_kind_of_company(question, expected):
    assert kind_asked(question) is expected


def test_the_kind_clause_runs_across_commas_to_the_kind():
    text = "小米成立于2010年，是一家主要从事智能手机研发，提供互联网服务，以及从事投资业务的中国投资控股公司。其他。"
    span = kind_clause(text)
    assert span.text == "一家主要从事智能手机研发，提供互联网服务，以及从事投资业务的中国投资控股公司"
    assert text[span.start : span.end] == span.text


def test_a_sentence_without_a_kind_clause_gives_none():
    assert kind_clause("小米成立于2010年3月3日。") is None
    assert kind_clause("一家公司的子公司", 0, 2) is None  # outside the sentence bounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("将在北京市海淀区投资建设科技产业园，共同构建生态。", ["北京市海淀区"]),  # what is done there is no address
        ("小米在北京环球度假区举行发布会", ["北京环球度假区"]),
        ("总部位于北京市海淀区安宁庄路小米科技园", ["北京市海淀区安宁庄路小米科技园"]),
    ],
)
def test_a_place_ends_where_a_verb_begins(text, expected):
    found = [s.text for s in find_spans(text, "place")]
    assert expected[0] in found
    assert not any(len(f) > len(expected[0]) for f in found)  # nothing runs on past it


@pytest.mark.parametrize("text", ["全面支持国内三大运营商的3G网络", "小米5G手机销量"])
def test_a_network_generation_is_no_product(text):
    assert find_spans(text, "product") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米官方开始为期三天的小米手机工程纪念版限量销售", "小米手机工程纪念版"),
        ("第六轮M1S青春版30万台于4分46秒售完", "M1S青春版"),
    ],
)
def test_an_edition_is_a_product(text, expected):
    assert expected in [s.text for s in find_spans(text, "product")]


@pytest.mark.parametrize("text", ["单日最高销售限量200台。", "小米手机销量突破100万部"])
def test_a_counted_number_is_no_product(text):
    assert find_spans(text, "product") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two names opening alike, joined by 和: the verb before the first is no part of it.
        ("小米新一代4K电视棒在印度发布，支持杜比视界和杜比全景声，售价4999印度卢比", ["杜比视界", "杜比全景声"]),
        ("支持杜比视界、杜比全景声", ["杜比视界", "杜比全景声"]),
        # A noun before the shared opening belongs to the item (手机业务…, not 业务…).
        ("负责手机业务销售运营、业务运营分析等业务", ["负责手机业务销售运营", "业务运营分析"]),
    ],
)
def test_list_items_that_open_alike(text, expected):
    assert [s.text for s in find_spans(text, "list")] == expected


@pytest.mark.parametrize(
    "text", ["高通联合实验室、SAR实验室", "小米&比亚迪电子联合实验室", "小米&泰尔智能物联网联合实验室"])
def test_a_word_naming_a_body_is_no_person(text):
    # jieba tags 高通, 比亚迪 and 泰尔 as people's names; what follows makes them bodies.
    assert find_spans(text, "person") == []


def test_a_person_who_co_founded_something_is_still_a_person():
    assert [s.text for s in find_spans("雷军联合创办小米", "person")] == ["雷军"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年6月，入选2019福布斯中国最具创新力企业榜。", "福布斯"),  # the publisher before the list's name
        ("2024年8月，入选2024年《财富》世界500强排行榜第397位。", "财富"),
    ],
)
def test_a_rankings_publisher_is_an_organisation(text, expected):
    assert expected in [s.text for s in find_spans(text, ORG)]


def test_a_publisher_needs_a_ranking_after_it():
    assert "福布斯" not in [s.text for s in find_spans("2019福布斯发布了一篇文章。", ORG)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以及小米首款可穿戴设备小米手环，售价79元。", ["小米手环"]),  # brand and kind, no number
        ("发布小米电视2和小米路由器", ["小米电视2", "小米路由器"]),  # a model keeps its number
    ],
)
def test_a_device_named_by_brand_and_kind_is_a_product(text, expected):
    assert [s.text for s in find_spans(text, PRODUCT)] == expected


def test_a_kind_of_device_without_a_brand_is_no_product():
    assert find_spans("推出了一款可穿戴设备手环", PRODUCT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names the tagger does not know, or cuts short (卢伟), taken whole before the post they take.
        ("卢伟冰任副主任，潘九堂担任秘书长，孙谦和冯宏华担任副秘书长。",
         [(0, 3, "卢伟冰"), (8, 11, "潘九堂"), (17, 19, "孙谦"), (20, 23, "冯宏华")]),
        ("刘伟任秘书长", [(0, 2, "刘伟")]),
    ],
)
def test_whoever_a_clause_says_takes_a_post_is_a_person(text, expected):
    assert sorted(spans(text, PERSON)) == expected


def test_a_month_of_the_year_just_given_is_a_date():
    text = "同年12月，小米深陷专利侵权案件，其产品禁止在印度制造、推广、销售。"
    assert [s.text for s in find_spans(text, DATE)] == ["同年12月"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013年7月31日，小米推出的全新产品线“红米”，并发布了第一代红米手机", "红米"),
        ("小米推出“米家”品牌，承载供应链产品", "米家"),
    ],
)
def test_a_product_line_or_brand_named_in_quotes_is_a_product(text, expected):
    assert expected in [s.text for s in find_spans(text, PRODUCT)]


def test_a_name_joined_to_a_company_before_what_they_did_is_a_pair_of_items():
    text = "小米和顺为资本以18亿人民币（3亿美元）入股爱奇艺，百度也同时追加了对爱奇艺的投资。"
    assert [s.text for s in find_spans(text, LIST)] == ["小米", "顺为资本"]


@pytest.mark.parametrize(
    ("text", "thing", "expected"),
    [
        ("小米宣布推出Redmi Fire TV，这是该品牌首款搭载亚马逊Fire OS的智能电视，而非常规的Android TV。", "电视",
         "首款搭载亚马逊Fire OS的智能电视"),
        # Asked about a product in general, the clause up to its comma.
        ("当时官方称米聊是一款跨通信运营商的手机端免费即时通讯工具，通过手机网络就能够和好友进行信息沟通。", "",
         "一款跨通信运营商的手机端免费即时通讯工具"),
    ],
)
def test_the_clause_saying_what_kind_of_thing_a_product_is(text, thing, expected):
    span = product_kind_clause(text, 0, len(text), thing)
    assert span is not None and span.text == expected and text[span.start : span.end] == expected


def test_no_kind_clause_where_the_text_says_no_kind_of_the_thing_asked():
    text = "小米宣布将于3月14日在印度推出Redmi Fire TV。"
    assert product_kind_clause(text, 0, len(text), "电视") is None


def test_an_organisation_starts_after_the_date_before_it():
    found = [s.text for s in find_spans("2010年4月6日北京小米科技有限公司正式成立", ORG)]
    assert "北京小米科技有限公司" in found and not any("4月6日" in f for f in found)


def test_where_an_event_is_held_is_a_place_whatever_its_name():
    found = [s.text for s in find_spans("小米手机发布会暨MIUI周年粉丝庆典在798举行，小米手机1正式发布。", PLACE)]
    assert "798" in found


def test_places_in_general_are_no_place():
    text = "小米在日本设立“产品制造研究所”，在消费者的参与下根据不同国家和地区的流行趋势开发产品"
    found = [s.text for s in find_spans(text, PLACE)]
    assert not any("国家和地区" in f for f in found)


def test_a_year_in_a_contest_name_is_no_date_but_a_range_of_years_is():
    dates = [s.text for s in find_spans("2023年5月，在CVPR 2023-MIPI和CVPR 2023-NTIRE赛事中", DATE)]
    assert dates == ["2023年5月"]
    assert [s.text for s in find_spans("2019-2021年间", DATE)] == ["2019", "2021年"]
