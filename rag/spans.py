"""Typed answer spans in Chinese text: dates, amounts, ranks, codes, names, places, organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba.posseg as posseg

from .question import ALIAS, DATE, LIST, NUMBER, ORG, PERSON, PLACE, PRODUCT


@dataclass(frozen=True)
class Span:
    """A typed stretch of text, by character offsets."""

    start: int
    end: int
    text: str
    kind: str


_CN_DIGITS = "零一二三四五六七八九十百千两"
# Years are four digits, or three after 公元 (前) — "22年" is a duration, not a year.
_YEAR = r"(?:(?:19|20)\d{2}|(?:公元前?|前)\d{1,4}|(?<!\d)1[0-8]\d{2}|[〇○零一二三四五六七八九]{4})\s*年"
_CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十正])月"
_CN_DAY = r"(?:[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号]"
# Dynasties and the periods named after them: 唐朝, 明代, 东汉末年, 战国时期, 南北朝.
_DYNASTY = (r"(?:[东西南北前后]?[夏商周秦汉晋隋唐宋辽金元明清](?:朝|代)"
            r"|[东西]汉|[东西]晋|[南北]宋|南北朝|三国|春秋|战国|五代十国)")
_CENTURY = r"(?:公元前?)?(?:\d{1,2}|[一二]?十[一二]?|[一二三四五六七八九])世纪"
_DATE_PATTERNS = (
    rf"{_CENTURY}(?:\d0年代|[一二三四五六七八九]十年代|[初中末]叶?|[上下]半叶|[初中末]期)?",
    r"(?<!\d)(?:(?:19|20)?[1-9]0|[二三四五六七八九]十)年代(?:[初中末]期?)?",
    rf"{_DYNASTY}(?:[初中末]期|[初末]年|时期|年间)?",
    r"[\u4e00-\u9fff]{2,4}(?:时期|年间)",
    rf"{_CN_MONTH}{_CN_DAY}",
    rf"{_YEAR}\s*{_CN_MONTH}(?:[初十廿][一二三四五六七八九十]|[上中下]旬)?",
    rf"{_YEAR}\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号]",
    rf"{_YEAR}\s*\d{{1,2}}\s*月(?:[上中下]旬|底|初)?",
    rf"{_YEAR}(?:底|初|末|年底|年初|上半年|下半年|年中)?",
    r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}",
    # "同年12月": a month of the year the text just gave (see `rag.setting`).
    r"(?:同一?年|当年|次年|翌年|该年)\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]|[上中下]旬|底|初)?",
    r"(?<![\d.])\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
    r"(?<![\d.年])\d{1,2}\s*月(?:[上中下]旬|底|初)",
    r"(?<![\d.年第])(?:1[0-2]|0?[1-9])\s*月(?![\d份])",
    # "2019-2021", "2019至2021": a year before a range's end; not the 2023 of a name ("CVPR 2023-MIPI").
    r"(?:19|20)\d{2}(?=\s*(?:[-–至到]\s*(?:19|20)?\d{2}(?!\d)|年|，|,|$))",
    rf"(?<![\u4e00-\u9fff]){_CN_MONTH}",
    r"(?:(?![〇○零一二三四五六七八九十])[\u4e00-\u9fff]){2}[元一二三四五六七八九十]{1,3}年(?:\s*[（(]\s*\d{3,4}\s*年\s*[)）])?",
)
_DATE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS))

_MAGNITUDE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"
_UNIT = (
    r"(?:元|美元|港元|欧元|日元|英镑|卢比|人民币|台|部|人|项|个|家|款|倍|名|位|次|天|小时|分钟|秒|件|张|辆|座|所|支|户|"
    r"GB|TB|mAh|W|km|公里|平方米|亩|多个|余项|余人|多项|多家|岁|周岁|种|条|只|本|首|篇|层|章|集(?!团)|届|场|枚|颗|艘|"
    r"架|栋|株|棵|册|卷|份|千米|厘米|毫米|米(?![家粉兔聊])|平方公里|平方千米|公顷|公斤|千克|克|吨|升|英里|英尺)"
)
_NUMBER_PATTERNS = (
    r"第\s*\d+\s*[位名]",
    rf"第[{_CN_DIGITS}\d]+[位名类代届批轮次季款]",
    r"(?<![\d.])\d{1,3}(?:多|余)?\s*(?:年|个月|周|天|小时|分钟|秒)(?![\d])",
    r"\d+\s*分\s*\d+\s*秒",
    # "列世界第四", "排名2014年度第一": a rank after what it is ranked in.
    rf"(?:世界|全球|全国|国内|行业|年度)第[{_CN_DIGITS}\d]+(?![季类代届批轮次款部])",
    r"排名\s*(?:第\s*)?\d+(?![\d年])\s*[位名]?",
    rf"(?:排名|位居|位列|排行)\s*第[{_CN_DIGITS}]+",
    r"\d+(?:\.\d+)?\s*[%％]",
    rf"百分之[{_CN_DIGITS}\d.]+",
    r"(?<![A-Za-z0-9])[0-9A-Z]{15,20}(?![A-Za-z0-9])",
    r"\d{4}\.HK",
    rf"(?:人民币|约|超过|逾|近)?\d[\d,]*(?:\.\d+)?\s*(?:多|余)?{_MAGNITUDE}?\s*{_UNIT}(?:\s*\([元台]\))?",
    rf"\d[\d,]*(?:\.\d+)?\s*{_MAGNITUDE}(?:\s*\([元台]\))?",
    r"-?\d+(?:\.\d+)?\s*(?:摄氏度|华氏度|度|℃|°C)",
    rf"[{_CN_DIGITS}]+(?:多|余)?{_MAGNITUDE}?{_UNIT}",
    r"(?<![\d.年月A-Za-z])(?<![A-Za-z] )\d[\d,]*(?:\.\d+)?(?![\d.,年月日号A-Za-z])(?!\s?[A-Z])",
)
_NUMBER = re.compile("|".join(f"(?:{p})" for p in _NUMBER_PATTERNS))

_ORG_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|公司|集团|大学|学院|系|银行|交易所|研究所|研究院|研究中心|实验室|委员会|"
    r"政府|总台|基金会|基金|资本|协会|中心|工作室|商学院|电视台|出版社|管理局|科技|技术|电子|半导体|软件|通讯|"
    r"网络|传媒|控股|证券|能源|物流|实业|部)"
)
# "小米&比亚迪电子联合实验室": a name ending in a company word may go on to the lab or institute it names.
_ORG = re.compile(
    rf"[\u4e00-\u9fffA-Za-z0-9（）()&·]{{1,24}}?{_ORG_SUFFIX}+"
    r"(?:[\u4e00-\u9fffA-Za-z]{0,6}?(?:联合实验室|实验室|研究院|研究所|研究中心))?"
)
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:省|市|区|县|镇|乡|村|路|街|号院|号楼|号|园|大厦|大楼|中心|港|广场|基地|科技园"
    r"|学院|酒店|体育馆|度假区|艺术区)"
    r"(?:[\u4e00-\u9fff0-9]{1,12}?(?:市|区|县|镇|村|路|街|号院|号楼|号|园|大厦|层|组))*"
)
# Place suffixes that are half of another word: 上市, 市场, 市值, 区域, 区别, 号称, 号召.
_NOT_PLACE_END = re.compile(r"上市$|市[场值民]|区[域别块间]|号[称召]")
_MODEL_NAME = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])[a-z0-9]|(?<![A-Za-z0-9])[A-Z0-9])[A-Za-z0-9.+]*"
    r"(?:[ -](?:[A-Z][A-Za-z0-9+]*|\d+[A-Za-z+]*))*"
)
# A verb inside a run of place suffixes ends the place: "北京市海淀区|投资建设科技产业园".
_PLACE_VERB = re.compile(r"投资|建设|建立|成立|举行|举办|发布|签署|签约|打造|共建|合作|开设|设立")
_PLACE_SUFFIX_END = re.compile(r".*(?:省|市|区|县|镇|乡|村|路|街|号|园|大厦|大楼|中心|港|广场|基地|度假区)")
# Where a place name ends a verb phrase begins: "总部位于北京市…" → "北京市…".
_PLACE_LEAD = re.compile(r".*(?:位于|坐落于|设在|设于|落户|迁至|入驻|在|于|至|到)")
def _regex_spans(pattern: re.Pattern, text: str, kind: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group().strip(), kind) for m in pattern.finditer(text) if m.group().strip()]


@lru_cache(maxsize=2048)
def _tagged(text: str) -> tuple[tuple[int, int, str, str], ...]:
    out, pos = [], 0
    for word, flag in posseg.cut(text):
        out.append((pos, pos + len(word), word, flag))
        pos += len(word)
    return tuple(out)


_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}(?![A-Za-z0-9])")


# A name the tagger does not know, told by the post before it and the verb or stop after it:
# "武藏野美术大学教授原研哉亲自操刀", "计算机学院党委书记黄治国主持".
_TITLED_NAME = re.compile(
    r"(?:教授|董事长|书记|主任|总裁|院长|校长|设计师|总经理|主席|部长|会长|理事长|总监|创始人|参谋长|秘书长|行长|CEO|CFO|CTO|COO)"
    r"(?![是为由的在和与及等了将被把对从])([\u4e00-\u9fff]{2,3}?)(?=亲自|主持|担任|出任|表示|宣布|发表|透露|指出|介绍|认为|称|说|等|[，。、；,;：:（(]|$)"
)


def _titled_names(text: str) -> list[Span]:
    spans = []
    for m in _TITLED_NAME.finditer(text):
        tag = posseg.dt.word_tag_tab.get(m.group(1), "nr")
        if tag.startswith("nr"):  # 表示 after 院长 is a verb, not a name
            spans.append(Span(m.start(1), m.end(1), m.group(1), PERSON))
    return spans


# Particles no given name ends with: "数学之美的小米" holds no person 美的.
_NEVER_ENDS_A_NAME = frozenset("的了地得着过")


# "高通联合实验室", "泰尔智能物联网联合实验室", "比亚迪电子": a word jieba takes for a person's name,
# naming a body ("雷军联合创办" keeps its person: only a lab's 联合 counts).
_NAMES_A_BODY = re.compile(rf"[\u4e00-\u9fffA-Za-z]{{0,8}}?联合实验室|&|{_ORG_SUFFIX}")


# "潘九堂担任秘书长", "孙谦和冯宏华担任副秘书长": whoever a clause says takes a post is a person, named or
# not in the tagger's dictionary.
_POSTS = r"(?:副|首席)?(?:总裁|董事长|总经理|主席|主任|部长|秘书长|院长|校长|总监|会长|理事长|行长|社长|参谋长)"
_TAKES_POST = re.compile(
    rf"(?:^|(?<=[，,、；;。\s]))([\u4e00-\u9fff]{{2,3}}?)(?:和([\u4e00-\u9fff]{{2,3}}?))?(?:担任|出任|兼任|任){_POSTS}")


def _post_takers(text: str) -> list[Span]:
    return [Span(m.start(g), m.end(g), m.group(g), PERSON)
            for m in _TAKES_POST.finditer(text) for g in (1, 2) if m.group(g)]


def _person_spans(text: str) -> list[Span]:
    takers = _post_takers(text)
    spans = _regex_spans(_LATIN_NAME, text, PERSON) + _titled_names(text) + takers
    for start, end, word, flag in _tagged(text):
        if any(t.start < end and start < t.end for t in takers):
            continue  # the tagger's cut ("卢伟" of 卢伟冰任副主任) yields to the whole name before the post
        if (flag in ("nr", "nrfg", "nrt") and 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff·]+", word)
                and word[-1] not in _NEVER_ENDS_A_NAME and not _NAMES_A_BODY.match(text, end)):
            spans.append(Span(start, end, word, PERSON))
    return spans


def _place_spans(text: str) -> list[Span]:
    spans = []
    for span in _regex_spans(_PLACE, text, PLACE):
        if _NOT_PLACE_END.search(span.text) or _NOT_PLACE_END.match(text, span.end - 1):
            continue  # 上市 is a listing, 市场 a market, 区域 an area: the suffix is half of another word
        if _ANY_PLACE.search(span.text):
            continue  # "根据不同国家和地区的流行趋势": places in general name none
        lead = _PLACE_LEAD.match(span.text)
        cut = lead.end() if lead and lead.end() < len(span.text) - 1 else 0
        if "的" in span.text[cut:-2]:
            cut = span.text.rindex("的", 0, len(span.text) - 2) + 1  # "…的参与下…地区": a place never holds 的
        end = span.end
        verb = _PLACE_VERB.search(span.text, cut + 2)
        if verb:
            # "北京市海淀区投资建设科技产业园": what is done there is not part of the address.
            ending = _PLACE_SUFFIX_END.match(span.text[: verb.start()])
            if not ending or ending.end() <= cut:
                continue
            end = span.start + ending.end()
        spans.append(Span(span.start + cut, end, text[span.start + cut : end], PLACE))
    for start, end, word, flag in _tagged(text):
        if flag == "ns" and len(word) >= 2 and not _NOT_PLACE_END.search(word):
            spans.append(Span(start, end, word, PLACE))
    # "庆典在798举行": where an event is held is its venue, whatever the venue's name looks like.
    for m in _VENUE.finditer(text):
        if not any(s.start <= m.start(1) < s.end for s in spans):
            spans.append(Span(m.start(1), m.end(1), m.group(1), PLACE))
    return spans


_ANY_PLACE = re.compile(r"(?:不同|各个?|多个|所有|其他|其它|全球|世界各)(?:的)?(?:国家|地区|城市|省份|省市)")
_VENUE = re.compile(r"在([\u4e00-\u9fffA-Za-z0-9]{2,12}?)(?:举行|举办|召开|开幕|隆重举行)")


_NETWORK = re.compile(r"[2-6]G")
_COUNT_UNIT = re.compile(r"\s*(?:[台部万亿元个款人家项位%名件套次]|毫安)")


def _product_spans(text: str) -> list[Span]:
    """Model names (`Redmi Note 7`, `POCO C55`), with a brand noun before them (`小米13 Ultra`)."""
    tagged = _tagged(text)
    spans = []
    for m in _MODEL_NAME.finditer(text):
        if not re.search(r"[A-Za-z]", m.group()) and (len(m.group()) > 3 or "." in m.group()):
            continue
        start = m.start()
        # Up to two nouns before the model name belong to it: 小米手机1, 小米13.
        for _ in range(2):
            before = [t for t in tagged if t[1] == start]
            if not (before and before[0][3].startswith("n") and re.fullmatch(r"[\u4e00-\u9fff]{1,3}", before[0][2])):
                break
            start = before[0][0]
        if (start == m.start() and m.group().isdigit()) or _NETWORK.fullmatch(m.group()):
            continue  # a bare number, or a network generation ("3G网络", "小米5G手机"), is no model
        if m.group().isdigit() and _COUNT_UNIT.match(text, m.end()):
            continue  # "限量200台" counts phones; it names none
        spans.append(Span(start, m.end(), text[start : m.end()].strip(), PRODUCT))
    return spans + _edition_spans(text, tagged) + _device_spans(text, tagged, spans) + _quoted_line_spans(text)


# A product line or brand named in quotes: 全新产品线“红米”, “米家”品牌.
_QUOTED_LINE = re.compile(r"(?:产品线|品牌|系列)“([^“”]{1,12})”|“([^“”]{1,12})”(?:产品线|品牌|系列)")


def _quoted_line_spans(text: str) -> list[Span]:
    spans = []
    for m in _QUOTED_LINE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        spans.append(Span(m.start(group), m.end(group), m.group(group), PRODUCT))
    return spans


# A device named by its brand and kind, with no number: "小米手环", "小米盒子", "小米路由器".
_DEVICES = frozenset("手环 手表 电视 盒子 路由器 音箱 平板 笔记本 耳机 电视棒 眼镜 汽车 机器人 摄像机 净化器".split())


def _device_spans(text: str, tagged, models: list[Span]) -> list[Span]:
    spans = []
    for i, (_, end, word, _) in enumerate(tagged):
        if word not in _DEVICES or i == 0:
            continue
        b_start, _, brand, b_flag = tagged[i - 1]
        if not (b_flag in ("n", "nz", "nr", "eng") and re.fullmatch(r"[\u4e00-\u9fff]{2,3}|[A-Za-z]+", brand)):
            continue  # "可穿戴设备手环" has no brand; a verb before the kind names no device
        if any(m.start <= b_start < m.end for m in models):
            continue  # "小米电视2" is a model already
        spans.append(Span(b_start, end, text[b_start:end], PRODUCT))
    return spans


# An edition is a product too: "小米手机工程纪念版", "哈利波特定制版", "M1S青春版".
_EDITION = re.compile(r"(?:纪念|定制|青春|限量|特别|典藏|尊享|探索|至尊|透明)版")


def _edition_spans(text: str, tagged) -> list[Span]:
    spans = []
    for m in _EDITION.finditer(text):
        start = m.start()
        # The nouns before the edition word name what it is an edition of (up to three, ten characters).
        for _ in range(3):
            before = [t for t in tagged if t[1] == start and (t[3][0] == "n" or t[3] == "eng")]
            if not before or m.end() - before[0][0] > 12:
                break
            start = before[0][0]
        spans.append(Span(start, m.end(), text[start : m.end()], PRODUCT))
    return spans


# A Latin-letter name in brackets right after the name it translates ("小米澎湃OS（Xiaomi HyperOS）"),
# or labelled as the English name ("（英文全称：Bank for Investment and Development of Vietnam，…）").
_ALIAS = re.compile(
    r"(?:(?<=[\u4e00-\u9fffA-Za-z0-9][（(])|(?<=英文[：:])|(?<=英语[：:])|(?<=英文名[：:])|(?<=英文全称[：:])"
    r"|(?<=英文名称[：:])|(?<=英文简称[：:]))"
    r"\s*([A-Za-z][A-Za-z0-9 .,&'+-]{1,80}?)\s*(?=[）)，；;。]|$)"
)


def _alias_spans(text: str) -> list[Span]:
    return [Span(m.start(1), m.end(1), m.group(1), ALIAS) for m in _ALIAS.finditer(text)]


def _date_spans(text: str) -> list[Span]:
    return _regex_spans(_DATE, text, DATE)


_ARTICLE = re.compile(r"一[个家款种位名项部台件只条]")


def _number_spans(text: str) -> list[Span]:
    dates = _date_spans(text)
    spans = []
    for span in _regex_spans(_NUMBER, text, NUMBER):
        # A bare year inside a date is a date, not an amount.
        if any(d.start <= span.start and span.end <= d.end for d in dates):
            continue
        if _ARTICLE.fullmatch(span.text):
            continue  # "是一家…公司": 一家 is an article, not a count
        spans.append(span)
    return spans


# A character of a list item: not punctuation, and a space only where Latin meets other script
# ("以 AI-ISP 芯片、机器视觉"), never between Chinese words ("2023年 小米A").
_ITEM_CHAR = (r"(?:[^：:；;。，,、\s]|(?<=[A-Za-z0-9]) (?=[\u4e00-\u9fffA-Za-z0-9])"
              r"|(?<=[\u4e00-\u9fff]) (?=[A-Za-z0-9]))")


_ITEM_LEAD = re.compile(r".*?(?:以|包括|包含|分别为|分别是|涵盖|约定在|将在)\s*")
_ITEM_TAIL = re.compile(r"\s*(?:作为|等(?:[\u4e00-\u9fff]{0,3}$|领域|方面|产品|业务)|为主).*$")


def _list_items(text: str) -> list[Span]:
    """Items of an enumeration: `实验室：A、B、C`, `A、B和C`, `A；B；C`, `“A”和“B”`, or a pair `X部和Y部`."""
    spans = []
    for m in re.finditer(rf"{_ITEM_CHAR}{{1,30}}(?:\s*[、]\s*[^：:；;。，,、]{{1,30}})+", text):
        pos = m.start()
        items = re.split(r"\s*(?:、|以及|及|和)\s*", m.group())
        for i, item in enumerate(items):
            start = text.find(item, pos)
            pos = start + len(item)
            # The run starts with the words that introduce it and ends with what is said of it:
            # "该中心以 AI-ISP 芯片、…、新型影像作为三大攻关方向".
            lead = _ITEM_LEAD.match(item) if i == 0 else None
            tail = _ITEM_TAIL.search(item) if i == len(items) - 1 else None
            a = lead.end() if lead and len(item) - lead.end() >= 2 else 0
            b = tail.start() if tail and tail.start() - a >= 2 else len(item)
            if item[a:b].strip():
                spans.append(Span(start + a, start + b, item[a:b].strip(), LIST))
    if not spans:
        spans = (_quoted_items(text) or _clause_items(text) or _pair_items(text) or _prefix_pair_items(text)
                 or _spaced_items(text) or _partner_items(text))
    return _trim_to_shared_start(spans)


def _trim_to_shared_start(spans: list[Span]) -> list[Span]:
    """"支持杜比视界、杜比全景声": when the other items open alike (杜比), the first opens there too."""
    if len(spans) < 2:
        return spans
    opening = spans[1].text[:2]
    first = spans[0]
    at = first.text.find(opening)
    if len(opening) < 2 or at <= 0 or not all(s.text.startswith(opening) for s in spans[1:]):
        return spans
    if not all(flag.startswith("v") for _, _, _, flag in _tagged(first.text[:at])):
        return spans  # "手机业务销售运营、业务运营分析": only a verb before (支持) is not part of the item
    return [Span(first.start + at, first.end, first.text[at:], first.kind)] + spans[1:]


def _prefix_pair_items(text: str) -> list[Span]:
    """`杜比视界和杜比全景声`: two names with a shared opening joined by 和/与/及."""
    for m in re.finditer(r"和|与|及", text):
        second = re.match(r"[\u4e00-\u9fffA-Za-z0-9]{3,12}", text[m.end() :])
        if not second:
            continue
        opening = second.group()[:2]
        at = text.rfind(opening, max(0, m.start() - 12), m.start())
        first = text[at : m.start()]
        if at >= 0 and len(first) > 2 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", first):
            end = m.end() + len(second.group())
            return [Span(at, m.start(), first, LIST), Span(m.end(), end, second.group(), LIST)]
    return []


def _partner_items(text: str) -> list[Span]:
    """`小米和顺为资本`: a name joined by 和/与 to a company's name before it (the two that did something)."""
    tagged = _tagged(text)
    for org in _org_spans(text):
        if org.start < 2 or text[org.start - 1] not in "和与":
            continue
        before = [t for t in tagged if t[1] == org.start - 1]
        if before and (before[0][3][0] in "nj" or before[0][3] == "eng") and 2 <= len(before[0][2]) <= 8:
            first = before[0]
            return [Span(first[0], first[1], first[2], LIST), Span(org.start, org.end, org.text, LIST)]
    return []


def _spaced_items(text: str) -> list[Span]:
    """`核心价值观：真诚 热爱`: short words after a colon, separated by spaces."""
    run = re.search(r"[：:]\s*((?:[\u4e00-\u9fff]{1,4}[ \u3000]+)+[\u4e00-\u9fff]{1,4})(?=$|[。；;\s])", text)
    if not run:
        return []
    return [Span(m.start() + run.start(1), m.end() + run.start(1), m.group(), LIST)
            for m in re.finditer(r"[\u4e00-\u9fff]+", run.group(1))]


def _quoted_items(text: str) -> list[Span]:
    """“曾十亿”和“八大金刚”: quoted names joined by 和/与/及/、."""
    run = re.search(r"“[^”]{1,20}”(?:\s*(?:和|与|及|、)\s*“[^”]{1,20}”)+", text)
    if not run:
        return []
    return [Span(m.start(1), m.end(1), m.group(1), LIST) for m in re.finditer(r"“([^”]{1,20})”", text)
            if run.start() <= m.start() < run.end()]


def _clause_items(text: str) -> list[Span]:
    """`第一类医疗器械销售；第二类医疗器械销售；…`: short items each closed by a semicolon."""
    items = [m for m in re.finditer(r"(?:^|(?<=[；;：:]))\s*([^；;：:。\n]{2,25})(?=[；;])", text)]
    if len(items) < 2:
        return []
    return [Span(m.start(1), m.end(1), m.group(1).strip(), LIST) for m in items]


# What stands before the first item of a pair: "拆分为", "毕业于", a comma.
_PAIR_LEAD = "，。；、,;:： （(“”的是为于在了将把被由从向对"


def _pair_items(text: str) -> list[Span]:
    """`安全合规部和安全管理部`, `中山大学和德雷塞尔大学`: two names with a shared ending joined by 和/与/及."""
    for m in re.finditer(r"以及|和|与|及", text):
        before = re.sub(r"[（(][^）)]{0,20}[）)]$", "", text[: m.start()])  # 委员会（简称：经管会）和…
        after = text[m.end() :]
        for length in range(2, 13):
            second = after[:length]
            if re.search(r"[^\u4e00-\u9fffA-Za-z0-9]", second):
                break
            shared = next((k for k in (3, 2, 1) if len(second) > k and before.endswith(second[-k:])), 0)
            if not shared:
                continue
            start = len(before)
            while start > 0 and before[start - 1] not in _PAIR_LEAD and len(before) - start < length + 2:
                start -= 1
            first = before[start:]
            if len(first) > shared:
                return [Span(start, len(before), first, LIST), Span(m.end(), m.end() + length, second, LIST)]
    return []


# An organisation name starts after the verb or particle that introduces it:
# "小米入股线控底盘生产商千顾科技" → "千顾科技"; "4月6日北京小米科技有限公司" starts after its date.
_ORG_LEAD_WORD = re.compile(
    r"(?:(?:19|20)\d{2}年|\d{1,2}月|\d{1,2}[日号]|并入|加入|入股|投资|收购|联合|宣布|签署|签订|组建|共建|设立|成立|创办|与|和|同|向|在|由|于|的|为|是|了|商|方|等|及|对|将|被|获|任|称|，)"
)


_ORG_BODY = re.compile(rf"{_ORG_SUFFIX}+")
# A named body ("集团经营管理委员会"): its name (group 1) and its kind (group 2).
BODY_NAME = re.compile(r"([\u4e00-\u9fff]{2,8}?)(委员会|实验室|研究院|研究所)")
# A name that ends as a body does, not as a company ("人力资源委员会", "产品制造研究所").
BODY_KIND = re.compile(r"(?:委员会|实验室|研究院|研究所|中心|基金会)$")


def asked_body_kind(question: str) -> str | None:
    """The kind of body an organisation question asks the name of: "组建的研究中心叫什么" → 研究中心,
    "跟哪家公司一起建…实验室" → 公司."""
    m = (re.search(rf"(?:哪家|哪个|哪所|什么|啥)[\u4e00-\u9fff]{{0,4}}?({_ORG_SUFFIX})", question)
         or re.search(rf"({_ORG_SUFFIX})(?:叫什么|叫啥|的名称|的名字|名字|的全称|全称)", question))
    return m.group(1) if m else None


# "是一家主要从事…，以及从事投资业务的中国投资控股公司": what a sentence says the company is.
_KIND_CLAUSE = re.compile(r"一家[^。；;]{0,90}?(?:公司|企业|集团)(?![\u4e00-\u9fff])")


def kind_clause(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """The clause of text[start:end] saying what kind of company something is ("一家…的中国投资控股公司")."""
    m = _KIND_CLAUSE.search(text, start, len(text) if end is None else end)
    return Span(m.start(), m.end(), m.group(), "definition") if m else None


def product_kind_clause(text: str, start: int, end: int, thing: str) -> Span | None:
    """The clause of text[start:end] saying what kind of thing a product is: "首款搭载亚马逊Fire OS的智能电视"
    for thing 电视, "一款跨通信运营商的手机端免费即时通讯工具" for any thing ("")."""
    kind = re.escape(thing) if thing else r"[\u4e00-\u9fff]"
    pattern = rf"(?:一款|首款|一种|一个)[^。；;，,]{{2,40}}?{kind}(?=[，,。；;]|$)"
    m = re.compile(pattern).search(text, start, end)
    return Span(m.start(), m.end(), m.group(), "definition") if m else None


def is_org_suffix(text: str) -> bool:
    """Whether text only says what kind of body something is (委员会, 有限公司), naming none."""
    return _ORG_BODY.fullmatch(text) is not None


# "…和人力资源委员会两个专项委员会": a count of bodies names none, nor is it part of the name before it.
_COUNTED_BODIES = re.compile(r"[两二三四五六七八九十\d]+[个家所]")


# A kind of body right after a verb names none ("出任委员会主任"); 内部 and 全部 are no department.
_GENERIC_BODY = re.compile(rf"(?:出任|担任|兼任|加入|进入|离开|成立|设立){_ORG_SUFFIX}$")
# Words ending in a body's word that name no body: the 部 of 内部, the 资本 a company registers.
_NOT_A_DEPARTMENT = frozenset("内部 外部 全部 局部 注册资本 实缴资本 认缴资本".split())


def _lead_cut(name: str) -> int:
    """Where a name starts after the last introducing word that leaves a name, not only the kind of
    body ("实验室" of "…人工智能联合实验室"): "小米设立集团经营管理委员会" → 集团经营管理委员会."""
    cuts = [m.end() for m in _ORG_LEAD_WORD.finditer(name)
            if len(name) - m.end() >= 2 and not is_org_suffix(name[m.end():])]
    return cuts[-1] if cuts else 0


# A ranking's publisher, named before the list: "入选2019福布斯中国最具创新力企业榜", "2024年《财富》世界500强".
_RANKED = re.compile(r"[^，,。；;]{0,20}?(?:榜|排行|\d+强)")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年?度?$")
_TITLED = re.compile(r"《([^》]{1,10})》")


def _publisher_spans(text: str) -> list[Span]:
    spans = [Span(m.start(1), m.end(1), m.group(1), ORG) for m in _TITLED.finditer(text)
             if _RANKED.match(text, m.end())]
    for start, end, word, flag in _tagged(text):
        if (flag in ("ns", "nr", "nz", "nt", "eng") and len(word) >= 2 and _YEAR_BEFORE.search(text, 0, start)
                and _RANKED.match(text, end)):
            spans.append(Span(start, end, word, ORG))
    return spans


def _org_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    raw: list[Span] = []
    for span in _regex_spans(_ORG, text, ORG):
        if _COUNTED_BODIES.match(span.text):
            continue
        if raw and raw[-1].end == span.start and not _lead_cut(span.text):
            # "原集团" + "安全部" written together are one body: the group's security department.
            raw[-1] = Span(raw[-1].start, span.end, text[raw[-1].start : span.end], ORG)
            continue
        raw.append(span)
    for span in raw:
        if _GENERIC_BODY.search(span.text) or _tagged(span.text)[-1][2] in _NOT_A_DEPARTMENT:
            continue  # "雷军亲自出任委员会主任", "发布内部信": a verb before a bare 委员会, a 部 of 内部
        cut = _lead_cut(span.text)
        spans.append(Span(span.start + cut, span.end, span.text[cut:], ORG))
    spans += [Span(s, e, w, ORG) for s, e, w, f in _tagged(text) if f in ("nt", "nz", "nrt") and len(w) >= 2]
    return spans + _publisher_spans(text)


_FINDERS = {
    DATE: _date_spans,
    NUMBER: _number_spans,
    PERSON: _person_spans,
    PLACE: _place_spans,
    ORG: _org_spans,
    PRODUCT: _product_spans,
    ALIAS: _alias_spans,
    LIST: _list_items,
}


def find_spans(text: str, kind: str) -> list[Span]:
    """Spans of one answer type in text, ordered by position, overlaps resolved to the longest."""
    finder = _FINDERS.get(kind)
    if finder is None:
        return []
    spans = sorted(finder(text), key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            if span.end - span.start > kept[-1].end - kept[-1].start and kind != LIST:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def typed_kinds() -> tuple[str, ...]:
    """Answer types that have a span finder."""
    return tuple(_FINDERS)
