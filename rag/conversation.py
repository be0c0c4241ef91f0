"""Follow-up questions: resolve pronouns and elliptical questions from earlier turns."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import jieba

from .events import event_word
from .exclusion import split_exclusion
from .glossary import SYNONYMS, chinese_keywords, covered_words, figure_asked, glossed_names, proper_nouns
from .item_reference import resolve_item_reference, resolve_ordinal_of_unit, resolve_other_item
from .keywords import full_year
from .question import DATE, NUMBER, ORG, PERSON, PLACE, PRODUCT, YESNO, classify, content_text, is_english
from .records import Answer
from .relative_dates import counts_from_a_date, shift_dates
from .spans import BODY_KIND, BODY_NAME, Span, _tagged, find_spans

_CITATION = re.compile(r"\[\d+\]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff·]{2,6}|[A-Z][A-Za-z]+(?: (?:[A-Z][A-Za-z]+|\d+[A-Za-z+]*)){0,4}")
# Pronouns that stand for the person or thing the previous turn was about.
_PERSON_PRONOUN = re.compile(r"他们|她们|他|她|此人|这个人|这位|\b(?:he|she|him|his|her)\b", re.IGNORECASE)
_THING_PRONOUN = re.compile(
    r"该公司|这家公司|这个公司|该产品|这款产品|这款|那一轮|这一轮|那轮|这轮|这次|该|它|\b(?:it|its|the company)\b",
    re.IGNORECASE,
)
# "那是2019年的事吗", "这是在2021年吗": the last turn's event, dated.
_WAS_IT_THEN = re.compile(r"^(?:那|这)(?:是|是在|发生在)(?P<when>[^，,。？?]{2,14}?)(?:的事(?:情|儿)?)?"
                          r"(?:吗|么|吧|嘛)[？?]?$")
_AT_THAT_TIME = re.compile(r"^(?:当时|那时候?|当初|那会儿?)")
# "在那边", "那里": where the last answer said (a place, or a company one works at).
# ("京东那边呢" is 京东's side, not a place.)
_PLACE_PRONOUN = re.compile(r"(?:(?<=[在到去从于])|^)(?:那边|那里|那儿)")
# "How many years did he work there?"; not "Is there…", "there were…".
_ENGLISH_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\b(?! (?:is|are|was|were|be)\b)",
                            re.IGNORECASE)
_ROUND_PRONOUN = re.compile(r"那一轮|这一轮|那轮|这轮")
_DATED_BEFORE = re.compile(r"(?:年|月|日|号|底|初|末)\s*$")


# A question about someone else than the person just talked about.
_OTHER_PERSON = re.compile(r"\bwhich other (?:person|people|execs?|executives?|founders?|managers?|leaders?)\b"
                           r"|\bwho else\b|还有(?:哪位|哪个人|谁)|另外(?:哪位|一位|谁)|其他(?:哪位|人)|别的(?:哪位|人)",
                           re.IGNORECASE)


def _own_round(text: str) -> str | None:
    """Text with "那轮" put as 融资 when a date goes right before it ("2014年底那一轮"): a round dated by
    the question itself, not one an earlier turn named; None when the round is not dated so."""
    pointed = _ROUND_PRONOUN.search(text)
    if pointed is None or not _DATED_BEFORE.search(text[: pointed.start()]):
        return None
    return text[: pointed.start()] + "融资" + text[pointed.end():]
_ROUND = re.compile(r"(?:第[一二三四五六七八九十\d]+|最早那?|首)轮(?:融资)?")
_ENGLISH_ROUND = re.compile(r"\bthe (?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:funding )?round\b",
                            re.IGNORECASE)
_ENGLISH_ROUND_PRONOUN = re.compile(r"\b(?:that|this|the same) (?:funding )?round\b", re.IGNORECASE)
# Words for the year or the day the previous answer gave: "那一年全年卖了多少台", "2010年的这一天".
_YEAR_PRONOUN = re.compile(r"那一年|同一年|那年|这一年|这年|当年|同年"
                           r"|\b(?:in )?(?:that|the same|that same) (?:whole |same )?year\b", re.IGNORECASE)
_DAY_PRONOUN = re.compile(r"那一天|那天|这一天|这天|当天|同一天|同日|\b(?:the same day|that day|that date)\b",
                          re.IGNORECASE)
_MONTH_PRONOUN = re.compile(r"同一个月|同一月|同月|当月|那个月|那一个月|\b(?:in )?(?:the same|that same|that) month\b",
                            re.IGNORECASE)
# "那小米手机3呢？", "小米手机3呢", "And 2015?", "What about the Mi 3?"
_ELLIPSIS = re.compile(
    r"^(?:那么?|还有)\s*(?P<x>.+?)\s*(?:呢|的呢|怎么样|又如何)?\s*[？?]?$"
    r"|^(?P<z>.{1,16}?)\s*(?:呢|的呢)\s*[？?]?$"
    r"|^(?:and|what about|how about)\s+(?P<y>.+?)\s*[？?]?$",
    re.IGNORECASE,
)
# "那卢伟冰呢？他是哪个学校毕业的？", "那印尼呢？什么时候进入的？": a new topic, then the question about it.
_TOPIC_THEN_QUESTION = re.compile(
    r"^(?:那么?|还有)\s*(?P<x>[^，,。？?\s]{1,16}?)\s*(?:呢|的呢)\s*[？?，,]\s*(?P<rest>.+)$"
    # typed without a stop: "电动车呢能卖吗"
    r"|^(?:那么?|还有)?\s*(?P<bare>[^，,。？?\s哪谁啥什么几多]{1,12}?)\s*呢\s*(?P<asks>[^，,。？?\s]{1,12}[吗么不][？?]?)$")
_ASKS = re.compile(r"哪|什么|谁|多少|几|吗|是否|是不是|\b(?:when|who|where|what|how|which|is|was|were|did|does|do)\b",
                   re.IGNORECASE)


# Which rule rewrote a follow-up; TOPIC is a guess the engine double-checks.
NONE, ELLIPSIS, PRONOUN, TOPIC = "none", "ellipsis", "pronoun", "topic"


@dataclass(frozen=True)
class Turn:
    """One earlier exchange: what the user asked, what was answered, the short answer and how the
    question was understood, where known (a client that only keeps the text gets them re-derived)."""

    question: str
    answer: str = ""
    span: str = ""
    resolved: str = ""

    @classmethod
    def after(cls, answer: Answer) -> Turn:
        """The turn an answer closes, keeping how its question was understood."""
        return cls(answer.question, answer.text, answer.span or "", answer.resolved_question or "")


_ENGLISH_STOP = frozenset(
    "what when where which who whom whose why how is are was were do does did the a an of in on at to for by with "
    "from and or it its he she his her they them this that these those be been has have had can could will would "
    "about called named many much".split()
)


# Capitalised, but a date names no thing: "as of June 30, 2024, …" then "its rank" is not June's.
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)


_MODEL_SUFFIXES = frozenset("ultra pro max plus lite mini turbo se".split())


def _english_phrases(text: str) -> list[str]:
    """The names of an English text as whole phrases: "Huami Technology", "Redmi Note 12 Turbo"."""
    phrases: list[str] = []
    last_end = -1
    number: re.Match | None = None  # a number just before, which a name after it takes in ("the 13 Ultra")
    for i, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z0-9+]*|\d+[A-Za-z+]*", text)):
        w = m.group()
        named = i > 0 and w[0].isupper() and w.lower() not in _ENGLISH_STOP | _MONTHS
        joined = bool(phrases) and last_end >= 0 and text[last_end : m.start()].strip() == ""
        if named or (w[0].isdigit() and joined):
            if joined:
                phrases[-1] = text[text.rfind(phrases[-1], 0, last_end) : m.end()]
            elif number and text[number.end() : m.start()] == " " and w.lower() in _MODEL_SUFFIXES:
                phrases.append(text[number.start() : m.end()])
            else:
                phrases.append(w)
            last_end = m.end()
        else:
            last_end = -1
        number = m if w.isdigit() and not named else None
    return phrases


def _english_names(text: str) -> list[str]:
    """The words of an English text's names ("Redmi", "Note", "12", "Turbo")."""
    return [word for phrase in _english_phrases(text) for word in phrase.split()]


def _in_chinese_words(phrase: str) -> str:
    """An English name in the glossary's Chinese, word by word, when every word has one ("Huami Technology"
    → 华米科技); else as written."""
    words = phrase.split()
    chinese = [chinese_keywords(w) for w in words]
    if not words or not all(c and not c[0].isascii() for c in chinese):
        return phrase
    return "".join(c[0] for c in chinese)


def _entities(text: str) -> list[str]:
    """Names in a text, most specific first: people, products, organisations, other proper nouns."""
    found: list[str] = []
    for kind in ("person", "product", "organization"):
        found.extend(s.text for s in find_spans(text, kind)
                     if s.text.lower() not in _ENGLISH_STOP and s.text[0] not in _CLASSIFIERS)
    for _, _, word, flag in _tagged(text):
        if (flag in ("nr", "nz", "nt", "ns", "j") and len(word) >= 2 and not _common_abbreviation(word, flag)
                and word[0] not in _CLASSIFIERS):
            found.append(word)
    found.extend(_english_names(text))
    return list(dict.fromkeys(found))


# "种颜色", left of "哪几种颜色" once the question word is gone, opens with a classifier: no name does.
_CLASSIFIERS = "种个款家位项类台部条批"


def _common_abbreviation(word: str, flag: str) -> bool:
    """A common word jieba tags as an abbreviation or proper noun (同比, 通讯): it names nothing."""
    return flag in ("j", "nz") and (jieba.dt.FREQ.get(word) or 0) >= 1000


_COUNT = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?\s*(?:台|部|个|人|件|名|家|次|元|块)")


_OFFERED_AMOUNT = re.compile(r"(?:不到|超过|低于|高于|少于|多于|大于|小于|不足|\b(?:above|below|under|over|more than"
                             r"|less than)\s*)\d+(?:\.\d+)?\s*(?:[kKwW](?![A-Za-z])|[万千百])?")


def _named(question: str) -> bool:
    """Whether a question names what it is about (a name, product, organisation or number)."""
    # "首批10万台多久卖完": a count names no thing; a year, a date or a model number does.
    # "the 64GB model" names no phone, nor does the amount a yes/no question offers ("是不是不到6k").
    if re.search(r"\d", _CAPACITY.sub("", _COUNT.sub("", _OFFERED_AMOUNT.sub("", question)))):
        return True
    if is_english(question):
        # "How much did the second round raise?" names which round, as 第二轮 does.
        ordinal = re.search(r"\b(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:funding\s+)?"
                            r"(?:round|generation|quarter|half|edition|model|phase|batch)\b", question, re.I)
        return bool(_english_names(question) or _CJK_RUN.search(question) or ordinal)
    return bool(_entities(content_text(_OFFERED_AMOUNT.sub("", question))))


_SUBJECT_END = re.compile(r"是|的|叫|包括|包含|属于|在|有|和|与|跟|从|于|为|被|把|将|能|曾|已|哪|什么|啥|谁|几|多少")


def _subject(question: str) -> str | None:
    """The noun phrase a question opens with: "经管会是什么的简称" → 经管会."""
    text = re.sub(r"^(?:那么?|请问|那)", "", question.strip())
    # "小米的经管会是什么的简称": the body the question opens with, not whose it is.
    body = re.match(r"[^的，,？?]{2,8}的([\u4e00-\u9fffA-Za-z]{2,10}?"
                    r"(?:委员会|实验室|研究院|研究所|公司|集团|部门|[会部院所]))(?=是|在|有|于|由|的|成立|设立)", text)
    if body:
        return body.group(1)
    m = _SUBJECT_END.search(text)
    if m and m.group() == "的":
        words = _tagged(text[: m.start()])
        rest = text[m.end():]
        end = _SUBJECT_END.search(rest)
        if (len(words) == 2 and words[0][3] in _NAME_TAGS + ("n", "j", "eng") and words[1][3] in ("v", "vn")
                and len(words[1][2]) >= 2 and end and end.start() >= 2):
            # "小米入股的杰平方半导体是做什么的": what 小米入股 qualifies is the subject.
            text, m = rest, end
    subject = text[: m.start()].strip() if m else ""
    words = _tagged(subject)
    if len(words) >= 2 and words[-1][3] == "v" and len(words[-1][2]) == 1 and len(subject) >= 4:
        subject = subject[: -1]  # "第一代小米手环卖多少钱": the thing sold, not with 卖
    if len(subject) > 11:
        # A long opening ("小米第一轮融资后估值大概") is cut to its leading noun phrase.
        kept = ""
        for _, _, word, flag in _tagged(subject):
            if not (flag[0] in "nm" or flag in ("eng", "q", "vn", "j") or word == " "):  # "Redmi Book Pro 14"
                break
            kept += word
        subject = kept.strip()
    subject = re.sub(r"(?<=[\u4e00-\u9fff]{2})[里中内]$", "", subject)  # "许可项目里包括…": the 许可项目
    dated = re.match(r"(?:到|截至|截止|至|在|于)?(?:19|20)?\d{2}年"
                     r"(?:\d{1,2}月(?:\d{1,2}[日号])?|[底初末中]|年[底初中])?", subject)
    if dated:
        # "2012年销售额多少" opens with when, not with a thing "it" could be; "2014年底小米在印度…"
        # opens with when, then who did something there.
        doer = subject[dated.end():].strip()
        acts = m is not None and m.group() in ("在", "被", "把", "将", "和", "与", "跟", "从")
        return doer if acts and 2 <= len(doer) <= 11 else None
    return subject if 2 <= len(subject) <= 24 else None


_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+[轮代次届季期]?")
_MODEL = re.compile(
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,6}?\d{1,3}[A-Za-z+]*(?![\d.年月日号万亿元个台部位名次项岁周天届代%])")
_CODE = re.compile(r"(?<![A-Za-z0-9.])\d{1,3}[A-Za-z]{1,5}\+?(?![A-Za-z0-9.])")
_UNITS = frozenset("年 月 日 号 万 亿 台 部 个 元 % 万台 亿元".split())
_ORDINAL_UNIT = re.compile(r"[轮代次届季期]$")


def _topic(previous: str) -> str:
    """The content words of the previous question, to carry into a follow-up that names nothing."""
    if is_english(previous):
        # A model keeps its number: "Mi 1", "Note 7".
        # A year stays: "And the profit?" after "What was the revenue in 2020?" is 2020's profit.
        found = re.findall(r"(?:19|20)\d{2}年?(?:\d{1,2}月)?"
                           r"|[A-Za-z][A-Za-z0-9]*(?:&[A-Za-z]+)?(?: \d{1,3}[A-Za-z+]*\b)?"  # "R&D" stays whole
                           r"|[\u4e00-\u9fff]{2,}", previous)
        words = [w for w in found if w.lower() not in _ENGLISH_STOP]
        return " ".join(words)
    content = content_text(previous)
    # A date stays whole ("2019年1月18日"): its pieces alone would date nothing, and a later
    # "那2023年5月29日呢？" must find it to swap.
    dates = [d for d in _spans(content, "date")]
    # So does a body ("集团经营管理委员会"): its pieces would name any committee.
    dates += [Span(m.start(), m.end(), m.group(), "body") for m in BODY_NAME.finditer(content)]
    # And a model ("小米手机4", "小米3"): its number alone is too short to keep, and the name alone is any model.
    dates += [Span(m.start(), m.end(), m.group(), "model") for m in _MODEL.finditer(content)
              if not any(d.start <= m.start() < d.end for d in dates)]
    # A short model code the tokenizer cuts ("13U" → 13 / U) stays whole: its number alone is any model's.
    dates += [Span(m.start(), m.end(), m.group(), "model") for m in _CODE.finditer(content)
              if not any(d.start <= m.start() < d.end for d in dates)]
    # And a round named by when it came ("最早那轮"): 最早 alone reads as an adverb.
    dates += [Span(m.start(), m.end(), m.group(), "round") for m in _ROUND.finditer(content)
              if not m.group().startswith("第") and not any(d.start <= m.start() < d.end for d in dates)]
    keep = [d.text for d in dates]
    words = _tagged(content)
    for i, (start, _, word, flag) in enumerate(words):
        if any(d.start <= start < d.end for d in dates):
            continue
        if re.fullmatch(r"(?:第?[一二三四1-4]季度?|[上下]半年|全年)", word):
            keep.append(word)  # "一季度营收是多少" then "同比呢？": still the first quarter's
            continue
        if _ORDINAL.fullmatch(word):
            # "第一轮融资": which round is the topic too.
            bare = not _ORDINAL_UNIT.search(word) and i + 1 < len(words) and len(words[i + 1][2]) == 1
            keep.append(word + (words[i + 1][2] if bare else ""))
            continue
        joined = word + words[i + 1][2] if len(word) == 1 and i + 1 < len(words) and len(words[i + 1][2]) == 1 else ""
        if joined in SYNONYMS:
            keep.append(joined)  # "营收" cut as 营 + 收 is still the figure asked about
            continue
        if (flag[0] in "n" or flag in ("eng", "vn", "j", "l") or re.search(r"\d", word)) and len(word.strip()) >= 2:
            # "2020年" stays a year: a bare "2020" reads as any number; "10万台" stays a count.
            unit = ""
            for _, _, after, _ in words[i + 1 : i + 3] if word.isdigit() else ():
                if after not in _UNITS:
                    break
                unit += after
            keep.append(word.strip() + unit)
    return " ".join(dict.fromkeys(keep))


def _carried_topic(previous: str, turn: Turn, question: str) -> str:
    """The topic to carry into a follow-up that names nothing, led by the thing the last answer named
    when the last question asked which one ("哪家家电企业" → 美的集团, then "投了多少"); see `_topic_words`."""
    topic = _topic_words(previous, turn, question)
    if is_english(previous) and not is_english(question):
        # "投资方有哪些？" after "How much did Xiaomi raise in its first funding round?": the topic in the
        # documents' words (融资 第一 轮), with the names the glossary does not translate.
        names = {w.lower() for w in proper_nouns(previous)}
        kept = [w for w in topic.split() if not w.isascii() or w.lower() in names or re.search(r"\d", w)]
        numbers = re.findall(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?![A-Za-z0-9.])", previous)  # "13" of "13 Ultra"
        topic = " ".join(dict.fromkeys(chinese_keywords(previous) + numbers + kept))
    event = event_word(previous) if is_english(question) and _THAT_EVENT.search(question) else None
    if event:
        # "What kind of case caused that?" after "2014年几月份在印度被禁售了？": that is the event, 禁售 and all.
        topic = " ".join(dict.fromkeys(topic.split() + [event]))
    elif is_english(question) and not is_english(previous) and _glosses_own_thing(question, previous):
        # "Who is listed as the legal representative?" after "…企业地址写的是哪里？": the names go on,
        # the field asked last (企业 地址) would pull back to its own line.
        names = set(_entities(content_text(previous)))
        topic = " ".join(w for w in topic.split() if w in names or re.search(r"\d", w))
    if _DENIED.match(turn.answer):
        # "那是2019年的事吗" answered "不是：2018年4月25日…": the year offered was wrong; it goes no further.
        answer = _CITATION.sub("", turn.answer)
        topic = " ".join(w for w in topic.split() if not (_spans(w, "date") and w not in answer))
    named = _CITATION.sub("", turn.span).strip()
    if (named and len(named) <= 20 and named not in topic and classify(previous).type in (ORG, PRODUCT)
            and (_ASKS_WHICH.search(previous) or _ASKS_NAME.search(previous))):
        return f"{named} {topic}".strip()
    return topic


_ASKS_NAME = re.compile(r"叫什么|叫啥|名字|名称|全称")
_DENIED = re.compile(r"\s*(?:不是|不对|没有|否|No\b)")
# "What kind of case caused that?": a bare "that" is what the last question was about, event and all.
_THAT_EVENT = re.compile(r"\b(?:that|this)\s*[?？.!]?\s*$", re.IGNORECASE)


def _glosses_own_thing(question: str, previous: str) -> bool:
    """Whether an English question names, in its glossed Chinese words, a thing the last question did not."""
    return any(len(w) >= 3 and w not in previous for w in chinese_keywords(question))


def _topic_words(previous: str, turn: Turn, question: str) -> str:
    """The words of the last question to carry into a follow-up that names nothing.

    When the last Chinese question itself borrowed a topic ("起售价多少" read as "小米 13 ultra 起售价多少")
    and the follow-up asks about a thing of its own ("镜头跟谁一起搞的"), only the borrowed topic
    and the names the last question added go on: its attribute words (售价) would pull back to the price.
    """
    own = turn.question.strip()
    if is_english(own) or not _asks_own_thing(question):
        return _topic(previous)
    if previous == own or own not in previous:
        if _ELLIPSIS.match(question) or classify(previous).type not in (NUMBER, DATE):
            return _topic(previous)  # "哈利波特版呢" asks the same figure of another thing
        # "它售价多少" read as "小米手机4售价多少", then "同一场发布会上还推出了什么可穿戴设备": the thing
        # talked about goes on, the figure asked about last does not.
        attribute = _noun_before_asking(previous)
        return " ".join(w for w in _topic(previous).split() if w != attribute)
    borrowed = previous.replace(own, " ").split()
    named = set(_entities(content_text(own)))
    added = [w for w in _topic(own).split() if w in named or re.search(r"\d", w)]
    return " ".join(dict.fromkeys(borrowed + added))


def _asks_own_thing(question: str) -> bool:
    """Whether a Chinese question names a thing of its own to ask about (镜头, 平板), not only a pronoun."""
    return not is_english(question) and any(
        f[0] == "n" and len(w) >= 2 for _, _, w, f in _tagged(content_text(question)))


# "哪款手机", "推出了什么可穿戴设备": a question asking which thing, whose answer is then "它".
_ASKS_WHICH = re.compile(r"哪[款家个所部台]|什么(?!时候|时间|地方|意思)[\u4e00-\u9fff]{1,6}[？?]?$|\bwhich\b",
                         re.IGNORECASE)


# What only a person has: a hometown, a birth date, a degree, an age.
_PERSONAL = re.compile(r"老家|籍贯|家乡|哪里人|哪儿人|哪的人|出生|生日|哪年生|几几年生|生于"
                       r"|毕业|学历|学位|本科|硕士|博士|年龄|几岁|多少岁")


def _turns_before(history: Sequence[Turn]) -> Iterator[tuple[str, Turn]]:
    """The two turns before the last, latest first, each with its question as it was understood."""
    for i in range(len(history) - 2, max(len(history) - 4, -1), -1):
        yield _understood(history[i], history[:i]), history[i]


def _person_meant(previous: str, history: Sequence[Turn]) -> str | None:
    """Whom "他" stands for: the person of the last question or its answer, else of the turns before."""
    who = _referent(previous, history[-1], person=True)
    # "老家是山东的吗" named no one: "他" goes back to whom the turns before were about.
    earlier = (_referent(question, turn, person=True) for question, turn in _turns_before(history))
    return who or next((w for w in earlier if w), None)


def _referent(previous: str, turn: Turn, person: bool, question: str = "") -> str | None:
    """Who "他/she" or what "它/it" stands for, from the previous question and its answer."""
    asked = classify(previous).type
    answer = _CITATION.sub("", turn.answer)
    if person:
        if asked == PERSON:
            people = find_spans(turn.span or answer, "person") or find_spans(answer, "person")
            if people:
                return people[0].text
            if turn.span and _SHORT_NAME.fullmatch(turn.span):
                return turn.span  # a name the tagger does not know (原研哉) is still the answer given
        people = find_spans(previous, "person")
        return people[0].text if people else None
    products = [sp.text for sp in _spans(_CITATION.sub("", turn.span), "product")] if is_english(previous) else []
    if len(products) == 1 and re.match(
            r"\s*(?:what|which)\b[^?]*\b(?:device|phone|product|model|gadget|app|tablet|tv)\b", previous, re.I):
        # "What was Xiaomi's first wearable device?" then "How much was it?": the device the answer named.
        return products[0]
    if is_english(previous):
        # "How many members does 集团经营管理委员会 have?": a Chinese name in English is the thing.
        # A topic appended after the question mark is a guess, not a name the question used.
        asked = re.split(r"[?？]", previous)[0]
        names = _CJK_RUN.findall(asked)
        if names:
            return " ".join(names)
        phrases = _english_phrases(asked)
        if not phrases:
            return None
        # "According to IDC, what was Xiaomi's market share?": the owner of what was asked, not the source.
        owners = [p for p in phrases if re.search(rf"\b{re.escape(p)}(?:'s|’s)", asked)]
        phrases = owners[:1] or phrases
        # "它跟谁一起推出了智能跑鞋" after "what is Huami Technology in relation to Xiaomi?": the first name
        # is what the question was about, in the documents' words when the follow-up is Chinese.
        return _in_chinese_words(phrases[0]) if question and not is_english(question) else " ".join(phrases)
    doer = _doer(previous, question)
    if doer:
        return doer
    subject = _subject(previous)
    if subject and _OWNED.search(subject):
        subject = None  # "注册地址在哪？" then "它的经营范围…": an attribute is no thing "it" could be
    # "发布会上宣布哪款手机将首发…？" then "它是在哪里发布的？": the product just named is what 它 is,
    # unless the question opened with a product of its own ("小米13 Ultra是和哪家公司联合研发的？").
    own = _subject(turn.question)  # not a topic the last question borrowed ("小米 手机 售价 同一场发布会上…")
    if (asked in (PRODUCT, ORG) and turn.span and len(turn.span) <= 20 and _ASKS_WHICH.search(previous)
            and not (own and _spans(own, "product"))):
        return turn.span
    if asked in (PRODUCT, ORG) and turn.span and len(turn.span) <= 20 and _ASKS_NAME.search(previous):
        # "小米在日本成立的研究所叫什么？" then "When was it set up?": the thing whose name was given.
        return turn.span
    if subject:
        return subject
    if asked in (PRODUCT, ORG) and turn.span and len(turn.span) <= 20:
        return turn.span
    return next((e for e in _entities(previous) if not _OWNED.search(e)), None)


# What a company has, asked about it, or a field of its record: never the "it" of the next question.
_OWNED = re.compile(r"(?:地址|资本|代码|人数|员工|收入|营收|利润|净利|估值|股价|市值|销量|份额|排名|总部|年检|日期|期限"
                    r"|经营范围|类型|法人|法定代表人|登记机关)$")


def _doer(previous: str, question: str) -> str | None:
    """Who "它" is when it does again what the last question's subject did: "它又投了哪家芯片公司" after
    "小米投了一家做线控底盘的公司叫啥" is 小米, not the company it invested in."""
    m = re.search(r"(?:它|该公司|这家公司)(?:又|还|也|再|接着)+", question)
    words = _tagged(question[m.end():]) if m and not is_english(previous) else []
    if not words or not words[0][3].startswith("v"):
        return None
    verb = words[0][2]
    at = previous.find(verb)
    if at <= 0:
        return None
    before = [w for _, _, w, flag in _tagged(previous[:at]) if (flag[0] in "nj" or flag == "eng") and len(w) >= 2
              and not _spans(w, "date")]
    return before[-1] if before else None


def _spans(text: str, kind: str):
    return [s for s in find_spans(text, kind) if s.text.split()[0].lower() not in _ENGLISH_STOP]


_CAPACITY = re.compile(r"(?<![\dA-Za-z.])\d+(?:\.\d+)?\s*(?:G|GB|T|TB|寸|英寸|mAh|W|mm)(?![A-Za-z])", re.IGNORECASE)


def _capacity_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"64G的呢" after "小米3的16G版卖多少钱": a storage size (or other measure) takes the place of the one
    asked about, not of the product."""
    m = _CAPACITY.fullmatch(new.strip())
    old = _CAPACITY.search(previous) if m else None
    return (old.group(), new.strip()) if old else None


def _counterpart(previous: str, new: str) -> tuple[str, str] | None:
    """The part of the previous question that `new` takes the place of."""

    def typed(kinds: tuple[str, ...]) -> tuple[str, str] | None:
        for kind in kinds:
            new_spans = _spans(new, kind)
            if new_spans and new_spans[0].text == new.strip():
                old = _spans(previous, kind)
                if old:
                    return old[0].text, new
        return None

    swap = (_capacity_swap(previous, new) or _typed_swap(previous, new) or _same_tag(previous, new)
            or _head_noun(previous, new) or _attribute_swap(previous, new) or _named_thing_swap(previous, new)
            or _object_swap(previous, new))
    if swap:
        return swap
    aligned = _aligned(previous, new)
    pair = (aligned, new) if aligned else None
    if pair and _is_clause(new, previous, _common_prefix(aligned, new)):
        # "小米入股美的集团" after "小米和顺为资本入股爱奇艺…" is a new clause, not an item to swap in.
        pair = None
    return (
        typed(("date", "number", "person"))
        or (pair if aligned and len(_common_prefix(aligned, new)) >= 3 else None)
        or typed(("product", "organization", "place"))
        or pair
    )


_NAME_TAGS = ("ns", "nr", "nt", "nz")


def _same_tag(previous: str, new: str) -> tuple[str, str] | None:
    """"印尼" after "…进的印度市场": a lone place, person or organisation name takes the place of one of its kind."""
    words = [(w, f) for _, _, w, f in _tagged(new) if w.strip()]
    if len(words) != 1 or words[0][1] not in _NAME_TAGS:
        return None
    same = [w for _, _, w, f in _tagged(previous) if f == words[0][1] and w != new]
    return (same[0], new) if len(same) == 1 else None


def _head_noun(previous: str, new: str) -> tuple[str, str] | None:
    """"副秘书长" after "谁担任秘书长？": a new item ending in a word of the question narrows that word."""
    tagged = _tagged(previous)
    words = sorted({w for _, _, w, _ in tagged if len(w) >= 2}, key=len, reverse=True)
    for word in words:
        if new.endswith(word) and new != word and not re.search(r"\d", new):
            # "药品零售" after "…包括化妆品零售吗": the noun before the word goes with it (化妆品零售).
            at = previous.find(word)
            before = [w for start, end, w, f in tagged if end == at and f[0] == "n" and len(w) >= 2]
            return (before[0] + word if before and not new.startswith(before[0]) else word), new
    return None


_BODY = re.compile(r"(?:委员会|公司|集团|实验室|研究院|研究所|部门|[会部院所])$")


def _body_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"那人力资源委员会的呢？" after "经管会的副秘书长是谁？": one body takes the place of the body asked about."""
    body = new.removesuffix("的")
    subject = _subject(previous)
    if not (subject and _BODY.search(subject)):
        # "集团经营管理委员会一共有多少名成员": the body the question names, without what follows it.
        named = BODY_NAME.search(previous)
        subject = named.group() if named else subject
    if subject and subject != body and _BODY.search(body) and _BODY.search(subject):
        return subject, body
    return None


# How a Chinese follow-up asks what an English question asked.
_ASKED_IN_CHINESE = {NUMBER: "多少？", DATE: "是什么时候？", PERSON: "是谁？", PLACE: "在哪里？", ORG: "是哪家？"}


# A ranking a question places the company in: "世界500强" of "2022年小米在世界500强里排第几".
_RANKING = re.compile(r"(?:(?<=在)|(?<=\d年)|^)[^在，,。？?\s\d]{2,20}?(?:\d+强|百强|排行榜?|榜单?)")
_NAMES_RANKING = re.compile(r"(?:\d+强|百强|排行榜?|榜单?)$")


def _ranking_swap(previous: str, new: str) -> str | None:
    """"福布斯全球数字经济100强呢" after "2022年小米在世界500强里排第几": the place in the other ranking,
    whose year the last question's need not be."""
    old = _RANKING.search(previous)
    if not old or not _NAMES_RANKING.search(new) or new in old.group():
        return None
    swapped = previous[: old.start()] + new + previous[old.end():]
    return re.sub(r"(?<!\d)(?:19|20)?\d{2}年(?:度)?", "", swapped, count=1)


# "…的净利润是多少": the attribute a question asks the value of.
_ATTRIBUTE = re.compile(r"的([\u4e00-\u9fff]{2,8}?)(?:是|为|有)?(?:多少|什么|哪|谁|几)")


def _attribute_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"净利润呢？" after "2020年小米的收入是多少？": a plain noun takes the place of the attribute asked about.

    Without a 的 the attribute is the noun just before the asking word: "小米20年净利润多少".
    """
    plain = re.fullmatch(r"[\u4e00-\u9fff]{2,8}", new) and not _entities(new) and not _ORDINAL.match(new)
    if not plain:
        return None  # "第二轮呢" names which round, not what is asked of it
    m = _ATTRIBUTE.search(previous)
    attribute = _head_of(m.group(1), new) if m else _noun_before_asking(previous)
    return (attribute, new) if attribute and attribute != new else None


def _head_of(attribute: str, new: str) -> str:
    """The part of an attribute a noun with the same head takes the place of: 零售价 of "米家洗地机零售价"
    for "众筹价呢" (the 米家洗地机 stays); the whole attribute when the heads differ."""
    if attribute[-1] != new[-1]:
        return attribute
    suffix = ""
    for _, _, word, _ in reversed(_tagged(attribute)):
        suffix = word + suffix
        if len(suffix) >= max(2, len(new) - 1):
            return suffix
    return attribute


def _noun_before_asking(question: str) -> str | None:
    words = [(w, f) for _, _, w, f in _tagged(question) if w.strip()]
    for i, (word, _) in enumerate(words):
        if re.fullmatch(r"多少钱?|几|什么|哪|哪些|哪个|哪里|谁", word):  # a value is asked, not a yes or no
            before = [(w, f) for w, f in words[:i] if w not in ("是", "为", "有", "大概", "一共")]
            if before and before[-1][1][0] == "n" and len(before[-1][0]) >= 2 and not re.search(r"\d", before[-1][0]):
                # "小米统一社会信用代码是多少": a long compound is one field, not its last word (代码); the
                # question's opening word is whose field it is.
                run = [before[-1][0]]
                for w, f in reversed(before[1:-1]):
                    if f not in ("n", "vn"):
                        break
                    run.insert(0, w)
                compound = "".join(run)
                return compound if len(compound) >= 6 else before[-1][0]
            return None
    return None


# "小米物联网平台叫啥": what a question asks the name or nature of, up to its asking words.
_NAMED_THING = re.compile(r"^(.*?)(?:叫啥|叫什么|是什么|是啥|是哪个)")


def _named_thing_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"那操作系统呢" after "小米物联网平台叫啥": a plain noun takes the place of the thing whose name was asked.

    The thing is what follows the question's opening name (小米) or its last 的.
    """
    m = _NAMED_THING.match(previous.strip())
    if not m or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", new):
        return None
    asked = m.group(1)
    if "的" in asked:
        thing = asked.rsplit("的", 1)[1]
    else:
        words = [w for _, _, w, _ in _tagged(asked)]
        thing = asked[len(words[0]):] if len(words) > 1 and len(words[0]) >= 2 else ""
    return (thing, new) if len(thing) >= 2 and thing != new else None


_YES_NO_VERB = re.compile(r"有没有|是否|是不是|能不能|能否|可不可以|可以|包括|包含|含"
                          r"|能(?=[^，,。？?]{1,12}(?:不|吗|么)[？?]?$)")  # "能卖隐形眼镜不"


def _object_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"那隐形眼镜呢" after "经营范围里有没有零售化妆品这一项": a plain noun takes the place of what a
    yes/no question asked about, the last noun after its asking verb."""
    asking = _YES_NO_VERB.search(previous)
    # A name alone (那小米3呢) is another thing to ask about, but "象牙制品" is a plain noun with a name in it.
    if not asking or not re.fullmatch(r"[\u4e00-\u9fff]{1,8}", new) or new in _entities(new):
        return None
    runs: list[str] = []
    last_end = -1
    for start, end, word, flag in _tagged(previous):
        if start < asking.end() or flag[0] not in "nl" or flag == "vn":
            continue
        if start == last_end and runs:
            runs[-1] += word  # "象牙" + "制品" is one thing
        else:
            runs.append(word)
        last_end = end
    runs = [r for r in runs if len(r) >= 2]
    return (runs[-1], new) if runs and runs[-1] != new else None


_YES_NO_OPENING = re.compile(r"^(?:does|do|did|is|are|was|were|can|could|has|have|will|would)\b", re.IGNORECASE)
_ENGLISH_VERB = frozenset("cover covers include includes sell sells make makes offer offers allow allows permit "
                          "permits any some".split())


def _english_object_swap(previous: str, new: str) -> str | None:
    """"What about ivory products?" after "Does its business scope cover selling contact lenses?": the thing
    a yes/no question asked about, its last noun phrase, takes the new one's place."""
    if not (is_english(previous) and _YES_NO_OPENING.match(previous.strip())
            and re.fullmatch(r"[A-Za-z][A-Za-z '-]*", new)):
        return None
    if new[0].isupper():
        # "Temasek?" after "Was Qualcomm among the investors…": a name takes the place of the one named.
        names = _english_phrases(previous)
        return previous.replace(names[0], new, 1) if len(names) == 1 else None
    words = re.sub(r"[?？.!\s]+$", "", previous.strip()).split()
    cut = len(words)
    while cut > 1 and not (words[cut - 1].lower() in _ENGLISH_STOP | _ENGLISH_VERB
                           or re.search(r"(?:ing|ed)$", words[cut - 1].lower())):
        cut -= 1
    if cut == len(words) or cut < 2:
        return None
    return " ".join(words[:cut] + [new]) + "?"


def _is_clause(new: str, previous: str, prefix: str) -> bool:
    """Whether `new` repeats a word of `previous` beyond their shared prefix (so it restates, not names)."""
    rest = new[len(prefix):]
    return any(len(w) >= 2 and w in rest for _, _, w, _ in _tagged(previous))


def _typed_swap(previous: str, new: str) -> tuple[str, str] | None:
    """"第二轮融资后的估值" after "第一轮融资后估值多少": swap the typed part when the rest matches."""
    for kind in ("date", "number", "product", "person"):
        new_spans, old_spans = _spans(new, kind), _spans(previous, kind)
        if new_spans and old_spans and new_spans[0].text != new.strip():
            rest = [ch for ch in new.replace(new_spans[0].text, "") if "\u4e00" <= ch <= "\u9fff" and ch not in "的了"]
            if rest and sum(ch in previous for ch in rest) >= 0.75 * len(rest):
                return old_spans[0].text, new_spans[0].text
    return None


def _aligned(previous: str, new: str) -> str | None:
    """The stretch of `previous` sharing the longest prefix with `new`, e.g. 小米手机1 for 小米手机3."""
    best_start, best_len = -1, 1
    for i in range(len(previous)):
        n = len(_common_prefix(previous[i:], new))
        if n > best_len:
            best_start, best_len = i, n
    if best_start < 0:
        return None
    end = best_start + best_len
    rest = new[best_len:]
    if rest.startswith("的"):
        return None  # "2013年的收入" after "2013年卖了多少台": the shared part owns what follows, nothing to swap
    if rest and re.match(r"[A-Za-z0-9]", rest):
        tail = re.match(r"\d+[A-Za-z]*" if rest[0].isdigit() else r"[A-Za-z0-9]+", previous[end:])
        end += tail.end() if tail else 0
    else:
        end = min(len(previous), end + len(rest))
    return previous[best_start:end]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def names_pronoun(question: str) -> bool:
    """Whether a question refers to a person by a pronoun (他, she, his)."""
    return bool(_PERSON_PRONOUN.search(question))


def resolve_followup(question: str, history: Sequence[Turn]) -> str:
    """Rewrite a follow-up into a self-contained question, using the last turn (see `resolve_with_rule`)."""
    return resolve_with_rule(question, history)[0]


def resolve_with_rule(question: str, history: Sequence[Turn], carry_topic: bool = True) -> tuple[str, str]:
    """Rewrite a follow-up into a self-contained question, and say which rule did it.

    Earlier turns are resolved first, so chains of follow-ups work. In order:
    a reference to the items of a list answer ("Who chairs them?", 后者) names
    them (see `rag.item_reference`); an elliptical question ("那小米手机3呢？") takes the previous question with
    the new item swapped in; a pronoun is replaced by who or what it stands
    for; a question that names nothing ("起售价多少？") gets the previous
    question's topic in front.

    With `carry_topic` off, that last guess is left out: the question is resolved only as far as its
    own words point (那一年, 在那边), for reading it as a new question after all.
    """
    question = question.strip()
    if not history:
        return question, NONE
    # "Who chairs them?" after a list answer: the items are named first, then read like any question.
    # How the last question was read, once: every rule below builds on it.
    previous = _understood(history[-1], history[:-1])
    spans = [t.span for t in reversed(history[-4:])]
    # A list answered just now is what "the first one" points at; else a unit the last question named.
    referred = (resolve_other_item(question, [t.span for t in reversed(history)], previous)
                or resolve_item_reference(question, spans[:1]) or resolve_ordinal_of_unit(question, previous)
                or resolve_item_reference(question, spans))
    if referred:
        # The item names what is asked about: the last topic's words would only pull elsewhere.
        resolved, rule = _resolve(referred, history, previous, carry_topic)
        return (referred, PRONOUN) if rule in (NONE, TOPIC) else (resolved, rule)
    return _resolve(question, history, previous, carry_topic)


def _resolve(question: str, history: Sequence[Turn], previous: str, carry_topic: bool = True) -> tuple[str, str]:
    """The rules after the list-item reference, in the order `resolve_with_rule` gives;
    `previous` is the last question as it was understood."""
    turn = history[-1]
    dated = _dated(question, history, previous)
    if dated != question:
        resolved, rule = resolve_with_rule(dated, history, carry_topic)
        return resolved, PRONOUN if rule == NONE else rule

    then = _WAS_IT_THEN.match(question)
    if then and [d.text for d in _spans(then["when"], "date")] == [then["when"]]:
        # "那是2019年的事吗": whether what the last turn was about happened then.
        topic = _carried_topic(previous, turn, question)
        if topic:
            return f"{topic} 是{then['when']}的事吗？", PRONOUN

    if _AT_THAT_TIME.match(question) and carry_topic and classify(previous).type == DATE:
        # "当时是在纽交所上的吗" after "几号上市的": a question about the event just dated.
        topic = _carried_topic(previous, turn, question)
        if topic and not all(w in question for w in topic.split()):
            return f"{topic} {question}", TOPIC

    there = (_ENGLISH_THERE if is_english(question) else _PLACE_PRONOUN).search(question)
    if there:
        # "在那边大家管他叫啥" after "他之前在哪家公司干了22年？": 那边 is the place or company just answered;
        # after "小米啥时候开始进印度市场的", the place the question named.
        answered = _CITATION.sub("", turn.span).strip() if classify(previous).type in (ORG, PLACE) else ""
        places = {sp.text for sp in _spans(previous, "place")}
        named = answered or (places.pop() if len(places) == 1 else "")
        if named and len(named) <= 20:
            resolved, rule = resolve_with_rule(question.replace(there.group(), named, 1), history, carry_topic)
            if rule == NONE and not answered and carry_topic:
                # "之后产品还能在那边卖吗" after "那年年底它在印度是不是摊上了专利官司": still about that event.
                topic = " ".join(w for w in _carried_topic(previous, turn, question).split() if w != named)
                return (f"{topic} {resolved}".strip(), TOPIC) if topic else (resolved, PRONOUN)
            return resolved, PRONOUN if rule == NONE else rule

    other = _OTHER_PERSON.search(question)
    if other and not split_exclusion(question)[1]:
        # "Which other exec also went to Tsinghua?" after a turn about 卢伟冰: anyone but him; a "his"
        # in the question is the other one's.
        who = _person_meant(previous, history)
        if who:
            return (f"Besides {who}, {question}" if is_english(question) else f"除了{who}，{question}"), PRONOUN
    shown = _demonstrated(question, history)
    if shown:
        return shown, PRONOUN
    split = _TOPIC_THEN_QUESTION.match(question)
    if split and split["bare"]:
        # "电动车呢能卖吗" after "经营范围里能卖隐形眼镜不": the same yes/no about another thing.
        swap = _object_swap(previous, split["bare"])
        if swap:
            return previous.replace(*swap, 1), ELLIPSIS
    elif split and _ASKS.search(split["rest"]):
        new, rest = _in_chinese(split["x"], previous), split["rest"]
        swap = _object_swap(previous, new) if classify(rest).type == YESNO else None
        if swap:
            return previous.replace(*swap, 1), ELLIPSIS
        for pronoun in (_PERSON_PRONOUN, _THING_PRONOUN):
            if pronoun.search(rest):
                return pronoun.sub(new, rest, count=1), ELLIPSIS
        if not _named(rest):
            return f"{new}{rest}", ELLIPSIS
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        new = _ellipsis_item(question)
        new = _in_chinese(new, previous) if new else new
        holder = (_holder_of(new, previous) or _post_in(new, previous)) if new else None
        if holder:
            return holder, ELLIPSIS
        own = _own_round(new) if new else None
        if own:
            # "14年底那轮估值呢": the round the item dates itself, whatever round was asked last.
            return (own if _ASKS.search(own) else f"{own}是多少？"), ELLIPSIS
        if new and len(new) <= max(len(previous), 20):
            # "象牙制品呢？" then "药品零售呢？": the new item takes the place of the item asked about last.
            prior = _ellipsis_item(turn.question)
            dated = [d.text for d in _spans(new, "date")] == [new]  # "2023年" swaps the year, not the item
            body = _body_swap(previous, new)
            if body:
                return previous.replace(*body, 1), ELLIPSIS
            ranking = _ranking_swap(previous, new)
            if ranking:
                return ranking, ELLIPSIS
            asked_of = _english_object_swap(previous, new)
            if asked_of:
                return asked_of, ELLIPSIS
            if prior and prior != new and prior in previous and not dated:
                return _replace_item(previous, prior, new), ELLIPSIS
            years = set(re.findall(r"(?<![\d.])(?:19|20)\d{2}(?![\d.])", previous))
            if dated and _YEAR.fullmatch(new) and is_english(previous) and len(years) == 1:
                # "22年呢" after "Where did it place in the Fortune Global 500 in 2024?": that year swapped.
                return re.sub(rf"{years.pop()}年?", new, previous), ELLIPSIS
            # "那23年呢" after "小米20年净利润多少": a year written short takes the place of one written short.
            short = _SHORT_YEAR.search(previous)
            if dated and _YEAR.fullmatch(new) and short and not _YEAR.search(previous):
                return previous.replace(short.group(), new, 1), ELLIPSIS
            kind = _DOES.search(new)
            alone = kind is not None and _DOES.sub("", new) in ("", "那家", "那个", "那款", "那位")
            done = _DOES.search(previous) if alone else None
            if done and done.group() != kind.group():
                # "做车载芯片的那家呢" after "同年还入股了一家做底盘的 叫啥": what the thing asked about does.
                return previous.replace(done.group(), kind.group(), 1), ELLIPSIS
            # The item may stand in for something asked a few turns back.
            for earlier in [previous] + [_understood(t, history[:i]) for i, t in
                                         reversed(list(enumerate(history[:-1])))]:
                swap = _counterpart(earlier, new)
                if swap and swap[0] != swap[1] and (earlier is previous or _typed_swap(earlier, new)):
                    swapped = earlier.replace(swap[0], swap[1], 1)
                    # "注册资本呢" after "信用代码是什么号码": the 号码 was the code's, not the capital's.
                    swapped = swapped if "码" in new else re.sub(r"什么号码(?=[？?]?$)", "什么", swapped)
                    return _asking_figure(swapped, new), ELLIPSIS
            written = _CJK_RUN.findall(re.split(r"[?？]", previous)[0]) if is_english(previous) else []
            if len(written) == 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", new) and written[0] != new:
                # "热爱呢" after "What does 真诚 mean?": the Chinese word takes the place of the one written.
                return previous.replace(written[0], new, 1), ELLIPSIS
            # A new item with a verb of its own ("小米入股美的集团") is a whole new clause: the old topic would mislead.
            words = _tagged(new)
            # A verb with an object and a subject before it; 营业收入 is a noun, and "占已发行股份的比例"
            # opens with its verb: an attribute of the last topic, not a clause of its own.
            opens_with_verb = bool(words) and words[0][3] == "v" and not _spans(new, "date")  # not "到2024年6月底"
            clause = not opens_with_verb and any(f == "v" for _, _, _, f in words[:-1])
            topic = "" if clause else _carried_topic(previous, turn, question)
            topic = _other_figures_dropped(topic, new)
            if re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", new) or _SHORT_YEAR.search(new):
                # "What about granted patents as of June 30, 2024?": the item's own year, not the last one's.
                topic = " ".join(w for w in topic.split() if not re.fullmatch(r"(?:19|20)\d{2}年?(?:\d{1,2}月)?", w))
            asked = _ENGLISH_ASKED.search(previous) if is_english(previous) else None
            if asked:
                # "那愿景呢？" or "And the vision?" after "What is Xiaomi's mission?": the vision takes the
                # mission's place.
                dropped = set(chinese_keywords(asked.group(1))) | set(asked.group(1).lower().split())
                topic = " ".join(w for w in topic.split() if w.lower() not in dropped)
            tail = _asking_tail(previous)
            if not tail and is_english(previous) and not is_english(new):
                # "亚军呢？" after "How many championships…?": asked the way the English question asked.
                tail = _ASKED_IN_CHINESE.get(classify(previous).type, "")
            if re.search(r"[年月日度]的[\u4e00-\u9fff]{2,4}$", new):
                # "2013年的收入呢" names what it asks: not the 台 of "卖了多少台手机".
                tail = re.sub(r"(多少|几).*$", r"\1？", tail)
            return _asking_figure(f"{topic} {new} {tail}".strip(), new), ELLIPSIS
    if _PERSON_PRONOUN.search(question):
        who = _person_meant(previous, history)
        if who:
            return _PERSON_PRONOUN.sub(who, question, count=1), PRONOUN
    if _PERSONAL.search(question) and not is_english(question) and not _named(question):
        # "老家哪的" after "雷军哪年生的": what only a person has is asked of the person talked about.
        who = _person_meant(previous, history)
        if who:
            return f"{who}{question}", PRONOUN
    rounds = list(_ROUND.finditer(previous))
    if rounds and _ROUND_PRONOUN.search(question) and _own_round(question) is None:
        # "那一轮之后公司值多少钱" after "第二轮融资…": the round the last question named (the last named
        # in "小米 第一轮 融资 第二轮呢？融了多少钱？", where the topic carried comes first).
        return _ROUND_PRONOUN.sub(rounds[-1].group(), question, count=1), PRONOUN
    named_round = (_ENGLISH_ROUND.findall(previous) or [f"{r.group()}融资" if "融资" not in r.group() else r.group()
                                                       for r in rounds]) if is_english(question) else []
    if named_round and _ENGLISH_ROUND_PRONOUN.search(question):
        # "Who invested in that round?" after "小米第一轮融资融了多少": the round just named.
        return _ENGLISH_ROUND_PRONOUN.sub(named_round[-1], question, count=1), PRONOUN
    thing = _THING_PRONOUN.search(question)
    if thing and thing.group().lower() == "the company":
        # "How did the company describe it?": the company is the documents'; "it" is what the turn is about.
        thing = next((m for m in _THING_PRONOUN.finditer(question, thing.end()) if m.group().lower() != "the company"),
                     thing)
    kind = _THE_KIND.search(question) if is_english(question) and (
        not thing or thing.group().lower() == "the company") else None
    if kind and not _english_names(question.replace("Xiaomi", "")):
        # "How did the company describe the app back then?" after "When did Xiaomi release 米聊?": "the app"
        # is the thing just talked about, as "it" would be; never the company, which has its own words.
        what = _referent(previous, turn, person=False, question=question)
        # One name only: words a follow-up borrowed ("13U 镜头") are a topic, not the thing.
        if what and " " not in what.strip() and not _company_like(what) and not _spans(what, "place"):
            return f"{question[: kind.start()]}{what}{question[kind.end():]}", PRONOUN
    own = _own_round(question) if thing and _ROUND_PRONOUN.fullmatch(thing.group()) else None
    if own:
        # "2014年底那一轮公司估值到多少了": the round the question dates itself.
        return own, NONE
    if thing and is_english(question) and _points_inside(question, thing):
        # "…of the Redmi brand when it became independent?": "it" is the thing the question just named.
        return question, NONE
    if thing:
        what = _referent(previous, turn, person=False, question=question)
        if _doer(previous, question) is None:
            # "同年它还入股了哪家家电企业" after a turn that never said 入股: who did it a few turns back.
            doers = (_doer(earlier, question) for earlier, _ in _turns_before(history))
            what = next((d for d in doers if d), what)
        if len(history) >= 2 and _borrowed_topic(turn):
            # "排第几" read as "手机 份额 小米 2014 IDC 排第几": its borrowed keywords name nothing in order;
            # "it" is what the question it borrowed them from was about: in English, the owner it named
            # ("Xiaomi's market share"), not the doer of "did Xiaomi open a research institute", where "it"
            # may as well be the institute; in Chinese, when the borrowed words give no name at all.
            at = len(history) - 2
            while at > 0 and _borrowed_topic(history[at]):
                at -= 1  # "用的啥镜头", "跟谁一起研发的": a chain of borrowings goes back to "13U多少钱起"
            earlier = _understood(history[at], history[:at])
            meant = _referent(earlier, history[at], person=False, question=question)
            owner = bool(meant) and is_english(earlier) and bool(re.search(rf"{re.escape(meant)}(?:'s|’s)", earlier))
            named = bool(meant) and bool(_entities(meant))  # not "小米2023年", where "it" is the figure asked
            # "How many patents had been granted to Xiaomi?", then "那影像技术方面的呢", then "…had its R&D
            # reached?": English "it" goes on with the name an English question gave, not the borrowed words.
            spoken = is_english(question) and is_english(earlier) and meant in _english_names(earlier) \
                and not re.fullmatch(r"[A-Z]{2,3}", meant) \
                and not any(_spans(g, "place") for g in glossed_names(meant))  # not the US of "in US dollars"
            if owner or spoken or (named and not is_english(earlier) and not (what and _entities(what))):
                what = meant
        if (what and is_english(question) and not is_english(previous) and classify(previous).type == NUMBER
                and (_FIGURE_CHANGE.search(question) or classify(question).type == NUMBER)
                and not _spans(what, "product") and not _entities(what)):
            # "By how much did it drop?" after "小米2023年第一季度营收是多少？": "it" is the figure asked
            # about, dated as it was, not the company the question opened with.
            what = _topic(previous)
        if what and thing.group().lower() == "the company" and " " not in what.strip() and not _company_like(what):
            # "Where did the company move?" after "When did 米聊 come out?": 米聊 is no company; the company
            # is the one the documents are about.
            return question, NONE
        if what and _acts(question, thing):
            # "Which other market did it enter?" after a question about 印度: a country enters no market;
            # "it" is whoever did something there.
            what = " ".join(w for w in what.split() if [s.text for s in _spans(w, "place")] != [w])
            if not what:
                return question, NONE
        if what:
            return f"{question[: thing.start()]}{what}{question[thing.end():]}", PRONOUN
        field = _subject(previous)
        left = is_english(previous) and _THING_PRONOUN.search(previous)  # "it" went unnamed last time too
        if is_english(question) and (left or (field and _OWNED.search(field))):
            # "Which authority is it registered with?" after "最近一次年检是啥时候": the field asked names
            # nothing "it" could be; "it" is what the documents are about, not the field.
            return question, NONE
    if carry_topic and (not _named(question) or (is_english(question) and _THE_DEAL.search(question)
                                                  and not _english_names(_THE_DEAL.sub("", question).replace(
                                                      "Xiaomi", "")))):
        # "Who signed the agreement on the Xiaomi side?": the agreement the conversation is about.
        topic = _carried_topic(previous, turn, question)
        if _LATER.search(question):
            # "后来搬哪去了": what came after the date talked about is not on that date.
            topic = " ".join(w for w in topic.split()
                             if not _spans(w, "date") and not re.fullmatch(r"[\d月日号年]+", w))
        if topic:
            # An English question keeps its question word first: that is how its type and its names are read.
            return (f"{question} {topic}" if is_english(question) else f"{topic} {question}"), TOPIC
    return question, NONE


_ENGLISH_DOER = re.compile(r"\b(?:did|does|do|has|have|had|will|would|can|could)\s+it\s+(?!be\b|have\b)[a-z]+"
                           r"|\bit\s+(?:then\s+|also\s+|later\s+)?[a-z]+ed\b", re.IGNORECASE)


def _acts(question: str, pronoun: re.Match) -> bool:
    """Whether the pronoun is the doer of the question's verb ("did it enter", "它又去了"), not what
    something belongs to or is said of."""
    if is_english(question):
        return bool(_ENGLISH_DOER.search(question))
    words = [w for w in _tagged(question[pronoun.end():]) if w[2] not in "又还也再接着"]
    return bool(words) and words[0][3].startswith("v") and words[0][2] not in ("是", "有", "叫")


_THE_DEAL = re.compile(r"\bthe (?:agreement|deal|contract|ceremony|signing|partnership|lab|laboratory|event|launch)\b",
                       re.IGNORECASE)


# "这个研究所", "那家公司": a thing of a kind named just before.
_DEMONSTRATIVE = re.compile(r"这个|那个|这家|那家|这所|那所|这款|那款|该")


# "the app", "that phone": a thing named by its kind alone, as "it" would be; not "the phone market".
_THE_KIND = re.compile(r"\b(?:the|that|this) (?:app|application|phone|handset|smartphone|device|gadget|product"
                       r"|tablet|car|vehicle|chip|chipset|model|service|software)\b"
                       r"(?! (?:market|business|industry|makers?|brand|sales|shipments|lines?|category|segment"
                       r"|division|department|unit|team|arm|sector|series|group|price|prices)\b)",
                       re.IGNORECASE)


def _company_like(name: str) -> bool:
    """Whether a name could be a company's: an organisation, or a proper name that is not a product."""
    if _spans(name, "organization") or re.search(r"公司|集团|企业|Corporation|Group|Inc\b|Ltd\b", name):
        return True
    return bool(_english_names(f"x {name}")) and not _spans(name, "product")


def _borrowed_topic(turn: Turn) -> bool:
    """Whether a turn was read with the topic of the one before put around its own words."""
    resolved, own = turn.resolved.strip(), turn.question.strip()
    # "那影像技术方面的专利授权呢" read as "专利 小米 授权 2024 影像技术方面的专利授权 多少？": its item,
    # with borrowed words around it.
    item = re.sub(r"^(?:那么?|还有)\s*|\s*(?:呢|的呢)?\s*[？?]?$", "", own)
    return resolved != own and " " in resolved and (resolved.endswith(own) or resolved.startswith(own)
                                                     or (len(item) >= 4 and _ELLIPSIS.match(own) is not None
                                                         and not is_english(own) and item in resolved))


# "By how much did it drop?": a question about how a figure moved, whose "it" is the figure.
_FIGURE_CHANGE = re.compile(r"\b(?:by how much|drop|fall|fell|rise|rose|grow|grew|increase|decrease|decline|change"
                            r"|compare|year on year|up|down)\b", re.IGNORECASE)


_SUBORDINATE = re.compile(r"\b(?:when|after|before|since|because|while|once|until|whether|if|that|announced?|said"
                          r"|says|confirmed|stated|reported|revealed)\s*$", re.IGNORECASE)


def _points_inside(question: str, pronoun: re.Match) -> bool:
    """Whether an English "it"/"its" stands for a name the question gives before it: after a conjunction
    ("the Redmi brand when it became independent"), or as the owner of a thing ("the Xiaomi SU7 one of its
    products"). "How much did Xiaomi put into it?" points back to the conversation."""
    before = question[: pronoun.start()]
    # "And the tablet announced that day — what was its starting price?": a thing set off before the question.
    if re.match(r"(?:and |but |so )?the [a-z][\w -]*[—–]\s*(?:what|which|how|when|where|who)\b", before, re.I):
        return True
    named = _english_names(before) or _CJK_RUN.search(before)
    # "In early 2023 Xiaomi created a committee. How many members does it have?": a sentence of its own
    # before the question names what "it" is.
    told = re.search(r"[.;:]\s+\S", before)
    return bool(named) and (bool(_SUBORDINATE.search(before)) or pronoun.group().lower() == "its" or bool(told))


# A post someone holds: "秘书长呢？" asks who holds it.
_POST = re.compile(r"(?:副|首席)?(?:总裁|董事长|总经理|主席|主任|部长|秘书长|院长|校长|总监|会长|理事长|行长|社长|书记"
                   r"|参谋长|负责人|创始人|法定代表人|CEO|CFO|CTO|COO)", re.IGNORECASE)


def _holder_of(new: str, previous: str) -> str | None:
    """"集团经营管理委员会的秘书长是谁？" for "秘书长呢？" after "集团经营管理委员会有几个成员": a post asked
    after a question that was not who-asking asks who holds it, of the body or thing asked about."""
    if not _POST.fullmatch(new) or is_english(previous) or classify(previous).type == PERSON:
        return None  # after "谁担任秘书长", "副秘书长呢" narrows the post asked (see `_head_noun`)
    body = BODY_NAME.search(previous)
    holder = body.group() if body else _subject(previous)
    return f"{holder}的{new}是谁？" if holder and new not in holder else None


def _post_in(new: str, previous: str) -> str | None:
    """"人力资源委员会的秘书长是谁？" for "那人力资源委员会的呢" after "秘书长是谁": a body asked after a
    question about who holds a post asks who holds that post in it."""
    body = re.sub(r"的$", "", new)
    posts = _POST.findall(previous)
    if is_english(previous) or not BODY_KIND.search(body) or not posts or classify(previous).type != PERSON:
        return None
    return f"{body}的{posts[-1]}是谁？"


_LATER = re.compile(r"^(?:后来|之后|此后|再后来)|\b(?:later|afterwards|after that)\b", re.IGNORECASE)


# "that committee", "this lab": in English the demonstrative and the kind come as one phrase.
_ENGLISH_DEMONSTRATIVE = re.compile(
    r"\b(?:that|this|the same) (committee|lab|laboratory|company|university|institute|cent(?:er|re)|foundation)\b",
    re.IGNORECASE)


def _pointed_kinds(question: str) -> tuple[int, int, list[str]] | None:
    """Where a question points at a thing by its kind ("这个研究所", "that committee"), and the Chinese
    endings that kind may have (all the lengths of "研究所" read from the question; 委员会 for committee)."""
    if is_english(question):
        m = _ENGLISH_DEMONSTRATIVE.search(question)
        return (m.start(), m.end(), chinese_keywords(m.group(1))) if m else None
    m = _DEMONSTRATIVE.search(question)
    if not m:
        return None
    after = question[m.end():]
    kinds = [after[:k] for k in range(min(len(after), 6), 1, -1)]
    return m.start(), m.end(), kinds


def _demonstrated(question: str, history: Sequence[Turn]) -> str | None:
    """The question with "这个研究所" put as the name it points at ("产品制造研究所"), the latest
    answer or question naming a thing whose name ends in the kind the question gives."""
    pointed = _pointed_kinds(question)
    if not pointed:
        return None
    start, end, kinds = pointed
    for turn in reversed(history[-3:]):
        names = [_CITATION.sub("", turn.span)] + [q for q in re.findall(r"[“\"「]([^”\"」]{2,20})[”\"」]", turn.answer)]
        names += _bodies_named(turn.resolved or turn.question)  # "那人力资源委员会的秘书长呢"
        for name in filter(None, names):
            fitting = [k for k in kinds if len(name) > len(k) and name.endswith(k)]
            if fitting and len(name) <= 20:
                return _put_in(question, start, end, fitting[0], name)
    return None


def _bodies_named(question: str) -> list[str]:
    """The bodies a question names by name (人力资源委员会), last named first; not a kind it asks which of
    (哪两个委员会)."""
    names = [re.sub(r"^(?:那|这|该)[个家所款]?", "", s.text) for s in reversed(find_spans(question, ORG))]
    # Bodies only (a company is named without its 公司), and none of "一家做线控底盘的公司".
    return [n for n in names if len(n) >= 4 and BODY_KIND.search(n) and not re.search(r"哪|什么|几|些|^[一两二三]", n)]


def _put_in(question: str, start: int, end: int, kind: str, name: str) -> str:
    """The question with the thing pointed at (question[start:end], followed by `kind` in Chinese) named."""
    if is_english(question):
        return question[:start] + name + question[end:]
    after = question[end:]
    return question[:start] + name + after[len(kind):]


def demonstrated_short_form(question: str, history: Sequence[Turn], aliases: Mapping[str, str]) -> str | None:
    """The question with "这个委员会" (or "that committee") put as the short form an earlier question used
    for a body of that kind ("经管会", short for 经营管理委员会); `aliases` maps short forms to the
    documents' full names."""
    pointed = _pointed_kinds(question)
    if not pointed:
        return None
    start, end, kinds = pointed
    for turn in reversed(history[-3:]):
        said = f"{turn.question} {turn.resolved}"
        for short, full in aliases.items():
            if not (2 <= len(short) < len(full) and short in said):
                continue
            fitting = [k for k in kinds if full.endswith(k)]
            if fitting:
                return _put_in(question, start, end, fitting[0], short)
    return None


def _dated(question: str, history: Sequence[Turn], previous: str) -> str:
    """The question with "那一年" / "这一天" / "一周前" put as the date the conversation gave.

    The date is the previous answer's, else the one its question named, else an earlier answer's or
    question's: after "哪一天定为米粉节" (4月6日), "2010年的这一天" is 2010年4月6日; after 2011年9月5日,
    "一周前" is 2011年8月29日 (see `rag.relative_dates`).
    """
    if not (_YEAR_PRONOUN.search(question) or _DAY_PRONOUN.search(question) or _MONTH_PRONOUN.search(question)
            or counts_from_a_date(question)):
        return question  # most follow-ups name no date: the history's dates need not be found
    turn = history[-1]
    dates = [d.text for d in _spans(turn.span, "date")] + [d.text for d in _spans(previous, "date")]
    # "5月29号…" then "第二天呢": the year is in the sentence answered, not in the question.
    dates += [d.text for d in _spans(_CITATION.sub("", turn.answer), "date")]
    # "23年带小米…的高管叫啥" dates its question with a short year, which no date span reads: still the
    # latest date talked about, before any earlier turn's.
    dates += [f"{full_year(y)}年" for y in _SHORT_YEAR.findall(turn.resolved or turn.question)]
    earlier = list(reversed(history[:-1]))
    # Then each earlier turn, latest first: "three months later" counts from the last date talked about.
    dates += [d.text for t in earlier for text in (t.span, t.resolved or t.question, _CITATION.sub("", t.answer))
              for d in _spans(text, "date")]
    # An earlier turn's short year ("小米17年营业额多少") comes after every date read above.
    dates += [f"{full_year(y)}年" for t in earlier for y in _SHORT_YEAR.findall(t.resolved or t.question)]
    if not dates:
        return question
    dates = _event_dates(question, history) + dates
    # "And in 2024, what was the revenue?" names its year without 年.
    dates = [f"{d}年" if re.fullmatch(r"(?:19|20)\d{2}", d) else d for d in dates]
    month = next((m.group() for d in dates if (m := re.search(r"(?:19|20)\d{2}年\d{1,2}月", d))), None)
    if month:
        # "同一个月后来回购了多少股" after 2019年1月6日: that month, whichever day.
        question = _MONTH_PRONOUN.sub(month, question, count=1)
    question = shift_dates(question, dates)
    if not (_YEAR_PRONOUN.search(question) or _DAY_PRONOUN.search(question)):
        return question
    day = re.search(r"(?:\d{1,2}月)?\d{1,2}[日号]", dates[0])
    year = re.search(r"(?:19|20)\d{2}年", dates[0])
    if year:
        question = _YEAR_PRONOUN.sub(year.group(), question, count=1)
    if day:
        question = _DAY_PRONOUN.sub(day.group() if re.search(rf"\d年的?(?:{_DAY_PRONOUN.pattern})", question)
                                    else dates[0], question, count=1)
    return re.sub(r"((?:19|20)\d{2}年)的(\d{1,2}月)", r"\1\2", question)


_EVENT_DAY = re.compile(r"(?:的)?(?:那一天|那天|当天)")


def _event_dates(question: str, history: Sequence[Turn]) -> list[str]:
    """The dates of the turn that told of the event a day is named by: "发布会那天" is the day of the
    launch the conversation dated, not of whatever was answered last."""
    m = _EVENT_DAY.search(question)
    before = question[: m.start()] if m else ""
    events = [before[-k:] for k in (4, 3, 2) if re.fullmatch(r"[\u4e00-\u9fff]+", before[-k:] or "-")]
    if not events or len(history) < 2:
        return []
    for turn in reversed(history):
        told = f"{turn.question} {_CITATION.sub('', turn.answer)}"
        if any(event in told for event in events):
            return [d.text for d in _spans(_CITATION.sub("", turn.answer), "date")]
    return []


def _understood(turn: Turn, before: Sequence[Turn]) -> str:
    """How an earlier question was read: as the engine answered it, else resolved again.

    The engine may have answered a question on its own after all (see `Engine.ask`); a follow-up
    builds on that reading, not on the topic guess it set aside.
    """
    return turn.resolved or resolve_followup(turn.question, before)


def _replace_item(previous: str, prior: str, new: str) -> str:
    """`previous` with `new` in place of `prior`; a date in `new` replaces the previous question's date.

    "那2023年的总收入呢？" after "2020年的净利润是多少？" asks for 2023's revenue, not 2020's.
    """
    date = next(iter(_spans(new, "date")), None)
    old = next((s for s in _spans(previous, "date") if s.text not in prior), None)
    if date is None or old is None or date.text == new.strip():
        return previous.replace(prior, new, 1)
    rest = re.sub(r"^\s*的", "", new.replace(date.text, "", 1)).strip()
    return previous.replace(prior, rest, 1).replace(old.text, date.text, 1)


# What an English question asks of its topic: the mission of "What is Xiaomi's mission?".
_ENGLISH_ASKED = re.compile(r"(?:'s|\bits|\btheir|\bthe)\s+([a-z][a-z -]{1,30}?)\s*[?？.]?\s*$", re.IGNORECASE)


def _ellipsis_item(question: str) -> str | None:
    """The item of an elliptical question ("那小米手机3呢？" → 小米手机3), or None for a full question."""
    m = _ELLIPSIS.match(question.strip())
    if not m:
        return None
    item = (m.group("x") or m.group("z") or m.group("y") or "").strip()
    item = re.sub(r"^(?:(?:in|for|during|on|at|of)\s+)?(?:the\s+)?", "", item, flags=re.IGNORECASE)
    item = re.sub(r"^(?:它|他|她|其|该公司)的?(?=.)", "", item)  # "那它的新操作系统呢": the item is the system
    return item if item and not _ASKS.search(item) else None


_YEAR_BEFORE = re.compile(r"^(?:上一年|前一年|上年|去年|(?:the )?(?:year before|previous year|prior year))$", re.I)
_YEAR_AFTER = re.compile(r"^(?:下一年|后一年|第二年|次年|(?:the )?(?:year after|next year|following year))$", re.I)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SHORT_YEAR = re.compile(r"(?<![\d第])(\d{2})年(?!代)")


def _in_chinese(item: str, previous: str) -> str:
    """An English or relative item in the words of a Chinese previous question.

    "2023" → 2023年, "Indonesia" → 印度尼西亚, "the year before" → the year before the one asked about.
    """
    short = _SHORT_YEAR.fullmatch(item)
    if is_english(previous):
        return f"{full_year(short.group(1))}年" if short else item  # "22年" is 2022 in either language
    year = _YEAR.search(previous)
    shift = -1 if _YEAR_BEFORE.match(item) else 1 if _YEAR_AFTER.match(item) else 0
    if shift and year:
        return f"{int(year.group(1)) + shift}年"
    if re.fullmatch(r"(?:19|20)\d{2}", item):
        return f"{item}年"
    if short:  # "23年" is 2023年, as a keyword reads it
        return f"{full_year(short.group(1))}年"
    words = chinese_keywords(item)
    if re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", item) and words and set(item.lower().split()) <= covered_words(item):
        return words[0]
    return item


# What a company is described by doing: "做底盘的", "搞芯片的".
_DOES = re.compile(r"(?:做|搞|造|生产|研发|卖)[\u4e00-\u9fffA-Za-z0-9]{1,8}?的")


def _figure_named(text: str) -> str | None:
    """The money figure a word or phrase names, in Chinese or in English ("profit" → 净利润)."""
    return figure_asked(" ".join([text, *chinese_keywords(text)]))


def _other_figures_dropped(topic: str, new: str) -> str:
    """The topic without the figure asked last when the new item is another figure: "利润呢" after
    "2024年营收多少" asks 2024's profit; carried along, 营收 would pull the answer back to the revenue."""
    asked = _figure_named(new)
    if asked is None:
        return topic
    return " ".join(w for w in topic.split() if _figure_named(w) in (None, asked))


def _asking_figure(resolved: str, new: str) -> str:
    """"估值呢" after "投资方有哪些": a money figure asks how much, whatever the last question asked."""
    if not figure_asked(new):
        return resolved
    return re.sub(r"(?:都|分别)?(?:有|是|包括)?(?:哪些|哪几|哪个|哪家|什么|谁)[^，,。]*$", "是多少？", resolved)


def _asking_tail(question: str) -> str:
    """The interrogative end of a question: "…估值大概多少？" → "大概多少？"."""
    m = re.search(r"(?:是)?(?:大概|大约|一共)?(?:多少|哪|谁|什么|几|是否|吗).*$", question)
    return m.group() if m else ""
