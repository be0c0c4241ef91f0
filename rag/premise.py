"""Yes/no questions with a wrong premise: "2017年12月小米是和爱立信签的协议吗？" when the documents say 诺基亚.

A yes/no question offers a value (a company, an amount). When the documents never state that value
but state another one for the same dated event, the honest answer is "no, it was …", not "not found".
"""

from __future__ import annotations

import re
from dataclasses import replace

import jieba.posseg as posseg

from .amounts import COUNT, MONEY, RANK, YEARS, Amount, amounts
from .keywords import MODEL_NUMBER, NAME
from .question import NUMBER, ORG, PERSON
from .spans import Span, find_spans
from .tokenizer import normalise, segment_words

# The event must be pinned to a month or a year's end: "小米和华为签过协议吗" asks about any
# time, and a document naming another partner does not say there was none.
_DATE_PIN = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月|底|末|初)")
_YEAR_PIN = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|\d{2})年")


def offered_value(question: str, absent: list[str]) -> Span | None:
    """The value a yes/no question offers that no retrieved passage states, as a span of the question.

    `absent` are the question's required terms (see `QueryTerms.required`) found nowhere.
    """
    pinned = bool(_DATE_PIN.search(question))
    for term in absent:
        rank = re.search(rf"(?:排名?|第|位列)\s*({re.escape(term.removeprefix(MODEL_NUMBER))})(?![\dA-Za-z])", question)
        if term.startswith(MODEL_NUMBER) and not rank:
            continue  # a model number names the thing asked about, not the value offered
        if not (pinned or (not term.startswith(NAME) and _YEAR_PIN.search(question))):
            continue  # a year pins a figure ("22年…排397吗"), not a partner: one year has many deals
        if rank:
            # "是不是排397": a bare number after 排 is a rank offered, not a model.
            return Span(rank.start(1), rank.end(1), rank.group(1), NUMBER)
        bare = term.removeprefix(NAME)
        kinds = (ORG, PERSON) if term.startswith(NAME) else (NUMBER,)
        for kind in kinds:
            for span in find_spans(question, kind):
                if bare in normalise(span.text):
                    return span
        at = question.find(bare)
        if term.startswith(NAME) and at >= 0:
            return Span(at, at + len(bare), bare, ORG)
    return None


def rival_kinds(offered: Span) -> tuple[str, ...]:
    """The kinds of span that can take the offered value's place: a name for a name, an amount for an amount."""
    return (NUMBER,) if offered.kind == NUMBER else (ORG, PERSON)


def without(question: str, offered: Span) -> str:
    """The question with the offered value taken out, to find the event it is about."""
    return question[: offered.start] + question[offered.end :]


def rival(sentence: str, question: str, offered: Span) -> Span | None:
    """The span of the sentence that takes the offered value's place: of its kind, not in the question,
    nearest the words the question puts right before the value ("估值达到" before 500亿美元)."""
    rivals = [s for kind in rival_kinds(offered) for s in find_spans(sentence, kind)
              if s.text not in question and not _DATE_PIN.fullmatch(s.text)]
    if not rivals:
        return None
    before = [w for w in segment_words(question[max(0, offered.start - 8) : offered.start]) if len(w) >= 2]
    places = [m.start() for w in before for m in re.finditer(re.escape(w), sentence)]
    if not places:
        return rivals[0]
    return min(rivals, key=lambda s: min(abs(s.start - p) for p in places))


# "A是在X上市的吗", "A是跟X合作的吗", "A是X人吗", "A用的是X吗": the 是 focuses one value of an event
# the question takes for granted, so the documents' other value for it answers "no". "A和X签过协议吗"
# (no 是) asks whether any such event happened, which another partner does not answer.
_FOCUS_WORDS = {"在": "哪里", "跟": "谁", "和": "谁", "与": "谁", "由": "谁"}
_CLEFT = re.compile(r"(?P<head>.+?(?:的)?)是(?:不是)?(?P<prep>[在跟和与由]?)(?P<rest>[^，,。？?]+?)(?:吗|么)?[？?。]*$")


def cleft_question(question: str) -> tuple[str, str] | None:
    """(the value a focused yes/no question offers, the question that asks for that value instead).

    "小米是不是在深交所上市的" → ("深交所", "小米是在哪里上市的"); None for other questions.
    """
    m = _CLEFT.fullmatch(question.strip())
    if not m or "是" in m.group("rest"):
        return None
    head, prep, rest = m.group("head"), m.group("prep"), m.group("rest")
    words = list(posseg.cut(rest))
    focus = ""
    # The value is one name, with any Latin or digits typed onto it ("安卓tv"): a noun after it
    # is the event ("上市的"), not more of the name.
    for w in words:
        latin = w.flag in ("eng", "m") or w.word.isascii()
        if not (latin or (not focus and w.flag[:1] in "nj")):
            break
        focus += w.word
    tail = rest[len(focus):]
    if len(focus) < 2:
        return None
    if tail == "人":
        asks = "哪里"
    elif prep:
        asks = _FOCUS_WORDS[prep]
    elif not tail and head.endswith("的"):
        asks = "什么"  # "跑的是安卓tv吗": the thing named after 是
    else:
        return None
    if tail and tail != "人" and "的" not in tail:
        return None  # no 的 closing the clause: not a cleft ("是X合作伙伴吗")
    return focus, f"{head}是{prep}{asks}{tail}"


# A time a yes/no question offers: "是2019年在港交所上市的吗", "是从2014年开始举办的吗", "22年…是不是排397".
_OFFERED_TIME = re.compile(r"(?<!\d)(?P<year>(?:19|20)?\d{2})年(?:(?P<month>\d{1,2})月(?:\d{1,2}[日号])?)?")
_YES_NO_TAIL = re.compile(r"(?:吗|么|吧|没有?|不)?[？?。！!\s]*$")
_ENGLISH_TIME = re.compile(r"\s*\b(?:in|since|from|back in|during)\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_ENGLISH_AUXILIARY = re.compile(r"(?P<aux>was|were|did|is|are|does|do|has|have|had)\b\s*", re.IGNORECASE)


def offered_time(question: str) -> tuple[tuple[int, int | None], str] | None:
    """((year, month or None), the question asking when instead) for a yes/no question offering one time.

    "小米是2019年在港交所主板上市的吗？" → ((2019, None), "小米是哪一年在港交所主板上市的？");
    "Was Xiaomi listed in Hong Kong in 2019?" → ((2019, None), "When was Xiaomi listed in Hong Kong?").
    None when the question names no time, or more than one, or not as what 是 focuses.
    """
    english = _ENGLISH_TIME.findall(question)
    if len(english) == 1:
        m = _ENGLISH_TIME.search(question)
        aux = _ENGLISH_AUXILIARY.match(question.strip())
        if not aux:
            return None
        rest = (question[: m.start()] + question[m.end():]).strip()[aux.end():].rstrip("?？ ")
        return (int(m.group("year")), None), f"When {aux.group('aux').lower()} {rest}?"
    times = list(_OFFERED_TIME.finditer(question))
    if len(times) != 1 or not re.search(r"(?:是|是不是|是否)(?:从|在|于)?$", question[: times[0].start()]):
        return None  # the time is the focus only right after 是: "是2019年上市的吗", not "2019年是…吗"
    m = times[0]
    year = int(m.group("year"))
    year += 2000 if year < 100 else 0
    month = int(m.group("month")) if m.group("month") else None
    when = "什么时候" if month else "哪一年"
    asked = _YES_NO_TAIL.sub("", question[: m.start()] + when + question[m.end():])
    asked = re.sub(r"是不是|是否", "是", asked)
    return (year, month), f"{asked}？"


def same_time(offered: tuple[int, int | None], said: str) -> bool | None:
    """Whether a date the documents give ("2018年7月9日") is the offered time; None if it gives no year."""
    m = _OFFERED_TIME.search(said)
    if not m or len(m.group("year")) != 4:
        return None
    year, month = offered
    if int(m.group("year")) != year:
        return False
    return month is None or not m.group("month") or int(m.group("month")) == month


# How a yes/no question offers an amount: "是不是花了18亿", "超过1800万台了吗", "进前300了没".
_ABOVE = r"超过|超出|突破|多于|高于|大于|不止|过了|过"
_AT_LEAST = r"达到|达|至少|起码"
_BELOW = r"不到|少于|低于|不足|小于|没到"
_RELATIONS = ((_ABOVE, "above"), (_AT_LEAST, "at_least"), (_BELOW, "below"))
# Words right before an amount a question offers (its 是不是/是否/有没有 read as 是): a verb that
# measures, a relation, or 是. An amount after anything else names a thing ("小米13", "500强").
_BEFORE_OFFERED = re.compile(rf"(?:{_ABOVE}|{_AT_LEAST}|{_BELOW}|排名?|排在|位列|进|花了?|卖了?|售价|定价|要|值|是"
                             r"|有|了|约|大约|共|为|融了?|投了?)\s*$")
_YES_NO_WORDS = re.compile(r"是不是|是否|有没有")
_PRICED = re.compile(r"(?:卖了?|售价|定价|价格|价钱|标价|花了?)\s*(?:是不是|是否|是)?\s*$")
_YES_NO_END = re.compile(r"(?:了没有?|了吗|没有|吗|么|吧|没)?[？?。！!\s]*$")


def offered_amount(question: str) -> tuple[Amount, str, str] | None:
    """(the amount a Chinese yes/no question offers, how it is offered, the question asking for it instead).

    "小米入股美的集团是不是花了18亿" → (1.8e9, "equal", "小米入股美的集团花了多少钱？");
    "22年世界五百强小米进前300了没" → (rank ≤ 300, "at_most", "22年世界五百强小米排第几？");
    "订单有没有突破50万台" → (5e5 台, "above", "订单有多少台？"). None when no amount is offered.
    """
    plain = _YES_NO_END.sub("", question.strip())
    offered = None
    for amount in amounts(plain):
        before = plain[: amount.start]
        if plain[amount.end : amount.end + 1] == "强" or (
                amount.kind == YEARS and not re.search(r"(?:了|工作|干|做|待|有)\s*$", before)):
            continue  # 500强 names a list; 2019年 is a date, 20年 after 工作了 a span of years
        if amount.top or _BEFORE_OFFERED.search(_YES_NO_WORDS.sub("是", before)):
            offered = amount  # the last one offered: "2022年世界500强小米是不是排第300名"
    if offered is None:
        return None
    if not offered.kind and _PRICED.search(plain[: offered.start]):
        offered = replace(offered, kind=MONEY)  # "是不是卖99": a number sold at is a price
    before = _YES_NO_WORDS.sub(lambda m: "有" if m.group() == "有没有" else "", plain[: offered.start])
    after = plain[offered.end :]
    relation = "at_most" if offered.top else "equal"
    for words, name in _RELATIONS:
        m = re.search(rf"(?:{words})\s*$", before)
        if m:
            relation, before = name, before[: m.start()]
            break
    if offered.kind == RANK:
        ranked = re.search(r"(?:排名?|排在|位列)\s*$", before)
        before = before if ranked else re.sub(r"进\s*$", "", before) + "排"
        asked = f"{before}第几{offered.text[-1] if offered.text.endswith(('名', '位')) else ''}{after}"
    else:
        unit = offered.text[-1] if offered.kind in (COUNT, YEARS) else ""
        money = offered.kind == MONEY or (not unit and re.search(r"[万亿]", offered.text))
        asked = f"{before}多少{'钱' if money else unit}{after}"
    return offered, relation, f"{asked}？"

