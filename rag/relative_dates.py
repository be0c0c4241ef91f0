"""Dates counted from an earlier answer: "一周前" after 2011年9月5日 is 2011年8月29日."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# "三天后", "一周前", "两个月之后", "1年后"; the count is small, as a chat about one document's dates is.
# "一个来月后", "两年多以后": about so long, counted as that long.
_COUNTED = re.compile(r"(?<![同当那这年\d])(?P<n>[一两二三四五六七八九十]|\d{1,2})(?:个)?(?:来|多)?"
                      r"(?P<unit>天|日|周|星期|礼拜|月|年)(?:多|左右)?(?P<dir>前|后(?!来)|之前|之后|以前|以后)")
# "进印度之后一个来月": the direction said first.
_COUNTED_AFTER = re.compile(r"(?P<dir>之后|以后|之前|以前)(?:过了|大概|大约)?"
                            r"(?P<n>[一两二三四五六七八九十]|\d{1,2})(?:个)?(?:来|多)?(?P<unit>天|日|周|星期|礼拜|月|年)(?![前后内里])")
# Words for the day, month or year just before or after: "第二天呢？", "前一天", "次年", "次月".
_NEXT_DAY = re.compile(r"第二天|次日|翌日|隔天|后一天|\b(?:the )?(?:next|following) day\b|\bthe day after\b", re.I)
_DAY_BEFORE = re.compile(r"前一天|\bthe (?:previous )?day before\b|\bthe previous day\b", re.I)
# Not the 次 of a count: "最近一次年检".
_NEXT_YEAR = re.compile(r"第二年|(?<![一两二三四五六七八九十几每多这上下首\d])次年|翌年|后一年"
                        r"|\b(?:the )?(?:next|following) year\b|\bthe year after\b|\ba year later\b", re.I)
_YEAR_BEFORE = re.compile(r"前一年|上一年"
                          r"|\bthe (?:previous|prior) year\b|\bthe year before\b|\ba year (?:earlier|before)\b", re.I)
_NEXT_MONTH = re.compile(r"次月|下个月|下一个月|后一个月|\b(?:the )?(?:next|following) month\b|\ba month later\b", re.I)
_MONTH_BEFORE = re.compile(r"上个月|上一个月|前一个月|\bthe (?:previous|prior) month\b|\bthe month before\b"
                           r"|\ba month (?:earlier|before)\b", re.I)
# "two years after the listing", "three days later".
_ENGLISH_COUNTED = re.compile(r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                              r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|before|earlier)\b", re.I)
_ENGLISH_NUMBERS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
_ENGLISH_UNITS = {"day": "天", "week": "周", "month": "月", "year": "年"}
_FULL_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})[日号]")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def counts_from_a_date(question: str) -> bool:
    """Whether the question names a date relative to another one (一周前, 第二天, 次年)."""
    return any(p.search(question) for p in (_NEXT_DAY, _DAY_BEFORE, _NEXT_YEAR, _YEAR_BEFORE, _NEXT_MONTH,
                                            _MONTH_BEFORE, _COUNTED, _COUNTED_AFTER, _ENGLISH_COUNTED))


def shift_dates(question: str, anchors: list[str]) -> str:
    """`question` with one relative date put as the date it counts to from the first anchor that has
    the precision it needs (a day for 三天后, a month for 两个月后, a year for 次年).

    Returned unchanged when nothing is relative or no anchor is precise enough: a guess would
    answer about the wrong day.
    """
    for pattern, unit, step in ((_NEXT_DAY, "天", 1), (_DAY_BEFORE, "天", -1), (_NEXT_YEAR, "年", 1),
                                (_YEAR_BEFORE, "年", -1), (_NEXT_MONTH, "月", 1), (_MONTH_BEFORE, "月", -1)):
        m = pattern.search(question)
        if m:
            return _replace(question, m, unit, step, anchors)
    m = _COUNTED.search(question) or _COUNTED_AFTER.search(question) or _ENGLISH_COUNTED.search(question)
    if not m:
        return question
    count = m.group("n")
    n = int(count) if count.isdigit() else _NUMBERS.get(count) or _ENGLISH_NUMBERS[count.lower()]
    unit = _ENGLISH_UNITS.get(m.group("unit").lower(), m.group("unit"))
    if unit in ("周", "星期", "礼拜"):
        unit, n = "天", 7 * n
    later = "后" in m.group("dir") or m.group("dir").lower() in ("later", "after")
    return _replace(question, m, "天" if unit == "日" else unit, n if later else -n, anchors)


def _replace(question: str, m: re.Match, unit: str, step: int, anchors: list[str]) -> str:
    for anchor in anchors:
        shifted = _shift(anchor, unit, step)
        if shifted:
            return question[: m.start()] + shifted + question[m.end():]
    return question


def _shift(anchor: str, unit: str, step: int) -> str | None:
    """The date `step` units from the date in `anchor`, written as precisely as the unit needs."""
    if unit == "天":
        m = _FULL_DATE.search(anchor)
        if not m or not _valid_day(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return None
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + timedelta(days=step)
        return f"{day.year}年{day.month}月{day.day}日"
    if unit == "月":
        m = _YEAR_MONTH.search(anchor)
        if not m:
            return None
        months = int(m.group(1)) * 12 + int(m.group(2)) - 1 + step
        return f"{months // 12}年{months % 12 + 1}月"
    m = _YEAR.search(anchor)
    return f"{int(m.group(1)) + step}年" if m else None


def _valid_day(year: int, month: int, day: int) -> bool:
    """Whether a written date exists (a source may say 2月30日 by mistake; it then anchors nothing)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
