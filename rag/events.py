"""The event a "when" or "where" question asks about, and whether evidence states that event.

"曾学忠什么时候加入的小米" asks for the date of joining; a sentence dating his graduation
answers another question, as a sentence placing his degree answers no "在哪里出生". Only a
closed list of event verbs is read, so a question whose event is not in it ("的具体日期是哪天")
is never refused for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .question import is_english

# Each event and the other ways a document writes it. Kept to verbs that date one event.
_EVENTS: dict[str, tuple[str, ...]] = {
    "成立": ("成立", "创立", "创办", "创建", "设立", "组建", "注册"),
    "加入": ("加入", "加盟", "入职"),
    "出生": ("出生", "生于"),
    "毕业": ("毕业", "学位"),
    "上市": ("上市", "挂牌", "登陆"),  # a product 上市 in a country "登陆印度市场"
    "发布": ("发布", "推出", "亮相", "发售", "开售", "开卖", "上线", "发出", "面世", "问世"),
    "担任": ("担任", "出任", "任命", "就任", "兼任", "升任", "任"),
    "卸任": ("卸任", "辞职", "离职", "辞去", "不再兼任", "不再担任"),
    "辞职": ("辞职", "离职", "卸任", "辞去"),
    "签署": ("签署", "签约", "签订", "达成"),
    "收购": ("收购", "并购"),
    "入股": ("入股", "投资", "参股"),
    "进入": ("进入", "进军", "进驻", "登陆", "打入"),
    "交付": ("交付",),
    "量产": ("量产", "投产"),
    "开业": ("开业", "开张", "营业"),
    "举办": ("举办", "举行", "定为"),
    "搬迁": ("搬迁", "迁至", "迁入", "搬入", "入驻"),
    "入选": ("入选", "上榜", "列入"),
    "启用": ("启用", "发布", "更换"),
    "提出": ("提出",),
    "禁售": ("禁售", "禁止"),
    "解禁": ("解禁", "解除禁令", "恢复销售"),
}
# How a question may write them.
_ASKED: dict[str, str] = {
    **{e: e for e in _EVENTS},
    "创立": "成立", "创办": "成立", "创建": "成立", "设立": "成立", "建立": "成立",
    "加盟": "加入", "入职": "加入",
    "推出": "发布", "亮相": "发布", "面世": "发布", "问世": "发布", "上线": "发布", "开售": "发布",
    "出任": "担任", "就任": "担任", "升任": "担任",
    "离职": "辞职", "离开": "辞职",
    "签约": "签署", "签订": "签署",
    "并购": "收购", "投资": "入股",
    "进军": "进入", "进驻": "进入", "登陆": "进入",
    "投产": "量产",
    "举行": "举办", "办": "举办",
    "搬进": "搬迁", "搬到": "搬迁", "搬": "搬迁", "迁": "搬迁",
    "列入": "入选",
    "生": "出生", "老家": "出生", "家乡": "出生", "籍贯": "出生",
    # "大学是在哪念的": where one studied is where one graduated.
    "念的": "毕业", "读的": "毕业", "念书": "毕业", "读书": "毕业", "上的大学": "毕业", "上大学": "毕业",
}
# A one-character verb only where it is a word: 生 of "哪年生的", not of 生态 or 发生.
_WORD_ALONE = {"生": r"(?<![学先发产出诞])生(?![态产活意效成物命])"}
_ASKED_PATTERN = re.compile("|".join(_WORD_ALONE.get(w, re.escape(w)) for w in sorted(_ASKED, key=len, reverse=True)))
# Where the event verb of a when-question stands: right after the time question word
# ("哪一年加入", "什么时候在北京发布"), or right before it ("成立于哪一年", "上市的时间").
_WHEN = re.compile(r"什么时候|何时|啥时候?|哪一?年|哪一?天|哪一?月|哪个月|几月|几号|什么时间|(?:时间|日期)")
# Where-questions name events too: "刘德是在哪里出生的", "小米在哪上市".
_WHERE = re.compile(r"哪里|哪儿|是哪的|在哪|何处|什么地方|哪个城市|哪个国家|哪座城市")

# English verbs that name one event ("launch" is left out: "the launch event" is a noun).
_ENGLISH = {"born": "出生", "founded": "成立", "established": "成立", "incorporated": "成立",
            "graduate": "毕业", "graduated": "毕业", "join": "加入", "joined": "加入",
            "listed": "上市", "ipo": "上市", "public": "上市",
            "resign": "辞职", "resigned": "辞职", "stepped down": "卸任", "stop serving": "卸任",
            "stopped serving": "卸任"}
_ENGLISH_EVENT = re.compile(r"\b(" + "|".join(sorted(_ENGLISH, key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=4096)
def dated_event(question: str) -> str | None:
    """The event a when- or where-question asks about, as a key of the event list, if it names one.

    An English question names it by one of a few verbs ("born" → 出生).
    """
    if is_english(question):
        m = _ENGLISH_EVENT.search(question.lower())
        return _ENGLISH[m.group(1)] if m else None
    word = event_word(question)
    return _ASKED[word] if word else None


def event_word(question: str) -> str | None:
    """The event word of a Chinese when- or where-question as the question writes it ("推出", not 发布)."""
    if is_english(question):
        return None
    when = _WHEN.search(question) or _WHERE.search(question)
    if not when:
        return None
    # The nearest event word after the question word, else the nearest one before it.
    after = _ASKED_PATTERN.search(question, when.end())
    if after:
        return after.group()
    before = list(_ASKED_PATTERN.finditer(question, 0, when.start()))
    return before[-1].group() if before else None


def event_stated(question: str, text: str) -> bool:
    """Whether a text states the event the question dates (true when the question names none)."""
    event = dated_event(question)
    return event is None or any(word in text for word in _EVENTS[event])


def event_beside(question: str, text: str, start: int, end: int, window: int = 12) -> bool:
    """Whether the event the question asks about is written right around text[start:end].

    "刘德是在哪里出生的": the place must be where he was born ("出生于湖北省…"), not the
    country of a degree elsewhere in a sentence that also gives his birth date.
    """
    event = dated_event(question)
    if event is None:
        return True
    # A Latin word counts as one character: "举行Redmi春季新品发布会" is as near as "举行红米春季新品发布会".
    after = re.sub(r"[A-Za-z]+", "A", text[end : end + 4 * window])[:window]
    near = text[max(0, start - window) : end] + after
    # "山东五莲人" says where someone is from as plainly as "出生于".
    from_there = event == "出生" and text[end : end + 1] == "人"
    return from_there or any(word in near for word in _EVENTS[event])
