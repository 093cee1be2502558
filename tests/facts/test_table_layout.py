"""Tests of describe_table: orientation, header language, units and footnotes of tables in four languages."""

from __future__ import annotations

import pytest

from sources.facts.table_layout import TableLayout, describe_table


def grid(*rows: list[str]) -> dict[tuple[int, int], str]:
    return {(r, c): text for r, row in enumerate(rows) for c, text in enumerate(row)}


RU_COLUMNS = grid(
    ["Показатель", "2020", "2021", "Январь–ноябрь 2022*"],
    ["Товарооборот", "2 130,5", "3 031,2", "4 098,3"],
    ["Экспорт", "1 199,0", "1 654,1", "2 101,7"],
    ["Импорт", "931,5", "1 377,1", "1 996,6"],
    ["* Предварительные данные", "* Предварительные данные", "* Предварительные данные", ""],
)
UZ_LATN_ROWS = grid(
    ["Davr", "Eksport", "Import", "Jami"],
    ["2019-yil", "1 283,4", "1 971,2", "3 254,6"],
    ["2020-yil", "1 109,0", "1 896,5", "3 005,5"],
    ["2021-yil yanvar-sentabr", "1 120,7", "1 650,3", "2 771,0"],
)
KK_COLUMNS = grid(
    ["Көрсеткіш", "2021 жыл", "2022 жылғы қаңтар-тамыз¹"],
    ["Тауар айналымы, млн. доллар", "3 970,1", "3 044,7"],
    ["Экспорт", "2 503,2", "1 920,4"],
    ["Импорт", "1 466,9", "1 124,3"],
)
EN_ROWS = grid(
    ["Period", "Exports", "Imports 1)"],
    ["2020", "1,109.0", "1,896.5"],
    ["2021", "1,654.1", "1,377.1"],
    ["1Q2022", "520.3", "410.9"],
)
UZ_CYRL_COLUMNS = grid(
    ["Кўрсаткич", "2020 йил", "2021 йил"],
    ["Юк ташиш ҳажми", "18 250", "21 004"],
    ["Ўсиш суръати, %", "104,2", "115,1"],
)


def test_russian_periods_as_columns_with_footnote_row():
    layout = describe_table(RU_COLUMNS, "Торговля Узбекистана с Казахстаном, млн долл. США")
    assert layout == TableLayout(
        orientation="periods_as_columns",
        header_language="ru",
        unit_scale=1e6,
        currency="USD",
        footnotes=["* Предварительные данные"],
        unit=None,
        footnote_marks={"*": "Предварительные данные"},
        header_row=0,
        footnote_rows=[4],
    )


def test_uzbek_latin_periods_as_rows():
    layout = describe_table(UZ_LATN_ROWS, "O‘zbekiston va Qozog‘iston o‘rtasidagi savdo, mln AQSH dollari")
    assert layout.orientation == "periods_as_rows"
    assert layout.header_language == "uz-Latn"
    assert (layout.unit_scale, layout.currency, layout.unit) == (1e6, "USD", None)
    assert layout.footnotes == [] and layout.footnote_rows == []


def test_kazakh_periods_as_columns_unit_in_the_label_column_and_note_below():
    layout = describe_table(
        KK_COLUMNS,
        "Қазақстан мен Өзбекстан арасындағы сауда",
        notes="¹ Алдын ала деректер.",
    )
    assert layout.orientation == "periods_as_columns"
    assert layout.header_language == "kk"
    assert (layout.unit_scale, layout.currency) == (1e6, "USD")
    assert layout.footnotes == ["¹ Алдын ала деректер."]
    assert layout.footnote_marks == {"¹": "Алдын ала деректер."}


def test_english_periods_as_rows_with_numbered_note_in_caption():
    layout = describe_table(EN_ROWS, "Kazakhstan–Uzbekistan trade, million USD 1) Including re-exports.")
    assert layout.orientation == "periods_as_rows"
    assert layout.header_language == "en"
    assert (layout.unit_scale, layout.currency) == (1e6, "USD")
    assert layout.footnotes == ["1) Including re-exports."]
    assert layout.footnote_marks == {"1)": "Including re-exports."}


def test_uzbek_cyrillic_freight_in_thousand_tonnes():
    layout = describe_table(UZ_CYRL_COLUMNS, "Ўзбекистон ва Қозоғистон ўртасида юк ташиш, минг тонна")
    assert layout.orientation == "periods_as_columns"
    assert layout.header_language == "uz-Cyrl"
    assert (layout.unit_scale, layout.currency, layout.unit) == (1e3, None, "tonnes")


@pytest.mark.parametrize(
    ("caption", "scale", "currency", "unit"),
    [
        ("Товарооборот, млн долл. США", 1e6, "USD", None),
        ("Eksport, mln AQSH dollari", 1e6, "USD", None),
        ("Экспорт, млн. доллар", 1e6, "USD", None),
        ("Trade, million USD", 1e6, "USD", None),
        ("Перевозки, тыс. тонн", 1e3, None, "tonnes"),
        ("Инвестиции, млрд сумов", 1e9, "UZS", None),
        ("Savdo, mlrd so‘m", 1e9, "UZS", None),
        ("Тауар айналымы, мың АҚШ доллары", 1e3, "USD", None),
        ("Exports, US$ bn", 1e9, "USD", None),
        ("Товарооборот", None, None, None),
    ],
)
def test_units_in_caption(caption, scale, currency, unit):
    layout = describe_table(grid(["", "2021"], ["Экспорт", "1"]), caption)
    assert (layout.unit_scale, layout.currency, layout.unit) == (scale, currency, unit)


def test_units_in_a_header_cell():
    table = grid(["Год", "Экспорт, млн долл. США", "Импорт, млн долл. США"], ["2021", "1", "2"], ["2022", "3", "4"])
    layout = describe_table(table, "")
    assert (layout.orientation, layout.unit_scale, layout.currency) == ("periods_as_rows", 1e6, "USD")


def test_growth_column_does_not_make_a_money_table_a_percent_table():
    table = grid(["", "2021", "2022", "Рост, %"], ["Экспорт", "1", "2", "200"])
    layout = describe_table(table, "млн долл. США")
    assert (layout.currency, layout.unit) == ("USD", None)


def test_no_periods_means_no_orientation():
    layout = describe_table(grid(["Товар", "Доля"], ["Зерно", "30"], ["Нефть", "20"]), "Структура экспорта")
    assert layout.orientation is None
    assert layout.header_language == "ru"


def test_header_row_after_a_title_row():
    table = grid(
        ["Внешняя торговля", "", ""],
        ["", "2020", "2021"],
        ["Экспорт", "1", "2"],
    )
    layout = describe_table(table, "")
    assert layout.header_row == 1 and layout.orientation == "periods_as_columns"


def test_note_word_rows_and_several_markers():
    table = grid(
        ["", "2020*", "2021**"],
        ["Экспорт", "1", "2"],
        ["* Оценка.", "", ""],
        ["** Предварительно.", "", ""],
        ["Примечание: без учёта услуг.", "", ""],
    )
    layout = describe_table(table, "")
    assert layout.footnote_rows == [2, 3, 4]
    assert layout.footnotes == ["* Оценка.", "** Предварительно.", "Примечание: без учёта услуг."]
    assert layout.footnote_marks == {"*": "Оценка.", "**": "Предварительно."}
    assert layout.orientation == "periods_as_columns"


def test_empty_grid():
    assert describe_table({}, "") == TableLayout(None, None, None, None)
