"""Tests of the period reader against every period form in docs/FORMATS.md."""

from __future__ import annotations

from datetime import date

import pytest

from sources.normalise.periods import Period, parse_period


def ytd(year: int, last_month: int, last_day: int) -> Period:
    return Period(date(year, 1, 1), date(year, last_month, last_day), "ytd")


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year")


# text, default_year, expected
PERIOD_CASES = [
    # years
    ("2018", None, year(2018)),
    ("2018 год", None, year(2018)),
    ("в 2020 году", None, year(2020)),
    ("2020 yilda", None, year(2020)),
    ("2020 жылы", None, year(2020)),
    ("in 2022", None, year(2022)),
    # month ranges, every dash
    ("Январь–ноябрь 2021", None, ytd(2021, 11, 30)),
    ("Январь-ноябрь 2021", None, ytd(2021, 11, 30)),
    ("Январь—ноябрь 2021", None, ytd(2021, 11, 30)),
    ("в январе–ноябре 2021 года", None, ytd(2021, 11, 30)),
    ("по итогам января–октября", 2022, ytd(2022, 10, 31)),
    ("по итогам января–октября 2021 года", 2022, ytd(2021, 10, 31)),
    ("January-November 2021", None, ytd(2021, 11, 30)),
    ("January–February 2024", None, ytd(2024, 2, 29)),
    ("yanvar-sentabr oylari yakunlariga ko‘ra", 2022, ytd(2022, 9, 30)),
    ("2021 yil yanvar-sentyabr oylarida", None, ytd(2021, 9, 30)),
    ("январь-август ойларида", 2023, ytd(2023, 8, 31)),
    ("қаңтар-тамыз аралығында", 2020, ytd(2020, 8, 31)),
    ("2020 жылғы қаңтар-тамыз аралығында", None, ytd(2020, 8, 31)),
    ("январь–декабрь 2021", None, year(2021)),  # a YTD to December is the year
    ("апрель–июнь 2021", None, Period(date(2021, 4, 1), date(2021, 6, 30), "quarter")),
    ("июль–декабрь 2021", None, Period(date(2021, 7, 1), date(2021, 12, 31), "half")),
    # N months
    ("за десять месяцев 2021 года", None, ytd(2021, 10, 31)),
    ("за девять месяцев 2021 года", None, ytd(2021, 9, 30)),
    ("за первые одиннадцать месяцев 2021 года", None, ytd(2021, 11, 30)),
    ("за 9 месяцев", 2021, ytd(2021, 9, 30)),
    ("10 months of 2021", None, ytd(2021, 10, 31)),
    ("first eight months of 2022", None, ytd(2022, 8, 31)),
    ("2022-yilning 8 oyida", None, ytd(2022, 8, 31)),
    ("2022-yilning sakkiz oyida", None, ytd(2022, 8, 31)),
    ("2022 yilning o‘n bir oyida", None, ytd(2022, 11, 30)),
    ("Жорий йилнинг 8 ойи якунларига кўра", 2022, ytd(2022, 8, 31)),
    ("жорий йилнинг ўн икки ойи", 2022, year(2022)),
    ("биылғы алты айда", 2019, ytd(2019, 6, 30)),
    ("2020 жылдың 9 айында", None, ytd(2020, 9, 30)),
    ("2020 жылдың он бір айында", None, ytd(2020, 11, 30)),
    ("8M23", None, ytd(2023, 8, 31)),
    ("9M2021", None, ytd(2021, 9, 30)),
    ("за 9 месяцев прошлого года", 2022, ytd(2021, 9, 30)),
    ("за двенадцать месяцев 2020 года", None, year(2020)),
    # quarters
    ("в первом квартале 2021", None, Period(date(2021, 1, 1), date(2021, 3, 31), "quarter")),
    ("в первом квартале", 2021, Period(date(2021, 1, 1), date(2021, 3, 31), "quarter")),
    ("1Q2018", None, Period(date(2018, 1, 1), date(2018, 3, 31), "quarter")),
    ("Q3 2020", None, Period(date(2020, 7, 1), date(2020, 9, 30), "quarter")),
    ("III квартал 2020 года", None, Period(date(2020, 7, 1), date(2020, 9, 30), "quarter")),
    ("2022 yilning birinchi choragida", None, Period(date(2022, 1, 1), date(2022, 3, 31), "quarter")),
    ("2022 жылғы екінші тоқсанда", None, Period(date(2022, 4, 1), date(2022, 6, 30), "quarter")),
    ("fourth quarter of 2019", None, Period(date(2019, 10, 1), date(2019, 12, 31), "quarter")),
    # halves
    ("first half of 2021", None, Period(date(2021, 1, 1), date(2021, 6, 30), "half")),
    ("в первом полугодии", 2021, Period(date(2021, 1, 1), date(2021, 6, 30), "half")),
    ("во втором полугодии 2020 года", None, Period(date(2020, 7, 1), date(2020, 12, 31), "half")),
    ("H1 2023", None, Period(date(2023, 1, 1), date(2023, 6, 30), "half")),
    ("2022 yilning birinchi yarmida", None, Period(date(2022, 1, 1), date(2022, 6, 30), "half")),
    # months
    ("в марте 2021", None, Period(date(2021, 3, 1), date(2021, 3, 31), "month")),
    ("в марте", 2021, Period(date(2021, 3, 1), date(2021, 3, 31), "month")),
    ("June 2022", None, Period(date(2022, 6, 1), date(2022, 6, 30), "month")),
    ("2021 yil mart oyida", None, Period(date(2021, 3, 1), date(2021, 3, 31), "month")),
    ("2021 жылғы ақпанда", None, Period(date(2021, 2, 1), date(2021, 2, 28), "month")),
    # stocks
    (
        "по состоянию на 1 ноября 2021",
        None,
        Period(date(2021, 11, 1), date(2021, 11, 1), "as_of", as_of=date(2021, 11, 1)),
    ),
    (
        "по состоянию на 1 ноября",
        2021,
        Period(date(2021, 11, 1), date(2021, 11, 1), "as_of", as_of=date(2021, 11, 1)),
    ),
    (
        "2021 yil 1 noyabr holatiga",
        None,
        Period(date(2021, 11, 1), date(2021, 11, 1), "as_of", as_of=date(2021, 11, 1)),
    ),
]


# Month spans written as "from ... to ...", and forms the paragraph reader met in trade news (issue #15).
PERIOD_CASES += [
    ("С января по сентябрь 2023 года", None, ytd(2023, 9, 30)),
    ("from January to September 2023", None, ytd(2023, 9, 30)),
    ("2023-yilning yanvaridan sentabrigacha", None, ytd(2023, 9, 30)),
    ("2023 йилнинг январидан сентябригача", None, ytd(2023, 9, 30)),
    ("2023 жылғы қаңтардан қыркүйекке дейін", None, ytd(2023, 9, 30)),
    ("в январе–мае 2023 года", None, ytd(2023, 5, 31)),
    ("2023 жылдың алғашқы жартыжылдығында", None, Period(date(2023, 1, 1), date(2023, 6, 30), "half")),
]


@pytest.mark.parametrize(("text", "default_year", "expected"), PERIOD_CASES)
def test_parse_period(text, default_year, expected):
    assert parse_period(text, default_year=default_year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "по итогам января–октября",
        "yanvar-sentabr oylari yakunlariga ko‘ra",
        "за 9 месяцев",
        "в первом квартале",
        "в первом полугодии",
        "Жорий йилнинг 8 ойи якунларига кўра",
        "биылғы алты айда",
        "по состоянию на 1 ноября",
        "в марте",
        "",
        "товарооборот вырос",
    ],
)
def test_no_year_no_default_is_none(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    "text",
    ["за 9 месяцев 2021 года", "Январь–ноябрь 2021", "2022-yilning 8 oyida", "8M23", "биылғы алты айда"],
)
def test_ytd_is_never_a_year(text):
    period = parse_period(text, default_year=2021)
    assert period.period_type == "ytd"
    assert period.end < date(period.start.year, 12, 31)


def test_may_the_verb_is_not_a_month():
    assert parse_period("trade may reach $5bn in 2022") == year(2022)


@pytest.mark.parametrize("text", ["январь сентябрь 2023 года", "yanvar sentabr 2023", "yanvardan sentabr 2023"])
def test_two_month_words_are_a_span_only_with_its_case_endings(text):
    assert parse_period(text) is None or parse_period(text).period_type != "ytd"
