"""What the loader tells dbt a refresh changed: the URLs to rebuild, or that everything must be rebuilt."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.load import record_refresh_scope, snapshot_captures
from pipelines.warehouse import ensure_raw_schema

URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
OTHER = "https://kun.uz/ru/news/2023/02/14/trade"


def capture(con, capture_id: str, url: str) -> None:
    con.execute(
        "insert into raw.captures (capture_id, source_url, site, http_status) values (?, ?, 'gazeta_uz', 200)",
        [capture_id, url],
    )


@pytest.fixture
def con(tmp_path):
    with duckdb.connect(str(tmp_path / "next.duckdb")) as con:
        ensure_raw_schema(con)
        capture(con, "c1", URL)
        con.execute("insert into raw.sites (site, country_iso3, kind, parser) values ('gazeta_uz', 'UZB', 'news', 'x')")
        snapshot_captures(con)
        yield con


def scope(con) -> tuple[bool, list[str]]:
    (full,) = con.execute("select full_rebuild from raw.refresh_scope").fetchone()
    return full, [r[0] for r in con.execute("select source_url from raw.refresh_changes order by 1").fetchall()]


def test_a_new_capture_and_a_parsed_page_are_the_changed_urls(con):
    capture(con, "c2", OTHER)
    assert record_refresh_scope(con, {URL}, full=False) == 2
    assert scope(con) == (False, [OTHER, URL])


def test_nothing_changed_is_an_incremental_build_of_no_url(con):
    assert record_refresh_scope(con, set(), full=False) == 0
    assert scope(con) == (False, [])


def test_a_capture_leaving_the_archive_rebuilds_everything(con):
    con.execute("delete from raw.captures where capture_id = 'c1'")
    record_refresh_scope(con, set(), full=False)
    assert scope(con)[0] is True


def test_a_change_of_the_catalog_rebuilds_everything(con):
    con.execute("update raw.sites set country_iso3 = 'KAZ'")
    record_refresh_scope(con, set(), full=False)
    assert scope(con) == (True, [])
