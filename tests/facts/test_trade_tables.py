"""Trade tables: orientation, units, reporter and partner, and what is skipped rather than guessed."""

from __future__ import annotations

from datetime import date

import pytest

from sources.catalog import load_catalog
from sources.facts.trade_tables import extract_trade_tables


def cells(rows: list[list[str]], caption: str = "") -> list[dict]:
    return [
        {"table_index": 0, "row_index": r, "col_index": c, "is_header": r == 0, "text": text, "caption": caption}
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]


def extract(rows, caption="", title="", body="", site_country="UZB"):
    document = {"title": title, "lead": None, "body_text": body, "published_at": None}
    return extract_trade_tables(cells(rows, caption), document, load_catalog(), site_country)


def test_periods_as_rows_with_kazakh_statistics_reports_kaz():
    rows = [
        ["Период", "Экспорт в Узбекистан", "Импорт из Узбекистана"],
        ["2020", "1 360,5", "662,1"],
        ["январь–июнь 2021", "790,2", "430,9"],
    ]
    found = extract(
        rows,
        caption="Торговля Казахстана с Узбекистаном, млн долл. США (данные Бюро национальной статистики)",
        site_country="UZB",
    )
    assert [(o["reporter_iso3"], o["partner_iso3"], o["flow"], o["period_type"], o["value_usd"]) for o in found] == [
        ("KAZ", "UZB", "export", "year", pytest.approx(1_360.5e6)),
        ("KAZ", "UZB", "import", "year", pytest.approx(662.1e6)),
        ("KAZ", "UZB", "export", "ytd", pytest.approx(790.2e6)),
        ("KAZ", "UZB", "import", "ytd", pytest.approx(430.9e6)),
    ]
    assert found[2]["period_start"] == date(2021, 1, 1) and found[2]["period_end"] == date(2021, 6, 30)
    assert "январь–июнь 2021" in found[2]["evidence"] and "790,2" in found[2]["evidence"]


def test_uzbek_latin_table_in_billions_with_partner_from_the_title():
    rows = [["", "2021", "2022"], ["Savdo aylanmasi", "3,9", "4,6"]]
    found = extract(rows, caption="Qozog‘iston bilan savdo, mlrd AQSH dollari", title="Qozog‘iston bilan savdo")
    assert [(o["flow"], o["value_usd"], o["reporter_iso3"], o["partner_iso3"]) for o in found] == [
        ("total", pytest.approx(3.9e9), "UZB", "KAZ"),
        ("total", pytest.approx(4.6e9), "UZB", "KAZ"),
    ]


def test_table_in_soum_is_not_read_as_dollars():
    rows = [["", "2021"], ["Экспорт в Казахстан", "12 500"]]
    assert extract(rows, caption="Экспорт, млрд сумов") == []


def test_cells_without_a_readable_period_or_flow_are_skipped():
    rows = [["", "прошлый период", "2020"], ["Экспорт в Казахстан", "100", "200"], ["Прочее", "1", "2"]]
    found = extract(rows, caption="млн долларов")
    assert [(o["flow"], o["period_start"], o["value_usd"]) for o in found] == [
        ("export", date(2020, 1, 1), pytest.approx(200e6))
    ]


def test_no_partner_means_no_observation():
    rows = [["", "2020"], ["Экспорт", "100"]]
    assert extract(rows, caption="Внешняя торговля, млн долларов") == []
