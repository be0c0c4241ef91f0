"""Evidence: score every sentence of the retrieved passages as the place the answer is in."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .chunking import split_sentences
from .events import event_beside, event_word
from .exclusion import set_aside
from .glossary import chinese_dated, glossed_names
from .keywords import MODEL_NUMBER, ROLE, conflicts, contains_term, measure_stated, measured_word, spellings, term_match
from .question import (
    DATE,
    DEFINITION,
    LIST,
    NUMBER,
    ORG,
    PERSON,
    PLACE,
    PRODUCT,
    QuestionInfo,
    asks_what_it_does,
    kind_asked,
    list_kind,
    without_framing,
)
from .records import Hit, Passage
from .setting import sentence_setting, setting_date
from .spans import BODY_KIND, BODY_NAME, Span, asked_body_kind, find_spans, is_org_suffix, kind_clause, typed_kinds
from .tokenizer import normalise


@dataclass(frozen=True)
class EvidenceWeights:
    """How the parts of a sentence's score add up; tuned on the dev split."""

    sentence_coverage: float = 0.6
    passage_coverage: float = 0.4
    retrieval: float = 0.35
    span: float = 0.25
    proximity: float = 0.15
    unit: float = 0.15
    missing: float = 0.2
    conflict: float = 0.25


@dataclass(frozen=True)
class Evidence:
    """One candidate sentence inside a retrieved passage."""

    hit: Hit
    rank: int
    start: int
    end: int
    coverage: float
    context_coverage: float
    spans: tuple[Span, ...]
    proximity: float
    missing: tuple[str, ...]
    score: float
    # What answers the question from the sentence's setting (see rag.setting): the person a
    # passage is about without naming them, or the date a sentence takes for granted.
    subject: str = ""

    @property
    def passage(self) -> Passage:
        return self.hit.passage

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a passage."""
    out, pos = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, pos)
        out.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return out


# "多少台手机" wants a span counted in 台; "多少钱" one in 元.
_UNIT_HINT = re.compile(
    r"(?:多少|几)\s*(个人|钱|[个台部人项件家款元次年天倍位名张辆亿万])"
    r"|(多长时间|多久)"
    r"|(百分之|比例|占比|%)"
)
# People counted with 个, whom documents count with 位, 名 or 人.
_PEOPLE_COUNTED = re.compile(r"成员|委员|员工|雇员|高管|董事|合伙人|联合创始人|创始人|副?主任|副?总裁|工程师|研究员")
MONEY = "元币"  # 元, 美元, 港元, 欧元; 港币
RANK = "第位名前"  # 第266位, 世界第四, 第一名, 前十
_UNIT_EQUIV = {
    "钱": MONEY, "元": MONEY, "部": "台部", "台": "台部", "个": "个项款", "亿": "亿", "万": "万",
    "名": "名人位", "人": "人名位", "位": "位名人",  # head counts are written in any of the three
    "个人": "人名位",  # "几个人" counts people, not items
}


# "哪一天" wants a day, not a year; "哪个月" at least a month.
_DATE_GRAIN = ((re.compile(r"哪一?天|几号|哪一日|什么日子|具体日期"
                           r"|\bwhat (?:exact |specific |precise )?(?:day|date)\b|\bwhich day\b"), "日号"),
               (re.compile(r"几月|哪个月|哪一月|\bwhat month\b|\bwhich month\b"), "月日号"),
               # "哪一年": a day and month without their year do not say it.
               (re.compile(r"哪一?年|\b(?:what|which) year\b"), "年"))


def date_hint(question: str) -> str | None:
    """Characters a date answer must contain for the precision the question asks."""
    for pattern, chars in _DATE_GRAIN:
        if pattern.search(question):
            return chars
    return None


def answer_hint(info: QuestionInfo) -> str | None:
    """Characters the answer must carry: the unit of a how-many question, the precision of a when-question."""
    return unit_hint(info.text) if info.type == NUMBER else date_hint(info.text) if info.type == DATE else None


def unit_hint(question: str) -> str | None:
    """Characters an amount in the answer should carry, from how the question counts."""
    m = _UNIT_HINT.search(question)
    lowered = question.lower()
    if re.search(r"第几|排第|排名第?几|排老几|名次", lowered):
        return RANK  # "份额占比全球第几名": the place a share ranks at, not the share
    screen = r"屏幕?[^，,？?]{0,3}(?:多大|尺寸|几寸)|\bscreen size\b|\bhow (?:big|large) is (?:the |its )?screen\b"
    if not m and re.search(screen, lowered):
        return "寸"  # a screen is measured in inches, not in gigabytes
    if not m and re.search(r"\bhow long\b", lowered):
        return "秒分时天年月周"
    if not m and re.search(r"\b(?:percentage|percent|proportion)\b", lowered):
        return "%％"
    # "营业额涨了多少": a change is told as a rate (同比增长67.5%), where a rate is told.
    if not m and re.search(r"(?:涨|增长|增加|降|下降|下跌|跌|减少)了?多少|[涨增降跌]幅|\bby how much\b", lowered):
        return "%％"
    if not m and re.search(r"\bhow many (?:[\w-]+ ){0,3}(?:units|phones|smartphones|handsets|devices)\b", lowered):
        return "台部"  # "How many Mi Band units": a count of devices, not their price
    if not m and re.search(r"\bhow many (?:[\w-]+ ){0,3}(?:people|employees|staff|members|workers)\b", lowered):
        return "人名位"
    if not m and re.search(r"第几|排第|排名|排老几|名次|排行|\brank", lowered):
        return RANK
    if not m:
        # "起售价是多少", "卖多少钱", "how much did it cost": a price is an amount of money.
        money = (r"价|钱|花了多少|费用|投入多少|\b(?:cost|costs|price|priced|sell for|sold for|how much money)\b"
                 r"|\bhow much (?:\w+ ){1,3}(?:spend|spent|pay|paid|invest|invested)\b"
                 # "How much was the Mi 3?": asked of a thing with no figure named, what it cost.
                 r"|^how much (?:is|was|are|were) (?!.*\b(?:revenue|profit|income|funding|valuation|worth|raised?"
                 r"|capital|shares?|sales|spending|investment|market|growth|rate|amount|figure)\b)")
        return MONEY if re.search(money, lowered) else None
    if m.group(2):
        return "秒分时天年月周"
    if m.group(3):
        return "%％"
    unit = m.group(1)
    if unit == "个" and _PEOPLE_COUNTED.match(question, m.end()):
        return _UNIT_EQUIV["人"]  # "经管会有几个成员": "成员共12位"
    return _UNIT_EQUIV.get(unit, unit)


def keyword_positions(text: str, start: int, end: int, terms: dict[str, float]) -> list[tuple[int, float, int]]:
    """Where question keywords occur within text[start:end]: (position, keyword weight, keyword end)."""
    norm = normalise(text)
    deputy = any(t.startswith("副") for t in terms)  # "副秘书长是谁": the 秘书长 written after a 副
    return [
        (m.start(), w, m.end())
        for t, w in terms.items()
        for form in spellings(t)
        for m in re.finditer(re.escape(form), norm)
        if start <= m.start() < end and _deputy_of(norm, m.start(), form) in (deputy, None)
    ]


_POST_WORD = re.compile(r"(?:总裁|董事长|总经理|主席|主任|部长|秘书长|院长|校长|总监|会长|理事长|行长|社长|书记"
                        r"|参谋长)$")


def _deputy_of(text: str, at: int, post: str) -> bool | None:
    """Whether the post found at `at` is a deputy post (秘书长 in "王栋担任副秘书长") or the post itself
    ("刘伟任秘书长"); None for words that are no post, or are asked with their 副 already."""
    if post.startswith("副") or _POST_WORD.search(post) is None:
        return None
    return at > 0 and text[at - 1] == "副"


# Words that link a keyword to its value: "总部位于北京", "成立于2010年", "收入为2,710亿元".
_LINK = re.compile(r"(?:位于|坐落于|设在|设于|在|于|为|是|达到?|约|共|达|超过|逾|近|成立于|出生于|毕业于|由|:|：|，)*")


_TAKES = re.compile(r"(?:担任|出任|兼任|升任|接任|任)?(?:副|首席)?$")


def _gap(text: str, anchor: tuple[int, float, int], span: Span) -> int:
    """Characters between a keyword and a span, not counting linking words."""
    pos, _, anchor_end = anchor
    if span.start >= anchor_end:
        between = text[anchor_end : span.start]
        return len(between) - (_LINK.fullmatch(between).end() if _LINK.fullmatch(between) else 0)
    if span.end <= pos:
        # "刘伟任秘书长": the holder written right before the post it takes.
        between = text[span.end : pos]
        return len(between) - len(_TAKES.search(between).group())
    return 0


def _proximity(text: str, anchors: list[tuple[int, float, int]], spans: Sequence[Span]) -> float:
    """1.0 when a span sits right next to the question's weightiest keyword, less for lighter or farther ones."""
    if not anchors or not spans:
        return 0.0
    heaviest = max(w for _, w, _ in anchors)
    return max((a[1] / heaviest) / (1.0 + _gap(text, a, s) / 8.0) for s in spans for a in anchors)


def coverage(text: str, terms: dict[str, float]) -> float:
    """Weighted share of the keywords a text holds."""
    total = sum(terms.values())
    if not total:
        return 0.0
    norm = normalise(text)
    return sum(w * term_match(t, norm) for t, w in terms.items()) / total


# What a "who" question asks the person did: "是谁主持的" → 主持, "由谁设计" → 设计.
_DEED = re.compile(
    r"(?:是谁|由谁|谁来|谁)(?:一手|亲自|共同|联合|一起|一同|最早|最先|首先|负责|主要)?([\u4e00-\u9fff]{2})"
)


def asked_deed(question: str) -> str | None:
    """The verb right after 谁 in a "who did it" question, if there is one."""
    m = _DEED.search(question)
    return m.group(1) if m and m.group(1)[0] not in "的是呢吗啊" else None


# What kind of thing a "what" question asks for: "什么类型的企业" → 类型, "哪种芯片" → 芯片.
_KIND = re.compile(r"(?:什么|哪种|哪类|哪一类|哪个)([\u4e00-\u9fff]{2})")


def asked_kind(question: str) -> str | None:
    """The noun right after 什么/哪种 in a "what kind" question, if there is one."""
    m = _KIND.search(question)
    return m.group(1) if m and m.group(1)[0] not in "的是呢吗啊时地" else None


# The post a "who" question asks about: "人力资源委员会的副秘书长是谁" → 副秘书长.
_POST = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:分别|都)?(?:是谁|是哪位|是哪两位|叫什么)")
_POST_WORD = re.compile(r"副?(?:总裁|董事长|总经理|主席|主任|部长|秘书长|院长|校长|总监|会长|理事长|参谋长|官)$")


def asked_post(question: str) -> str | None:
    """The post right before 是谁 in a "who holds it" question, if there is one."""
    m = _POST.search(question)
    if not m:
        return None
    post = re.sub(r"^(?:.*的)?(?:[两三四五六七八九十几]位)?", "", m.group(1))
    return post if _POST_WORD.search(post) and len(post) >= 2 else None


_PLACE_TAIL = re.compile(r"(?:哪里|哪儿|在哪|何处|什么地方)(?![里儿])([\u4e00-\u9fff]{1,2})")


def place_tail(question: str) -> str | None:
    """What follows the place a where-question asks for: "在哪上市的" → 上市, "哪里人" → 人."""
    m = _PLACE_TAIL.search(question)
    tail = re.sub(r"[的呢吗啊呀]+$", "", m.group(1)) if m else ""
    return tail or None


# "入股了哪家公司": the organisation is what the verb takes, whatever its name looks like (爱奇艺).
# "入股的视频平台是哪家": the same, with the kind of body named between the verb and the question word.
_OBJECT_VERB = re.compile(
    r"([\u4e00-\u9fff]{2})了?(?:(?:哪家|哪个|哪一家|什么)[\u4e00-\u9fff]{0,4}?(?:公司|企业|机构|单位|平台|网站|银行|车企|厂商)"
    r"|的[\u4e00-\u9fff]{1,4}(?:是|为)(?:哪家|哪一家|哪个)(?![\u4e00-\u9fff]))"
)
_OBJECT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&]{2,12}?(?=[，,。；;、（(“\"]|和|与|及|的|$)")


# "小米空调部门跟谁签了战略合作": the other party of a deal, named after 与/和/跟 in the sentence.
_PARTY_ASKED = re.compile(
    r"(?:和|与|跟|同)谁|(?:和|与|跟)[^，,。？?]{1,10}(?:签|合作|达成|联手|结盟)[^，,。？?]*的是谁"
)
_PARTY = re.compile(
    r"(?:与|和|跟|同)([\u4e00-\u9fffA-Za-z0-9·&]{2,12}?)(?=正式|共同|签|达成|合作|联合|联手|结盟|在|于|，|,)"
)


@lru_cache(maxsize=4096)
def _body_cores(text: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for m in BODY_NAME.finditer(text):
        if not re.search(r"[几两三四个哪些各专]", m.group(1)):  # "哪两个专项委员会" names no body
            found.setdefault(m.group(2), set()).add(m.group(1)[-2:])
    return {kind: frozenset(cores) for kind, cores in found.items()}


def other_body(question: str, sentence: str) -> bool:
    """Whether the sentence names only other bodies of the kind the question names one of.

    Bodies are told apart by the two characters before their kind: 经营管理委员会 (管理)
    is not 人力资源委员会 (资源).
    """
    asked = _body_cores(question)
    if not asked:
        return False
    named = _body_cores(sentence)
    return any(kind in named and not (names & named[kind]) for kind, names in asked.items())


def _in_full(text: str, aliases: Mapping[str, str] | None) -> str:
    """The full names of the bodies a normalised text names by their short names (经管会 → 经营管理委员会),
    and the short name of a committee or lab it names in full, so that a keyword in either form is found
    in it (a company's full name does not bring its short one: 小米公司 would be in every sentence)."""
    return " ".join(other for name, other in (aliases or {}).items() if name in text and other not in text
                    and (len(name) < len(other) or BODY_KIND.search(name)))


def _parties_of(sentence: str, offset: int) -> list[Span]:
    """Who the sentence's subject deals with: "…空调部正式与松下空调器签订…" → 松下空调器."""
    return [Span(offset + m.start(1), offset + m.end(1), m.group(1), ORG) for m in _PARTY.finditer(sentence)]


def asked_object_verb(question: str) -> str | None:
    """The verb whose object an organisation question asks for: "小米入股了哪家公司" → 入股."""
    m = _OBJECT_VERB.search(question)
    return m.group(1) if m and m.group(1)[-1] not in "是的" else None


def _objects_of(sentence: str, offset: int, verb: str) -> list[Span]:
    """What follows the verb in the sentence, as organisation spans: "…入股爱奇艺，" → 爱奇艺."""
    out = []
    for m in re.finditer(re.escape(verb), sentence):
        obj = _OBJECT.match(sentence, m.end())
        if obj:
            out.append(Span(offset + obj.start(), offset + obj.end(), obj.group(), ORG))
    return out


def _asked_word(info: QuestionInfo) -> str | None:
    """The word the answering sentence should hold: the deed or post of a "who", what a "how many"
    counts, a kind."""
    if info.type == PERSON:
        return asked_deed(info.text) or asked_post(info.text)
    if info.type == LIST and list_kind(info.text) == PERSON:
        return asked_post(info.text)  # "两位副主任分别是谁": the sentence naming the post
    if info.type == NUMBER:
        return measured_word(info.text)
    return asked_kind(info.text)


_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}\s*年")
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_LOCATED = re.compile(r"(?:位于|坐落于|设在|设于|落户|迁至|迁往|搬到|地址[:：]|所在地[:：]?)\s*$")
_PART_OF_YEAR = re.compile(r"季度|[上下]半年|\d{1,2}\s*月份")


_MODEL_WORD = re.compile(r"手机")


_NAME_ASKED = re.compile(r"(?:的)?(?:叫什么|叫啥|名字|名称|全称|是哪)")


def _asked_about(span: str, asked: str, whole_only: bool = False) -> bool:
    """Whether a span is the thing the question names, not an answer: 原集团安全部 for "集团安全部被拆成…".

    A shared ending that is only the kind of body (委员会, 公司) does not count; nor, for the items
    of a plain enumeration (`whole_only`), does any shared ending ("理想汽车正式开始…合作").
    """
    text = normalise(span)
    if text in asked or whole_only:
        return text in asked
    if _MODEL_WORD.sub("", text) and _MODEL_WORD.sub("", text) in _MODEL_WORD.sub("", asked):
        return True  # "小米手机3" is the 小米3 the question names, written in full

    def named(tail: str) -> bool:
        at = asked.find(tail)
        # Part of a bare kind of body in the question ("究中心" of "研究中心") names none either.
        if at < 0 or any(is_org_suffix(asked[at - j : at + len(tail)]) for j in range(0, min(at, 3) + 1)):
            return False
        # "哪些联合实验室" names the kind of the answer, not a thing: the answers end with it; so does
        # "组建的工程研究中心叫什么".
        return not (re.search(r"哪|什么|几|些|个|种|家", asked[max(0, at - 3) : at])
                    or _NAME_ASKED.match(asked, at + len(tail)))

    return any(named(text[-k:]) for k in range(3, len(text)))


def _brand_asked(span: str, asked: str) -> bool:
    """Whether a product span is only a name the question gives, with its Latin spelling (红米Redmi)."""
    chinese = re.sub(r"[A-Za-z\s]", "", span)
    return bool(chinese) and chinese in asked and not re.search(r"\d", span)


# "其中的“热爱”指什么", "核心价值观里的热爱是什么意思": the word whose meaning is asked.
_MEANING_ASKED = re.compile(r"(?:到底|究竟)?(?:是什么意思|什么意思|的意思是?什么|是啥意思|啥意思|是指什么"
                            r"|指的是什么|指什么|意味着什么)")
_QUOTED = re.compile(r"[“\"「‘']([^”\"」’']{1,12})[”\"」’']")


_ENGLISH_MEANING = re.compile(r"\bwhat does (?:the (?:word|term) )?[“\"']?(?P<term>[^“”\"'?]{1,24}?)[”\"']?"
                              r" (?:mean|stand for)\b", re.IGNORECASE)


def defined_term(question: str) -> str | None:
    """The word a what-does-it-mean question asks about: quoted, else the last word before the asking."""
    english = _ENGLISH_MEANING.search(question)
    if english:
        return normalise(english.group("term"))
    asking = _MEANING_ASKED.search(question)
    if not asking:
        return None
    quoted = _QUOTED.findall(question[: asking.start()])
    if quoted:
        return normalise(quoted[-1])
    word = re.split(r"[的里中之，,、\s]", question[: asking.start()].strip())[-1]
    return normalise(word) if 2 <= len(word) <= 8 else None


# "Redmi Fire TV是什么？": the thing a what-is-it question names, the whole question before the asking.
_WHAT_IS_IT = re.compile(r"^(?:那么?|请问)?\s*(?P<thing>[^，,。？?]{2,24}?)\s*(?:到底|究竟)?"
                         r"(?:是个?什么(?:东西|产品)?|是个?啥(?:东西)?)\s*[？?]?$"
                         r"|^what(?:'s| is| was)\s+(?:the\s+)?(?P<named>[^?,]{2,40}?)\s*\?*$", re.IGNORECASE)
# "…推出Redmi Fire TV，这是该品牌首款搭载亚马逊Fire OS的智能电视": the clause right after a name that says what it is.
_APPOSITIVE = r"[”\"」]?\s*[，,]\s*(?:这是|此为|它是|即)(?P<what>[^。；;，,]{4,60})"


# What a sentence says a body or thing does.
_DUTY = re.compile(r"负责|统筹|主管|从事|致力于|用于|旨在|专注于?|主要研究|攻关")


def thing_asked(question: str) -> str | None:
    """The thing a what-is-it question names ("能不能告诉我米聊是个什么东西" → 米聊), or None."""
    asked = _WHAT_IS_IT.match(without_framing(question.strip()))
    if not asked:
        return None
    thing = asked.group("thing") or asked.group("named")
    # "小米2010年底推出的米聊": what the question says of the thing is not its name.
    named = thing.rsplit("的", 1)[-1]
    return named if asked.group("thing") and len(named) >= 2 else thing


def appositive(question: str, text: str) -> Span | None:
    """The clause of text saying what the thing a what-is-it question names is, right after its name."""
    thing = thing_asked(question)
    if not thing:
        return None
    m = re.search(re.escape(thing) + _APPOSITIVE, text, flags=re.IGNORECASE)
    return Span(m.start("what"), m.end("what"), m.group("what"), "definition") if m else None


# "MIUI首个内测版推出一周年之际": the day is the launch's anniversary, not the launch.
_ANNIVERSARY = re.compile(r"(?:推出|发布|成立|上市|创立|创办|诞生|开业|上线)[一二三四五六七八九十百\d]+周年")
# What was launched or done together with something the question names.
_ALONGSIDE = re.compile(r"同场|同一场|同台|同时(?:发布|推出|亮相)|一起(?:发布|推出|亮相)|一同(?:发布|推出)"
                        r"|\b(?:alongside|together with)\b|\b(?:at|in) (?:that|the same) (?:event|launch|conference)\b")


def _beside_what(info: QuestionInfo, terms: dict[str, float]) -> list[str]:
    """The weightiest keywords of the thing a question asks what came with ("跟第一代小米手环同场发布的"
    → 第一代, 手环), written before the words saying so."""
    m = _ALONGSIDE.search(info.text)
    if m is None or info.english or info.type not in (NUMBER, PRODUCT):
        return []
    named = {t: w for t, w in terms.items() if len(t) > 1 and t in normalise(info.text[: m.start()])}
    return [t for t, w in named.items() if w >= 0.6 * max(named.values())] if named else []


def alongside_asked(question: str) -> bool:
    """Whether a question asks what came with a thing it names ("跟小米手环同场发布的是哪款手机")."""
    return bool(_ALONGSIDE.search(question))


# A sentence that says it happened at the time just given: its setting's date is its date.
# A sentence told as part of the event before it: "同日…", "雷军还在发布会上宣布…".
_SAME_TIME = re.compile(r"\s*(?:同日|同天|当日|当天|当时|以及|同时|会上"
                        r"|[^，,。；;]{0,8}(?:还|也|同时)在[^，,。；;]{0,4}(?:发布会|大会|会上|仪式|活动))")


def gather(
    info: QuestionInfo,
    hits: Sequence[Hit],
    terms: dict[str, float],
    required: Sequence[str],
    weights: EvidenceWeights = EvidenceWeights(),
    settings: Mapping[str, str] | None = None,
    subjects: Mapping[str, str] | None = None,
    dates: Mapping[str, str] | None = None,
    heads: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
    aside: tuple[str, ...] = (),
    tails: Mapping[str, str] | None = None,
) -> list[Evidence]:
    """Every sentence of the given passages, best first.

    `settings` gives a passage's setting (see `rag.setting`), read with it when
    checking which keywords and required terms it holds; `subjects` the person a
    passage is about without naming them, which answers a "who" question about it;
    `dates` the date before a passage in its section, which answers a "when" question
    about a sentence that takes its date for granted ("同日，…", "以及…"); `heads` the start of
    the sentence a passage goes on with, read with its first sentence; `aliases` the short names the
    documents define (经管会 for 经营管理委员会), so a sentence using one covers the full name's words;
    `aside` the words a question sets aside ("除了汽车和芯片以外"), whose items are not answers;
    `tails` the clause the next passage goes on with, read with a passage's last sentence when the
    question asks what came with something ("跟小米手环同场发布的手机").
    """
    tails = (tails or {}) if alongside_asked(info.text) else {}
    along = _beside_what(info, terms)
    # "in August 2014" read as 2014年8月, so a sentence of July 2014 conflicts with it.
    pinned = chinese_dated(info.text) if info.english else info.text
    out = []
    typed = info.type in typed_kinds()
    hint = answer_hint(info)
    asked = normalise(info.text)
    if info.english and info.type == PLACE:
        asked += " " + " ".join(glossed_names(info.text))  # "after entering India": 印度 is no answer
    span_kind = list_kind(info.text) if info.type == LIST else info.type
    settings = settings or {}
    # "2013年小米一共卖了多少部手机": a year's figure, not one launch day's.
    yearly = info.type == NUMBER and bool(_YEAR_ONLY.search(info.text)) and not re.search(r"月|季度|半年|日", info.text)
    asked_word = _asked_word(info)
    event = event_word(info.text) if info.type == DATE else None
    after_place = place_tail(info.text) if info.type == PLACE else None
    object_verb = asked_object_verb(info.text) if info.type == ORG else None
    # "小米和谁一起入股了爱奇艺": the other party may be a company though 谁 asks for a person.
    party_asked = info.type in (ORG, PERSON) and bool(_PARTY_ASKED.search(info.text))
    body_kind = asked_body_kind(info.text) if info.type == ORG else None
    what_kind = kind_asked(info.text)
    defined = defined_term(info.text) if info.type == DEFINITION else None
    thing = normalise(thing_asked(info.text) or "") if info.type == DEFINITION else ""
    does = info.type == DEFINITION and asks_what_it_does(info.text)
    for rank, hit in enumerate(hits):
        passage = hit.passage
        # A biography passage that goes on without its person's name is still about them.
        about = (subjects or {}).get(passage.id, "")
        # A passage that goes on with a sentence begun before it ("以及小米手环…") is read with that start.
        context = normalise(f"{passage.section} {settings.get(passage.id, '')} {about} "
                            f"{(heads or {}).get(passage.id, '')} {passage.text} {tails.get(passage.id, '')}")
        context += " " + _in_full(context, aliases)
        context_coverage = coverage(context, terms)
        missing = tuple(t for t in required if not contains_term(context, t))
        offsets = sentence_offsets(passage.text)
        if info.type == LIST and len(offsets) > 1:
            offsets.append((0, len(passage.text)))  # items may run across semicolons: "A；B；C"
        for start, end in offsets:
            sentence = passage.text[start:end]
            kinds = (span_kind, LIST) if info.type == LIST and span_kind != LIST else (span_kind,)
            spans = []
            for kind in kinds if typed else ():
                # A list of names of the kind asked for; failing that, the sentence's own
                # enumeration ("A、B和C", "X委员会和Y委员会").
                spans = [
                    Span(s.start + start, s.end + start, s.text, s.kind)
                    for s in find_spans(sentence, kind)
                    # "哪一年的4月6日…": a date that adds the year to the day asked is the answer.
                    if not _asked_about(s.text, asked, whole_only=kind in (LIST, DATE))
                ]
                if info.type != LIST or len(spans) >= 2:
                    break
            if info.type == LIST and span_kind != LIST and len(spans) >= 2:
                spans = _fuller_enumeration(spans, sentence, start, asked)
            kind_of_item = phrase_of_some(spans, info.text) if info.type == LIST and len(spans) > 2 else None
            if kind_of_item:
                # "增值电信业务分哪几类": the items that name 增值电信业务, in the run that has them.
                spans = [s for s in spans if kind_of_item in normalise(s.text)]
            if aside and spans:
                kept = [s for s in spans if not set_aside(s.text, aside)]
                # Several items of a kind set aside make a list of that kind ("澎湃S1、…、游戏独显芯片D1").
                spans = kept if len(spans) - len(kept) < 2 else []
            if info.type == LIST and len(spans) < 2:
                spans = []  # a list needs at least two items
            whole = info.type == LIST and (start, end) == (0, len(passage.text)) and len(offsets) > 1
            if whole and any(a <= spans[0].start and spans[-1].end <= b for a, b in offsets[:-1] if spans):
                # The passage read whole is for items running across its sentences; items inside one
                # sentence are that sentence's, which says them without the rest of the passage's words.
                continue
            if info.type == PRODUCT:
                # "红米独立那天发的是啥手机": 红米Redmi is the brand asked about, spelt twice, not a model.
                spans = [s for s in spans if not _brand_asked(s.text, asked)]
            kind_named = bool(body_kind) and any(s.text.endswith(body_kind) for s in spans)
            if kind_named:
                # "组建的研究中心叫什么": the names of research centres, not of the partners beside them.
                spans = [s for s in spans if s.text.endswith(body_kind)]
            if object_verb:
                # "小米入股了哪家视频平台": what the sentence says was 入股 (爱奇艺), not its other names (顺为资本).
                spans = [o for o in _objects_of(sentence, start, object_verb)
                         if not _asked_about(o.text, asked)] or spans
            if not spans and party_asked:
                spans = [sp for sp in _parties_of(sentence, start) if not _asked_about(sp.text, asked)]
            subject = (subjects or {}).get(passage.id, "") if info.type == PERSON and not spans else ""
            setting = sentence_setting(passage.text, start, end,
                                       settings.get(passage.id) or (dates or {}).get(passage.id, ""))
            # A date the sentence takes for granted holds the day a question pins, as its own would.
            lacking = tuple(t for t in missing if not contains_term(normalise(setting), t)) if setting else missing
            if info.type == DATE and not spans and _SAME_TIME.match(sentence):
                subject = setting_date(setting)
                if hint and not any(ch in subject for ch in hint):
                    subject = ""
            unit_ok = 1.0 if kind_of_item else 0.0  # a run holding the kind of item asked
            if hint and spans:
                fitting = [s for s in spans if any(ch in s.text for ch in hint)]
                unit_ok = 1.0 if fitting else -1.0
                # A price is never a count: "10万台" does not answer "卖多少钱".
                spans = fitting if hint == MONEY else fitting or spans
            anchors = keyword_positions(passage.text, start, end, terms)
            proximity = _proximity(passage.text, anchors, spans)
            head = (heads or {}).get(passage.id, "") if start == 0 else ""
            tail = tails.get(passage.id, "") if end >= len(passage.text.rstrip()) else ""
            sentence_coverage = coverage(f"{head}{sentence}{tail} {_in_full(normalise(sentence), aliases)}", terms)
            # A sentence dated to another year or quarter than the question's is about something else.
            dated = f"{setting} {sentence}"
            if yearly and (_DAY.search(dated) or _PART_OF_YEAR.search(sentence)):
                unit_ok -= 1.0  # a figure for one day's event or one quarter, when the question asks about a year
            said = normalise(sentence)
            # term_match reads synonyms: 创办 is said by 创始人, 营收 by 收入.
            named = asked_word and (term_match(asked_word, said) == 1.0
                                    or (info.type == NUMBER and measure_stated(info.text, said)))
            if named:
                # "谁主持的": the sentence that says who hosted, not who attended; "什么类型": the one with a 类型.
                unit_ok += 1.0
            if info.type == DEFINITION and what_kind and kind_clause(sentence):
                unit_ok += 1.0  # "一家什么样的公司": the sentence saying "是一家…公司"
            if info.type == DEFINITION and any(re.search(rf"{re.escape(t)}\s*(?:就?是|即|指|意为|意思是)", said)
                                               for t in terms if len(t) > 1):
                # "米聊是个啥": the sentence that says what 米聊 is ("米聊是一款…工具"), not when it came out.
                unit_ok += 1.0
            if does and _DUTY.search(sentence):
                unit_ok += 1.0  # "经管会是干嘛的": the sentence saying what it 统筹/负责, not that it was set up
            if thing and re.search(rf"{re.escape(thing)}\s*(?:就?是|即|为)一[款个家种项所座部类台]", said):
                unit_ok += 1.0  # "米聊是个啥": "米聊是一款…工具" says what it is, a list naming it does not
            if defined and re.search(rf"{re.escape(defined)}\s*(?:就?是|即|指|意为|意思是)", said):
                # "核心价值观里的热爱是什么意思": "热爱就是…", not the sentence naming 核心价值观 and 热爱 in passing.
                unit_ok += 2.0
            if kind_named:
                unit_ok += 1.0  # "跟哪家公司一起建…": a sentence naming a company over a list of labs
            if event and event in said:
                # "哪天发布的": the sentence that says 发布 over one that says 发售, which only stands in for it.
                # (The question's own word: "什么时候推出的" is not answered better by a sentence saying 发布.)
                unit_ok += 0.5
            if any(t.startswith(MODEL_NUMBER) and not contains_term(normalise(f"{setting} {head}{sentence}"), t)
                   for t in required):
                # "小米手环8 NFC版卖多少钱": the price in the sentence about 小米手环8, not the 小米大师86 beside it.
                unit_ok -= 1.0
            if info.type == DATE and _ANNIVERSARY.search(sentence) and not re.search(r"周年|anniversary", info.text,
                                                                                 re.I):
                unit_ok -= 1.0
            if along and any(term_match(t, said) == 1.0 for t in along):
                # "跟小米手环同场发布的手机卖多少钱": a sentence about the 小米手环 tells its price, not the phone's.
                unit_ok -= 1.0
            if info.type == PLACE and spans:
                # "Where was he born": a place written beside the event asked about (出生于…), not the
                # headquarters in a sentence that happens to be retrieved with it.
                beside = [sp for sp in spans if event_beside(info.text, passage.text, sp.start, sp.end)]
                if beside:
                    spans = beside
                else:
                    unit_ok -= 1.0
            else:
                beside = spans
            if info.type == PLACE and any(_LOCATED.search(passage.text, max(0, sp.start - 4), sp.start)
                                          or (after_place and after_place in passage.text[sp.end : sp.end + 12])
                                          for sp in beside):
                # "总部位于北京市…" says where something is; "…与小米武汉总部签约" names a place in passing.
                # "在哪上市": the place the listing is at ("在香港交易所主板挂牌上市"); "哪里人": "山东五莲人".
                unit_ok += 1.0
            before = normalise(settings.get(passage.id, ""))
            if other_body(asked, said) or (not _body_cores(said)
                                           and other_body(asked, f"{before} {_in_full(before, aliases)}")):
                # "经营管理委员会有几个人" is not answered by how many sit on the 人力资源委员会, nor
                # "经管会的秘书长" by the 秘书长 of a passage that goes on about the 人力资源委员会.
                unit_ok -= 1.0
            if info.type == PERSON and any(t.startswith(ROLE) and not contains_term(said, t)
                                           for t in required):
                # "谁是副秘书长": the person is in the sentence that names the post, not in a list of members.
                unit_ok -= 1.0
            score = (
                weights.sentence_coverage * sentence_coverage
                + weights.passage_coverage * context_coverage
                + weights.retrieval * hit.score
                - weights.conflict * conflicts(pinned, dated)
                + (weights.span if spans or subject else 0.0)
                + weights.proximity * proximity
                + weights.unit * unit_ok
                - weights.missing * len(lacking)
            )
            out.append(Evidence(hit, rank, start, end, sentence_coverage, context_coverage, tuple(spans),
                                proximity, lacking, score, subject))
    return sorted(out, key=lambda e: (-e.score, e.rank, e.start))


def phrase_of_some(items: list[Span], question: str, shortest: int = 4) -> str | None:
    """The longest phrase of the question (four characters or more) that two or more of the items
    hold, but not all of them: the kind of item asked for."""
    asked = normalise(question)
    texts = [normalise(i.text) for i in items]
    for length in range(min(len(asked), 16), shortest - 1, -1):
        for at in range(len(asked) - length + 1):
            phrase = asked[at : at + length]
            holding = sum(phrase in t for t in texts)
            if 2 <= holding < len(texts) and re.fullmatch(r"[\u4e00-\u9fff]+", phrase):
                return phrase
    return None


def _fuller_enumeration(spans: list[Span], sentence: str, offset: int, asked: str) -> list[Span]:
    """The sentence's own enumeration when it names more items than the names of the kind asked,
    among them one of those names: "旗下3款产品：MIUI、米聊、小米手机" lists three products, though
    only MIUI reads as a product name (and "旗下3" wrongly as another)."""
    items = [Span(s.start + offset, s.end + offset, s.text, s.kind) for s in find_spans(sentence, LIST)
             if not _asked_about(s.text, asked, whole_only=True)]
    named = {s.text for s in spans}
    if len(items) > len(spans) and any(i.text in named for i in items):
        return items
    return spans


def best_span(ev: Evidence, terms: dict[str, float]) -> Span | None:
    """The candidate span of the evidence closest to the question's weightiest keywords."""
    if not ev.spans:
        return None
    anchors = keyword_positions(ev.passage.text, ev.start, ev.end, terms)
    if not anchors:
        return ev.spans[0]
    years = [t for t in terms if re.fullmatch(r"(?:19|20)\d{2}", t)]

    def dated(s: Span) -> bool:
        # "2010年他又在哪拿了硕士学位": the degree in the clause that gives 2010, not the one before it.
        clause = re.split(r"[，,；;。]", ev.passage.text[: s.start])[-1] + s.text
        return any(y in clause for y in years)

    def itemised(s: Span) -> bool:
        # "包括雷军、新任小米总裁卢伟冰、手机部总裁曾学忠" for 谁负责手机部: in an enumeration, the item
        # that holds a keyword beside the span, whatever heavier keyword the sentence names before the list.
        text = ev.passage.text
        left = max(text.rfind(c, 0, s.start) for c in "、，,；;。：:")
        ends = [i for i in (text.find(c, s.end) for c in "、，,；;。：:") if i >= 0]
        right = min(ends, default=len(text))
        if "、" not in (text[left] if left >= 0 else "", text[right] if right < len(text) else ""):
            return False
        return any(left < a < right and not (s.start <= a < s.end) for a, _, _ in anchors)

    return max(ev.spans, key=lambda s: (dated(s), itemised(s), _proximity(ev.passage.text, anchors, [s]),
                                        -s.start))
