"""Question keywords: what evidence must mention, weighted by how telling each word is."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import jieba
from jieba import posseg

from .bm25 import BM25Index
from .glossary import SYNONYMS, chinese_keywords, covered_words, glossed_names, proper_nouns
from .names import NameTransliterator
from .question import ORG, PLACE, QuestionInfo, content_text
from .spans import BODY_KIND, BODY_NAME, _tagged, find_spans
from .tokenizer import normalise, segment_words

STOP_CHARS = frozenset("的了是在和与及或等于为也就都而又并从对把被让将向由以之其此这那该个各每吗呢吧啊呀么嘛着过得地所")


def _said_as(synonym: str, text: str) -> bool:
    """Whether text uses a synonym in its own right: a 联合创始人 (co-founder) or 副董事长 (deputy)
    is not who "谁创办" or "老板" asks for."""
    return synonym in text and re.search(rf"(?<!联合)(?<!副){re.escape(synonym)}", text) is not None


def term_match(term: str, text: str) -> float:
    """How well a normalised text holds a term: 1 if it (or a synonym) is there, partly for shared characters."""
    if contains_term(text, term) or any(_said_as(s, text) for s in SYNONYMS.get(term, ())):
        return 1.0
    if _generation(term, text):
        return 1.0  # "小米2" is said by "小米第二代手机"
    if term in text and not _names_place(term, text):
        return 0.0  # 印度 only inside 印度尼西亚 is another country, not half of this one
    if len(term) >= 2 and not term.isascii() and not re.search(r"\d", term):
        return 0.5 * sum(ch in text for ch in term) / len(term)
    return 0.0


# English words a number follows without being a model's number: "in 2020", "top 10".
_NOT_MODEL_WORDS = frozenset(
    "in on at of by to for from and or than top about over under the with after before since around "
    "nearly almost only first last past next its his her their per "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A model number ("小米14", "小米手环8") is required as a number that is not a
# date, an amount or a count: "2月14日" does not mention 小米14.
MODEL_NUMBER = "#"
_COUNTED = "年月日号万亿元个台部位名次项岁周天届代%小分秒寸点"
_NUMBER_TERM = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_OPENING = frozenset(" ，,、；;：:（(\"“")  # what may stand before a year that opens a clause
_ROLE = re.compile(r"(?:总裁|董事长|总经理|主席|主任|部长|秘书长|院长|校长|总监|会长|理事长|行长|社长|书记|参谋长)$")


# Letters and digits run together: a model name typed without its spaces.
_GLUED = re.compile(r"(?<![A-Za-z0-9.])(?=[A-Za-z0-9]*(?:[A-Za-z]\d|\d[A-Za-z]))[A-Za-z0-9]{3,}(?![A-Za-z0-9.])")


# A name the question pins ("华为", "印尼") is required too; the text may spell it out in full
# (印度尼西亚, 香港交易所 for 港交所): Chinese short forms keep characters of the full name in order.
NAME = "@"


# What may follow a place's name and still mean that place: 北京市, 南非共和国.
_PLACE_SUFFIXES = frozenset("省 市 区 县 州 镇 国 共和国 地区 特别行政区 自治区".split())


@lru_cache(maxsize=16384)
def _names_place(name: str, text: str) -> bool:
    """Whether text mentions the name itself, not only a longer place that starts with it (印度 in 印度尼西亚)."""
    if name not in text:
        return False
    if not (posseg.dt.word_tag_tab.get(name) or "").startswith("ns"):
        return True
    return any(not _inside_longer_place(name, text, m.start()) for m in re.finditer(re.escape(name), text))


def _inside_longer_place(name: str, text: str, start: int) -> bool:
    jieba.dt.check_initialized()  # the word frequencies are loaded lazily
    for extra in range(2, 6):
        word = text[start : start + len(name) + extra]
        if len(word) < len(name) + extra:
            return False
        if ((posseg.dt.word_tag_tab.get(word) or "").startswith("ns") and (jieba.dt.FREQ.get(word) or 0) >= 10
                and word[len(name):] not in _PLACE_SUFFIXES):
            return True
    return False


def _abbreviates(name: str, text: str) -> bool:
    """A short form spelled out (印尼 in 印度尼西亚); the name written in full is _names_place's."""
    return any(m.group() != name for m in _term_pattern(NAME, name).finditer(text))


_NUMERALS = "零一二三四五六七八九十"
# An edition that makes another model of the same number: 小米手机2青春版 is not 小米2.
_VARIANT = r"(?:青春|增强|尊享|至尊|纪念|探索|透明|标准|活力|典藏)版"


def _generation_pattern(term: str) -> str | None:
    """How a small model number is written as a generation: 小米2 is "小米第二代手机", 小米3 "小米手机3代"."""
    if not (term.isdigit() and 1 <= int(term) <= 10):
        return None
    # (A chip's generation, "首发第二代骁龙7+芯片", is no phone's model.)
    chip = r"(?!\s*(?:骁龙|芯片|处理器|移动平台))"
    return rf"第(?:{term}|{_NUMERALS[int(term)]})代{chip}|(?<=[\u4e00-\u9fff]){term}(?=代)"


def _generation(term: str, text: str) -> bool:
    """Whether a small number is written as a generation in text."""
    pattern = _generation_pattern(term)
    return pattern is not None and re.search(pattern, text) is not None


@lru_cache(maxsize=8192)
def _term_pattern(kind: str, term: str) -> re.Pattern:
    """The compiled pattern a term is looked for with (terms recur across questions and passages)."""
    if kind == NAME:
        return re.compile(r"[\u4e00-\u9fff]{0,3}".join(re.escape(ch) for ch in term))
    if kind == MODEL_NUMBER:
        digits, edition = re.match(r"([^\u4e00-\u9fff]*)(.*)", term).groups()
        if edition:  # "小米2青春版": the number with its edition, spaced or not
            return re.compile(rf"(?<![0-9.A-Za-z]){re.escape(digits)}\s*{re.escape(edition)}")
        # Not the 5 of i5; nor the 2 of 小米2S or 小米手机2青春版, other models than 小米2.
        number = (rf"(?<![0-9.A-Za-z]){re.escape(term)}(?![0-9.+])(?![{_COUNTED}])"
                  rf"(?![A-Za-z](?![A-Za-z]))(?!\s*{_VARIANT})")
        generation = _generation_pattern(term)  # a model's number is its generation too
        return re.compile(f"{number}|{generation}" if generation else number)
    if kind == "number":
        # "6月" in a question is "06月" in a registration record.
        return re.compile(rf"(?<![0-9.])0*{re.escape(term)}(?![0-9]|\.[0-9])")
    return re.compile(rf"(?<!副){re.escape(term)}")  # a post, not its deputy's


# A post the question asks about ("首席技术官", "CFO") is required as well: a sentence about
# the chief architect does not say who the CTO is. Its usual other names count. (Latin names
# the corpus lacks are required the same way.)
ROLE = "^"
_ROLE_ASKED = re.compile(
    r"首席[\u4e00-\u9fff]{2,4}官|(?<![a-z])c[a-z]o(?![a-z])|副?(?:总裁|董事长|总经理|秘书长|参谋长)"
)


# "20年小米净赚了多少", "（17年）": a year written with two digits where a clause opens.
# "17年第四季度", "小米24年营收", "雷军98年毕业": a two-digit year, at a clause's start or after a name.
# Not a span of years: "用了10年", "成立14年来", "近20年", "第10年".
_SHORT_YEAR = re.compile(
    r"(?:^|(?<=[ ，,、；;：:（(\"“])|(?<=[\u4e00-\u9fff])(?<![第约近超了过达满用花历经立是有]))"
    r"(?<!\d)(\d{2})(?=年(?![来间内前后多左以代度半]))"
)


_STORAGE = re.compile(r"(?<![A-Za-z0-9.])(\d{1,4})\s*[Gg](?![A-Za-z0-9])")


def full_year(short: str) -> str:
    """A year written with two digits, in four: "23" → 2023, "98" → 1998."""
    return f"{20 if int(short) <= 40 else 19}{short}"


def _full_year(m: re.Match) -> str:
    return full_year(m.group(1))


@lru_cache(maxsize=16384)
def spellings(term: str) -> tuple[str, ...]:
    """How a keyword may be written: a post also by its other name ("cfo" for 首席财务官)."""
    if _ROLE_ASKED.fullmatch(term):
        return (term, *SYNONYMS.get(term, ()))
    return (term,)


def contains_term(text: str, term: str) -> bool:
    """Whether a normalised text contains a term; a number must not be part of a longer number."""
    if term.startswith(ROLE):
        role = term[1:]
        return contains_term(text, role) or any(s in text for s in SYNONYMS.get(role, ()))
    if term.startswith(NAME):
        return _names_place(term[1:], text) or _abbreviates(term[1:], text)
    if term.startswith(MODEL_NUMBER):
        return _term_pattern(MODEL_NUMBER, term[1:]).search(text) is not None
    if _NUMBER_TERM.fullmatch(term):
        return _term_pattern("number", term).search(text) is not None
    if _DIGIT.search(term):
        return term in text.replace(" ", "")
    if not _names_place(term, text):
        return False  # absent, or only inside a longer place name: 印度 in 印度尼西亚
    if _ROLE.search(term) and not term.startswith("副"):
        # 副总裁 is another post than 总裁: a role only counts where it is not a deputy's.
        return _term_pattern(ROLE, term).search(text) is not None
    return True


# People, places, organisations. jieba's "nz" (other proper noun) and "j" (abbreviation) take in
# too many common words (通讯, 同比) to be required by their tag alone.
_PLACE_OR_ORG = ("ns", "nt")
# Common single-character surnames: an unknown word jieba guesses is a person must start with one.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


def _is_name(word: str, flag: str, in_corpus: bool) -> bool:
    """Whether a question word is a name, by jieba's dictionary where it knows the word.

    The dictionary's place and organisation tags are reliable enough when the word is
    not rare; its person tags are not (it tags 荣获 and 英文名 as people), so a dictionary
    "person" counts only if it is common and the corpus never uses it (华为, a name the
    documents lack), and a word jieba does not know only if it opens with a surname (王翔).
    """
    known = posseg.dt.word_tag_tab.get(word)
    frequency = jieba.dt.FREQ.get(word) or 0
    if (known or flag) == "nrt" and len(word) >= 3 and not in_corpus:
        return True  # a transliterated foreign name the corpus never uses (特斯拉): a company it lacks
    if known is not None:
        if known.startswith(_PLACE_OR_ORG):
            return frequency >= 10
        # A common "person" or "other proper noun" the corpus never uses is a name it lacks (华为, 三星);
        # the documents use the common words these tags also take in (通讯, 同比).
        return known.startswith(("nr", "nz")) and frequency >= 50 and not in_corpus
    return flag.startswith("nr") and len(word) <= 3 and word[0] in _SURNAMES


_COMPANY_WORDS = frozenset("集团 公司 资本".split())
# Common words jieba's dictionary tags as names.
_NOT_NAMES = frozenset("城市 上市 国家 地区 全国 全球 世界 海外 国内 国际 本地 当地 城区 市场 各地 外地 内地 英文名 "
                       "东西 英文 中文 英语 汉语 日语 日文 外文 普通话 明星 演员 歌手 艺人 名人".split())
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# Below this idf a word is in a large share of passages: the documents' own subject.
SUBJECT_IDF = 1.5


# "RMB 1.8 billion" is written 18亿 in Chinese; "2.2 million shares" 220万.
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_ENGLISH_MAGNITUDE = re.compile(r"\s*(billion|million)\b")


def chinese_amount(value: float, magnitude: str) -> str:
    """An English amount in the Chinese units a document writes it in: 1.8 billion → 18亿,
    2.2 million → 220万, 300 million → 3亿."""
    wan = value * (100_000 if magnitude == "billion" else 100)  # in units of 万 (10,000)
    number, unit = (wan / 10_000, "亿") if wan >= 10_000 else (wan, "万")
    return f"{round(number, 4):g}{unit}"


class QueryTerms:
    """Turns questions into weighted keywords and required terms, using the index's vocabulary."""

    def __init__(self, bm25: BM25Index, tokenize: Callable[[str], list[str]], names: NameTransliterator,
                 aliases: dict[str, str] | None = None, texts: Iterable[str] = ()) -> None:
        self.bm25 = bm25
        self.tokenize = tokenize
        self.names = names
        # The passages' text, to find a name the tokenizer cuts into single characters (米聊 as 米 / 聊).
        self._texts = [normalise(t) for t in texts]
        self._text_idf: dict[str, float | None] = {}
        self.max_idf = float(bm25.idf.max()) if len(bm25.idf) else 1.0
        # The documents' own subject ("小米 (以下简称…)") is in every question: no alias for it.
        self.aliases = {k: v for k, v in (aliases or {}).items() if (self._idf(k) or self.max_idf) >= SUBJECT_IDF}
        self._last_weighted: tuple[QuestionInfo, dict[str, float]] | None = None

    def _aliased(self, text: str) -> list[str]:
        """The other names, as the documents define them, of names in a text (经营管理委员会 → 经管会)."""
        return [alias for name, alias in self.aliases.items() if name in text and alias not in text]

    def query_text(self, info: QuestionInfo) -> str:
        """The retrieval query: English questions also carry the Chinese words they mean."""
        if not info.english:
            text = self._in_corpus_words(self.expand_honorifics(info.text))
            # A corpus word jieba glued to its verb ("投爱奇艺") is found by keyword only on its own.
            tokens = set(self.tokenize(text))
            unglued = [t for t in self.weighted(info) if len(t) > 1 and t in self.bm25.vocab and t not in tokens]
            return " ".join([text, *self._aliased(text), *unglued])
        extra = self._in_corpus_words(" ".join(chinese_keywords(info.text) + self.names.chinese_names(info.text)))
        # A Chinese name inside the English ("How many members does 集团经营管理委员会 have?") has its short form too.
        return " ".join([info.text, extra, *self._aliased(normalise(info.text))]).strip()

    def _in_corpus_words(self, text: str) -> str:
        """Text with the words the corpus never uses put as the corpus says them.

        Such a word finds nothing by keyword, and its pieces find the wrong things
        (首席财务官 → 财务 → the finance section); the corpus's word for it finds the passage.
        """
        for word in sorted(SYNONYMS, key=len, reverse=True):
            if len(word) > 1 and word not in self.bm25.vocab and word in normalise(text):
                known = [k for s in SYNONYMS[word] if (k := self._in_vocab(s))]
                if known:
                    text = re.sub(re.escape(word), " ".join(known), text, flags=re.IGNORECASE)
        return text

    def _in_vocab(self, word: str) -> str:
        """A word as the index can find it: itself, or its pieces when the tokenizer cuts it
        (法定代表人 is indexed as 法定 代表); empty when some piece is not in the corpus."""
        if word in self.bm25.vocab:
            return word
        pieces = [t for t in self.tokenize(word) if re.search(r"\w", t)]
        whole = [t for t in pieces if not any(t != o and t in o for o in pieces)]
        return " ".join(whole) if whole and all(t in self.bm25.vocab for t in whole) else ""

    def respace(self, text: str) -> str:
        """Model names typed without their spaces ("小米13ultra", "note7") spelled as the corpus spells them."""
        def split(m: re.Match) -> str:
            word = m.group()
            parts = re.findall(r"[A-Za-z]+|\d+", word)
            if word.lower() in self.bm25.vocab or not all(p.lower() in self.bm25.vocab for p in parts):
                return word
            return " ".join(parts)

        # Colloquial head counts: "几号人" is "几个人"; "老家是哪的" asks "是哪里人".
        text = re.sub(r"(几|多少)号人", r"\1个人", text)
        text = re.sub(r"(?<![价估产市])值多少钱?", "估值多少", text)  # "公司值多少钱" asks its valuation
        text = re.sub(r"的?(?:老家|家乡|籍贯)(?:是|在)?(?:哪里|哪儿|哪的|哪)的?", "是哪里人", text)
        # A separable verb split by 的 ("在哪上的市", "跟谁签的约") is the corpus's whole verb.
        text = re.sub(r"([上签注])的(市|约|册)", r"\1\2的", text)
        # "小米2代手机" is the corpus's 小米第二代手机: a generation written as a bare digit.
        text = re.sub(r"(?<=[\u4e00-\u9fff])([1-9])代", lambda m: f"第{_NUMERALS[int(m.group(1))]}代", text)

        def storage(m: re.Match) -> str:
            # "64G" is how people say the 64GB the corpus writes.
            written = f"{m.group(1)}gb"
            return f"{m.group(1)}GB" if written in self.bm25.vocab else m.group()

        text = _STORAGE.sub(storage, text)
        if "ultra" in self.bm25.vocab:
            # "13U", "小米13U": how people shorten a model's Ultra.
            text = re.sub(r"(?<![A-Za-z0-9])(\d{1,3})\s*[Uu](?![A-Za-z0-9])", r"\1 Ultra", text)
        # "2023全年", "2023一季度": a year written without its 年 before a part of the year.
        text = re.sub(r"(?<!\d)((?:19|20)\d{2})(?=全年|[上下]半年|第?[一二三四]季度)", r"\1年", text)
        return _SHORT_YEAR.sub(_full_year, _GLUED.sub(split, text))

    def expand_honorifics(self, text: str) -> str:
        """Replace a surname + 总 form of address with the corpus name it stands for (雷总 → 雷军)."""
        def swap(m: re.Match) -> str:
            return self.names.by_honorific(m.group()) or m.group()

        return re.sub(r"[\u4e00-\u9fff]总(?!裁|部|经理|监|额|数|共|计|体|结|之|统|理|局|会|公司)", swap, text)

    def weighted(self, info: QuestionInfo) -> dict[str, float]:
        """Keywords with idf weights (see `_weighted`); the query text and the evidence ask for the same
        question's, so the last one is kept."""
        last = self._last_weighted
        if last is not None and last[0] == info:
            return dict(last[1])
        terms = self._weighted(info)
        self._last_weighted = (info, terms)
        return dict(terms)

    def _weighted(self, info: QuestionInfo) -> dict[str, float]:
        """Keywords with idf weights.

        Words jieba glued to a particle ("大学毕业", "部手机") are broken into
        corpus words; a word found nowhere in the corpus keeps a high weight,
        so evidence lacking it (a thing the documents never mention) scores low.
        """
        if info.english:
            # Chinese written into an English question (a name a follow-up put in: "Where is 卢伟冰 from?").
            written = re.findall(r"[\u4e00-\u9fff]{2,}", info.text)
            source = " ".join(chinese_keywords(info.text) + self.names.chinese_names(info.text) + written)
            glossed = covered_words(info.text)
            latin = [
                t for t in self.tokenize(info.text)
                if t.isascii() and len(t) > 1 and t in self.bm25.vocab and t not in glossed
            ]
            tokens = self.tokenize(source) + latin
        else:
            tokens = self.tokenize(content_text(self.expand_honorifics(info.text)))
        terms: dict[str, float] = {}
        for token in tokens:
            for piece, weight in self._pieces(token, single_weight=0.1 if info.english else 0.3):
                terms[piece] = max(terms.get(piece, 0.0), weight)
        if not info.english:
            terms.update(self._single_character_words(tokens))
            terms.update(self._quoted_names(tokens))
        else:
            for chinese in written:  # "How did they describe 米聊?": 米聊 is one keyword, not 米 and 聊
                terms.update(self._single_character_words(self.tokenize(chinese)))
        if info.english:
            # A country or company an English question names is one keyword, however jieba cuts it (米聊).
            for name in glossed_names(info.text):
                terms[name] = max(terms.get(name, 0.0), self._idf(name) or self.max_idf)
        else:
            # A post jieba cuts up (首席/财务/官) is one keyword, so its other name (CFO) counts for it.
            for m in _ROLE_ASKED.finditer(normalise(info.text)):
                if m.group() in SYNONYMS and m.group() not in terms:
                    terms[m.group()] = max((w for t, w in terms.items() if t in m.group()), default=1.0)
        # So is any word the synonym table knows whose pieces are all keywords (股票/代码 → 股票代码):
        # its pieces alone match the wrong thing (代码 of 统一社会信用代码).
        said = normalise(source if info.english else info.text)
        # An English question's glossary words count too (IoT → 物联网, not 物 + 联网).
        glossary_words = [normalise(w) for w in chinese_keywords(info.text)] if info.english else []
        for word in [*SYNONYMS, *glossary_words]:
            pieces = [t for t in terms if t in word]
            if len(word) > 2 and word not in terms and word in said and len(pieces) > 1 \
                    and sum(map(len, pieces)) >= len(word):
                terms[word] = max(terms[t] for t in pieces)
        # "集团经营管理委员会有多少人": the documents go on calling it 经管会, which weighs as its full name;
        # not when another body is named too, which the question may be about as well.
        for short in self._aliased(said) if len(BODY_NAME.findall(said)) == 1 else ():
            full = self.aliases[short]
            weights = [w for t, w in terms.items() if t in full]
            if len(short) < len(full) and weights and BODY_KIND.search(full):
                terms[short] = max(weights)
        # (A product's name often carries its kind, "MIUIV5手机系统"; a company's or a place's seldom does.)
        kind = _KIND_OF_ANSWER.search(info.text) if info.type in (ORG, PLACE) and not info.english else None
        if kind:
            # "入股了哪家视频平台": the kind says what the answer is (爱奇艺), which a sentence naming it
            # need not say; its words weigh little against the rest.
            for t in terms:
                if t in kind.group(1):
                    terms[t] *= _KIND_WEIGHT
        if info.type == PLACE and _OTHER_PLACE.search(normalise(info.text)):
            # "Which other country did it enter after India?": 印度 is the place the answer is not.
            terms = {t: w for t, w in terms.items() if not _is_place(t)} or terms
        # jieba's search mode gives a word and its parts (清华大学, 清华, 大学);
        # keep the most specific form only, or the parts would count twice.
        return {t: w for t, w in terms.items() if not any(t != o and t in o and o in terms for o in terms)}

    def required(self, info: QuestionInfo) -> list[str]:
        """Terms the evidence must contain: numbers, model codes, and people named in the question.

        A question about 2025 is not answered by a sentence about 2024, nor a
        question about one person by a sentence about another.
        """
        text = normalise(info.text)
        required = []
        glossed = covered_words(info.text) if info.english else set()
        if info.english:
            text = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)  # "100,000 Mi 3 phones"
        # "骁龙7+" keeps its plus: 7+ is another chip than 7.
        for m in re.finditer(r"(?<![a-z0-9.])[a-z]*\d+(?:\.\d+)?[a-z]*\+?(?![a-z0-9])", text):
            term = m.group()
            if term in glossed:
                continue  # "Q1" is 第一季度, which the year-and-quarter check reads
            if re.match(r"个?多[十百千万亿]|[十百千万亿]多", text[m.end() : m.end() + 3]):
                continue  # "2个多亿美元" is roughly 2.16亿美元: no exact figure to insist on
            magnitude = _ENGLISH_MAGNITUDE.match(text, m.end()) if info.english else None
            if magnitude and re.fullmatch(r"\d+(?:\.\d+)?", term):
                required.append(chinese_amount(float(term), magnitude.group(1)))
                continue
            if info.english and term.isdigit() and int(term) >= 10_000:
                required.append(chinese_amount(int(term) / 1e6, "million"))  # 100000 is written 10万
                continue
            before = text[m.start() - 1] if m.start() else ""
            # "小米5" is a model; "是不是199一张", "卖1999" a figure after a verb.
            glued = "\u4e00" <= before <= "\u9fff" and before not in "第约近超是为卖要花值价达收付"
            named = re.search(r"(?<![a-z])([a-z]{2,})\s$", text[: m.start()])  # "note 7", "mi 6"
            if term.isdigit() and glued and not re.match(rf"[{_COUNTED}]", text[m.end() : m.end() + 1]):
                edition = re.match(rf"\s*{_VARIANT}", text[m.end() :])
                term = MODEL_NUMBER + term + (edition.group().strip() if edition else "")  # 小米2青春版
            elif term.isdigit() and len(term) <= 3 and named and named.group(1) not in _NOT_MODEL_WORDS:
                term = MODEL_NUMBER + term  # a model's number: "7+" of 骁龙7+ is not Redmi Note 7
            elif len(term) == 2 and term.isdigit() and text[m.end() : m.end() + 1] == "年" and (
                    not before or before in _OPENING):
                term = full_year(term)  # "17年第四季度" opens with a short year
            required.append(term)
        if info.english:
            names = self.names.chinese_names(info.text)
            spelled = self.names.spelled(names)
            required += names
            required += [w for w in re.findall(r"[\u4e00-\u9fff]{2,4}", info.text) if w in self.names.known()]
            roles = {m.group() for w in chinese_keywords(info.text) for m in _ROLE_ASKED.finditer(normalise(w))}
            # "vice chairman" glosses to both 副 and 董事长 and to 副董事长: the deputy's post is meant.
            required += [ROLE + r for r in sorted(roles) if "副" + r not in roles]
            # A Latin name pins the question whether or not the corpus uses it: "stake in TCL" is not
            # answered by the stake in 美的集团.
            required += [w.lower() for w in proper_nouns(info.text) if w.lower() not in spelled]
            required += [NAME + w for w in glossed_names(info.text)]
        else:
            people = [s.text for s in find_spans(info.text, "person") if s.text in self.names.known()]
            required += people + [NAME + w for w in self.proper_names(info.text) if w not in people]
            # "美的集团": a name before a company word is the company the question is about.
            tagged = _tagged(text)
            # So does a Latin one ("TCL集团").
            required += [NAME + w for (_, _, w, flag), (_, _, after, _) in zip(tagged, tagged[1:])
                         if after in _COMPANY_WORDS
                         and ((_CJK_ONLY.fullmatch(w) and 2 <= len(w) <= 4 and flag[0] in "nj")
                              or (re.fullmatch(r"[a-z]{2,8}", w) and flag == "eng"))
                         # "融资之后公司": a word of time or place (f) names no company
                         and not re.search(r"[哪几这那该此啥]|什么", w)
                         and (self._idf(w) or self.max_idf) >= SUBJECT_IDF and NAME + w not in required]
            required += [ROLE + m.group() for m in _ROLE_ASKED.finditer(text)]
            # A Latin name the corpus never uses ("OPPO" in a Chinese question) pins a company or product
            # the documents are not about, unless it is a known word for something they do say (iot).
            required += [ROLE + w for w in re.findall(r"(?<![a-z0-9])[a-z][a-z]+(?![a-z0-9])", text)
                         if w not in self.bm25.vocab and ROLE + w not in required
                         and not any(s in self.bm25.vocab for s in SYNONYMS.get(w, ()))]
        if info.type == PLACE and _OTHER_PLACE.search(text):
            # "Which other country did it enter after India?": the place named is the one the answer is not.
            required = [r for r in required if not (r.startswith(NAME) and _is_place(r[len(NAME):]))]
        return list(dict.fromkeys(required))

    def proper_names(self, text: str) -> list[str]:
        """Names of people, places and organisations in a Chinese question, except the corpus's own subject.

        A name that nearly every passage uses (the company the documents are about) pins nothing.
        """
        names = []
        for _, _, word, flag in _tagged(self.expand_honorifics(text)):
            word = normalise(word)
            if len(word) < 2 or not _CJK_ONLY.fullmatch(word) or word in _NOT_NAMES:
                continue
            if _is_name(word, flag, self._idf(word) is not None):
                idf = self._idf(word)
                if idf is None or idf >= SUBJECT_IDF:
                    names.append(word)
            elif flag in _PLACE_OR_ORG and self._idf(word) is None:
                # A rare body the corpus lacks ("深圳市政府") is pinned by the place it is named after.
                names += [piece for piece in jieba.cut_for_search(word) if piece != word and len(piece) >= 2
                          and _is_name(piece, posseg.dt.word_tag_tab.get(piece, ""), self._idf(piece) is not None)
                          and (self._idf(piece) or self.max_idf) >= SUBJECT_IDF]
        return list(dict.fromkeys(names))

    def novel_words(self, info: QuestionInfo, corpus_text: str) -> list[str]:
        """Words of the question (jieba's precise cut, two characters or more) that the corpus never uses."""
        if info.english:
            return [w.lower() for w in proper_nouns(info.text) if w.lower() not in corpus_text]
        words = segment_words(content_text(info.text))
        return [w for w in words if len(w) >= 2 and not w.isascii() and w not in corpus_text
                and not (set(w) & STOP_CHARS) and self.names.by_honorific(w) is None]

    def unknown_share(self, terms: dict[str, float]) -> float:
        """Share of the keyword weight carried by words the corpus never uses."""
        total = sum(terms.values())
        unknown = sum(w for t, w in terms.items() if t not in self.bm25.vocab and len(t) > 1
                      and not any(self._in_vocab(s) for s in SYNONYMS.get(t, ()))
                      and not (_CJK_ONLY.fullmatch(t) and self.text_idf(t) is not None and len(t) <= 4
                               and all(len(p) == 1 for p in self.tokenize(t))))
        return unknown / total if total else 0.0

    def _idf(self, term: str) -> float | None:
        t = self.bm25.vocab.get(term)
        return float(self.bm25.idf[t]) if t is not None else None

    def _single_character_words(self, tokens: Sequence[str]) -> dict[str, float]:
        """Words the tokenizer cuts into single characters on both sides ("米聊" as 米 / 聊), where the
        characters, run together, are a stretch of the passages' text: the name is one keyword."""
        found: dict[str, float] = {}
        run: list[str] = []
        for token in [*tokens, ""]:
            if len(token) == 1 and _CJK_ONLY.fullmatch(token) and token not in STOP_CHARS:
                run.append(token)
                continue
            i = 0
            while i < len(run) - 1:
                for j in range(min(len(run), i + 4), i + 1, -1):
                    word = "".join(run[i:j])
                    idf = self.text_idf(word)
                    if idf is not None:
                        found[word] = idf
                        i = j - 1
                        break
                i += 1
            run = []
        return found

    def _quoted_names(self, tokens: Sequence[str]) -> dict[str, float]:
        """A name the documents put in quotes (“米粉节”) that the tokenizer cuts into a word and a
        character (米粉 / 节): one keyword, or a sentence saying 米粉 alone stands in for it."""
        found: dict[str, float] = {}
        for a, b in zip(tokens, tokens[1:]):
            word = a + b
            if 1 in (len(a), len(b)) and _CJK_ONLY.fullmatch(word) and any(f"“{word}”" in t for t in self._texts):
                found[word] = self.text_idf(word) or self.max_idf
        return found

    def text_idf(self, word: str) -> float | None:
        """The idf of a string by the passages that contain it, None if none does."""
        if word not in self._text_idf:
            n, df = len(self._texts), sum(word in t for t in self._texts)
            self._text_idf[word] = max(math.log((n - df + 0.5) / (df + 0.5)), 0.1) if df else None
        return self._text_idf[word]

    def _pieces(self, token: str, single_weight: float) -> list[tuple[str, float]]:
        known = self._idf(token)
        # A word the corpus says otherwise (过期 for 期限) stays whole: term_match reads its synonyms.
        said = [w for s in SYNONYMS.get(token, ()) for w in self._in_vocab(s).split()] if known is None else []
        if said:
            return [(token, max(max(self._idf(w) or 0.0 for w in said), 0.1))]
        if known is None and not token.isascii():
            token = token.strip("".join(STOP_CHARS))
            known = self._idf(token)
            honorific = self.names.by_honorific(token)
            if honorific:
                return [(honorific, max(self._idf(honorific) or self.max_idf, 0.1))]
        if not token:
            return []
        if known is not None:
            return [(token, max(known, 0.1) if len(token) > 1 or token.isdigit() else single_weight)]
        if len(token) <= 1 or token.isascii():
            return [] if token in STOP_CHARS else [(token, single_weight)]
        pieces: list[tuple[str, float]] = []
        i = 0
        while i < len(token):
            for j in range(len(token), i + 1, -1):
                idf = self._idf(token[i:j])
                if idf is not None:
                    pieces.append((token[i:j], max(idf, 0.1)))
                    i = j
                    break
            else:
                if token[i] not in STOP_CHARS:
                    pieces.append((token[i], single_weight))
                i += 1
        if not any(len(p) > 1 for p, _ in pieces):
            return [(token, self.max_idf)]  # nothing of it is in the corpus: an unknown name or thing
        return pieces


# A question for some place besides the one it names.
_OTHER_PLACE = re.compile(r"\b(?:other|another|else|next)\b|另外?一?个|别的|其他|其它|又[^，,。？?]{0,6}(?:哪|什么)")


def _is_place(word: str) -> bool:
    return [s.text for s in find_spans(word, PLACE)] == [word]


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*(?:年|财年))")
_PERIOD = re.compile(r"第?([一二三四1-4])季度|([上下]半年|全年)")


# What a "how many / how much" question counts: "多少名员工" → 员工, "的营业收入是多少" → 收入.
_COUNTED_AFTER = re.compile(
    # ("这几款卖多少钱": 这几款 points at models named before; it counts nothing.)
    r"(?:多少(?!钱)|(?<![这那])几)[个名位件部台家款项次人辆张所条]?([\u4e00-\u9fff]{2,8}?)(?=[？?，,。呢吗啊]|$)"
)
_COUNTED_BEFORE = re.compile(r"的([\u4e00-\u9fff]{2,8}?)(?:是|为|有|达到|达|共有)?多少(?![\u4e00-\u9fff])")
_COUNTED_BARE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:是|为|有|达到|达|共有)?多少(?![\u4e00-\u9fff])")
_DEMONSTRATIVES = frozenset("这那该此")
# Words that say "an amount of" without saying of what: the word before them does.
_VERB_TAGGED_MEASURES = frozenset("收入 营收 销量 出货".split())
_GENERIC_MEASURES = frozenset("金额 数额 数量 数目 数字 总数 人数 规模 比例 总额".split())


# The kind of thing a which-question asks for, ending the question: "哪家视频平台", "哪个国家".
_KIND_OF_ANSWER = re.compile(r"(?:哪家|哪一家|哪个|哪一个|哪款|哪所|哪座|哪位)((?:(?![的了是在])[\u4e00-\u9fff]){2,4}?)"
                             r"(?:呢|啊|吗)?[？?]?$")
_KIND_WEIGHT = 0.3


@lru_cache(maxsize=16384)
def measured_word(question: str) -> str | None:
    """The word naming what a Chinese "多少" question counts or measures, if it says.

    Only the plain forms count: "多少名员工", "…的营业收入是多少" (the head word, 收入).
    Evidence that gives a number for something else (revenue for a head count) does not answer.
    A compound the synonym table knows is taken whole: "港股代码多少" measures 港股代码 (1810.HK),
    not any 代码.
    """
    word = _head_measured(question)
    if word == "个人":
        return None  # "几个人" counts people: the unit hint (人/名/位) reads it
    text = normalise(question)
    if word and len(word) > 2 and word[0] in "年月" and re.search(rf"\d{re.escape(word)}", text):
        word = word[1:]  # "2012年销售额": jieba's word 年销售额 swallows the year's 年
    wider = [k for k in SYNONYMS if word and len(k) > len(word) and k.endswith(word) and k in text]
    return max(wider, key=len) if wider else word


# Adverbs hedging the amount ("月活用户大概有多少"): not what is measured.
_HEDGE = re.compile(r"(?:大概|大约|大致|差不多|一共|总共|共计|到底|究竟|具体|约)(?=(?:是|为|有|达到|达|共有)?多少)")


def _head_measured(question: str) -> str | None:
    text = _HEDGE.sub("", normalise(question))
    m = _COUNTED_AFTER.search(text) or _COUNTED_BEFORE.search(text)
    if not m:
        # "小米营收多少": the noun right before 多少, written without 的.
        bare = _COUNTED_BARE.search(text)
        # "小米22年营收多少": the year's 年 is no part of the measure (cut with it, 营收 falls apart).
        counted = re.sub(r"^[年月日号](?=[\u4e00-\u9fff]{2})", "", bare.group(1)) if bare else ""
        if bare and counted != bare.group(1) and not re.search(r"\d$", text[: bare.start()]):
            counted = bare.group(1)
        tagged = [(w.word, w.flag) for w in posseg.cut(counted)] if counted else []
        # jieba tags some measures as verbs (收入); a verb proper (净赚) names nothing counted.
        # Nor does jieba tag every measure a noun: 出货量 is an idiom to it.
        if tagged and (tagged[-1][1].startswith("n") or tagged[-1][0] in _VERB_TAGGED_MEASURES
                       or tagged[-1][0].endswith(("量", "额"))) \
                and len(tagged[-1][0]) >= 2 \
                and tagged[-1][0] not in _GENERIC_MEASURES:
            return tagged[-1][0]
        return None
    words = [w for w in segment_words(m.group(1)) if len(w) >= 2 and not set(w) & _DEMONSTRATIVES]
    if words and words[-1] in _GENERIC_MEASURES:
        # "融资金额", "融资的金额是多少": the amount is the funding's.
        before = words[:-1] or [w for w in segment_words(text[: m.start()]) if len(w) >= 2]
        return before[-1] if before else None
    return words[-1] if words else None


# "What was Xiaomi's market capitalization when it listed?": the figure named, which a sentence giving the
# listing date does not state.
_WHAT_FIGURE = re.compile(r"\bwhat (?:was|is|were|are) (?:[\w-]+'s |the |its |their )?(market capitali[sz]ation"
                          r"|market cap|market value|valuation)\b")


# "How many Mi phones did…": the counted noun is the last word before the verb.
_HOW_MANY = re.compile(
    r"\bhow many ((?:[a-z]+ ){0,3}?[a-z]+)\s+(?:did|do|does|are|were|is|was|has|have|had|will|can)\b"
)


def measured_words(question: str) -> tuple[str, ...]:
    """What a "多少" or "how many" question counts, as the Chinese words any of which may name it."""
    match = _HOW_MANY.search(question.lower())
    if match:
        return tuple(chinese_keywords(match.group(1).split()[-1]))
    figure = _WHAT_FIGURE.search(question.lower())
    if figure:
        return tuple(chinese_keywords(figure.group(1)))
    word = measured_word(question)
    return (word,) if word else ()


# Where a measured figure is from, or what it is of: "海外市场收入" is not the company's whole revenue.
_QUALIFIERS = {"海外": ("海外", "境外", "国际"), "境外": ("海外", "境外", "国际"), "国内": ("国内", "境内", "中国大陆"),
               "实缴": ("实缴",)}  # paid-in capital is not the registered capital


_MEMBERS = {"成员", "委员", "人数"}
_MADE_OF_PEOPLE = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)\s*[人名位](?:组成|构成)")


def measure_stated(question: str, text: str) -> bool:
    """Whether a (normalised) evidence text names what the question counts, if the question says."""
    words = measured_words(question)
    if not words:
        return True
    asked = normalise(question)
    # The word or a synonym (发货量 by 出货量, 雇员 by 员工); sharing characters, which term_match
    # scores below 1, is not enough: 总收入 is not named by 海外市场收入. A body's members are
    # counted as the people it is made of: "由……等7人组成".
    named = any(term_match(w, text) == 1.0 for w in words) or (
        bool(set(words) & _MEMBERS) and bool(_MADE_OF_PEOPLE.search(text)))
    return named and all(
        any(f in text for f in forms) for q, forms in _QUALIFIERS.items() if q in asked)


@lru_cache(maxsize=8192)
def _times(text: str) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(_YEAR.findall(text)), frozenset(m.group(1) or m.group(2) for m in _PERIOD.finditer(text))


def conflicting_times(question: str, evidence: str) -> bool:
    """Whether the evidence is dated to another year or quarter than the one the question pins.

    "2023年第二季度营收" is not answered by a sentence about 2023年第一季度: both name a
    quarter and they differ. Evidence that names no year or quarter does not conflict.
    """
    asked_years, asked_periods = _times(normalise(question))
    years, periods = _times(normalise(evidence))
    return bool(asked_years and years and not asked_years & years) or bool(
        asked_periods and periods and not asked_periods & periods)


# "联通版", "64gb版"; not 版本 ("仅有一个版本" names no edition).
_EDITION = re.compile(r"([\u4e00-\u9fffa-z0-9]{2,4})版(?!本)")


def conflicting_editions(question: str, evidence: str) -> bool:
    """Whether the evidence is about another edition than the question's ("联通版" vs "电信版").

    Only when the evidence names an edition and nowhere mentions the one asked about.
    """
    text = normalise(evidence)
    # "先发布的新版系统": a new version is no edition; the edition is the word right before 版.
    # "是什么版本" asks which edition; it names none.
    asked = [a for m in _EDITION.finditer(normalise(question)) if (a := m.group(1).split("的")[-1])
             and a[-1] not in "新旧老原初首" and not re.search(r"什么|哪|啥", a)]
    if not (asked and _EDITION.search(text)):
        return False
    named = {m.group(1)[-2:] for m in _EDITION.finditer(text)}
    # A release stage is itself an edition: "首个内测版…正式发布" does not date the first 正式版.
    return not any(a[-2:] in named or (a[-2:] in text and a[-2:] not in _RELEASE_STAGES) for a in asked)


_RELEASE_STAGES = frozenset("正式 内测 公测 开发 稳定 体验 测试 国际 国行".split())
# "工厂二期", "第三期": a phase of a project.
_PHASE = re.compile(r"(?:第)?([一二三四五六七八九十\d])期")


_ROUND_NUMBER = re.compile(r"第([一二三四五六七八九十\d])轮")


def conflicting_phases(question: str, evidence: str) -> bool:
    """Whether the evidence is about another phase of a project than the question ("二期" vs "一期"),
    or another round of financing ("第二轮" vs "第一轮")."""
    question, evidence = normalise(question), normalise(evidence)
    return any(
        (asked := set(pattern.findall(question))) and (said := set(pattern.findall(evidence))) and not asked & said
        for pattern in (_PHASE, _ROUND_NUMBER)
    )


_UNADJUSTED = re.compile(r"未经?调整|非调整")
_ADJUSTED = re.compile(r"(?<!未)(?<!未经)(?<!非)(?:调整后|经调整)")


def conflicting_adjustment(question: str, evidence: str) -> bool:
    """Whether a figure asked on one basis is stated on the other only: "未经调整的净利润" is
    not answered by "调整后净利润", nor the other way round."""
    question, evidence = normalise(question), normalise(evidence)

    def basis(text: str) -> set[str]:
        return {name for name, pattern in (("unadjusted", _UNADJUSTED), ("adjusted", _ADJUSTED))
                if pattern.search(text)}

    asked, said = basis(question), basis(evidence)
    return bool(asked and said and not asked & said)


def conflicts(question: str, evidence: str) -> bool:
    """Whether the evidence is pinned to another year, quarter, month, day, edition, phase or
    accounting basis than the question."""
    return (conflicting_times(question, evidence) or conflicting_days(question, evidence)
            or conflicting_months(question, evidence) or conflicting_grain(question, evidence)
            or conflicting_editions(question, evidence) or conflicting_phases(question, evidence)
            or conflicting_adjustment(question, evidence))


_MONTH_OF = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_YEAR_END = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:底|末)")


def conflicting_months(question: str, evidence: str) -> bool:
    """Whether the evidence is dated to other months of the year the question pins a month of.

    "2023年6月小米发布了哪款手机" is not answered by a launch of 2023年2月, nor "截至2024年底" by a count
    of 2024年6月30日 (a year's end is its December). Months of other years are the year check's.
    """
    q, e = normalise(question), normalise(evidence)
    asked = {(int(y), int(m)) for y, m in _MONTH_OF.findall(q)} | {(int(y), 12) for y in _YEAR_END.findall(q)}
    years = {y for y, _ in asked}
    said = {(int(y), int(m)) for y, m in _MONTH_OF.findall(e) if int(y) in years}
    # "2019年6月 … 12月18日，人民日报…": a month written without its year is the sentence's own date.
    # So is one of 同年 ("2014年7月…；同年12月，…被禁止"): the year already named.
    bare = {int(m) for m in re.findall(r"(?:(?<![\d年])(?<!年\s)|(?<=[同当该]年))(\d{1,2})\s*月", e)}
    return bool(asked and said and not asked & said and not {m for _, m in asked} & bare)


_PART_OF_YEAR = re.compile(r"季度|[上下]半年")


def conflicting_grain(question: str, evidence: str) -> bool:
    """Whether a question about part of a year ("2013年第三季度") meets evidence dated to the whole year only
    ("2013年，售出手机1870万台"): a year's figure is not a quarter's."""
    q, e = normalise(question), normalise(evidence)
    part = _PART_OF_YEAR.search(q)
    if not part or _PART_OF_YEAR.search(e):
        return False  # a quarter against a quarter is the year-and-quarter check's
    months = {int(m) for m in re.findall(r"(?<!\d)(\d{1,2})\s*月", e)}
    if months:
        # "12月当月销售手机322.5万台" is not the third quarter's.
        return not months & _MONTHS_OF_PART.get(_part_name(q), set(range(1, 13)))
    return _YEAR.search(e) is not None


_QUARTER = re.compile(r"第?([一二三四1-4])季度|([上下])半年")
_MONTHS_OF_PART = {"1": {1, 2, 3}, "2": {4, 5, 6}, "3": {7, 8, 9}, "4": {10, 11, 12},
                   "上": set(range(1, 7)), "下": set(range(7, 13))}


def _part_name(question: str) -> str:
    """Which part of the year a question asks about: "1"…"4" for a quarter, 上 or 下 for a half."""
    m = _QUARTER.search(question)
    if not m:
        return ""
    quarter, half = m.groups()
    return str("一二三四".index(quarter) + 1) if quarter and quarter in "一二三四" else quarter or half


_FULL_DAY = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})[日号]")


def conflicting_days(question: str, evidence: str) -> bool:
    """Whether the evidence is dated to other days only, when the question pins one day.

    "2023年5月30日回购花了多少钱" is not answered by the buyback of 2023年5月29日.
    """
    def days(text: str) -> set[tuple[int, int, int]]:
        return {(int(y), int(m), int(d)) for y, m, d in _FULL_DAY.findall(normalise(text))}

    asked, said = days(question), days(evidence)
    return bool(asked and said and not asked & said)


# "集团经营管理委员会（简称：经管会）", "北京小米移动软件有限公司（以下简称小米公司）", "（下称“天马”）"
_DEFINED_SHORT = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9]{2,30})[（(](?:以下)?(?:简称|下称)[：:]?\s*[“\"]?([^”\"）)]{1,12})[”\"]?[）)]"
)


def corpus_aliases(texts: Iterable[str]) -> dict[str, str]:
    """Names the documents define a short form for, both ways (经营管理委员会 ↔ 经管会).

    The full name is cut back to start at the short form's first character ("小米设立集团经营
    管理委员会" → "经营管理委员会"), since short forms keep the full name's characters in order.
    """
    aliases: dict[str, str] = {}
    for text in texts:
        for m in _DEFINED_SHORT.finditer(text):
            before, short = m.group(1), m.group(2).strip()
            start = before.rfind(short[0])
            full = before[start:] if start >= 0 else before
            if len(full) > len(short) >= 2 and full != short:
                aliases.setdefault(normalise(full), normalise(short))
                aliases.setdefault(normalise(short), normalise(full))
    return aliases
