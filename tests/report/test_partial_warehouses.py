"""Missing, empty and partial warehouses give a report that says what is missing, never an error."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.home import KzuzHome
from pipelines.report import build_report
from tests.conftest import run_kzuz


def drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a mart whether dbt built it as a table or a view."""
    [kind] = con.execute(
        "select table_type from information_schema.tables where table_name = ?", [name]
    ).fetchone() or [None]
    if kind:
        con.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {name}")


def test_no_warehouse_gives_a_report_and_a_one_line_hint(tmp_path):
    home = tmp_path / "home"
    done = run_kzuz("report", home=home)
    index = home / "report" / "index.html"
    assert done.stdout.strip() == str(index)
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"kzuz: no warehouse in {home} yet: the report says what is missing; run `kzuz refresh --offline` to build it"
    ]
    html = index.read_text(encoding="utf-8")
    assert f"Not available yet: no warehouse at {home / 'warehouse.duckdb'}" in html
    assert "kzuz refresh --offline" in html


def test_empty_duckdb_file_names_every_missing_mart(tmp_path):
    home = KzuzHome(tmp_path)
    duckdb.connect(str(home.warehouse)).close()
    html = build_report(home).read_text(encoding="utf-8")
    for missing in (
        "not available yet: table fct_trade_flows",
        "not available yet: table fct_legal_acts",
        "not available yet: table fct_events",
        "not available yet: table fct_indicators",
        "not available yet: table parse_errors",
        "not available yet: announced trade targets",
    ):
        assert missing in html, missing
    assert "data:image/png" not in html
    assert not list((tmp_path / "report" / "charts").glob("*.png"))


def test_a_file_that_is_not_duckdb_is_reported_not_raised(tmp_path):
    home = KzuzHome(tmp_path)
    home.warehouse.write_bytes(b"not a database")
    html = build_report(home).read_text(encoding="utf-8")
    assert "could not be opened" in html


@pytest.fixture
def without_trade(home_copy) -> Path:
    with duckdb.connect(str(home_copy / "warehouse.duckdb")) as con:
        drop(con, "fct_trade_flows")
    return home_copy


def test_warehouse_without_fct_trade_flows_still_shows_the_rest(without_trade):
    index = build_report(KzuzHome(without_trade))
    html = index.read_text(encoding="utf-8")
    assert "not available yet: table fct_trade_flows" in html
    assert 'data-chart="timeline"' in html and 'data-chart="indicators"' in html
    assert 'data-chart="trade_by_year"' not in html
    assert "5 bn USD" in html, "the announced targets are still listed"
    assert not (index.parent / "charts" / "trade_by_year.png").exists(), "no stale chart from an earlier report"


def test_both_sides_in_fct_trade_flows_draw_the_mirror_without_the_mart(home_copy):
    # Kazakh statistics for Jan–Nov 2021: the mirror of Uzbekistan's figures for the same months
    with duckdb.connect(str(home_copy / "warehouse.duckdb")) as con:
        drop(con, "mart_trade_mirror")
        # Rows copied from an existing one (the mart's contract makes most columns not null), then changed.
        con.execute("""
            insert into fct_trade_flows
            select f.* replace (m.id as observation_id, 'KAZ' as reporter_iso3, 'UZB' as partner_iso3,
                                m.flow as flow, date '2021-01-01' as period_start, date '2021-11-30' as period_end,
                                'ytd' as period_type, m.value_usd as value_usd, '=' as qualifier,
                                'https://www.zakon.kz/mirror' as source_url, true as is_latest)
            from (select * from fct_trade_flows limit 1) as f,
                (values ('m1', 'import', 1.1e9), ('m2', 'export', 2.3e9)) as m (id, flow, value_usd)
        """)
    html = build_report(KzuzHome(home_copy)).read_text(encoding="utf-8")
    assert 'data-chart="trade_mirror"' in html
    assert "gap -0.04 bn (-3.9%)" in html  # Uzbekistan's exports 1.057 bn against Kazakhstan's imports 1.1 bn
    assert "no period reported by both sides yet" not in html.lower()
    assert "per reporter (Kazakhstan, Uzbekistan)" in html, "each side's statistics get their own panel"


def test_mirror_mart_when_present_gives_the_pairs_and_gaps(home_copy):
    with duckdb.connect(str(home_copy / "warehouse.duckdb")) as con:
        drop(con, "mart_trade_mirror")
        con.execute("""
            create table mart_trade_mirror as select
                'x' as mirror_id, date '2021-01-01' as period_start, date '2021-11-30' as period_end,
                'ytd' as period_type, 'KAZ' as reporter_iso3, 'import' as reporter_flow, 1.1e9 as reporter_value_usd,
                'https://www.zakon.kz/mirror' as reporter_source_url, 'UZB' as partner_iso3,
                1.057e9 as partner_value_usd, 'https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/' as partner_source_url,
                0.043e9 as gap_usd, 4.068 as gap_pct
        """)
    html = build_report(KzuzHome(home_copy)).read_text(encoding="utf-8")
    assert 'data-chart="trade_mirror"' in html
    assert "gap +0.04 bn (+4.1%)" in html
    assert "Mirror pairs (from mart_trade_mirror)" in html
    assert "Uzbekistan → Kazakhstan" in html


def test_empty_mirror_mart_says_no_period_reported_by_both_sides(home_copy):
    html = build_report(KzuzHome(home_copy)).read_text(encoding="utf-8")
    assert "No period reported by both sides yet" in html
