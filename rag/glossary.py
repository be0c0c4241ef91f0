"""English → Chinese keywords, so English questions can match a Chinese corpus by keyword.

Dense retrieval already understands English; this list only gives BM25 and
the answer checker the Chinese words an English question means. It covers
general company-profile vocabulary, not the content of any one document.
"""

from __future__ import annotations

import re

_TERMS: dict[str, str] = {
    "who founded|founded by|who established|who set up|who started|who created": "创始人 创办",
    "found|founded|founding|established|establish|set up|incorporated|registered": "成立 注册",
    # "the founder" is 创始人; only a co-founder is 联合创始人 (a founder is not one of several).
    "founder|founders": "创始人",
    "co-founder|co-founders|cofounder|cofounders": "联合创始人",
    "headquarters|headquartered|head office|based": "总部",
    "list|listed|listing|ipo|go public|went public": "上市",
    # "listed among its main products": named in a list, not a stock listing
    "listed among|listed under": "",
    "stock exchange|exchange": "交易所",
    "nasdaq": "纳斯达克",
    "new york stock exchange|nyse": "纽交所",
    "a-share|a-shares|a share|a shares": "A股",
    "stock code|ticker|stock": "股票代码",
    "hong kong": "香港",
    "total revenue|total revenues|total income": "总收入 收入 营收",
    "revenue|revenues|income|turnover": "收入 营业收入 营收",
    "adjusted net profit|adjusted profit|adjusted net income": "调整后净利润 经调整净利润",
    "profit|profits|net profit|earnings": "利润 净利润",
    "employee|employees|staff|workforce": "员工",
    "valuation|valued|worth": "估值",
    "market capitalization|market capitalisation|market cap|market value": "市值",
    "financing|funding|fundraising|raised|raise|raising|round": "融资 轮",
    "investor|investors|invested|investment|invest|put money in|backed|backers|funded|financed": "投资 投资方",
    "born|birth|birthday": "出生",
    "graduate|graduated|degree|studied|alma mater|attended|attend": "毕业 学位",
    "university|universities|college|colleges": "大学",
    "chairman|chairwoman": "董事长",
    "chair|chairs|chaired|chairperson|chairing|head of the committee": "主任 主席",
    "foundation|foundations": "基金会",
    "interest-free|interest free": "免息",
    "installment|installments|instalment|instalments": "分期 期",
    # Universities by the romanisation they go by in English.
    "tsinghua|qinghua": "清华",
    "peking university": "北京大学",
    "supplier|suppliers|vendor": "供应商 生产商",
    "registration authority|registering authority|authority|regulator": "登记机关 机关",
    "registered with": "登记",
    "chassis maker|chassis makers|chassis supplier|chassis company": "底盘 生产商",
    "chassis": "底盘",
    "steer-by-wire|by-wire|drive-by-wire|wire-controlled": "线控",
    "ceo|chief executive": "CEO 首席执行官",
    "president": "总裁",
    "cctv|china media group|china central television|state broadcaster|broadcaster": "中央广播电视总台 央视",
    "vice": "副",
    "partner|partners": "合伙人",
    "executive|executives|exec|execs|management|senior": "高管 高级",
    "release|released|launch|launched|unveil|unveiled|introduce|introduced|come out|came out|comes out": "发布 推出",
    # A phone is any 手机: glossed 智能手机 too, it would only count where the documents say smartphone.
    "phone|phones|handset|handsets|mobile": "手机",
    "smartphone|smartphones": "智能手机 手机",
    "car|cars|vehicle|vehicles|automobile|auto|ev|electric vehicle": "汽车 造车",
    # Asking for the English name is the answer's type (question.ALIAS), not a word to look for.
    "english name|english|in english": "",
    "factory|plant": "工厂",
    "mission": "使命",
    "vision": "愿景",
    "value|values|culture": "价值观 文化",
    "logo": "Logo",
    "design|designed|designer": "设计",
    "buy into|bought into|took a stake|stake": "入股",
    "outline|contour": "轮廓",
    "shape|shaped": "形状",
    "square": "方形 正方形",
    "circle|circular": "圆形",
    "patent|patents": "专利",
    "lab|labs|laboratory|laboratories": "实验室",
    "research|r&d": "研发 研究",
    "co-develop|co-developed|co-development|jointly developed|developed together|develop together": "联合研发 研发",
    "chip|chips|processor|soc": "芯片",
    "gaming|game|games": "游戏",
    "discrete graphics|discrete gpu|graphics chip|graphics card|gpu": "独显",
    "rank|ranked|ranking|place|position": "排名 位",
    "fortune": "财富",
    "global 500|fortune 500|world 500": "世界500强 500强",
    "forbes": "福布斯",
    "capital|registered capital": "注册资本",
    "legal representative": "法定代表人",
    "credit code|social credit": "统一社会信用代码",
    "organization code|organisation code": "组织机构代码",
    "registration number": "注册号",
    "business registration|registration record": "工商",
    "company type|legal form": "公司类型",
    "address": "地址",
    "registered business scope|business scope|scope": "经营范围",
    "fastest-growing|fastest growing|grew fastest|grown fastest": "增长最快",
    "registration authority|registration office": "登记机关",
    "business term|operating term|operating period|term of operation|business license|business licence": "营业期限",
    "sell out|sold out|sells out|selling out": "卖完 售罄 抢光",
    "sale|sales|sold|sell": "销售 销量 售出",
    "shipment|shipments|shipped": "出货量",
    "user|users|active users|monthly active": "用户 月活",
    "cooperation|cooperate|partnership|agreement|strategic|team up|teamed up|partnered": "合作 协议 战略",
    "sign|signed|signing": "签署 签订 签约",
    "acquire|acquired|acquisition|stake": "入股 收购",
    "store|stores|shop|retail": "门店 零售",
    "overseas|international|global|abroad": "海外 国际 全球",
    "market share|share": "份额",
    "price|priced|cost": "售价 价格 定价",
    # "5999元起售": the price a range starts at, not a special edition's.
    "starting price|starts at|start at|starting at|entry price|base price": "起售 元起 售价",
    "operating system|operating systems|os": "系统",
    "ecosystem": "生态",
    "smart home|iot|internet of things": "物联网 智能家居",
    "tv|television": "电视",
    "laptop|notebook": "笔记本",
    "team": "团队",
    "platform|platforms": "平台",
    # "model number" is a product's type designation, not an AI model.
    "model number|model no|type number": "型号",
    "model|large model|ai": "大模型 人工智能 AI",
    "robot|robotics": "机器人",
    "camera": "相机 影像",
    "fan|fans": "米粉 粉丝",
    "festival": "节",
    "slogan|motto": "口号",
    "beijing": "北京",
    "shanghai": "上海",
    "wuhan": "武汉",
    "guangzhou": "广州",
    "china|chinese": "中国",
    "japan|japanese": "日本",
    "india|indian": "印度",
    "europe|european": "欧洲",
    "xiaomi|mi": "小米",
    "group": "集团",
    "company|companies|corporation|corp|inc|ltd|firm": "公司",
    "technology|tech": "科技 技术",
    "institute": "研究所 研究院",
    "product|products": "产品",
    "main products|main product|major products|principal products|main product lines|product lines": "主要产品",
    "manufacturing|manufacture|manufactured|manufacturer|made|make|maker": "制造 生产 代工",
    "center|centre": "中心",
    "edition|version": "版",
    "series": "系列",
    "brand": "品牌",
    "launch event|event|conference": "发布会",
    "chief financial officer|cfo": "CFO 首席财务官",
    "chief technology officer|chief technical officer|cto": "CTO 首席技术官",
    "chief operating officer|coo": "COO 首席运营官",
    "chief of staff": "参谋长 参谋部",
    "vice president": "副总裁",
    "vice chairman|vice-chairman|deputy chairman": "副董事长",
    "imaging": "影像",
    "explorer": "探索家",
    "patent|patents|licensing|license": "专利 授权",
    "cross": "交叉",
    "chairman of the board": "董事长",
    "deputy": "副",
    # A deputy to a congress represents it (代表), and is no one's second.
    "deputy to|deputies to|delegate to|delegates to|deputy of|npc deputy": "代表",
    "member|members": "成员",
    "charging": "充电",
    "network": "网络",
    "carmaker|carmakers|automaker|automakers": "车企 汽车",
    "harry potter": "哈利波特",
    "contact lens|contact lenses": "隐形眼镜",
    "glasses|eyeglasses|spectacles": "眼镜",
    "doctorate|phd|doctoral": "博士",
    "emba|executive mba": "高级工商管理硕士 EMBA",
    "master's|masters|mba": "硕士",
    "bachelor's|bachelor|undergraduate": "学士 本科",
    "full year|whole year|annual|annually": "全年",
    "first quarter|q1": "第一季度",
    "second quarter|q2": "第二季度",
    "third quarter|q3": "第三季度",
    "fourth quarter|q4": "第四季度",
    "announce|announced|announcement": "宣布",
    "electronics|electronic": "电子",
    "oversee|oversees|oversaw|overseeing|coordinate|coordinates|responsible for|responsibilities|duties": "统筹 负责",
    "car manufacturing|carmaking|car-making|making cars|building cars|auto industry|car industry": "造车",
    "disclose|disclosed|reveal|revealed|publish|published|make public|made public": "公布 公开 披露",
    "put in charge|in charge|appointed|appoint|named": "任命 担任",
    "enter|entered|entering|entry|going into|go into|went into|get into|got into|getting into": "进入 进军 进驻",
    "ultra": "Ultra",
    "department|division": "部",
    # A division named by what it makes is one word in Chinese: 手机部, not 手机 and 部.
    "phone division|phone department|smartphone division|handset division|mobile phone division": "手机部",
    "committee|committees": "委员会",
    "business management committee|management committee": "经营管理委员会 经管会",
    "human resources committee|hr committee": "人力资源委员会",
    "internal beta|beta|beta version": "内测版 内测",
    "nickname|nicknames|nicknamed|dubbed": "外号 称作 称为",
    "internet service|internet services": "互联网服务",
    "hardware": "硬件",
    "ivory": "象牙",
    "artwork|artworks|arts and crafts|handicraft|handicrafts": "工艺美术品",
    "pet food|pet supplies": "宠物食品",
    "snapdragon": "骁龙",
    "mobile platform": "移动平台",
    "phase one|phase 1|first phase": "一期",
    "phase two|phase 2|second phase": "二期",
    "phase three|phase 3|third phase": "三期",
    "gen 1|first generation|first-generation|1st gen": "第一代",
    "gen 2|second generation|second-generation|2nd gen": "第二代",
    "gen 3|third generation|third-generation|3rd gen": "第三代",
    "world's first|world first|first in the world": "全球首发 首发",
    "secretary|secretary general|secretary-general": "秘书长",
    "deputy secretary|deputy secretary general|deputy secretary-general": "副秘书长",
    "deputy director|deputy directors|vice director|deputy head|deputy chair": "副主任",
    "quality": "质量",
    "limited edition|limited editions|limited": "限量",
    "color|colors|colour|colours|colorway|colorways": "配色 颜色 色",
    "redmi": "红米 Redmi",
    "year": "年",
    "wearable|wearables": "可穿戴",
    "device|devices": "设备",
    "band|fitness band|wristband": "手环",
    "resign|resigned|left|quit|stepped down|step down": "辞职 离职 卸任",
    # "stop serving as chairman" is written "不再兼任…主席".
    "stop serving|stopped serving|no longer served|no longer serves|ceased to serve|ceased serving": "不再 卸任",
    "january|jan": "1月",
    "february|feb": "2月",
    "march": "3月",
    "april|apr": "4月",
    "june": "6月",
    "july|jul": "7月",
    "august|aug": "8月",
    "september|sept|sep": "9月",
    "october|oct": "10月",
    "november|nov": "11月",
    "december|dec": "12月",
    "first": "第一 首",
    "moved into|move into|moved in|move in": "入驻 迁至",
    "market|markets": "市场",
    "tablet|tablets": "平板",
    "sub-fields|sub-field|subfields|subfield|sub-areas|sub-area": "细分领域",
    "moved|relocated|move": "迁至",
    "us dollars|us dollar|usd|dollars|dollar": "美元",
    "hong kong dollars|hong kong dollar|hkd": "港元",
    "yuan|rmb|renminbi": "元 人民币",
    "where": "位于",
    "medical device|medical devices|medical equipment": "医疗器械",
    "class i": "第一类",
    "class ii": "第二类",
    "class iii": "第三类",
    "national people's congress|people's congress|npc": "全国人民代表大会 人大",
    "buyback|buy back|bought back|repurchase|repurchased|share repurchase": "回购",
    "class b|class b shares|class b share": "B类股份",
    "per share": "每股",
    "average price|average": "平均价 平均",
    "digital economy": "数字经济",
    "top 100": "100强",
    "top 50": "50强",
    "report": "报告",
    "website|websites|e-commerce|ecommerce|online store|online platform": "网站 电子商务",
    "chinese-american|chinese american|american-born chinese": "美籍华裔",
    "spring": "春季",
    "autumn|fall": "秋季",
    "shareholder|shareholders|stockholder": "股东",
    "institution|institutions|agency|body": "机构",
    "contract manufacturer|contract-manufactured|oem|foundry": "代工",
    "crop seed|crop seeds|seed|seeds": "农作物种子 种子",
    "restriction|restrictions|restricted|limited to": "仅限 除外",
}

# Countries and well-known companies, as Chinese text writes them. A question naming one is about it:
# "When did Huawei go public?" is not answered by a sentence about another company.
_NAMES: dict[str, str] = {
    "india": "印度",
    "indonesia": "印度尼西亚 印尼",
    "japan": "日本",
    "germany": "德国",
    "france": "法国",
    "spain": "西班牙",
    "italy": "意大利",
    "russia": "俄罗斯",
    "britain|united kingdom|uk": "英国",
    "united states|america|usa": "美国",
    "malaysia": "马来西亚",
    "singapore": "新加坡",
    "philippines": "菲律宾",
    "thailand": "泰国",
    "vietnam": "越南",
    "brazil": "巴西",
    "mexico": "墨西哥",
    "korea|south korea": "韩国",
    "nokia": "诺基亚",
    "qualcomm": "高通",
    "leica": "徕卡",
    "zeiss": "蔡司",
    "hasselblad": "哈苏",
    "boe": "京东方",
    "sony": "索尼",
    "huawei": "华为",
    "zte": "中兴",
    "samsung": "三星",
    "google": "谷歌",
    "amazon": "亚马逊",
    "microsoft": "微软",
    "intel": "英特尔",
    "byd": "比亚迪",
    "baidu": "百度",
    "iqiyi": "爱奇艺",
    "midea": "美的",
    "kingsoft": "金山",
    "shunwei": "顺为",
    "mitalk": "米聊",
    "gree|gree electric": "格力",
    "citic|citic bank": "中信",
    "china merchants bank": "招商银行",
    "panasonic": "松下",
    "li-ning|li ning|lining": "李宁",
    "huami": "华米",
    "nio": "蔚来",
    "xpeng": "小鹏",
    "li auto": "理想汽车",
    "tianma": "天马",
    "alibaba": "阿里巴巴",
    "tencent": "腾讯",
    "jd.com|jd": "京东",
}
_TERMS.update(_NAMES)

_INDEX: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys.split("|")) + r")\b", re.IGNORECASE), zh)
    for keys, zh in _TERMS.items()
]


_NAME_INDEX = [(re.compile(r"\b(?:" + "|".join(map(re.escape, keys.split("|"))) + r")\b", re.IGNORECASE), zh.split()[0])
               for keys, zh in _NAMES.items()]


def glossed_names(text: str) -> list[str]:
    """The Chinese names of the countries and companies an English text names."""
    return [zh for pattern, zh in _NAME_INDEX if pattern.search(text)]


# "chairman of the quality committee" heads a committee (主席, 主任), not a board (董事长).
_COMMITTEE_CHAIR = re.compile(
    r"\bchair(?:man|woman|person)?(?=\s+of\s+(?:[\w'’-]+\s+){0,5}?(?:committee|council|commission)\b)", re.IGNORECASE)


# "What type of company is it registered as": the registration record's 公司类型 field; asked
# without the registration, the kind of business a profile describes.
_KIND_OF = r"\b(?:type|kind|form) of (?:company|business|entity|enterprise)\b"
_REGISTERED = r"\bregist(?:ered|ration)\b"
_REGISTERED_TYPE = re.compile(rf"{_KIND_OF}.*{_REGISTERED}|{_REGISTERED}.*{_KIND_OF}|\bregistered as\b", re.IGNORECASE)


def chinese_keywords(text: str) -> list[str]:
    """Chinese keywords for the English words and phrases in text."""
    text = _COMMITTEE_CHAIR.sub("head of the committee", text)
    found: list[str] = ["公司类型"] if _REGISTERED_TYPE.search(text) else []
    matches = [(pattern.finditer(text), zh) for pattern, zh in _INDEX]
    spans = [(m.start(), m.end(), zh) for found_by, zh in matches for m in found_by]
    for start, end, zh in spans:
        # A phrase's words are not glossed again on their own: "car manufacturing" is 造车, not also 制造.
        if not any(a <= start and end <= b and b - a > end - start for a, b, _ in spans):
            found.extend(zh.split())
    return list(dict.fromkeys(found))


# Everyday Chinese words and the words a formal document uses for them.
_ZH_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("卖", "售", "销售", "出售", "销量"),
    ("卖出", "售出", "销售", "销量", "卖光", "售罄"),
    ("卖完", "售罄", "售完", "卖光", "抢而空"),
    ("买", "购买", "购"),
    ("钱", "元", "价", "金额"),
    ("价格", "售价", "定价", "价", "元"),
    ("售价", "起售", "定价", "零售价", "价格"),
    ("起售价", "起售", "售价", "元起"),
    ("众筹价", "众筹"),  # "开启众筹，价格为1749元"
    ("定价", "售价", "价格", "起售", "元起"),
    ("生", "出生"),
    ("涨", "增长", "上涨", "增加", "提升"),  # "营业额涨了多少": by how much it grew
    ("用户数", "用户", "用户量"),
    ("活跃", "月活", "日活"),
    ("生日", "出生"),
    ("搬", "迁", "迁至"),
    ("搬到", "迁至", "迁"),
    ("老板", "董事长", "CEO", "创始人"),
    ("创办", "创立", "创始人", "成立"),
    ("创办人", "创始人"),
    ("开", "设立", "成立", "开设"),
    ("公司", "集团"),
    ("企业", "公司"),
    ("赚", "利润", "收入", "营收"),
    ("净赚", "净利润", "利润"),
    ("营收", "收入", "营业收入"),
    ("收入", "营收", "营业收入"),
    ("上市", "挂牌"),
    ("手机", "智能手机"),
    ("车", "汽车"),
    ("造车", "汽车"),
    ("汽车行业", "造车领域", "造车", "汽车领域"),  # "进军汽车行业" is the corpus's 进入造车领域
    ("行业", "领域"),
    ("官宣", "宣布"),
    ("对外说", "宣布"),
    ("厂", "工厂"),
    ("员工", "职工", "人数"),
    ("读", "毕业", "就读"),
    ("毕业", "学位", "取得"),
    ("职务", "任职", "担任"),
    ("担任", "任职", "任命", "现任"),
    ("投资", "入股", "融资"),
    ("发布", "推出", "亮相", "发售"),
    ("推出", "发布"),
    ("辞职", "离职", "卸任", "辞去"),
    ("卸任", "不再兼任", "辞去", "辞职"),
    ("出货", "出货量", "售出"),
    ("排名", "位", "排行"),
    ("多长时间", "秒", "分", "小时", "历时", "用时", "耗时"),
    ("创立", "成立", "创办", "创建"),
    ("创建", "成立", "创立"),
    ("首席财务官", "CFO"),
    ("首席执行官", "CEO"),
    ("首席技术官", "CTO"),
    ("首席运营官", "COO"),
    ("iot", "物联网"),
    ("hr", "人力资源"),
    ("emba", "高级工商管理硕士", "工商管理硕士"),
    ("mba", "工商管理硕士"),
    ("cfo", "首席财务官"),
    ("ceo", "首席执行官"),
    ("cto", "首席技术官"),
    ("coo", "首席运营官"),
    ("老家", "出生", "籍贯"),
    ("家乡", "出生", "籍贯"),
    ("上线", "发布", "推出"),
    ("股票代码", "股份代号", "证券代码", ".hk", "挂牌"),  # written 1810.HK, where the listing (挂牌) is told
    ("港股", "香港交易所", "港交所", ".hk"),
    ("主要产品",),  # one keyword, said by a heading: 主要 alone finds "主要从事…"
    ("最低", "起售", "元起"),  # a price "from" is its lowest  # a Hong Kong listing's code is written 1810.HK
    ("进入", "进军", "进驻", "登陆", "打入"),
    ("进军", "进入", "进驻", "登陆", "打入"),
    ("出任", "担任", "任命", "任职"),
    ("就任", "担任", "任命"),
    ("标志", "Logo"),
    ("设计师", "设计", "操刀"),
    ("设计", "操刀"),
    ("外号", "称作", "称为", "绰号"),
    ("禁售", "禁止"),
    ("禁卖", "禁售", "禁止"),
    ("过期", "期限", "到期"),
    ("雇员", "员工", "职工"),
    ("职工", "员工"),
    ("营业额", "销售额", "营收", "收入"),
    ("占有率", "份额"),
    ("市场占有率", "市场份额", "份额"),
    ("订单", "预订", "订购"),
    ("法人", "法定代表人"),
    ("注册资金", "注册资本"),
    ("发货量", "出货量", "出货"),
    ("委员", "成员"),
    ("美金", "美元"),  # spoken for the currency the documents write 美元
    ("港币", "港元"),
    ("发货", "出货"),
    ("到期", "期限"),
    ("营业执照", "工商", "登记", "营业期限"),
    ("港股代码", "股份代号", ".hk", "挂牌"),
    ("证券代码", "股票代码", "股份代号", ".hk", "挂牌"),
    ("首轮", "第一轮"),
    ("出资", "投资方", "投资"),
    ("钟头", "小时"),
    ("百强", "100强"),
    ("第一", "冠军", "榜首"),  # "拿了几个第一": how many titles
    ("第一名", "冠军", "第一", "榜首"),
    ("本科", "学士", "毕业"),
    ("学校", "大学", "学院"),
    ("研究生", "硕士"),
    ("读研", "硕士"),
    ("投", "投资", "入股", "融资"),
    ("东西", "产品"),
    ("管", "负责", "总经理", "掌管", "主管"),  # "谁来管红米": who heads it
    ("最早", "第一", "首", "首次"),
    ("第一代", "首款", "第一款"),  # "第一代小米手环" is the 首款可穿戴设备小米手环  # "最早那轮融资" is the first round
    ("卖药", "药品零售", "药品"),
    ("公开", "公布", "披露"),
    ("名字", "名称"),
    ("合资", "合作", "共建", "联合"),
    # the short names a national body goes by
    ("央视", "中央广播电视总台", "中央电视台", "总台"),
    # and a country's ("印尼" for 印度尼西亚)
    ("印尼", "印度尼西亚"),
    ("大本营", "总部"),  # spoken for a company's headquarters
    ("老巢", "总部"),
    ("老板", "创始人", "董事长", "首席执行官"),  # spoken for whoever runs the company
    ("一把手", "董事长", "首席执行官"),
    ("底盘", "线控底盘"),
    ("干", "工作", "任职"),  # "以前在哪干": where one worked
    ("开", "召开", "举行", "举办"),  # "在哪开的发布会": where it was held
    ("澳洲", "澳大利亚"),
    ("大马", "马来西亚"),
)

# Stock markets, each with the ways a text names it. A code or listing on one is not one on another.
_MARKETS: dict[str, tuple[str, ...]] = {
    "香港": ("港股", "香港交易所", "港交所", "联交所", "香港联合交易所", ".hk"),
    "内地": ("a股", "上交所", "深交所", "上海证券交易所", "深圳证券交易所", "科创板", "创业板"),
    "美国": ("美股", "纳斯达克", "纽交所", "纽约证券交易所", "nasdaq", "nyse", "美国上市", "美国证券交易所",
           "us stock", "u.s. stock", "us exchange", "u.s. exchange", "new york stock", "american stock"),
}


# Degrees, each with the ways a text names it.
_DEGREES: dict[str, tuple[str, ...]] = {
    "博士": ("博士", "phd", "doctor"),
    "硕士": ("硕士", "mba", "研究生", "master"),
    # "毕业于清华大学物理系" with no degree named is the first degree.
    "学士": ("学士", "本科", "bachelor", "毕业"),
    "本科": ("学士", "本科", "bachelor", "毕业"),
}


def degree_stated(question: str, text: str) -> bool:
    """Whether a normalised text names the degree a question asks about (true when it names none)."""
    asked = question.lower()
    return all(any(f in text for f in forms) for forms in _DEGREES.values() if any(f in asked for f in forms))


# Money figures a company reports, each with the ways a text names it. An amount said of one is not
# an answer about another: a valuation is not the money a round raised.
_FIGURES: dict[str, tuple[str, ...]] = {
    "融资": ("融资额", "融资", "融了", "融到", "融得", "募资", "募集"),
    "估值": ("估值",),
    "市值": ("市值",),
    "收入": ("营业收入", "总收入", "营收", "收入", "营业额", "销售额"),
    "净利润": ("经调整净利润", "净利润", "净利", "纯利", "净赚", "利润"),
    "研发投入": ("研发投入", "研发费用", "研发开支"),
}
_FIGURE_NAMES = re.compile("|".join(sorted((re.escape(n) for names in _FIGURES.values() for n in names),
                                           key=len, reverse=True)))
_FIGURE_OF = {n: figure for figure, names in _FIGURES.items() for n in names}


def figure_asked(question: str) -> str | None:
    """The money figure a question names ("融了多少钱" → 融资), if it names one: the last it names
    ("那轮融资后估值多少" asks the valuation)."""
    found = list(_FIGURE_NAMES.finditer(question))
    return _FIGURE_OF[found[-1].group()] if found else None


def figure_before(text: str, start: int, window: int = 8) -> str | None:
    """The money figure a text names just before an amount, within its clause ("估值达100亿美元" → 估值)."""
    lead = re.split(r"[，,；;。：:]", text[max(0, start - window) : start])[-1]
    found = list(_FIGURE_NAMES.finditer(lead))
    return _FIGURE_OF[found[-1].group()] if found else None


_MARKET_NAMES = re.compile("|".join(re.escape(n) for names in _MARKETS.values() for n in names))
_MARKET_OF = {n: market for market, names in _MARKETS.items() for n in names}


def markets_named(text: str) -> set[str]:
    """The stock markets a normalised (lower-cased) text names."""
    return {_MARKET_OF[m.group()] for m in _MARKET_NAMES.finditer(text)}


# Matched against normalised (lower-cased) text, so kept lower-case.
SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in _ZH_SYNONYMS:
    SYNONYMS[_group[0]] = tuple(dict.fromkeys(SYNONYMS.get(_group[0], ()) + tuple(w.lower() for w in _group[1:])))


def covered_words(text: str) -> set[str]:
    """Lower-cased English words of text that the glossary translates."""
    # Split as `proper_nouns` splits, so "People's" of a glossed phrase covers "People".
    return {w for pattern, _ in _INDEX for m in pattern.finditer(text)
            for w in re.findall(r"[a-z0-9]+", m.group().lower())}


def proper_nouns(text: str) -> list[str]:
    """Capitalised words of an English question that the glossary does not translate (names, brands)."""
    # A month before a year is a date, not a name: "May" of "in May 2022".
    covered = covered_words(text) | {m.group(1).lower() for m in _ENGLISH_DATE.finditer(text)}
    # A sentence's first word is capitalised whatever it is: "…a committee. How many members…".
    openings = {m.end() for m in re.finditer(r"(?:^|[.!?;:]\s+)(?=[A-Za-z])", text.strip())}
    return [m.group() for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*", text.strip())
            if m.start() not in openings and m.group()[0].isupper() and m.group().lower() not in covered]


_MONTH_NAMES = ("january february march april may june july august september october november december").split()
_ENGLISH_DATE = re.compile(
    r"\b(" + "|".join(_MONTH_NAMES) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+"
    r"(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)


def chinese_dates(text: str) -> str:
    """English month dates written as Chinese ones: "June 2023" → 2023年6月, "June 30, 2024" → 2024年6月30日."""
    def written(m: re.Match) -> str:
        name = m.group(1).lower()
        month = next(i for i, full in enumerate(_MONTH_NAMES, 1) if full.startswith(name[:3]))
        return f"{m.group(3)}年{month}月" + (f"{int(m.group(2))}日" if m.group(2) else "")

    return _ENGLISH_DATE.sub(written, text)


def chinese_dated(text: str) -> str:
    """An English text with its dates and bare years written as Chinese ones ("in August 2014" → 2014年8月,
    "in 2020" → 2020年), as the year, quarter and month checks read them."""
    return re.sub(r"\b((?:19|20)\d{2})\b(?!年)", r"\1年", chinese_dates(text))

