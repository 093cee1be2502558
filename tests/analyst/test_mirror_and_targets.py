"""Mirror statistics and targets on a home with both sides' figures and a revised capture (tests/fixtures/mirror)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.analyst.conftest import query

GAZETA_URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"


def test_revised_capture_keeps_both_vintages_and_marks_the_new_one_latest(mirror_home):
    rows = query(
        mirror_home,
        "select value_usd, is_latest from fct_trade_flows where reporter_iso3 = 'UZB' and flow = 'total' "
        "and period_start = date '2020-01-01' and period_end = date '2020-12-31' order by captured_at",
    )
    assert rows == [(3_006_000_000.0, False), (3_099_000_000.0, True)]
    vintages = f"select count(distinct captured_at) from fct_trade_flows where source_url = '{GAZETA_URL}'"
    assert query(mirror_home, vintages) == [(2,)]


def test_targets_use_the_revised_full_year_and_never_mix_ytd(mirror_home):
    rows = query(
        mirror_home,
        "select basis, period_start, period_end, period_type, actual_usd, share_reached_pct "
        "from mart_trade_targets where reporter_iso3 = 'UZB' and target_usd = 5e9 and horizon_text = 'к 2022 году' "
        "order by basis",
    )
    assert [r[:5] for r in rows] == [
        ("full_year", date(2020, 1, 1), date(2020, 12, 31), "year", 3_099_000_000.0),
        ("ytd", date(2021, 1, 1), date(2021, 11, 30), "ytd", 3_538_000_000.0),
    ]
    assert rows[0][5] == pytest.approx(61.98)
    # Kazakh statistics give a year-to-date total only: the latest one (January–November), never January–October.
    kaz = query(mirror_home, "select distinct basis, period_end from mart_trade_targets where reporter_iso3 = 'KAZ'")
    assert kaz == [("ytd", date(2021, 11, 30))]


def test_mirror_pairs_identical_periods_only(mirror_home):
    rows = query(
        mirror_home,
        "select period_start, period_end, reporter_iso3, reporter_flow, reporter_value_usd, partner_iso3, "
        "partner_flow, partner_value_usd, gap_usd, gap_pct from mart_trade_mirror order by reporter_flow",
    )
    jan_nov = (date(2021, 1, 1), date(2021, 11, 30))
    assert [r[:8] for r in rows] == [
        (*jan_nov, "KAZ", "export", 2_470_100_000.0, "UZB", "import", 2_481_000_000.0),
        (*jan_nov, "KAZ", "import", 1_042_300_000.0, "UZB", "export", 1_057_000_000.0),
        (*jan_nov, "KAZ", "total", 3_512_400_000.0, "UZB", "total", 3_538_000_000.0),
    ]
    export_gap = rows[0]
    assert export_gap[8] == pytest.approx(-10_900_000.0)
    assert export_gap[9] == pytest.approx(-10.9 / 2481 * 100)
    # January–October (Kazakh only) is in the facts but never paired with January–November.
    assert query(mirror_home, "select count(*) from fct_trade_flows where period_end = date '2021-10-31'") == [(3,)]
    assert query(mirror_home, "select count(*) from mart_trade_mirror where period_end <> date '2021-11-30'") == [(0,)]


def test_bundled_warehouse_has_no_mirror_pair_and_targets_from_uzbek_figures(built_home):
    assert query(built_home, "select count(*) from mart_trade_mirror") == [(0,)]
    rows = query(
        built_home,
        "select target_usd, announced_by, horizon_text, basis, period_end, actual_usd, round(share_reached_pct, 1) "
        "from mart_trade_targets where target_usd = 1e10 and horizon_text = 'в течение пяти лет' order by basis",
    )
    assert [r[3:] for r in rows] == [
        ("full_year", date(2020, 12, 31), 3_006_000_000.0, 30.1),
        ("ytd", date(2021, 11, 30), 3_538_000_000.0, 35.4),
    ]


def test_events_reported_by_several_pages_are_one_event(built_home):
    rows = query(
        built_home,
        "select n_sources, source_urls from fct_events "
        "where event_type = 'state_visit' and start_date = date '2021-12-06'",
    )
    assert len(rows) == 1
    n_sources, urls = rows[0]
    assert n_sources == 2 and urls[0] == "https://e-cis.info/news/566/96745/"
    assert query(built_home, "select count(*), count(distinct event_id) from fct_events") == [(9, 9)]
