"""Follow-ups that point at the items of an earlier list answer: "the first one", 后者, 它们, 其中第二个."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .question import is_english

# Longest item a list answer is read as holding: longer pieces, or pieces with a comma, are clauses.
_MAX_ITEM = 24

# Which item a phrase points at: an index into the items, -1 for the last.


def _english(words: str) -> str:
    # "the first one", "the second of them", "And the last?"; not "the first Xiaomi store".
    return rf"\bthe (?:{words})(?: one\b|(?= of (?:them|these|those)\b)|(?=\s*[?？.,!]|\s*$))"


_ORDINALS = (
    (re.compile(_english("first|former") + r"|前者|前一个|头一个|第一个|第一项", re.IGNORECASE), 0),
    (re.compile(_english("second") + r"|第二个|第二项", re.IGNORECASE), 1),
    (re.compile(_english("third") + r"|第三个|第三项", re.IGNORECASE), 2),
    (re.compile(_english("last|latter") + r"|后者|后一个|最后一个|最后那个|最后一项", re.IGNORECASE), -1),
)
# Words for all the items together.
_ALL = re.compile(r"\b(?:them|they|these|those)\b|它们|他们|她们|这两个|这几个|这些|这俩|两者|二者", re.IGNORECASE)
# A general noun after the ordinal ("后一个词") says nothing the item does not.
_GENERAL_NOUN = "词|字|项|名字|东西"


# Short words listed after a colon with spaces between them: "小米的核心价值观：真诚 热爱 真诚就是…".
_SPACED = re.compile(r"[：:]\s*((?:[\u4e00-\u9fff]{2,4}\s+)+[\u4e00-\u9fff]{2,4})(?=\s|$|[；;。])")


_SPACED_WORDS = re.compile(r"((?:[\u4e00-\u9fff]{2,4}\s+)+[\u4e00-\u9fff]{2,4})")


def list_items(span: str) -> list[str]:
    """The items of a list answer's span ("集团经营管理委员会、人力资源委员会"), or [] if it is not a list."""
    items = [i.strip() for i in (span or "").split("、") if i.strip()]
    if len(items) < 2 or any(len(i) > _MAX_ITEM or re.search(r"[，,；;。]", i) for i in items):
        # The span may be the spaced words alone ("真诚 热爱"), or the line that lists them.
        spaced = _SPACED_WORDS.fullmatch((span or "").strip()) or _SPACED.search(span or "")
        return spaced.group(1).split() if spaced else []
    return items


# Units a bare ordinal counts when the last question named one: "And in the first one?" after
# "…valued at in that round?" is the first round, not the first item of an older list.
_UNITS = (("轮", re.compile(r"轮|\bround\b", re.IGNORECASE)), ("季度", re.compile(r"季度|\bquarter\b", re.IGNORECASE)),
          ("代", re.compile(r"代|\bgeneration\b", re.IGNORECASE)), ("期", re.compile(r"期|\bphase\b", re.IGNORECASE)))
_CHINESE_ORDINALS = ("第一", "第二", "第三", "最后一")


def resolve_ordinal_of_unit(question: str, previous: str) -> str | None:
    """"And in the first one?" after a question about a round: the question with 第一轮 for "the first one"."""
    unit = next((u for u, pattern in _UNITS if pattern.search(previous)), None)
    if unit is None:
        return None
    for (pattern, _), ordinal in zip(_ORDINALS, _CHINESE_ORDINALS):
        m = pattern.search(question)
        if m and re.match(r"the ", m.group(), re.IGNORECASE):
            return question[: m.start()] + ordinal + unit + question[m.end():]
    return None


def resolve_item_reference(question: str, spans: Sequence[str]) -> str | None:
    """The question with its reference to list items replaced by the items, or None if it makes none.

    `spans` are the short answers of earlier turns, latest first; the latest list among them is
    the one referred to. Chinese ordinals without 其中 (第一个) count only right after the list,
    since a question may just as well ask about "小米的第一个工厂".
    """
    age, items = next(((age, found) for age, span in enumerate(spans) if (found := list_items(span))), (0, []))
    if not items:
        return None
    english = is_english(question)
    for pattern, index in _ORDINALS:
        m = pattern.search(question)
        if not m or index >= len(items):
            continue
        nouns = [re.escape(n) for n in _shared_endings(items)]
        tail = re.match("|".join(nouns + [_GENERAL_NOUN]), question[m.end():])
        # "第二个呢？" alone asks the last question again of that item, however many turns back the list was.
        alone = (re.fullmatch(r"(?:那么?)?", question[: m.start()]) is not None
                 and re.fullmatch(r"呢\s*[？?]?", question[m.end():]) is not None)
        # "第二个呢" alone, a turn or two after the list ("核心价值观呢", "What does the first one mean?"),
        # points at it even when its items share no kind.
        anaphoric = (english or "其中" in question or re.fullmatch(r"前者|后者|前一个|后一个", m.group())
                     or (alone and (bool(nouns) or age <= 2)))
        # "第一个是什么意思" points back; "第一个工厂在哪" names a new thing.
        bare = tail or re.match(r"[是的指呢有在叫为，,？?]|怎|啥|什么|$", question[m.end():])
        # "第一个委员会" after two committees were listed, up to three questions back: the kind the items
        # share names them still.
        kind = bool(nouns) and re.match("|".join(nouns), question[m.end():]) is not None
        if not anaphoric and (age > (3 if kind else 0) or not bare):
            return None
        end = m.end() + (tail.end() if tail else 0)
        text = question[: m.start()] + items[index] + question[end:]
        return re.sub(r"其中的?", "", text, count=1)
    m = _ALL.search(question)
    if m and age == 0:
        latin = english and not re.search(r"[\u4e00-\u9fff]", "".join(items))
        joined = (" and " if latin else "和").join(items)
        return question[: m.start()] + joined + question[m.end():]
    return None


def _shared_endings(items: list[str]) -> list[str]:
    """The Chinese endings all the items share, longest first: "委员会", "员会", "会" for two committees,
    which "后一个委员会" repeats after its ordinal."""
    endings = []
    for n in range(1, min(map(len, items)) + 1):
        ending = items[0][-n:]
        if not (re.fullmatch(r"[\u4e00-\u9fff]+", ending) and all(i.endswith(ending) for i in items)):
            break
        endings.append(ending)
    return endings[::-1]


# "另一个委员会", "the other one": of two items, the one the conversation did not just name.
_OTHER = re.compile(r"另(?:外)?一个|\bthe other(?: one)?\b", re.IGNORECASE)
# "X的秘书长呢": a post asked about again, of the new item — who holds it.
_POST_AGAIN = re.compile(
    r"^(?:那么?)?(?P<what>.+的(?:副?(?:主任|主席|秘书长|总裁|董事长|总经理|部长|参谋长)|负责人))呢[？?]?$")


def resolve_other_item(question: str, spans: Sequence[str], mentioned: str) -> str | None:
    """The question with "另一个(委员会)" put as the item of a two-item list answer that `mentioned`
    (the last question, as understood) does not name; None if it says no such thing."""
    m = _OTHER.search(question)
    if not m:
        return None
    items = next((found for span in spans if (found := list_items(span))), [])
    named = [i for i in items if i in mentioned]
    if len(items) != 2 or len(named) != 1:
        return None
    other = items[1 - items.index(named[0])]
    nouns = [re.escape(n) for n in _shared_endings(items)]
    tail = re.match("|".join(nouns), question[m.end():]) if nouns else None
    text = question[: m.start()] + other + question[m.end() + (tail.end() if tail else 0):]
    post = _POST_AGAIN.match(text)
    return f"{post.group('what')}是谁？" if post else text
