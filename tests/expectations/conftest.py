"""Fixtures: the 12 observations of the bundled gazeta.uz trade table as an fct_trade_flows mart."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import duckdb
import pytest

SOURCE = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
PERIODS = {  # period_start -> (period_end, period_type, printed header)
    "2018-01-01": ("2018-12-31", "year", "2018"),
    "2019-01-01": ("2019-12-31", "year", "2019"),
    "2020-01-01": ("2020-12-31", "year", "2020"),
    "2021-01-01": ("2021-11-30", "ytd", "Январь–ноябрь 2021"),
}
# million USD as printed, the 2019 total garbled in the source (export + import = 3 335)
VALUES = {
    "total": (2_920, 3_333_503, 3_006, 3_538),
    "export": (1_352, 1_393, 908, 1_057),
    "import": (1_567, 1_942, 2_097, 2_481),
}

DDL = """
create or replace table main.fct_trade_flows (
    observation_id varchar, reporter_iso3 varchar, partner_iso3 varchar, flow varchar,
    period_start date, period_end date, period_type varchar, value_usd double, qualifier varchar,
    source_url varchar, published_at timestamp, captured_at timestamp, evidence varchar,
    evidence_kind varchar, is_latest boolean, source_kind varchar default 'news'
)
"""
# the columns the rows below give: source_kind keeps its default ('news')
COLUMNS = (
    "observation_id, reporter_iso3, partner_iso3, flow, period_start, period_end, period_type, value_usd, qualifier, "
    "source_url, published_at, captured_at, evidence, evidence_kind, is_latest"
)


@pytest.fixture
def trade_rows() -> list[tuple]:
    rows = []
    for flow, values in VALUES.items():
        for (start, (end, kind, header)), millions in zip(PERIODS.items(), values, strict=True):
            rows.append(
                (
                    f"uzb-kaz-{flow}-{start}",
                    "UZB",
                    "KAZ",
                    flow,
                    start,
                    end,
                    kind,
                    millions * 1e6,
                    "=",
                    SOURCE,
                    "2022-01-07 11:40:00",
                    "2026-11-28 00:00:00",
                    f"{flow} | {header} | {millions}",
                    "table_cell",
                    True,
                )
            )
    return rows


@pytest.fixture
def load_trade_flows() -> Callable[[duckdb.DuckDBPyConnection, list[tuple]], None]:
    def load(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
        con.execute(DDL)
        if rows:
            con.executemany(f"insert into main.fct_trade_flows ({COLUMNS}) values ({', '.join(['?'] * 15)})", rows)

    return load


@pytest.fixture
def warehouse(tmp_path, trade_rows, load_trade_flows) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    load_trade_flows(con, trade_rows)
    try:
        yield con
    finally:
        con.close()
