"""Tests of the number reader against every number form in docs/FORMATS.md, plus round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.normalise.numbers import NumberReading, find_numbers, format_number, parse_number

NBSP, NNBSP, THIN, FIGURE = "\u00a0", "\u202f", "\u2009", "\u2007"

# text, value, qualifier, currency, unit, scale
PARSE_CASES = [
    # table cells, space-grouped, decimal comma
    ("2 920", 2920, "=", None, None, 1),
    ("3 333 503", 3_333_503, "=", None, None, 1),
    ("1 352", 1352, "=", None, None, 1),
    ("1 199", 1199, "=", None, None, 1),
    ("833,5", 833.5, "=", None, None, 1),
    (f"1{NBSP}352", 1352, "=", None, None, 1),
    (f"3{NNBSP}333{NNBSP}503", 3_333_503, "=", None, None, 1),
    (f"1{THIN}199", 1199, "=", None, None, 1),
    (f"1{FIGURE}199", 1199, "=", None, None, 1),
    # Russian money
    ("833,5 млн долл. США", 833_500_000, "=", "USD", None, 1e6),
    ("$4 098,3 млн.", 4_098_300_000, "=", "USD", None, 1e6),
    (f"$4{NBSP}098,3 млн.", 4_098_300_000, "=", "USD", None, 1e6),
    ("$1096,1 млн", 1_096_100_000, "=", "USD", None, 1e6),
    ("5млрд долларов", 5e9, "=", "USD", None, 1e9),
    ("более 3 млрд долларов", 3e9, ">", "USD", None, 1e9),
    ("свыше 500 млн долларов", 5e8, ">", "USD", None, 1e6),
    ("почти $1 млрд", 1e9, "~", "USD", None, 1e9),
    ("около 2 млрд долларов", 2e9, "~", "USD", None, 1e9),
    ("порядка 700 тыс. долларов", 7e5, "~", "USD", None, 1e3),
    ("примерно 40 тысяч долларов", 4e4, "~", "USD", None, 1e3),
    ("более чем 1,5 млрд долларов", 1.5e9, ">", "USD", None, 1e9),
    ("менее 5%", 5, "<", None, "percent", 1),
    ("два миллиарда долларов", 2e9, "=", "USD", None, 1e9),
    ("5 млрд сумов", 5e9, "=", "UZS", None, 1e9),
    ("300 млрд тенге", 3e11, "=", "KZT", None, 1e9),
    ("1,250 млрд долларов", 1.25e9, "=", "USD", None, 1e9),  # decimal comma in a Cyrillic text
    # Uzbek Latin and Cyrillic
    ("$19,57 mlrd.ni", 19.57e9, "=", "USD", None, 1e9),
    ("$4,25 mlrd.ga", 4.25e9, "=", "USD", None, 1e9),
    ("ikki milliard AQSh dollaridan", 2e9, "=", "USD", None, 1e9),
    ("1,2 trln so‘m", 1.2e12, "=", "UZS", None, 1e12),
    ("1,2 trln soʻm", 1.2e12, "=", "UZS", None, 1e12),
    ("1,2 trln so'm", 1.2e12, "=", "UZS", None, 1e12),
    ("1,2 trln so`m", 1.2e12, "=", "UZS", None, 1e12),
    ("500 ming so‘m", 5e5, "=", "UZS", None, 1e3),
    ("3 mlrd dollardan oshdi", 3e9, ">", "USD", None, 1e9),
    ("qariyb 4 mlrd AQSH dollari", 4e9, "~", "USD", None, 1e9),
    ("deyarli 2 mln dollar", 2e6, "~", "USD", None, 1e6),
    ("5 млрд доллардан ортиқ", 5e9, ">", "USD", None, 1e9),
    ("тахминан 3 миллиард АҚШ доллари", 3e9, "~", "USD", None, 1e9),
    ("2 минг сўм", 2e3, "=", "UZS", None, 1e3),
    # Kazakh
    ("605,1 млн долларға", 605_100_000, "=", "USD", None, 1e6),
    ("19,8%-ға", 19.8, "=", None, "percent", 1),
    ("шамамен 4 млрд доллар", 4e9, "~", "USD", None, 1e9),
    ("3 млрд долларға жуық", 3e9, "~", "USD", None, 1e9),
    ("4 млрд доллардан астам", 4e9, ">", "USD", None, 1e9),
    ("200 мың теңге", 2e5, "=", "KZT", None, 1e3),
    # English with mixed conventions
    ("$37,94 billion", 37.94e9, "=", "USD", None, 1e9),
    ("12,571.1 million dollars", 12_571.1e6, "=", "USD", None, 1e6),
    ("$3 billion 482 million", 3.482e9, "=", "USD", None, 1e9),
    ("$1,080mln", 1.08e9, "=", "USD", None, 1e6),
    ("$2.5bn", 2.5e9, "=", "USD", None, 1e9),
    ("US$ 5.2 million", 5.2e6, "=", "USD", None, 1e6),
    ("USD 700 mn", 7e8, "=", "USD", None, 1e6),
    ("$5m", 5e6, "=", "USD", None, 1e6),
    ("$750k", 7.5e5, "=", "USD", None, 1e3),
    ("more than $3 bn", 3e9, ">", "USD", None, 1e9),
    ("over $1 billion", 1e9, ">", "USD", None, 1e9),
    ("nearly $2 billion", 2e9, "~", "USD", None, 1e9),
    ("about 3 million tonnes", 3e6, "~", None, "tonnes", 1e6),
    ("less than 10 percent", 10, "<", None, "percent", 1),
    ("two billion dollars", 2e9, "=", "USD", None, 1e9),
    ("1,056", 1056, "=", None, None, 1),  # English context: thousands comma
    ("3,5", 3.5, "=", None, None, 1),
    ("0,125", 0.125, "=", None, None, 1),
    # units that are not money
    ("21 млн тонн", 21e6, "=", None, "tonnes", 1e6),
    ("120 тыс. тонн", 1.2e5, "=", None, "tonnes", 1e3),
    ("20 рейсов в неделю", 20, "=", None, "flights_per_week", 1),
    ("haftasiga 12 ta reys", 12, "=", None, "flights", 1),
    ("1 056 предприятий", 1056, "=", None, "enterprises", 1),
    ("850 ta korxona", 850, "=", None, "enterprises", 1),
    ("1,5 млн пассажиров", 1.5e6, "=", None, "passengers", 1e6),
    ("около 700 км", 700, "~", None, "km", 1),
    ("12 процентов", 12, "=", None, "percent", 1),
]


# Qualifiers and number words of trade news (issue #15). "dollarga oshdi" is a change ("up by"), no qualifier:
# "more than" follows the ablative ("dollardan oshdi").
PARSE_CASES += [
    ("2,2 млрд доллардан кем емес", 2.2e9, ">", "USD", None, 1e9),
    ("2,2 mlrd dollardan kam emas", 2.2e9, ">", "USD", None, 1e9),
    ("1 млрд доллардан кем", 1e9, "<", "USD", None, 1e9),
    ("412 mln dollarga oshdi", 412e6, "=", "USD", None, 1e6),
    ("95 млн долларга кам", 95e6, "=", "USD", None, 1e6),
    ("превысил 1,5 млрд долларов", 1.5e9, ">", "USD", None, 1e9),
    ("не превышал 3,3 млрд долларов", 3.3e9, "<", "USD", None, 1e9),
    ("410 млн доллардан ошмади", 410e6, "<", "USD", None, 1e6),
    ("1,8 млрд доллардан зиёд", 1.8e9, ">", "USD", None, 1e9),
    ("1,4 млрд доллардан асқан", 1.4e9, ">", "USD", None, 1e9),
    ("приблизился к 3,7 млрд долларов", 3.7e9, "~", "USD", None, 1e9),
    ("topped $1.4 billion", 1.4e9, ">", "USD", None, 1e9),
    ("did not exceed $3.3 billion", 3.3e9, "<", "USD", None, 1e9),
    ("came close to $2.3 billion", 2.3e9, "~", "USD", None, 1e9),
    ("some $150 million", 150e6, "~", "USD", None, 1e6),
    ("$95 million less than a year earlier", 95e6, "=", "USD", None, 1e6),
    ("bir yarim milliard dollarga yaqinlashdi", 1.5e9, "~", "USD", None, 1e9),
    ("бир ярим миллиард доллардан ошди", 1.5e9, ">", "USD", None, 1e9),
    ("бір жарым миллиард долларға жуықтады", 1.5e9, "~", "USD", None, 1e9),
    ("one and a half billion dollars", 1.5e9, "=", "USD", None, 1e9),
]


@pytest.mark.parametrize(("text", "value", "qualifier", "currency", "unit", "scale"), PARSE_CASES)
def test_parse_number(text, value, qualifier, currency, unit, scale):
    reading = parse_number(text)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert (reading.qualifier, reading.currency, reading.unit, reading.scale) == (
        qualifier,
        currency,
        unit,
        scale,
    )


@pytest.mark.parametrize(
    ("text", "default_scale", "value", "scale"),
    [
        ("2 920", 1e6, 2_920_000_000, 1e6),
        ("833,5", 1e6, 833_500_000, 1e6),
        ("3 333 503", 1e3, 3_333_503_000, 1e3),
        ("1,2 млрд", 1e6, 1.2e9, 1e9),  # a scale word in the cell wins over the header
        ("19,8%", 1e6, 19.8, 1),  # a percentage is never scaled
    ],
)
def test_parse_number_default_scale(text, default_scale, value, scale):
    reading = parse_number(text, default_scale=default_scale)
    assert reading.value == pytest.approx(value)
    assert reading.scale == scale


@pytest.mark.parametrize("text", ["", "нет данных", "-", "n/a", "млрд долларов"])
def test_parse_number_none(text):
    assert parse_number(text) is None


def test_parse_number_keeps_the_span():
    assert parse_number("товарооборот составил более $3 млрд в 2022 году").text == "более $3 млрд"


def test_so_m_is_not_dollars():
    assert parse_number("10 mlrd so‘m").currency == "UZS"
    assert parse_number("10 млрд сум").currency == "UZS"


# sentence, expected [(value, qualifier, currency, unit)]
FIND_CASES = [
    (
        "В 2021 году товарооборот составил 7,5 млрд долларов, а за январь–ноябрь 2022 года – более 4 млрд.",
        [(7.5e9, "=", "USD", None), (4e9, ">", None, None)],
    ),
    (
        "29.12.2021, 17:07 — с 21 по 22 декабря 2022 года подписано 15 соглашений на $5 млрд",
        [(15, "=", None, None), (5e9, "=", "USD", None)],
    ),
    ("In 2022, trade reached $4.6bn, up 17,8%", [(4.6e9, "=", "USD", None), (17.8, "=", None, "percent")]),
    ("December 22, 2022: 1,056 companies", [(1056, "=", None, "enterprises")]),
    ("2022 yil 14-15 noyabr kunlari 120 ta korxona", [(120, "=", None, "enterprises")]),
    (
        "2016-yil 20-oktabrdagi qarorga ko‘ra savdo $19,57 mlrd.ni tashkil etdi",
        [(19.57e9, "=", "USD", None)],
    ),
    (
        "2022 жылғы 6 желтоқсандағы № 980 қаулы: тауар айналымы 605,1 млн долларға, 19,8%-ға өсті",
        [(605.1e6, "=", "USD", None), (19.8, "=", None, "percent")],
    ),
    ("в 2000 тонн", [(2000, "=", None, "tonnes")]),
    ("2020–2021 годах 21 млн тонн", [(21e6, "=", None, "tonnes")]),
    ("Between 2019 and 2021 there were 20 рейсов в неделю", [(20, "=", None, "flights_per_week")]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_numbers(text, expected):
    readings = find_numbers(text)
    got = [(r.value, r.qualifier, r.currency, r.unit) for r in readings]
    assert len(got) == len(expected), got
    for (value, *rest), (exp_value, *exp_rest) in zip(got, expected, strict=True):
        assert value == pytest.approx(exp_value)
        assert rest == exp_rest


def test_find_numbers_returns_readings_in_order():
    readings = find_numbers("3 млрд, затем 2 млрд и 1 млрд")
    assert [r.value for r in readings] == [3e9, 2e9, 1e9]
    assert all(isinstance(r, NumberReading) for r in readings)


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (1234.5, "ru", "1\u00a0234,5"),
        (1234.5, "en", "1,234.5"),
        (1234.5, "plain", "1234.5"),
        (1.2e9, "ru_scale", "1,2 млрд"),
        (1.2e9, "en_scale", "$1.2bn"),
        (833_500_000, "ru_scale", "833,5 млн"),
        (12, "en", "12"),
    ],
)
def test_format_number(value, style, expected):
    assert format_number(value, style) == expected


def test_format_number_rejects_unknown_style():
    with pytest.raises(ValueError):
        format_number(1.0, "fr")


STYLES = ["ru", "en", "plain", "ru_scale", "en_scale"]


@settings(max_examples=200, deadline=None)
@given(
    value=st.floats(min_value=0.1, max_value=1e12, allow_nan=False, allow_infinity=False),
    decimals=st.sampled_from([0, 1, 2]),
    style=st.sampled_from(STYLES),
)
def test_format_parse_round_trip(value, decimals, style):
    value = round(value, decimals)
    text = format_number(value, style)
    reading = parse_number(text)
    assert reading is not None, text
    assert reading.value == pytest.approx(value, rel=1e-9), text


@settings(max_examples=100, deadline=None)
@given(value=st.integers(min_value=1000, max_value=999_999_999), style=st.sampled_from(["ru", "en"]))
def test_grouped_integers_round_trip_in_a_sentence(value, style):
    text = (
        f"Экспорт составил {format_number(value, style)} тонн"
        if style == "ru"
        else (f"Exports were {format_number(value, style)} tonnes")
    )
    readings = find_numbers(text)
    assert [r.value for r in readings] == [value]
    assert readings[0].unit == "tonnes"
