"""Tests of the date reader against every date form in docs/FORMATS.md."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from sources.normalise import dates
from sources.normalise.dates import find_date_ranges, parse_date, parse_datetime, read_month, visible_datetime

DATE_CASES = [
    # numeric
    ("07.01.2022", date(2022, 1, 7)),
    ("29.12.2021, 17:07", date(2021, 12, 29)),
    ("16:12 / 2022-12-21", date(2022, 12, 21)),
    ("10/11/2023", date(2023, 11, 10)),  # DD/MM, never MM/DD
    ("03/04/2021", date(2021, 4, 3)),
    ("03.03.2018-y.", date(2018, 3, 3)),
    # Russian
    ("7 января 2022", date(2022, 1, 7)),
    ("13 Мая 2022, 11:38", date(2022, 5, 13)),
    ("от 6 декабря 2022 года № 980", date(2022, 12, 6)),
    ("1 сентября 2020 г.", date(2020, 9, 1)),
    # Uzbek Latin, all months and both spellings of September and October
    ("2016-yil 20-oktabrdagi", date(2016, 10, 20)),
    ("2016-yil 20-oktyabrdagi", date(2016, 10, 20)),
    ("5-yanvar 2021", date(2021, 1, 5)),
    ("5-fevral 2021", date(2021, 2, 5)),
    ("5-mart 2021", date(2021, 3, 5)),
    ("5-aprel 2021", date(2021, 4, 5)),
    ("5-may 2021", date(2021, 5, 5)),
    ("5-iyun 2021", date(2021, 6, 5)),
    ("5-iyul 2021", date(2021, 7, 5)),
    ("5-avgust 2021", date(2021, 8, 5)),
    ("5-sentabr 2021", date(2021, 9, 5)),
    ("5-sentyabr 2021", date(2021, 9, 5)),
    ("2021-yil 5-noyabrda", date(2021, 11, 5)),
    ("2021-yil 5-dekabr kuni", date(2021, 12, 5)),
    # Uzbek Cyrillic
    ("1998 йил 31 октябрда", date(1998, 10, 31)),
    ("2022 йил 21 декабрь куни", date(2022, 12, 21)),
    ("17:37, 22 Сентябрь 2025", date(2025, 9, 22)),
    ("2019 йил 12 апрелда", date(2019, 4, 12)),
    # Kazakh, all twelve months with case endings
    ("2022 жылғы 6 желтоқсандағы № 980", date(2022, 12, 6)),
    ("2017 жылғы 10 қарашада", date(2017, 11, 10)),
    ("2020 жылғы 3 қаңтарда", date(2020, 1, 3)),
    ("2020 жылғы 3 ақпанда", date(2020, 2, 3)),
    ("2020 жылғы 3 наурызда", date(2020, 3, 3)),
    ("2020 жылғы 3 сәуірде", date(2020, 4, 3)),
    ("2020 жылғы 3 мамырда", date(2020, 5, 3)),
    ("2020 жылғы 3 маусымда", date(2020, 6, 3)),
    ("2020 жылғы 3 шілдеде", date(2020, 7, 3)),
    ("2020 жылғы 3 тамызда", date(2020, 8, 3)),
    ("2020 жылғы 3 қыркүйекте", date(2020, 9, 3)),
    ("2020 жылғы 3 қазанда", date(2020, 10, 3)),
    ("3 қазан 2020", date(2020, 10, 3)),
    # English
    ("22 May 2023, 13:13", date(2023, 5, 22)),
    ("December 22, 2022", date(2022, 12, 22)),
    ("Aug. 8, 2021", date(2021, 8, 8)),
    ("1st March 2021", None),  # an ordinal day before the month is not a form these sources use
]


@pytest.mark.parametrize(("text", "expected"), [c for c in DATE_CASES if c[1] is not None])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29.12.2021, 17:07", datetime(2021, 12, 29, 17, 7)),
        ("16:12 / 2022-12-21", datetime(2022, 12, 21, 16, 12)),
        ("13 Мая 2022, 11:38", datetime(2022, 5, 13, 11, 38)),
        ("22 May 2023, 13:13", datetime(2023, 5, 22, 13, 13)),
        ("17:37, 22 Сентябрь 2025", datetime(2025, 9, 22, 17, 37)),
        ("7 января 2022", datetime(2022, 1, 7)),
    ],
)
def test_parse_datetime(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15-noyabr kuni", date(2022, 11, 15)),
        ("5 апрел куни", date(2022, 4, 5)),
        ("Aug. 8", date(2022, 8, 8)),
        ("14 ноября", date(2022, 11, 14)),
    ],
)
def test_yearless_dates_take_the_default_year(text, expected):
    assert parse_date(text, default_year=2022) == expected
    assert parse_date(text) is None  # never filled in from the clock


@pytest.mark.parametrize("text", ["", "нет даты", "32.13.2022", "31 февраля 2022", "№ 980"])
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_dateparser_fallback_reads_what_the_tables_do_not():
    assert parse_date("Monday, 5 June 2023", languages=("en",)) == date(2023, 6, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("с 21 по 22 декабря 2022", [(date(2022, 12, 21), date(2022, 12, 22))]),
        ("14–15 ноября 2021", [(date(2021, 11, 14), date(2021, 11, 15))]),
        ("14-15 ноября 2021", [(date(2021, 11, 14), date(2021, 11, 15))]),
        ("22–23 марта 2017 года", [(date(2017, 3, 22), date(2017, 3, 23))]),
        ("November 14-15, 2021", [(date(2021, 11, 14), date(2021, 11, 15))]),
        ("2022 yil 14-15 noyabr kunlari", [(date(2022, 11, 14), date(2022, 11, 15))]),
        ("с 30 ноября по 2 декабря 2022 года", [(date(2022, 11, 30), date(2022, 12, 2))]),
        (
            "14–15 ноября 2021 и 22–23 марта 2022 года",
            [(date(2021, 11, 14), date(2021, 11, 15)), (date(2022, 3, 22), date(2022, 3, 23))],
        ),
        ("14–15 ноября", []),  # no year, no default
        ("7 января 2022", []),
    ],
)
def test_find_date_ranges(text, expected):
    assert find_date_ranges(text) == expected


def test_find_date_ranges_default_year():
    assert find_date_ranges("14–15 ноября", default_year=2021) == [(date(2021, 11, 14), date(2021, 11, 15))]


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("января", 1),
        ("Февраль", 2),
        ("марте", 3),
        ("aprel", 4),
        ("мая", 5),
        ("маусым", 6),
        ("шілде", 7),
        ("avgustda", 8),
        ("sentabr", 9),
        ("сентябрь", 9),
        ("oktyabr", 10),
        ("қараша", 11),
        ("желтоқсан", 12),
        ("Aug.", 8),
        ("nonsense", None),
    ],
)
def test_read_month(word, month):
    assert read_month(word) == month


def test_month_number_reads_every_stem_of_every_month():
    """month_number (groups read by number) names the month of each stem's group, in every date pattern."""
    for month, stems in dates._MONTH_STEMS.items():
        for stem in stems:
            word = re.sub(r"\[(.)\]\?|\[(.)[^\]]*\]", lambda m: m[1] or m[2], stem)  # "сент[я]?бр" -> "сентябр"
            assert read_month(word) == month, f"read_month({word!r}) is not {month}"
            match = dates._PATTERNS[3].search(f"7 {word} 2022")
            assert match is not None and dates.month_number(match) == month, f"'7 {word} 2022' is not month {month}"


TASHKENT = ZoneInfo("Asia/Tashkent")
# 01:30 on 16 August 2025 in Tashkent, still the 15th in UTC: relative days count from the local day.
CAPTURED = datetime(2025, 8, 15, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected_utc"),
    [
        ("Сегодня, 13:51", datetime(2025, 8, 16, 8, 51)),
        ("сегодня, 13:51", datetime(2025, 8, 16, 8, 51)),
        ("Вчера, 09:10", datetime(2025, 8, 15, 4, 10)),
        ("Bugun, 13:51", datetime(2025, 8, 16, 8, 51)),
        ("Kecha 22:15", datetime(2025, 8, 15, 17, 15)),
        ("Бугун, 08:00", datetime(2025, 8, 16, 3, 0)),
        ("Кеча, 07:45", datetime(2025, 8, 15, 2, 45)),
        ("Бүгін, 10:00", datetime(2025, 8, 16, 5, 0)),
        ("Kecha", datetime(2025, 8, 15)),  # no time: the calendar day, at midnight UTC
        ("13:51, 15 августа 2025", datetime(2025, 8, 15, 8, 51)),  # time first
        ("17:37, 22 Сентябрь 2025", datetime(2025, 9, 22, 12, 37)),
        ("18 сентября 2023, 21:00", datetime(2023, 9, 18, 16, 0)),
        ("15 августа 2025", datetime(2025, 8, 15)),
    ],
)
def test_visible_datetime(text, expected_utc):
    assert visible_datetime(text, CAPTURED, TASHKENT) == expected_utc.replace(tzinfo=UTC)


@pytest.mark.parametrize("text", ["13:51", "сегодняшний выпуск", "Aug. 8", ""])
def test_visible_datetime_without_a_date_is_none(text):
    assert visible_datetime(text, CAPTURED, TASHKENT) is None


@pytest.mark.parametrize("table", [dates._MONTH_STEMS, dates._MONTHS_EN], ids=["all stems", "English"])
def test_month_lookahead_admits_every_first_letter_of_a_stem(table):
    """The lookahead before the month patterns never refuses a character a stem's first letter matches.

    Each stem begins with a plain letter, which the pattern reads as a literal under IGNORECASE; the
    lookahead reads the same letters as one class. Checked over every code point, case folds included.
    """
    letters = {stem[0] for group in table.values() for stem in group}
    assert all(letter.isalpha() for letter in letters)
    literals = re.compile("|".join(re.escape(letter) for letter in sorted(letters)), re.IGNORECASE)
    lookahead = re.compile(dates._first_letter(table), re.IGNORECASE)
    admitted = [chr(c) for c in range(sys.maxunicode + 1) if literals.match(chr(c))]
    assert len(admitted) > len(letters)  # the case folds are in it (upper case, ſ, K...)
    refused = [c for c in admitted if lookahead.match(c) is None]
    assert refused == [], f"the month lookahead refuses {refused!r}"
