"""Yes/no questions with a wrong premise: "2017年12月小米是和爱立信签的协议吗？" when the documents say 诺基亚.

A yes/no question offers a value (a company, an amount). When the documents never state that value
but state another one for the same dated event, the honest answer is "no, it was …", not "not found".
"""

from __future__ import annotations

import re

import jieba.posseg as posseg

from .keywords import MODEL_NUMBER, NAME
from .question import NUMBER, ORG, PERSON
from .spans import Span, find_spans
from .tokenizer import normalise, segment_words

# The event must be pinned to a month or a year's end: "小米和华为签过协议吗" asks about any
# time, and a document naming another partner does not say there was none.
_DATE_PIN = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月|底|末|初)")


def offered_value(question: str, absent: list[str]) -> Span | None:
    """The value a yes/no question offers that no retrieved passage states, as a span of the question.

    `absent` are the question's required terms (see `QueryTerms.required`) found nowhere.
    """
    if not _DATE_PIN.search(question):
        return None
    for term in absent:
        if term.startswith(MODEL_NUMBER):
            continue  # a model number names the thing asked about, not the value offered
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
