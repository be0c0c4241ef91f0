"""Question understanding: what kind of answer is asked for, from Chinese or English phrasing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QuestionError

DATE, PERSON, NUMBER, PLACE, ORG, PRODUCT, LIST, DEFINITION, YESNO, OTHER = (
    "date", "person", "number", "place", "organization", "product", "list", "definition", "yesno", "other",
)
# A name in Latin letters given for a Chinese one: "小米科技有限责任公司（Xiaomi Corporation）".
ALIAS = "alias"
TYPES = (DATE, PERSON, NUMBER, PLACE, ORG, PRODUCT, ALIAS, LIST, DEFINITION, YESNO, OTHER)

# How a question asks for the English (Latin-letter) name of something.
_ALIAS_ASKED = r"英文名称?|英文全称|英文名字|英文简称|英语名称?|外文名称?|英文(?:叫|怎么)"

# "小米是一家什么类型的公司", "What kind of company is Xiaomi?": the kind, not the name.
_KIND_OF_COMPANY = (r"(?:什么|啥|哪一?)(?:[种类]?类型|性质|样|种|类)的?(?:公司|企业|集团|机构)|一家什么(?:样的)?(?:公司|企业)"
                    r"|\bwhat (?:kind|type|sort) of (?:company|business|firm|enterprise|corporation)\b")

_KIND_OF_PRODUCT = (r"(?:是|算)(?:一|个|一个|一款|款|一种|种)(?:什么|啥)(?:样的?)?"
                    r"(?P<thing>产品|手机|电视|设备|芯片|软件|应用|工具|东西|平台|系统|APP|app)"
                    r"|\bwhat (?:kind|type|sort) of (?:product|phone|tv|television|device|chip|app|tool|software|platform)\b")

# Checked in order; the first match wins, so more specific phrasings come first.
_RULES: tuple[tuple[str, str], ...] = (
    # "有没有公开投资方是谁": whether it was told, not who.
    (YESNO, r"(?:有没有|是否|有无)(?:公开|公布|透露|披露|说明|提到|说)"),
    # "是不是排第300名", "进前300了没": an amount offered to be checked, not asked for.
    (YESNO, r"^(?!.*(?:多少|几|哪|什么|谁|啥|怎么|如何)).*(?:(?:是不是|是否|有没有)[^，,。？?]*\d"
            r"|\d[^，,。？?]*(?:了没有?|了吗|吗|没有?)[？?]?$)"),
    (ALIAS, rf"{_ALIAS_ASKED}|\benglish (?:\w+ ){{0,2}}name\b|\bcalled in english\b|\bin english\b"),
    # "他在中兴的外号叫什么", "大家管他叫啥": the names he goes by, written in quotes (“曾十亿”和“八大金刚”).
    (LIST, r"(?:外号|绰号|诨号|昵称)(?:是|叫|有)|管[^，,。？?]{1,8}叫(?:什么|啥)|被(?:称作|称为|叫作|叫做)(?:什么|啥)"
           r"|\bwhat (?:was|is|were|are) (?:his|her|its|their|the) nicknames?\b"),
    # "Who put money in?": investors, funds as often as people.
    (ORG, r"\bwho (?:invested|put (?:money|capital) in(?:to)?|backed|funded|financed|bankrolled|chipped in)\b"),
    (PERSON, r"(?:CFO|CEO|CTO|COO|总裁|董事长|创始人|秘书长|主席|负责人|总经理|院长|校长|设计者|设计师|代言人|探索家|副总裁|参谋长).{0,4}(?:叫什么|是哪位|是谁|哪位)|\bwho\b"),
    # "在网络制式上有什么特点": a description, not a list of named things.
    (DEFINITION, r"有(?:什么|啥|哪些)(?:特点|特色|优势|亮点|作用|用途|意义|区别|不同|含义)"),
    (LIST, r"[两三四五六七八九十]大[\u4e00-\u9fff]{0,6}(?:是什么|是哪些|有哪些|包括什么)|分别是(?:什么|哪些|谁)|都(?:有|是)谁|有哪些|有什么|包括哪些|包含哪些|哪些|哪几|哪两|哪三|哪四|都有啥|有啥|列举|列出|\bwhich (?:\w+ )?(?:are|were)\b|\bwhich (?:\w+ )?(?:companies|firms|carmakers|automakers|partners|brands|departments|universities|committees|banks|product lines|lines)\b|\blist (?:all|the)\b|\bwhat (?:\w+ )?(?:products|labs|laboratories|chips|items|fields|areas|departments|directions|universities|committees)\b|\bwhat (?:are|were) (?:the |its |their )?(?:\w+ ){0,3}(?:products|labs|laboratories|directions|departments|fields|areas)\b"),
    # "What was Xiaomi's registered capital when it was first registered?": a figure, whatever the when-clause.
    (NUMBER, r"^what (?:was|is|were|are) (?:[\w-]+'s )?(?:\w+ ){0,2}(?:registered capital|revenue|net profit|profit"
             r"|valuation|price|market value|market cap|market capitali[sz]ation)\b"),
    # "工商登记地址的邮政编码是多少": a code or number of a place, not the place.
    (NUMBER, r"(?:邮政编码|邮编|电话|号码|编号|代码)(?:是|为|有)?(?:多少|几)"),
    # "How old was he when he died": the how-word says what is asked, not the clause after it.
    (NUMBER, r"\bhow (?:many|much|old|tall|high|far|heavy|deep|wide|big|large|long(?! ago)|fast|quickly)\b"),
    (DATE, r"哪一?年|哪一?天|哪一?月|几月|几号(?!人)|什么时候|何时|啥时候?|什么时间|多会儿|哪个月|日期|(?:哪个|什么|哪一个)(?:朝代|年代|世纪|时期)|\bwhen\b|\bwhat (?:exact |specific |precise )?(?:year|date|day|month|time|century|decade|dynasty|era)\b|\bwhich (?:year|date|day|month|century|decade|dynasty|era)\b|\bhow long ago\b"),
    # "小米是一家什么样的公司": what kind of company, said by a clause, not a name (see spans.kind_clause).
    (DEFINITION, _KIND_OF_COMPANY),
    # "和小米签协议的是谁": the other party of a deal is a company as often as a person.
    (ORG, r"(?:和|与|跟)[^，,。？?]{1,10}(?:签|合作|达成|联手|结盟)[^，,。？?]*的是谁"
          r"|(?:和|与|跟)谁[^，,。？?]{0,4}(?:签|达成|结盟|投|入股|出资|收购)"
          # who made or bought it: a company ("是谁帮忙代工的")
          r"|谁[^，,。？?]{0,4}(?:代工|收购|控股)|(?:代工|制造|生产)(?:商|厂|方)是谁"
          # who put money in: investors, funds as often as people ("谁投的")
          r"|(?:是)?谁(?:投资?|出资|注资)(?:的|了)"),
    (PERSON, r"谁|哪位|哪个人|什么人|姓名|名字叫|\bwho\b|\bwhom\b|\bwhose\b|\bwhich (?:other )?(?:person|people|execs?|executives?|founders?|co-founders?|managers?|leaders?|vps?|vice presidents?)\b|\bname of the (?:founder|ceo|chairman|president|person)\b"),
    # "排在什么位置": a position in a ranking, not a place.
    (NUMBER, r"排(?:在|到|名)?(?:什么|哪个|啥)位置"),
    # "Where did Xiaomi rank": a position in a ranking, not a place.
    (NUMBER, r"\bwhere (?:did|does|do|was|is|were|are)\b[^?]*\b(?:rank|(?:place|placed|come|came|stand|stood) in\b)"),
    # "以前在哪干": where one worked is a company; "在哪上的大学" a school.
    (ORG, r"在哪(?:里|儿)?(?:干|工作|上班|任职|就职|高就|打工|当|做)|\bwhere did (?:\w+ ){1,3}work\b"),
    # "是哪毕业的": where one graduated from is a school.
    (ORG, r"哪(?:里|儿|所)?(?:大学|学校)?毕业|毕业于哪"),
    # "本科在哪读的": where one studied is a school.
    (ORG, r"在哪(?:里|儿)?(?:读|念|上)(?:的|了|过)?(?:书|大学|学|本科|研究生|硕士|博士)?(?:的|呀|啊)?[？?]?$"),
    (PLACE, r"哪里|哪儿|是哪的|在哪(?![所家位款部个])|[搬迁]到?哪(?![所家位款部个年天])|何处|什么地方|哪个地方|哪个位置|什么位置|哪个城市|哪个省|哪个国家|哪个(?:区|县|镇|乡|村|街道|省份|城区)|哪国|哪座城|哪个地区|哪个州|哪个岛|什么地址|地址|\bwhere\b|\bwhich (?:\w+ )?(?:city|country|province|place|building|district|street)\b|\baddress\b"),
    # "公布排名报告的是哪家机构": which body is asked, though a ranking is mentioned.
    (ORG, r"是哪(?:家|个)(?:公司|机构|企业|银行|车企|厂商|媒体|组织)"
          r"|\bwhich (?:company|firm|organization|organisation|institution|agency|body)\b"),
    (NUMBER, r"多少|几[一-龥]|第几|排名|排第|排老几|排行老几|占比|比例|百分之|多大|多高|多长|多久|多重|多远|多宽|多深|多厚|多少钱|价格|售价|估值|代码|编号|注册号|\bhow (?:many|much|big|large|long|old|tall|high|far|heavy|deep|wide)\b|\bwhat (?:percentage|percent|share|rank|number|amount|price|code)\b|\bwhich rank\b|\b(?:revenue|profit|valuation|price|ranked|ranking|code|number of|capital|employees)\b"),
    (ORG, r"哪家|哪个公司|哪个机构|哪个部门|哪个团队|哪个单位|哪所|哪个大学|哪个学校|什么公司|什么机构|与谁|和谁|\bwhich (?:[\w-]+ )?(?:company|companies|firm|organization|organisation|institution|agency|authority|regulator|bureau|body|university|school|bank|exchange|website|broadcaster|publisher|newspaper|magazine)\b|\bwhich (?:[\w-]+ ){0,3}(?:supplier|manufacturer|maker|producer|startup|vendor)\b|\bname of the (?:[\w-]+ ){0,2}(?:lab|laboratory|institute|centre|center|committee|company)\b|\bwhat (?:company|organization|organisation|university)\b"),
    (ORG, r"哪个(?:杂志|报|电视台|网站|组织|政党|球队|俱乐部|乐队|王朝|朝代)|哪[部本]"),
    (ORG, r"(?:实验室|公司|机构|委员会|部门|组织|研究院|研究所|中心|基金会?)(?:叫什么|的名称|的名字|的全称|全称是|名称是)"
          # "建了个什么工程研究中心" asks its name; "什么类型的公司" asks a kind, not a name
          r"|什么(?!类型|性质|样|种)[\u4e00-\u9fff]{0,6}?(?:公司|集团|实验室|研究中心|研究院|研究所|委员会|机构|大学|学院|银行)"),
    # "米聊是个什么产品", "Redmi Fire TV是一款什么样的电视": what kind of thing it is, not its name.
    (DEFINITION, _KIND_OF_PRODUCT),
    (PRODUCT, r"(?:手机|平板|电视|手环|手表|耳机|笔记本|汽车|芯片|机型)(?:的名字)?(?:叫什么|名字是什么|是哪款)|哪[颗块个](?:芯片|处理器|屏幕)|什么产品|哪款|哪个产品|什么手机|哪款手机|什么型号|(?:什么|哪个|哪一?款)版本?(?![权])|什么芯片|什么车|什么操作系统|什么(?:可穿戴|智能)?设备|什么系统|什么平台|什么处理器|\bwhich (?:\w+ )?(?:product|phone|model|chip|car|system|platform)\b|\bwhat (?:\w+ )?(?:product|phone|model|chip|car|lens|camera|processor|os)\b"),
    (YESNO, r"是否|是不是|有没有|能不能|会不会|吗[？?]?$|(?:是|对|没错)[^，,。？?]*吧[？?]?$|对不对[？?]?$|\b(?:is|are|was|were|did|does|do|has|have|can)\b(?=[^?]*\?$)"),
    (DEFINITION, r"\bwhat does .{1,40}? (?:mean|stand for)\b|\bwhat (?:does|do)\b[^?]{1,40}?\bdo\b|\bwhat is meant by\b|是什么|什么是|指什么|是啥|(?:怎么|如何|怎样)(?:解释|理解)|什么意思|啥意思|是个啥|是个什么|(?:是)?(?:干|做)(?:啥|什么|嘛|吗)用?的|(?:主要|都|平时|具体)(?:干|做|负责)(?:啥|什么)|介绍|讲讲|说说|\bwhat (?:is|are|was|were)\b|\bdescribe\b|\btell me about\b"),
)


@dataclass(frozen=True)
class QuestionInfo:
    """What a question asks for."""

    text: str
    type: str
    english: bool


_ENGLISH_OPENING = re.compile(
    r"(?:(?:by|in|into|on|at|from|for|to|of|about|among|during)\s+)?"  # "By how much did 小米…营收 drop?"
    r"(?:and|but|so|then|what|when|where|which|who|whom|whose|why|how|is|are|was|were|do|does|did|can|could|has|have|had)\b",
    re.IGNORECASE,
)


def is_english(text: str) -> bool:
    """True when the question is mostly Latin letters (asked in English)."""
    latin = len(re.findall(r"[A-Za-z]", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    # "Who chairs 集团经营管理委员会?": an English sentence around a long Chinese name is still English.
    framed = _ENGLISH_OPENING.match(text.strip()) and len(re.findall(r"[A-Za-z]{2,}", text)) >= 2 and latin >= 5
    return (latin > 3 * cjk and latin >= 4) or bool(framed)


_AUXILIARY_OPENING = re.compile(r"(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would)\b")


# A Chinese question offering a value ends in 吗 and holds a number; no word in it asks for a value.
_OFFERS_A_VALUE = re.compile(r"\d.*(?:吗|么)[？?]?\s*$")
_ASKS_A_VALUE = re.compile(r"多少|几|哪|什么|谁|何|怎么|如何")


# "能不能告诉我米聊是个什么东西", "我想知道…": a polite frame around the question, not a yes/no one.
_FRAMING = re.compile(r"^(?:(?:请问|麻烦)(?:一下)?[，,]?\s*)?(?:(?:能不能|能否|可不可以|可以)?(?:请)?告诉我|我?想(?:知道|问一?下|了解一?下?))[，,：:]?\s*")


# An English question opening (after any leading phrase and comma) with an auxiliary verb, and
# asking no wh-word anywhere, asks yes or no.
_ENGLISH_YES_NO = re.compile(r"(?:[^,?]{0,80},\s*)?(?:is|are|was|were|did|does|do|has|have|had|can|could)\b")
_WH_WORD = re.compile(r"\b(?:what|when|where|which|who|whom|whose|how|why)\b")


def without_framing(question: str) -> str:
    """The question without a polite frame around it ("能不能告诉我", "我想知道")."""
    return _FRAMING.sub("", question)


def classify(question: str) -> QuestionInfo:
    """The expected answer type of a question."""
    text = question.strip()
    lowered = text.lower()
    english = is_english(text)
    # Colloquial 啥 is 什么: "首发的啥芯片" asks for a product as "什么芯片" does.
    asked = lowered if english else re.sub(r"啥(?!时候?)", "什么", _FRAMING.sub("", text))
    if not english and _OFFERS_A_VALUE.search(asked) and not _ASKS_A_VALUE.search(asked):
        # "估值达到450亿美元了吗": a question that offers the value itself asks yes or no, though
        # it names what a how-much question would (估值, 价格, 排名).
        return QuestionInfo(text, YESNO, english)
    if english and _ENGLISH_YES_NO.match(lowered) and not _WH_WORD.search(lowered):
        # "In the 2024 ranking, was Xiaomi the fastest-growing?": yes or no, though it names a ranking.
        return QuestionInfo(text, YESNO, english)
    for qtype, pattern in _RULES:
        if re.search(pattern, asked, flags=re.IGNORECASE):
            # "Instead of Android TV, which system does it run?": a wh-word opening a clause asks for a value.
            if qtype == YESNO and english and not _AUXILIARY_OPENING.match(lowered) and re.search(
                    r"(?:^|[,;:]\s*)(?:(?:and|so|then|but|also|ok|okay)\b[\s,]*)?"
                    r"(?:(?:in|into|on|at|from|for|to|by|with|under|through|of|about|among|during)\s+)?"
                    r"(what|when|who|where|which|how)\b",
                    lowered):
                continue
            return QuestionInfo(text, qtype, english)
    return QuestionInfo(text, OTHER, english)


# Question words and particles: they say what is asked, not what to look for.
_ASKING = re.compile(
    rf"{_ALIAS_ASKED}|"
    # the kind asked for ("一家什么性质的公司", "从性质上说"), which no sentence names in these words
    # (类型 stays: a registration record's "企业类型：" answers it)
    r"(?:一家)?(?:什么|啥|哪一?)(?:性质|样|种|类)(?=的?(?:公司|企业|集团|机构))|从?[性本]质上(?:来说|来看|说|讲)?|"
    r"(?<=[\d钱])一[张台个部件只份]|"  # "多少钱一张", "199一张": the price's unit, written 每张 in documents
    r"(?<=[了过])一[家个款位](?=[\u4e00-\u9fff])|"  # "入股了一家做底盘的": a thing, named by no sentence so
    r"(?:是)?(?:什么|啥)意思|的意思|(?:是个?)?(?:什么|啥)东西|(?:是)?(?:干|做)(?:啥|什么|嘛|吗)用?的?|"  # "真诚是什么意思": the meaning is asked, no sentence says 意思
    r"哪一?[年天月日个家位款所些里儿种项类]|什么时候|什么时间|什么地方|什么|何时|何处|几月几[日号]|几[月号年个家位款台部项次]|"
    r"多少钱?|是谁|谁|排老几|哪|啥时候?|啥|吗|呢|吧|是否|是不是|有没有|请问|一下|为何|如何|怎么样?|多久|多大|几|"
    # adverbs that qualify the asking, not the thing asked about ("一共卖了多少", "目前担任")
    r"一共|总共|共计|大约|大概|到底|究竟|具体|目前|现在|当前|如今|"
    # "最近一次年检": the latest, which a record states with no such word
    r"(?:最近|最新|上)一次|"
    # and how it was done, which no sentence says in these words ("一手创办", "一起投")
    r"一手|一起|一块儿?|里头|里面|"
    # and the frame around the question ("能不能告诉我", "我想知道")
    r"(?:能不能|能否|可不可以|可以)?(?:请)?告诉我|我?想(?:知道|问一?下|了解一?下?)|"
    # and what is left once some are set aside ("还有哪些", "还有谁")
    r"还有(?=哪|什么|啥|谁|别的|其他|其它)|"
    # and when, relative to what was just said ("当时谁来管红米")
    r"当时|那时候?|当初|后来|"
    # and the tag that asks for a yes ("创始人就是雷总对吧"), with the 就是 that stresses it
    r"对吧|对不对|对么|是吧|是么|没错吧|(?<![\u4e00-\u9fff])就是|(?<=[\u4e00-\u9fff]{2})就是|"
    # and which event, pointing back at the last answer's ("同一场发布会上"), not a word of it
    r"同一?场|同一?次"
)


# What a list question enumerates: "哪两位" people, "哪些大学" organisations.
_LIST_KINDS = (
    (PERSON, r"哪(?:两|三|几|些)位|哪些人|哪几个人|谁和谁|[两三四五六七八九几]位.{0,6}(?:分别|都)是谁|\bwho\b"),
    (ORG, r"大学|学校|高校|院校|公司|机构|委员会|实验室|部门|银行|企业|集团|\b(?:companies|universities|colleges|labs|laboratories|committees|banks|institutes)\b"),
    (PRODUCT, r"产品|手机|芯片|型号|机型|\b(?:products|phones|chips|models)\b"),
)


_ABSTRACT_ITEMS = re.compile(r"(?:哪些|哪几个|哪几|哪两个|哪三个)(?:领域|方面|方向|内容|业务|事情|环节)"
                             r"|\bwhich (?:areas|fields|aspects)\b", re.IGNORECASE)


def list_kind(question: str) -> str:
    """The span type a list question enumerates, or LIST for plain `A、B、C` enumerations."""
    if _ABSTRACT_ITEMS.search(question):
        return LIST  # "三方约定在哪些领域合作": fields, whatever names (格力, 银行) the question carries
    for kind, pattern in _LIST_KINDS:
        if re.search(pattern, question, flags=re.IGNORECASE):
            return kind
    return LIST


# "研究所主要是干什么的", "按什么思路开发产品", "What does it do?": what something does, not what it is called.
_WHAT_IT_DOES = re.compile(
    r"干什么|做什么|干嘛|干吗|干啥|做啥|用来|用途|作用|负责什么|负责哪些|按什么|什么思路"
    r"|\bwhat (?:does|do|did)\b[^?]*\bdo\b|\bwhat for\b|\bresponsible for\b",
    re.IGNORECASE,
)


def asks_what_it_does(question: str) -> bool:
    """Whether the question asks what something does (its work), not what it is called."""
    return _WHAT_IT_DOES.search(question) is not None


def product_kind_asked(question: str) -> str | None:
    """The kind of thing a "是一款什么样的电视" question asks about (电视), "" when it names only
    a product in general (产品, 东西, English), None when it asks no kind of product."""
    m = re.search(_KIND_OF_PRODUCT, question, flags=re.IGNORECASE)
    if m is None:
        return None
    thing = m.group("thing") or ""
    return "" if thing in ("产品", "东西") else thing


def kind_asked(question: str) -> bool:
    """Whether the question asks what kind of company something is."""
    return re.search(_KIND_OF_COMPANY, question, flags=re.IGNORECASE) is not None


# "一家什么类型的公司" asks what kind of business it is, which a profile says without the word
# 类型; asked about the registration ("工商登记上属于什么类型的企业") it is the record's field name.
_KIND_OF_BUSINESS = re.compile(r"(?:什么|啥|哪一?[种类])类型(?=的(?:公司|企业|集团|机构))")
_REGISTRATION = re.compile(r"工商|登记|注册|执照|\bregist(?:ered|ration)\b|\bbusiness licen[cs]e\b", re.IGNORECASE)


def kind_of_business_asked(question: str) -> bool:
    """Whether the question asks what kind of business something is, not its registered type."""
    return kind_asked(question) and not _REGISTRATION.search(question)


def content_text(question: str) -> str:
    """The question without its question words, for keyword matching."""
    if not _REGISTRATION.search(question):
        question = _KIND_OF_BUSINESS.sub(" ", question)
    return _ASKING.sub(" ", question)


MAX_QUESTION_CHARS = 2000


def check_question(text: str) -> str:
    """The question stripped, or QuestionError if it is empty or too long."""
    if not isinstance(text, str) or not text.strip():
        raise QuestionError("the question is empty")
    text = text.strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question has {len(text)} characters; the limit is {MAX_QUESTION_CHARS}")
    return text
