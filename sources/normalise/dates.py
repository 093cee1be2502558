"""Read calendar dates and date ranges written in Russian, Uzbek (Latin, Cyrillic), Kazakh and English.

dateparser reads the Russian, English and most Uzbek Latin forms, but not the inflected Uzbek Cyrillic
and Kazakh ones ("31 октябрда", "6 желтоқсандағы") nor "2016-yil 20-oktabrdagi", and it is slow. So our
own month tables (regexes over stems, which absorb any case ending) are tried first and dateparser is
the fallback. A date with no readable year is None unless the caller gives `default_year`: the crawl time
is never used to fill it in. The one exception is a relative day word of a visible publication time
("сегодня, 13:51"), which only has a meaning against the capture's time (`visible_datetime`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache

from sources.normalise.prefilter import literal_gate
from sources.normalise.prefilter import quick_clean as clean

# Month stems per script; any letters after a stem are case endings ("ноября", "oktabrdagi", "қарашада").
_MONTHS_RU_UZ_CYRILLIC: dict[int, tuple[str, ...]] = {
    1: ("январ",),
    2: ("феврал",),
    3: ("март",),
    4: ("апрел",),
    5: ("ма[йяе]",),  # май, мая, мае ("в январе–мае")
    6: ("июн",),
    7: ("июл",),
    8: ("август",),
    9: ("сент[я]?бр",),
    10: ("окт[я]?бр",),
    11: ("ноябр",),
    12: ("декабр",),
}
_MONTHS_UZ_LATIN: dict[int, tuple[str, ...]] = {
    1: ("yanvar",),
    2: ("fevral",),
    3: ("mart",),
    4: ("aprel",),
    5: ("may",),
    6: ("iyun",),
    7: ("iyul",),
    8: ("avgust",),
    9: ("sent[y]?abr",),
    10: ("okt[y]?abr",),
    11: ("noyabr",),
    12: ("dekabr",),
}
_MONTHS_KK: dict[int, tuple[str, ...]] = {
    1: ("қаңтар",),
    2: ("ақпан",),
    3: ("наурыз",),
    4: ("сәуір",),
    5: ("мамыр",),
    6: ("маусым",),
    7: ("шілде",),
    8: ("тамыз",),
    9: ("қыркүйек",),
    10: ("қазан",),
    11: ("қараша",),
    12: ("желтоқсан",),
}
_MONTHS_EN: dict[int, tuple[str, ...]] = {
    1: ("january", "jan"),
    2: ("february", "feb"),
    3: ("march", "mar"),
    4: ("april", "apr"),
    5: ("may",),
    6: ("june", "jun"),
    7: ("july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("october", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}
_MONTH_STEMS: dict[int, tuple[str, ...]] = {
    month: tuple(
        dict.fromkeys(
            stem
            for table in (_MONTHS_RU_UZ_CYRILLIC, _MONTHS_UZ_LATIN, _MONTHS_KK, _MONTHS_EN)
            for stem in table[month]
        )
    )
    for month in range(1, 13)
}

_L = r"[^\W\d_]"  # one letter of any script
_ENDING = rf"(?:{_L}|')*"


def _month_alternation(table: dict[int, tuple[str, ...]], named: bool) -> str:
    stems = [(stem, month) for month, group in table.items() for stem in group]
    stems.sort(key=lambda pair: -len(pair[0]))
    if not named:
        return "|".join(stem for stem, _ in stems)
    return "|".join(f"(?P<m{month}_{i}>{stem})" for i, (stem, month) in enumerate(stems))


def _first_letter(table: dict[int, tuple[str, ...]]) -> str:
    """A lookahead for the letters the stems of ``table`` begin with (every stem begins with a plain letter).

    A month word starts with one of them, so it never changes what a pattern matches; but a search passes
    over every other position at once instead of trying the lookbehind and the long alternation of stems
    there, which makes a pattern that begins with a month word several times faster.
    """
    return "(?=[" + "".join(sorted({stem[0] for group in table.values() for stem in group})) + "])"


# A month word: a stem, its ending, an optional abbreviation dot. Named groups tell which month matched.
MONTH = rf"{_first_letter(_MONTH_STEMS)}(?<!{_L})(?:{_month_alternation(_MONTH_STEMS, named=True)}){_ENDING}\.?"
# The same without group names, for patterns that hold two months; read them back with read_month.
MONTH_ANY = rf"{_first_letter(_MONTH_STEMS)}(?<!{_L})(?:{_month_alternation(_MONTH_STEMS, named=False)}){_ENDING}\.?"
# English names take no endings, so "mar" in "market" is no month.
_EN_MONTH = rf"{_first_letter(_MONTHS_EN)}(?<!{_L})(?:{_month_alternation(_MONTHS_EN, named=True)})\.?(?!{_L})"
_MONTH_RE = re.compile(MONTH, re.IGNORECASE)
# Prefilters. Every month word holds one of the stems (read from the stem alternation as literals, see
# `prefilter.literal_gate`); every date form holds a digit. A text that fails one is not searched with the
# patterns that need it.
_MONTH_WORDS = literal_gate(re.compile(_month_alternation(_MONTH_STEMS, named=False), re.IGNORECASE))


def may_name_month(text: str) -> bool:
    """False only when `text` holds no month word (of MONTH or MONTH_ANY)."""
    return _MONTH_WORDS is None or _MONTH_WORDS.may_match(text)


_DIGIT = re.compile(r"\d")


_MONTH_GROUPS: dict[re.Pattern[str], tuple[tuple[int, int], ...]] = {}


def _month_groups(pattern: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """(group number, month) of each month group of ``pattern`` ("m<month>_<i>"), in group order."""
    found = _MONTH_GROUPS.get(pattern)
    if found is None:
        found = tuple(
            (number, int(name[1:].split("_")[0]))
            for name, number in sorted(pattern.groupindex.items(), key=lambda item: item[1])
            if name.startswith("m") and "_" in name
        )
        if len(_MONTH_GROUPS) > 256:
            _MONTH_GROUPS.clear()
        _MONTH_GROUPS[pattern] = found
    return found


def month_number(match: re.Match[str]) -> int:
    """The month of a match of a pattern that embeds MONTH once: its first month group that took part.

    The groups are read from ``match.groups()`` by number (a tuple) rather than from ``groupdict()``,
    which builds a dict of some sixty names for every date read.
    """
    groups = match.groups()
    for number, month in _month_groups(match.re):
        if groups[number - 1] is not None:
            return month
    raise ValueError("match holds no month group")


def read_month(word: str) -> int | None:
    """Month number of a single month word in any of the languages, else None."""
    match = _MONTH_RE.fullmatch(clean(word).strip())
    return month_number(match) if match else None


# Year words after a year: "2022 года", "2016-yil", "1998 йил", "2022 жылғы", "2021-y.", "2021 г."
YEAR_WORD = rf"(?:\s*-?\s*(?:год|yil|йил|жыл|г\.|y\.|year){_ENDING}\.?)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_TIME = re.compile(r"(?<!\d)(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?!\d)")

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2022-12-21
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    # 07.01.2022, 10/11/2023 (always day first), 03.03.2018-y.
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d|\d\d)(?![\d])"),
    # 2016-yil 20-oktabrdagi, 1998 йил 31 октябрда, 2022 жылғы 6 желтоқсандағы
    re.compile(rf"{_YEAR}{YEAR_WORD}[\s,]*{_DAY}\s*-?\s*{MONTH}", re.IGNORECASE),
    # 7 января 2022, 22 Сентябрь 2025, 22 May 2023, 6 декабря 2022 года
    re.compile(rf"(?<!\d){_DAY}\s*-?\s*{MONTH}[\s,]*{_YEAR}(?!\d)", re.IGNORECASE),
    # December 22, 2022
    re.compile(rf"{MONTH}\s*{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)", re.IGNORECASE),
)
# Forms with no year: "15-noyabr kuni", "5 апрел куни", "Aug. 8".
_YEARLESS_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\d.]){_DAY}\s*-?\s*{MONTH}", re.IGNORECASE),
    # Month before day is English only; "в марте 5 млрд" is not a date.
    re.compile(rf"{_EN_MONTH}\s*{_DAY}(?:st|nd|rd|th)?(?![\d:])", re.IGNORECASE),
)

_DATEPARSER_LANGUAGES = {"ru": ("ru",), "uz": ("uz-Latn", "uz-Cyrl"), "kk": ("kk",), "en": ("en",)}


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _match_to_date(match: re.Match[str], default_year: int | None) -> date | None:
    names = match.re.groupindex  # the named groups, without building groupdict() (some sixty names)
    month_text = match["month"] if "month" in names else None
    month = int(month_text) if month_text else month_number(match)
    year_text = match["year"] if "year" in names else None
    if year_text is None:
        if default_year is None:
            return None
        year = default_year
    else:
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000
    return _make_date(year, month, int(match["day"]))


def _own_tables(text: str, default_year: int | None) -> tuple[date, int] | None:
    """Earliest date the month tables read in `text`, with where it starts."""
    if not _DIGIT.search(text):
        return None
    months = may_name_month(text)
    best: tuple[int, int, date] | None = None
    for patterns in (_PATTERNS, _YEARLESS_PATTERNS):
        for pattern in patterns:
            if not months and pattern in _MONTH_PATTERNS:
                continue
            for match in pattern.finditer(text):
                found = _match_to_date(match, default_year)
                if found is None:
                    continue
                key = (match.start(), -len(match.group(0)))
                if best is None or key < best[:2]:
                    best = (*key, found)
                break
        if best is not None:  # a form with its own year beats a yearless one
            return best[2], best[0]
    return None


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow to import; only loaded when our tables fail

    return dateparser


def _dateparser_parse(text: str, languages: tuple[str, ...], default_year: int | None) -> datetime | None:
    codes = [code for lang in languages for code in _DATEPARSER_LANGUAGES.get(lang, (lang,))]
    settings: dict[str, object] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
    }
    if default_year is not None:
        settings["REQUIRE_PARTS"] = ["day", "month"]
        settings["RELATIVE_BASE"] = datetime(default_year, 12, 31)
    try:
        return _dateparser().parse(text, languages=codes, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_datetime(
    text: str,
    languages: tuple[str, ...] = ("ru", "uz", "kk", "en"),
    default_year: int | None = None,
) -> datetime | None:
    """Date and time of `text` ("29.12.2021, 17:07", "16:12 / 2022-12-21"); midnight when no time."""
    cleaned = clean(text)
    found = _own_tables(cleaned, default_year)
    if found is None:
        return _dateparser_parse(cleaned, languages, default_year)
    day, _ = found
    time_match = _TIME.search(cleaned)
    if time_match and int(time_match.group("hour")) < 24:
        return datetime(
            day.year,
            day.month,
            day.day,
            int(time_match.group("hour")),
            int(time_match.group("minute")),
            int(time_match.group("second") or 0),
        )
    return datetime(day.year, day.month, day.day)


# "Сегодня, 13:51", "Вчера", "Bugun", "Kecha", "Бугун", "Кеча" (Kazakh "Бүгін", "Кеше"; English too):
# how gazeta.uz and zakon.kz print the day of recent news. Days back from the capture's own day.
_RELATIVE_DAYS = {
    "сегодня": 0, "bugun": 0, "бугун": 0, "бүгін": 0, "today": 0,
    "вчера": 1, "kecha": 1, "кеча": 1, "кеше": 1, "yesterday": 1,
}  # fmt: skip
_RELATIVE_DAY = re.compile(rf"(?<!{_L})({'|'.join(_RELATIVE_DAYS)})(?!{_L})", re.IGNORECASE)


def visible_datetime(text: str, captured_at: datetime, zone: tzinfo) -> datetime | None:
    """A publication time as a page prints it, as UTC; None when ``text`` holds no readable date.

    "18 сентября 2023, 21:00" and time first "13:51, 15 августа 2025" are local times of ``zone``; a
    relative day ("сегодня, 13:51", "Kecha 09:10") is counted back from the local day of ``captured_at``
    (the capture time, never this machine's clock). A date without a time keeps its printed calendar day
    (midnight UTC). dateparser is not asked: it reads relative words against the clock of the machine.
    """
    cleaned = clean(text)
    time_match = _TIME.search(cleaned)
    hour, minute = (int(time_match["hour"]), int(time_match["minute"])) if time_match else (0, 0)
    if hour > 23:
        time_match, hour, minute = None, 0, 0
    relative = _RELATIVE_DAY.search(cleaned)
    if relative is not None:
        day = captured_at.astimezone(zone).date() - timedelta(days=_RELATIVE_DAYS[relative[1].lower()])
    else:
        found = _own_tables(cleaned, None)
        if found is None:
            return None
        day = found[0]
    if time_match is None:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


def parse_date(
    text: str,
    languages: tuple[str, ...] = ("ru", "uz", "kk", "en"),
    default_year: int | None = None,
) -> date | None:
    """The first date written in `text`, or None. Numeric dates are always day first."""
    cleaned = clean(text)
    found = _own_tables(cleaned, default_year)
    if found is not None:
        return found[0]
    parsed = _dateparser_parse(cleaned, languages, default_year)
    return parsed.date() if parsed else None


_OPTIONAL_YEAR = r"(?:[\s,]*(?P<year>(?:19|20)\d\d)(?!\d))?"
_LEADING_YEAR = rf"(?:(?P<lead_year>(?:19|20)\d\d){YEAR_WORD}[\s,]*)?"
_RANGE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # с 21 по 22 декабря 2022, 14-15 ноября 2021, 2022 yil 14-15 noyabr, from 21 to 22 December
    re.compile(
        rf"{_LEADING_YEAR}(?<!\d)(?P<day1>[0-3]?\d)\s*(?:-|по|до|to|and|va|и|and)\s*(?P<day2>[0-3]?\d)"
        rf"\s*-?\s*{MONTH}{_OPTIONAL_YEAR}",
        re.IGNORECASE,
    ),
    # November 14-15, 2021
    re.compile(
        rf"{MONTH}\s*(?P<day1>[0-3]?\d)\s*-\s*(?P<day2>[0-3]?\d)(?!\d),?{_OPTIONAL_YEAR}",
        re.IGNORECASE,
    ),
)
_CROSS_MONTH_RANGE = re.compile(
    # с 30 ноября по 2 декабря 2022, 30 ноября - 2 декабря 2022
    rf"(?<!\d)(?P<day1>[0-3]?\d)\s*-?\s*(?P<first_month>{MONTH_ANY})\s*(?:-|по|до|to)\s*"
    rf"(?P<day2>[0-3]?\d)\s*-?\s*(?P<second_month>{MONTH_ANY})[\s,]*(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)


def find_date_ranges(text: str, default_year: int | None = None) -> list[tuple[date, date]]:
    """Every day range in `text` ("с 21 по 22 декабря 2022", "14–15 ноября 2021"), in order."""
    cleaned = clean(text)
    if not _DIGIT.search(cleaned) or not may_name_month(cleaned):
        return []  # every range names a day and a month word
    found: list[tuple[int, date, date]] = []
    taken: list[tuple[int, int]] = []
    for match in _CROSS_MONTH_RANGE.finditer(cleaned):
        first = read_month(match.group("first_month"))
        second = read_month(match.group("second_month"))
        year = int(match.group("year"))
        if first is None or second is None:
            continue
        start = _make_date(year - (1 if first > second else 0), first, int(match.group("day1")))
        end = _make_date(year, second, int(match.group("day2")))
        if start and end and start <= end:
            found.append((match.start(), start, end))
            taken.append(match.span())
    for pattern in _RANGE_PATTERNS:
        for match in pattern.finditer(cleaned):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            groups = match.groupdict()
            year_text = groups.get("year") or groups.get("lead_year")
            year = int(year_text) if year_text else default_year
            if year is None:
                continue
            month = month_number(match)
            start = _make_date(year, month, int(groups["day1"]))
            end = _make_date(year, month, int(groups["day2"]))
            if start and end and start < end:
                found.append((match.start(), start, end))
                taken.append(match.span())
    found.sort(key=lambda item: item[0])
    return [(start, end) for _, start, end in found]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every date, day-month and day range in `text`, so number readers can skip them."""
    cleaned = clean(text)
    spans: list[tuple[int, int]] = []
    if not _DIGIT.search(cleaned):
        return spans
    months = may_name_month(cleaned)
    for pattern in _SPAN_PATTERNS:
        if not months and pattern in _MONTH_PATTERNS:
            continue
        spans.extend(match.span() for match in pattern.finditer(cleaned))
    return spans


_SPAN_PATTERNS = (*_PATTERNS, *_YEARLESS_PATTERNS, *_RANGE_PATTERNS, _CROSS_MONTH_RANGE, _TIME)
# The patterns that match only where a month word is written.
_MONTH_PATTERNS = frozenset(
    pattern
    for pattern in _SPAN_PATTERNS
    if MONTH in pattern.pattern or MONTH_ANY in pattern.pattern or _EN_MONTH in pattern.pattern
)
