"""Tests for rag.keywords: term matching, idf-weighted question keywords and required terms."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from rag.evidence import keyword_positions
from rag.glossary import (
    SYNONYMS,
    chinese_dates,
    chinese_keywords,
    degree_stated,
    figure_asked,
    figure_before,
    markets_named,
    proper_nouns,
)
from rag.keywords import (
    MODEL_NUMBER,
    NAME,
    ROLE,
    chinese_amount,
    conflicting_adjustment,
    conflicting_days,
    conflicting_editions,
    conflicting_grain,
    conflicting_months,
    conflicting_times,
    conflicts,
    contains_term,
    corpus_aliases,
    measure_stated,
    measured_word,
    measured_words,
    term_match,
)
from rag.question import classify
from rag.tokenizer import normalise, tokenize

# --- contains_term -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("2014年小米手机销量超过6000万台", "14", False),  # 14 inside the year 2014
        ("小米14发布", "14", True),
        ("版本1.14发布", "14", False),  # after a decimal point
        ("2014年小米手机销量", "2014", True),
        ("小米13 ultra发布", "13ultra", True),  # a term with digits ignores spaces in the text
        ("小米13 ultra发布", "小米13", True),
        ("截至2024年06月30日", "6", True),  # a leading zero changes no number
        ("2016年", "16", False),
        ("小米科技园", "科技", True),
        ("小米科技园", "汽车", False),
        ("小米集团全球副总裁辞职", "总裁", False),  # a deputy's post is another post
        ("卢伟冰任副总裁，后任小米集团总裁", "总裁", True),
        ("刘德任高级副总裁", "副总裁", True),
        ("经管会副主任", "主任", False),
        ("副秘书长", "秘书长", False),
    ],
)
def test_contains_term(text, term, expected):
    assert contains_term(text, term) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小米14于2023年发布", True),
        ("2月14日下午消息", False),  # a day of a date
        ("出货14台", False),  # a count
        ("14%的份额", False),  # a share
        ("2014年发布", False),  # inside a longer number
        ("小米14.5", False),  # a longer decimal number
        ("首发第二代骁龙14+芯片", False),  # 14+ is another model than 14
        ("搭载i14-12500H处理器", False),  # part of a chip's code, as the 5 of i5
        ("Redmi Note 14发布", True),
        ("中午14点正式开售", False),  # a time of day
    ],
)
def test_model_numbers_are_not_matched_by_dates_amounts_or_counts(text, expected):
    assert contains_term(text, MODEL_NUMBER + "14") is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012年8月16日，小米第二代手机在北京正式发布", True),  # 小米2 is the second generation
        ("小米第2代手机", True),
        ("第二轮MI 3 10万台售完", False),  # a second round is not a second generation
        ("发布了第一代红米手机", False),  # another generation
        ("小米第十二代手机", False),  # twelve, not two
        ("正式发布 Redmi Note 12 Turbo，首发第二代骁龙7+芯片", False),  # a chip's generation, no phone's
    ],
)
def test_a_small_model_number_is_also_its_generation(text, expected):
    assert contains_term(text, MODEL_NUMBER + "2") is expected


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("小米手机2增强版2s、小米手机2青春版2a", "2", False),  # 2S, 2A and the editions are other models
        ("20万台小米2s开放购买", "2", False),
        ("小米手机2青春版2a", "2青春版", True),  # the edition asked for
        ("小米手机2 青春版", "2青春版", True),
        ("小米手机2增强版2s", "2青春版", False),
        ("小米科技在北京发布小米手机3代", "3", True),  # "3代" is the third generation
        ("全面支持三大运营商的3g网络", "3", False),  # a network generation names no model
        ("小米13ultra正式发布", "13", True),  # a suffix word is the same series
        ("小米第十代手机", "10", True),  # ten, written out
    ],
)
def test_model_numbers_are_not_matched_by_other_models(text, term, expected):
    assert contains_term(normalise(text), MODEL_NUMBER + term) is expected


def test_a_small_number_is_said_by_its_generation_when_scoring_coverage():
    assert term_match("2", normalise("2012年8月16日，小米第二代手机在北京正式发布")) == 1.0
    assert term_match("2", normalise("小米第三代手机")) == 0.0


def test_a_plain_number_is_not_matched_by_a_longer_decimal():
    assert contains_term("售价14.5元", "14") is False


# --- term_match ----------------------------------------------------------------------------------


def test_term_match_is_full_for_the_term_itself():
    assert term_match("创始人", "小米创始人雷军") == 1.0


@pytest.mark.parametrize(
    ("term", "text"),
    [("卖出", "小米售出了100万台"), ("卖", "销量100万台"), ("上市", "在香港挂牌"), ("营收", "营业收入2,710亿元")],
)
def test_term_match_is_full_for_a_synonym(term, text):
    assert term_match(term, text) == 1.0


def test_a_place_only_inside_a_longer_place_name_is_not_matched_at_all():
    assert term_match("印度", normalise("小米进军印度尼西亚市场")) == 0.0
    assert term_match("印度", normalise("小米成功进驻印度市场")) == 1.0
    assert term_match("北京", normalise("北京市海淀区")) == 1.0  # 北京市 is still 北京


@pytest.mark.parametrize(
    ("term", "text"),
    [("进入", "小米成功进驻印度市场"), ("进军", "POCO X5 Pro登陆印度市场")],
)
def test_entering_a_market_has_its_usual_words(term, text):
    assert term_match(term, normalise(text)) == 1.0


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("创始人", "创办人是雷军", 0.5 * 2 / 3),  # 创 and 人 of 3 characters
        ("小米汽车", "汽车工厂", 0.5 * 2 / 4),  # 汽 and 车 of 4
        ("董事长", "小米的董事", 0.5 * 2 / 3),
        ("手环", "小米手表", 0.5 * 1 / 2),
        ("火星", "小米科技园", 0.0),  # no character shared
    ],
)
def test_term_match_gives_half_credit_per_shared_character(term, text, expected):
    assert term_match(term, text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("14", "2014年"),  # numbers get no partial credit
        ("2025年", "2024年"),  # a term with digits gets none either
        ("ultra", "ultimate"),  # nor Latin words
        ("米", "小"),  # nor single characters
    ],
)
def test_term_match_gives_no_partial_credit_to_numbers_latin_or_single_characters(term, text):
    assert term_match(term, text) == 0.0


# --- QueryTerms, on the real index ---------------------------------------------------------------


@pytest.fixture(scope="module")
def document_frequencies(engine) -> tuple[int, Counter]:
    """Passage count and, per token, how many passages hold it — counted from the passages themselves."""
    counts: Counter = Counter()
    for passage in engine.data.passages:
        counts.update(set(tokenize(f"{passage.section} {passage.text}")))
    return len(engine.data.passages), counts


def okapi_idf(n_docs: int, df: int) -> float:
    return math.log((n_docs - df + 0.5) / (df + 0.5))


def expected_idf(term: str, document_frequencies) -> float:
    """BM25Okapi idf; a term in over half the passages gets the floor: 0.25 × the mean idf of all terms."""
    n_docs, counts = document_frequencies
    idf = okapi_idf(n_docs, counts[term])
    if idf >= 0:
        return idf
    return 0.25 * sum(okapi_idf(n_docs, df) for df in counts.values()) / len(counts)


def test_index_frequencies_match_a_count_over_the_passages(engine, document_frequencies):
    n_docs, counts = document_frequencies
    bm25 = engine.data.bm25
    assert bm25.n_docs == n_docs
    assert set(bm25.vocab) == set(counts)
    t = bm25.vocab["出生"]
    assert bm25.offsets[t + 1] - bm25.offsets[t] == counts["出生"]


def test_weighted_keywords_carry_bm25_idf(engine, document_frequencies):
    terms = engine.answerer.terms.weighted(classify("雷军是哪一年出生的？"))
    assert set(terms) == {"雷军", "出生"}
    for term in terms:
        assert terms[term] == pytest.approx(expected_idf(term, document_frequencies))
    # 出生 is in few passages, 雷军 in more: the rarer word weighs more.
    n_docs, counts = document_frequencies
    assert counts["出生"] < counts["雷军"]
    assert terms["出生"] > terms["雷军"]


def test_a_word_in_every_passage_gets_the_epsilon_floor(engine, document_frequencies):
    n_docs, counts = document_frequencies
    assert counts["小米"] == n_docs  # the corpus is about Xiaomi
    assert okapi_idf(n_docs, n_docs) < 0
    terms = engine.answerer.terms.weighted(classify("小米是哪一年成立的？"))
    assert set(terms) == {"小米", "成立"}
    assert terms["小米"] == pytest.approx(expected_idf("小米", document_frequencies))
    assert terms["小米"] > 0
    assert terms["成立"] == pytest.approx(okapi_idf(n_docs, counts["成立"]))


def test_a_word_the_corpus_never_uses_weighs_as_much_as_the_rarest_word(engine, document_frequencies):
    n_docs, counts = document_frequencies
    assert "火星" not in counts
    rarest = okapi_idf(n_docs, min(counts.values()))
    terms = engine.answerer.terms.weighted(classify("小米在火星的工厂在哪里？"))
    assert terms["火星"] == pytest.approx(rarest)


def test_unknown_share_is_the_weight_of_words_outside_the_vocabulary(engine):
    queries = engine.answerer.terms
    assert "火星" not in engine.data.bm25.vocab and "小米" in engine.data.bm25.vocab
    assert queries.unknown_share({"火星": 3.0, "小米": 1.0}) == pytest.approx(3.0 / 4.0)
    assert queries.unknown_share({}) == 0.0


def test_an_honorific_before_shi_still_means_the_person(engine):
    assert "雷军" in engine.answerer.terms.weighted(classify("雷总是哪一年出生的？"))


def test_an_honorific_means_the_person(engine):
    assert "雷军" in engine.answerer.terms.weighted(classify("雷总哪年出生？"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米14用的什么芯片？", ["#14"]),  # glued to a name: a model number
        ("小米手环8是哪天发布的？", ["#8"]),
        ("2025年小米的收入是多少？", ["2025"]),  # followed by 年: a year, not a model
        ("第266位是哪一年？", ["266"]),  # after 第: a rank
        ("雷军是哪一年出生的？", ["雷军"]),  # a person of the corpus
        ("Redmi Note 7是哪天发布的？", ["#7"]),  # after a model's Latin name: a model number (not 骁龙7+)
        ("小米是哪一年成立的？", []),
        ("17年第四季度小米手机销量排第几？", ["2017"]),  # a two-digit year opening the question
        ("曾学忠在中兴通讯干了22年吗？", ["22", "曾学忠", "@中兴通讯"]),  # a duration stays a number
        ("小米手机开放预订34小时卖了多少？", ["34"]),  # hours are counted, not a model
        ("华为的创始人是谁？", ["@华为"]),  # an organisation the question pins
        ("小米进入印尼市场用的哪个网站？", ["@印尼"]),
        ("小米在北京的总部在哪个城市？", ["@北京"]),  # 城市 is a common word jieba tags as a place
        ("小米的首席技术官是谁？", ["^首席技术官"]),  # the post asked about
        ("小米集团的副董事长是谁？", ["^副董事长"]),
        ("小米与Huawei签署了什么协议？", ["^huawei"]),  # a Latin name the corpus never uses
        ("小米的iot平台叫啥", ["^iot"]),  # required, but met by 物联网 (see below)
        ("小米SU7的售价是多少？", ["su7"]),  # a model code is required whole, not its letters
        ("小米和三星签过什么协议？", ["@三星"]),  # a brand jieba knows and the corpus never uses
        ("小米和深圳市政府签过协议吗？", ["@深圳", "@深圳市"]),  # a rare body, pinned by its place
        ("小米澎湃OS的英文名叫什么？", []),  # 英文 is a common word jieba tags as a name
        ("哪款手机首发第二代骁龙7+？", ["7+"]),  # 7+ is another chip than 7
        ("第二轮融资之后公司值多少钱？", []),  # 之后 before 公司 names no company
        ("小米手机2青春版是哪天曝光的？", ["#2青春版", "@青春"]),  # an edition is another model than 小米2
        ("13年小米发布会门票是不是199一张", ["2013", "199"]),  # a figure after 是, not a model 199
        ("小米进入印度以后又进军了哪个国家？", []),  # the other country asked is not 印度
        ("小米在印度的哪个城市建了工厂？", ["@印度"]),  # a place inside 印度
    ],
)
def test_required_terms_of_chinese_questions(engine, question, expected):
    assert engine.answerer.terms.required(classify(question)) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A number after a model's name is the model's; the Latin name itself is required too.
        ("When was the Redmi Note 7 launched?", ["#7", "note"]),
        ("What did Xiaomi launch on January 10, 2019?", ["10", "2019"]),  # a day is no model
        ("How many employees did Xiaomi have in 2020?", ["2020"]),
        ("Which companies were in the top 10?", ["10"]),
        ("Which phone was the first to use the Snapdragon 7+ Gen 2?", ["7+"]),  # Gen 2 is 第二代, glossed
        # Amounts in the units the documents write: 1.8 billion = 18亿, 2.2 million = 220万.
        ("Who put RMB 1.8 billion into Xiaomi in 2014?", ["18亿", "2014"]),
        ("How much did the buyback of 2.2 million shares cost?", ["220万"]),
        # Thousands written with commas, in the 万 a document writes them in: 100,000 = 10万.
        ("How long did it take to sell out 100,000 Mi 3 phones?", ["10万", "#3"]),
        # A month before a year is a date, not a name the corpus must hold: "May" of "in May 2022".
        ("Where did Xiaomi set up a research institute in May 2022?", ["2022"]),
        # The country the question names is the one the other country asked for is not.
        ("Which other country did Xiaomi enter after India?", []),
        ("Which city in India did Xiaomi enter first?", ["@印度"]),
    ],
)
def test_required_numbers_of_english_questions(engine, question, expected):
    assert engine.answerer.terms.required(classify(question)) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("小米进军印度尼西亚市场", "印尼", True),  # a short form keeps the full name's characters in order
        ("在香港交易所主板挂牌上市", "港交所", True),
        ("华为", "华为", True),
        ("小米与中兴通讯合作", "华为", False),
        ("印度市场", "印尼", False),
        ("小米进军印度尼西亚市场", "印度", False),  # another country whose name starts with 印度
        ("进驻印度市场；进军印度尼西亚市场", "印度", True),
        ("总部位于北京市海淀区", "北京", True),  # 北京市 is 北京
        ("南非共和国", "南非", True),
    ],
)
def test_a_required_name_matches_its_full_form(text, name, expected):
    assert contains_term(text, NAME + name) is expected


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("小米2023年第二季度营收多少？", "2023年5月24日，小米发布2023年第一季度财报", True),
        ("2023年小米在世界500强中排名第几？", "2022年8月，在世界500强企业中排名第266位", True),
        ("2022年小米在世界500强中排名第几？", "2022年8月，在世界500强企业中排名第266位", False),
        ("小米2023年第一季度营收多少？", "第一季度营收595亿元人民币", False),  # no year in the evidence
        ("2016年小米海外收入多少？", "2015年、2016年、2017年，小米的海外市场收入分别为…", False),
        ("小米上半年营收多少？", "2023年，小米集团总收入为2,710亿元", False),  # the evidence names no half-year
        ("小米的创始人是谁？", "2010年，雷军创办小米", False),  # the question pins no time
    ],
)
def test_conflicting_times(question, evidence, expected):
    assert conflicting_times(question, evidence) is expected


def test_english_questions_get_chinese_keywords_and_pinyin_names(engine, document_frequencies):
    queries = engine.answerer.terms
    info = classify("Where was Lei Jun born?")
    # born → 出生, where → 位于 (glossary); Lei Jun → 雷军 (pinyin of a corpus name).
    assert queries.query_text(info) == "Where was Lei Jun born? 出生 位于 雷军"
    terms = queries.weighted(info)
    assert set(terms) == {"出生", "位于", "雷军"}
    for term in terms:
        assert terms[term] == pytest.approx(expected_idf(term, document_frequencies))
    assert queries.required(info) == ["雷军"]


def test_english_question_with_a_name_run_together(engine):
    info = classify("How old is leijun?")
    assert engine.answerer.terms.required(info) == ["雷军"]


def test_english_proper_noun_unknown_to_the_corpus_is_required(engine):
    queries = engine.answerer.terms
    info = classify("When did Tesla go public?")
    assert queries.query_text(info) == "When did Tesla go public? 上市"
    assert queries.required(info) == ["tesla"]


def test_a_company_the_glossary_knows_is_required_under_its_chinese_name(engine):
    queries = engine.answerer.terms
    info = classify("When did Huawei go public?")
    assert queries.query_text(info) == "When did Huawei go public? 上市 华为"
    assert queries.required(info) == [NAME + "华为"]


def test_chinese_query_text_is_the_question(engine):
    assert engine.answerer.terms.query_text(classify("小米是哪一年成立的？")) == "小米是哪一年成立的？"


def test_english_query_text_carries_the_short_form_of_a_chinese_name_in_it(engine):
    # The corpus defines 集团经营管理委员会（简称：经管会）; the passage on its members says only 经管会.
    query = engine.answerer.terms.query_text(classify("How many members does 集团经营管理委员会 have?"))
    assert "经管会" in query.split()
    assert "经管会" not in engine.answerer.terms.query_text(classify("How many members does Xiaomi have?"))


def test_novel_words_are_question_words_the_corpus_never_uses(engine):
    queries = engine.answerer.terms
    corpus_text = engine.answerer.corpus_text
    assert queries.novel_words(classify("小米卖出了多少台手机？"), corpus_text) == ["卖出"]
    assert queries.novel_words(classify("小米是哪一年成立的？"), corpus_text) == []
    assert queries.novel_words(classify("When did Tesla go public?"), corpus_text) == ["tesla"]


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("cfo林世伟", "首席财务官", True),  # the post's other name counts
        ("小米首席架构师崔宝秋", "首席技术官", False),
        ("小米集团全球副总裁辞职", "总裁", False),
        ("林斌任职:联合创始人、副董事长", "副董事长", True),
    ],
)
def test_a_required_role_matches_its_other_names_but_not_a_deputy(text, role, expected):
    assert contains_term(text, ROLE + role) is expected


def test_english_vice_chairman_requires_the_deputy_post_only(engine):
    assert engine.answerer.terms.required(classify("Who serves as vice chairman of Xiaomi?")) == ["^副董事长"]


def test_a_question_word_the_corpus_lacks_is_searched_as_the_corpus_word_for_it(engine):
    # 首席财务官 is not in the corpus; its pieces (财务) would pull in the finance section.
    query = engine.answerer.query_text_for("小米的首席财务官是哪位？")
    assert "首席财务官" not in query and "cfo" in query.lower()
    assert engine.answerer.query_text_for("小米的创始人是谁？") == "小米的创始人是谁？"


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("红米手机1S联通版定价多少？", "电信版红米手机1S将于20日发布，定价699元", True),
        ("红米手机1S电信版定价多少？", "电信版红米手机1S将于20日发布，定价699元", False),
        ("哈利波特版卖多少钱？", "Redmi Note 12 Turbo哈利波特定制版售价2399元", False),
        ("红米手机1S联通版定价多少？", "红米手机1S定价699元", False),  # the evidence names no edition
        # A new version is no edition: 新版 does not conflict with the 增强版 the sentence also names.
        ("雷军先发布的新版手机系统叫什么？", "雷军首先发布最新的MIUIV5手机系统，小米手机2增强版2S", False),
        # "是什么版本" asks which edition: it names none to conflict with.
        ("小米开始限量销售的是什么版本？", "小米官方开始小米手机工程纪念版限量销售", False),
        ("那是哪个版本？", "同时发布哈利波特定制版", False),
    ],
)
def test_conflicting_editions(question, evidence, expected):
    assert conflicting_editions(question, evidence) is expected


def test_a_required_latin_word_is_met_by_its_chinese_name():
    assert contains_term("小米物联网平台", ROLE + "iot")


def test_corpus_aliases_are_read_from_the_short_forms_the_documents_define():
    aliases = corpus_aliases([
        "小米设立集团经营管理委员会（简称：经管会）和人力资源委员会",
        "北京小米移动软件有限公司（以下简称小米公司）与武汉大学签约",
        "与天马微电子股份有限公司（下称“天马”）签订协议",
    ])
    assert aliases["经营管理委员会"] == "经管会" and aliases["经管会"] == "经营管理委员会"
    assert aliases["小米移动软件有限公司"] == "小米公司"
    assert aliases["天马"] == "天马微电子股份有限公司"


def test_a_defined_short_form_is_searched_with_its_full_name(engine):
    assert engine.answerer.query_text_for("经管会的秘书长是谁？").endswith("经营管理委员会")
    # the documents' own subject gets no alias, or every question would carry it
    assert engine.answerer.query_text_for("小米的创始人是谁？") == "小米的创始人是谁？"


def test_chinese_written_into_an_english_question_is_a_keyword_and_a_known_name_is_required(engine):
    info = classify("Where is 卢伟冰 from?")
    assert "卢伟冰" in engine.answerer.terms.weighted(info)
    assert "卢伟冰" in engine.answerer.terms.required(info)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米13ultra起售价多少", "小米13 ultra起售价多少"),  # 13 and ultra are corpus words, 13ultra is not
        ("Redmi note12 turbo", "Redmi note 12 turbo"),
        ("澎湃T1S和POCO X5", "澎湃T1S和POCO X5"),  # the corpus writes these run together
        ("16GB版", "16GB版"),
        ("13U多少钱起", "13 Ultra多少钱起"),  # the Ultra people shorten to U
        ("Which colors did 13U come in?", "Which colors did 13 Ultra come in?"),
    ],
)
def test_model_names_typed_without_spaces_are_spelled_as_the_corpus_spells_them(engine, question, expected):
    assert engine.answerer.terms.respace(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("20年小米净赚了多少", "2020年小米净赚了多少"),  # a year that opens the question
        ("（17年）小米排第几", "（2017年）小米排第几"),
        ("小米成立20年了吗", "小米成立20年了吗"),  # twenty years, not 2020
        ("近10年来小米卖了多少手机", "近10年来小米卖了多少手机"),
        ("98年毕业", "1998年毕业"),
        ("小米24年营收多少美元", "小米2024年营收多少美元"),  # after the name it is about
        ("小米3 64G的多少钱", "小米3 64GB的多少钱"),  # storage as people say it, as the corpus writes it
        ("小米3 5G手机", "小米3 5G手机"),  # 5gb is no corpus word: 5G is the network
        ("雷军98年毕业于哪", "雷军1998年毕业于哪"),
        ("小米用了10年", "小米用了10年"),  # a span of years
        ("公司成立14年来", "公司成立14年来"),
        ("小米第10年", "小米第10年"),
    ],
)
def test_a_two_digit_year_opening_a_clause_is_written_out(engine, question, expected):
    assert engine.answerer.terms.respace(question) == expected


def test_a_post_jieba_cuts_up_is_one_keyword_with_its_other_name(engine):
    terms = engine.answerer.terms.weighted(classify("小米的首席财务官是哪位？"))
    assert "首席财务官" in terms and "首席" not in terms and "财务" not in terms
    # Its weight is that of its rarest piece, so it stays the question's heaviest word.
    assert terms["首席财务官"] == max(terms.values())


def test_a_post_is_found_where_the_text_uses_its_other_name():
    text = "国际部副总裁谢子阳、CFO林世伟、参谋长潘九堂等"
    at = text.index("CFO")
    assert keyword_positions(text, 0, len(text), {"首席财务官": 1.0}) == [(at, 1.0, at + 3)]
    # Other words keep to their own spelling.
    assert keyword_positions(text, 0, len(text), {"财务": 1.0}) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2020年小米有多少名员工？", "员工"),
        ("2024年小米有多少研发人员？", "人员"),  # the head word: 研发人员 are 人员
        ("小米2019年的营业收入是多少？", "收入"),
        ("小米在港股的股票代码是多少？", "股票代码"),
        ("雷军宣布的那轮融资金额是多少？", "融资"),  # an amount is the amount of what comes before it
        ("小米第二轮融资的金额是多少？", "融资"),
        ("2024年小米的员工总数是多少？", "员工"),  # a total of staff is counted in staff
        ("平板产品的月活用户达到多少？", "用户"),
        ("小米手环卖多少钱？", None),  # a price: the unit check's business
        ("小米2020年净赚多少", None),  # no counted noun
        ("2023年第二季度小米营收多少？", "营收"),  # the noun right before 多少, without 的
        ("红米手机1S联通版定价多少？", "定价"),
        ("小米2016年卖了多少部手机？", "手机"),
        ("2024年小米海外市场收入是多少？", "收入"),  # jieba tags 收入 a verb; it is what is counted
        ("2012年销售额多少", "销售额"),  # jieba's word 年销售额 takes the year's 年
        ("小米13 Ultra 限量 这几款卖多少钱", None),  # 这几款 points back; it counts nothing
    ],
)
def test_the_word_a_how_many_question_counts(question, expected):
    assert measured_word(question) == expected


def test_evidence_must_name_what_is_counted():
    assert not measure_stated("2020年小米有多少名员工？", normalise("2020年，小米收入达人民币2459亿元"))
    assert measure_stated("2024年小米有多少名员工？", normalise("2024年，小米拥有员工33627人。"))
    # Synonyms count: 营收 is 收入, and a Hong Kong stock code is written 1810.HK.
    assert measure_stated("小米一季度的营业收入是多少？", normalise("一季度营收755亿元"))
    assert measure_stated("小米的股票代码是多少？", normalise("在香港交易所主板挂牌上市(1810.HK)"))
    assert measure_stated("小米的估值多少？", normalise("估值10亿美元"))  # nothing named: nothing to check


def test_a_measure_jieba_does_not_tag_as_a_noun_is_still_what_is_measured():
    # jieba tags 出货量 as an idiom; a figure for monthly users does not give shipments.
    assert measured_words("小米2024年智能手机出货量是多少？") == ("出货量",)
    assert not measure_stated("小米2024年智能手机出货量是多少？", normalise("小米全球智能手机月活用户达6.86亿"))
    assert measure_stated("小米2014年手机出货量是多少", normalise("2014年，小米手机出货量6112万台"))


def test_paid_in_capital_is_not_the_registered_capital():
    record = normalise("注册资本：185,000万(元)")
    assert not measure_stated("小米公司的实缴资本是多少？", record)
    assert measure_stated("小米的注册资本是多少", record)
    assert measure_stated("实缴资本是多少？", normalise("实缴资本：185,000万(元)"))


def test_a_body_is_counted_by_the_people_it_is_made_of():
    made_of = normalise("人力资源委员会由雷军和卢伟冰、刘德、刘伟、金玲、王栋、朱磊等7人组成")
    assert measure_stated("人力资源委员会一共有多少名成员？", made_of)
    assert measure_stated("委员会有几位成员？", normalise("委员会由五人构成"))
    # Only members: a head count of employees is not a committee's size.
    assert not measure_stated("小米有多少名员工？", made_of)
    # And people listed without a count do not state one.
    assert not measure_stated("委员会有多少名成员？", normalise("委员会由雷军和卢伟冰组成"))


def test_a_figure_for_where_the_question_asks_must_say_where():
    # Overseas revenue is not the company's whole revenue; 境外/国际 say overseas too.
    assert not measure_stated("2024年小米海外市场收入是多少？", normalise("2024年，小米营业收入382.76亿美元"))
    assert measure_stated("2016年小米海外收入多少？", normalise("小米的海外市场收入分别为40.5亿元、91.5亿元"))
    assert measure_stated("小米境外收入多少？", normalise("国际市场收入达到人民币1,000亿元"))


@pytest.mark.parametrize(
    ("question", "evidence"),
    [
        ("2012年小米手机的发货量是多少？", "小米手机2012年出货量达719万台"),
        ("2024年小米的雇员总数是多少？", "2024年，小米拥有员工33627人。"),
        ("小米的注册资金有多少？", "注册资本：185,000万(元)"),
        ("开放预订后收到了多少订单？", "34个小时预订了30万部"),
        ("小米的市场占有率是多少？", "小米以12.5%的智能手机出货量市场份额"),
    ],
)
def test_a_users_word_for_what_is_counted_is_matched_by_the_documents_word(question, evidence):
    assert measure_stated(question, normalise(evidence))


def test_sharing_characters_does_not_name_what_is_counted():
    # Total revenue is not overseas revenue, though both end in 收入.
    assert not measure_stated("2016年小米集团的总收入是多少？", normalise("2016年，小米的海外市场收入为91.5亿元"))


def test_an_english_how_many_question_counts_the_glossed_noun():
    # 手机 is said by 智能手机 too: a sentence counting smartphones names what is counted.
    assert measured_words("How many Mi phones did Xiaomi sell in 2013?") == ("手机",)
    assert measure_stated("How many Mi phones did Xiaomi sell?", normalise("全年智能手机出货量1.46亿台"))
    assert measured_words("How many smartphones did Xiaomi ship?") == ("智能手机", "手机")
    assert measured_words("How many employees did Xiaomi have in 2020?") == ("员工",)


def test_a_short_year_before_the_measure_is_not_part_of_it():
    # jieba cuts 年营收 into 年/营/收: the year's 年 goes, 营收 is measured.
    assert measured_words("小米22年营收多少") == ("营收",)
    assert measured_words("小米今年营收多少") == ("营收",)


def test_an_english_question_for_a_market_value_measures_it():
    assert measured_words("What was Xiaomi's market capitalization when it went public?") == ("市值",)
    assert measured_words("How much was Xiaomi worth?") == ()
    assert not measure_stated("How many employees did Xiaomi have in 2020?", normalise("2020年，小米收入达2459亿元"))


@pytest.mark.parametrize(
    ("value", "magnitude", "expected"),
    [(1.8, "billion", "18亿"), (2.2, "million", "220万"), (300, "million", "3亿"), (24.68, "billion", "246.8亿")],
)
def test_english_amounts_in_chinese_units(value, magnitude, expected):
    assert chinese_amount(value, magnitude) == expected


def test_a_glossed_code_like_q1_is_not_required_as_written(engine):
    # "Q1" is 第一季度 in the documents; the year-and-quarter check reads it, not the letters.
    info = classify("By what percentage did Xiaomi's revenue fall in Q1 2023?")
    assert "q1" not in engine.answerer.terms.required(info)
    assert "2023" in engine.answerer.terms.required(info)


def test_a_name_before_a_company_word_is_required(engine):
    info = classify("小米持有美的集团多大比例的股份？")
    assert NAME + "美的" in engine.answerer.terms.required(info)
    # The documents' own company and a question word are not.
    assert engine.answerer.terms.required(classify("小米集团入股了哪家公司？")) == []


def test_a_synonym_the_tokenizer_cuts_is_searched_by_its_indexed_pieces(engine):
    queries = engine.answerer.terms
    vocab = engine.data.bm25.vocab
    # 法人 is nowhere in the corpus and 法定代表人 is indexed only as its pieces.
    assert "法人" not in vocab and "法定代表人" not in vocab and {"法定代表", "人"} <= set(vocab)
    # jieba's search mode also gives 法定 and 代表; the longest pieces are enough.
    assert queries.query_text(classify("小米法人是谁")) == "小米法定代表 人是谁"


def test_a_word_the_corpus_says_otherwise_stays_one_keyword(engine, document_frequencies):
    queries = engine.answerer.terms
    assert "过期" not in engine.data.bm25.vocab
    terms = queries.weighted(classify("小米营业执照到哪年过期"))
    # Whole, not 过 + 期, weighted as its rarest corpus synonym (期限, 到期).
    said = [w for w in ("期限", "到期") if w in engine.data.bm25.vocab]
    assert terms["过期"] == pytest.approx(max(expected_idf(w, document_frequencies) for w in said))
    assert "期" not in terms


def test_a_compound_jieba_splits_is_one_keyword_when_the_synonym_table_knows_it(engine):
    terms = engine.answerer.terms.weighted(classify("小米在港股上市用的股票代码是什么？"))
    # 代码 alone is the 统一社会信用代码 of the registration record; 股票代码 is the listing's code.
    assert "股票代码" in terms and "股票" not in terms and "代码" not in terms


def test_a_glossary_word_of_an_english_question_is_one_keyword(engine):
    terms = engine.answerer.terms.weighted(classify("What is Xiaomi's IoT platform called?"))
    assert "物联网" in terms and "联网" not in terms and "平台" in terms


def test_colloquial_head_counts_are_read_as_people(engine):
    assert engine.answerer.terms.respace("经管会里头总共有几号人") == "经管会里头总共有几个人"
    assert measured_word("经管会总共有几个人") is None  # people: the unit hint reads it


def test_what_a_company_is_worth_is_its_valuation(engine):
    assert engine.answerer.terms.respace("那轮之后公司值多少钱？") == "那轮之后公司估值多少？"
    assert engine.answerer.terms.respace("它的价值多少") == "它的价值多少"  # 价值 is not 估值


def test_a_name_an_english_question_glosses_is_one_keyword(engine):
    terms = engine.answerer.terms.weighted(classify("On what date did Xiaomi launch its MiTalk messaging app?"))
    assert "米聊" in terms and "聊" not in terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在香港交易所主板挂牌上市(1810.hk)", {"香港"}),
        ("小米向港交所提交有关增设人民币柜台的申请", {"香港"}),
        ("小米在a股的股票代码", {"内地"}),
        ("纳斯达克和上交所", {"美国", "内地"}),
        ("小米在哪个交易所上市", set()),
    ],
)
def test_markets_named(text, expected):
    assert markets_named(text) == expected


def test_an_honorific_shared_with_a_cut_name_still_means_the_person(engine):
    # The corpus tagger also finds 卢伟 (卢伟冰 cut short); 卢总 is still 卢伟冰 alone.
    assert "卢伟冰" in engine.answerer.terms.weighted(classify("卢总本科是哪个学校哪个系的"))


def test_a_word_said_otherwise_in_the_corpus_is_not_unknown(engine):
    queries = engine.answerer.terms
    assert "本科" not in engine.data.bm25.vocab
    assert queries.unknown_share({"本科": 3.0, "小米": 1.0}) == 0.0  # 学士 is the corpus's word
    assert queries.unknown_share({"火星": 3.0, "小米": 1.0}) == pytest.approx(0.75)


def test_fillers_are_not_keywords(engine):
    terms = engine.answerer.terms.weighted(classify("小米是由谁一手创办的？"))
    assert "一手" not in terms and "创办" in terms


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米港股代码多少", "港股代码"),  # the compound the synonym table knows, not any 代码
        ("小米的股票代码是多少", "股票代码"),
        ("小米有多少名员工", "员工"),
    ],
)
def test_measured_word_takes_a_known_compound_whole(question, expected):
    assert measured_word(question) == expected


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("创办", "创始人雷军", True),
        ("创办", "小米联合创始人林斌", False),  # a co-founder is not who founded it
        ("老板", "小米集团副董事长林斌", False),  # nor is a deputy the boss
        ("老板", "小米集团副董事长林斌，董事长雷军", True),  # unless the post is also held outright
    ],
)
def test_a_synonym_held_only_as_a_co_or_deputy_post_does_not_count(term, text, expected):
    # Full credit is what says the word; shared characters alone score below 1.
    assert (term_match(term, normalise(text)) == 1.0) is expected


def test_a_corpus_word_glued_to_its_verb_is_added_to_the_query_on_its_own(engine):
    queries = engine.answerer.terms
    info = classify("小米跟顺为一起投爱奇艺投了多少")
    assert "爱奇艺" not in tokenize(info.text)  # jieba reads 投爱奇艺 as one word
    assert "爱奇艺" in tokenize(queries.query_text(info))
    hits = engine.answerer.retriever.search(queries.query_text(info), 5)
    assert any("入股爱奇艺" in h.passage.text for h in hits)


def test_firsts_are_titles():
    # "拿了几个第一" is answered by "4项冠军", not by a 第一季度 figure.
    assert term_match("第一", normalise("一举拿下4项冠军、1项亚军")) == 1.0
    assert measure_stated("拿了几个第一", normalise("一举拿下4项冠军"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("曾学忠老家是哪的", "曾学忠是哪里人"),
        ("雷军的老家在哪", "雷军是哪里人"),
        ("刘德的籍贯是哪里？", "刘德是哪里人？"),
    ],
)
def test_where_someone_is_from_is_asked_as_where_they_are_a_native_of(engine, question, expected):
    assert engine.answerer.terms.respace(question) == expected


def test_a_transliterated_name_the_corpus_never_uses_is_required(engine):
    queries = engine.answerer.terms
    assert "特斯拉" not in engine.answerer.corpus_text
    assert NAME + "特斯拉" in queries.required(classify("小米汽车跟特斯拉的充电网络啥时候打通的"))
    assert queries.required(classify("小米汽车跟蔚来的充电网络啥时候打通的")) == []  # 蔚来 is in the corpus


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("卢伟冰在哪读的博士？", "1998年毕业于清华大学化学系，理学学士学位，获得长江商学院硕士学位", False),
        ("Where did Lu Weibing earn his doctorate?", "理学学士学位，高级工商管理硕士学位", False),
        ("卢伟冰的硕士是在哪读的？", "获得长江商学院高级工商管理硕士学位", True),
        ("曾学忠的EMBA是哪里的？", "后获清华大学emba学位", True),
        ("曾学忠本科是在哪个系读的？", "1996年毕业于清华大学物理系", True),  # plain graduation: the first degree
        ("卢伟冰是哪里人？", "山东五莲人", True),  # no degree asked
    ],
)
def test_degree_stated(question, text, expected):
    assert degree_stated(question, text) is expected


def test_a_name_cut_into_single_characters_is_one_keyword_with_the_idf_of_its_passages(engine):
    queries = engine.answerer.terms
    assert queries.tokenize("米聊") == ["米", "聊"]  # cut the same way in the passages: no token holds it
    passages = engine.answerer.passages
    n, df = len(passages), sum("米聊" in p.text for p in passages)
    assert df >= 1
    terms = queries.weighted(classify("米聊是什么？"))
    assert terms == {"米聊": pytest.approx(math.log((n - df + 0.5) / (df + 0.5)))}
    # It is a stretch of the corpus, so it is not an unknown word.
    assert queries.unknown_share(terms) == 0.0


def test_single_characters_that_run_together_nowhere_in_the_corpus_stay_apart(engine):
    terms = engine.answerer.terms.weighted(classify("谁来管红米"))
    assert "来管" not in terms and "红米" in terms


@pytest.mark.parametrize(
    ("question", "expected"),
    [("那轮融资小米融了多少钱", "融资"), ("那轮融资后小米估值多少", "估值"), ("小米2020年净赚多少", "净利润"),
     ("小米营业额多少", "收入"), ("小米有多少员工", None)],
)
def test_figure_asked_is_the_last_money_figure_a_question_names(question, expected):
    assert figure_asked(question) == expected


def test_figure_before_reads_the_figure_named_in_the_amounts_own_clause():
    text = "2013年8月23日，小米已完成新一轮融资，估值达100亿美元。"
    assert figure_before(text, text.index("100亿")) == "估值"  # not 融资: that is another clause
    text = "2020年，小米收入达人民币2459亿元，净利润130亿元"
    assert figure_before(text, text.index("2459")) == "收入"
    assert figure_before(text, text.index("130")) == "净利润"
    assert figure_before("金额4100万美元", 2) is None


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("小米汽车工厂二期什么时候完工？", "小米汽车工厂一期项目预计6月完工。", True),
        ("小米汽车工厂一期什么时候完工？", "小米汽车工厂一期项目预计6月完工。", False),
        ("工厂什么时候完工？", "小米汽车工厂一期项目预计6月完工。", False),  # no phase asked
        ("小米第二轮融资的投资方有哪些？", "2010年底，小米公司完成第一轮融资，金额4100万美元。", True),
        ("小米第二轮融资的投资方有哪些？", "2011年12月，小米公司完成第二轮9000万美元融资。", False),
        ("小米融资的投资方有哪些？", "2010年底，小米公司完成第一轮融资。", False),  # no round asked
        ("MIUI第一个正式版是哪天推出的？", "MIUI首个内测版推出一周年之际，小米手机1正式发布。", True),
        ("MIUI首个内测版是哪天推出的？", "2010年8月16日，MIUI首个内测版推出。", False),
        ("电信版红米手机1S定价多少？", "电信版红米手机1S将于20日发布，定价799元。", False),
    ],
)
def test_another_phase_or_release_stage_conflicts(question, evidence, expected):
    assert conflicts(question, evidence) is expected


def test_english_business_scope_words_are_glossed(engine):
    terms = engine.answerer.terms.weighted(classify("Is Xiaomi allowed to retail ivory artworks?"))
    assert {"象牙", "工艺美术品"} <= set(terms)


@pytest.mark.parametrize("question", ["Who chairs the committee?", "Who is the chair of the committee?"])
def test_chairing_a_committee_is_its_director(question):
    assert "主任" in chinese_keywords(question)
    assert "董事长" not in chinese_keywords(question)  # the chairman of the board is another post


@pytest.mark.parametrize("question", ["Is he still the chairman of the quality committee?",
                                      "Who was chairwoman of Xiaomi's human resources committee?"])
def test_the_chairman_of_a_committee_is_not_a_chairman_of_the_board(question):
    assert "主席" in chinese_keywords(question)
    assert "董事长" not in chinese_keywords(question)


def test_a_phrase_is_glossed_as_a_whole_not_also_by_its_words():
    words = chinese_keywords("When did Xiaomi announce it was getting into car manufacturing?")
    assert "造车" in words and "制造" not in words  # manufacturing alone would be 制造
    assert "制造" in chinese_keywords("Which company manufactured the phone?")


def test_the_chairman_alone_is_of_the_board():
    assert "董事长" in chinese_keywords("Who is the chairman of Xiaomi?")


@pytest.mark.parametrize(("question", "name"), [("Which parties did Gree sign with?", "格力"),
                                              ("Which brand teamed up with Huami?", "华米"),
                                              ("Did Xiaomi sign with China Merchants Bank?", "招商银行")])
def test_english_names_of_chinese_companies(question, name):
    assert name in chinese_keywords(question)


@pytest.mark.parametrize(("short", "full"), [("印尼", "印度尼西亚"), ("央视", "中央广播电视总台")])
def test_short_names_of_countries_and_national_bodies_are_spelled_out(short, full):
    assert full in SYNONYMS[short]


def test_spoken_names_of_currencies_are_the_written_ones():
    assert measure_stated("小米24年营收多少美金", normalise("2024年，小米营业收入382.76亿美元"))
    assert measure_stated("回购花了多少港币", normalise("耗资2306.16万港元回购220万股"))
    assert not measure_stated("小米24年营收多少美金", normalise("2023年，小米集团总收入为2,710亿元"))


@pytest.mark.parametrize(
    ("question", "word"),
    [("Is Yan Kesheng a Tsinghua University graduate?", "清华"), ("Which chassis supplier?", "底盘"),
     ("Which steer-by-wire chassis supplier did Xiaomi invest in?", "线控"),
     ("Does Xiaomi have a lab with BYD Electronics?", "电子"),  # a company's name is words too
     ("When did Xiaomi announce it was getting into car manufacturing?", "造车")],
)
def test_english_words_for_universities_and_suppliers(question, word):
    assert word in chinese_keywords(question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("小米2代手机啥时候发布的", "小米第二代手机啥时候发布的"),
        ("小米1代首发卖多少钱", "小米第一代首发卖多少钱"),
        ("第二代骁龙7+", "第二代骁龙7+"),  # already written out
        ("Gen 2 chip", "Gen 2 chip"),  # no Chinese before the digit
    ],
)
def test_a_generation_written_as_a_digit_is_spelled_as_the_corpus_does(engine, question, expected):
    assert engine.answerer.terms.respace(question) == expected


def test_a_rough_amount_pins_no_exact_figure(engine):
    # "2个多亿美元" is the 2.16亿美元 round: 2 is not a number the evidence must hold.
    required = engine.answerer.terms.required(classify("12年那轮2个多亿美元的融资完了小米估值多少"))
    assert "2" not in required and "2012" in required


def test_a_separable_verb_split_by_de_is_read_whole(engine):
    assert engine.answerer.terms.respace("小米是在哪里上的市") == "小米是在哪里上市的"
    assert engine.answerer.terms.respace("跟谁签的约") == "跟谁签约的"


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Which company manufactured the phone with model number 23054RA19C?", "型号"),
        ("Does Xiaomi's business scope include Class III medical devices?", "第三类"),
        ("Does Xiaomi's business scope include Class III medical devices?", "医疗器械"),
        ("What was the average price per Class B share in the buyback?", "回购"),
        ("Where did Xiaomi rank on the Forbes Global Digital Economy Top 100 list?", "数字经济"),
        ("Where did Lu Weibing get his EMBA degree?", "高级工商管理硕士"),
    ],
)
def test_business_english_is_glossed(question, word):
    assert word in chinese_keywords(question)


def test_a_glossed_phrase_with_an_apostrophe_pins_no_english_word(engine):
    # "People's" is part of "National People's Congress" (全国人民代表大会), not a name to insist on.
    required = engine.answerer.terms.required(classify("Which National People's Congress was Lei Jun a deputy to?"))
    assert "people" not in required


def test_evidence_dated_to_another_day_conflicts_with_the_day_asked():
    question = "2023年5月30日回购花了多少钱"
    assert conflicting_days(question, "2023年5月29日，耗资2306.16万港元回购220万股公司股份；")
    assert not conflicting_days(question, "2023年5月30日 耗资2313.6万港元回购220万股。")  # its setting's day
    assert not conflicting_days(question, "耗资2313.6万港元回购220万股。")  # no day: nothing to conflict
    assert not conflicting_days("小米2023年回购花了多少钱", "2023年5月29日，耗资2306.16万港元")  # no day asked
    assert not conflicting_days("2010年3月3日成立的是哪家公司", "成立日期：2010年03月03日")  # same day, padded


def test_a_latin_name_the_corpus_uses_pins_an_english_question(engine):
    # TCL is in the documents, but the stake Xiaomi paid 12.7亿元 for is in 美的集团.
    question = classify("How much did Xiaomi pay for its strategic stake in TCL?")
    assert "tcl" in engine.answerer.terms.required(question)
    assert not engine.ask("How much did Xiaomi pay for its strategic stake in TCL?").grounded


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("小米2023年第一季度未经调整的净利润是多少？", "第一季度调整后净利润32.3亿元人民币", True),
        ("经调整净利润是多少？", "期内利润为20亿元，经调整净利润为28亿元", False),
        ("调整后净利润是多少？", "未经调整净利润为10亿元", True),
        # Evidence giving both bases answers either; evidence naming neither pins nothing.
        ("未调整的净利润是多少？", "未经调整净利润1亿元，调整后净利润2亿元", False),
        ("调整后净利润是多少？", "净利润为5亿元", False),
        ("小米的净利润是多少？", "调整后净利润32.3亿元", False),
    ],
)
def test_a_figure_on_one_accounting_basis_is_not_the_other(question, evidence, expected):
    assert conflicting_adjustment(question, evidence) is expected
    assert conflicts(question, evidence) is expected


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("2023年6月小米发布了哪款手机", "2023年2月28日，小米在海外发布了小米13系列", True),
        ("2023年2月小米发布了哪款手机", "2023年2月28日，小米在海外发布了小米13系列", False),
        # 年底 is December.
        ("截至2024年底小米累计获得多少项专利", "截至2024年06月30日，小米在全球获得专利授权超过4万项", True),
        ("截至2024年底小米月活用户多少", "2024年12月27日，小米全球智能手机和平板产品月活用户达6.86亿", False),
        ("2019年1月小米入股了哪家公司", "2019年1月6日，TCL集团发布公告", False),
        ("2023年6月小米发布了哪款手机", "2022年2月，小米发布了小米12", False),  # another year is the year check's
        ("2010年底小米完成了第几轮融资", "2010年底，小米公司完成第一轮融资", False),  # no month on either side
        # The passage's setting dates it June; its own date is "12月18日", of the same year.
        ("2019年12月小米在品牌发展指数榜单排第几", "2019年6月 12月18日，人民日报“品牌发展指数”100榜单排名30位", False),
    ],
)
def test_a_month_the_question_pins_conflicts_with_other_months_of_that_year(question, evidence, expected):
    assert conflicting_months(question, evidence) is expected


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("2013年第三季度小米卖了多少部手机", "2013年，售出手机1870万台", True),  # a year's figure is no quarter's
        ("2013年第三季度小米卖了多少部手机", "12月当月销售手机322.5万台", True),  # December is the fourth quarter
        ("2013年第四季度小米卖了多少部手机", "12月当月销售手机322.5万台", False),
        ("2013年上半年小米卖了多少部手机", "2013年5月，卖出100万台", False),
        ("2023年第一季度营收", "2023年5月24日，小米发布2023年第一季度财报", False),  # quarters: the year check's
        ("2023年全年营收", "2023年，小米集团总收入为2,710亿元", False),  # the whole year is asked
    ],
)
def test_a_part_of_a_year_is_not_answered_by_the_whole_year_or_other_months(question, evidence, expected):
    assert conflicting_grain(question, evidence) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Which phone did Xiaomi launch in June 2023?", "Which phone did Xiaomi launch in 2023年6月?"),
        ("as of June 30, 2024, how many", "as of 2024年6月30日, how many"),
        ("on Mar. 14th 2023", "on 2023年3月14日"),
        ("in May", "in May"),  # no year: nothing to pin
    ],
)
def test_english_dates_are_written_as_chinese_dates(text, expected):
    assert chinese_dates(text) == expected


def test_an_english_phase_is_the_chinese_phase():
    assert "二期" in chinese_keywords("When is phase two of the car factory expected to be completed?")


def test_a_quoted_name_the_tokenizer_cuts_is_one_keyword(engine):
    # The documents write “米粉节” in quotes; jieba gives 米粉 / 节, and 米粉 alone is in other sentences.
    terms = engine.answerer.terms.weighted(classify("小米从哪一年开始举办米粉节？"))
    assert "米粉节" in terms and "米粉" not in terms


@pytest.mark.parametrize("hedge", ["大概", "大约", "一共", "具体"])
def test_a_hedge_before_how_many_is_not_what_is_measured(hedge):
    assert measured_word(f"月活用户{hedge}有多少？") == measured_word("月活用户有多少？") == "用户"


def test_a_year_without_its_nian_before_a_part_of_the_year_is_a_year(engine):
    terms = engine.answerer.terms
    assert terms.respace("那2023全年总收入是多少？") == "那2023年全年总收入是多少？"
    assert terms.respace("2023一季度营收") == "2023年一季度营收"
    assert "#2023" not in terms.required(classify(terms.respace("那2023全年总收入是多少？")))


def test_a_registered_business_scope_is_the_scope_not_a_registration():
    assert chinese_keywords("Does the registered business scope cover it?") == ["经营范围"]
    assert chinese_keywords("the fastest-growing company") == ["增长最快", "公司"]


def test_a_deputy_to_a_congress_represents_it():
    words = chinese_keywords("Is Lin Bin a deputy to the National People's Congress?")
    assert {"全国人民代表大会", "代表"} <= set(words)
    assert "副" not in words  # a vice-post is another thing
    assert "副主任" in chinese_keywords("Who is the deputy director?")


def test_a_month_of_the_same_year_is_the_sentence_own_month():
    # "2014年7月…；同年12月，…禁止在印度销售": 同年12月 is December 2014, the year's end asked about.
    assert not conflicting_months("2014年底小米在印度被禁售了吗", "2014年7月 同年12月，小米深陷专利侵权案件")
    assert conflicting_months("2014年底小米在印度被禁售了吗", "2014年7月 次年12月，小米深陷专利侵权案件")


def test_a_version_is_no_edition():
    evidence = "小米13 ultra星空蓝、赤霞橙、银杏黄三款限量定制色机型限量发售，仅有16gb+512gb一个版本"
    assert not conflicting_editions("小米13 ultra的限定配色版本有哪几种颜色？", evidence)
    assert conflicting_editions("小米3电信版卖多少钱？", "小米3联通版售价1999元")


@pytest.mark.parametrize(
    ("english", "expected", "not_expected"),
    [
        ("Who is the founder of Xiaomi?", "创始人", "联合创始人"),
        ("Who are the co-founders of Xiaomi?", "联合创始人", None),
        ("Who headed the phone division?", "手机部", "智能手机"),
        ("Does he chair the Xiaomi Hong Kong Foundation?", "基金会", None),
        ("How many interest-free installments?", "免息", None),
    ],
)
def test_english_words_gloss_to_the_documents_words(english, expected, not_expected):
    words = chinese_keywords(english)
    assert expected in words
    assert not_expected is None or not_expected not in words


@pytest.mark.parametrize(("spoken", "written"), [("禁卖", "禁售"), ("第一名", "冠军"), ("众筹价", "众筹")])
def test_spoken_words_have_the_documents_synonyms(spoken, written):
    assert written in SYNONYMS[spoken]


def test_a_gaming_graphics_chip_is_glossed_as_the_documents_write_it():
    words = chinese_keywords("What is Xiaomi's gaming discrete graphics chip called?")
    assert {"游戏", "独显", "芯片"} <= set(words)


def test_a_sentence_opening_word_is_no_proper_noun():
    # "How" opens the question's second sentence: capitalised, but naming nothing the documents must hold.
    assert proper_nouns("In early 2023 Xiaomi created a committee. How many members does it have?") == []
    assert proper_nouns("Did Xiaomi invest in Acme? Which lab did they build?") == ["Acme"]


def test_a_phone_is_any_phone_and_a_starting_price_is_where_a_range_starts():
    assert chinese_keywords("Where was the Mi 1 phone launched?")[:2] != ["手机", "智能手机"]
    assert "手机" in chinese_keywords("phone") and "智能手机" not in chinese_keywords("phone")
    assert "起售" in chinese_keywords("What's the starting price of the Xiaomi 13 Ultra?")


def test_the_kind_a_which_question_asks_for_weighs_little(engine):
    terms = engine.answerer.terms.weighted(classify("小米2014年入股了哪家视频平台？"))
    assert terms["视频"] < terms["入股"] / 2 and terms["平台"] < terms["入股"] / 2
    # Only the kind ending the question: "哪家公司签了协议" keeps 协议 as a keyword.
    terms = engine.answerer.terms.weighted(classify("小米和哪家公司签了协议"))
    assert terms["协议"] > 2



def test_a_chinese_name_the_tokenizer_cuts_up_is_one_keyword_in_an_english_question(engine):
    # A follow-up puts 米聊 into an English question; jieba cuts it into 米 / 聊, which say nothing alone.
    terms = engine.answerer.terms.weighted(classify("How did the company describe 米聊 back then?"))
    assert "米聊" in terms and "米" not in terms and "聊" not in terms
    assert terms["米聊"] > 1.0
