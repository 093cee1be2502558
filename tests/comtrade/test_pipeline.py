"""End to end through the real pipeline: Comtrade test files for both reporters imported next to the bundled archive,
`kzuz refresh --offline`, then the marts read from the real DuckDB file, the alert, and the report in Chromium.

The imported files (tests/fixtures/comtrade/TEST-DATA-*) are test data written for kzuz in Comtrade's layout;
their figures are invented. Kazakhstan's annual file is imported twice: the revised download (a later
vintage of the same query) changes its 2020 exports from 2 001.75 to 2 031.75 million.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.alerts import read_alerts
from tests.conftest import REPO, run_kzuz
from tests.report import browser
from tests.report.test_report_in_chromium import PROBE, Resources

pytestmark = pytest.mark.slow

FIXTURES = REPO / "tests" / "fixtures" / "comtrade"
KAZ = FIXTURES / "TEST-DATA-comtrade-398-kaz-annual-2018-2021.json"
KAZ_REVISED = FIXTURES / "TEST-DATA-comtrade-398-kaz-annual-2018-2021-revised.json"
UZB_ANNUAL = FIXTURES / "TEST-DATA-comtrade-860-uzb-annual-2019-2020.csv"
UZB_MONTHLY = FIXTURES / "TEST-DATA-comtrade-860-uzb-monthly-2021.csv"
GAZETA = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
KAZ_URL = (
    "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=398&period=2018,2019,2020,2021&partnerCode=860"
    "&partner2Code=0&cmdCode=27,TOTAL&flowCode=M,RX,X&customsCode=C00,C01&motCode=0,2100"
)
M = 1e6


@pytest.fixture(scope="module")
def comtrade_home(built_home, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("comtrade") / "home"
    shutil.copytree(built_home, home, ignore=shutil.ignore_patterns("*.lock"))
    run_kzuz("comtrade", "import", str(KAZ), "--fetched-at", "2026-11-29T08:00:00Z", home=home)
    run_kzuz("comtrade", "import", str(UZB_ANNUAL), str(UZB_MONTHLY), "--fetched-at", "2026-11-30T08:00:00Z", home=home)
    run_kzuz("comtrade", "import", str(KAZ_REVISED), "--fetched-at", "2026-12-01T08:00:00Z", home=home)
    run_kzuz("refresh", "--offline", home=home)
    return home


def query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_bundled_warehouse_has_the_new_mart_empty_and_only_news(built_home):
    assert query(built_home, "select count(*) from mart_news_vs_official") == [(0,)]
    assert query(built_home, "select count(*) from mart_trade_mirror") == [(0,)]
    assert query(built_home, "select source_kind, count(*) from fct_trade_flows group by all") == [("news", 12)]
    assert query(built_home, "select count(*) from raw.comtrade_records") == [(0,)]
    assert query(built_home, "select count(*) from dim_documents where site = 'comtradeapi.un.org'") == [(0,)]


def test_news_vs_official_sets_each_news_figure_beside_the_official_one(comtrade_home):
    rows = query(
        comtrade_home,
        "select flow, period_start::varchar, period_end::varchar, period_type, news_value_usd, official_value_usd, "
        "official_basis, official_figures, round(gap_usd), round(gap_pct, 2), news_source_url "
        "from mart_news_vs_official order by period_start, period_end, flow",
    )
    assert rows == [
        (
            "export",
            "2019-01-01",
            "2019-12-31",
            "year",
            1393 * M,
            1401.87 * M,
            "same_period",
            1,
            -8.87 * M,
            -0.63,
            GAZETA,
        ),
        (
            "import",
            "2019-01-01",
            "2019-12-31",
            "year",
            1942 * M,
            1960.30 * M,
            "same_period",
            1,
            -18.30 * M,
            -0.93,
            GAZETA,
        ),
        (
            "export",
            "2020-01-01",
            "2020-12-31",
            "year",
            908 * M,
            997.64 * M,
            "same_period",
            1,
            -89.64 * M,
            -8.99,
            GAZETA,
        ),
        (
            "import",
            "2020-01-01",
            "2020-12-31",
            "year",
            2097 * M,
            2061.48 * M,
            "same_period",
            1,
            35.52 * M,
            1.72,
            GAZETA,
        ),
        (
            "total",
            "2020-01-01",
            "2020-12-31",
            "year",
            3006 * M,
            3059.12 * M,
            "same_period",
            1,
            -53.12 * M,
            -1.74,
            GAZETA,
        ),
        # Jan-Nov 2021 exports: the sum of 11 monthly figures; imports miss June, so neither they nor the total
        # are compared; 2018 and 2017 have no Uzbek official figure
        (
            "export",
            "2021-01-01",
            "2021-11-30",
            "ytd",
            1057 * M,
            1073.5 * M,
            "sum_of_months",
            11,
            -16.5 * M,
            -1.54,
            GAZETA,
        ),
    ]
    assert query(comtrade_home, "select distinct reporter_iso3, partner_iso3 from mart_news_vs_official") == [
        ("UZB", "KAZ")
    ]


def test_mirror_pairs_each_side_whichever_source_states_it(comtrade_home):
    rows = query(
        comtrade_home,
        "select year(period_start), reporter_iso3, reporter_flow, reporter_value_usd, reporter_source_kind, "
        "partner_iso3, partner_flow, partner_value_usd, partner_source_kind, round(gap_usd), round(gap_pct, 2) "
        "from mart_trade_mirror order by period_start, reporter_flow",
    )
    off, news = "official_statistics", "news"
    assert rows == [
        (2018, "KAZ", "export", 1495.30 * M, off, "UZB", "import", 1567 * M, news, -71.70 * M, -4.58),
        (2018, "KAZ", "import", 830.15 * M, off, "UZB", "export", 1352 * M, news, -521.85 * M, -38.6),
        (2018, "KAZ", "total", 2325.45 * M, off, "UZB", "total", 2920 * M, news, -594.55 * M, -20.36),
        (2019, "KAZ", "export", 1898.42 * M, off, "UZB", "import", 1960.30 * M, off, -61.88 * M, -3.16),
        (2019, "KAZ", "import", 983.60 * M, off, "UZB", "export", 1401.87 * M, off, -418.27 * M, -29.84),
        (2019, "KAZ", "total", 2882.02 * M, off, "UZB", "total", 3362.17 * M, off, -480.15 * M, -14.28),
        # 2020: Kazakhstan's revised vintage (2 031.75, not 2 001.75)
        (2020, "KAZ", "export", 2031.75 * M, off, "UZB", "import", 2061.48 * M, off, -29.73 * M, -1.44),
        (2020, "KAZ", "import", 905.21 * M, off, "UZB", "export", 997.64 * M, off, -92.43 * M, -9.26),
        (2020, "KAZ", "total", 2936.96 * M, off, "UZB", "total", 3059.12 * M, off, -122.16 * M, -3.99),
    ]


def test_vintages_are_kept_and_the_latest_official_one_is_current(comtrade_home):
    rows = query(
        comtrade_home,
        "select value_usd, is_latest, captured_at::date::varchar, source_url from fct_trade_flows "
        "where reporter_iso3 = 'KAZ' and flow = 'export' and year(period_start) = 2020 order by captured_at",
    )
    assert rows == [(2001.75 * M, False, "2026-11-29", KAZ_URL), (2031.75 * M, True, "2026-12-01", KAZ_URL)]


def test_only_flow_totals_enter_the_mart_and_every_record_stays_raw(comtrade_home):
    raw = query(
        comtrade_home,
        "select flow_code, cmd_code, customs_code, mot_code, primary_value, count(*) as vintages "
        f"from raw.comtrade_records where source_url = '{KAZ_URL}' "
        "and (cmd_code <> 'TOTAL' or customs_code <> 'C00' or mot_code <> 0 or flow_code = 'RX') "
        "group by all order by primary_value",
    )
    assert raw == [
        ("X", "TOTAL", "C00", 2100, 3.25 * M, 2),
        ("RX", "TOTAL", "C00", 0, 12.4 * M, 2),
        ("X", "27", "C00", 0, 410.5 * M, 2),
        ("X", "TOTAL", "C01", 0, 1650 * M, 2),
    ], "re-exports and breakdowns by commodity, customs procedure and mode of transport are kept raw"
    assert query(comtrade_home, "select count(*) from raw.comtrade_records") == [(12 + 12 + 4 + 23,)]
    leaked = query(
        comtrade_home,
        "select count(*) from fct_trade_flows where value_usd in (3250000, 12400000, 410500000, 1650000000)",
    )
    assert leaked == [(0,)]


def test_official_rows_are_marked_and_totals_derived(comtrade_home):
    kinds = query(
        comtrade_home,
        "select source_kind, evidence_kind, count(*) from fct_trade_flows group by all order by all",
    )
    # official: KAZ 4 years x (X, M) twice (two vintages) + UZB 2 years x 2 + 12 X and 11 M months
    assert kinds == [
        ("news", "sentence", 1),
        ("news", "table_cell", 11),
        ("official_statistics", "derived", 8 + 2 + 11),
        ("official_statistics", "statistics_record", 16 + 4 + 23),
    ]
    [(evidence,)] = query(
        comtrade_home,
        "select evidence from fct_trade_flows where is_latest and reporter_iso3 = 'UZB' and flow = 'total' "
        "and period_type = 'year' and year(period_start) = 2020 and source_kind = 'official_statistics'",
    )
    assert evidence == "derived as export + import: 997640000.00 (UN Comtrade record 2) + 2061480000.00 (record 3)"


def test_the_news_rows_are_the_bundled_warehouse_s(comtrade_home, built_home):
    sql = "select observation_id, value_usd, is_latest from fct_trade_flows where source_kind = 'news' order by 1"
    assert query(comtrade_home, sql) == query(built_home, sql)


def test_a_gap_past_the_threshold_alerts_once_naming_the_page_and_the_cell(comtrade_home):
    alerts = [a for a in read_alerts(comtrade_home / "alerts.jsonl") if a["kind"] == "news_vs_official"]
    [alert] = alerts
    assert alert["severity"] == "warn"
    assert alert["summary"].startswith(
        f"mart_news_vs_official {GAZETA} prints UZB exports to KAZ for 2020-01-01–2020-12-31"
    )
    assert "Экспорт Узбекистана | 2020 | 908" in alert["summary"], "the table cell as printed"
    assert "gap -9.0 %" in alert["summary"]
    assert alert["details"]["source_urls"] == [GAZETA]


def test_the_import_refuses_what_is_not_comtrade_and_repeats_nothing(comtrade_home, tmp_path):
    before = query(comtrade_home, "select count(*) from fct_trade_flows")
    done = run_kzuz("comtrade", "import", str(KAZ), home=comtrade_home)
    assert "unchanged (same file already archived for this query)" in done.stderr
    bad = tmp_path / "not-comtrade.csv"
    bad.write_text("year,value\n2020,908\n", encoding="utf-8")
    refused = run_kzuz("comtrade", "import", str(bad), home=comtrade_home, check=False)
    assert refused.returncode == 1
    assert "not-comtrade.csv: not imported: no Comtrade column reporterCode" in refused.stderr
    archived = json.loads(
        run_kzuz("sql", "select count(*) as n from fct_trade_flows", "--format", "json", home=comtrade_home).stdout
    )
    assert [(archived[0]["n"],)] == before


def test_report_shows_the_official_series_and_the_comparison(comtrade_home, tmp_path):
    done = run_kzuz("report", home=comtrade_home)
    index = Path(done.stdout.strip().splitlines()[-1])
    html = index.read_text(encoding="utf-8")
    assert {"official_by_year.png", "news_vs_official.png", "trade_mirror.png"} <= {
        p.name for p in (index.parent / "charts").glob("*.png")
    }
    assert 'id="official"' in html and 'id="news_vs_official"' in html
    assert "-9.0 % (over the threshold)" in html
    assert "sum of months, 11 months" in html
    if not browser.available():
        pytest.skip("Debian chromium not installed: the page was written but not rendered")
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = browser.dump_dom(probed, tmp_path / "profile")
    page = Resources()
    page.feed(dom)
    charts = {img["data-chart"]: img for img in page.images if img.get("data-chart")}
    for name in ("official_by_year", "news_vs_official", "trade_mirror"):
        img = charts[name]
        assert img["data-complete"] == "true" and int(img["data-natural-width"]) > 800, (name, img)
    assert "2020 UZB export: -9.0 % ⚠" in charts["news_vs_official"]["alt"]
    for heading in ("Official statistics (UN Comtrade)", "News figures against the official statistics"):
        assert f"<h2>{heading}" in dom, heading
