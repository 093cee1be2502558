"""A suite on an incremental refresh: the changed pages' rows (and the quarantined ones) are validated,
what spans the table (a key's uniqueness, the row count) is computed over every row, and quarantined rows
the validation did not read again keep their place.
"""

from __future__ import annotations

import pytest

from expectations import FCT_TRADE_FLOWS, apply_quarantine, blocking_failures, run_suite
from tests.expectations.conftest import SOURCE

OTHER = "https://kun.uz/ru/news/2023/02/14/trade"
CHANGED = "(select source_url from changed_pages)"
TOTAL_2019 = "uzb-kaz-total-2019-01-01"
DUPLICATED = "observation_id duplicated"


def other_page(rows: list[tuple], ids: dict[str, str] | None = None) -> list[tuple]:
    """The 2018 figures as a second page reports them: its own ids (or those in ``ids``) and URL."""
    ids = ids or {}
    return [
        (ids.get(row[0], f"other-{row[0]}"), *row[1:9], OTHER, *row[10:])
        for row in rows
        if row[0].endswith("2018-01-01")
    ]


def mark_changed(con, *urls: str) -> None:
    con.execute("create or replace table changed_pages (source_url varchar)")
    con.executemany("insert into changed_pages values (?)", [(u,) for u in urls])


def quarantine(con) -> dict[str, tuple[str, str]]:
    rows = con.execute("select observation_id, source_url, quarantine_reason from main.quarantine_fct_trade_flows")
    return {key: (url, reason) for key, url, reason in rows.fetchall()}


def mart_ids(con) -> set[str]:
    return {r[0] for r in con.execute("select observation_id from main.fct_trade_flows").fetchall()}


def check(con, changed_urls: str | None = None):
    result = run_suite(con, FCT_TRADE_FLOWS, changed_urls=changed_urls)
    return result, apply_quarantine(con, FCT_TRADE_FLOWS, result)


@pytest.fixture
def checked(warehouse):
    """The bundled table checked once in full: its garbled 2019 total is in quarantine."""
    check(warehouse)
    assert set(quarantine(warehouse)) == {TOTAL_2019}
    return warehouse


def test_an_incremental_check_reads_only_the_changed_pages_rows_and_the_quarantined_ones(
    checked, trade_rows, load_trade_flows
):
    load_trade_flows(checked, trade_rows + other_page(trade_rows))  # dbt rebuilt the table mart whole
    mark_changed(checked, OTHER)

    result, moved = check(checked, CHANGED)

    assert result.row_count == 3 + 1, "the other page's three 2018 rows and the quarantined 2019 total"
    assert result.changed_rows is not None and "changed_pages" in result.changed_rows
    assert blocking_failures(result) == []
    assert moved == 1 and set(quarantine(checked)) == {TOTAL_2019}, "the garbled total is read again and stays out"
    assert TOTAL_2019 not in mart_ids(checked)
    assert len(mart_ids(checked)) == 12 + 3 - 1


def test_a_key_duplicated_on_an_unchanged_page_blocks_an_incremental_check(checked, trade_rows, load_trade_flows):
    # the other page's 2018 total reuses the bundled page's id: only the other page is read as changed
    other = other_page(trade_rows, ids={"uzb-kaz-total-2018-01-01": "uzb-kaz-total-2018-01-01"})
    load_trade_flows(checked, [r for r in trade_rows if r[0] != TOTAL_2019] + other)
    mark_changed(checked, OTHER)

    result, _ = check(checked, CHANGED)

    failed = {r.name: r for r in blocking_failures(result)}
    assert list(failed) == [DUPLICATED], "the duplicate spans a changed and an unchanged page: found over every row"
    assert failed[DUPLICATED].unexpected_count == 2
    assert set(failed[DUPLICATED].source_urls) == {SOURCE, OTHER}
    assert failed[DUPLICATED].unexpected_keys == ("uzb-kaz-total-2018-01-01",) * 2


def test_an_incremental_check_leaves_a_full_table_duplicate_free_mart_passing(checked, trade_rows, load_trade_flows):
    load_trade_flows(checked, [r for r in trade_rows if r[0] != TOTAL_2019] + other_page(trade_rows))
    mark_changed(checked, OTHER)

    result, _ = check(checked, CHANGED)

    unique = next(r for r in result.results if r.name == DUPLICATED)
    assert unique.success and unique.unexpected_count == 0 and unique.observed_value == 0.0


def test_a_quarantined_row_of_an_unchanged_page_stays_when_the_mart_kept_it_out(checked, trade_rows):
    # an incremental mart: dbt inserted the other page's rows and left the bundled page's rows as they were
    other = other_page(trade_rows)
    checked.executemany(f"insert into main.fct_trade_flows values ({', '.join(['?'] * 15)}, 'news')", other)
    mark_changed(checked, OTHER)
    before = quarantine(checked)

    result, moved = check(checked, CHANGED)

    assert result.row_count == 3, "the quarantined row is not in the mart, so only the other page is read"
    assert quarantine(checked) == before and moved == 1
    assert TOTAL_2019 not in mart_ids(checked)


def test_a_quarantined_row_leaves_quarantine_when_its_page_is_corrected(checked, trade_rows, load_trade_flows):
    corrected = [(*r[:7], 3_335e6, *r[8:]) if r[0] == TOTAL_2019 else r for r in trade_rows]
    load_trade_flows(checked, corrected)
    mark_changed(checked, SOURCE)

    result, moved = check(checked, CHANGED)

    assert result.row_count == 12
    assert moved == 0 and quarantine(checked) == {}
    assert TOTAL_2019 in mart_ids(checked)
