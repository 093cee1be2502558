"""Read the period a figure covers (year, year-to-date, quarter, half, month, stock date) from its caption.

Hand-written: dateparser reads points in time, not spans such as "за 9 месяцев", "2022-yilning 8 oyida",
"қаңтар-тамыз аралығында" or "8M23"; this module only adds span rules over the month tables of
`dates`. Most trade figures are year-to-date, so a YTD must never come out as a year. Precision over
recall: a period whose year cannot be read, and for which the caller gives no `default_year`, is None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sources.normalise.dates import (
    MONTH,
    MONTH_ANY,
    YEAR_WORD,
    may_name_month,
    month_number,
    parse_date,
    read_month,
)
from sources.normalise.prefilter import gated
from sources.normalise.prefilter import quick_clean as clean


@dataclass(frozen=True)
class Period:
    """A period a text names: first and last day, its type, and for a stock the day it stands at."""

    start: date
    end: date
    period_type: str  # 'year' | 'ytd' | 'quarter' | 'half' | 'month' | 'as_of'
    as_of: date | None = None


_L = r"[^\W\d_]"

# Cardinal numbers 1-12 as they count months, with the case forms that occur ("за девяти", "o'n ikki").
_COUNT_WORDS: dict[str, int] = {}
for _count, _words in {
    1: "один одного одном bir бир бір one",
    2: "два двух ikki икки екі two",
    3: "три трёх трех uch уч үш three",
    4: "четыре четырёх четырех to'rt тўрт төрт four",
    5: "пять пяти besh беш бес five",
    6: "шесть шести olti олти алты six",
    7: "семь семи yetti етти жеті seven",
    8: "восемь восьми sakkiz саккиз сегіз eight",
    9: "девять девяти to'qqiz тўққиз тоғыз nine",
    10: "десять десяти o'n ўн он ten",
    11: "одиннадцать одиннадцати o'n_bir ўн_бир он_бір eleven",
    12: "двенадцать двенадцати o'n_ikki ўн_икки он_екі twelve",
}.items():
    for _word in _words.split():
        _COUNT_WORDS[_word.replace("_", " ")] = _count
_COUNT = (
    r"(?P<count>\d{1,2}|"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_COUNT_WORDS, key=len, reverse=True))
    + ")"
)
_N_MONTHS = re.compile(
    rf"(?<![\w'])(?:first\s+|первы[ех]\s+)?{_COUNT}\s*-?\s*(?:месяц|months?|oy|ой|ай){_L}*(?:\s+of)?",
    re.IGNORECASE,
)
_COMPACT_N_MONTHS = re.compile(r"(?<![\w])(?P<count>\d{1,2})[MМ](?P<year>\d{4}|\d{2})(?!\d)")

_ORDINAL_WORDS: dict[int, str] = {
    1: r"перв|first|birinchi|биринчи|бірінші|алғашқы",
    2: r"втор|second|ikkinchi|иккинчи|екінші",
    3: r"трет|third|uchinchi|учинчи|үшінші",
    4: r"четв[её]рт|fourth|to'rtinchi|тўртинчи|төртінші",
}
_ROMAN = {1: "i", 2: "ii", 3: "iii", 4: "iv"}
# "первом", "birinchi", "1-й", "1st", "1-chorak", "III квартал"
_ORDINAL = "|".join(
    rf"(?P<o{n}>(?:{words}){_L}*|{n}(?:-?(?:st|nd|rd|th|й|ый|ом|м))?(?!{_L})|{_ROMAN[n]}(?![\w']))"
    for n, words in _ORDINAL_WORDS.items()
)
_QUARTER_WORD = rf"(?:квартал|quarter|chora[kg]|чора[кг]|тоқсан){_L}*"
_HALF_WORD = rf"(?:полугоди{_L}*|half|yarim\s+yil{_L}*|ярим\s+йил{_L}*|yarm{_L}*|ярм{_L}*|жарты{_L}*(?:\s+жыл{_L}*)?)"
# Behind their literals where they have some (see `sources.normalise.prefilter.gated`).
_QUARTERS = tuple(
    map(
        gated,
        (
            re.compile(r"(?<![\w])(?P<n>[1-4])\s*Q\s*-?\s*(?P<year>\d{4}|\d{2})(?!\d)", re.IGNORECASE),
            re.compile(r"(?<![\w])Q(?P<n>[1-4])(?:\s*-?\s*(?P<year>(?:19|20)\d\d))?(?!\d)", re.IGNORECASE),
            re.compile(rf"(?<![\w'])(?:{_ORDINAL})\s*-?\s*{_QUARTER_WORD}", re.IGNORECASE),
        ),
    )
)
_HALVES = tuple(
    map(
        gated,
        (
            re.compile(r"(?<![\w])(?P<n>[12])\s*H\s*-?\s*(?P<year>\d{4}|\d{2})(?!\d)", re.IGNORECASE),
            re.compile(r"(?<![\w])H(?P<n>[12])(?:\s*-?\s*(?P<year>(?:19|20)\d\d))?(?!\d)", re.IGNORECASE),
            re.compile(rf"(?<![\w'])(?:{_ORDINAL})\s*-?\s*{_HALF_WORD}", re.IGNORECASE),
        ),
    )
)
_MONTH_RANGE = re.compile(rf"(?P<first>{MONTH_ANY})\s*-\s*(?P<last>{MONTH_ANY})", re.IGNORECASE)
# "с января по сентябрь", "from January to September", "yanvaridan sentabrigacha", "қаңтардан қыркүйекке
# дейін": the Uzbek and Kazakh forms are the two month words with their case endings (checked after).
_MONTH_SPAN = re.compile(
    rf"(?:(?<!{_L})(?:с|from)\s+(?P<first>{MONTH_ANY})\s+(?:по|to|through|until)\s+(?P<last>{MONTH_ANY})"
    rf"|(?P<from>{MONTH_ANY})\s+(?P<until>{MONTH_ANY})(?P<limit>\s+дейін)?)",
    re.IGNORECASE,
)
_ABLATIVE = re.compile(r"(?:dan|дан|нан|тан|ден|нен|тен)$", re.IGNORECASE)
_UNTIL = re.compile(r"(?:gacha|гача)$", re.IGNORECASE)
_AS_OF = gated(
    re.compile(
        r"по\s+состоянию\s+на|as\s+of|as\s+at|holatiga|ҳолатига|holatida|ҳолатида|жағдай\s+бойынша|"
        r"жағдайы\s+бойынша",
        re.IGNORECASE,
    )
)
# One month: "в марте 2021", "March 2021", "2021 yil mart oyida", "2021 жылғы наурызда".
_SINGLE_MONTH = (
    re.compile(rf"{MONTH}\s*(?:oy|ой|ай){_L}*", re.IGNORECASE),
    re.compile(rf"(?<!{_L})(?:в|во|за|in|for)\s+{MONTH}", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?<!\d\s)(?<!\d-){MONTH}[\s,]*(?:19|20)\d\d(?!\d)", re.IGNORECASE),
    re.compile(rf"(?:19|20)\d\d{YEAR_WORD}\s*{MONTH}", re.IGNORECASE),
    re.compile(rf"^\s*{MONTH}\s*$", re.IGNORECASE),
)
_YEAR = re.compile(r"(?<![\d.,/-])(?P<year>(?:19|20)\d\d)(?![\d.,/]\d)(?!\d)")
_THIS_YEAR = re.compile(
    r"текущ\w*\s+год\w*|этого\s+года|этом\s+году|joriy\s+yil\w*|жорий\s+йил\w*|bu\s+yil\w*|шу\s+йил\w*|"
    r"биыл\w*|ағымдағы\s+жыл\w*|this\s+year|year[\s-]to[\s-]date",
    re.IGNORECASE,
)
_LAST_YEAR = re.compile(
    r"прошл\w*\s+год\w*|o'tgan\s+yil\w*|ўтган\s+йил\w*|өткен\s+жыл\w*|былтыр\w*|last\s+year", re.IGNORECASE
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _two_digit_year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _year_near(text: str, start: int, end: int, default_year: int | None) -> int | None:
    """The year a period phrase at text[start:end] belongs to: an explicit year in it, else after it,
    else before it; "this year"/"last year" count against `default_year`; else `default_year`.
    """
    markers: list[tuple[int, int, int]] = [(m.start(), m.end(), int(m.group("year"))) for m in _YEAR.finditer(text)]
    if default_year is not None:
        markers += [(m.start(), m.end(), default_year) for m in _THIS_YEAR.finditer(text)]
        markers += [(m.start(), m.end(), default_year - 1) for m in _LAST_YEAR.finditer(text)]
    inside = [marker for marker in markers if start <= marker[0] and marker[1] <= end]
    if inside:
        return min(inside)[2]
    after = [marker for marker in markers if marker[0] >= end]
    if after:
        return min(after)[2]
    before = [marker for marker in markers if marker[1] <= start]
    if before:
        return max(before, key=lambda marker: marker[1])[2]
    return default_year


def _ordinal(match: re.Match[str]) -> int | None:
    for n in range(1, 5):
        if match.groupdict().get(f"o{n}"):
            return n
    return int(match.group("n")) if match.groupdict().get("n") else None


def _span_months(first: int, last: int, year: int) -> Period | None:
    start, end = date(year, first, 1), _month_end(year, last)
    if first == 1:
        return Period(start, end, "year" if last == 12 else "ytd")
    if last - first == 2 and first in (4, 7, 10):
        return Period(start, end, "quarter")
    if (first, last) == (7, 12):
        return Period(start, end, "half")
    return None  # a span that is neither YTD, quarter nor half has no period type here


def _as_of(text: str, default_year: int | None) -> Period | None:
    if not _AS_OF.search(text):
        return None
    day = parse_date(text, default_year=default_year)
    return Period(day, day, "as_of", as_of=day) if day else None


def _quarter_or_half(text: str, default_year: int | None) -> Period | None:
    for patterns, months in ((_QUARTERS, 3), (_HALVES, 6)):
        for pattern in patterns:
            match = pattern.search(text)
            if not match:
                continue
            n = _ordinal(match)
            if n is None or n * months > 12:
                continue
            year = _two_digit_year(match.groupdict().get("year")) or _year_near(
                text, match.start(), match.end(), default_year
            )
            if year is None:
                return None
            first = (n - 1) * months + 1
            return Period(
                date(year, first, 1),
                _month_end(year, first + months - 1),
                "quarter" if months == 3 else "half",
            )
    return None


def _n_months(text: str, default_year: int | None) -> Period | None:
    compact = _COMPACT_N_MONTHS.search(text)
    match = compact or _N_MONTHS.search(text)
    if not match:
        return None
    raw = match.group("count").lower()
    count = int(raw) if raw.isdigit() else _COUNT_WORDS.get(re.sub(r"\s+", " ", raw))
    if count is None or not 1 <= count <= 12:
        return None
    year = _two_digit_year(compact.group("year")) if compact else None
    year = year or _year_near(text, match.start(), match.end(), default_year)
    if year is None:
        return None
    return Period(date(year, 1, 1), _month_end(year, count), "year" if count == 12 else "ytd")


def _month_range(text: str, default_year: int | None) -> Period | None:
    if not may_name_month(text):
        return None
    match = _MONTH_RANGE.search(text)
    if match:
        first_word, last_word = match.group("first"), match.group("last")
    else:
        match = next((m for m in _MONTH_SPAN.finditer(text) if _is_span(m)), None)
        if not match:
            return None
        first_word, last_word = match.group("first") or match.group("from"), match.group("last") or match.group("until")
    first, last = read_month(first_word), read_month(last_word)
    if first is None or last is None or first > last:
        return None
    year = _year_near(text, match.start(), match.end(), default_year)
    return _span_months(first, last, year) if year is not None else None


def _is_span(match: re.Match[str]) -> bool:
    """A _MONTH_SPAN match is a span: "с ... по ...", or the first month in the ablative ("-dan") and the
    second in the terminative ("-gacha", "... дейін").
    """
    if match.group("first"):
        return True
    return bool(_ABLATIVE.search(match.group("from")) and (_UNTIL.search(match.group("until")) or match.group("limit")))


def _single_month(text: str, default_year: int | None) -> Period | None:
    if not may_name_month(text):  # every pattern below holds a month word
        return None
    for pattern in _SINGLE_MONTH:
        match = pattern.search(text)
        if not match:
            continue
        year = _year_near(text, match.start(), match.end(), default_year)
        if year is None:
            return None
        month = month_number(match)
        return Period(date(year, month, 1), _month_end(year, month), "month")
    return None


_YEAR_ONLY = re.compile(rf"(?<![\d.,/-])(?P<year>(?:19|20)\d\d)(?:{YEAR_WORD}|(?![\d.,/]\d))(?!\d)", re.IGNORECASE)


def _year(text: str) -> Period | None:
    match = _YEAR_ONLY.search(text)
    if not match:
        return None
    year = int(match.group("year"))
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


@lru_cache(maxsize=4096)
def parse_period(text: str, default_year: int | None = None) -> Period | None:
    """The period a caption or phrase names ("Январь–ноябрь 2021", "за 9 месяцев", "1Q2018"), or None.

    `default_year` (usually the publication year) fills in phrases with no year, and is what "this year"
    means; "last year" is the year before it.
    """
    cleaned = clean(text)
    for reader in (_as_of, _quarter_or_half, _month_range, _n_months, _single_month):
        period = reader(cleaned, default_year)
        if period is not None:
            return period
    return _year(cleaned)
